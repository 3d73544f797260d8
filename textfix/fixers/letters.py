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
  and case (``Pea`` capitalised is not the vegetable), or in a known two-word name (``São Paulo``);
- or the deleted form is no word anywhere (neither wordfreq's English list nor clean news has it) and
  the word is a rare word of wordfreq's English list (``navely``: naïvely) or a frequent word of the
  Spanish, French, Portuguese, German or Catalan lists (``Chrif``: Chérif; the index's ``foreign``
  words), with no close rival reading;
- or the token is a capitalised name beside another (``Doa Ana County``, ``Alex Daz``), never in clean
  news in any case, whose accented word another language writes far more often than English writes the
  token (:func:`_named`; doña: Spanish Zipf 4.2, ``doa`` 2.8);
- or the same token was read as a name elsewhere in the document, beside a first name or another name
  (``Alex Daz`` … ``Daz said``: Díaz), and clean news never writes it;
- or the token stands in an adjective's slot at the end of a clause (``becoming pass.``: passé);
- or it is French elision that lost its apostrophe too (``Ltat``: L’état).

A capitalised token that wordfreq knows better than the lower-case accented word is a name of its own
(``Zwarte Piet``, ``Toms River``), whatever clean news says of the accented word.

A possessive whose apostrophe was deleted too (``Orbns`` for Orbán’s) is read as the accented word and
its ``s``; a letter at the end of the stem is written so that it does not collide with the apostrophe
restorer's insertion at the same point, and a capitalised name gets the apostrophe itself. A double space
before ``la`` and a name is a deleted à (``victimization  la Harvey Weinstein``). A name whose following
dash was deleted too is fused with the next word (``Vuiwhose``: Vučić—whose); its letters are restored
where the name alone would be (:func:`_fused`), and the dash restorer splits the token; so are those
of a lower-case word of four letters or more (``navethe``: naïve—the).

Symbols are restored only where their context fixes them: ``Copyright  2019`` (the double space is the
deleted ©), a degree sign between a temperature and its unit, a bullet at the start of a list line.
A deleted currency sign (``5m`` for £5m) cannot be told from metres or a bare number: it is proposed
with low confidence (shown by ``fix_and_explain`` at ``min_confidence=0``) unless ``config.currency``
names the sign to restore.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain, compress
import re
from typing import Iterable

import regex

from .. import fixers as _fixers
from ..changes import Change, position
from ..lazyre import lazy
from ..lexicon import accents, wordlists
from ..lexicon.loading import paused_gc
from . import CACHE_SIZE, Context, occurrences as _word_occurrences
from .deletions import _FUNCTION, _first_name, _rare_words, _z, _zipf

FIXERS = ("restore_letters", "restore_symbols")

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
    "dj vu": "d\u00e9j\u00e0 vu",
    "cause clbre": "cause c\u00e9l\u00e8bre",
    # hyphenated compounds and names whose words collide with others alone (``tte`` is tête, ``Carr`` a name)
    "tte--ttes": "t\u00eate-\u00e0-t\u00eates",
    "tte--tte": "t\u00eate-\u00e0-t\u00eate",
    "sainte-mre-glise": "sainte-m\u00e8re-\u00c9glise",
    "sainte-mere-glise": "sainte-mere-\u00c9glise",
    "le carr": "le Carr\u00e9",
    "coup dtats": "coup d\u2019\u00e9tats",
    "auto-da-f": "auto-da-f\u00e9",
    "lyse palace": "\u00c9lys\u00e9e palace",
    "the lyse": "the \u00c9lys\u00e9e",
    # a name whose short accented word is an English word alone (``fr``)
    "alternative fr deutschland": "Alternative f\u00fcr Deutschland",
    # a syndrome named after two people, the second of whom (Barré) collides with the name Barr
    "guillain-barr": "Guillain-Barr\u00e9",
}
_PHRASE = lazy(regex.compile, r"\b(?:" + "|".join(regex.escape(p) for p in _PHRASES) + r")\b", regex.IGNORECASE)
# Words after which ``nave``-like forms are the noun, not the adjective of the accented reading.
# a piece of each phrase, looked for in the lower-cased text before the phrase pattern runs
_PHRASE_PARTS = ("--vis", " dtre", " dtat", " rsistance", "dj vu", " clbre", "tte--tte", "-glise", "le carr", "-da-f", "lyse palace",
                 "the lyse", " fr deutschland",
                 "guillain-barr")
# a word of each phrase that a match leaves whole (between non-letters), looked for among the distinct
# lower-case words of an ASCII text, where :data:`_PHRASE` can only match ASCII letters (in other text,
# case-insensitive matching lets ``ſ`` be ``s`` and ``K`` be ``k``, so there :data:`_PHRASE_PARTS` decide)
_PHRASE_WORDS = frozenset(("vis", "dtre", "dtat", "dtats", "rsistance", "dj", "clbre", "tte", "glise", "carr", "auto", "lyse",
                           "deutschland", "guillain"))
# the words (letter/digit runs) of each phrase: in an ASCII text, a match of :data:`_PHRASE` (between
# ``\b``, so no letter, digit or ``_`` next to it) holds each of them whole, in any case
_PHRASE_WORD_SETS = tuple(frozenset(re.findall(r"[a-z0-9]+", p)) for p in _PHRASES)
#: the prefix über- that lost its ü (``an ber-primary``), before a lower-case word; not inside a word
#: (``cyber-``, ``Uber-``); in the clean documents of allsides, BBC and usnews ``ber-`` never stands alone
_UBER = lazy(regex.compile, r"(?<![^\s\"'(\[\u201c\u2018\u2014\u2013])b(?=er-[a-z])")
_A_LA = lazy(regex.compile, r"(?<=[\w,;)] )(?= la [A-Z][a-z])")
# ``Chelsea (ne Bradley) Manning``: née before a maiden name in brackets
_NEE = lazy(regex.compile, r"(?<=\(n)e(?= [A-Z][a-z])")
# ``Plus a change!``: the saying, where it ends a clause (``plus a change in the law`` is English)
_CA_CHANGE = lazy(regex.compile, r"(?<=\b[Pp]lus )(?=a change(?:[!.,;:)\u2026\"\u201d]|$))", regex.MULTILINE)
#: the foreign Zipf frequency (see :mod:`textfix.lexicon.build_accents`) that makes a candidate likely
FOREIGN_ZIPF = 2.0
#: the lowest English Zipf frequency of an accented word taken on wordfreq's word alone (its deleted form
#: no word at all)
RARE_ZIPF = 1.0
#: the foreign Zipf frequency that lets a deleted capital be read after a first name (``Carlos lvarez``)
SURNAME_FOREIGN_ZIPF = 3.0
#: words before an adjective at the end of a clause, and the words that may follow it (``""``: punctuation)
_ADJ_PREV = frozenset(
    "is are was were be been being seem seems seemed become becomes became becoming so too very rather "
    "increasingly quite utterly totally hopelessly somewhat of look looks feel feels already".split()
)
_ADJ_NEXT = frozenset(("", "and", "or", "but", "to"))
_NOUN_CONTEXT = frozenset(("the", "its", "this", "that", "church", "cathedral", "whose"))

_COPYRIGHT = lazy(regex.compile, r"\b(?:Copyright|COPYRIGHT|copyright) (?= \d{4}\b)")
_COPYRIGHT_WORDS = ("Copyright  ", "COPYRIGHT  ", "copyright  ")  # what each match of _COPYRIGHT starts with
_COPY_LINE = lazy(regex.compile, r"(?m)^(?= \d{4}\b[^\n]{0,80}\b(?:All [Rr]ights|Inc\b|LLC|Ltd|Company|Times|News|Media|Press))")
_DEGREES = lazy(regex.compile, r"(?<![\w.])-?\d{1,3}(?:\.\d)?(?=[CF]\b)")
_DEGREE_HINT = lazy(regex.compile, r"\d[CF]\b")  # what every _DEGREES match ends with; much faster to find
_TEMP_WORDS = lazy(regex.compile, r"(?i)\b(?:temperatures?|degrees?|heat|warm(?:er|ing)?|cold|weather|celsius|fahrenheit|thermometer|hot|cool(?:er)?|freezing)\b")
# a spaced temperature and its conversion (``10 C (50 F)``, Wikipedia's ``10 °C (50 °F)``): the pair of
# scales in brackets leaves no other reading
_DEGREE_PAIR = lazy(regex.compile, r"(?<![\w.])-?\d{1,3}(?:\.\d+)? (C|F) \(-?\d{1,3}(?:\.\d+)? (C|F)\)")
_BULLET = lazy(regex.compile, r"(?m)^ (?=\S)")
_AMOUNT = lazy(regex.compile, r"(?<![\w$£€¥.,])(?=\d[\d,]*(?:\.\d+)?(?:m|bn|k)?\b(?:\s(?:million|billion|trillion))?)(?=\d[\d,]*(?:\.\d+)?(?:m\b|bn\b|\s(?:million|billion|trillion)\b))")


def propose(text: str, ctx: Context) -> Iterable[Change]:
    if not ctx.damaged("deletion"):
        return []
    out = list(_letters(text, ctx)) if ctx.config.restore_letters else []
    if out and not text.isascii():
        out = [c for c in out if not _inside_word(text, c.start, c.end)]
    if ctx.config.restore_symbols:
        taken = {(c.start, c.end) for c in out}
        # (the words that :func:`_letters` made, if it ran: :func:`_symbols` looks a few of them up first)
        tokens = ctx.words(text) if ctx.config.restore_letters else None
        out.extend(c for c in _symbols(text, ctx, tokens) if (c.start, c.end) not in taken)
    out.sort(key=position)
    return out


def _starts(text: str, needles) -> list[tuple[int, str]]:
    """``(position, needle)`` of every occurrence of each string of ``needles`` in ``text``, in the text's
    order: ``str.find`` at C speed, for the searches whose pattern is then matched at these spots only."""
    out = []
    for w in needles:
        i = text.find(w)
        while i >= 0:
            out.append((i, w))
            i = text.find(w, i + 1)
    out.sort()
    return out


def _phrase_matches(text: str) -> Iterable:
    """``_PHRASE.finditer(text)``; in an ASCII text each match is one of :data:`_PHRASES` in any case, so the
    phrases are found in the lower-cased text with ``str.find`` and the pattern is matched there, left to
    right as the search would (about a twentieth of the instructions: a case-insensitive alternation tried
    at every character is the regex module's slowest search)."""
    if not text.isascii():
        return _PHRASE.finditer(text)
    out = []
    end = 0
    for i, _ in _starts(text.lower(), _PHRASES):
        if i >= end:
            m = _PHRASE.match(text, i)
            if m:
                out.append(m)
                end = m.end()
    return out


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the ASCII run around ``text[start:end]`` is part of a longer word, a letter outside ASCII
    touching it: ``caf`` of an intact ``café`` (the words are ASCII runs) has lost nothing, and
    ``café`` seen in the document must not make it ``caféé``."""
    i, j = start, end
    while i > 0 and text[i - 1].isascii() and text[i - 1].isalnum():
        i -= 1
    while j < len(text) and text[j].isascii() and text[j].isalnum():
        j += 1
    return (i > 0 and text[i - 1].isalpha()) or (j < len(text) and text[j].isalpha())


def _letters(text: str, ctx: Context) -> Iterable[Change]:
    index = accents.by_deleted()
    tokens = ctx.words(text)
    # (each phrase below is looked for in the text only where the document has its word: a word is one
    # set look-up, a text search some thousands of characters; the words are letter/digit runs, so
    # every match below holds the word as one of them)
    distinct = tokens.low_of
    if "la" in distinct and "  la " in text:
        # ``victimization  la Harvey Weinstein``: the double space before ``la`` and a name is a deleted à
        for m in _A_LA.finditer(text):
            yield Change(m.start(), m.start(), "", "\u00e0", "restore_letters", "accent:phrase:a-la", 0.97)
    spans = []
    if "ne" in distinct and "(ne " in text:
        for m in _NEE.finditer(text):
            spans.append((m.start() - 1, m.end()))
            yield Change(m.start(), m.start(), "", "\u00e9", "restore_letters", "accent:phrase:nee", 0.9)
    if "change" in distinct and "lus a change" in text:
        for m in _CA_CHANGE.finditer(text):
            spans.append((m.start(), m.start() + 1))
            yield Change(m.start(), m.start(), "", "\u00e7", "restore_letters", "accent:phrase:ca-change", 0.9)
    if "ber" in distinct and "ber-" in text:
        # ``an ber-primary``: the prefix über- (über-rich); clean news never writes ``ber-`` as a word
        for m in _UBER.finditer(text):
            # (a capital Ü at the start of a line or sentence, where the deleted letter took the capital)
            before = text[: m.start()].rstrip(" \"'(\u201c\u2018")
            capital = not before or before[-1] in ".!?\n"
            spans.append((m.start(), m.end()))
            yield Change(m.start(), m.start(), "", "\u00dc" if capital else "\u00fc", "restore_letters", "accent:prefix:uber", 0.85)
    if text.isascii():
        # (and every word of one phrase: ``auto`` alone is frequent, ``auto-da-f`` rare)
        lows = tokens.lows
        phrases = not _PHRASE_WORDS.isdisjoint(lows) and any(ws <= lows for ws in _PHRASE_WORD_SETS)
    else:
        low = text.lower()
        phrases = any(h in low for h in _PHRASE_PARTS)
    for m in (_phrase_matches(text) if phrases else ()):
        after = _phrase_case(m.group(), _PHRASES[m.group().lower()])
        spans.append((m.start(), m.end()))
        yield Change(m.start(), m.end(), m.group(), after, "restore_letters", f"accent:phrase:{m.group()}", 0.9)
    force_language(tokens, ctx)
    if passage_words(tokens):
        yield from _passages(tokens, spans)
    # One C-level split into words and separators (shared with the diagnosis and the apostrophes); set
    # operations pick the distinct words the accent index knows (as they are, or as a possessive
    # ``Gascns``), and only their occurrences reach Python.
    parts = tokens.parts
    words = tokens.words
    if not words:
        return
    keys = _keys()
    low_of = tokens.low_of
    # ``Ltat, cest moi``: French l’/d’ before an accented word, the apostrophe deleted too
    elided = _elided()
    # (the distinct words are walked only in a document that holds one: a set test, among the words
    # that are not frequent where no frequent word is one, as in :func:`_probe`)
    common = _fixers.COMMON
    some = tokens.rest(common) if common is not None and _disjoint(common, elided) else tokens.lows
    for w in compress(low_of.keys(), map(elided.__contains__, low_of.values())) if not elided.isdisjoint(some) else ():
        got = _elision(w)
        if got:
            conf, reason, after = got
            for i in compress(range(len(words)), map(w.__eq__, words)):
                start = tokens.start(i)
                if not (spans and any(a <= start < b for a, b in spans)):
                    for a, b, ins in _insertions(w, after):
                        yield Change(start + a, start + b, w[a:b], ins, "restore_letters", reason, conf)
    # an indexed word, or (Gascns) a possessive of one: the rest is checked in :func:`_lookup`
    kp = _keys_or_possessive()
    probe = _probe(tokens, kp)
    hit = tokens.with_low_in(probe)
    yield from _fused(text, tokens, low_of, kp, keys, spans, ctx)
    yield from _rare_names(tokens, kp, keys, spans)
    yield from _camel(text, keys, spans, ctx)
    # ``the`` (thé), ``a`` (à): most candidates can only be taken on evidence from this document
    vocab = _DocVocab(ctx)
    hit = list(hit)
    cand = {w for w in hit if _possible(w, keys, vocab)}
    # a transcript's speaker labels (``FRANCO ORDOEZ: Theyre``): ALL CAPS there is a name, not an acronym
    # (looked for only in a document with an ALL-CAPS candidate the other rules do not take)
    caps = [w for w in hit if len(w) > 3 and w.isupper()]
    labels = [m.span() for m in _LABEL.finditer(text)] if caps and ":" in text else ()
    if labels:
        cand.update(w for w in caps if w not in cand and _possible(w.capitalize(), keys, vocab))
    if not cand:
        return
    seps = parts[0::2]  # seps[i] precedes words[i]
    memo: dict = {}
    start_of = tokens.start
    n = len(words)
    quiet: dict = {}
    names: dict = {}  # token -> (its reading, the verdict) of a name read beside its neighbours
    pending: list = []  # the occurrences of candidates that got no verdict
    restored: dict = {}  # occurrence -> the capitalised accented name written there
    for i in _occurrences(words, cand):
        if seps[i][-1:] == "_" or (i + 1 < n and seps[i + 1][:1] in "_[&"):
            # part of an identifier (``date_trunc``), not a word of prose; or a word that an editor's
            # bracket completes (``catalogu[es]``) or an HTML entity (``caf&#233;``: the é is there)
            continue
        full = words[i]
        prev = words[i - 1] if i and seps[i] == " " else ""
        nxt = words[i + 1] if i + 1 < n and seps[i + 1] == " " else ""
        if not nxt and i + 1 < n and seps[i + 1] == "-":
            nxt = "-"  # the first part of a compound (``pass-through``): no end of a clause
        lower_neighbours = not prev[:1].isupper() and not nxt[:1].isupper()
        for tok, suffix in _lookup(full, keys):
            if suffix and not nxt and tok[:1].isupper() and tok not in low_of:
                # a name's possessive is followed by what it possesses (``Orbns Hungary``), not by the end
                # of a clause (``John Jolles.`` is no Joëlle’s, ``Joachim Schttes,`` no Schütte’s), unless
                # the document writes the name alone too (``similar to Orbns.`` beside ``Orbn said``: a
                # possessive standing for its noun); a lower-case word's ``s`` is as often its plural
                # (``clichs.``: clichés)
                continue
            if lower_neighbours:
                q = quiet.get(tok)
                if q is None:
                    q = quiet[tok] = _quiet(tok, _cands(tok, suffix), vocab)
                if q:
                    continue  # _best would find nothing (``a`` between two lower-case words)
            # the same token between the same neighbours gets the same verdict (``a  a  a`` costs one)
            key = (tok, suffix, prev, nxt)
            best = memo.get(key, memo)
            if best is memo:
                best = memo[key] = _best(tok, _cands(tok, suffix), vocab, prev, nxt)
            if not best and labels and len(tok) > 3 and tok.isupper() and any(a <= start_of(i) < b for a, b in labels):
                best = _label_name(tok, suffix, vocab, prev, nxt)
            if best:
                start = start_of(i)
                if spans and any(a <= start < b for a, b in spans):
                    break  # a word of a phrase restored whole above
                yield from _emit(full, start, tok, suffix, best, prev)
                if not suffix and best[2][:1].isupper():
                    restored[i] = best[2]
                if not suffix and (best[1] in _NAME_VERDICTS or tok[:1].islower() and best[2][:1].isupper()):
                    names.setdefault(full, (tok, best))
                break
        else:
            pending.append(i)
    if restored:
        yield from _coordinated(restored, words, seps, start_of, keys, spans)
        yield from _beside_name(restored, words, seps, start_of, keys, spans)
    # a name that its neighbours let be read once (``Alex Daz``: Díaz) is that name wherever the same
    # token stands in the document (``Daz said``), where the neighbours alone would not tell
    for i in pending if names else ():
        full = words[i]
        got = names.get(full)
        suffix = ""
        if got is None and full[-1:] == "s":
            # its possessive, whose apostrophe was deleted too (``Abdullah calan`` … ``calans writings``:
            # Öcalan’s), where clean news never writes the form with its ``s`` either
            got = names.get(full[:-1])
            if got is None or _plain(full)[1] or _plain(full.lower())[1]:
                continue
            suffix = "s"
        if got and _plain(got[0])[1] == 0 and _plain(got[0].lower())[1] == 0:
            # (only a token that clean news never writes: ``So`` is São only in São Paulo)
            start = start_of(i)
            if not (spans and any(a <= start < b for a, b in spans)):
                tok, (conf, why, written) = got
                prev = words[i - 1] if i and seps[i] == " " else ""
                yield from _emit(full, start, tok, suffix, (min(conf, SAME_DOC_CONFIDENCE), why + ":same-doc", written), prev)


def _occurrences(words: list, cand: set) -> Iterable[int]:
    """The positions in ``words`` of the words in ``cand``, in order: for a few candidates (two in an
    average damaged news article) the searches of :func:`textfix.fixers.occurrences`, at C speed without
    a call per word, else a set test per word."""
    if len(cand) > 3:
        return compress(range(len(words)), map(cand.__contains__, words))
    return sorted(chain.from_iterable(_word_occurrences(words, w) for w in cand))


#: the confidence of a name read beside a coordinated accented name (:func:`_coordinated`)
COORDINATED_CONFIDENCE = 0.75
#: the lowest Zipf frequency in wordfreq's English list of a name so read (saïd 1.85)
COORDINATED_ZIPF = 1.5
#: the surname after the pair is no common English word: its Zipf frequency is below this (``Sad Songs``)
COORDINATED_SURNAME_ZIPF = 4.0


def _coordinated(restored: dict, words: list, seps: list, start_of, keys: frozenset, spans: list):
    """``Chrif and Sad Kouachi``, ``Sad and Chrif Kouachi``: two first names joined by ``and`` before the
    surname they share, one of them restored as an accented name (Chérif), are names of the same family
    and language: the other capitalised token is read as the accented name wordfreq's English list writes
    (Saïd, Zipf 1.85) though its deleted form is a word (``Sad``), where no other reading of it comes
    within 0.7 Zipf and the surname is no common English word (``Chrif and Sad Songs`` is a title).
    Clean dev news without the 600 documents the letters benchmark scores (8,643 documents) never holds
    the slot (an accented capitalised name, ``and``, a capitalised token whose deleted form is a key of
    the index, a capitalised word), right or wrong; the first 300 scored documents hold it twice (Saïd)."""
    n = len(words)

    def cap(j):
        return 0 <= j < n and len(words[j]) > 1 and words[j][:1].isupper() and words[j][1:].islower()

    def family(j):
        # a capitalised word that is no common English word (``Kouachi``; not ``Sad Songs``)
        return cap(j) and _zipf()(words[j].lower()) < COORDINATED_SURNAME_ZIPF

    for x in restored:
        # T and X S (the surname after X), or X and T S
        for i in (x - 2, x + 2):
            if i < 0 or i + 1 >= n or i in restored or not cap(i) or words[i].lower() not in keys:
                continue
            if i < x and not (words[i + 1] == "and" and seps[i + 1] == seps[x] == " " and family(x + 1) and seps[x + 1] == " "):
                continue
            if i > x and not (words[x + 1] == "and" and seps[x + 1] == seps[i] == seps[i + 1] == " " and family(i + 1)):
                continue
            full = words[i]
            best = None
            for written, cand, kind in _readings(full, _cands(full, "")):
                if kind or not written[:1].isupper() or written.isupper() or cand.zipf < COORDINATED_ZIPF:
                    continue
                if _alone(full, cand) and (best is None or cand.zipf > best[1].zipf):
                    best = (written, cand)
            yield from _emit_named(full, best, start_of(i), spans, COORDINATED_CONFIDENCE, "coordinated-name")


def _emit_named(full: str, best, start: int, spans: list, conf: float, why: str):
    """The change that writes ``best`` (``(written, candidate)`` or None) for the token ``full`` at
    ``start``, read by its neighbouring name (:func:`_coordinated`, :func:`_beside_name`); none inside
    ``spans`` (URLs, handles)."""
    if best is None or (spans and any(a <= start < b for a, b in spans)):
        return ()
    return _emit(full, start, full, "", (conf, why, best[0]), "")


#: the confidence of a name read beside an accented name of the same person (:func:`_beside_name`)
BESIDE_CONFIDENCE = 0.75
#: articles and name particles: a capitalised one before an accented name is no first name (``Les
#: Misérables``, ``The Orbán``, ``Sans Frontières``)
_PARTICLES = frozenset(("the", "les", "las", "los", "der", "die", "das", "des", "del", "dos", "sans", "el", "la", "le",
                        "de", "du", "von", "van", "di", "da", "do", "al", "il", "lo"))


def _beside_name(restored: dict, words: list, seps: list, start_of, keys: frozenset, spans: list):
    """``Ren Gunon`` (René Guénon), ``Roco Senz`` (Rocío Sáenz): a capitalised token right before or after
    a name this restorer wrote accented is the other name of the same person, of the same language: it is
    read as the accented name the index holds for it, though its deleted form is an English word or name
    (``Ren``, ``Mara``, ``Jess``), where no other reading comes within 0.7 Zipf: a name English text writes
    accented (wordfreq's English list, Zipf 2 or more: not ``Nicol Ramírez``, Nicolò 1.4) and a name
    (another language writes it often, Zipf 3 or more, or clean news mostly capitalised: not ``François
    Mori``, Māori). Not an article or particle (``Les Misérables``, ``The Orbán``). In clean dev news
    (allsides curly, 9,243 documents) the slot with these tests holds the accented name 20 times (María
    Felícitas, René Guénon, José Bové, Société Générale) and the plain token never; without the two
    name tests, ``Nicol Ramírez`` and ``François Mori`` (and ten articles or particles without the
    particle test)."""
    n = len(words)
    for x in restored:
        for i in (x - 1, x + 1):
            if i < 0 or i >= n or i in restored or seps[max(i, x)] != " ":
                continue
            full = words[i]
            low = full.lower()
            if low not in keys or low in _PARTICLES or low in _FUNCTION or not _first_name(full):
                continue
            best = None
            for written, cand, kind in _readings(full, _cands(full, "")):
                if kind or not written[:1].isupper() or written.isupper() or accents.foreign_only(cand):
                    continue
                if cand.zipf < NAMED_EN_ZIPF:
                    continue  # (a name English text writes accented: ``Nicol Ramírez`` is no Nicolò, Zipf 1.4)
                if not (cand.nzipf >= NAMED_ZIPF or cand.fzipf >= SURNAME_FOREIGN_ZIPF or SURNAME_FOREIGN_ZIPF <= cand.rzipf <= NAMED_MAX_ZIPF
                        or cand.caps and 2 * cand.caps >= cand.count):
                    # (a name: other languages write it often, whatever they write of the deleted form, ``Ren
                    # Guénon``: René, French 4.3, below the function words of :data:`NAMED_MAX_ZIPF`; or clean news
                    # capitalised; ``François Mori`` is no Māori)
                    continue
                if _alone(full, cand) and (best is None or cand.zipf > best[1].zipf):
                    best = (written, cand)
            yield from _emit_named(full, best, start_of(i), spans, BESIDE_CONFIDENCE, "beside-accented-name")


#: a speaker label at the start of a line: two to four ALL-CAPS words before a colon (``AARON MATÉ:``)
_LABEL = lazy(regex.compile, r"(?m)^(?:[A-Z][A-Z.'-]+ ){1,3}[A-Z][A-Z'-]+(?=:)")


def _label_name(tok: str, suffix: str, vocab, prev: str, nxt: str):
    """The reading of an ALL-CAPS token of a speaker label (``FRANCO ORDOEZ:``) as the capitalised name
    (``Ordoez``: Ordoñez, which the foreign lists write often), in capitals: :func:`_judge_static` does not
    read the foreign lists for an ALL-CAPS token elsewhere, where acronyms and codes are."""
    best = _best(tok.capitalize(), _cands(tok, suffix), vocab, prev.capitalize(), nxt.capitalize())
    if best and best[2][:1].isupper():
        conf, why, written = best
        return conf, why + ":speaker-label", written.upper()
    return None


#: verdicts that hold for a name only beside certain words (:func:`_judge`), as does a surname reading (a
#: deleted capital after a first name); the same token elsewhere in the document takes them too
_NAME_VERDICTS = frozenset(("wordfreq-named", "foreign-name"))
#: the confidence of a name read elsewhere in the document (at most its verdict's)
SAME_DOC_CONFIDENCE = 0.8


def _emit(full: str, start: int, tok: str, suffix: str, best: tuple, prev: str) -> Iterable[Change]:
    """The changes that write ``best`` (confidence, why, written form) for the word ``full`` at ``start``."""
    conf, why, written = best
    reason = f"accent:{tok}->{written}:{why}"
    stem = len(tok)
    for a, b, after in _insertions(full, written + suffix):
        if a == b and a and (a == stem or a == len(full)):
            # a letter at the end of the stem (``Vuči|s``) or of the word (``expos|”``) would
            # collide with the apostrophe or dash restorer's insertion at the same point (a
            # deleted ’ or — after it): replace the letter before it instead
            a, after = a - 1, full[a - 1] + after
        yield Change(start + a, start + b, full[a:b], after, "restore_letters", reason, conf)
    if suffix == "s" and written[:1].isupper() and not written.isupper() and prev.lower() != "the":
        # ``Orbns Hungary``: a name's ``s`` is its possessive (the apostrophe restorer does not
        # know the damaged name; where it does, its own insertion wins the same point)
        yield Change(start + stem, start + stem, "", "\u2019", "restore_letters", reason + ":possessive", min(conf, 0.75))


#: words that follow a deleted dash fused to the accented word before it (``Vučić—whose`` -> ``Vuiwhose``)
#: (three letters or more: ``Panamas`` is Panama’s, not Panamá—as, and ``Sednit`` a name)
_FUSED_TAILS = ("the", "its", "was", "whose", "who", "which", "that", "this", "and", "but", "not", "she", "they", "with")
# a line break and a tail reversed, with three letters or more of the same word after it: in the document's
# distinct lower-case words written one a line and reversed, a word that ends in a tail after a head of
# three letters or more (no tail ends another, so a word matches one tail at most)
_FUSED_TAIL_REV = lazy(re.compile, r"\n(?:" + "|".join(t[::-1] for t in _FUSED_TAILS) + r")(?=[^\n]{3})")


def _tailed(lows) -> Iterable[tuple[str, str]]:
    """``(word, head)`` for each word of ``lows`` that is a head of three letters or more and a tail of
    :data:`_FUSED_TAILS`."""
    rev = "\n" + "\n".join(lows)[::-1]
    for m in _FUSED_TAIL_REV.finditer(rev):
        end = rev.find("\n", m.end())
        low = rev[m.start() + 1 : end if end >= 0 else len(rev)][::-1]
        yield low, low[: m.start() + 1 - m.end()]  # (the tail is m.end() - m.start() - 1 letters)


@lru_cache(maxsize=4)
def _common_tailed(common: frozenset, keys: frozenset) -> frozenset:
    """The words of ``common`` (:data:`textfix.fixers.COMMON`) that :func:`_fused` could read as a key of
    ``keys`` and a tail (``soothe``, if ``soo`` were a key): the frequent words it must still search."""
    return frozenset(low for low, head in _tailed(common) if head in keys)


def _fused(text: str, tokens, low_of: dict, kp: frozenset, keys: frozenset, spans: list, ctx: Context) -> Iterable[Change]:
    """Letters of an accented word whose following dash was deleted too, fusing it with the next word
    (``Vuiwhose``: Vučić—whose, ``Jurezits``: Juárez—it’s, ``navethe``: naïve—the): the token is no word, ends in a function
    word, and what comes before it is an indexed form that :func:`_judge` takes on its own (no
    neighbours). The letter that ends the head is written as a replacement of the letter before it, so
    that the dash restorer's insertion at the split point does not collide with it."""
    # one C-level search over the document's distinct lower-case words, one a line, reversed: a line
    # break (a word's end) and a tail (:data:`_FUSED_TAIL_REV`; about five times fewer instructions than a
    # ``str.endswith`` with the tuple of tails per word, and a third fewer than one ``str.find`` per tail
    # of the words in order); Python only for the words that end in a tail
    heads = {}
    # (the frequent words that could pass below are few and known once per :data:`COMMON`: only the
    # others and those are searched, about a third of the document's distinct words)
    common = _fixers.COMMON
    if common is not None:
        tailed = _common_tailed(common, keys)
        lows = tokens.rest(common)
        if tailed:
            lows = lows | (tokens.lows & tailed)
    else:
        lows = tokens.lows
    for low, head in _tailed(lows):
        if head in keys and low not in kp and head not in _CONTRACTIONS:
            heads[low] = len(head)
    if not heads:
        return
    # a name (``Vuiwhose``), or a lower-case word of four letters or more (``navethe``: naïve—the)
    fused = {w: w[: heads[low]] for w, low in low_of.items()
             if low in heads and (w[:1].isupper() and w[1:].islower() or w.islower() and heads[low] >= 4)}
    if not fused:
        return
    vocab = _DocVocab(ctx)
    words = tokens.words
    for w, head in fused.items():
        if accents.plain(w) != (0.0, 0) or _listed(w.lower()):
            continue  # a word of its own
        best = _best(head, _cands(head, ""), vocab, "", "")
        if not best:
            continue
        conf, why, written = best
        reason = f"accent:{head}->{written}:{why}:fused-{w[len(head):]}"
        for i in compress(range(len(words)), map(w.__eq__, words)):
            start = tokens.start(i)
            if spans and any(a <= start < b for a, b in spans):
                continue
            for a, b, after in _insertions(head, written):
                if a == b == len(head):
                    a, after = a - 1, head[a - 1] + after
                yield Change(start + a, start + b, head[a:b], after, "restore_letters", reason, conf)


#: a word fused with a capitalised one by a deleted dash (``memberErdoan``, ``MarchalLe Pen``); the part read
#: is four letters or more, and so is the word before a part read second (not ``McDonald``, ``DeSantis``)
_CAMEL = lazy(regex.compile, r"([A-Za-z][a-z]+)([A-Z][a-z]+)")
_CAMEL_HINT = lazy(regex.compile, r"[a-z][A-Z][a-z]")
#: characters that make a camel-case token part of an identifier, handle, path or URL (``@DanielNewman``)
_CAMEL_JOINERS = frozenset("_'\u2019@#/.-")


def _camel(text: str, keys: frozenset, spans: list, ctx: Context) -> Iterable[Change]:
    """Letters of an accented name fused with the word before or after it by a deleted dash (``a
    memberErdoan snickered``: member—Erdoğan; ``Marion MarchalLe Pen``: Maréchal-Le Pen): a word in lower
    case or capitalised, then a capitalised one, neither of them an identifier, handle or URL part; the
    part that is a key of the index is read on its own (:func:`_best` with no neighbours), and only where
    the whole token is no word (clean news and wordfreq's lists do not hold it). The dash is left to the
    dash restorer; a letter that would end the first part is written as a replacement of the letter before
    it, so that the dash's insertion at the split point does not displace it."""
    # a hit below yields only for a camel token that is a whole word of the tokenisation (the letters
    # around a hit are ASCII, so they are one token; a larger span, with a digit, another letter, or a
    # joiner, is no ``_CAMEL`` full match) with a part the loop reads: looked for first among the distinct
    # words with a capital (every hit holds one), one C-level search over them (about a tenth of the
    # characters of a news article); the document is searched only when one has such a part (few documents)
    # (and the document is not searched for the pattern at all: each such word is found with ``str.find``,
    # and an occurrence counts where the characters around it end the token, as the search's would)
    distinct = ctx.words(text).capital_lines
    found = set()
    for h in _CAMEL_HINT.finditer(distinct):
        m = _CAMEL.fullmatch(distinct, distinct.rfind("\n", 0, h.start()) + 1,
                             (distinct.find("\n", h.end()) + 1 or len(distinct) + 1) - 1)
        if m and any(len(part) >= 4 and part.lower() in keys for part in m.groups()):
            found.add(m.group())
    if not found:
        return
    n = len(text)
    vocab = None
    for i, w in _starts(text, found):
        j = i + len(w)
        if (i and (text[i - 1].isalnum() or text[i - 1] in _CAMEL_JOINERS)) or (
                j < n and (text[j].isalnum() or text[j] in _CAMEL_JOINERS)):
            continue
        m = _CAMEL.fullmatch(text, i, j)
        if m is None:
            continue
        parts = [(part, at) for part, at in ((m.group(1), m.start(1)), (m.group(2), m.start(2)))
                 if len(part) >= 4 and part.lower() in keys]
        if not parts:
            continue  # (most hits: McDonald, YouTube; no part is a key, so no word list is looked up)
        w = m.group()
        if accents.plain(w) != (0.0, 0) or _listed(w.lower()):
            continue
        for part, at in parts:
            # (``parts`` holds the parts of four letters or more that the index keys)
            if (at == m.start(2) and len(m.group(1)) < 4) or part.lower() in _CONTRACTIONS or accents.plain(part)[1]:
                continue
            if spans and any(a <= at < b for a, b in spans):
                continue
            if vocab is None:
                vocab = _DocVocab(ctx)
            best = _best(part, _cands(part, ""), vocab, "", "")
            if not best or not best[2][:1].isupper():
                continue  # (names only: ``timeCafe`` is code or a brand)
            conf, why, written = best
            reason = f"accent:{part}->{written}:{why}:fused-camel"
            for a, b, after in _insertions(part, written):
                if at == m.start(1) and a == b == len(part):
                    a, after = a - 1, part[a - 1] + after
                yield Change(at + a, at + b, part[a:b], after, "restore_letters", reason, conf)


#: the confidence of a rare foreign name after a first name (:func:`_rare_names`)
RARE_NAME_CONFIDENCE = 0.7
#: the confidence of one inside a sentence, no capitalised word after it (:func:`_rare_names`)
INNER_NAME_CONFIDENCE = 0.65
#: the separators before such a name: a word and a space or a comma (not a sentence's end)
_INNER_SEPS = frozenset((" ", ", "))
#: the words before a name that make it no rare foreign name inside a sentence (:func:`_rare_names`)
_ARTICLES = frozenset(("the", "a", "an"))


def _rare_names(tokens, kp: frozenset, keys: frozenset, spans: list) -> Iterable[Change]:
    """Rare names of other languages (:func:`textfix.lexicon.accents.rare_foreign`: Hübschle, German Zipf
    1.1; Vaissié) after a first name (``Annette Hbschle``) or before ``et al.``, and the same token
    elsewhere in the document (``Hbschle also wonders``): the token is capitalised, three letters or
    more, nothing the other rules read (no key of the accent index, nor one with an ``s``, nor a fused
    head and tail, nor a French elision: their changes would overlap), and neither clean news nor
    wordfreq's English list has it in any case. The index keeps such a word only where its deleted form
    is no English word, no word of the other languages' lists and has no rival word within 0.7 Zipf.
    One C-level test per distinct rare word of the document; Python only for the hits."""
    rare = accents.rare_foreign()
    if not rare:
        return
    name_only = accents.name_only()
    common = _fixers.COMMON
    lows = tokens.rest(common) if common is not None else tokens.lows
    # (``dict.keys() & set`` walks the smaller set, the document's words, at C speed)
    hits = {w for w in rare.keys() & lows
            if w not in kp and w not in _elided() and not any(w.endswith(t) and w[: -len(t)] in keys for t in _FUSED_TAILS)}
    if not hits:
        return
    words = tokens.words
    seps = tokens.parts[0::2]
    n = len(words)
    for w, low in tokens.low_of.items():
        if low not in hits or len(w) < 3 or not (w[:1].isupper() and w[1:].islower()):
            continue
        word = rare[low]
        written = word[:1].upper() + word[1:]
        if written.encode("ascii", "ignore").decode() != w or _plain(w) != (0.0, 0) or _plain(low) != (0.0, 0):
            continue
        at = [i for i in compress(range(n), map(w.__eq__, words))
              if not (seps[i][-1:] == "_" or (i + 1 < n and seps[i + 1][:1] in "_["))]
        # after a first name, or an author's surname before ``et al.`` (``Dechne et al., 2010``: Dechêne)
        named = {i for i in at if i and seps[i] == " " and _first_name(words[i - 1])
                 or i + 2 < n and words[i + 1] == "et" and words[i + 2] == "al" and seps[i + 1] == seps[i + 2] == " "}
        # or a name inside a sentence that no capitalised word follows (``Belzec, Sobibr, and Treblinka``):
        # not a first name before a surname (``Cindia Norton``, ``Iraj Masjedi``, ``Tnu Tammer`` are
        # names of their own)
        # nor after an article (``the Cabir virus``: a name used as a noun's modifier, not a person's)
        # (not an ``other_names`` word: :func:`textfix.lexicon.accents.name_only`)
        inner = {i for i in at if i not in named and i and seps[i] in _INNER_SEPS and low not in name_only
                 and not (i + 1 < n and seps[i + 1] == " " and words[i + 1][:1].isupper())
                 and words[i - 1].lower() not in _ARTICLES}
        if not (named or inner):
            continue
        if named:
            # its possessive, whose apostrophe was deleted too, before what it possesses (``Cabns opponent``:
            # Cabán’s), where neither clean news nor wordfreq's English list has the form with its ``s``
            ws = w + "s"
            if ws in tokens.low_of and _plain(ws) == (0.0, 0) and _plain(ws.lower()) == (0.0, 0):
                for i in compress(range(n), map(ws.__eq__, words)):
                    start = tokens.start(i)
                    if i + 1 < n and seps[i + 1] == " " and not (spans and any(a <= start < b for a, b in spans)):
                        yield from _emit(ws, start, w, "s", (min(RARE_NAME_CONFIDENCE, SAME_DOC_CONFIDENCE),
                                                             "foreign-surname:same-doc", written), "")
        for i in at:
            start = tokens.start(i)
            if spans and any(a <= start < b for a, b in spans):
                continue
            if named:
                why = "foreign-surname" if i in named else "foreign-surname:same-doc"
                conf = RARE_NAME_CONFIDENCE if i in named else min(RARE_NAME_CONFIDENCE, SAME_DOC_CONFIDENCE)
            elif i in inner:
                why, conf = "foreign-name-inner", INNER_NAME_CONFIDENCE
            else:
                continue
            yield from _emit(w, start, w, "", (conf, why, written), "")


#: words frequent in one language (wordfreq Zipf 4.5 or more there) and rare in English (below 3.3), written
#: without accents: :func:`_passages` looks at the sentences that hold one
_PASSAGE_MARKERS = {
    "es": frozenset("como pero sus esta este muy entre sobre porque desde todos todas fue tiene puede cuando donde".split()),
    "fr": frozenset("avec sont mais nous vous ils cette leur ont fait peut comme tout".split()),
    "pt": frozenset("uma pelo pela mais foi ele ela tem seu sua isso muito quando onde".split()),
    "it": frozenset("gli delle sono anche questo questa alla nel nella degli stato".split()),
    "de": frozenset("nicht sich ein eine auch auf wird werden sind noch nach wie oder aber".split()),
}
_PASSAGE_ANY = frozenset().union(*_PASSAGE_MARKERS.values())
#: function words of French and Spanish (wordfreq Zipf 5.8 or more there, 1.5 or more above English),
#: some of them frequent in English text too (``de``, ``la``, ``Le Pen``, ``Los Angeles``): a document that
#: holds :data:`PASSAGE_DOC_FUNCTION` distinct ones of a language (of :data:`_PASSAGE_FUNCTION_DOC`) has each sentence with
#: :data:`PASSAGE_SENTENCE_FUNCTION` distinct ones looked at (``Il sagit de partis xnophobes que la peur
#: alimente``, which holds no marker word); the decision is :func:`_passage`'s, as for a marker's sentence
_PASSAGE_DOC_WORDS = frozenset(
    "alors aussi aux avait avec ces cette comme contre dans depuis donc elle encore entre fait ils je leur lui mais "
    "notre nous ont pas peut qu quand qui sans ses sont sous tous tout une votre vous "
    "como cuando desde donde esta este fue hasta mas muy nos pero por porque puede sobre sus tiene todo todos una".split())
_PASSAGE_FUNCTION = {
    "fr": frozenset("le la les des est une pour que qui dans pas avec sont mais nous vous ils elle cette leur ont "
                    "fait peut comme tout sur aux du au je ne se ce et il un en par qu sa ses lui aussi ces "
                    "quand tous sans avait encore alors entre depuis donc sous contre notre votre".split()),
    "es": frozenset("el los las del por para una que con como pero sus esta este muy todo cuando fue tiene sobre "
                    "todos porque desde donde hasta puede es lo su se al la de en un nos hay ya ni mas".split()),
}
#: those of them that English text hardly writes (wordfreq's English Zipf below 3.7: not ``de``, ``la``,
#: ``un``, ``el``, ``al``, ``est``): the document test counts only these, so that an English document with
#: ``Le Pen``, ``Los Angeles`` or ``de la`` is not split into sentences
_PASSAGE_FUNCTION_DOC = {lang: frozenset(w for w in words if w in _PASSAGE_DOC_WORDS)
                         for lang, words in _PASSAGE_FUNCTION.items()}
_PASSAGE_FUNCTION_ANY = frozenset().union(*_PASSAGE_FUNCTION_DOC.values())
PASSAGE_DOC_FUNCTION = 3
PASSAGE_SENTENCE_FUNCTION = 2
#: a sentence of that language: at least this many words, of which this share (and at least
#: :data:`PASSAGE_MIN_WORDS`) are words of its list (Zipf 3 or more) at least 0.5 more frequent there than
#: in English, or damaged words of it (no word of the list, nor of English, whose deleted form the list's
#: accented word explains alone: ``rgionales``)
PASSAGE_MIN_LEN = 5
PASSAGE_SHARE = 0.6
PASSAGE_MIN_WORDS = 4
#: and fewer than this many English words (Zipf 4 or more in English, 1.0 above the language's)
PASSAGE_ENGLISH_WORDS = 2
PASSAGE_ENGLISH_ZIPF = 4.0
#: a token there is read as a word of that language that lost a letter when the word has Zipf 3.5 or more
#: there and 1.0 above the token's English Zipf, the token is no word of the list, and no other word of the
#: same deleted form comes within 0.7
PASSAGE_WORD_ZIPF = 3.5
PASSAGE_EN_MARGIN = 1.0
PASSAGE_CONFIDENCE = 0.8
_ASCII_WORD = lazy(regex.compile, r"(?<![\w@#/])[A-Za-z]+(?![\w@/])")
_LOW_WORD = lazy(re.compile, r"[a-z]+")
_SENTENCE = lazy(re.compile, r"[^.!?;:\n\u201c\u201d\"]+")


def passage_words(tokens) -> bool:
    """Whether a document (its :class:`~textfix.fixers.Words` ``tokens``) may hold a passage that
    :func:`_passages` looks at: a marker word, or :data:`PASSAGE_DOC_FUNCTION` function words of one
    language (C-level set operations on its distinct lower-case words). Kept in ``tokens.memo``: the
    apostrophe and dash restorer asks first, of the same words."""
    got = tokens.memo.get("passage_words")
    if got is None:
        lows = tokens.lows
        if not _PASSAGE_ANY.isdisjoint(lows):
            got = True
        elif _PASSAGE_FUNCTION_ANY.isdisjoint(lows):
            got = False
        else:
            got = any(len(f.intersection(lows)) >= PASSAGE_DOC_FUNCTION for f in _PASSAGE_FUNCTION_DOC.values())
        tokens.memo["passage_words"] = got
    return got


@lru_cache(maxsize=8)
def _language(lang: str):
    """(Zipf of each word of wordfreq's small ``lang`` list, the lower-case deleted form of each of its
    accented words -> (Zipf, word) of the one it stands for, where no other comes within 0.7)."""
    import math

    freqs = {w: math.log10(f) + 9 for w, f in wordlists.frequencies(lang).items()}
    return freqs, _unique_best(freqs, lambda w: w.encode("ascii", "ignore").decode())


def _unique_best(freqs: dict[str, float], form) -> dict[str, tuple[float, str]]:
    """``form(word)`` of each accented word of ``freqs`` (word -> Zipf) that is letters only, and where several
    words share a form the likeliest of them, where no other comes within 0.7: form -> (Zipf, word). A
    form with a character that is no letter (a deleted letter of another script leaves none) is left out."""
    forms: dict[str, list] = {}
    for w, z in freqs.items():
        if not w.isascii() and w.isalpha():
            key = form(w)
            if key and key.replace("?", "").isalpha():
                forms.setdefault(key, []).append((z, w))
    best = {}
    for key, cands in forms.items():
        cands.sort(reverse=True)
        if len(cands) == 1 or cands[0][0] - cands[1][0] >= 0.7:
            best[key] = cands[0]
    return best


def sentences(tokens) -> list[tuple[str, int, int, list]]:
    """``(language, start, end, its words and their offsets)`` of each sentence of the text of ``tokens``
    (its :class:`~textfix.fixers.Words`) that :func:`_passage` reads as a passage in another language. Kept
    in ``tokens.memo``: the apostrophe and dash restorer asks first
    (:func:`.deletions._outside_passages`)."""
    out = tokens.memo.get("sentences")
    if out is None:
        out = tokens.memo["sentences"] = _sentences(tokens.text, tokens.lows, tokens.memo.get("passage_language"))
    return out


def _sentences(text: str, lows, forced: str | None = None) -> list[tuple[str, int, int, list]]:
    out = []
    seen = set()
    for lang, marks in _PASSAGE_MARKERS.items():
        if marks.isdisjoint(lows):
            continue
        for m in _marker_pattern(lang).finditer(text):
            a = max(text.rfind(c, 0, m.start()) for c in _SENTENCE_ENDS) + 1
            if a in seen:
                continue
            seen.add(a)
            b = min((j for j in (text.find(c, m.end()) for c in _SENTENCE_ENDS) if j >= 0), default=len(text))
            got = _passage_words(text, a, b, lang)
            if got is not None:
                out.append((lang, a, b, got[0]))
    langs = [(lang, _PASSAGE_FUNCTION[lang]) for lang in passage_languages(lows, forced)]
    if langs:
        for m in _SENTENCE.finditer(text):
            a = m.start()
            if a in seen:
                continue
            ws = set(_LOW_WORD.findall(m.group().lower()))
            best = None
            for lang, f in langs:
                if len(f.intersection(ws)) >= PASSAGE_SENTENCE_FUNCTION:
                    got = _passage_words(text, a, m.end(), lang)
                    if got is not None and (best is None or got[1] > best[1]):
                        best = (lang, got[1], got[0])
            if best:
                seen.add(a)
                out.append((best[0], a, m.end(), best[2]))
    out.sort(key=lambda t: t[1])
    return out


def _passages(tokens, spans: list) -> Iterable[Change]:
    """Letters of a sentence in Spanish, French, Portuguese, Italian or German quoted in English news (``Para
    todas las dems preguntas``: demás): a sentence that holds a marker word of the language
    (:data:`_PASSAGE_MARKERS`, found by one C-level search), or two function words of French or Spanish in
    a document that holds three (:data:`_PASSAGE_FUNCTION`), is of that language where most of its words
    are words of the language's wordfreq list, more frequent there than in English (:func:`_passage_words`);
    a token in it that is no word of that list is read as the list's accented word of the same deleted
    form, where that word is frequent there and far more frequent than the token in English. The lists
    load on the first such sentence. In a document in another language (``passage_language``, the
    diagnosis's ``not_english``) a double space is read as à only where it is its sentence's one: « and »
    leave a pair."""
    text = tokens.text
    foreign = tokens.memo.get("passage_language") is not None
    for lang, a, b, words in sentences(tokens):
        yield from _passage(text, a, b, lang, words, spans, foreign)


_SENTENCE_ENDS = ".!?;:\n“”\""


@lru_cache(maxsize=8)
def _marker_pattern(lang: str):
    return regex.compile(r"(?i)\b(?:" + "|".join(sorted(_PASSAGE_MARKERS[lang])) + r")\b")


def _vote(low: str, freqs: dict) -> int:
    """A passage's count of an intact lower-case word: 1 a word of the language (Zipf 3 or more there, 0.5
    above English), -1 an English one (Zipf :data:`PASSAGE_ENGLISH_ZIPF` or more, 1.0 above the language),
    else 0."""
    z = freqs.get(low, 0.0)
    en = _z(low)
    if z >= 3.0 and z > en + 0.5:
        return 1
    if en >= PASSAGE_ENGLISH_ZIPF and en >= z + 1.0:
        return -1
    return 0


def _passage_words(text: str, a: int, b: int, lang: str):
    """The words of ``text[a:b]`` (word, offset) and the share of them that are words of ``lang``, if
    the sentence is in ``lang`` (:data:`PASSAGE_SHARE`), else None."""
    words = [(w.group(), w.start()) for w in _ASCII_WORD.finditer(text, a, b)]
    # (an ALL-CAPS token is an acronym or a label, ``FR``, ``VO``, ``FN``: no word of either language)
    counted = [w for w, _ in words if not (len(w) > 1 and w.isupper())]
    if len(counted) < PASSAGE_MIN_LEN:
        return None
    freqs, forms = _language(lang)
    n = english = 0
    for w in counted:
        low = w.lower()
        vote = _vote(low, freqs)
        if vote > 0:
            n += 1
        elif low not in freqs and low in forms and forms[low][0] >= PASSAGE_WORD_ZIPF and _z(low) == 0.0:
            n += 1  # a word of the language that lost a letter (``rgionales``), no word of English
        elif vote < 0:
            english += 1
    if n < PASSAGE_MIN_WORDS or n < PASSAGE_SHARE * len(counted):
        return None
    if english >= PASSAGE_ENGLISH_WORDS:
        # (``my beautiful edition of Les Fables de Jean de la Fontaine``: a title in an English sentence)
        return None
    return words, n / len(counted)


def _passage(text: str, a: int, b: int, lang: str, words: list, spans: list, foreign: bool = False) -> Iterable[Change]:
    """The letters of the passage ``text[a:b]`` in ``lang`` whose ``words`` (word, offset) :func:`sentences`
    found."""
    freqs, forms = _language(lang)
    for w, at in words:
        if spans and any(x <= at < y for x, y in spans):
            continue
        low = w.lower()
        got = forms.get(low)
        why, conf = "", PASSAGE_CONFIDENCE
        if got is not None and low in freqs:
            # a form the list holds only as a trace of this damage (``tre``: être 6.4, ``tre`` 3.6; ``tena``:
            # tenía), far below the accented word; not one of three letters or fewer that the language writes
            # itself (``pas``, ``sur``)
            if len(low) < 3 or got[0] < freqs[low] + PASSAGE_TRACE_MARGIN:
                continue
            why, conf = ":trace", PASSAGE_TRACE_CONFIDENCE
        elif got is None:
            if lang == "fr" and (low not in freqs or foreign):
                yield from _passage_elision(w, at, lang, freqs, forms, spans, foreign)
            continue
        z, word = got
        if z < PASSAGE_WORD_ZIPF or z < _z(low) + PASSAGE_EN_MARGIN:
            continue
        written = accents.match_case(w, word)
        if written.encode("ascii", "ignore").decode() != w:
            continue
        spans.append((at, at + len(w)))
        reason = f"accent:{w}->{written}:passage-{lang}{why}"
        for x, y, ins in _insertions(w, written):
            yield Change(at + x, at + y, w[x:y], ins, "restore_letters", reason, conf)
    if lang == "fr" and "  " in text[a:b]:
        yield from _passage_a(text, a, b, spans, foreign)


#: how far above the token's own Zipf in the language's list the accented word must be for a trace reading
PASSAGE_TRACE_MARGIN = 1.6
PASSAGE_TRACE_CONFIDENCE = 0.75
#: French elision before a word whose first letter was deleted (``lchance``: l’échéance, ``jtais``: j’étais)
#: or another (``dextrme``: d’extrême)
_ELISION = lazy(re.compile, r"(qu|[ldjnsctm])([a-z]{3,})")
PASSAGE_ELISION_CONFIDENCE = 0.8


#: an elision before a word of one letter or two (``dun``: d’un, ``na``: n’a, ``jai``: j’ai), read only in a
#: document in another language, where the apostrophe restorer does not run
_ELISION_SHORT = lazy(re.compile, r"(qu|[ldjnsctm])([a-z]{1,2})")


def _passage_elision(w: str, at: int, lang: str, freqs: dict, forms: dict, spans: list,
                     foreign: bool = False) -> Iterable[Change]:
    """``lchance`` in a French passage is l’échéance: the token is no word of French or English, it is an
    elided article, pronoun or conjunction fused to a form whose reading is frequent in French (Zipf
    :data:`PASSAGE_WORD_ZIPF`) and starts with a vowel or h (elision needs one; the form's own first letter
    may be the deleted one, ``chance`` is no ``’chance``; a form that starts with a vowel is no word of
    the list itself, or a trace, :data:`PASSAGE_TRACE_MARGIN`: ``sagit`` is s’agit); the apostrophe is
    written too. Where no accented word has the form, the apostrophe alone (``linstant``: l’instant), before
    a word of the list of that frequency, the token being no word of it. In a document in another language
    (``foreign``: the apostrophe restorer does not run there) the plain word's elision is written too
    (``sagit``: s’agit), also before a word of one or two letters (:data:`_ELISION_SHORT`), and the token
    may be an English word (``dun``)."""
    m = _ELISION.fullmatch(w.lower()) or (_ELISION_SHORT.fullmatch(w.lower()) if foreign else None)
    if m is None or (_z(m.group()) > 0.0 and not foreign):
        return
    rest = m.group(2)
    got = forms.get(rest)
    if got is None:
        # only the apostrophe was deleted, before a word of the list that no accented one explains
        # (``linstant``: l’instant, ``Lampleur``: L’ampleur, ``limmigration``)
        z = freqs.get(rest, 0.0)
        if z < PASSAGE_WORD_ZIPF or rest[:1] not in _VOWELS or (w.lower() in freqs and not foreign):
            return
        got = (z, rest)
    z, word = got
    if z < PASSAGE_WORD_ZIPF or word[:1] not in _VOWELS or not word[:1].islower():
        return
    if word != rest and rest[:1] in _VOWELS and freqs.get(rest, 0.0) > z - PASSAGE_TRACE_MARGIN:
        # the elision of the plain word (``sagit``: s’agit, not s’agité), which the apostrophe restorer writes
        if not foreign:
            return
        z, word = freqs[rest], rest
    if foreign and freqs.get(w.lower(), 0.0) > z - PASSAGE_TRACE_MARGIN:
        return  # (a word of the list itself, ``mais``; one far rarer than the elision's word is its damaged
        # form, which the list holds too: ``jai``, ``quil``)
    p = len(m.group(1))
    written = w[:p] + "\u2019" + accents.match_case(w[p:], word)
    if (w[:p] + written[p + 1 :]).encode("ascii", "ignore").decode() != w:
        return
    spans.append((at, at + len(w)))
    reason = f"accent:{w}->{written}:passage-{lang}:elision"
    for x, y, ins in _insertions(w, written):
        yield Change(at + x, at + y, w[x:y], ins, "restore_letters", reason, PASSAGE_ELISION_CONFIDENCE)


#: a double space between two words of a French passage is a deleted à (``reste  faire``: reste à faire)
_DOUBLE = lazy(re.compile, r"(?<=[a-z,] ) (?=[a-z0-9]|[A-Z][a-z])")
PASSAGE_A_CONFIDENCE = 0.8


def _passage_a(text: str, a: int, b: int, spans: list, lone: bool = False) -> Iterable[Change]:
    """``Il est  la fois``, ``reste  faire``, ``Nous sommes  Marseille,  800 km``: the one word of French
    that ``encode("ascii", "ignore")`` deletes whole is à, and it leaves two spaces between words; after a
    lower-case word or a comma, before a lower-case word, a number or a capitalised word (not ALL CAPS:
    ``gens » VO``, a closing guillemet before a speaker's label). ``lone``: only where it is the sentence's
    one such gap (a French document's « and » leave a pair: ``tait  trs difficile  pour``)."""
    found = list(_DOUBLE.finditer(text, a, b))
    if lone and len(found) != 1:
        return
    for m in found:
        i = m.start()
        if spans and any(x <= i < y for x, y in spans):
            continue
        yield Change(i, i, "", "\u00e0", "restore_letters", "accent:passage-fr:a", PASSAGE_A_CONFIDENCE)


_VOWELS = frozenset("aeiouhàâäéèêëîïôöûüœæ")


# --- passages under ``?`` and U+FFFD (read by the placeholder restorer) ------------------------------

#: a word of a passage under ``?``/U+FFFD damage: letters and the placeholders of its non-ASCII letters
_PH_WORD = lazy(regex.compile, r"(?<![\w@#/])[A-Za-z?\ufffd]*[A-Za-z][A-Za-z?\ufffd]*(?![\w@/])")
#: a sentence there (a ``?`` may be a letter, so only the other ends count)
_PH_SENTENCE = lazy(re.compile, r"[^.!;:\n\u201c\u201d\"]+")
#: a French elision whose apostrophe is a placeholder (``l?instant``, ``qu?il``, ``l??tat``)
_PH_ELISION = lazy(re.compile, r"(qu|[ldjnsctm])[?\ufffd]([a-z?\ufffd]+)", re.IGNORECASE)
#: a ``?`` typed French-style, with a space before it, before a capitalised word (``droit ? Stéphane``)
_PH_SPACED_Q = lazy(regex.compile, r"(?<=[a-z] )\?(?= [A-Z])")
#: ``à`` as a lone placeholder between two spaces, after a lower-case word or a comma, before a lower-case
#: word or a number (``se chiffre ? 129 morts``, ``reste ? faire``): the one French word of one letter
_PH_A = lazy(regex.compile, r"(?<=[a-z,] )[?\ufffd](?= [a-z0-9])")


@lru_cache(maxsize=8)
def _language_patterns(lang: str) -> dict[str, tuple[float, str]]:
    """The ``?`` pattern (lower case, each non-ASCII letter ``?``) of each accented word of wordfreq's small
    ``lang`` list -> (Zipf, word) of the one it stands for, where no other word of the list has the pattern
    within 0.7."""
    return _unique_best(_language(lang)[0], lambda w: "".join(c if c.isascii() else "?" for c in w))


def _ph_pattern(w: str) -> str:
    return w.replace("\ufffd", "?").lower()


@lru_cache(maxsize=1)
def _ph_phrases():
    """The phrases of :data:`_PHRASES` that end in a non-ASCII letter as they read under ``?``/U+FFFD damage
    (each non-ASCII character a placeholder), as one case-insensitive pattern, the written phrase of each
    lower-case match shape, and the longest word of each, one of which a document's words must hold for the
    pattern to be tried (:func:`phrase_words`)."""
    written = {}
    for v in set(_PHRASES.values()):
        k = "".join(c if c.isascii() else "?" for c in v).lower()
        if k[-1] == "?":  # (the others' placeholders are letter fills already: ``d?j? vu``)
            written[k] = v
    pieces = frozenset(max(re.findall(r"[a-z0-9]+", k), key=len) for k in written)
    alts = sorted(("".join(regex.escape(c) if c != "?" else "[?\ufffd]" for c in k) for k in written), key=len, reverse=True)
    pat = regex.compile(r"(?<![\w?\ufffd])(?:" + "|".join(alts) + r")(?!\w)", regex.IGNORECASE)
    return pat, written, pieces


PHRASE_CONFIDENCE = 0.9


def phrase_words(lows) -> bool:
    """Whether the distinct lower-case words ``lows`` of a document hold a word of a phrase that
    :func:`placeholder_phrases` reads (a C-level set test: the phrase pattern is slow to try)."""
    return not _ph_phrases()[2].isdisjoint(lows)


def placeholder_phrases(text: str) -> dict[int, tuple[str, float, str]]:
    """The placeholders of the phrases the letters restorer knows that end in an accented letter
    (:data:`_PHRASES`: ``le Carr?``, ``Guillain-Barr?``, ``auto-da-f?``) under ``?``/U+FFFD damage: text position ->
    (character, confidence, reason). A phrase settles a placeholder that ends a word, which alone may be a
    real question mark or a closing quotation mark. (The caller tries it where :func:`phrase_words` says.)"""
    pat, written, _ = _ph_phrases()
    out: dict[int, tuple[str, float, str]] = {}
    for m in pat.finditer(text):
        got = written.get(_ph_pattern(m.group()))
        if got is None:
            continue
        for k, c in enumerate(m.group()):
            if c in "?\ufffd":
                ch = got[k].upper() if m.group().isupper() else got[k]
                out[m.start() + k] = (ch, PHRASE_CONFIDENCE, f"placeholder:letter:{got}:phrase")
    return out


@lru_cache(maxsize=1)
@paused_gc
def language_words() -> dict[str, frozenset]:
    """Per language, frequent words of it (:data:`_PASSAGE_MARKERS`, and for French and Spanish their function
    words, :data:`_PASSAGE_FUNCTION`, some of which English text writes too: ``la``, ``de``): the
    diagnosis's test of a document in another language, which weighs them against English function words
    (:func:`textfix.diagnose._not_english`)."""
    return {lang: words | _PASSAGE_FUNCTION.get(lang, frozenset()) for lang, words in _PASSAGE_MARKERS.items()}


def force_language(tokens, ctx) -> str | None:
    """In a document in another language (:attr:`Context.foreign_language`), each sentence may be a passage of it, as
    in a document with three of the language's function words: say so in ``tokens.memo`` (before
    :func:`sentences` runs, which the apostrophe restorer or this one calls first). Returns the language."""
    lang = ctx.foreign_language
    if lang:
        tokens.memo["passage_words"] = True
        tokens.memo["passage_language"] = lang
    return lang


def passage_languages(lows, forced: str | None = None) -> tuple[str, ...]:
    """The languages of :data:`_PASSAGE_FUNCTION_DOC` of which the distinct lower-case words ``lows`` of a
    document hold :data:`PASSAGE_DOC_FUNCTION` or more, and ``forced`` (the language of a document in
    another language, :attr:`Context.foreign_language`) if it is one of them."""
    return tuple(lang for lang, f in _PASSAGE_FUNCTION_DOC.items()
                 if lang == forced or len(f.intersection(lows)) >= PASSAGE_DOC_FUNCTION)


def placeholder_passages(text: str, langs: tuple[str, ...], foreign: str | None = None) -> dict[int, tuple[str, float, str]]:
    """The letters of passages in French or Spanish (:data:`_PASSAGE_FUNCTION`) under ``?`` or U+FFFD damage
    (``un drame se d?roule : Paris est attaqu?e. La ville est en ?tat de si?ge``): text position of each
    placeholder read as a letter (or as the apostrophe of a French elision, ``l?instant``, or as à between
    two words) -> (character, confidence, reason); the character is None for a real question mark.

    ``langs``: the languages the document is looked at in (:func:`passage_languages`: it holds
    :data:`PASSAGE_DOC_FUNCTION` function words of the language that English hardly writes, as the letters
    restorer's passages need; ``foreign``: the document's own language, where a spaced placeholder is read as
    à only where it is its sentence's one, since « and » leave a pair); each sentence with two of its
    function words is a passage where at least :data:`PASSAGE_MIN_WORDS` and :data:`PASSAGE_SHARE` of its
    words are the language's (a word with placeholders counts when its pattern is one frequent word of the
    language's list, :data:`PASSAGE_WORD_ZIPF`) and fewer than :data:`PASSAGE_ENGLISH_WORDS` English ones.
    There a word's placeholders are the letters of that word. A placeholder that ends a word is left where
    a capital or the line's end follows (a real question mark: ``Qui est l?``)."""
    out: dict[int, tuple[str, float, str]] = {}
    if not langs:
        return out
    found: dict[str, int] = {}
    short = []  # sentences too short to be read alone
    for m in _PH_SENTENCE.finditer(text):
        if "?" not in m.group() and "\ufffd" not in m.group():
            continue
        ws = set(_LOW_WORD.findall(m.group().lower()))
        best = None
        for lang in langs:
            if len(_PASSAGE_FUNCTION[lang].intersection(ws)) >= PASSAGE_SENTENCE_FUNCTION:
                got = _ph_passage_words(text, m.start(), m.end(), lang)
                if got is not None and (best is None or got[1] > best[1]):
                    best = (lang, got[1], got[0])
        if best:
            found[best[0]] = found.get(best[0], 0) + 1
            _ph_passage(best[2], best[0], out)
            found_a = list(_PH_A.finditer(text, m.start(), m.end())) if best[0] == "fr" else ()
            if foreign and len(found_a) != 1:
                found_a = ()  # (in a French document « and » leave a pair of spaced placeholders)
            for a in found_a:
                out[a.start()] = ("\u00e0", PASSAGE_A_CONFIDENCE, "placeholder:letter:à:passage-fr")
        else:
            short.append((m.start(), m.end()))
    if found.get("fr"):
        # French sets a space before ``?``: in a document with French passages, a ``?`` between a French word
        # and a capital (``Son bras droit ? St?phane Ravier``) is a real question mark, not a spaced dash
        freqs = _language("fr")[0]
        for q in _PH_SPACED_Q.finditer(text):
            p = q.start()
            low = text[text.rfind(" ", 0, p - 1) + 1 : p - 1].lower()
            if low.isalpha() and _vote(low, freqs) > 0:
                out.setdefault(p, (None, 0.0, "placeholder:passage-fr:question"))
    if found:
        # in a document with passages, a short sentence of the language (``Paris est attaqu?e``, ``Six
        # attentats coordonn?s``): :data:`PASSAGE_SHORT_WORDS` of its words or more are the language's, one of
        # them with placeholders, and none English
        lang = max(found, key=found.get)
        for a, b in short:
            got = _ph_passage_words(text, a, b, lang, short=True)
            if got is not None:
                _ph_passage(got[0], lang, out)
    return out


#: a short sentence of a passage's language (see :func:`placeholder_passages`) has at least this many of
#: its words, and fewer than :data:`PASSAGE_MIN_LEN` words
PASSAGE_SHORT_WORDS = 2


def _ph_passage_words(text: str, a: int, b: int, lang: str, short: bool = False):
    """:func:`_passage_words` for a sentence under ``?``/U+FFFD damage: the readings of its words with
    placeholders (offset, word, reading of :func:`_ph_reading`) and the share of the language's words, or
    None if it is no passage of ``lang``; ``short``: a short sentence of a document with passages
    (:data:`PASSAGE_SHORT_WORDS`). A word with placeholders is the language's where it has a reading."""
    words = [(w.group(), w.start()) for w in _PH_WORD.finditer(text, a, b)]
    n_counted = sum(1 for w, _ in words if not (len(w) > 1 and w.isupper()))
    if short != (n_counted < PASSAGE_MIN_LEN):
        return None
    freqs, _ = _language(lang)
    n = english = filled = 0
    readings = []
    for w, at in words:
        counted = not (len(w) > 1 and w.isupper())  # (an ALL-CAPS token is read, not counted)
        low = _ph_pattern(w)
        if "?" in low:
            got = _ph_reading(text, w, at, lang)
            if got is not None:
                readings.append((at, w, got))
                if counted:
                    n += 1
                    filled += 1
            continue
        if counted:
            vote = _vote(low, freqs)
            if vote > 0:
                n += 1
            elif vote < 0:
                english += 1
    if short:
        if n < PASSAGE_SHORT_WORDS or not filled or english or n < PASSAGE_SHARE * n_counted:
            return None
    elif n < PASSAGE_MIN_WORDS or n < PASSAGE_SHARE * n_counted or english >= PASSAGE_ENGLISH_WORDS:
        return None
    return readings, n / n_counted


#: a word of a passage whose placeholders all stand between two letters (``d?vou?e``) is read as a word of
#: the language's list at any Zipf (the small list's words have 3.0 or more); one that opens or ends on a
#: placeholder, which may be a quotation mark or a real question mark (``?tat``), needs
#: :data:`PASSAGE_WORD_ZIPF`, or this where a lower-case word follows the last one (``tax? de``)
PASSAGE_EDGE_ZIPF = 3.0


def _ph_reading(text: str, w: str, at: int, lang: str) -> tuple[str, str] | None:
    """The reading of the passage word ``w`` (at ``text[at]``) with placeholders: (the word as written, the
    reason's tail), or None. The word of the language's list with its ``?`` pattern (:func:`_language_patterns`),
    or in French an elision (``l?instant``, ``qu?il``, ``n?a``, ``l??tat``) whose placeholder is an
    apostrophe before a word of the list that starts with a vowel or an h."""
    pats = _language_patterns(lang)
    low = _ph_pattern(w)
    got = pats.get(low)
    why = ""
    if got is None:
        if lang != "fr":
            return None
        e = _PH_ELISION.fullmatch(w)
        if e is None:
            return None
        rest = _ph_pattern(e.group(2))
        if "?" in rest:
            got = pats.get(rest)
        else:
            z = _language(lang)[0].get(rest)
            got = None if z is None else (z, rest)
        if got is None or got[1][:1] not in _VOWELS:
            return None
        k = len(e.group(1))
        got = (got[0], w[:k].lower() + "\u2019" + got[1])
        why = ":elision"
    z, word = got
    if len(word) != len(w):
        return None
    if w[0] in "?\ufffd" and z < PASSAGE_WORD_ZIPF:
        return None
    if w[-1] in "?\ufffd":
        e = at + len(w)
        if e >= len(text) or text[e] == "\n" or (text[e] == " " and text[e + 1 : e + 2].isupper()):
            return None  # (perhaps a real question mark: ``Qui est l?``)
        if z < (PASSAGE_EDGE_ZIPF if text[e] == " " and text[e + 1 : e + 2].islower() else PASSAGE_WORD_ZIPF):
            return None
    return (accents.match_case(w, word) if not w.isupper() else word.upper()), why


def _ph_passage(readings: list, lang: str, out: dict) -> None:
    """Add a passage's ``readings`` (offset, word, :func:`_ph_reading`'s reading) to ``out``, a placeholder at a
    time."""
    for at, w, (written, why) in readings:
        for k, c in enumerate(w):
            if c in "?\ufffd":
                out[at + k] = (written[k], PASSAGE_CONFIDENCE, f"placeholder:letter:{written}:passage-{lang}{why}")


@lru_cache(maxsize=1)
@paused_gc
def _elided() -> frozenset:
    """``l``/``d`` and the deleted form of an accented word that French elides before (a vowel or h:
    état, appétit), where the word is French enough (foreign Zipf >= 3.5 or 3 clean-news uses; Lassner is no L’asséner)."""
    out = set()
    vowels = _VOWELS
    for key, cands in accents.by_deleted().items():
        # (:func:`_elidable` written out: a loop over the 55,000 keys on the first document, where a call
        # per candidate cost twice as much)
        for c in cands:
            if (c.fzipf >= 3.5 or c.count >= 3) and c.word[:1].lower() in vowels and c.word[:1].islower():
                if len(key) >= 3 and key.isalpha():
                    out.add("l" + key)
                    out.add("d" + key)
                break
    return frozenset(out)


def _elidable(c: accents.Accented) -> bool:
    # the frequency test first: it rules out most of the 55k index words at the cost of two comparisons
    return (c.fzipf >= 3.5 or c.count >= 3) and c.word[:1].lower() in _VOWELS and c.word[:1].islower()


def _listed(low: str) -> bool:
    """Whether wordfreq lists ``low`` as an English word: its small list, or the rarer words down to
    Zipf 2 that textfix ships (:func:`textfix.fixers.deletions._rare_words`). Not wordfreq's large list
    itself, which takes most of a second and 60 MB to load; it also holds the rarest forms (below Zipf
    2), which are often damage (``ltat`` is not listed either way)."""
    return low in _rare_words() or _z(low) > 0


@lru_cache(maxsize=4096)
def _elision(full: str):
    """(confidence, reason, the restored form) for ``Ltat`` (L’état) or ``lapptit`` (l’appétit): the
    fused token is no English word and its rest has exactly one elidable reading."""
    low = full.lower()
    # wordfreq's small list and its rarer words down to Zipf 2 (:func:`_listed`): ``limped`` is a word,
    # ``ltat`` none
    if not full[1:].islower() or accents.plain(full) != (0.0, 0) or _listed(low):
        return None
    rest = full[1:]
    cands = {c.word.lower() for c in accents.by_deleted().get(rest, ()) if _elidable(c)}
    if len(cands) != 1:
        return None
    word = cands.pop()
    if word.encode("ascii", "ignore").decode() != rest:
        return None
    after = full[0] + "\u2019" + word
    return 0.8, f"accent:elision:{full}->{after}", after


def _phrase_case(found: str, phrase: str) -> str:
    """``phrase`` with each character it shares with ``found`` (the damaged text) in ``found``'s case:
    ``Tte--tte`` -> Tête-à-tête, ``lyse palace`` -> Élysée palace; the restored letters are the table's."""
    if found.isupper():
        return phrase.upper()
    out = []
    j = 0
    for c in phrase:
        if j < len(found) and c.isascii() and found[j].lower() == c.lower():
            out.append(found[j])
            j += 1
        else:
            out.append(c)
    return "".join(out)


def _insertions(before: str, after: str) -> list[tuple[int, int, str]]:
    """The letters of ``after`` that ``before`` lacks, as insertions (start, end, text) into ``before``
    (``Chvezs`` -> á at 2; ``iek`` -> Ž at 0 and ž at 1), so that every kept character stays and the
    apostrophe restorer's insertion in the same word (``Chávez’s``) does not collide. ``before`` is
    ``after`` with some characters deleted; if not (a case change), one replacement of the whole."""
    out: list[tuple[int, int, str]] = []
    j = 0
    for c in after:
        if j < len(before) and before[j] == c:
            j += 1
        elif out and out[-1][0] == j:
            out[-1] = (j, j, out[-1][2] + c)
        else:
            out.append((j, j, c))
    if j != len(before):
        return [(0, len(before), after)]
    return out


@lru_cache(maxsize=1)
@paused_gc
def _keys() -> frozenset:
    return frozenset(accents.by_deleted())


def _probe(tokens, kp: frozenset) -> set:
    """The document's lower-case words that are index keys or keys with an ``s``: looked up only among
    the words that are not frequent (:data:`textfix.fixers.COMMON`, which holds no such word; 110,000
    keys mostly out of the processor's cache make each look-up slow), else among all of them."""
    common = _fixers.COMMON
    if common is not None and _disjoint(common, kp):
        return tokens.rest(common) & kp
    return tokens.lows & kp


@lru_cache(maxsize=4)
def _disjoint(a: frozenset, b: frozenset) -> bool:
    # COMMON is built without the shipped index's keys; a held-out index (accents.PATH) is checked too
    return a.isdisjoint(b)


@lru_cache(maxsize=1)
@paused_gc
def _keys_or_possessive() -> frozenset:
    """The index keys and each key with an ``s``: every lower-case word that :func:`_lookup` may read."""
    keys = _keys()
    # (one C-level join and split makes the 55,000 forms with an ``s``, where a generator took twice as long)
    with_s = ("s\n".join(keys) + "s").split("\n") if keys else []
    if len(with_s) != len(keys):  # (a key with a line break: none in an index built from words)
        with_s = [k + "s" for k in keys]
    return keys.union(with_s)


@lru_cache(maxsize=CACHE_SIZE)
def _lookup(full: str, keys: frozenset) -> tuple[tuple[str, str], ...]:
    """The readings of a word the accent index may hold: itself, and a possessive without its ``s``
    unless the word is itself seen in clean news (``Pass`` is not Paí’s)."""
    low = full.lower()
    if low in _CONTRACTIONS:
        return ()
    out = []
    if low in keys:
        out.append((full, ""))
    if len(full) > 3 and full[-1] == "s" and low[:-1] in keys and _rare_plural(full, low[:-1]):
        # a possessive whose apostrophe was deleted too: ``Gascns`` is Gascón’s
        out.append((full[:-1], "s"))
    return tuple(out)


@lru_cache(maxsize=CACHE_SIZE)
def _cands(tok: str, suffix: str) -> tuple:
    """The index's candidates for ``tok``; for a possessive reading (``suffix`` ``s``) not the words only
    other languages list (``certifies`` is no certifiée’s, ``relaxes`` no relaxée’s)."""
    cands = accents.by_deleted()[tok.lower()]
    if suffix:
        cands = tuple(c for c in cands if not accents.foreign_only(c))
    return cands


#: the English Zipf frequency from which a capitalised ``-s`` token is a plural, not a rare name's possessive
PLURAL_ZIPF = 3.0


def _rare_plural(full: str, stem: str) -> bool:
    """``full`` (the stem and an ``s``) is not a word of its own in clean news: never seen, or seen at
    most once for every 10 clean occurrences of the stem's accented word (``clichs`` once, cliché 22);
    nor, if the index never looked it up and the accented word is rare in clean news, a word of
    wordfreq's English list (``Chris`` is not Chéri’s)."""
    z, n = _plain(full)
    most = max(c.count for c in accents.by_deleted()[stem])
    if full[:1].isupper() and most < STRONG_PRIOR_COUNT:
        # a capitalised plural that English writes often in lower case is that plural in a name (``Black
        # Eyed Peas``: no Peña’s), unless clean news writes the accented name often (``De Lens``: León’s)
        if _zipf()(full.lower()) >= PLURAL_ZIPF:
            return False
    if n == 0 and z == 0.0 and most < 10 and full.lower() not in accents.load()["plain"]:
        # a form the index never looked up (``Chris``): unless clean news writes the accented word often
        # (``De Lens popularity``: León’s), wordfreq says whether it is a word (Chéri’s? no: Chris)
        if _zipf()(full.lower()) >= 2.0:
            return False
    return n == 0 or n * 10 <= most


def _possible(full: str, keys: frozenset, vocab) -> bool:
    """Whether ``full`` has a reading (:func:`_lookup`) and any can be taken in this document (see
    :func:`_chances`)."""
    static, forms, ascii_forms = _chances(full, keys)
    if static:
        return True
    # in an ASCII document with an ASCII title (or none), an accented form has count 0
    return any(map(vocab.get, ascii_forms if vocab.plain else forms))


@lru_cache(maxsize=CACHE_SIZE)
def _chances(full: str, keys: frozenset) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """(a reading can be taken without document evidence, the forms whose presence in the document
    would be evidence, those of them that are ASCII): what :func:`_judge` can say about the token,
    whatever its neighbours."""
    index = accents.by_deleted()
    pairs = _bigram_words()
    forms = []
    # (a token without readings: nothing static, no forms; it is no candidate)
    for tok, suffix in _lookup(full, keys):
        for written, cand, surname in _readings(tok, _cands(tok, suffix)):
            forms += (written, cand.word)
            # a name pair or a surname after a first name depends on the neighbours: keep the token
            if surname == "surname" or written.lower() in pairs or _named(tok, written, cand) or _foreign_name(tok, written, cand):
                return True, (), ()
            if _judge_static(tok, written, cand, False) or _judge_static(tok, written, cand, True):
                return True, (), ()
            if _adjective(tok, written, cand) or _name_part(tok, written, cand):
                return True, (), ()  # an adjective's slot or a name's part depends on the neighbours
    forms = tuple(dict.fromkeys(forms))
    return False, forms, tuple(f for f in forms if f.isascii())


@lru_cache(maxsize=1)
@paused_gc
def _bigram_words() -> frozenset:
    """The words of the index's bigrams, in lower case (:func:`textfix.lexicon.accents.bigram` ignores
    case where the exact spelling is not listed)."""
    return frozenset(w.lower() for pair in accents.load()["bigrams"] for w in pair.split(" "))


class _DocVocab:
    """``ctx.vocab`` counted only when needed: a form that is not even a substring of the document or
    its title has count 0, and that is the answer for nearly every candidate."""

    __slots__ = ("ctx", "seen", "ascii", "plain")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.seen: dict[str, int] = {}
        self.ascii: bool | None = None
        #: the document and its title are ASCII: no accented form is in them
        self.plain = ctx.text.isascii() and (not ctx.title or ctx.title.isascii())

    def get(self, form: str) -> int:
        n = self.seen.get(form)
        if n is None:
            ctx = self.ctx
            if self.ascii is None:
                self.ascii = ctx.text.isascii()
            # the forms are accented: an ASCII document holds none of them
            absent = (self.ascii and not form.isascii()) or form not in ctx.text
            if absent and not (ctx.title and form in ctx.title):
                n = 0
            else:
                n = ctx.vocab.get(form, 0)
            self.seen[form] = n
        return n


_LEAD_BYTES = frozenset("\u00c2\u00c3\u00c4\u00c5\u00e2")


def _quiet(tok, cands, vocab) -> bool:
    """Whether :func:`_best` finds nothing for ``tok`` between two words that are not capitalised: no
    reading has evidence in this document or from clean news alone, and none is capitalised but a
    surname reading (which needs a capitalised first name before it). Between such neighbours
    :func:`_judge` reaches neither its name pairs nor anything but :func:`_judge_static`."""
    for written, cand, surname in _readings(tok, cands):
        if not surname and written[:1].isupper():
            return False
        if vocab.get(written) or vocab.get(cand.word) or _adjective(tok, written, cand):
            return False
        if _judge_static(tok, written, cand, False) or _judge_static(tok, written, cand, True):
            return False
    return True


def _best(tok, cands, vocab, prev, nxt):
    best = None
    # (``Its nave to think``: an It’s that lost its apostrophe, before the adjective)
    noun = (prev.lower() in _NOUN_CONTEXT and not (prev.lower() == "its" and nxt == "to")) or nxt.lower() == "of"
    for written, cand, surname in _readings(tok, cands):
        if surname == "surname" and not _first_name(prev) and not _name_anywhere(tok, cand):
            continue
        if surname == "initial" and not prev:
            continue
        if surname == "initial" and not cand.count and prev[:1].isupper():
            # (a word clean news never writes, after a capitalised word: as likely a surname, ``Carlos
            # lvarez``, which its own reading takes)
            continue
        verdict = _judge(tok, written, cand, vocab, prev, nxt, noun)
        if verdict and (best is None or verdict[0] > best[0]):
            best = (verdict[0], verdict[1], written)
    return best


#: the fewest letters a deleted first letter must leave for a ``surname`` or ``initial`` reading
MIN_REST = 3


@lru_cache(maxsize=CACHE_SIZE)
def _readings(tok: str, cands) -> tuple:
    """(written form, candidate, kind) triples that may stand for ``tok``: a function of the token alone.
    A deleted first letter makes a ``surname`` reading (capitalised: ``lvarez``), which holds only after
    a first name or for a name that clean news writes often (:func:`_name_anywhere`), and, for a word
    clean news writes mostly in lower case, an ``initial`` one (``migrs``: émigrés), which holds only
    after a word (not at the start of a sentence, where the letter was a capital). Other readings have
    kind ``""``."""
    out = []
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
        # a deleted first letter has no visible case: only a cased form from clean news says it, or a
        # first name before it (``Carlos lvarez``, ``Slavoj iek``) when clean news has the word, or
        # another language writes it often (álvarez: Spanish Zipf 4.1)
        surname = ""
        if not word[:1].isascii() and not word[:1].isupper():
            if len(tok) < MIN_REST:
                # (``a`` is no ça: one or two letters left by a deleted first letter name no word, and
                # every such token is a frequent English one)
                continue
            if (tok[:1].islower() and (cand.count > 0 and 2 * cand.caps < cand.count or _unseen_word(cand))
                    and tok == word.encode("ascii", "ignore").decode()):
                # a common word that clean news writes in lower case (émigrés: ``migrs``), inside a sentence
                out.append((word, cand, "initial"))
            if not ((cand.count > 0 or cand.fzipf >= SURNAME_FOREIGN_ZIPF) and tok[:1].islower() and not accents.foreign_only(cand)):
                continue
            word, surname = word[:1].upper() + word[1:], "surname"
        written = accents.match_case(tok, word) if not word[:1].isupper() or tok.isupper() else word
        if surname:
            written = word
        if written.encode("ascii", "ignore").decode() != tok:
            written = accents.match_case(tok, word)
            if written.encode("ascii", "ignore").decode() != tok:
                continue
        out.append((written, cand, surname))
    return tuple(out)


#: the lowest English and foreign Zipf frequencies of a word that clean news never writes, read as a common
#: word whose first letter was deleted (:func:`_unseen_word`)
UNSEEN_EN_ZIPF = 2.0
UNSEEN_FOREIGN_ZIPF = 3.0


def _unseen_word(cand: accents.Accented) -> bool:
    """``cand`` may stand in lower case for a token that lost its first letter though clean news never
    writes it (``the migr makes``: émigré, an index built without the documents that write it): a word
    of wordfreq's English list (Zipf :data:`UNSEEN_EN_ZIPF` or more) that another language writes often
    (``fzipf``, French 3.3), so no name of English text only; the rules of :func:`_judge_static` decide."""
    return (cand.count == 0 and cand.zipf >= UNSEEN_EN_ZIPF and cand.fzipf >= UNSEEN_FOREIGN_ZIPF
            and cand.word[:1].islower() and cand.word.lower() not in accents.own_words())


#: how often clean news must write a name whose first letter was deleted (Öcalan) for it to be read
#: without a first name before it, and the share of those occurrences that must be capitalised
NAME_ANYWHERE_COUNT = 5
NAME_ANYWHERE_CAPS = 0.9


@lru_cache(maxsize=4096)
def _name_anywhere(tok: str, cand: accents.Accented) -> bool:
    """``calan`` is Öcalan wherever it stands: clean news writes the name often, capitalised, and never
    the deleted form, which wordfreq's English list hardly knows (Zipf below 2)."""
    if cand.count < NAME_ANYWHERE_COUNT or cand.caps < NAME_ANYWHERE_CAPS * cand.count:
        return False
    z, n = _plain(tok)
    return n == 0 and z < 2.0


def _judge(tok: str, written: str, cand: accents.Accented, vocab, prev: str, nxt: str, noun: bool):
    if vocab.get(written) or vocab.get(cand.word):
        return 0.95, "seen-in-doc"
    if len(tok) <= 3 and tok.isupper() and not (prev.isupper() and len(prev) > 1 or nxt.isupper() and len(nxt) > 1):
        # a short ALL-CAPS token among words in lower case is an acronym (``youll be DOA.``), not a word
        # whose capitals show no case (``DOÑA ANA``)
        return None
    if prev.lower() in _ADJ_PREV and nxt in _ADJ_NEXT and _adjective(tok, written, cand):
        # an adjective's slot at the end of a clause (``becoming pass.``, ``so nave and``): clean news
        # writes passé and naïve there (4 and 9 times in the dev split), never pass or nave; after
        # ``already`` (``the already pass.``) no clean allsides, BBC, usnews or L3S document writes an
        # index word's deleted form at a clause end, and passé once
        return 0.85, "adjective-slot"
    if written[:1].isupper() or nxt[:1].isupper():
        after = accents.bigram(f"{written} {nxt}") if nxt else 0
        pair = after or (accents.bigram(f"{prev} {written}") if prev else 0)
        if pair >= 3 and (written[:1].isupper() or after >= 3):
            # a known pair with a name in it (``São Paulo``, ``Alternative für Deutschland``)
            return 0.9, "name-pair"
    if (_name_part(tok, written, cand) and prev[:1].islower() and nxt[:1].isupper() and nxt[1:].islower()
            and _z(nxt.lower()) < NAME_PART_NEXT_ZIPF):
        # ``in So Paulo``: see :func:`_name_part`
        return 0.8, "name-part"
    if _named(tok, written, cand) and (_first_name(prev) or _first_name(nxt)):
        # a name beside another (``Doa Ana County``, ``Alex Nez``): see :func:`_named`
        return 0.7, "wordfreq-named"
    if _foreign_name(tok, written, cand) and _first_name(prev):
        # a surname after a first name (``Ricardo Rossell``): see :func:`_foreign_name`
        return 0.8, "foreign-name"
    verdict = _judge_static(tok, written, cand, noun)
    if verdict and verdict[1] == "clean-news-prior" and prev[:1].isupper() and nxt[:1].isupper():
        # between two capitalised words the token is a name's middle (``Mandy Len Catron``), where the
        # plain name is as likely as clean news's prior for the accented one (León)
        return None
    return verdict


#: :func:`_name_part`: the lowest English Zipf frequency of the token (a function word), and of the accented
#: name part; the highest of the capitalised word after it (a name, not a title-case heading's word)
NAME_PART_TOKEN_ZIPF = 5.0
NAME_PART_ZIPF = 3.0
NAME_PART_NEXT_ZIPF = 4.0


def _name_part(tok: str, written: str, cand: accents.Accented) -> bool:
    """``So`` read as São: a frequent English word (Zipf :data:`NAME_PART_TOKEN_ZIPF` or more) written
    capitalised, whose reading is a capitalised word that English text writes often (Zipf
    :data:`NAME_PART_ZIPF`: São of São Paulo, São Tomé), which :func:`_judge` takes inside a sentence
    (after a lower-case word) before a capitalised word that is no frequent English word: a name
    (``in So Paulo``), not a title-case heading (``the film So Much``, ``So Far``; clean allsides, BBC and
    usnews news write ``So`` so 16 times, ``São Paulo`` 8). Without the pair's counts in the accent index
    (text it was not built from) this is the only evidence."""
    return (written[:1].isupper() and tok[:1].isupper() and tok[1:].islower() and cand.zipf >= NAME_PART_ZIPF
            and _z(tok.lower()) >= NAME_PART_TOKEN_ZIPF)


#: the lowest foreign Zipf frequency of a name read by :func:`_named`, and how far above the token's own
#: English frequency it must be
NAMED_ZIPF = 3.0
NAMED_MARGIN = 1.0
#: the highest such frequency (a function word of its language above it), and the lowest English one
NAMED_MAX_ZIPF = 5.3
NAMED_EN_ZIPF = 2.0
#: how often clean news may write the token's lower-case form for :func:`_named` (``pea``: 2)
NAMED_LOWER_COUNT = 3


@lru_cache(maxsize=4096)
def _named(tok: str, written: str, cand: accents.Accented) -> bool:
    """``Doa`` is Doña beside another name (``Doa Ana County``): the token is capitalised, clean news never
    writes it in either case, and the accented word, which wordfreq's English list holds, is far more
    frequent in another language (``nzipf``, Spanish 4.2) than the token in English (2.8; wordfreq's
    ``doa`` is partly this very damage). :func:`_judge` also wants a capitalised neighbour that is no
    common word (:func:`_first_name`)."""
    if not (len(tok) >= 3 and tok[:1].isupper() and tok[1:].islower() and written[:1].isupper()):
        return False
    if not NAMED_ZIPF <= cand.nzipf <= NAMED_MAX_ZIPF or cand.zipf < NAMED_EN_ZIPF:
        # (above the band, a function word of its language: même, cómo; below NAMED_EN_ZIPF, a word
        # English text hardly writes: saúde, sarà)
        return False
    if cand.count and 2 * cand.caps < cand.count:
        return False  # clean news writes it, in lower case: a word, not a name (exposé: ``Montreal Expos``)
    z, n = _plain(tok)
    zl, nl = _plain(tok.lower())
    # (the lower-case form may be a word clean news writes rarely: ``pea`` twice, so ``Enrique Pea Nieto`` is
    # Peña where the index has not seen the pair; ``sad``, ``blow``, ``class`` are frequent there)
    return n == 0 and nl <= NAMED_LOWER_COUNT and max(z, zl) <= cand.nzipf - NAMED_MARGIN


@lru_cache(maxsize=4096)
def _foreign_name(tok: str, written: str, cand: accents.Accented) -> bool:
    """``Rossell`` is Rosselló after a first name (``Ricardo Rossell``): the token is capitalised, four
    letters or more, and neither clean news (in either case) nor wordfreq's English list (Zipf 2 or more)
    writes it; the accented word, which wordfreq lists in lower case as it lists every name, is frequent in
    another language (``fzipf`` 3 or more: Catalan 3.9) and its deleted form no word there
    (:func:`textfix.lexicon.accents.own_words`). :func:`_judge_static` turns such a token away where
    wordfreq's English list knows it better than the accented word (``Blas Ople`` is no blasé); a first
    name before it says it is a name, and the name is the accented one. :func:`_judge` wants the first
    name; the same token elsewhere in the document follows it."""
    if not (len(tok) >= 4 and tok[:1].isupper() and tok[1:].islower() and written[:1].isupper() and cand.word[:1].islower()):
        return False
    if cand.fzipf < SURNAME_FOREIGN_ZIPF or cand.word.lower() in accents.own_words():
        return False
    z, n = _plain(tok)
    zl, nl = _plain(tok.lower())
    return n == 0 and nl == 0 and max(z, zl) < 2.0


def _adjective(tok: str, written: str, cand: accents.Accented) -> bool:
    """A lower-case accented word of clean news (seen 3 times or more) whose deleted form is a word too
    (passé, naïve): :func:`_judge` takes it in an adjective's slot."""
    return cand.count >= 3 and len(tok) >= 4 and tok.islower() and written.islower()


@lru_cache(maxsize=CACHE_SIZE)
def _judge_static(tok: str, written: str, cand: accents.Accented, noun: bool):
    """The part of :func:`_judge` that depends on the token and its reading only (cached)."""
    z_plain, n_plain = _plain(tok)
    if z_plain == 9.0 and len(tok) >= 5 and cand.count >= 3:
        # an ALL-CAPS token no list knows is an acronym or a heading, unless clean news writes its
        # accented reading often (``ORDOEZ`` in a transcript's speaker line: ORDOÑEZ)
        z_plain, n_plain = 0.0, 0
    if tok[:1].isupper() and tok[1:].islower() and cand.word[:1].islower():
        # a capitalised token read as a lower-case word (``Cot`` as coté) may be that word opening a
        # sentence: the evidence for the plain word includes its lower-case form (cot)
        z_low, n_low = _plain(tok.lower())
        z_plain, n_plain = max(z_plain, z_low), n_plain + n_low
    if len(tok) <= 2:
        if n_plain == 0 and cand.count >= 5 and tok[:1].isupper() and not tok.isupper() and written[:1].isupper():
            return 0.85, "clean-news-short"
        return None
    if n_plain == 1 and z_plain == 0.0 and max(cand.zipf, cand.fzipf) >= NOISE_ZIPF:
        # seen once in clean news and in no list at all: the trace of this very damage in a clean corpus
        # (``clichs``), not a word
        n_plain = 0
    if n_plain == 0:
        # never in clean news: wordfreq's listing of it is the damage itself
        if (z_plain > cand.zipf and written[:1].isupper() and tok[:1].islower() and not _name_anywhere(tok, cand)
                and not (z_plain < 2.0 and cand.fzipf >= SURNAME_FOREIGN_ZIPF)):
            # unless the deleted capital left a lower-case English word more frequent than the name
            # (``lyse`` the verb, not Élysée; ``the lyse Palace`` is a phrase); a rare form (Zipf below 2)
            # of a name another language writes often is the name (``Abdullah calan``: Öcalan)
            return None
        if tok[:1].isupper() and cand.word[:1].islower() and z_plain > cand.zipf + 0.2 and not _clean_name(cand):
            # a capitalised token read as a lower-case word that wordfreq knows less well than the token
            # (``Blas Ople`` is no blasé, ``Entre Rios`` no entrée): a name of its own, likely; unless
            # clean news writes the accented word as a name, capitalised (Doña, Bové), and never the token
            return None
        if cand.count > 0:
            # a form seen once in clean news is weaker evidence than a name pair (``Andrés Manuel``)
            return (0.92 if cand.count >= 3 else 0.85), "clean-news"
        if z_plain <= cand.zipf - 0.3 and cand.zipf >= 2.5:
            return 0.8, "wordfreq"
        if (z_plain < 2.0 and z_plain <= cand.fzipf - 1.0 and cand.fzipf >= FOREIGN_ZIPF and not tok.isupper()
                and cand.word.lower() not in accents.own_words()):
            # a name English text writes (wordfreq's English list has it) and another language writes
            # often (Hénin, Vučić, Schröder), whose deleted form is no word: neither clean news nor (above
            # a trace of this very damage) wordfreq's English list has it; not in ALL CAPS, where acronyms
            # and codes are (``KRE/AMB`` is no Kåre); nor where the deleted form is a word of the accented
            # word's own language (``Je pense que``: no pensée)
            return 0.8, "wordfreq-foreign"
        if (0.0 < z_plain < TRACE_ZIPF and z_plain <= cand.zipf - TRACE_MARGIN and cand.zipf >= FOREIGN_ZIPF and len(tok) >= 4
                and not tok.isupper() and _alone(tok, cand)):
            # a deleted form that wordfreq's English list holds only as a trace of this very damage (``sauted``
            # 1.1, sautéed 2.4): rare, never in clean news, far below the accented word, and no other
            # reading is close
            return 0.75, "wordfreq-trace"
        if z_plain == 0.0 and cand.zipf >= RARE_ZIPF and len(tok) >= 4 and not tok.isupper() and _alone(tok, cand):
            # a rare word of wordfreq's English list (naïvely, Kimberlé) whose deleted form is no word
            # anywhere: neither wordfreq's English list nor clean news has it, and no other reading is close
            return 0.75, "wordfreq-rare"
        return None
    if noun:
        return None
    prior = cand.count / (cand.count + n_plain)
    if cand.count >= 5 and prior >= 0.9 and (z_plain <= cand.zipf + 0.3 or (cand.count >= STRONG_PRIOR_COUNT and prior >= 0.95
                                                              and tok[:1].isupper() and _clean_name(cand))):
        # (a name that clean news writes twenty times for each plain spelling outweighs wordfreq, whose
        # ``len`` is mostly code: ``Len`` is León; ``lens`` stays)
        return 0.5 + 0.45 * prior, "clean-news-prior"
    return None


#: the highest English Zipf frequency of a deleted form that :func:`_judge_static` reads as a trace of this
#: damage in wordfreq (``sauted`` 1.1), and how far below the accented word it must be
TRACE_ZIPF = 1.5
TRACE_MARGIN = 1.0
#: the lowest Zipf frequency (English or foreign) of an accented word whose deleted form, in no list,
#: clean news writes once (:func:`_judge_static`)
NOISE_ZIPF = 2.5
#: how often clean news must write an accented word for a prior of 0.95 to outweigh wordfreq
STRONG_PRIOR_COUNT = 20
#: how often clean news must write an accented word, nearly always capitalised, for it to count as a
#: name there (:func:`_clean_name`)
CLEAN_NAME_COUNT = 2


def _clean_name(cand: accents.Accented) -> bool:
    """Clean news writes ``cand`` as a name: at least :data:`CLEAN_NAME_COUNT` times, capitalised in 90%
    of them (Doña, Bové; not blasé, entrée)."""
    return cand.count >= CLEAN_NAME_COUNT and cand.caps >= NAME_ANYWHERE_CAPS * cand.count


@lru_cache(maxsize=4096)
def _alone(tok: str, cand: accents.Accented) -> bool:
    """No other reading of ``tok`` (another word, not a case variant) comes within 0.7 Zipf of ``cand``."""
    word = cand.word.lower()
    return all(c.zipf <= cand.zipf - 0.7 for c in accents.by_deleted()[tok.lower()] if c.word.lower() != word)


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


#: The confidence of a bullet restored at the start of a list line: below the default ``min_confidence``.
BULLET_CONFIDENCE = 0.4


def _degree_word(joined: str) -> bool:
    """Whether a line of ``joined`` (:attr:`textfix.fixers.Words.capital_lines`) ends in a digit and a
    ``C`` or an ``F``: in an ASCII text, every match of :data:`_DEGREE_HINT` ends such a word (a
    letter/digit run with a capital). A few C-level searches of a string about a tenth of the text's
    length, where the hint's own search tries a Unicode digit at every character."""
    for unit in ("C", "F"):
        i = joined.find(unit + "\n")
        while i >= 0:
            if i and joined[i - 1] in _DIGITS:
                return True
            i = joined.find(unit + "\n", i + 2)
        if len(joined) >= 2 and joined[-1] == unit and joined[-2] in _DIGITS:
            return True
    return False


_DIGITS = frozenset("0123456789")
_LINE_SPACE = lazy(re.compile, "\n ")  # (``re``'s search for a literal is faster here than ``str.__contains__``)


def _symbols(text: str, ctx: Context, tokens=None) -> Iterable[Change]:
    """``tokens``: the document's :class:`textfix.fixers.Words`, if the caller has them: a word that a
    pattern's match holds whole is looked up among their distinct words before the text is searched."""
    distinct = tokens.low_of if tokens is not None else None
    # each pattern runs only where a substring it needs occurs (a C-level search): the copyright word
    # and the double space after it (the pattern's space and its look-ahead's)
    if (distinct is None or "copyright" in distinct or "Copyright" in distinct or "COPYRIGHT" in distinct) and "  " in text and (
            "opyright  " in text or "OPYRIGHT  " in text):
        # (every match is one of the three words and its two spaces: each found with ``str.find`` and
        # matched there, instead of the pattern tried at every character of the text)
        for i, _ in _starts(text, _COPYRIGHT_WORDS):
            m = _COPYRIGHT.match(text, i)
            if m:
                yield Change(m.end(), m.end(), "", "\u00a9", "restore_symbols", "symbol:copyright:double-space", 0.9)
    line_space = _LINE_SPACE.search(text) is not None or text[:1] == " "
    if line_space:
        for m in _COPY_LINE.finditer(text):
            yield Change(m.start(), m.start(), "", "\u00a9", "restore_symbols", "symbol:copyright:line-start", 0.7)
    # (a text typed in ASCII, its apostrophes and quotes intact, writes ``1.5C`` as its own spelling as
    # often as it lost a degree sign: BBC style)
    intact = ctx.quotes_intact
    hint = not intact and (_degree_word(tokens.capital_lines) if tokens is not None and text.isascii() else _DEGREE_HINT.search(text))
    # (a match of _DEGREES holds one of _DEGREE_HINT, so a hint that finds more than it changes nothing)
    if hint and _DEGREES.search(text) and _TEMP_WORDS.search(text):
        for m in _DEGREES.finditer(text):
            window = text[max(0, m.start() - 120) : m.end() + 80]
            if _TEMP_WORDS.search(window):
                yield Change(m.end(), m.end(), "", "\u00b0", "restore_symbols", "symbol:degree:temperature-context", 0.8)
    if not intact and (distinct is None or "C" in distinct or "F" in distinct) and (" C (" in text or " F (" in text):
        for m in _DEGREE_PAIR.finditer(text):
            if m.group(1) != m.group(2):
                for g in (1, 2):
                    yield Change(m.start(g), m.start(g), "", "\u00b0", "restore_symbols", "symbol:degree:conversion-pair", 0.95)
    bullets = list(_BULLET.finditer(text)) if line_space else []
    # a list: several lines that start with the space a deleted bullet left. As often a dash (``— First,
    # the firing…``, author lines) or another mark (⦁) stood there: on 300 dev documents 6 of 20 were •
    # (`python -m benchmarks.calibration`), so a bullet is a suggestion under the default min_confidence
    if len(bullets) >= 2 and len(bullets) < text.count("\n") + 1:  # (fewer bullets than lines)
        for m in bullets:
            yield Change(m.start(), m.start(), "", "\u2022", "restore_symbols", "symbol:bullet:list-line", BULLET_CONFIDENCE)
    sign = ctx.config.currency
    if not sign and ctx.config.min_confidence > 0.3:
        return  # the suggestions below would all be dropped
    for m in _AMOUNT.finditer(text):
        if sign:
            yield Change(m.start(), m.start(), "", sign, "restore_symbols", f"symbol:currency:{sign}:configured", 0.8)
        else:
            yield Change(m.start(), m.start(), "", "\u00a3", "restore_symbols", "symbol:currency:suggestion", 0.3)
