"""Judge one rule: textfix's insertions whose reason matches a pattern, right or wrong against the original.

    TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. python -m benchmarks.judge 'possessive:.*:unlisted' \\
        [--corpus allsides-curly] [--docs 0:600] [--kind ascii-ignore|qmark|fffd] [--show]

Each document of the sample (``--docs A:B``: ranks A to B of the benchmark's dev sample) is damaged with
``--kind`` (default ``ascii-ignore``) and repaired with ``fix_and_explain(..., assume=(kind,))``. Every
change whose reason matches the pattern (``re.search``) is judged against the clean original, folded as
EVALUATION.md folds (’ ‘ and ' are one apostrophe, “ ” „ « » and " one quotation mark, — – ― one dash):

- under ``ascii-ignore``, a change that inserts characters is right when the characters the damage deleted
  at that place include what it inserted;
- under ``qmark`` and ``fffd``, where each lost character became one placeholder in place, a change that
  replaces one character is right when the original has what it wrote at that place (so replacing a real
  ``?`` is wrong), and an insertion is wrong: nothing was deleted.

It prints the counts, counts by confidence band, every wrong change with its context and, with ``--show``,
every right one: the check for a rule's precision on text it was not built from (use tables built without
those documents to judge on the held-out ones, ``TEXTFIX_DELETION_DATA``, ``TEXTFIX_PLACEHOLDER_DATA``).
For studying rules on the dev split; never tune on test.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from . import corpora
from .damage import damage_text, prepare

_FOLD = str.maketrans({"\u2018": "\u2019", "'": "\u2019", "\u2013": "\u2014", "\u2015": "\u2014",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def judge_text(g: str, pattern: re.Pattern, kind: str = "ascii-ignore", **options) -> list[tuple[bool, object, str, str]]:
    """``[(right, change, context, lost), ...]`` for the changes of ``fix_and_explain`` on the ``kind``
    damage of the clean text ``g`` whose reason matches ``pattern`` (see the module docstring): under
    ``ascii-ignore`` the insertions, with ``lost`` the characters the damage deleted there; under ``qmark``
    and ``fffd`` the one-character replacements and the insertions, with ``lost`` the original character
    there (empty for an insertion)."""
    import textfix

    if kind == "ascii-ignore":
        kept = [i for i, ch in enumerate(g) if ch.isascii()]
        k = "".join(g[i] for i in kept)
        kept.append(len(g))
        assume = "deletion"
    elif kind in ("qmark", "fffd"):
        k = damage_text(g, kind)  # one placeholder per lost character: K's offsets are G's
        assume = kind
    else:
        raise ValueError(f"judge handles ascii-ignore, qmark and fffd, not {kind!r}")
    ex = textfix.fix_and_explain(k, **({"assume": (assume,)} | options))
    out = []
    # Offsets are sequential (each change indexes the text after the earlier ones), and a later stage's
    # change may stand before an earlier stage's: ``origin`` maps each character of the text as it stands
    # to its position in ``k`` (-1 for a written one), replayed change by change.
    origin = list(range(len(k)))
    for c in ex.changes:
        nxt = next((o for o in origin[c.start :] if o >= 0), len(k))
        was = origin[c.start] if len(c.before) == 1 else -1
        origin[c.start : c.end] = [-1] * len(c.after)
        if not pattern.search(c.reason):
            continue
        at = nxt  # the change's offset in the damaged text: the original character it stands at or before
        if kind == "ascii-ignore":
            if c.before:
                continue
            lost = g[kept[at - 1] + 1 if at else 0 : kept[at]]
            right = c.after.translate(_FOLD) in lost.translate(_FOLD)
        elif c.before and was < 0:
            continue  # a longer replacement, or one of a character an earlier change wrote
        else:
            lost = g[was] if c.before else ""
            right = bool(c.before) and c.after.translate(_FOLD) == lost.translate(_FOLD)
        ctx = (k[max(0, at - 40) : at] + "[" + c.after + "]" + k[at + len(c.before) : at + len(c.before) + 30]).replace("\n", " ")
        out.append((right, c, ctx, lost))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pattern", help="a regular expression that the change's reason must match")
    ap.add_argument("--corpus", default="allsides-curly")
    ap.add_argument("--docs", default="0:300", help="ranks A:B of the dev sample")
    ap.add_argument("--kind", default="ascii-ignore", choices=("ascii-ignore", "qmark", "fffd"))
    ap.add_argument("--show", action="store_true", help="print the right changes too")
    args = ap.parse_args(argv)
    a, b = (int(x) for x in args.docs.split(":"))
    pattern = re.compile(args.pattern)
    counts: Counter = Counter()
    bands: Counter = Counter()
    lines = []
    for d in corpora.load(args.corpus, b, "dev")[a:b]:
        g = "\n".join(prepare(p) for p in d.paragraphs)
        for right, c, ctx, deleted in judge_text(g, pattern, args.kind):
            counts["right" if right else "wrong"] += 1
            bands[(min(int(c.confidence * 20) / 20, 0.95), right)] += 1
            if args.show or not right:
                lines.append(f"{'RIGHT' if right else 'WRONG'}\t{c.reason}\t{c.confidence:.2f}\t{d.id}\t{ctx}\tlost={deleted!r}")
    print(f"{args.corpus} dev {a}:{b} {args.kind}: {counts['right']} right, {counts['wrong']} wrong")
    for band in sorted({k[0] for k in bands}):
        print(f"  confidence {band:.2f}+: {bands[(band, True)]} right, {bands[(band, False)]} wrong")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
