"""bytes -> text: the BOM first, then strict UTF-8, then chardet.

Malformed bytes never raise: they become U+FFFD and the count is reported in :class:`Decoded`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float
    replacements: int = 0
    """How many malformed byte sequences were replaced by U+FFFD."""
    bom: bool = False


def sniff(data: bytes) -> tuple[str, float, int]:
    """Guess the encoding of ``data``: (codec name, confidence, BOM length to skip)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            rest = data[len(bom) :]
            if enc.startswith("utf-16") and _not_utf16(rest):
                # ``FF FE`` pasted before ASCII or UTF-8 text (a stray BOM from a concatenation): read as
                # UTF-16, every two letters would become one CJK character
                return "utf-8", 0.9, len(bom)
            try:
                rest.decode(enc)
            except UnicodeDecodeError:
                # ``FF FE 00 00`` before bytes that are no UTF-32 (or an odd byte count after ``FF FE``)
                # is no BOM: trusting it would turn the whole text into U+FFFD
                continue
            return enc, 1.0, len(bom)
    # UTF-16 without a BOM is valid UTF-8 byte for byte when its text is Latin, so it goes first.
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, 0.9, 0
    try:
        data.decode("utf-8")
        return "utf-8", 1.0, 0
    except UnicodeDecodeError as e:
        # A sample cut in the middle of a character is still UTF-8.
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return "utf-8", 0.99, 0
    # Mostly UTF-8 with a few malformed bytes: valid multi-byte sequences far outnumber the errors.
    # (cp1252 text almost never forms valid UTF-8 sequences by chance.)
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for c in loose if c > "\x7f") - loose.count("\ufffd")
    if good >= 2 * bad and good >= 3:
        return "utf-8", good / (good + bad), 0
    import chardet

    guess = chardet.detect(data)
    enc = guess.get("encoding")
    conf = float(guess.get("confidence") or 0.0)
    if not enc or conf < 0.5:
        # Too little evidence (short text): English text that is not UTF-8 is most often Windows-1252.
        return "cp1252", conf, 0
    enc = codecs.lookup(enc).name
    if enc in ("ascii", "iso8859-1", "latin-1"):
        # cp1252 is a superset of both for printable text and maps 0x80-0x9f to the characters
        # (’ “ ” — …) that Windows text means by them.
        enc = "cp1252"
    else:
        try:
            data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            # a guess that the bytes contradict (chardet reads ``FF FE`` as UTF-16 before an odd byte
            # count) would replace them all: one byte per character loses nothing
            return "cp1252", min(conf, 0.5), 0
    return enc, conf, 0


def _not_utf16(rest: bytes) -> bool:
    """True when ``rest`` cannot be the UTF-16 text after a BOM: at least 16 bytes, no NUL (Latin text in
    UTF-16 has one in every other byte) nor other control byte but tab and line ends, valid UTF-8, and
    half its bytes printable ASCII or more. (CJK text in UTF-16 has bytes of 0x80 and above, or control
    bytes, in most characters, and is seldom valid UTF-8.)"""
    if len(rest) < 16 or rest.translate(None, _CONTROL) != rest:
        return False
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(rest.translate(None, _PRINTABLE)) <= 0.5 * len(rest)


_PRINTABLE = bytes([9, 10, 13, *range(0x20, 0x7F)])
_CONTROL = bytes([b for b in range(0x20) if b not in (9, 10, 13)] + [0x7F])


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows a NUL in every other byte for Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.6 * n and even.count(0) < 0.1 * n:
        return "utf-16-le"
    if even.count(0) > 0.6 * n and odd.count(0) < 0.1 * n:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str = "auto") -> Decoded:
    """Decode ``data``; ``encoding`` is a codec name or ``"auto"`` (BOM, strict UTF-8, then chardet)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, got {type(data).__name__}")
    data = bytes(data)
    skip = 0
    if encoding == "auto":
        enc, conf, skip = sniff(data)
    else:
        enc, conf = codecs.lookup(encoding).name, 1.0
    body = data[skip:]
    try:
        text = body.decode(enc)
        return Decoded(text, enc, conf, 0, bool(skip))
    except UnicodeDecodeError:
        text = body.decode(enc, errors="replace")
        # Count replacements that the decoding made, not U+FFFD that was already in the input.
        clean = body.decode(enc, errors="ignore")
        return Decoded(text, enc, conf, text.count("\ufffd") - clean.count("\ufffd"), bool(skip))
