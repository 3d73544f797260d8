"""List textfix's missed and invented characters of one class, with context, on damaged dev news.

    TEXTFIX_SHARED=/work/shared PYTHONPATH=. python -m benchmarks.deletion_errors --docs 300 --cls apostrophe

Each line is ``miss`` (a damaged character of G that the output lacks) or ``inv`` (a character of the
output that matches nothing in G), the word around it and 30 characters of context either side, the mark
in brackets. The alignment and the classes are those of :mod:`benchmarks.score`; a summary of the most
frequent words goes to stderr. For studying errors on the dev split (the default); never tune on test.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from difflib import SequenceMatcher

from . import corpora
from .damage import KINDS, damage, prepare
from .score import CLASSES, classify, fold

_MARKS = "'\u2019\u2018\u2014\u2013\u2015\"\u201c\u201d"


def _word(s: str, i: int) -> str:
    a = b = i
    while a > 0 and (s[a - 1].isalnum() or s[a - 1] in _MARKS):
        a -= 1
    while b < len(s) and (s[b].isalnum() or s[b] in _MARKS):
        b += 1
    return s[a:b]


def _ctx(s: str, i: int) -> str:
    return (s[max(0, i - 30) : i] + "[" + s[i] + "]" + s[i + 1 : i + 31]).replace("\n", " ")


def errors(docs: list[corpora.Doc], cls: str, kind: str = "ascii-ignore"):
    """Yield (``miss``|``inv``, word, context, doc id) for class ``cls``."""
    import textfix

    for d in docs:
        gs = [g for g in (prepare(p) for p in d.paragraphs) if g.strip()]
        out = textfix.fix("\n".join(damage(g, kind).text for g in gs)).split("\n")
        if len(out) != len(gs):
            continue  # a line-count error; the benchmark scores such a document as one unit
        for g, o in zip(gs, out):
            cg, co = classify(g), classify(o)
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, fold(g), fold(o), autojunk=False).get_opcodes():
                if tag == "equal":
                    continue
                for i in range(i1, i2):
                    if g[i] >= "\x80" and cg[i] == cls:
                        yield "miss", _word(g, i), _ctx(g, i), d.id
                for j in range(j1, j2):
                    if co[j] == cls and not o[j].isalnum() and not o[j].isspace():
                        yield "inv", _word(o, j), _ctx(o, j), d.id


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--range", default=None, metavar="A:B",
                    help="list documents A to B-1 of the sample only (a held-out or blind range; overrides --docs)")
    ap.add_argument("--cls", choices=CLASSES, default="apostrophe")
    ap.add_argument("--kind", choices=KINDS, default="ascii-ignore")
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--corpus", default="allsides-curly")
    args = ap.parse_args(argv)
    a, b = 0, args.docs
    if args.range:
        a, b = (int(x) for x in args.range.split(":"))
    docs = corpora.load(args.corpus, b, args.split)[a:]
    words: Counter = Counter()
    for what, word, ctx, doc in errors(docs, args.cls, args.kind):
        print(f"{what}\t{word}\t{ctx}\t{doc}")
        words[(what, word.lower())] += 1
    print(f"{len(docs)} docs; most frequent: " + ", ".join(f"{w[0]} {w[1]!r} x{n}" for w, n in words.most_common(20)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
