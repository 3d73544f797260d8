"""Rebuild the shipped deletion tables from the dev split of ``../shared/corpora``.

    TEXTFIX_SHARED=/work/shared python -m textfix.lexicon.build [--out DIR] [--limit N]

The tables describe what ASCII-ignore damage (``G.encode("ascii", "ignore")``) does to clean curly news
(allsides-abp ``curly``, documents with ``doc_split(ID) == "dev"``). Each clean text G is cut into *runs*:
maximal stretches of characters that are ASCII letters/digits or non-ASCII. Deleting the non-ASCII
characters turns each run into exactly one damaged token K, so the pair (K, run) is a training example of
the noisy channel, with no alignment needed. The run is reduced to a *label*: K with the apostrophes and
dashes that the damage deleted put back (``Kyivs`` -> ``Kyiv's``, ``nowwe`` -> ``now—we``); other deleted
characters (quotes, accents, symbols) are not this table's business and are left out of the label.

Tables (see :mod:`textfix.lexicon.tables` for the file format):

- ``exact``/``lower``: damaged token (exact case / lower case) -> label counts, for tokens that were ever
  damaged in an apostrophe/dash way;
- ``next``/``prev``: for ambiguous lower-case tokens (``its``, ``were``, ``clintons``), label counts by the
  following/preceding damaged token;
- ``next2``: for ambiguous tokens with a contraction among their labels (``its``, ``were``, ``well``), label
  counts by the token after next (``its easier to`` / ``its easier access``);
- ``vocab``: lower-case tokens seen undamaged at least ``VOCAB_MIN`` times (a word list that, unlike
  wordfreq's, does not contain the damage);
- ``gap``: what a double space between two words stood for (`` — `` or another deleted symbol such as ©),
  overall and by the neighbouring words;
- ``poss``: how often a token ending in ``s`` whose stem occurs elsewhere in the same document was a
  possessive, by word shape and following word: the fallback for names the tables have never seen.

Counts below a minimum are cut off, so no text is shipped, only aggregated statistics.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from .split import doc_split
from .tables import TABLE_NAME, VERSION, gap_features, label_kind, pack, save, suffix

# One damaged token per run: ASCII letters/digits and any non-ASCII character (deleted by the damage).
RUN = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
# Invisible characters are removed from G before damage (EVALUATION.md): their deletion is correct.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f]")
APOS = "\u2019\u2018\u02bc"
EM = "\u2014\u2015"
EN = "\u2013"
# A double space in K: one run of non-ASCII, non-space characters between two single spaces in G.
GAP = re.compile(r"(?<=\S) ([^\x00-\x7f\s]+) (?=\S)")

MIN_COUNT = 2  # label counts below this are dropped
VOCAB_MIN = 2  # undamaged tokens seen fewer times are not in the vocabulary
CTX_MIN = 2  # context counts below this are dropped
AMBIG_MIN = 5  # a token needs this many examples for context tables
AMBIG_SHARE = 0.995  # ... and its majority label below this share


def label(run: str) -> str:
    """The run's damaged token with deleted apostrophes and dashes put back (case kept)."""
    out = []
    n = len(run)
    for i, ch in enumerate(run):
        if ch.isascii():
            out.append(ch)
            continue
        prev = run[i - 1] if i else ""
        nxt = run[i + 1] if i + 1 < n else ""
        inner = prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()
        if ch in APOS:
            if inner or (not prev and nxt.isdigit()) or (not nxt and prev in "sS" and prev):
                out.append("'")
        elif ch in EM and inner:
            out.append("\u2014")
        elif ch in EN and inner:
            out.append("\u2013")
    return "".join(out)


def context_word(sep: str | None, word: str | None) -> str:
    """The neighbour of a token as the tables see it: the word if one space separates them, else the
    first non-space character of the separator (``|.``), or ``|`` at a paragraph edge."""
    if word is None or sep is None:
        return "|"
    if sep == " ":
        return word.lower()
    s = sep.strip()
    return "|" + (s[:1] if s else "")


def next2_word(runs: list, i: int, after: str) -> str:
    """The token after the next one as the ``next2`` table sees it: ``|`` when the next neighbour is
    punctuation or an edge, else :func:`context_word` of the token after it."""
    if after[:1] == "|":
        return "|"
    return context_word(runs[i + 2][0], runs[i + 2][1]) if i + 2 < len(runs) else "|"


def shape(tok: str) -> str:
    if tok.isdigit() or tok[:-1].isdigit():
        return "9"
    if tok[:-1].isupper():
        return "A"
    if tok[:1].isupper():
        return "C"
    return "a"


def clean(text: str) -> str:
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def documents(shared: Path, limit: int | None = None, exclude: frozenset = frozenset(),
              with_ids: bool = False) -> Iterator:
    """Dev-split bodies of allsides-abp curly (``(ID, body)`` pairs with ``with_ids``), leaving out the
    IDs in ``exclude`` (documents held out from building, to measure on them honestly)."""
    path = shared / "corpora" / "allsides-abp" / "curly.jsonl.gz"
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if doc_split(rec["ID"]) != "dev" or str(rec["ID"]) in exclude:
                continue
            body = rec.get("content_original") or ""
            if "\u00c3\u00a2\u00c2" in body:  # the two Daily Kos docs with real mojibake
                continue
            yield (str(rec["ID"]), body) if with_ids else body
            n += 1
            if limit and n >= limit:
                return


def _runs(para: str) -> list[tuple[str, str, str]]:
    """(separator before, damaged token K, label) for each run of one clean paragraph."""
    runs = []
    last = 0
    for m in RUN.finditer(para):
        run = m.group()
        if run.isascii():
            k = lab = run
        else:
            k = run.encode("ascii", "ignore").decode()
            if not k:
                continue  # a run of deleted characters only: a gap, counted separately
            lab = label(run)
        runs.append((para[last : m.start()].encode("ascii", "ignore").decode(), k, lab))
        last = m.end()
    return runs


def _paragraphs(docs: Iterable[str]) -> Iterator[str]:
    for body in docs:
        for para in clean(body).split("\n"):
            if para.strip():
                yield para


def build(docs: Iterable[str]) -> dict:
    docs = list(docs)
    exact: dict[str, Counter] = defaultdict(Counter)
    plain = Counter()  # exact case
    gap_prior = Counter()
    gap_f: dict[str, Counter] = defaultdict(Counter)
    poss: dict[str, Counter] = defaultdict(Counter)
    s_prior = Counter()
    s_ctx: dict[str, Counter] = defaultdict(Counter)
    # pass 1: labels of every token, gaps, possessive-or-plural evidence
    for para in _paragraphs(docs):
        runs = _runs(para)
        lows = None
        for i, (sep, k, lab) in enumerate(runs):
            if lab != k:
                exact[k][lab] += 1
            else:
                plain[k] += 1
            if len(k) > 2 and k[-1] == "s" and k[-2] not in "sS'" and k[:-1].isalpha():
                cls = "n" if lab == k else "p" if lab == k[:-1] + "'s" else "pp" if lab == k + "'" else None
                if cls:
                    # possessive or plural, whatever the word: the back-off for unseen contexts
                    before = context_word(sep, runs[i - 1][1]) if i else "|"
                    after = context_word(runs[i + 1][0], runs[i + 1][1]) if i + 1 < len(runs) else "|"
                    s_prior[cls] += 1
                    s_ctx["p=" + before][cls] += 1
                    s_ctx["n=" + after][cls] += 1
                    s_ctx["ns=" + suffix(after)][cls] += 1
            if len(k) > 2 and k[-1] == "s" and k[-2] not in "sS'" and (lab == k or lab == k[:-1] + "'s"):
                if lows is None:
                    lows = {t.lower() for _, t, _ in runs}
                if k[:-1].lower() in lows:  # the stem occurs in the same paragraph: possessive or plural?
                    p = "p" if lab != k else "n"
                    sh = shape(k)
                    after = context_word(runs[i + 1][0], runs[i + 1][1]) if i + 1 < len(runs) else "|"
                    poss[sh][p] += 1
                    poss[sh + " " + after][p] += 1
        if not para.isascii():
            for m in GAP.finditer(para):
                what = "\u2014" if m.group(1)[0] in EM + EN else "x"
                b = para[: m.start()].encode("ascii", "ignore").decode().split()
                a = para[m.end() :].encode("ascii", "ignore").decode().split()
                gap_prior[what] += 1
                if b and a:
                    for f in gap_features(b[-1], a[0]):
                        gap_f[f][what] += 1

    def prune(c: Counter, mn: int) -> dict:
        return {k: v for k, v in c.items() if v >= mn}

    lower: dict[str, Counter] = defaultdict(Counter)
    for k, c in exact.items():
        lower[k.lower()].update({lab.lower(): v for lab, v in c.items()})
    t_lower = {}
    for kl, c in lower.items():
        p = prune(c, MIN_COUNT)
        if p:
            t_lower[kl] = p
    plain_lower = Counter()
    for k, v in plain.items():
        kl = k.lower()
        if kl in t_lower:
            plain_lower[kl] += v
            exact[k][k] += v
    for kl, v in plain_lower.items():
        if v >= MIN_COUNT:
            t_lower[kl][kl] = v
    t_exact = {}
    for k, c in exact.items():
        kl = k.lower()
        p = prune(c, MIN_COUNT)
        if kl in t_lower and sum(p.values()) >= 3 and any(lab != k for lab in p):
            t_exact[k] = p
    ambiguous = set()
    for kl, c in t_lower.items():
        tot = sum(c.values())
        if tot >= AMBIG_MIN and max(c.values()) / tot < AMBIG_SHARE:
            ambiguous.add(kl)
    # the ambiguous tokens that collide with a contraction (its/it's, were/we're) also get the word after next
    contracting = {kl for kl in ambiguous if any("'" in lab and label_kind(lab) == "contraction" for lab in t_lower[kl])}
    # pass 2: contexts of the ambiguous tokens
    nx2: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    nxt: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    prv: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    nxs: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for para in _paragraphs(docs):
        runs = _runs(para)
        for i, (sep, k, lab) in enumerate(runs):
            kl = k.lower()
            if kl not in ambiguous:
                continue
            ll = lab.lower()
            before = context_word(sep, runs[i - 1][1]) if i else "|"
            after = context_word(runs[i + 1][0], runs[i + 1][1]) if i + 1 < len(runs) else "|"
            nxt[kl][after][ll] += 1
            prv[kl][before][ll] += 1
            nxs[kl][suffix(after)][ll] += 1
            if kl in contracting:
                nx2[kl][next2_word(runs, i, after)][ll] += 1
    t_next, t_prev, t_nxs, t_nx2 = {}, {}, {}, {}
    for src, dst in ((nxt, t_next), (prv, t_prev), (nxs, t_nxs), (nx2, t_nx2)):
        for kl, ctx in src.items():
            d = {w: prune(cc, CTX_MIN) for w, cc in ctx.items()}
            d = {w: cc for w, cc in d.items() if cc}
            if d:
                dst[kl] = pack(d)
    vocab_c = Counter()
    for k, v in plain.items():
        vocab_c[k.lower()] += v
    vocab = sorted(k for k, v in vocab_c.items() if v >= VOCAB_MIN)
    return {
        "version": VERSION,
        "docs": len(docs),
        "exact": t_exact,
        "lower": t_lower,
        "next": t_next,
        "prev": t_prev,
        "next_suffix": t_nxs,
        "next2": t_nx2,
        "vocab": vocab,
        "gap": {
            "prior": dict(gap_prior),
            "f": {f: dict(c) for f, c in gap_f.items() if sum(c.values()) >= CTX_MIN},
        },
        "poss": {k: dict(c) for k, c in poss.items() if sum(c.values()) >= CTX_MIN},
        "s_class": {"prior": dict(s_prior),
                    "ctx": {f: dict(c) for f, c in s_ctx.items() if sum(c.values()) >= 5 and len(c) > 1}},
    }


def shared_dir() -> Path:
    env = os.environ.get("TEXTFIX_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder holding corpora/ (default: $TEXTFIX_SHARED or ../shared)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N dev documents")
    ap.add_argument("--exclude", type=Path, default=None,
                    help="a file of document IDs (one a line) to leave out: held-out dev documents")
    args = ap.parse_args(argv)
    shared = args.shared or shared_dir()
    if not (shared / "corpora").is_dir():
        print(f"no corpora under {shared}; set TEXTFIX_SHARED", file=sys.stderr)
        return 2
    exclude = frozenset(args.exclude.read_text().split()) if args.exclude else frozenset()
    tables = build(documents(shared, args.limit, exclude))
    args.out.mkdir(parents=True, exist_ok=True)
    path = save(tables, args.out / TABLE_NAME)
    print(f"{path}: {tables['docs']} docs, {len(tables['lower'])} damaged tokens, {len(tables['next'])} ambiguous, "
          f"{len(tables['vocab'])} vocabulary words, {path.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
