"""Rebuild ``data/accents-v12.msgpack.gz``: accented words and how often their damaged forms are real words.

Run from the repository root (beside ``../shared/corpora``)::

    PYTHONPATH=. python -m textfix.lexicon.build_accents [--corpora ../shared/corpora] [--exclude ids.txt --out F]
    PYTHONPATH=. python -m textfix.lexicon.build_accents --derive-from OLD --out F   # OLD in v12's layout, views recomputed

``--exclude`` leaves out the dev documents whose IDs the file lists (one a line), so that a benchmark can
score on them with an index that never saw them (point ``textfix.lexicon.accents.PATH`` at ``F``).

Inputs: wordfreq's English "large" list (its accented Latin-script words and their Zipf frequencies),
the :data:`FOREIGN` wordfreq lists (how often other languages write those words), and the DEV split of
allsides-abp ``curly`` (clean, accents intact). Output (gzipped msgpack since v11; gzipped JSON for an ``--out`` name
ending in ``.json.gz``), keys sorted::

    {"version": 12,
     "words":  {accented_word: [zipf, dev_count, foreign_zipf, dev_caps, named_zipf, raw_zipf]},  # wordfreq words lowercase; corpus forms with case
     "plain":  {deleted_form: [zipf, dev_count]},       # the form with the accented letters deleted
     "bigrams": {"São Paulo": dev_count},               # accented word + neighbour, for ambiguous forms
     "foreign": {"words": "chérif\nhincapié\n…", "fzipf": [foreign_zipf, …]},  # v3: words only other languages list (see below); v12: columns
     "pairs": {"Pea Nieto": [dev_count, 0]},            # v4: deleted forms of capitalised name pairs
     "diaeresis": {"coöperate": zipf},                  # v4: The New Yorker's diaeresis (see _diaeresis)
     "rare_foreign": {"words": "hübschle\n…", "zipf": "1.06\n…"},  # v6: rarer ``foreign`` words, one a line (below); v12: columns
     "own_words": ["pensée", …],                        # v7: see :func:`_foreign`
     "other_names": {"words": "yağan\n…", "zipf": "3.76\n…"},     # v10: see :func:`_other_names`; v12: columns
     "derived": {"settings": […], "signatures": "…", …}}  # v11: views of the above, see accents.derive

``dev_count`` counts case-sensitive occurrences in the clean dev documents. The ``plain`` counts are what
makes wordfreq's pollution harmless: "caf" and "fianc" are in wordfreq (text that lost its accents), but
they never occur in clean edited news, whereas "pea" and "nave" do. Corpus-only words need at least
``MIN_COUNT`` occurrences in two documents, so no rare string of one article is shipped.

``dev_caps`` (new in v4) is how many of the ``dev_count`` occurrences begin with a capital letter (all of
them for a capitalised entry): whether clean news writes the word as a name (Öcalan: 15 of 15) or a
common word (état: 0 of 8), which decides the case of a deleted first letter.

``named_zipf`` (new in v5) is the word's highest Zipf frequency in the other languages' lists whatever
its deleted form's English frequency, kept only where no :data:`FOREIGN` list writes the deleted form
itself within :data:`NAMED_MARGIN` (``doa`` for doña: Spanish 4.2, English ``doa`` 2.8; not ``piet``,
Dutch): the letters restorer reads it for a capitalised name beside another (``Doa Ana County``).

``foreign_zipf`` (new in v2) is the word's highest Zipf frequency in the other languages' lists, 0 if
below :data:`FOREIGN_ZIPF`, if its deleted form is an English word, or if another word of the same
deleted form comes close (see :func:`_foreign`). It lets a rare name of English text whose deleted form
is no word (``Hnin``, ``Vui``) be restored without clean-news counts. Words that only other languages
list are not ``words``: their deleted forms are real English tokens too often (``certifies`` as
certifiée’s, ``apparat`` as apparaît; +10 letters restored, +20 invented on 300 held-out documents).

``foreign`` (new in v3) holds them only where that cannot happen: words of the :data:`FOREIGN_ONLY`
lists (the languages most names of English news come from) with a Zipf frequency of at least
:data:`FOREIGN_ZIPF` there, absent from wordfreq's English list, whose deleted form (at least
:data:`FOREIGN_ONLY_MIN` letters) is no English word at all (wordfreq's English Zipf 0) nor a word of
those lists (``lograr`` is Spanish, not logrará), never occurs in the clean dev news in any case, and has no rival word of the same deleted form within
:data:`FOREIGN_MARGIN` (``Chrif`` -> Chérif, ``Hincapi`` -> Hincapié, ``Itaquero`` -> Itaquerão). They are
kept apart from ``words`` so that only the letters restorer reads them, not the placeholder restorer.

``rare_foreign`` (new in v6) holds the words that pass every test of a ``foreign`` word but are rarer in
their list (Zipf from :data:`RARE_FOREIGN_ZIPF` up to :data:`FOREIGN_ONLY_ZIPF`: Hübschle, German 1.1;
Vaissié, French 1.2), in one string of words, a word a line (v12; a string of ``word zipf`` lines up to
v11), beside one of their Zipf frequencies. The letters restorer reads them only for a
capitalised token after a first name (``Annette Hbschle``) and the same token elsewhere in the
document; they are kept out of ``foreign`` so that the index's other readers never load them as
candidates (about 113,000 words: as ``foreign`` words they cost the first ``fix()`` half a second and
76 MB; as one string, 0.02 s to load, and their look-up table is built on the first damaged document).
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

from . import accents
from .split import doc_split

VERSION = accents.VERSION
MIN_COUNT = 3
#: wordfreq languages whose frequencies back an accented word of wordfreq's English list (Hénin, Vučić)
FOREIGN = ("es", "fr", "pt", "de", "it", "pl", "cs", "nl", "ca", "sv", "fi", "nb", "hu", "sh", "ro", "tr", "da")
#: minimum Zipf frequency in a foreign list; and how far the best foreign word of a deleted form must be
#: ahead of the next one (``mller``: Müller or Møller?) for it to get its foreign frequency
FOREIGN_ZIPF = 2.0
FOREIGN_MARGIN = 0.7
#: how far an accented word's foreign Zipf must be above its deleted form's in every :data:`FOREIGN` list
#: for it to get a ``named_zipf`` (v5, see :func:`_foreign`)
NAMED_MARGIN = 0.5
#: (v7) an accented word gets no ``foreign_zipf`` where its deleted form is a word of the word's own
#: language (the list of its best frequency) less than this far below it (``pense`` for pensée)
OWN_WORD_MARGIN = 0.3
#: the languages whose own words (not in wordfreq's English list) may be restored, and the shortest
#: deleted form taken from them
FOREIGN_ONLY = ("es", "fr", "pt", "de", "ca")
FOREIGN_ONLY_MIN = 4
#: the lowest Zipf frequency of a ``foreign`` word in its list
FOREIGN_ONLY_ZIPF = 2.0
#: (v6) the lowest Zipf frequency of a ``rare_foreign`` word: one that passes every test of a ``foreign``
#: word but is rarer than :data:`FOREIGN_ONLY_ZIPF` in its list (Hübschle, German 1.1)
RARE_FOREIGN_ZIPF = 1.0
#: the highest English Zipf frequency of a ``foreign`` word's deleted form (wordfreq's English list holds
#: some of this very damage: ``vran`` for Véran), and how far the word's foreign Zipf must be above it
FOREIGN_ONLY_EN_ZIPF = 0.0
FOREIGN_ONLY_EN_MARGIN = 1.0
#: how far a ``foreign`` word's Zipf must be above an ASCII word of the same spelling as its deleted form
#: in those lists (``None``: any such ASCII word rules the form out)
ASCII_RIVAL_MARGIN: float | None = None
#: (v8) the looser tests of a ``rare_foreign`` word of any frequency, read only as a name after a first
#: name: its deleted form may be an English word up to this Zipf (``vran`` 1.2 for Véran; at least
#: :data:`FOREIGN_ONLY_EN_MARGIN` below the word), or an ASCII word of the :data:`FOREIGN_ONLY` lists at
#: least this far below the word (German ``aez`` 1.9 for Spanish Añez 2.4); v9: 1.3, was 1.5 (``Rory Bruer``:
#: English 1.44 is an English surname, no Bräuer)
NAME_EN_ZIPF = 1.3
NAME_RIVAL_MARGIN = 0.5
#: and its deleted form's highest Zipf frequency in the lists of the languages whose surnames English news
#: writes most (:data:`FOREIGN_ONLY` and Italian: ``Jennifer Pompi``); a word of a language whose names
#: are rarer there is no rival (Czech ``vran``, 2.7: ``Olivier Vran`` is Véran)
NAME_RIVAL_LANGS = FOREIGN_ONLY + ("it",)
NAME_RIVAL_ZIPF = 2.0
#: and its deleted form's shortest length (``aez``)
NAME_MIN = 3
#: (v9) a ``rare_foreign`` word is left out where any of the :data:`FOREIGN` lists writes its deleted form as
#: an ASCII word at least this Zipf frequency, and this far above the word (``Spala``: Czech 4.1, Polish
#: 3.2; Portuguese sépala 1.0)
RARE_RIVAL_ZIPF = 2.0
RARE_RIVAL_MARGIN = 0.5
#: (v10) the languages of ``other_names``: the :data:`FOREIGN` lists that ``foreign`` and ``rare_foreign``
#: leave out (Turkish Yağan, Hungarian Gergő, Czech Doležal), and the lowest Zipf frequency of a word there
OTHER_NAME_LANGS = tuple(lang for lang in FOREIGN if lang not in FOREIGN_ONLY)
OTHER_NAME_ZIPF = 3.5
_WORD = regex.compile(r"[^\W\d_]+")
_LATIN = regex.compile(r"^\p{Script=Latin}+$")
_NASAL = regex.compile(r"[ãõÃÕ]")


def deleted(word: str) -> str:
    return word.encode("ascii", "ignore").decode()


def _accented(word: str) -> bool:
    return not word.isascii() and bool(_LATIN.match(word)) and any(c.isascii() for c in word) and len(deleted(word)) >= 1


def build(corpora: Path, exclude: frozenset = frozenset()) -> dict:
    from wordfreq import iter_wordlist, zipf_frequency

    words: dict[str, list] = {}
    for w in iter_wordlist("en", "large"):
        if _accented(w):
            words[w] = [zipf_frequency(w, "en", wordlist="large"), 0]

    foreign, named, own_words, raw = _foreign(words)

    counts: Counter = Counter()
    docs: Counter = Counter()
    bigrams: Counter = Counter()
    ascii_counts: Counter = Counter()
    path = corpora / "allsides-abp" / "curly.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev" or str(d["ID"]) in exclude:
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
    lower = {w.lower() for w in words}
    caps: Counter = Counter()  # clean-news occurrences written with a capital (Öcalan, ÖCALAN), by lower case
    for t, n in counts.items():
        if t[:1].isupper():
            caps[t.lower()] += n
    for w, v in words.items():
        v.append(foreign.get(w.lower(), 0.0))
        v.append(v[1] if w[:1].isupper() else min(v[1], caps.get(w, 0)))
        v.append(named.get(w.lower(), 0.0))
        v.append(raw.get(w.lower(), 0.0))
    for w, fz in foreign.items():
        if w not in lower:
            words[w] = [zipf_frequency(w, "en", wordlist="large"), 0, fz, 0, named.get(w, 0.0), raw.get(w, 0.0)]
    plain: dict[str, list] = {}
    for w in words:
        d = deleted(w)
        for form in {d, d.lower(), d[:1].upper() + d[1:]}:
            if form and form not in plain:
                plain[form] = [zipf_frequency(form, "en", wordlist="large"), ascii_counts.get(form, 0)]
    kept_bigrams = {b: n for b, n in bigrams.items() if n >= MIN_COUNT and deleted(b.split()[0]) != "" }
    found, loose = _foreign_only(words, ascii_counts)
    only = {w: z for w, z in found.items() if z >= FOREIGN_ONLY_ZIPF}
    # v6: the rarer ones by deleted form, read only for a name after a first name (``Annette Hbschle``)
    # (one string of words, a word a line: parsed only by the reader that needs them)
    # (not where a Portuguese nasal vowel was deleted: ``Mandaro`` reads as a Spanish or Italian name of
    # its own, and was one in clean news: ``Laura Mandaro`` is no Mandarão)
    rare = {w: z for w, z in found.items() if z < FOREIGN_ONLY_ZIPF}
    rare.update(loose)
    rare = _without_rivals(rare)
    taken = {deleted(w).lower() for w in words} | {deleted(w).lower() for w in only} | {deleted(w).lower() for w in rare}
    others = _other_names(words, taken, ascii_counts)
    rare = accents.line_columns({w: z for w, z in sorted(rare.items()) if not _NASAL.search(w)})
    others = accents.line_columns(dict(sorted(others.items())))
    pairs = _pairs(kept_bigrams, path, exclude)
    diaeresis = {w: z for w, z in _diaeresis(ascii_counts).items() if w not in lower}
    only = accents.foreign_columns(dict(sorted(only.items())))  # (v12: columns, in the sorted order JSON wrote up to v10)
    return {"version": VERSION, "words": words, "plain": plain, "bigrams": kept_bigrams, "foreign": only, "pairs": pairs,
            "diaeresis": diaeresis, "rare_foreign": rare, "own_words": own_words,
            "other_names": others}


#: prefixes after which The New Yorker writes a diaeresis on a doubled vowel (coöperate, reëlect)
DIAERESIS_PREFIXES = ("co", "re", "pre", "zo")
DIAERESIS = {"o": "\u00f6", "e": "\u00eb"}
DIAERESIS_ZIPF = 2.0


def _diaeresis(ascii_counts: Counter) -> dict[str, float]:
    """Words of wordfreq's English list (Zipf >= :data:`DIAERESIS_ZIPF`) that are a prefix of
    :data:`DIAERESIS_PREFIXES` and a word of five letters or more that starts with the prefix's last
    vowel (co|operate, re|election, pre|eminent, zo|ology; the rest a word of Zipf >= 2 itself, so not
    cook or deeply), written with the diaeresis -> the word's Zipf frequency; kept only where the
    deleted form (``coperate``, ``relection``) is no English word (Zipf 0) and never occurs in clean
    news. That spelling is The New Yorker's; its damage leaves a non-word that no list holds."""
    from wordfreq import iter_wordlist, zipf_frequency

    out: dict[str, float] = {}
    for w in iter_wordlist("en", "large"):
        z = zipf_frequency(w, "en", wordlist="large")
        if z < DIAERESIS_ZIPF:
            break
        if not (w.isascii() and w.isalpha()):
            continue
        for p in DIAERESIS_PREFIXES:
            rest = w[len(p):]
            if w.startswith(p) and rest[:1] == p[-1] and len(rest) >= 5:
                dmg = p + rest[1:]
                if (zipf_frequency(rest, "en", wordlist="large") >= 2.0 and zipf_frequency(dmg, "en", wordlist="large") == 0
                        and not _in_news(dmg, ascii_counts)):
                    out[p + DIAERESIS[p[-1]] + rest[1:]] = z
    return out


def _pairs(bigrams: dict, path: Path, exclude: frozenset) -> dict[str, list]:
    """The deleted forms of the name pairs among ``bigrams`` (``Pea Nieto`` for Peña Nieto, ``Julin
    Castro``) -> [how often clean dev news writes that deleted pair (a second pass over the documents),
    which of its two words lost a letter (0 or 1)].
    Only pairs of two capitalised words of two letters or more, whose accented word keeps three letters
    or more, are taken: those that clean news never writes are signatures of the damage even where the
    deleted word alone is a word (``Pea``)."""
    out: dict[str, int] = {}
    for b in bigrams:
        a, c = b.split(" ")
        da, dc = deleted(a), deleted(c)
        if len(da) < 2 or len(dc) < 2 or not (a[:1].isupper() and c[:1].isupper()) or a.isupper() or c.isupper():
            continue
        changed = [d for w, d in ((a, da), (c, dc)) if d != w]
        if len(changed) != 1 or len(changed[0]) < 3:
            continue
        out[f"{da} {dc}"] = [0, 0 if da != a else 1]
    if not out:
        return out
    firsts = {p.split(" ")[0] for p in out}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev" or str(d["ID"]) in exclude:
                continue
            toks = _WORD.findall(unicodedata.normalize("NFC", d["content_original"]))
            for i in range(len(toks) - 1):
                if toks[i] in firsts:
                    key = f"{toks[i]} {toks[i + 1]}"
                    if key in out:
                        out[key][0] += 1
    return out


def _foreign_only(english: dict, ascii_counts: Counter) -> dict[str, float]:
    """Accented words that only the :data:`FOREIGN_ONLY` lists hold -> their highest Zipf frequency
    there, kept where the deleted form cannot be an English token (see the module docstring)."""
    import math

    from wordfreq import available_languages, get_frequency_dict, zipf_frequency

    large = available_languages("large")
    lower = {w.lower() for w in english}
    best: dict[str, float] = {}
    ascii_words: dict[str, float] = {}
    for lang in FOREIGN_ONLY:
        for w, f in get_frequency_dict(lang, "large" if lang in large else "best").items():
            z = round(math.log10(f) + 9, 2)
            if w.isascii():
                # ``lograr``, ``impulso``: words of their own there, not damage (unless far rarer than
                # the accented word: those lists hold traces of this damage too, ``vran`` for Véran)
                if z > ascii_words.get(w, 0.0):
                    ascii_words[w] = z
                continue
            # every listed word competes for its deleted form (``polln``: pollón or Pollán?), those of
            # wordfreq's English list too, with their frequency here (``snchez``: Sánchez, not sànchez);
            # only the frequent ones not in the English list are taken (below)
            if z > best.get(w, 0.0) and _accented(w):
                best[w] = z
    by_key: dict[str, list] = {}
    for w, z in best.items():
        by_key.setdefault(deleted(w).lower(), []).append((z, w))
    eng_keys = {deleted(w).lower() for w in english}
    for w in english:  # an English-list word of the same deleted form is a rival
        k = deleted(w).lower()
        if k in by_key:
            by_key[k].append((zipf_frequency(w, "en", wordlist="large"), w))
    out: dict[str, float] = {}
    names: dict[str, float] = {}
    for key, cands in by_key.items():
        if len(key) < min(FOREIGN_ONLY_MIN, NAME_MIN) or not key.isalpha():
            continue
        en = zipf_frequency(key, "en", wordlist="large")
        if en > max(FOREIGN_ONLY_EN_ZIPF, NAME_EN_ZIPF) or _in_news(key, ascii_counts):
            continue
        stem = key[:-1]
        if key.endswith("s") and (stem in by_key or stem in eng_keys or _in_news(stem, ascii_counts)
                                  or zipf_frequency(stem, "en", wordlist="large") > 0):
            # ``marxs`` (marxés) and ``schrdingers`` (schrödingers) are possessives that lost the
            # apostrophe more often than words of their own
            continue
        cands.sort(reverse=True)
        if cands[0][1] not in best or cands[0][1] in lower or cands[0][0] < RARE_FOREIGN_ZIPF:
            continue
        if len(cands) > 1 and cands[0][0] - cands[1][0] < FOREIGN_MARGIN:
            continue
        top = cands[0][0]
        rival = ascii_words.get(key)
        if (len(key) >= FOREIGN_ONLY_MIN and en <= FOREIGN_ONLY_EN_ZIPF and not (en > 0 and top < en + FOREIGN_ONLY_EN_MARGIN)
                and (rival is None or ASCII_RIVAL_MARGIN is not None and top - rival >= ASCII_RIVAL_MARGIN)):
            out[cands[0][1]] = top
        elif top >= en + FOREIGN_ONLY_EN_MARGIN and (rival is None or top - rival >= NAME_RIVAL_MARGIN):
            # (v8) a deleted form that English or one of these lists writes rarely (``vran`` for Véran:
            # English 1.2, French 1.6; ``aez`` for Añez: German 1.9): a name after a first name only,
            # unless one of :data:`NAME_RIVAL_LANGS` writes the form as often as a word of its own
            # (Italian ``pompi`` 2.1: ``Jennifer Pompi`` is no Pompéi)
            if rival is None and en == 0.0 or max(zipf_frequency(key, lang) for lang in NAME_RIVAL_LANGS) < NAME_RIVAL_ZIPF:
                names[cands[0][1]] = top
    return out, names


def _without_rivals(rare: dict[str, float]) -> dict[str, float]:
    """(v9) The ``rare_foreign`` words whose deleted form no :data:`FOREIGN` list writes far more often as a
    word of its own (``spala``: Czech 4.1, so ``in Spala`` is no Sépala, Portuguese 1.0)."""
    from wordfreq import zipf_frequency

    out = {}
    for w, z in rare.items():
        key = deleted(w).lower()
        rival = max(zipf_frequency(key, lang) for lang in FOREIGN)
        if rival >= RARE_RIVAL_ZIPF and rival >= z + RARE_RIVAL_MARGIN:
            continue
        out[w] = z
    return out


def _other_names(english: dict, taken: set, ascii_counts: Counter) -> dict[str, float]:
    """(v10) Accented words of the :data:`OTHER_NAME_LANGS` lists (Zipf >= :data:`OTHER_NAME_ZIPF` there) that
    wordfreq's English list does not hold, read by the letters restorer only as a name after a first name
    (``Osman Yaan``: Yağan, Turkish 3.8), like the ``rare_foreign`` words but never inside a sentence
    without one. Kept where the deleted form (at least :data:`NAME_MIN` letters) is no key of the rest of
    the index (``taken``), English writes it at Zipf :data:`NAME_EN_ZIPF` at most and
    :data:`FOREIGN_ONLY_EN_MARGIN` below the word, clean news never writes it in any case, none of the
    :data:`FOREIGN` lists writes it as a word at Zipf :data:`NAME_RIVAL_ZIPF` or more, it is no stem and an
    ``s`` that English or clean news knows, and no other accented word of those lists has the same deleted
    form within :data:`FOREIGN_MARGIN`."""
    import math

    from wordfreq import available_languages, get_frequency_dict, zipf_frequency

    large = available_languages("large")
    best: dict[str, float] = {}
    rivals: dict[str, float] = {}  # every listed accented word, for the rival test
    for lang in FOREIGN:
        other = lang in OTHER_NAME_LANGS
        for w, f in get_frequency_dict(lang, "large" if lang in large else "best").items():
            if w.isascii():
                continue
            z = round(math.log10(f) + 9, 2)
            if z < FOREIGN_ZIPF - FOREIGN_MARGIN and not (other and z >= OTHER_NAME_ZIPF):
                continue
            if z > rivals.get(w, 0.0):
                rivals[w] = z
            if other and z >= OTHER_NAME_ZIPF and z > best.get(w, 0.0) and _accented(w) and w not in english:
                best[w] = z
    by_key: dict[str, list] = {}
    for w, z in rivals.items():
        if _accented(w):
            by_key.setdefault(deleted(w).lower(), []).append((z, w))
    out: dict[str, float] = {}
    for w, z in best.items():
        key = deleted(w).lower()
        if len(key) < NAME_MIN or not key.isalpha() or key in taken or _in_news(key, ascii_counts):
            continue
        cands = sorted(by_key[key], reverse=True)
        if cands[0][1] != w or len(cands) > 1 and z - cands[1][0] < FOREIGN_MARGIN:
            continue
        en = zipf_frequency(key, "en", wordlist="large")
        if en > NAME_EN_ZIPF or z < en + FOREIGN_ONLY_EN_MARGIN:
            continue
        stem = key[:-1]
        if key.endswith("s") and (stem in taken or _in_news(stem, ascii_counts) or zipf_frequency(stem, "en", wordlist="large") > 0):
            continue
        if max(zipf_frequency(key, lang) for lang in FOREIGN) >= NAME_RIVAL_ZIPF:
            continue
        out[w] = z
    return out


def _foreign(english: dict) -> tuple[dict[str, float], dict[str, float], list[str], dict[str, float]]:
    """The accented words of wordfreq's English list (``english``, lower case) -> their highest Zipf
    frequency in the :data:`FOREIGN` lists (if at least :data:`FOREIGN_ZIPF`): evidence that a rare name
    of English text (Hénin, Vučić) is a real word elsewhere, not a typo. Only deleted forms that are no
    English word (wordfreq's English Zipf below 2, at least 3 letters) get any; a form whose best two
    words are close (within :data:`FOREIGN_MARGIN`: ``mller`` for Müller and Møller) gets none.

    The second dict (v5, ``named_zipf``) holds the same frequency whatever the deleted form's English Zipf
    (``doa`` 2.8 for doña 4.2 in Spanish): the letters restorer weighs it against the form's own English
    frequency, for a capitalised name that clean news never writes plain. It is kept only where no
    :data:`FOREIGN` list writes the deleted form within :data:`NAMED_MARGIN` of it: there the form is a
    word or name of its own (Dutch ``piet``: Zwarte Piet is no Pietà; French ``mme``, Swedish ``gran``).

    The third (v7, ``own_words``) lists the words with a ``foreign_zipf`` whose deleted form is a word of
    the accented word's own language (the list of its best frequency) less than :data:`OWN_WORD_MARGIN`
    below it (pensée: French ``pense``; ministère: ``ministre``): in a quotation in that language the form
    is that word, so the frequency alone does not make it damage.

    The fourth (v10, ``raw_zipf``) holds every such word's highest Zipf frequency in the :data:`FOREIGN`
    lists (at least :data:`FOREIGN_ZIPF`), whatever its deleted form and rivals (rené: French 4.3, though
    Danish ``ren`` is a word): evidence that the word is a name of another language, for a token beside a
    restored name of the same person."""
    import math

    from wordfreq import available_languages, get_frequency_dict, zipf_frequency

    best: dict[str, float] = {}
    own: dict[str, str] = {}  # the language of each word's best frequency
    large = available_languages("large")
    for lang in FOREIGN:
        freqs = get_frequency_dict(lang, "large" if lang in large else "best")
        for w in english:
            f = freqs.get(w)
            if f:
                z = round(math.log10(f) + 9, 2)
                if z >= FOREIGN_ZIPF and z > best.get(w, 0.0):
                    best[w] = z
                    own[w] = lang
    by_key: dict[str, list] = {}
    for w, z in best.items():
        by_key.setdefault(deleted(w).lower(), []).append((z, w))
    out: dict[str, float] = {}
    named: dict[str, float] = {}
    owned: set[str] = set()
    for key, cands in by_key.items():
        if len(key) < 3 or not key.isalpha():
            continue
        cands.sort(reverse=True)
        if len(cands) > 1 and cands[0][0] - cands[1][0] < FOREIGN_MARGIN:
            continue
        if all(zipf_frequency(key, lang) <= cands[0][0] - NAMED_MARGIN for lang in FOREIGN):
            named[cands[0][1]] = cands[0][0]
        if zipf_frequency(key, "en", wordlist="large") < 2.0:
            out[cands[0][1]] = cands[0][0]
            if zipf_frequency(key, own[cands[0][1]]) >= cands[0][0] - OWN_WORD_MARGIN:
                # (v7) the deleted form is a word of the accented word's own language, nearly as frequent
                # there: French ``pense`` (5.5) is no damaged pensée (4.7) in a French quotation
                owned.add(cands[0][1])
    return out, named, sorted(owned), best


def _in_news(key: str, ascii_counts: Counter) -> bool:
    return any(ascii_counts.get(f, 0) for f in (key, key.capitalize(), key.upper()))


def _sorted(obj):
    """``obj`` with the keys of every mapping in it sorted (the order JSON's ``sort_keys`` wrote up to v10,
    which the index's candidate order falls back on)."""
    if isinstance(obj, dict):
        return {k: _sorted(obj[k]) for k in sorted(obj)}
    if isinstance(obj, list):
        return [_sorted(x) for x in obj]
    return obj


def write(data: dict, path: Path) -> None:
    """Write the index: gzipped msgpack (v11; byte for byte reproducible: no name, no time in the gzip
    header), or gzipped JSON where ``path`` ends in ``.json.gz``; keys sorted either way."""
    data = _sorted(data)
    if path.name.endswith(".json.gz"):
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        return
    import msgpack

    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(msgpack.packb(data, use_bin_type=True))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("TEXTFIX_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "corpora"
    ap.add_argument("--corpora", type=Path, default=default)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / f"accents-v{VERSION}.msgpack.gz")
    ap.add_argument("--exclude", type=Path, default=None, help="file of dev document IDs to leave out")
    ap.add_argument("--derive-from", type=Path, default=None,
                    help="no build: read this index file (an older one in v12's layout) and write it with its derived views recomputed")
    args = ap.parse_args(argv)
    if args.derive_from:
        data = accents.read(args.derive_from.read_bytes(), args.derive_from.name)
        data["version"] = max(data.get("version", 0), VERSION)
    else:
        exclude = frozenset(args.exclude.read_text().split()) if args.exclude else frozenset()
        data = build(args.corpora, exclude)
    data.pop("derived", None)
    data["derived"] = accents.derive(data)
    write(data, args.out)
    print(f"{args.out}: {len(data['words'])} words, {len(data['plain'])} plain forms, {len(data['bigrams'])} bigrams, "
          f"{len(accents._lines(data['foreign']['words']))} foreign-only words, "
          f"{len(accents._lines(data['rare_foreign']['words']))} rarer ones, {len(accents._lines(data['other_names']['words']))} other names")


if __name__ == "__main__":
    main()
