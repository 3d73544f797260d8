"""List textfix's restoration errors with context, grouped, for one damage kind on the dev sample.

    TEXTFIX_SHARED=/work/shared PYTHONPATH=. python -m benchmarks.errors --kind qmark --docs 300 [--cls symbol]

Uses the scorer's alignment (:mod:`benchmarks.score`): for every paragraph, each differing span of
fold(G) and fold(O) is one event. Events are grouped by (class, G span -> O span), largest group first,
with a few contexts each, so the biggest error groups are the first lines of the output:

- ``miss``: a damaged character of G not restored (O has nothing, the placeholder, or another mark);
- ``wrong``: the same span written with another character (a miss and an invention at once);
- ``invented``: O characters matched to nothing in G (placeholders left untouched are misses);
- ``broken``: survivors of K missing from O (alignment of K with fold(O)).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from . import corpora
from .damage import KINDS, damage, prepare
from .score import _pairs, _survivor_hits, classify, fold


def events(g: str, k, o: str):
    """(type, class, g_span, o_span, context) for one paragraph."""
    fg, fo = fold(g), fold(o)
    cls_g = classify(g)
    cls_o = classify(o)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, fg, fo, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        gs, os_ = g[i1:i2], o[j1:j2]
        ctx = f"{g[max(0, i1 - 30):i1]}[{gs}→{os_}]{g[i2:i2 + 30]}".replace("\n", " ")
        damaged = [cls_g[i] for i in range(i1, i2) if g[i] >= "\x80"]
        inv = [cls_o[j] for j in range(j1, j2) if o[j] not in "?\ufffd"]
        c = (damaged or inv or ["?"])[0]
        if damaged and inv:
            typ = "wrong"
        elif damaged:
            typ = "miss"
        elif inv:
            typ = "invented"
        else:
            continue
        out.append((typ, c, gs, os_, ctx))
    hit = _survivor_hits(k, _pairs(k.text, fo))
    for i, s in enumerate(k.survivor):
        if s and i not in hit:
            c = classify(k.text)[i]
            out.append(("broken", c, k.text[i], "", f"{k.text[max(0, i - 30):i]}[{k.text[i]}]{k.text[i + 1:i + 30]}"))
    return out


def main(argv=None) -> None:
    import textfix

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", default="qmark", choices=KINDS)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--cls", default=None, help="only this class (apostrophe, quote, dash, letter, symbol, space)")
    ap.add_argument("--type", default=None, help="only this event type (miss, wrong, invented, broken)")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--groups", type=int, default=40)
    ap.add_argument("--letters", action="store_true", help="sample documents with accented letters (benchmarks.letters)")
    ap.add_argument("--corpus", default="allsides-curly", choices=sorted(corpora.READERS),
                    help="the corpus to sample (bbc-2005-curled: read its dev split only)")
    args = ap.parse_args(argv)
    if args.letters:
        from .letters import has_letter

        docs = corpora.sample((d for d in corpora.allsides("curly") if has_letter(d)), args.docs, args.split)
    else:
        docs = corpora.load(args.corpus, args.docs, args.split)
    groups: dict[tuple, list[str]] = defaultdict(list)
    totals = Counter()
    for doc in docs:
        gs = [g for g in (prepare(p) for p in doc.paragraphs) if g.strip()]
        if not gs:
            continue
        ks = [damage(g, args.kind) for g in gs]
        out = textfix.fix("\n".join(k.text for k in ks)).split("\n")
        if len(out) != len(gs):
            totals["line_errors"] += 1
            continue
        for g, k, o in zip(gs, ks, out):
            if fold(o) == fold(g):
                continue
            for typ, c, gspan, ospan, ctx in events(g, k, o):
                if (args.cls and c != args.cls) or (args.type and typ != args.type):
                    continue
                totals[(typ, c)] += 1
                groups[(typ, c, gspan, ospan)].append(f"{doc.id}: …{ctx}…")
    print(f"# {args.kind}, {len(docs)} {args.split} docs: events by (type, class)")
    for key, n in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {key}: {n}")
    print()
    for (typ, c, gspan, ospan), ctxs in sorted(groups.items(), key=lambda kv: -len(kv[1]))[: args.groups]:
        print(f"{len(ctxs):4d}  {typ:8s} {c:10s} {gspan!r} -> {ospan!r}")
        for x in ctxs[: args.examples]:
            print(f"        {x}")


if __name__ == "__main__":
    main()
