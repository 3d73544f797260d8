"""Which damage a document shows, and the evidence for it.

Restorers are gated on this: a restorer only runs on a document diagnosed with the damage it repairs, so
clean text, whether typographic or ASCII-quoted, never reaches them.

Damage kinds (the slugs used everywhere):

- ``deletion``: non-ASCII characters were deleted (``Kyivs``, ``havent``, ``nowwe``).
- ``qmark``: non-ASCII characters became ``?`` (``Kyiv?s``).
- ``fffd``: non-ASCII characters became U+FFFD (``Kyiv\ufffds``).
- ``mojibake``: UTF-8 read as cp1252/latin-1 (``Kyivâ€™s``); reversible, repaired by ftfy.
- ``lossy_mojibake``: mojibake that then lost bytes (``Kyivâ??s``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

KINDS = ("deletion", "qmark", "fffd", "mojibake", "lossy_mojibake")


@dataclass(frozen=True)
class Damage:
    kind: str
    confidence: float
    evidence: dict[str, int] = field(default_factory=dict)

    @property
    def detected(self) -> bool:
        return self.confidence >= 0.5


@dataclass(frozen=True)
class Diagnosis:
    damages: tuple[Damage, ...]

    def __contains__(self, kind: str) -> bool:
        return any(d.kind == kind and d.detected for d in self.damages)

    def get(self, kind: str) -> Damage:
        for d in self.damages:
            if d.kind == kind:
                return d
        return Damage(kind, 0.0, {})

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(d.kind for d in self.damages if d.detected)

    def as_dict(self) -> dict[str, Any]:
        return {
            "damage": list(self.kinds),
            "kinds": {d.kind: {"detected": d.detected, "confidence": round(d.confidence, 3), "evidence": d.evidence} for d in self.damages},
        }


# --- evidence patterns -------------------------------------------------------------------------------
# Intact typography: a curly apostrophe or quote, or an ASCII apostrophe inside a word (don't, Kyiv's).
_CURLY = regex.compile(r"[\u2018\u2019\u201c\u201d\u2014\u2013]")
_ASCII_APOS = regex.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")
# Contractions that lost their apostrophe and collide with no English word (``dont``, ``havent``).
_FUSED_CONTRACTION = regex.compile(
    r"\b(?:[Dd]ont|[Dd]oesnt|[Dd]idnt|[Ii]snt|[Aa]rent|[Ww]asnt|[Ww]erent|[Hh]avent|[Hh]asnt|[Hh]adnt|[Cc]ouldnt"
    r"|[Ww]ouldnt|[Ss]houldnt|[Mm]ustnt|[Yy]oure|[Tt]heyre|[Tt]heyve|[Ww]eve|[Yy]ouve|[Yy]oull|[Tt]heyll"
    r"|[Tt]heres|[Tt]hats|[Ww]hats|[Hh]eres|[Ii]ve|[Ii]m|[Ll]ets)\b"
)
_DOUBLE_SPACE = regex.compile(r"(?<=\S)  (?=\S)")
_QMARK_IN_WORD = regex.compile(r"(?<=[A-Za-z])\?(?=[A-Za-z])|(?<=\s)\?(?=[A-Z])|(?<=[a-z])\?(?=\s+[a-z])")
# qmark evidence: a ``?`` where an apostrophe stood in a contraction (``Kyiv?s``, ``don?t``), inside a
# word, or opening a quotation (`` ?We``). ``?`` in URLs (``page?id=3``) is not evidence.
_QMARK_CONTRACTION = regex.compile(r"(?<=[A-Za-z])\?(?:s|t|re|ll|ve|d|m)\b")
_QMARK_LETTERS = regex.compile(r"(?<=[A-Za-z])\?(?=[A-Za-z])|(?:(?<=\s)|^)\?(?=[A-Z])", regex.MULTILINE)
_URLISH = regex.compile(r"[/=&]|www|https?")
# A UTF-8 lead byte read as Latin-1 followed by the ``?`` (or U+FFFD) that a lost continuation byte became.
_LOSSY = regex.compile(r"[\u00c2-\u00c5\u00e2][\u20ac\u0080-\u00bf]?[?\ufffd]")
_MOJIBAKE = regex.compile(r"â€[\u0080-\u00bf\u2122\u0153\u201c\u201d\u02dc\u00a6\u2018\u2019\u201e\u2020]|Ã[\u0080-\u00bf©¨§¡¶]|Â[\u00a0-\u00bf ]")


def _qmark(text: str, intact: int) -> Damage:
    """``?`` placeholders: contractions with ``?`` are the signature; intact apostrophes argue against."""
    if "?" not in text:
        return Damage("qmark", 0.0, {"contractions_with_qmark": 0, "qmarks_in_words": 0})
    contr = in_word = 0
    for m in _QMARK_LETTERS.finditer(text):
        start = text.rfind(" ", 0, m.start()) + 1
        end = text.find(" ", m.end())
        token = text[start : end if end != -1 else len(text)]
        if _URLISH.search(token):
            continue
        if _QMARK_CONTRACTION.match(text, m.start()):
            contr += 1
        else:
            in_word += 1
    score = contr + 0.5 * in_word
    if score < 1:
        conf = 0.0
    else:
        conf = score / (score + 1.0 + 2.0 * intact)
        if contr >= 2 and intact == 0:
            conf = max(conf, 0.9)
        if contr == 0:
            conf = min(conf, 0.4)  # ``?`` inside words alone: URLs, code, or a rare typo
    return Damage("qmark", conf, {"contractions_with_qmark": contr, "qmarks_in_words": in_word, "intact_apostrophes_or_quotes": intact})


def diagnose(text: str) -> Diagnosis:
    """Name the damage ``text`` shows, with evidence counts and a confidence for each kind."""
    if not isinstance(text, str):
        raise TypeError(f"diagnose() takes str, got {type(text).__name__}")
    ascii_only = text.isascii()
    curly = 0 if ascii_only else len(_CURLY.findall(text))
    ascii_apos = len(_ASCII_APOS.findall(text)) if "'" in text else 0
    fused = len(_FUSED_CONTRACTION.findall(text))
    doubles = len(_DOUBLE_SPACE.findall(text))
    damages = []

    # deletion: fused contractions are the signature; intact apostrophes argue against.
    intact = curly + ascii_apos
    score = fused + 0.5 * doubles
    if score == 0:
        conf = 0.0
    else:
        conf = score / (score + 1.0 + 2.0 * intact)
        if fused >= 2 and intact == 0:
            conf = max(conf, 0.9)
    damages.append(Damage("deletion", conf, {"fused_contractions": fused, "double_spaces": doubles, "intact_apostrophes_or_quotes": intact}))

    damages.append(_qmark(text, intact))

    fffd = text.count("\ufffd")
    damages.append(Damage("fffd", 1.0 if fffd else 0.0, {"replacement_characters": fffd}))

    if ascii_only:
        damages.append(Damage("mojibake", 0.0, {}))
        damages.append(Damage("lossy_mojibake", 0.0, {}))
    else:
        moji = len(_MOJIBAKE.findall(text))
        lossy = len(_LOSSY.findall(text))
        damages.append(Damage("mojibake", 1.0 if moji else 0.0, {"mojibake_sequences": moji}))
        damages.append(Damage("lossy_mojibake", 1.0 if lossy else 0.0, {"lossy_sequences": lossy}))
    return Diagnosis(tuple(damages))
