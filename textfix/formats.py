"""Input layouts: plain text, JSON Lines, and the seed record.

The seed record layout (one article per file)::

    line 1  the title with all punctuation stripped
    line 2  the date, YYYYMMDD
    line 3  the URL
    line 4  the title with ASCII punctuation (clean: evidence for the restorers)
    line 5+ body paragraphs, one per line

A record is read, its body and stripped title (line 1, which lost what the body lost) repaired with the
clean title as evidence, and written back in the same layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_DATE = regex.compile(r"^\d{8}$")
_URL = regex.compile(r"^[a-z][a-z0-9+.-]*://\S+$", regex.IGNORECASE)


@dataclass(frozen=True)
class Record:
    header: tuple[str, str, str]
    """Lines 1-3: stripped title, date, URL (the CLI repairs the first with the body, keeps the others)."""
    title: str
    body: str
    """Lines 5 onward, joined by newlines, with the file's final newline kept."""

    @property
    def body_offset_lines(self) -> int:
        """How many lines stand before the body (so body line 1 is file line 5)."""
        return 4


def is_record(text: str) -> bool:
    """True when ``text`` has the seed record layout."""
    head = text.split("\n", 4)
    return len(head) >= 4 and bool(_DATE.match(head[1].strip())) and bool(_URL.match(head[2].strip())) and bool(head[3].strip())


def read_record(text: str) -> Record:
    if not is_record(text):
        raise ValueError("not a textfix record: expected title, YYYYMMDD date, URL, title, then body lines")
    parts = text.split("\n", 4)
    body = parts[4] if len(parts) > 4 else ""
    return Record((parts[0], parts[1], parts[2]), parts[3], body)


def write_record(record: Record) -> str:
    return "\n".join([*record.header, record.title, record.body])
