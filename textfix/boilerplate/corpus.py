"""Corpus mode: lines that repeat across many documents of one source are boilerplate.

Two passes. Pass 1 counts, per source, in how many documents each normalised line occurs
(:meth:`CorpusStats.add_document`); shards can be counted apart and :meth:`CorpusStats.merge`\\ d. Pass 2
asks :meth:`CorpusStats.repeated` for each line. "Story Continued Below" (Politico, 2,265 of 2,493
documents) or "Sign up for Daily Newsletters Manage Newsletters" are found this way without any rule.

Counts live in a dict by default. When they outgrow ``max_memory_lines`` distinct (source, line) keys,
or with ``backend="sqlite"``, they live in an SQLite file instead, so a large crawl does not have to fit
in memory. Saved stats are JSON (gzipped when the path ends in ``.gz``) or SQLite (``.sqlite``/``.db``).

Only hashes of normalised lines are stored (:func:`line_key`), never the text itself.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

import regex

_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\p{N}+")

FORMAT_VERSION = 1


def normalise_line(line: str) -> str:
    """The form two lines must share to count as the same line.

    NFKC, case-folded, every run of digits becomes ``0`` (so "Copyright © 2019 …" and "… 2020 …", or
    "Slideshow (2 Images)" and "(5 Images)", are one line) and every run of non-alphanumerics becomes one
    space (so quote style, dashes and spacing do not matter).
    """
    s = unicodedata.normalize("NFKC", line).casefold()
    s = _DIGITS.sub("0", s)
    return _NON_ALNUM.sub(" ", s).strip()


def line_key(line: str) -> str:
    """A 16-hex-digit hash of :func:`normalise_line` (``""`` for a line with no letters or digits)."""
    norm = normalise_line(line)
    if not norm:
        return ""
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc")


def ascii_key(line: str) -> str:
    """:func:`line_key` of the line as ASCII-ignore damage leaves it: apostrophes and every non-ASCII
    character deleted first ("Support Vox’s explanatory journalism" and "Support Voxs explanatory
    journalism" share it), so a known line is still found after the damage."""
    folded = unicodedata.normalize("NFC", line).translate(_APOSTROPHES).encode("ascii", "ignore").decode("ascii")
    return line_key(folded)


class CorpusStats:
    """Per-source document counts of normalised lines.

    ``min_docs`` and ``min_share`` are the defaults of :meth:`repeated`: a line is boilerplate of a source
    when it occurs in at least ``min_docs`` of the source's documents and in at least ``min_share`` of
    them. The defaults (10 documents, 0.5%) follow the ≥10-documents cut of allsides-abp's
    ``repeated_lines.tsv``; the share guards small sources against chance repeats.
    """

    def __init__(self, *, backend: str = "memory", path: str | os.PathLike | None = None,
                 max_memory_lines: int = 5_000_000, min_docs: int = 10, min_share: float = 0.005,
                 max_words: int = 120):
        if backend not in ("memory", "sqlite"):
            raise ValueError(f"backend must be 'memory' or 'sqlite', got {backend!r}")
        self.min_docs = min_docs
        self.min_share = min_share
        self.max_words = max_words
        self.max_memory_lines = max_memory_lines
        self.docs: dict[str, int] = {}
        self._mem: dict[tuple[str, str], int] | None = {} if backend == "memory" else None
        self._db: sqlite3.Connection | None = None
        self._db_path: str | None = None
        if backend == "sqlite":
            self._open_db(path)

    # -- storage -----------------------------------------------------------------------------------
    @property
    def backend(self) -> str:
        return "memory" if self._mem is not None else "sqlite"

    def _open_db(self, path: str | os.PathLike | None) -> None:
        if path is None:
            fd, path = tempfile.mkstemp(prefix="textfix-corpus-", suffix=".sqlite")
            os.close(fd)
        self._db_path = str(path)
        self._db = sqlite3.connect(self._db_path)
        self._db.execute("CREATE TABLE IF NOT EXISTS counts (source TEXT, key TEXT, n INTEGER, PRIMARY KEY (source, key))")
        self._db.execute("CREATE TABLE IF NOT EXISTS docs (source TEXT PRIMARY KEY, n INTEGER)")
        for source, n in self._db.execute("SELECT source, n FROM docs"):
            self.docs[source] = self.docs.get(source, 0) + n
        self._db.commit()

    def _spill(self) -> None:
        """Move the in-memory counts into a temporary SQLite file."""
        mem = self._mem or {}
        self._mem = None
        self._open_db(None)
        self._add_counts(mem.items())

    def _add_counts(self, items: Iterable[tuple[tuple[str, str], int]]) -> None:
        if self._mem is not None:
            for k, n in items:
                self._mem[k] = self._mem.get(k, 0) + n
            if len(self._mem) > self.max_memory_lines:
                self._spill()
            return
        assert self._db is not None
        self._db.executemany(
            "INSERT INTO counts (source, key, n) VALUES (?, ?, ?) ON CONFLICT(source, key) DO UPDATE SET n = n + excluded.n",
            ((s, k, n) for (s, k), n in items),
        )

    def _count(self, source: str, key: str) -> int:
        if self._mem is not None:
            return self._mem.get((source, key), 0)
        assert self._db is not None
        row = self._db.execute("SELECT n FROM counts WHERE source = ? AND key = ?", (source, key)).fetchone()
        return row[0] if row else 0

    def items(self) -> Iterator[tuple[str, str, int]]:
        """``(source, key, docs)`` for every counted line."""
        if self._mem is not None:
            for (s, k), n in self._mem.items():
                yield s, k, n
        else:
            assert self._db is not None
            self._db.commit()
            yield from self._db.execute("SELECT source, key, n FROM counts")

    def __len__(self) -> int:
        if self._mem is not None:
            return len(self._mem)
        assert self._db is not None
        return self._db.execute("SELECT COUNT(*) FROM counts").fetchone()[0]

    # -- pass 1 ------------------------------------------------------------------------------------
    def add_document(self, lines: Iterable[str] | str, source: str | None) -> None:
        """Count each distinct line of one document once for ``source`` (``None`` counts as ``""``)."""
        if isinstance(lines, str):
            lines = lines.split("\n")
        source = source or ""
        keys = set()
        for line in lines:
            if line.count(" ") >= self.max_words:
                continue  # long paragraphs are articles' own prose; skipping them keeps the table small
            k = line_key(line)
            if k:
                keys.add(k)
        self.docs[source] = self.docs.get(source, 0) + 1
        self._add_counts(((source, k), 1) for k in keys)

    def merge(self, other: "CorpusStats") -> "CorpusStats":
        """Add ``other``'s counts (e.g. from another shard) to these; returns ``self``."""
        for s, n in other.docs.items():
            self.docs[s] = self.docs.get(s, 0) + n
        self._add_counts(((s, k), n) for s, k, n in other.items())
        return self

    # -- pass 2 ------------------------------------------------------------------------------------
    def doc_count(self, line: str, source: str | None) -> int:
        """In how many documents of ``source`` the line (normalised) occurs."""
        k = line_key(line)
        return self._count(source or "", k) if k else 0

    def repeated(self, line: str, source: str | None, *, min_docs: int | None = None,
                 min_share: float | None = None) -> bool:
        """True when ``line`` repeats across enough documents of ``source`` to be boilerplate."""
        n = self.doc_count(line, source)
        if n < (self.min_docs if min_docs is None else min_docs):
            return False
        total = self.docs.get(source or "", 0)
        return total > 0 and n / total >= (self.min_share if min_share is None else min_share)

    def share(self, line: str, source: str | None) -> float:
        total = self.docs.get(source or "", 0)
        return self.doc_count(line, source) / total if total else 0.0

    # -- persistence -------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike, *, min_count: int = 2) -> None:
        """Write the stats; lines seen in fewer than ``min_count`` documents are left out (they can never
        be repeated). ``.sqlite``/``.db`` paths get SQLite, others JSON (gzipped for ``.gz``)."""
        path = Path(path)
        if path.suffix in (".sqlite", ".db"):
            if path.exists():
                path.unlink()
            db = sqlite3.connect(str(path))
            db.execute("CREATE TABLE counts (source TEXT, key TEXT, n INTEGER, PRIMARY KEY (source, key))")
            db.execute("CREATE TABLE docs (source TEXT PRIMARY KEY, n INTEGER)")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            db.executemany("INSERT INTO counts VALUES (?, ?, ?)", ((s, k, n) for s, k, n in self.items() if n >= min_count))
            db.executemany("INSERT INTO docs VALUES (?, ?)", self.docs.items())
            db.executemany("INSERT INTO meta VALUES (?, ?)", self._meta().items())
            db.commit()
            db.close()
            return
        counts: dict[str, dict[str, int]] = {}
        for s, k, n in self.items():
            if n >= min_count:
                counts.setdefault(s, {})[k] = n
        data = {"format": "textfix-corpus-stats", **self._meta(), "docs": self.docs, "counts": counts}
        raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
        if path.suffix == ".gz":
            raw = gzip.compress(raw, mtime=0)
        path.write_bytes(raw)

    def _meta(self) -> dict:
        return {"version": str(FORMAT_VERSION), "min_docs": str(self.min_docs), "min_share": str(self.min_share)}

    @classmethod
    def load(cls, path: str | os.PathLike, **options) -> "CorpusStats":
        """Read stats written by :meth:`save`. SQLite files are used in place (not copied into memory)."""
        path = Path(path)
        with open(path, "rb") as fh:
            head = fh.read(16)
        if head.startswith(b"SQLite format 3"):
            db = sqlite3.connect(str(path))
            meta = dict(db.execute("SELECT name, value FROM meta")) if _has_table(db, "meta") else {}
            db.close()
            opts = {"min_docs": int(meta.get("min_docs", 10)), "min_share": float(meta.get("min_share", 0.005)), **options}
            return cls(backend="sqlite", path=path, **opts)
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
        if data.get("format") != "textfix-corpus-stats":
            raise ValueError(f"{path} is not a textfix corpus-stats file")
        opts = {"min_docs": int(data.get("min_docs", 10)), "min_share": float(data.get("min_share", 0.005)), **options}
        stats = cls(**opts)
        stats.docs = {s: int(n) for s, n in data["docs"].items()}
        stats._add_counts(((s, k), int(n)) for s, ks in data["counts"].items() for k, n in ks.items())
        return stats

    def close(self) -> None:
        if self._db is not None:
            self._db.execute("DELETE FROM docs")
            self._db.executemany("INSERT INTO docs VALUES (?, ?)", self.docs.items())
            self._db.commit()
            self._db.close()
            self._db = None


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def build_stats_from_jsonl(paths: Iterable[str | os.PathLike], field: str = "text", source_field: str | None = "source",
                           stats: CorpusStats | None = None, **options) -> CorpusStats:
    """Pass 1 over JSON Lines files (``.gz`` allowed): count the lines of ``record[field]`` per
    ``record[source_field]`` (one source ``""`` when ``source_field`` is ``None`` or missing)."""
    stats = stats if stats is not None else CorpusStats(**options)
    for p in paths:
        opener = gzip.open if str(p).endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                rec = json.loads(raw)
                text = rec.get(field)
                if not isinstance(text, str):
                    continue
                source = rec.get(source_field) if source_field else None
                stats.add_document(text.split("\n"), source if isinstance(source, str) else None)
    return stats
