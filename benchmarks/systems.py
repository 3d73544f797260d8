"""The systems compared, all run on the same paragraphs.

Each system has ``fix_doc(paragraphs) -> paragraphs``. textfix and ftfy get the whole document at once
(paragraphs joined by ``"\\n"``, output split on ``"\\n"``): that is how they are used, and it lets
textfix's document-level diagnosis work. The word-list and word-splitter peers work token by token, so
they are run per paragraph. Peers whose package is missing are skipped with a note.

Peers (our baselines, written for this benchmark; they are what a quick fix with a word list looks like):

- ``noop``: returns its input.
- ``ftfy``: ``ftfy.fix_text`` at its defaults.
- ``wordlist-m0`` / ``wordlist-m1``: for every ASCII word not touching an apostrophe, try the
  contraction/possessive forms (``dont`` -> ``don’t``, ``Kyivs`` -> ``Kyiv’s``, ``youre`` -> ``you’re``,
  ``Ive`` -> ``I’ve``, ``Ill`` -> ``I’ll``, ``Id`` -> ``I’d``, ``Im`` -> ``I’m``) and apply the one with
  the highest wordfreq zipf if it exceeds the damaged form's zipf by more than the margin (0 or 1.0).
- ``wordninja`` / ``wordsegment`` / ``symspellpy``: every ASCII word of 4+ letters unknown to wordfreq
  (zipf 0) is segmented; if the splitter returns exactly two parts that are both known to wordfreq (and
  longer than one letter, bar ``a``/``I``), an
  em dash is inserted at the split (``nowwe`` -> ``now—we``).
- ``textfix``: ``textfix.fix`` at its defaults.
- ``textfix-assume`` (short-text sections only): ``textfix.fix`` told that the corpus went through
  deletion, ``?`` and U+FFFD damage (``assume``), so that texts with no evidence either way are repaired.
- ``textfix-wrapped`` / ``textfix-wrapped-lines`` (the ``restore-wrapped`` section only): ``textfix.fix``
  on the document with each paragraph hard-wrapped at 72 columns (:func:`hard_wrap`), at its defaults
  (wrapped paragraphs are read as such) and with ``unwrap=False`` (read line by line, as before round 26);
  ``textfix-ragged`` / ``textfix-ragged-lines`` the same with each line's width drawn from 72 ± 6 (PDF text).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from wordfreq import zipf_frequency

APOS = "\u2019"
DASH = "\u2014"


@dataclass
class System:
    name: str
    fix_doc: Callable[[list[str]], list[str]]
    granularity: str  # "document" or "paragraph"
    note: str = ""


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


# An ASCII word with no letter, digit or apostrophe glued to either side.
_WORD = re.compile(r"(?<![\w'\u2019\u2018])[A-Za-z]+(?![\w'\u2019\u2018])")
_SUFFIXES = (("nt", 1), ("s", 1), ("re", 2), ("ve", 2), ("ll", 2), ("d", 1), ("m", 1))


@lru_cache(maxsize=200_000)
def _wordlist_choice(token: str) -> tuple[str, float]:
    """The best apostrophe form of ``token`` and its zipf gain over the token (or ``("", 0)``)."""
    best, best_z = "", 0.0
    for suf, cut in _SUFFIXES:
        if len(token) > len(suf) and token.lower().endswith(suf):
            cand = token[:-cut] + "'" + token[-cut:]
            z = zipf(cand)
            if z > best_z:
                best, best_z = cand, z
    if not best:
        return "", 0.0
    return best.replace("'", APOS), best_z - zipf(token)


def wordlist(margin: float) -> Callable[[str], str]:
    def fix(p: str) -> str:
        def sub(m: re.Match) -> str:
            cand, gain = _wordlist_choice(m.group(0))
            return cand if cand and gain > margin else m.group(0)

        return _WORD.sub(sub, p)

    return fix


def splitter(segment: Callable[[str], list[str]]) -> Callable[[str], str]:
    @lru_cache(maxsize=100_000)
    def split_token(tok: str) -> str:
        if len(tok) < 4 or zipf(tok) > 0:
            return tok
        try:
            parts = [x for x in segment(tok) if x]
        except Exception:  # a peer's failure on one token must not stop the benchmark
            return tok
        if len(parts) != 2 or "".join(parts).lower() != tok.lower() or not all(
            zipf(x) > 0 and (len(x) > 1 or x.lower() in ("a", "i")) for x in parts):
            return tok
        cut = len(parts[0])
        return tok[:cut] + DASH + tok[cut:]

    def fix(p: str) -> str:
        return _WORD.sub(lambda m: split_token(m.group(0)), p)

    return fix


def _per_paragraph(f: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    return lambda paras: [f(p) for p in paras]


def _per_document(f: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    return lambda paras: f("\n".join(paras)).split("\n")


#: The width to which :func:`hard_wrap` fills a paragraph (e-mail's customary 72 columns).
WRAP_WIDTH = 72


#: The spread of line widths of :func:`hard_wrap`'s ragged variant (PDF text in a proportional font).
RAGGED_JITTER = 6


def hard_wrap(paragraph: str, width: int = WRAP_WIDTH, ragged: bool = False) -> str:
    """``paragraph`` filled greedily to ``width`` columns, the way e-mail and plain-text archives are: a line
    break takes the place of a single space between words (never one of a double space, which the damage may
    have left where a dash stood), so that a line break back to a space restores the paragraph exactly.
    ``ragged``: each line's width drawn from ``width`` ± :data:`RAGGED_JITTER` (seeded by the paragraph), as
    PDF text set in a proportional font breaks at no fixed count of characters."""
    rng = random.Random(paragraph) if ragged else None
    limit = width + rng.randint(-RAGGED_JITTER, RAGGED_JITTER) if rng else width
    pieces = paragraph.split(" ")
    out = [pieces[0]]
    line = len(pieces[0])
    for prev, piece in zip(pieces, pieces[1:]):
        if piece and prev and line + 1 + len(piece) > limit:
            if rng:
                limit = width + rng.randint(-RAGGED_JITTER, RAGGED_JITTER)
            out.append("\n" + piece)
            line = len(piece)
        else:
            out.append(" " + piece)
            line += 1 + len(piece)
    return "".join(out)


def _wrapped(f: Callable[[str], str], ragged: bool = False) -> Callable[[list[str]], list[str]]:
    """``f`` on the document's paragraphs hard-wrapped (:func:`hard_wrap`) and separated by blank lines; each
    output paragraph's line breaks back to spaces for scoring."""
    def fix_doc(paras: list[str]) -> list[str]:
        out = f("\n\n".join(hard_wrap(p, ragged=ragged) for p in paras)).split("\n\n")
        return [p.replace("\n", " ") for p in out] if len(out) == len(paras) else out

    return fix_doc


def _wordninja():
    import wordninja

    return wordninja.split


def _wordsegment():
    import wordsegment

    wordsegment.load()
    return wordsegment.segment


def _symspell():
    from importlib import resources

    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    sym.load_dictionary(str(path), term_index=0, count_index=1)
    return lambda tok: sym.word_segmentation(tok, max_edit_distance=0).segmented_string.split()


ALL = ("noop", "ftfy", "wordlist-m0", "wordlist-m1", "wordninja", "wordsegment", "symspellpy", "textfix")
#: Variants of textfix that only some sections run.
EXTRA = ("textfix-assume", "textfix-wrapped", "textfix-wrapped-lines", "textfix-ragged", "textfix-ragged-lines")


def build(names: tuple[str, ...] | list[str] = ALL) -> tuple[list[System], list[str]]:
    """The requested systems, and notes on those that could not be loaded."""
    systems: list[System] = []
    notes: list[str] = []
    for name in names:
        try:
            if name == "noop":
                systems.append(System(name, lambda paras: list(paras), "paragraph"))
            elif name == "ftfy":
                import ftfy

                systems.append(System(name, _per_document(ftfy.fix_text), "document", f"ftfy {ftfy.__version__} fix_text defaults"))
            elif name.startswith("wordlist-m"):
                margin = {"wordlist-m0": 0.0, "wordlist-m1": 1.0}[name]
                systems.append(System(name, _per_paragraph(wordlist(margin)), "paragraph", f"wordfreq zipf margin {margin}"))
            elif name == "wordninja":
                systems.append(System(name, _per_paragraph(splitter(_wordninja())), "paragraph"))
            elif name == "wordsegment":
                systems.append(System(name, _per_paragraph(splitter(_wordsegment())), "paragraph"))
            elif name == "symspellpy":
                systems.append(System(name, _per_paragraph(splitter(_symspell())), "paragraph", "word_segmentation, max_edit_distance=0"))
            elif name == "textfix":
                import textfix

                systems.append(System(name, _per_document(textfix.fix), "document", f"textfix {textfix.__version__} defaults"))
            elif name == "textfix-assume":
                import functools

                import textfix
                from textfix.config import ASSUMABLE

                fix = functools.partial(textfix.fix, assume=ASSUMABLE)
                systems.append(System(name, _per_document(fix), "document",
                                      f"textfix {textfix.__version__}, assume={','.join(ASSUMABLE)} (a corpus known to be damaged)"))
            elif name in ("textfix-wrapped", "textfix-wrapped-lines", "textfix-ragged", "textfix-ragged-lines"):
                import functools

                import textfix

                lines = name.endswith("-lines")
                ragged = name.startswith("textfix-ragged")
                fix = functools.partial(textfix.fix, unwrap=not lines)
                how = "read line by line (unwrap=False)" if lines else "read as paragraphs (default)"
                at = f"{WRAP_WIDTH} ± {RAGGED_JITTER} columns (ragged)" if ragged else f"{WRAP_WIDTH} columns"
                systems.append(System(name, _wrapped(fix, ragged), "document",
                                      f"textfix {textfix.__version__} on paragraphs hard-wrapped at {at}, {how}"))
            else:
                raise ValueError(f"unknown system {name!r}; known: {', '.join(ALL + EXTRA)}")
        except ImportError as e:
            notes.append(f"{name} not available ({e}); pip install {name}")
    return systems, notes
