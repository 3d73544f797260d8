"""Rebuild ``data/accents-v1.json.gz``: accented words and how often their damaged forms are real words.

Run from the repository root (beside ``../shared/corpora``)::

    PYTHONPATH=. python -m textfix.lexicon.build_accents [--corpora ../shared/corpora]

Inputs: wordfreq's English "large" list (its accented Latin-script words and their Zipf frequencies) and
the DEV split of allsides-abp ``curly`` (clean, accents intact). Output (gzipped JSON)::

    {"version": 1,
     "words":  {accented_word: [zipf, dev_count]},      # wordfreq words lowercase; corpus forms with case
     "plain":  {deleted_form: [zipf, dev_count]},       # the form with the accented letters deleted
     "bigrams": {"São Paulo": dev_count}}               # accented word + neighbour, for ambiguous forms

``dev_count`` counts case-sensitive occurrences in the clean dev documents. The ``plain`` counts are what
makes wordfreq's pollution harmless: "caf" and "fianc" are in wordfreq (text that lost its accents), but
they never occur in clean edited news, whereas "pea" and "nave" do. Corpus-only words need at least
``MIN_COUNT`` occurrences in two documents, so no rare string of one article is shipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

import regex

from .split import doc_split

MIN_COUNT = 3
_WORD = regex.compile(r"[^\W\d_]+")
_LATIN = regex.compile(r"^\p{Script=Latin}+$")


def deleted(word: str) -> str:
    return word.encode("ascii", "ignore").decode()


def _accented(word: str) -> bool:
    return not word.isascii() and bool(_LATIN.match(word)) and any(c.isascii() for c in word) and len(deleted(word)) >= 1


def build(corpora: Path) -> dict:
    from wordfreq import iter_wordlist, zipf_frequency

    words: dict[str, list] = {}
    for w in iter_wordlist("en", "large"):
        if _accented(w):
            words[w] = [zipf_frequency(w, "en", wordlist="large"), 0]

    counts: Counter = Counter()
    docs: Counter = Counter()
    bigrams: Counter = Counter()
    ascii_counts: Counter = Counter()
    path = corpora / "allsides-abp" / "curly.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev":
                continue
            text = unicodedata.normalize("NFC", d["content_original"])
            toks = _WORD.findall(text)
            ascii_counts.update(t for t in toks if t.isascii())
            if text.isascii():
                continue
            seen = set()
            for i, t in enumerate(toks):
                if not t.isascii() and _accented(t):
                    counts[t] += 1
                    seen.add(t)
                    if i + 1 < len(toks):
                        bigrams[f"{t} {toks[i + 1]}"] += 1
                    if i:
                        bigrams[f"{toks[i - 1]} {t}"] += 1
            docs.update(seen)
    for w, n in counts.items():
        if w in words or w.lower() in words:
            key = w if w in words else w.lower()
            words[key][1] += n
            if w != key and n >= MIN_COUNT and docs[w] >= 2:
                words[w] = [words[key][0], n]
        elif n >= MIN_COUNT and docs[w] >= 2:
            words[w] = [zipf_frequency(w, "en", wordlist="large"), n]
    plain: dict[str, list] = {}
    for w in words:
        d = deleted(w)
        for form in {d, d.lower(), d[:1].upper() + d[1:]}:
            if form and form not in plain:
                plain[form] = [zipf_frequency(form, "en", wordlist="large"), ascii_counts.get(form, 0)]
    kept_bigrams = {b: n for b, n in bigrams.items() if n >= MIN_COUNT and deleted(b.split()[0]) != "" }
    return {"version": 1, "words": words, "plain": plain, "bigrams": kept_bigrams}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("TEXTFIX_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "corpora"
    ap.add_argument("--corpora", type=Path, default=default)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / "accents-v1.json.gz")
    args = ap.parse_args(argv)
    data = build(args.corpora)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"{args.out}: {len(data['words'])} words, {len(data['plain'])} plain forms, {len(data['bigrams'])} bigrams")


if __name__ == "__main__":
    main()
