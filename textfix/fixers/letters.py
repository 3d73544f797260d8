"""Deleted accented letters and symbols: ``caf`` -> café, ``Schrder`` -> Schröder, ``25C`` -> 25°C.

``encode("ascii", "ignore")`` deletes every non-ASCII character and leaves no trace of where. A deleted
letter leaves a non-word (``Schrder``) or, worse, another word (``nave`` for naïve, ``Pea`` for Peña,
``So`` for São). Candidates come from the accent index (:mod:`textfix.lexicon.accents`), keyed by the
deleted form. A candidate is taken when:

- the accented word stands intact in the same document or its title (strongest evidence: a name spelled
  once with its accent is that name everywhere in the article);
- or the deleted form never occurs in clean news (so a listed "caf" or "fianc" in wordfreq is damage,
  not a word) and the accented word does, or is clearly more frequent in wordfreq;
- or the deleted form is a word, but clean news has the accented word far more often in that spelling
  and case (``Pea`` capitalised is not the vegetable), or in a known two-word name (``São Paulo``).

Symbols are restored only where their context fixes them: ``Copyright  2019`` (the double space is the
deleted ©), a degree sign between a temperature and its unit, a bullet at the start of a list line.
A deleted currency sign (``5m`` for £5m) cannot be told from metres or a bare number: it is proposed
with low confidence (shown by ``fix_and_explain`` at ``min_confidence=0``) unless ``config.currency``
names the sign to restore.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..changes import Change
from ..lexicon import accents
from . import Context

FIXERS = ("restore_letters", "restore_symbols")

_TOKEN = regex.compile(r"[A-Za-z]+")
# Fused contractions that an accented word also deletes to (``Cant`` / Cantú): apostrophe damage is far
# more common, so these are left to the apostrophe restorer.
_CONTRACTIONS = frozenset(
    "cant wont dont isnt arent wasnt werent havent hasnt hadnt couldnt wouldnt shouldnt mustnt ive im id ill "
    "hes shes its lets were well shell youd youre youll youve theyd theyre theyll theyve wed weve whos whats "
    "thats theres heres hed".split()
)
# Phrases whose accented word vanished entirely (a one-letter word) or together with an apostrophe.
_PHRASES = {
    "vis--vis": "vis-\u00e0-vis",
    "raison dtre": "raison d\u2019\u00eatre",
    "coup dtat": "coup d\u2019\u00e9tat",
    "pice de rsistance": "pi\u00e8ce de r\u00e9sistance",
}
_PHRASE = regex.compile(r"\b(?:" + "|".join(regex.escape(p) for p in _PHRASES) + r")\b", regex.IGNORECASE)
# Words after which ``nave``-like forms are the noun, not the adjective of the accented reading.
_NOUN_CONTEXT = frozenset(("the", "its", "this", "that", "church", "cathedral", "whose"))

_COPYRIGHT = regex.compile(r"\b(?:Copyright|COPYRIGHT|copyright) (?= \d{4}\b)")
_COPY_LINE = regex.compile(r"(?m)^(?= \d{4}\b[^\n]{0,80}\b(?:All [Rr]ights|Inc\b|LLC|Ltd|Company|Times|News|Media|Press))")
_DEGREES = regex.compile(r"(?<![\w.])-?\d{1,3}(?:\.\d)?(?=[CF]\b)")
_TEMP_WORDS = regex.compile(r"(?i)\b(?:temperatures?|degrees?|heat|warm(?:er|ing)?|cold|weather|celsius|fahrenheit|thermometer|hot|cool(?:er)?|freezing)\b")
_BULLET = regex.compile(r"(?m)^ (?=\S)")
_AMOUNT = regex.compile(r"(?<![\w$£€¥.,])(?=\d[\d,]*(?:\.\d+)?(?:m|bn|k)?\b(?:\s(?:million|billion|trillion))?)(?=\d[\d,]*(?:\.\d+)?(?:m\b|bn\b|\s(?:million|billion|trillion)\b))")


def propose(text: str, ctx: Context) -> Iterable[Change]:
    if not ctx.damaged("deletion"):
        return []
    out = list(_letters(text, ctx)) if ctx.config.restore_letters else []
    if ctx.config.restore_symbols:
        taken = {(c.start, c.end) for c in out}
        out.extend(c for c in _symbols(text, ctx) if (c.start, c.end) not in taken)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _letters(text: str, ctx: Context) -> Iterable[Change]:
    index = accents.by_deleted()
    vocab = ctx.vocab
    tokens = list(_TOKEN.finditer(text))
    memo: dict = {}
    for m in _PHRASE.finditer(text):
        after = _PHRASES[m.group().lower()]
        if m.group()[:1].isupper():
            after = after[:1].upper() + after[1:]
        yield Change(m.start(), m.end(), m.group(), after, "restore_letters", f"accent:phrase:{m.group()}", 0.9)
    for n, m in enumerate(tokens):
        full = m.group()
        if full.lower() in _CONTRACTIONS:
            continue
        prev = tokens[n - 1].group() if n and text[tokens[n - 1].end() : m.start()] == " " else ""
        nxt = tokens[n + 1].group() if n + 1 < len(tokens) and text[m.end() : tokens[n + 1].start()] == " " else ""
        options = [(full, "")]
        if len(full) > 3 and full[-1] == "s":
            # a possessive whose apostrophe was deleted too: ``Gascns`` is Gascón’s
            options.append((full[:-1], "s"))
        for tok, suffix in options:
            key = (tok, prev, nxt)  # the same token between the same neighbours: the same verdict
            best = memo.get(key, memo)
            if best is memo:
                cands = index.get(tok.lower())
                best = memo[key] = _best(tok, cands, vocab, prev, nxt) if cands else None
            if best:
                conf, why, written = best
                yield Change(m.start(), m.end(), full, written + suffix, "restore_letters", f"accent:{tok}->{written}:{why}", conf)
                break


_LEAD_BYTES = frozenset("\u00c2\u00c3\u00c4\u00c5\u00e2")


def _best(tok, cands, vocab, prev, nxt):
    best = None
    for cand in cands:
        # wordfreq also lists mojibake remnants (``itâ`` from ``itâ€™s``); a word that ends in a UTF-8
        # lead byte read as Latin-1 is damage, not an accented word
        if cand.word[-1:] in _LEAD_BYTES:
            continue
        word = cand.word
        if word.encode("ascii", "ignore").decode() == "" or len(word) == len(tok):
            continue
        # a name (capitalised in the index) does not stand for a lowercase token
        if word[:1].isupper() and tok[:1].islower() and word[:1].isascii():
            continue
        # a deleted first letter has no visible case: only a cased form from clean news says it
        if not word[:1].isascii() and not word[:1].isupper():
            continue
        written = accents.match_case(tok, word) if not word[:1].isupper() or tok.isupper() else word
        if written.encode("ascii", "ignore").decode() != tok:
            written = accents.match_case(tok, word)
            if written.encode("ascii", "ignore").decode() != tok:
                continue
        verdict = _judge(tok, written, cand, vocab, prev, nxt)
        if verdict and (best is None or verdict[0] > best[0]):
            best = (verdict[0], verdict[1], written)
    return best


def _judge(tok: str, written: str, cand: accents.Accented, vocab, prev: str, nxt: str):
    if vocab.get(written) or vocab.get(cand.word):
        return 0.95, "seen-in-doc"
    z_plain, n_plain = _plain(tok)
    pair = accents.bigram(f"{written} {nxt}") if nxt else 0
    pair = pair or (accents.bigram(f"{prev} {written}") if prev else 0)
    if pair >= 3 and written[:1].isupper():
        return 0.9, "name-pair"
    if len(tok) <= 2:
        if n_plain == 0 and cand.count >= 5 and tok[:1].isupper() and written[:1].isupper():
            return 0.85, "clean-news-short"
        return None
    if n_plain == 0:
        # never in clean news: wordfreq's listing of it is the damage itself
        if cand.count > 0:
            return 0.92, "clean-news"
        if z_plain <= cand.zipf - 0.3 and cand.zipf >= 2.5:
            return 0.8, "wordfreq"
        return None
    if prev.lower() in _NOUN_CONTEXT or nxt.lower() == "of":
        return None
    prior = cand.count / (cand.count + n_plain)
    if cand.count >= 5 and prior >= 0.9 and z_plain <= cand.zipf + 0.3:
        return 0.5 + 0.45 * prior, "clean-news-prior"
    return None


def _plain(tok: str) -> tuple[float, int]:
    """Evidence that ``tok`` is itself a word; an ALL-CAPS token shows no case, so take its other cases."""
    forms = (tok,) if not tok.isupper() or len(tok) < 2 else (tok, tok.lower(), tok.capitalize())
    z, n = 0.0, 0
    for f in forms:
        fz, fn = accents.plain(f)
        z, n = max(z, fz), n + fn
    if z == 0.0 and n == 0 and tok.isupper() and len(tok) > 1:
        return 9.0, 1  # unseen ALL-CAPS (an acronym or a heading): no evidence either way, keep it
    return z, n


def _symbols(text: str, ctx: Context) -> Iterable[Change]:
    for m in _COPYRIGHT.finditer(text):
        yield Change(m.end(), m.end(), "", "\u00a9", "restore_symbols", "symbol:copyright:double-space", 0.9)
    for m in _COPY_LINE.finditer(text):
        yield Change(m.start(), m.start(), "", "\u00a9", "restore_symbols", "symbol:copyright:line-start", 0.7)
    if _DEGREES.search(text) and _TEMP_WORDS.search(text):
        for m in _DEGREES.finditer(text):
            window = text[max(0, m.start() - 120) : m.end() + 80]
            if _TEMP_WORDS.search(window):
                yield Change(m.end(), m.end(), "", "\u00b0", "restore_symbols", "symbol:degree:temperature-context", 0.8)
    lines = text.count("\n") + 1
    bullets = list(_BULLET.finditer(text))
    # a list: several lines that start with the space a deleted bullet left
    if len(bullets) >= 2 and len(bullets) < lines:
        for m in bullets:
            yield Change(m.start(), m.start(), "", "\u2022", "restore_symbols", "symbol:bullet:list-line", 0.6)
    sign = ctx.config.currency
    for m in _AMOUNT.finditer(text):
        if sign:
            yield Change(m.start(), m.start(), "", sign, "restore_symbols", f"symbol:currency:{sign}:configured", 0.8)
        else:
            yield Change(m.start(), m.start(), "", "\u00a3", "restore_symbols", "symbol:currency:suggestion", 0.3)
