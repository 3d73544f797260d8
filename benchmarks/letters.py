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
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import corpora
from .damage import KINDS, damage, prepare
from .score import Counts, score


def has_letter(doc: corpora.Doc) -> bool:
    return any(not p.isascii() and any(c.isalpha() and not c.isascii() for c in p) for p in doc.paragraphs)


def run(docs: list[corpora.Doc], kinds=KINDS) -> dict:
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
        out[kind] = cnt.metrics()
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--out", type=Path, default=None, help="write the metrics as JSON here")
    ap.add_argument("--accents", type=Path, default=None, help="score with this accent index (a held-out build)")
    ap.add_argument("--ids-out", type=Path, default=None, help="write the sample's document IDs here, one a line")
    args = ap.parse_args(argv)
    if args.accents:
        from textfix.lexicon import accents

        accents.PATH = args.accents
    docs = corpora.sample((d for d in corpora.allsides("curly") if has_letter(d)), args.docs, args.split)
    if args.ids_out:
        args.ids_out.write_text("".join(f"{d.id}\n" for d in docs))
    res = run(docs, args.kinds.split(","))
    held = f", accent index {args.accents}" if args.accents else ""
    print(f"# letters evaluation: {len(docs)} allsides-curly {args.split} documents with accented letters{held}\n")
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
