"""Reversible mojibake, repaired by ftfy and explained character by character; and HTML character
references that an extraction left undecoded (``caf&#233;``), decoded by :func:`html.unescape`.

ftfy does the decoding work; this module only restricts it to its encoding fixes and turns its
whole-text result into located changes. ftfy's other fixes stay off because they rewrite clean text:
``uncurl_quotes`` would straighten intact curly quotes, ``fix_line_breaks`` would change line breaks,
NFC normalisation would rewrite decomposed accents, and HTML unescaping would touch ``&amp;`` in
plain text that means it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable

import regex

from ..changes import Change
from ..diagnose import HTML_ENTITY
from ..lazyre import lazy
from . import Context

FIXERS = ("fix_mojibake", "decode_entities")


@lru_cache(maxsize=1)
def _ftfy():
    """ftfy and the configuration it runs with. Imported on the first line that may hold mojibake: an
    ASCII text never needs it, and ``import ftfy`` costs a fresh process 0.05 s or more."""
    import ftfy

    return ftfy, ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
# Characters that can take part in mojibake or surrogate damage; a line without any is left alone, which
# keeps ftfy (and Python) off the hot path for the clean majority of lines. (A class of code points
# means the same in ``re``, which scans a text of two-byte characters about five times as fast: a text
# whose non-ASCII characters are all U+FFFD placeholders has none of them.)
_SUSPECT = lazy(re.compile, r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122\ud800-\udfff]")
_LONE_SURROGATE = lazy(regex.compile, r"[\ud800-\udfff]")


def _steps(explanation) -> str:
    if not explanation:
        return "ftfy"
    return "ftfy:" + "/".join(f"{s[0]}:{s[1]}" for s in explanation)


# A three-byte UTF-8 character read as cp1252 whose last byte cp1252 cannot show (81, 8D, 8F, 90 or 9D):
# the decoder wrote U+FFFD there (or ``?``), so ftfy can no longer decode it (``â€`` + U+FFFD becomes a
# bare U+FFFD, ``â—`` + U+FFFD stays as it is). Five characters share each first two bytes; where clean
# news writes one of them and not the others, that one stood there. Counts of the five in the corpora
# (allsides-abp curly, ASCII and mixed, bbc-2005-ascii), by the middle character cp1252 shows:
#   ``€`` (E2 80): ” 128,548; ‐ (U+2010) 66, ZWJ 63 (invisible: dropped before scoring), RLM 7, U+2001 0;
#   ``—`` (E2 97): ● 43, ◁ ◍ ◐ ◝ 0;   ``¦`` (E2 A6): ⦁ 123, the other four 0;
#   ``­`` (soft hyphen, E2 AD): ⭐ 4, the other four 0;
#   ``†`` (E2 86): none; ← is the one arrow of the five in common use (the rest: ↁ, ↝, two unassigned).
# Any other pair is left to ftfy and the placeholder restorer. (Under lossy mojibake, ``â`` + ``¦`` or the
# soft hyphen + ``?`` is the same character with its last byte, any of 80-9F, lost the same way.)
_LOST_LAST = {
    "\u20ac": ("\u201d", "e2-80-9d:right-double-quote"),
    "\u2014": ("\u25cf", "e2-97-8f:black-circle"),
    "\u00a6": ("\u2981", "e2-a6-81:z-notation-spot"),
    "\u00ad": ("\u2b50", "e2-ad-90:white-medium-star"),
    "\u2020": ("\u2190", "e2-86-90:leftwards-arrow"),
}
_LOST_SEQ = lazy(re.compile, "\u00e2([" + "".join(_LOST_LAST) + "])[\ufffd?]")


def _lost_char(m: re.Match) -> str:
    return _LOST_LAST[m[1]][0]


def _read_lost(line: str, fixed: str) -> str:
    """ftfy's repair ``fixed`` of ``line`` with the :data:`_LOST_LAST` sequences read: those ftfy left
    (``â—`` + U+FFFD) and those it made a bare U+FFFD, where the U+FFFD of a changed span match the span's
    sequences one to one (a span that also held another lossy sequence, ``Ä`` + U+FFFD, keeps ftfy's
    U+FFFD). ftfy runs on the line as it is: the sequences are what shows it the line's mojibake."""
    fixed = _LOST_SEQ.sub(_lost_char, fixed)
    parts = []
    last = 0
    for i1, i2, j1, j2 in _diff(line, fixed):
        before, after = line[i1:i2], fixed[j1:j2]
        chars = [_LOST_LAST[m[1]][0] for m in _LOST_SEQ.finditer(before)]
        if chars and after.count("\ufffd") == len(chars) == before.count("\ufffd") + before.count("?"):
            it = iter(chars)
            parts.append(fixed[last:j1])
            parts.append("".join(next(it) if c == "\ufffd" else c for c in after))
            last = j2
    parts.append(fixed[last:])
    return "".join(parts)


_RUNS = lazy(regex.compile, r"[\x00-\x7f]+|[^\x00-\x7f]+")
_DIFF_WINDOW = 2000


def _diff(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Spans (a1, a2, b1, b2) where ``a`` and ``b`` differ, in linear time for ftfy's kind of edits.

    ftfy rewrites runs of non-ASCII characters and leaves the ASCII between them alone, so when both
    strings have the same ASCII runs in the same places the non-ASCII runs pair up one to one. Otherwise
    (a space eaten by ``restore_byte_a0``) the differing window is aligned with difflib, and a window too
    large for that becomes one change.
    """
    ra = [(m.start(), m.end()) for m in _RUNS.finditer(a)]
    rb = [(m.start(), m.end()) for m in _RUNS.finditer(b)]
    if len(ra) == len(rb) and all(
        a[x:y].isascii() == b[u:v].isascii() and (not a[x:y].isascii() or a[x:y] == b[u:v]) for (x, y), (u, v) in zip(ra, rb)
    ):
        return [(x, y, u, v) for (x, y), (u, v) in zip(ra, rb) if a[x:y] != b[u:v]]
    p = 0
    n = min(len(a), len(b))
    while p < n and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and a[-1 - q] == b[-1 - q]:
        q += 1
    a2, b2 = len(a) - q, len(b) - q
    if max(a2 - p, b2 - p) > _DIFF_WINDOW:
        return [(p, a2, p, b2)]
    from difflib import SequenceMatcher  # (rarely needed: imported here, not with the module)

    sm = SequenceMatcher(None, a[p:a2], b[p:b2], autojunk=False)
    return [(p + i1, p + i2, p + j1, p + j2) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


#: What ``&amp;``, ``&lt;`` and ``&gt;`` stand for: in plain text they may be meant (markup written as text,
#: ``&lt;b&gt;``), and decoded they would make markup of it; they are never decoded.
_MARKUP = frozenset("&<>")


def decoded_entity(ref: str) -> str | None:
    """The character an HTML reference ``ref`` names (``&#233;`` é, ``&rsquo;`` ’, ``&amp;amp;nbsp;`` a
    no-break space, decoded until no reference is left), or None where it names none: an unknown name, a
    control character, a surrogate, a noncharacter (Python's :func:`html.unescape` writes U+FFFD or the
    reference as it is for those), and for ``&``, ``<`` and ``>`` (:data:`_MARKUP`)."""
    out = ref
    for _ in range(ref.count(";")):
        nxt = html.unescape(out)
        if nxt == out:
            break
        out = nxt
    if out == ref or len(out) != 1 or out in _MARKUP:
        return None
    c = ord(out)
    if (c < 0x20 and out not in "\t\n") or 0x7F <= c < 0xA0 or 0xD800 <= c < 0xE000 or out == "\ufffd" \
            or (c & 0xFFFE) == 0xFFFE or 0xFDD0 <= c <= 0xFDEF:
        return None
    return out


#: ``&#191;`` (¿) between two letters stood for an apostrophe: a step that could not write ’ wrote ¿ and
#: the page escaped it (``Blair&#191;s government``, ``America&#191;s``: BBC 2004-05, 3 of 3; Spanish
#: writes ¿ only at a question's start, after a space).
_INVERTED_APOSTROPHE = lazy(re.compile, r"(?<=[A-Za-z])&(?:amp;)*(?:#191|#[xX]0*[bB][fF]|iquest);(?=[A-Za-z])")


def _entities(text: str, style: str) -> list[Change]:
    """Changes that decode the character references of a page's text (see
    :func:`textfix.diagnose._html_entities`); an apostrophe read for ``&#191;`` is written in ``style``
    (the decoded characters as they are: they were the page's)."""
    out = []
    apostrophe = "\u2019" if style == "typographic" else "'"
    inverted = {m.start() for m in _INVERTED_APOSTROPHE.finditer(text)}
    for m in HTML_ENTITY.finditer(text):
        ref = m.group()
        ch = decoded_entity(ref)
        if ch is None:
            continue
        if m.start() in inverted:
            out.append(Change(m.start(), m.end(), ref, apostrophe, "decode_entities", f"entity:{ref}->apostrophe", 0.9))
        else:
            out.append(Change(m.start(), m.end(), ref, ch, "decode_entities", f"entity:{ref}", 0.99))
    return out


def propose(text: str, ctx: Context) -> Iterable[Change]:
    # (references are ASCII and mojibake is not: the two kinds of change never overlap)
    out: list[Change] = _entities(text, ctx.config.style) if "&" in text and ctx.damaged("html_entities") else []
    if text.isascii() or not _SUSPECT.search(text):
        return out
    ftfy, config = _ftfy()
    pos = 0
    for line in text.split("\n"):
        if _SUSPECT.search(line):
            fixed, expl = ftfy.fix_and_explain(line, config=config)
            reason = _steps(expl) if fixed != line else ""
            if "\u00e2" in line and _LOST_SEQ.search(line):
                fixed = _read_lost(line, fixed)
            # A lone surrogate cannot be written as UTF-8: ftfy joins the ones that pair, and the rest
            # are replaced by U+FFFD and reported.
            if _LONE_SURROGATE.search(fixed):
                fixed = _LONE_SURROGATE.sub("\ufffd", fixed)
                reason = (reason + "/" if reason else "") + "lone-surrogate"
            if fixed != line and "\n" not in fixed:
                for i1, i2, j1, j2 in _diff(line, fixed):
                    before, after = line[i1:i2], fixed[j1:j2]
                    names = [_LOST_LAST[m[1]][1] for m in _LOST_SEQ.finditer(before)]
                    if names:
                        # ftfy's steps are named only where it changed this span, not just the table
                        ftfy_too = bool(reason) and _LOST_SEQ.sub(_lost_char, before) != after
                        why = "/".join([reason] * ftfy_too + [f"lossy:{n}" for n in dict.fromkeys(names)])
                        out.append(Change(pos + i1, pos + i2, before, after, "fix_mojibake", why, 0.9))
                        continue
                    out.append(Change(pos + i1, pos + i2, before, after, "fix_mojibake", reason, 0.95))
        pos += len(line) + 1
    return out
