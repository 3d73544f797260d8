"""Hard-wrapped text: paragraphs broken into lines of a fixed width (e-mail, plain-text archives, wire copy).

The restorers read a line as a unit of text (a quotation opens and closes on its line; the words around a
lost apostrophe are read up to the line's end), so a paragraph wrapped at 72 columns loses much of what they
would find in it. :func:`soft_breaks` finds the line breaks that wrapping made; :func:`textfix.fix_and_explain`
reads each as a space (:func:`unwrap`), and :func:`rejoin` gives the changes back to the text with its line
breaks, where they replay. Lines broken at a ragged width (PDF text set in a proportional font) are read so
too where sentences run on from line to line (:data:`RAGGED_LINES`).
"""

from __future__ import annotations

import re
from itertools import accumulate

from .changes import Change, make

#: The width of a wrapped paragraph (its longest line, in characters) must lie in this range: narrower
#: blocks are lists, addresses or verse; wider lines are paragraphs of their own.
WRAP_WIDTH = (40, 100)
#: A wrapped block has at least this many soft breaks, and they are at least half of its breaks.
WRAP_BREAKS = 2
#: Words that a line must hold to be a wrapped line of prose (not a table's row or a heading).
WRAP_WORDS = 4
#: A block whose breaks are not greedy (:func:`soft_breaks`) is read as ragged wrapping (PDF text) when it
#: has this many lines at least, a third of them with a sentence end inside them (:data:`_INNER_END`: prose
#: runs on from line to line; song lyrics, chat and lists of sentences end their sentences at line ends),
#: three quarters of its breaks where a line and the next word exceed :data:`RAGGED` of the widest line, and
#: half of those before a lower-case word.
RAGGED_LINES = 4
RAGGED = 0.6
#: A text whose lines are longer than this on average is not a wrapped one (a test at C speed first: most
#: texts hold paragraphs of several hundred characters a line, and wrapping is a whole text's format).
WRAP_LINE_MEAN = 200
#: Soft breaks after a line that ends in one space that make a text ``format=flowed`` mail (:func:`unwrap`).
FLOWED_SHARE = 0.5
# The second and third lines of a block that could be wrapped: two lines in a row after a line break, no
# wider than the widest wrapping (``\r`` included). Most texts have none, and the search runs at C speed.
_SHORT_LINES = re.compile(r"\n(?=[^\n]{1,%d}\n[^\n]{1,%d}(?:\n|\Z))" % ((WRAP_WIDTH[1] + 1,) * 2))
# A sentence end inside a line, before the next sentence's first word.
_INNER_END = re.compile(r"[a-z][.?!][\"')]? +[\"'(]?[A-Z]")


def soft_breaks(text: str) -> list[int]:
    """The positions of the ``\\n`` that hard wrapping put into paragraphs of ``text``, in order.

    A block of three or more non-blank lines is wrapped when its lines were filled greedily to a width: a
    break is soft when the next line's first word would not have fitted on the line (its length, a space
    and that word exceed the block's longest line), the line holds :data:`WRAP_WORDS` words or more, the
    next line is not indented (a new paragraph, a list's item), nor the line unless it opens the block, and
    the break has one space beside it at most (``format=flowed`` mail's mark at the line's end, or what a
    spaced dash deleted at the break left: :func:`unwrap`). The block needs :data:`WRAP_BREAKS` soft breaks or
    more, half of its breaks at least, and half of them before a lower-case word, as a paragraph broken mid-sentence
    has: a list of headlines or a table whose rows happen to be as long fails that test. Once a block is so
    found, and in the text's other paragraphs at the width it shows (two lines, many capitalised names at
    line starts), a break is soft where the line and the next word exceed :data:`RAGGED` of the width: the
    lines of PDF text, set in a proportional font, and hyphenated lines break short of it. A short last line
    of a paragraph ends it: the break after it stays a line break. A block of ragged lines that is not
    greedy at all is read so where its sentences run on from line to line (:data:`RAGGED_LINES`).
    """
    if text.count("\n") * WRAP_LINE_MEAN < len(text) or not _SHORT_LINES.search(text):
        return []
    lines = text.split("\n")
    lens = list(map(len, lines))
    top = WRAP_WIDTH[1] + 1
    blocks = []
    i, n = 0, len(lines)
    while i < n:
        if not lines[i] or lines[i].isspace():
            i += 1
            continue
        j = i
        while j < n and lines[j] and not lines[j].isspace():
            j += 1
        if j - i >= 2 and max(lens[i:j]) <= top:
            blocks.append((i, [line[:-1] if line.endswith("\r") else line for line in lines[i:j]]))
        i = j
    found: dict[int, list[int]] = {}
    widths = []
    for i, block in blocks:
        width = max(len(line) for line in block)
        if len(block) >= 3 and WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
            soft, lower = _soft(block, width)
            if len(soft) >= WRAP_BREAKS and 2 * len(soft) >= len(block) - 1 and 2 * lower >= len(soft):
                # wrapped: its other breaks are read as a ragged wrapping's (a font's widths, a hyphenation)
                found[i] = _soft(block, width, RAGGED)[0]
                widths.append(width)
            elif len(block) >= RAGGED_LINES and 3 * sum(1 for line in block if _INNER_END.search(line)) >= len(block):
                # ragged: PDF text set in a proportional font breaks its lines at no fixed count of characters
                soft, lower = _soft(block, width, RAGGED)
                if 4 * len(soft) >= 3 * (len(block) - 1) and 2 * lower >= len(soft):
                    found[i] = soft
    if widths:
        width = max(widths)
        for i, block in blocks:
            if i not in found and max(len(line) for line in block) <= width:
                found[i] = _soft(block, width, RAGGED)[0]
    if not found:
        return []
    starts = [0, *accumulate(n + 1 for n in lens)]
    return [starts[i + k] + lens[i + k] for i in sorted(found) for k in found[i]]


def _soft(block: list[str], width: int, reach: float = 1.0) -> tuple[list[int], int]:
    """The soft breaks of ``block`` (lines without their ``\\r``) at ``width`` for :func:`soft_breaks`, as
    indices of the line they end, and how many of them come before a lower-case word. ``reach``: the share
    of ``width`` that a line and the next word must exceed (1 for greedy wrapping)."""
    soft = []
    lower = 0
    for k in range(len(block) - 1):
        line, nxt = block[k], block[k + 1]
        if (k and line[:1].isspace()) or line[-2:].isspace() or nxt[:2].isspace() or (
                line[-1:] == " " and nxt[:1] == " "):
            continue  # (a paragraph's first line may be indented; an indented line after it starts another)
        # (one space at the line's end or at the next one's start is a flowed line's mark, or what is left
        # of a spaced dash that the damage deleted at the break: :func:`unwrap`)
        first = nxt.split(None, 1)[0]
        if len(line) + 1 + len(first) > reach * width and len(line.split()) >= WRAP_WORDS:
            soft.append(k)
            lower += first[:1].islower()
    return soft, lower


def unwrap(text: str, breaks: list[int]) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with a space for each soft break at ``breaks`` (:func:`soft_breaks`: ``\\n``, or ``\\r\\n``
    in a text with Windows line ends), and the breaks as ``(offset in the new text, what stood there)``
    for :func:`rejoin`.

    A line that ends in one space before a soft break is ``format=flowed`` mail where most of them do
    (:data:`FLOWED_SHARE`): the space goes with the break. Where only a few do, or the next line starts
    with one space, the space stays, and the double space it makes is a gap where the damage deleted a
    spaced dash at the break (``processed —`` at a line's end became ``processed``)."""
    ends = [q - 1 if q and text[q - 1] == "\r" else q for q in breaks]  # where each break's line ends
    flowed = bool(breaks) and sum(1 for a in ends if a and text[a - 1] == " ") >= FLOWED_SHARE * len(breaks)
    parts = []
    edits = []
    last = shrink = 0
    for q, a in zip(breaks, ends):
        if flowed and a and text[a - 1] == " ":
            a -= 1
        parts.append(text[last:a])
        parts.append(" ")
        edits.append((a - shrink, text[a : q + 1]))
        shrink += q - a
        last = q + 1
    parts.append(text[last:])
    return "".join(parts), edits


def rejoin(changes: list[Change], edits: list[tuple[int, str]]) -> list[Change]:
    """``changes`` (sequential, made on the text that :func:`unwrap` returned with ``edits``) as changes of
    the text as it was, each break in its place: the offsets move past the ``\\r`` of the breaks before
    them, and a change whose span covers a break gets it back in its ``before``. (Boilerplate lines are
    judged after this, on the text's own lines.)"""
    pending = [list(e) for e in edits]  # each break's offset in the text as it stands before the change
    out: list[Change] = []
    for ch in changes:
        start, end = ch.start, ch.end
        extra_start = extra_end = 0
        covered = {}
        for p, orig in pending:
            if p < end:
                extra_end += len(orig) - 1
                if p < start:
                    extra_start += len(orig) - 1
                else:
                    covered[p - start] = orig
        before = ch.before
        if covered:
            before = "".join(covered.get(k, c) for k, c in enumerate(before))
            pending = [e for e in pending if not start <= e[0] < end]
        if covered or extra_end:
            ch = make(start + extra_start, end + extra_end, before, ch.after, ch.fixer, ch.reason, ch.confidence)
        out.append(ch)
        delta = len(ch.after) - (end - start)
        if delta:
            for e in pending:
                if e[0] >= end:
                    e[0] += delta
    return out
