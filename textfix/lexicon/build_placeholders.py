"""Rebuild ``data/placeholders-v2.json.gz``: what a placeholder stood for, by its context.

Run from the repository root (beside ``../shared/corpora``)::

    PYTHONPATH=. python -m textfix.lexicon.build_placeholders [--corpora ../shared/corpora]

Input: the DEV split of allsides-abp ``curly`` (clean edited news with ’ “ ” — – … intact). Each document
is damaged the two ways a placeholder arises and every placeholder position is counted under its context
keys (:func:`textfix.fixers.placeholders.keys`), with the original character as label (letters as ``L``):

- ``q``: ``encode("ascii", "replace")``: every non-ASCII character AND every real ``?`` is a candidate,
  and a real question mark is the label ``?``;
- ``k``: known placeholders (U+FFFD, lossy-mojibake remnants): only non-ASCII characters are candidates.

Also, for every ’ or ” (or real ``?``) that follows a word ending in ``s`` and precedes a space and a
lower-case word, that word: ``s_next`` ``{word: {label: count}}`` (``Republicans’ racist`` is a plural
possessive, ``plans” and`` a closing quotation mark), with the totals per label under ``#0`` (no double
quotation open before it on the line) and ``#1`` (one open).

And (added to version 2, read only if present): ``hyphen``, the sorted list of the lower-case letter-run
pairs ``left-right`` that clean news joins with a hyphen (ASCII, U+2010 or U+2011) at least ``MIN_HYPHEN``
times and never with another non-letter character that is not ASCII (``self-defense``, ``well-equipped``;
not ``trump-russia``, which is also written with –): a document whose placeholders stand between such
pairs writes its hyphens as U+2010 or U+2011.

Output (gzipped JSON, version 2): ``{"version": 2, "q": {key: {label: count}}, "k": {...}, "s_next":
{...}, "hyphen": [...]}``. Counts below ``MIN_COUNT`` are dropped, so no rare context of a single article
is shipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex

from ..fixers.placeholders import PH, keys, label, run_keys
from .split import doc_split

MIN_COUNT = 3
MIN_HYPHEN = 5
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f"), None)
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_NON_ASCII_OR_Q = regex.compile(r"[^\x00-\x7f]|\?")
_S_NEXT = regex.compile(r"(?<=\p{L}s)([\u2019\u201d?]) (\p{Ll}+)")
_HYPHENS = frozenset("-\u2010\u2011")  # ASCII hyphen, hyphen, non-breaking hyphen
#: two letter runs joined by one character that is no letter: an ASCII hyphen or any non-ASCII one
_JOINED = regex.compile(r"(?<!\p{L})(\p{L}+)([^\p{L}\x00-\x2c\x2e-\x7f])(?=(\p{L}+)(?!\p{L}))")


def count_paragraph(para: str, tables: dict[str, defaultdict]) -> None:
    for mode, pat in (("q", _NON_ASCII_OR_Q), ("k", _NON_ASCII)):
        hits = [m.start() for m in pat.finditer(para)]
        if not hits:
            continue
        sk = pat.sub(PH, para)
        q_open = False
        hitset = set(hits)
        for i in hits:
            c = para[i]
            for k in keys(sk, i, q_open):
                tables[mode][k][label(c)] += 1
            if i + 1 in hitset and i - 1 not in hitset:
                b = i + 1
                while b in hitset:
                    b += 1
                if b - i <= 4:
                    lab = "".join(label(para[j]) for j in range(i, b))
                    for k in run_keys(sk, i, b, q_open):
                        tables[mode][k][lab] += 1
            if c == "\u201c":
                q_open = True
            elif c == "\u201d":
                q_open = False


def build(corpora: Path, skip_first: int = 0, exclude: frozenset = frozenset()) -> dict:
    tables = {"q": defaultdict(Counter), "k": defaultdict(Counter), "s_next": defaultdict(Counter)}
    hyphen, other = Counter(), Counter()
    with gzip.open(corpora / "allsides-abp" / "curly.jsonl.gz", "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n < skip_first:
                continue
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev" or d["ID"] in exclude:
                continue
            text = unicodedata.normalize("NFC", d["content_original"].translate(_INVISIBLE))
            for m in _JOINED.finditer(text):
                pair = f"{m.group(1).lower()}-{m.group(3).lower()}"
                if m.group(2) in _HYPHENS:
                    hyphen[pair] += 1
                else:
                    other[pair] += 1
            for para in text.split("\n"):
                if para and (not para.isascii() or "?" in para):
                    count_paragraph(para, tables)
                    for m in _S_NEXT.finditer(para):
                        before = para[: m.start()]
                        q = "1" if before.rfind("\u201c") > before.rfind("\u201d") else "0"
                        tables["s_next"][m.group(2)][m.group(1)] += 1
                        tables["s_next"]["#" + q][m.group(1)] += 1
    out = {"version": 2}
    for mode, tab in tables.items():
        out[mode] = {}
        for k, counts in tab.items():
            kept = {lab: c for lab, c in counts.items() if c >= MIN_COUNT}
            if kept:
                out[mode][k] = kept
    out["hyphen"] = sorted(p for p, n in hyphen.items() if n >= MIN_HYPHEN and not other[p])
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("TEXTFIX_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "corpora"
    ap.add_argument("--corpora", type=Path, default=default)
    ap.add_argument("--skip-first", type=int, default=0, help="skip the first N records (to measure on them)")
    ap.add_argument("--exclude-ids", type=Path, default=None,
                    help="a file of document IDs (one a line) to leave out (to measure on them)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / "placeholders-v2.json.gz")
    args = ap.parse_args(argv)
    exclude = frozenset(args.exclude_ids.read_text().split()) if args.exclude_ids else frozenset()
    data = build(args.corpora, args.skip_first, exclude)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"{args.out}: {len(data['q'])} q keys, {len(data['k'])} k keys, {len(data['s_next'])} s_next words, "
          f"{len(data['hyphen'])} hyphen pairs")


if __name__ == "__main__":
    main()
