"""Reversible mojibake, repaired by ftfy and explained character by character.

ftfy does the decoding work; this module only restricts it to its encoding fixes and turns its
whole-text result into located changes. ftfy's other fixes stay off because they rewrite clean text:
``uncurl_quotes`` would straighten intact curly quotes, ``fix_line_breaks`` would change line breaks,
NFC normalisation would rewrite decomposed accents, and HTML unescaping would touch ``&amp;`` in
plain text that means it.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable

import ftfy
import regex

from ..changes import Change
from . import Context

FIXERS = ("fix_mojibake",)

_FTFY = ftfy.TextFixerConfig(
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
# keeps ftfy (and Python) off the hot path for the clean majority of lines.
_SUSPECT = regex.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122\ud800-\udfff]")
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _steps(explanation) -> str:
    if not explanation:
        return "ftfy"
    return "ftfy:" + "/".join(f"{s[0]}:{s[1]}" for s in explanation)


def propose(text: str, ctx: Context) -> Iterable[Change]:
    if text.isascii():
        return []
    out: list[Change] = []
    pos = 0
    for line in text.split("\n"):
        if _SUSPECT.search(line):
            fixed, expl = ftfy.fix_and_explain(line, config=_FTFY)
            reason = _steps(expl) if fixed != line else ""
            # A lone surrogate cannot be written as UTF-8: ftfy joins the ones that pair, and the rest
            # are replaced by U+FFFD and reported.
            if _LONE_SURROGATE.search(fixed):
                fixed = _LONE_SURROGATE.sub("\ufffd", fixed)
                reason = (reason + "/" if reason else "") + "lone-surrogate"
            if fixed != line and "\n" not in fixed:
                sm = SequenceMatcher(None, line, fixed, autojunk=False)
                for tag, i1, i2, j1, j2 in sm.get_opcodes():
                    if tag != "equal":
                        out.append(Change(pos + i1, pos + i2, line[i1:i2], fixed[j1:j2], "fix_mojibake", reason, 0.95))
        pos += len(line) + 1
    return out
