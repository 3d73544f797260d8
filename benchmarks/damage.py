"""The five damage kinds of EVALUATION.md, applied to a clean paragraph G.

G is first put in NFC and stripped of invisible characters (:func:`prepare`); those are never counted,
since deleting them is correct. Every kind acts character by character (UTF-8 encoding and cp1252 /
latin-1 decoding are stateless per byte), so :func:`damage` builds K piece by piece and records, for each
character of K, whether it is a *survivor* (an ASCII character of G, kept as is) or was introduced by the
damage, and whether it is a *placeholder* (``?`` or U+FFFD standing for lost bytes). The result is
identical to the whole-string definitions, which the tests check:

=================  =========================================================
``ascii-ignore``   ``G.encode("ascii", "ignore").decode()``
``qmark``          ``G.encode("ascii", "replace").decode()``
``fffd``           every non-ASCII character -> U+FFFD
``mojibake``       ``G.encode("utf-8").decode("cp1252", "replace")``
``lossy-mojibake`` mojibake, then ``.encode("latin-1", "replace").decode("latin-1")``
=================  =========================================================
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

KINDS = ("ascii-ignore", "qmark", "fffd", "mojibake", "lossy-mojibake")

#: Removed from G before damage: soft hyphen, zero-width space, ZWNJ, ZWJ, word joiner, zero-width
#: no-break space (BOM) and the emoji presentation selector U+FE0F.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f"
_DROP_INVISIBLE = str.maketrans({c: None for c in INVISIBLE})


def prepare(text: str) -> str:
    """G as scored: NFC, invisible characters removed."""
    return unicodedata.normalize("NFC", text).translate(_DROP_INVISIBLE)


def _piece(ch: str, kind: str) -> str:
    if kind == "ascii-ignore":
        return ""
    if kind == "qmark":
        return "?"
    if kind == "fffd":
        return "\ufffd"
    moji = ch.encode("utf-8", "surrogatepass").decode("cp1252", "replace")
    if kind == "mojibake":
        return moji
    if kind == "lossy-mojibake":
        return moji.encode("latin-1", "replace").decode("latin-1")
    raise ValueError(f"unknown damage kind {kind!r}; known: {', '.join(KINDS)}")


@dataclass(frozen=True)
class Damaged:
    """K with per-character provenance. ``survivor[i]``: K[i] is an ASCII character of G kept as is.
    ``placeholder[i]``: K[i] is a ``?``/U+FFFD that the damage introduced."""

    text: str
    survivor: tuple[bool, ...]
    placeholder: tuple[bool, ...]


def damage(g: str, kind: str) -> Damaged:
    """Damage an already :func:`prepare`-d paragraph ``g``."""
    if kind not in KINDS:
        raise ValueError(f"unknown damage kind {kind!r}; known: {', '.join(KINDS)}")
    out: list[str] = []
    surv: list[bool] = []
    ph: list[bool] = []
    for ch in g:
        if ch < "\x80":
            out.append(ch)
            surv.append(True)
            ph.append(False)
            continue
        piece = _piece(ch, kind)
        out.append(piece)
        for c in piece:
            surv.append(False)
            ph.append(c == "\ufffd" or (c == "?" and kind in ("qmark", "lossy-mojibake")))
    return Damaged("".join(out), tuple(surv), tuple(ph))


def damage_text(g: str, kind: str) -> str:
    """K only (the whole-string definition, used by tests to cross-check :func:`damage`)."""
    if kind == "ascii-ignore":
        return g.encode("ascii", "ignore").decode()
    if kind == "qmark":
        return g.encode("ascii", "replace").decode()
    if kind == "fffd":
        return "".join(c if c < "\x80" else "\ufffd" for c in g)
    moji = g.encode("utf-8", "surrogatepass").decode("cp1252", "replace")
    if kind == "mojibake":
        return moji
    if kind == "lossy-mojibake":
        return moji.encode("latin-1", "replace").decode("latin-1")
    raise ValueError(f"unknown damage kind {kind!r}")
