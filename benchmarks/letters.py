"""A larger evaluation of accented letters: documents that contain them, scored by EVALUATION.md.

    TEXTFIX_SHARED=/work/shared PYTHONPATH=. python -m benchmarks.letters --docs 300 [--split dev|test]

The main restore benchmark samples documents regardless of content, so its ``letter`` class is small (a
few dozen letters in 300 documents). This one samples, with the same hash ranking
(:func:`benchmarks.corpora.sample`), only allsides-curly documents with at least one non-ASCII letter
(é, ö, ñ …), damages every paragraph of them with each damage kind and scores textfix's output with the
unchanged scorer (:func:`benchmarks.score.score`). It reports the ``letter`` class (damaged, restored,
invented, broken, recall, precision) and, to show the letters were not bought with other damage, the
overall figures and broken characters of all classes.

The accent index is built from the dev split's clean-news counts, so dev figures are in-sample for
that evidence; ``--split test`` reports (never tune on it) how the figures carry to unseen documents.
For a held-out dev figure, write the sample's document IDs, build an index without them and score with
it::

    python -m benchmarks.letters --docs 300 --ids-out /tmp/ids.txt --kinds ascii-ignore
    python -m textfix.lexicon.build_accents --exclude /tmp/ids.txt --out /tmp/acc-heldout.json.gz
    python -m benchmarks.letters --docs 300 --accents /tmp/acc-heldout.json.gz

``--range A:B`` scores the sample's documents A to B-1 only (the same ranking, so ``--range 0:300`` is
``--docs 300``): a fresh blind sample beyond those earlier rounds studied. The dev split has only 680
curly documents with accented letters; ``--variant mixed|ascii`` samples the other allsides files (51 and
69 such dev documents), whose text the accent index (built from curly) never saw.

``--show`` prints the word of each missed and invented letter (tab-separated: MISSED/INVENTED, damage
kind, document ID, word); ``--any`` samples all documents, not only those with accented letters, as a
check of letters invented in ordinary news (build the held-out index without those IDs as well).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import corpora
from .damage import KINDS, damage, prepare
from .score import Counts, classify, fold, matched, score


def has_letter(doc: corpora.Doc) -> bool:
    return any(not p.isascii() and any(c.isalpha() and not c.isascii() for c in p) for p in doc.paragraphs)


def _word_at(text: str, i: int) -> str:
    a, b = i, i + 1
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "'\u2019-"):
        a -= 1
    while b < len(text) and (text[b].isalnum() or text[b] in "'\u2019-"):
        b += 1
    return text[a:b]


def events(g: str, o: str) -> tuple[list[str], list[str]]:
    """(words of G whose damaged letter ``o`` did not restore, words of ``o`` with an invented letter):
    the scorer's alignment (:func:`benchmarks.score.matched`) shown as words, for ``--show``."""
    fg, fo = fold(g), fold(o)
    g_hit, o_hit = matched(fg, fo)
    cls_g, cls_o = classify(g), classify(o)
    missed = {_word_at(g, i) for i, c in enumerate(g) if c >= "\x80" and cls_g[i] == "letter" and i not in g_hit}
    invented = {_word_at(o, j) for j, c in enumerate(o) if cls_o[j] == "letter" and j not in o_hit}
    return sorted(missed), sorted(invented)


def run(docs: list[corpora.Doc], kinds=KINDS, show: bool = False) -> dict:
    import textfix

    out = {}
    for kind in kinds:
        cnt = Counts()
        for doc in docs:
            gs = [g for g in (prepare(p) for p in doc.paragraphs) if g.strip()]
            ks = [damage(g, kind) for g in gs]
            res = textfix.fix("\n".join(k.text for k in ks)).split("\n")
            if len(res) != len(gs):
                continue
            for g, k, o in zip(gs, ks, res):
                cnt += score(g, k, o)
                if show:
                    missed, invented = events(g, o)
                    for w in missed:
                        print(f"MISSED\t{kind}\t{doc.id}\t{w}")
                    for w in invented:
                        print(f"INVENTED\t{kind}\t{doc.id}\t{w}")
        out[kind] = cnt.metrics()
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--range", default=None, metavar="A:B",
                    help="score the sample's documents A to B-1 only (a fresh blind sample; overrides --docs)")
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--variant", default="curly", choices=("curly", "mixed", "ascii"),
                    help="the allsides file to sample (mixed and ascii documents never enter the accent index)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--out", type=Path, default=None, help="write the metrics as JSON here")
    ap.add_argument("--accents", type=Path, default=None, help="score with this accent index (a held-out build)")
    ap.add_argument("--ids-out", type=Path, default=None, help="write the sample's document IDs here, one a line")
    ap.add_argument("--any", action="store_true", help="sample all documents, not only those with accented letters "
                    "(a check of invented letters in ordinary news)")
    ap.add_argument("--show", action="store_true", help="print each missed and invented letter's word (tab-separated)")
    args = ap.parse_args(argv)
    if args.accents:
        from textfix.lexicon import accents

        accents.PATH = args.accents
    a, b = 0, args.docs
    if args.range:
        a, b = (int(x) for x in args.range.split(":"))
    docs = corpora.sample((d for d in corpora.allsides(args.variant) if args.any or has_letter(d)), b, args.split)[a:]
    if args.ids_out:
        args.ids_out.write_text("".join(f"{d.id}\n" for d in docs))
    res = run(docs, args.kinds.split(","), args.show)
    held = f", accent index {args.accents}" if args.accents else ""
    what = "documents" if args.any else "documents with accented letters"
    part = f" ({a}-{b} of the sample)" if a else ""
    print(f"# letters evaluation: {len(docs)} allsides-{args.variant} {args.split} {what}{part}{held}\n")
    print("| damage | letter R / P (restored/damaged, +invented) | letter broken | overall R / P | broken (all) |")
    print("|---|---|---|---|---|")
    for kind, m in res.items():
        lt, ov = m["letter"], m["overall"]

        def pct(x):
            return "–" if x is None else f"{100 * x:.1f}"

        print(f"| {kind} | {pct(lt['recall'])} / {pct(lt['precision'])} ({lt['restored']}/{lt['damaged']}, +{lt['invented']}) "
              f"| {lt['broken']} | {pct(ov['recall'])} / {pct(ov['precision'])} | {ov['broken']} |")
    if args.out:
        args.out.write_text(json.dumps({"docs": len(docs), "split": args.split, "kinds": res}, indent=1))


if __name__ == "__main__":
    main()
