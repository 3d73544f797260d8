"""textfix as datatrove pipeline steps, for corpora too large for one machine.

datatrove brings the executors (Local, Slurm, Ray), the JSONL/Parquet readers and writers and resumable
tasks; this module only adds steps, so nothing here schedules work:

- :class:`TextfixFormatter` repairs ``doc.text`` with :func:`textfix.fix_and_explain`.
- :class:`BoilerplateLineFilter` removes boilerplate lines (a formatting step: it edits documents, it never
  drops one) and records every removed line with its reason.
- :class:`RepeatedLineCounter` (stage 1) and :class:`RepeatedLineFilter` (stage 2) find lines repeated
  across the documents of one source over the whole corpus. Stage 1 writes one partial count per task;
  stage 2 merges them and removes lines with the same corpus mode as ``textfix.boilerplate``. The
  counting, the normalisation of lines and the threshold all belong to
  :class:`textfix.boilerplate.corpus.CorpusStats`; this module only moves its files between tasks.

Metadata written per document is schema-stable, because datatrove's ParquetWriter infers the schema from
the first document it writes (an empty list there becomes ``list<null>`` and a later non-empty list then
fails to write): counts are ints, lists are a comma-separated string or a JSON string.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.io import DataFolder, DataFolderLike, get_datafolder
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
    from fsspec.implementations.local import LocalFileSystem
    from loguru import logger
except ImportError as exc:  # pragma: no cover - exercised by simulating the absence in the tests
    raise ImportError(
        "textfix.integrations.datatrove needs datatrove, which is not installed. "
        "Install it with: pip install 'textfix[datatrove]'"
    ) from exc

from ..changes import replay, sequential
from ..config import Config, make_config
from ..pipeline import fix, fix_and_explain, preload

__all__ = ["TextfixFormatter", "BoilerplateLineFilter", "RepeatedLineCounter", "RepeatedLineFilter"]

#: Suffix of the partial line counts that stage 1 writes, one file per task (gzipped JSON, by the name).
COUNTS_SUFFIX = ".textfix-lines.json.gz"
_COUNTS_NAME = re.compile(r"(\d+)-of-(\d+)" + re.escape(COUNTS_SUFFIX) + r"$")


def _meta_str(doc: Document, key: str | None) -> str | None:
    """``doc.metadata[key]`` if it is a non-empty string, else ``None`` (a missing title is no evidence)."""
    if not key:
        return None
    value = doc.metadata.get(key)
    return value if isinstance(value, str) and value else None


def _slug(reason: str) -> str:
    """The stable part of a reason, usable as a stats label (``"boilerplate:navigation"`` -> ``"navigation"``)."""
    return reason.removeprefix("boilerplate:").split(":", 1)[0] or "unknown"


class TextfixFormatter(BaseFormatter):
    """Repair ``doc.text`` with :func:`textfix.fix_and_explain`; with no arguments, the library defaults.

    Args:
        config: a :class:`textfix.Config`; ``**options`` override its fields (an unknown option raises
            ``TypeError`` here, at pipeline construction, not hours later in a worker).
        title_key: metadata key of the document's title, passed to textfix as evidence when it is a
            non-empty string (``None`` to never pass one).
        source_key: metadata key naming the document's outlet (used by corpus-level boilerplate evidence).
        explain_key: if set, the full explanation is stored under this metadata key as a JSON string
            (a list of :meth:`textfix.Change.as_dict`). Off by default: it can be larger than the text.
        on_error: ``"keep"`` (default) keeps a document whose repair raised unchanged, counts it under
            the ``textfix_errors`` stat, logs it and sets ``doc.metadata["textfix_error"]``: one bad
            document should not stop a multi-terabyte run, and unrepaired text is never worse than the
            input. ``"raise"`` re-raises.

    Per document it sets ``metadata["textfix_changes"]`` (number of changes) and
    ``metadata["textfix_damage"]`` (the diagnosed damage kinds, comma-separated, ``""`` for none). Per
    task it adds the stats ``fixer/<fixer>`` (changes made by each fixer) and ``changed`` (documents
    with at least one change).
    """

    name = "🩹 textfix"

    def __init__(self, config: Config | None = None, *, title_key: str | None = "title",
                 source_key: str | None = "source", explain_key: str | None = None, on_error: str = "keep",
                 **options: Any):
        super().__init__()
        if on_error not in ("keep", "raise"):
            raise ValueError(f"on_error must be 'keep' or 'raise', got {on_error!r}")
        self.config = make_config(config, **options)
        self.title_key = title_key
        self.source_key = source_key
        self.explain_key = explain_key
        self.on_error = on_error

    def format(self, text: str) -> str:
        return fix(text, self.config)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        # Load textfix's tables and models before the first document (once per worker process, about
        # half a second), so that the loading is the worker's start-up and not in the first task's timing.
        preload(self.config)
        for doc in data or ():
            self.stat_update(StatHints.total)
            with self.track_time():
                self._fix(doc)
            yield doc

    def _fix(self, doc: Document) -> None:
        try:
            explained = fix_and_explain(doc.text, self.config, title=_meta_str(doc, self.title_key),
                                        source=_meta_str(doc, self.source_key))
        except Exception as exc:
            if self.on_error == "raise":
                raise
            self.stat_update("textfix_errors")
            logger.warning(f"textfix kept document {doc.id!r} unchanged: {type(exc).__name__}: {exc}")
            doc.metadata["textfix_error"] = f"{type(exc).__name__}: {exc}"
            doc.metadata["textfix_changes"] = 0
            doc.metadata["textfix_damage"] = ""
            return
        changes = explained.changes
        for fixer, n in Counter(ch.fixer for ch in changes).items():
            self.stat_update(f"fixer/{fixer}", value=n)
        if changes:
            self.stat_update("changed")
        doc.text = explained.text
        doc.metadata["textfix_changes"] = len(changes)
        doc.metadata["textfix_damage"] = ",".join(explained.diagnosis.kinds) if explained.diagnosis else ""
        if self.explain_key:
            doc.metadata[self.explain_key] = json.dumps([ch.as_dict() for ch in changes], ensure_ascii=False)


class BoilerplateLineFilter(BaseFormatter):
    """Remove boilerplate lines from each document, and say which and why.

    This is a formatting step, not a datatrove filter: a filter keeps or drops whole documents, while this
    edits a document's text and always passes the document on (possibly empty; follow it with a filter
    if empty documents should go). Which lines go, and how the line breaks around them close up, is
    decided by :func:`textfix.boilerplate.drop_changes` (the same code as ``fix(drop_boilerplate=True)``);
    this step only applies its changes and records them.

    Every removed line is recorded, never silently dropped: ``metadata["textfix_dropped_lines"]`` is a
    JSON list of ``{"index", "text", "reason", "score"}`` (``index`` = line number in the text this step
    received; the list is ``"[]"`` when nothing was removed), ``metadata["textfix_dropped"]`` the count,
    and the stats get ``dropped_lines`` and ``dropped_<reason>``.

    Args:
        corpus_stats: a :class:`textfix.boilerplate.corpus.CorpusStats` for corpus-level repetition
            evidence, or ``None`` for per-document evidence only.
        title_key, source_key: metadata keys of the title and the outlet, passed on when present.
    """

    name = "🧹 textfix boilerplate lines"

    def __init__(self, corpus_stats: Any = None, *, title_key: str | None = "title",
                 source_key: str | None = "source"):
        super().__init__()
        _boilerplate()  # fail at construction if the boilerplate package is missing
        self.corpus_stats = corpus_stats
        self.title_key = title_key
        self.source_key = source_key

    def format(self, text: str) -> str:
        return self._drop(text, None, None)[0]

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data or ():
            self.stat_update(StatHints.total)
            with self.track_time():
                self._edit(doc)
            yield doc

    def _stats(self) -> Any:
        return self.corpus_stats

    def _changes(self, text: str, title: str | None, source: str | None) -> list:
        return _boilerplate().drop_changes(text, title=title, source=source, corpus_stats=self._stats())

    def _drop(self, text: str, title: str | None, source: str | None) -> tuple[str, list[dict[str, Any]]]:
        drop = self._changes(text, title, source)
        if not drop:
            return text, []
        drop = sorted(drop, key=lambda c: (c.start, c.end))
        record = []
        for ch in drop:
            lead = len(ch.before) - len(ch.before.lstrip("\r\n"))  # a change may start on the line break
            record.append({
                "index": text.count("\n", 0, ch.start + lead),
                "text": ch.before.strip(),
                "reason": ch.reason,
                "score": round(ch.confidence, 4),
            })
        return replay(text, sequential(drop)), record

    def _edit(self, doc: Document) -> None:
        doc.text, record = self._drop(doc.text, _meta_str(doc, self.title_key), _meta_str(doc, self.source_key))
        doc.metadata["textfix_dropped"] = len(record)
        doc.metadata["textfix_dropped_lines"] = json.dumps(record, ensure_ascii=False)
        if record:
            self.stat_update("dropped_lines", value=len(record))
            self.stat_update("docs_with_dropped_lines")
            for reason, n in Counter(_slug(r["reason"]) for r in record).items():
                self.stat_update(f"dropped_{reason}", value=n)
            if not doc.text.strip():
                self.stat_update("docs_emptied")


class RepeatedLineCounter(PipelineStep):
    """Stage 1 of the repeated-line pipeline: count lines per source over this task's documents.

    Documents pass through unchanged. At the end of the task the counts are saved with
    ``CorpusStats.save`` to ``output_folder/<rank>-of-<tasks>.textfix-lines``; :class:`RepeatedLineFilter`
    reads them all. Put this step where stage 2 will see the same text (after :class:`TextfixFormatter`
    when stage 2 reads the formatter's output).

    Args:
        output_folder: any datatrove folder (local path, ``s3://...``, ``hf://...``, a DataFolder).
        source_key: metadata key naming the document's outlet; repetition is counted per source.
        stats_options: keyword arguments for ``CorpusStats()``, e.g. ``min_docs``/``min_share`` (the
            repetition threshold, saved with the counts) or ``max_memory_lines`` (spill to SQLite).
        save_min_count: lines seen in fewer of this task's documents are left out of its file. The default
            1 keeps every line, so the merged counts equal a single-process count exactly (a line that
            occurs once in each of many tasks still adds up). 2 makes the files much smaller but can
            miss lines whose repeats are spread thinly over many tasks.
    """

    type = "🔁 - REPEATED LINES"
    name = "🔢 textfix repeated-line counter (stage 1)"

    def __init__(self, output_folder: DataFolderLike, *, source_key: str | None = "source",
                 stats_options: dict[str, Any] | None = None, save_min_count: int = 1):
        super().__init__()
        _corpus()
        self.output_folder = get_datafolder(output_folder)
        self.source_key = source_key
        self.stats_options = dict(stats_options or {})
        self.save_min_count = save_min_count

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        stats = _corpus().CorpusStats(**self.stats_options)
        for doc in data or ():
            with self.track_time():
                lines = doc.text.split("\n")
                stats.add_document(lines, _meta_str(doc, self.source_key))
            self.stat_update(StatHints.total)
            self.stat_update("lines_counted", value=len(lines))
            yield doc
        # written last, so a task that failed half-way leaves no partial file behind
        _save(stats, self.output_folder, f"{rank:05d}-of-{world_size:05d}{COUNTS_SUFFIX}", self.save_min_count)


class RepeatedLineFilter(BoilerplateLineFilter):
    """Stage 2 of the repeated-line pipeline: remove lines that stage 1 found repeated within a source.

    Loads every partial count from ``input_folder`` (raising if any stage-1 task's file is missing, so
    incomplete counts are never used) and merges them with ``CorpusStats.merge``; whether a line is
    repeated is ``CorpusStats.repeated`` (its threshold). Lines are removed by
    :func:`textfix.boilerplate.drop_changes` in corpus mode and recorded like :class:`BoilerplateLineFilter`.
    The merged counts are loaded once per task, when it starts, and held in memory for the task.

    Args:
        only_repeated: ``True`` (default) removes only lines the merged counts call repeated; documents
            without such a line skip the per-line model entirely, so this is fast. ``False`` removes every
            boilerplate line in corpus mode (the per-document rules and model as well), i.e.
            :class:`BoilerplateLineFilter` with corpus evidence, in one pass.
    """

    name = "🔁 textfix repeated lines (stage 2)"

    def __init__(self, input_folder: DataFolderLike, *, only_repeated: bool = True,
                 title_key: str | None = "title", source_key: str | None = "source"):
        super().__init__(None, title_key=title_key, source_key=source_key)
        _corpus()
        self.input_folder = get_datafolder(input_folder)
        self.only_repeated = only_repeated
        self._merged = None

    def _changes(self, text: str, title: str | None, source: str | None) -> list:
        if not self.only_repeated:
            return super()._changes(text, title, source)
        stats = self._stats()
        if not any(stats.repeated(line, source) for line in text.split("\n")):
            return []
        # the boilerplate module decides how a removed line's breaks close up; keep its changes whose
        # lines are all repeated
        return [ch for ch in super()._changes(text, title, source)
                if all(stats.repeated(line, source) for line in ch.before.split("\n") if line.strip())]

    def _stats(self) -> Any:
        if self._merged is None:
            self._merged = load_counts(self.input_folder)
        return self._merged

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        self._stats()  # load before the first document, so a missing partial count fails fast
        yield from super().run(data, rank, world_size)


def load_counts(folder: DataFolderLike) -> Any:
    """Merge the partial counts that :class:`RepeatedLineCounter` wrote to ``folder`` into one CorpusStats."""
    folder = get_datafolder(folder)
    names = folder.list_files(glob_pattern=f"*{COUNTS_SUFFIX}", recursive=False)
    by_rank: dict[int, str] = {}
    totals: set[int] = set()
    for name in names:
        m = _COUNTS_NAME.search(name)
        if m:
            by_rank[int(m.group(1))] = name
            totals.add(int(m.group(2)))
    if not by_rank:
        raise FileNotFoundError(f"no repeated-line counts (*{COUNTS_SUFFIX}) in {folder.path}: run stage 1 first")
    if len(totals) != 1:
        raise ValueError(f"repeated-line counts in {folder.path} come from runs with different task counts "
                         f"{sorted(totals)}; clear the folder and run stage 1 again")
    (total,) = totals
    missing = sorted(set(range(total)) - set(by_rank))
    if missing:
        raise FileNotFoundError(f"repeated-line counts of stage-1 task(s) {missing[:10]} of {total} are missing "
                                f"in {folder.path}; let stage 1 finish first")
    merged = None
    for rank in range(total):
        part = _load(folder, by_rank[rank])
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    return merged


# --- the boilerplate package, imported lazily: the datatrove steps above only need it when used --------

def _boilerplate():
    import textfix.boilerplate as bp

    if not hasattr(bp, "drop_changes"):  # e.g. an empty namespace package left by another checkout
        raise ImportError(f"textfix.boilerplate at {list(bp.__path__)} has no drop_changes(); "
                          "this textfix installation is incomplete")
    return bp


def _corpus():
    from textfix.boilerplate import corpus

    if not hasattr(corpus, "CorpusStats"):
        raise ImportError("textfix.boilerplate.corpus has no CorpusStats; this textfix installation is incomplete")
    return corpus


def _is_local(folder: DataFolder) -> bool:
    return isinstance(folder.fs, LocalFileSystem)


def _save(stats: Any, folder: DataFolder, name: str, min_count: int) -> None:
    """``CorpusStats.save`` takes a local path; remote folders get a temporary file copied up."""
    if _is_local(folder):
        path = folder.resolve_paths(name)
        tmpdir = os.path.join(os.path.dirname(path) or ".", f".tmp-{name}")
        os.makedirs(tmpdir, exist_ok=True)
        tmp = os.path.join(tmpdir, name)  # same name: save() may choose its format by the file name
        stats.save(tmp, min_count=min_count)
        os.replace(tmp, path)  # atomic: stage 2 never sees half a file
        os.rmdir(tmpdir)
        return
    with tempfile.TemporaryDirectory() as tmpdir:
        local = os.path.join(tmpdir, name)
        stats.save(local, min_count=min_count)
        with open(local, "rb") as src, folder.open(name, "wb") as dst:
            shutil.copyfileobj(src, dst)


def _load(folder: DataFolder, name: str) -> Any:
    CorpusStats = _corpus().CorpusStats
    if _is_local(folder):
        return CorpusStats.load(folder.resolve_paths(name))
    with tempfile.TemporaryDirectory() as tmpdir:
        local = os.path.join(tmpdir, name)
        with folder.open(name, "rb") as src, open(local, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return CorpusStats.load(local)
