"""The ``textfix`` command: a filter over stdin, files and JSON Lines corpora.

Exit codes: 0 success; 1 an input or IO error (one line on stderr, no traceback); 2 a usage error.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import re
import signal
import sys
import tempfile
from collections import deque
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Iterator

from . import __version__
from .changes import locate
from .config import ASSUMABLE, FIXERS, SWITCHES, Config, make_config

SNIFF_BYTES = 1 << 16
#: A plain-text document is cut at a blank line once it holds this many characters, or at any line
#: break at four times that, so memory stays flat on endless input. Diagnosis works per document.
DOC_CHARS = 1 << 18
READ_BYTES = 1 << 16


class InputError(Exception):
    """An input or IO problem: reported in one line, exit code 1."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(obj) -> str:
    """JSON of ``obj`` with its non-ASCII text as is, except lone surrogates (a JSONL field that held
    ``\\udcff``, the ``before`` of a repaired one), which UTF-8 cannot hold: they keep their ``\\uXXXX``
    escape instead of turning into ``?`` on output."""
    s = json.dumps(obj, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", s) if _SURROGATE.search(s) else s


# --- decoding with reported replacements -------------------------------------------------------------

class _Counter:
    replaced = 0


_COUNT = _Counter()


def _count_replace(exc: UnicodeDecodeError):
    _COUNT.replaced += 1
    return "\ufffd", exc.end


codecs.register_error("textfix-replace", _count_replace)


@dataclass
class Source:
    name: str
    stream: Any  # binary stream
    size: int | None = None
    encoding: str = "utf-8"
    confidence: float = 1.0
    replaced: int = 0


def _open_source(path: str) -> Source:
    if path == "-":
        return Source("<stdin>", sys.stdin.buffer)
    try:
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        f = open(path, "rb")
        return Source(path, f, os.path.getsize(path))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None


def _text_lines(src: Source, encoding: str, binary: str, progress) -> Iterator[str]:
    """Decode ``src`` incrementally and yield its lines, each with its ``\\n`` (the last may lack one)."""
    from .decode import sniff

    head = src.stream.read(SNIFF_BYTES)
    skip = 0
    if encoding == "auto":
        enc, conf, skip = sniff(head)
    else:
        try:
            enc, conf = codecs.lookup(encoding).name, 1.0
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
    nul = head.find(b"\0")
    if binary == "error" and nul >= 0 and not enc.startswith(("utf-16", "utf-32")):
        raise InputError(
            f"{src.name}: looks like a binary file (NUL byte at offset {nul}); "
            "use --binary text to process it as text anyway"
        )
    src.encoding, src.confidence = enc, conf
    decoder = codecs.getincrementaldecoder(enc)(errors="textfix-replace")
    before = _COUNT.replaced
    # The unfinished line is kept in pieces and joined once its end arrives: re-joining and re-splitting
    # it on every read would cost time quadratic in the length of a very long line.
    pending: list[str] = []
    data = head[skip:]
    while True:
        if progress is not None:
            progress.update(len(data))
        final = not data
        chunk = decoder.decode(data, final=final)
        if "\n" in chunk:
            lines = chunk.split("\n")
            if pending:
                pending.append(lines[0])
                lines[0] = "".join(pending)
            last = lines.pop()
            pending = [last] if last else []
            for line in lines:
                yield line + "\n"
        elif chunk:
            pending.append(chunk)
        if final:
            break
        data = src.stream.read(READ_BYTES)
    src.replaced = _COUNT.replaced - before
    if pending:
        yield "".join(pending)


# --- units of work ----------------------------------------------------------------------------------

@dataclass
class Unit:
    kind: str  # "text" | "record" | "json"
    name: str
    line: int  # 1-based line number of the unit's first line in its input
    text: str
    title: str | None = None
    col0: int = 0  # characters of the unit's first line before the unit (a piece of an overlong line)


@dataclass
class Result:
    out: str
    rows: list[dict] = field(default_factory=list)
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _text_units(name: str, lines: Iterable[str], fmt: str) -> Iterator[Unit]:
    """Plain text cut into documents of bounded size; a seed-style record is one document; with
    ``fmt == "lines"`` every line is a document of its own (diagnosed on its own)."""
    from .formats import is_record

    if fmt == "lines":
        for lineno, line in enumerate(lines, 1):
            if len(line) > 4 * DOC_CHARS:
                for col0, piece in _pieces(line):
                    yield Unit("text", name, lineno, piece, col0=col0)
            else:
                yield Unit("text", name, lineno, line)
        return

    buf: list[str] = []
    size = 0
    start = 1
    lineno = 0
    whole = fmt == "record"  # a record is read whole (records are single articles)
    for line in lines:
        lineno += 1
        if len(line) > 4 * DOC_CHARS and not whole and fmt != "record":
            # One overlong line (a whole article without line breaks, a binary blob read as text) is
            # repaired in pieces cut between sentences, so that memory does not grow with its length.
            if buf:
                yield Unit("text", name, start, "".join(buf))
                buf, size = [], 0
            for col0, piece in _pieces(line):
                yield Unit("text", name, lineno, piece, col0=col0)
            start = lineno + 1
            continue
        buf.append(line)
        size += len(line)
        if lineno == 5 and fmt == "auto" and is_record("".join(buf)):
            whole = True
        if not whole and ((size >= DOC_CHARS and line.strip() == "") or size >= 4 * DOC_CHARS):
            yield Unit("text", name, start, "".join(buf))
            buf, size, start = [], 0, lineno + 1
    text = "".join(buf)
    if whole or (fmt == "auto" and start == 1 and is_record(text)):
        if not is_record(text):
            raise InputError(f"{name}: not in the record layout (title, YYYYMMDD date, URL, title, body)")
        yield Unit("record", name, 1, text)
    elif buf or start == 1:
        yield Unit("text", name, start, text)


_SENTENCE_CUT = None


def _pieces(line: str) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` of an overlong line: cut about every ``DOC_CHARS`` characters, after a sentence
    end where there is one in the next 64k characters, else at a single space between two words, else
    (a token without spaces) where the size is reached."""
    global _SENTENCE_CUT
    if _SENTENCE_CUT is None:
        import regex

        _SENTENCE_CUT = (regex.compile(r"(?<=[a-z0-9][.!?]['\"\u2019\u201d)]?) (?=[\"\u201c(]?[A-Z])"),
                         regex.compile(r"(?<=\S) (?=\S)"))
    pos, n = 0, len(line)
    while n - pos > 2 * DOC_CHARS:
        lo, hi = pos + DOC_CHARS, pos + DOC_CHARS + (1 << 16)
        cut = None
        for pat in _SENTENCE_CUT:
            m = pat.search(line, lo, hi)
            if m:
                cut = m.end()
                break
        cut = cut or lo
        yield pos, line[pos:cut]
        pos = cut
    yield pos, line[pos:]


def _json_units(name: str, lines: Iterable[str]) -> Iterator[Unit]:
    for i, line in enumerate(lines, 1):
        yield Unit("json", name, i, line)


# --- the worker (runs in the main process or a pool) -------------------------------------------------

@dataclass(frozen=True)
class Job:
    config: Config
    explain: bool
    diagnose: bool
    field: str
    title_field: str | None
    source_field: str | None
    corpus_stats: str | None


_STATS_CACHE: dict[str, Any] = {}


def _stats(path: str | None):
    if not path:
        return None
    if path not in _STATS_CACHE:
        from .boilerplate.corpus import CorpusStats

        _STATS_CACHE[path] = CorpusStats.load(path)
    return _STATS_CACHE[path]


def _fix(text: str, job: Job, title: str | None, source: str | None):
    from .pipeline import fix_and_explain

    stats = _stats(job.corpus_stats) if job.config.drop_boilerplate else None
    return fix_and_explain(text, job.config, title=title, source=source, corpus_stats=stats)


def _rows(ex, base: dict, line0: int, col0: int = 0) -> list[dict]:
    rows = []
    for ch, (line, col) in zip(ex.changes, locate(ex.original, ex.changes)):
        row = dict(base)
        row.update(line=line0 + line - 1, col=col + col0 if line == 1 else col, before=ch.before, after=ch.after, fixer=ch.fixer,
                   reason=ch.reason, confidence=round(ch.confidence, 4))
        rows.append(row)
    return rows


DROP = "drop_boilerplate"


def _dropped_message(row: dict) -> str:
    """One stderr line for a dropped boilerplate line (when no --explain file lists it)."""
    where = f"{row['file']}:{row['record']}: field {row['field']!r} line {row['line']}" if "record" in row else f"{row['file']}:{row['line']}"
    text = row["before"].rstrip("\n")
    text = text if len(text) <= 100 else text[:99] + "…"
    return f"textfix: {where}: dropped boilerplate line ({row['reason']}, confidence {row['confidence']}): {text}"


def _diagnosis_row(text: str, job: Job, where: dict) -> Result:
    """The ``--diagnose`` JSONL row of one document: its diagnosis (with ``Config.assume`` applied) and
    ``undecided``, the kinds that ``--assume`` would switch on for it (no evidence either way). Its counts
    (``documents``, each detected kind, ``undecided <kind>``) feed the summary line."""
    from .diagnose import assume, diagnose

    d = diagnose(text)
    if job.config.assume:
        d = assume(d, job.config.assume, text)
    undecided = [k for k in assume(d, ASSUMABLE, text).kinds if k not in d.kinds]
    counts = {"documents": 1, **dict.fromkeys(d.kinds, 1), **dict.fromkeys((f"undecided {k}" for k in undecided), 1)}
    return Result(_dumps({**where, **d.as_dict(), "undecided": undecided}) + "\n", counts=counts)


def work(unit: Unit, job: Job) -> Result:

    counts: dict[str, int] = {}
    if unit.kind == "json":
        raw = unit.text
        end = "\n" if raw.endswith("\n") else ""
        body = raw[: len(raw) - len(end)]
        if not body.strip():
            return Result(raw)
        try:
            obj = json.loads(body)
        except json.JSONDecodeError as e:
            return Result(raw, error=f"{unit.name}:{unit.line}: not JSON ({e.msg} at column {e.colno})")
        if not isinstance(obj, dict) or job.field not in obj:
            return Result(raw, error=f"{unit.name}:{unit.line}: record has no field {job.field!r}")
        value = obj[job.field]
        if not isinstance(value, str):
            return Result(raw, error=f"{unit.name}:{unit.line}: field {job.field!r} is {type(value).__name__}, not a string")
        title = obj.get(job.title_field) if job.title_field else None
        source = obj.get(job.source_field) if job.source_field else None
        title = title if isinstance(title, str) else None
        source = str(source) if source is not None else None
        if job.diagnose:
            return _diagnosis_row(value, job, {"file": unit.name, "record": unit.line})
        ex = _fix(value, job, title, source)
        for ch in ex.changes:
            counts[ch.fixer] = counts.get(ch.fixer, 0) + 1
        rows = _rows(ex, {"file": unit.name, "record": unit.line, "field": job.field}, 1) if job.explain or DROP in counts else []
        if ex.text == value:
            return Result(raw, rows, counts=counts)
        obj[job.field] = ex.text
        return Result(_dumps(obj) + end, rows, counts=counts)

    if unit.kind == "record":
        from .formats import read_record, write_record

        rec = read_record(unit.text)
        if job.diagnose:
            return _diagnosis_row(rec.body, job, {"file": unit.name, "line": unit.line})
        # The stripped title (line 1) lost what the body lost (``RussiaUkraine … Kyivs``): it is repaired
        # with the body, as its first line, and the clean title (line 4) is the evidence for both.
        ex = _fix(rec.header[0] + "\n" + rec.body, job, rec.title, None)
        with_header = not (job.config.drop_boilerplate and any(
            ch.fixer == DROP and line == 1 for ch, (line, _) in zip(ex.changes, locate(ex.original, ex.changes))))
        if with_header:
            first, _, body = ex.text.partition("\n")
            header, line0 = (first, *rec.header[1:]), unit.line
        else:
            # the header line is no body line to drop: repair the body alone and keep the header
            ex = _fix(rec.body, job, rec.title, None)
            body, header, line0 = ex.text, rec.header, unit.line + rec.body_offset_lines
        for ch in ex.changes:
            counts[ch.fixer] = counts.get(ch.fixer, 0) + 1
        rows = _rows(ex, {"file": unit.name}, line0) if job.explain or DROP in counts else []
        if with_header:
            for row in rows:
                if row["line"] > unit.line:  # a body line: the date, URL and clean title stand before it
                    row["line"] += rec.body_offset_lines - 1
        return Result(write_record(type(rec)(header, rec.title, body)), rows, counts=counts)

    if job.diagnose:
        return _diagnosis_row(unit.text, job, {"file": unit.name, "line": unit.line})
    ex = _fix(unit.text, job, None, None)
    for ch in ex.changes:
        counts[ch.fixer] = counts.get(ch.fixer, 0) + 1
    rows = _rows(ex, {"file": unit.name}, unit.line, unit.col0) if job.explain or DROP in counts else []
    return Result(ex.text, rows, counts=counts)


def _run(units: Iterable[Unit], job: Job, jobs: int) -> Iterator[Result]:
    """Results in input order; with ``jobs > 1`` a bounded window of units is in flight at once."""
    if jobs <= 1:
        for u in units:
            yield work(u, job)
        return
    import concurrent.futures as cf
    import multiprocessing as mp

    window: deque = deque()
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"), initializer=_ignore_sigint) as pool:
        for u in units:
            window.append(pool.submit(work, u, job))
            if len(window) >= 4 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- output ------------------------------------------------------------------------------------------

class AtomicFile:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    Links and paths that are not regular files (``/dev/stderr``, a FIFO) are written directly: renaming
    over them would replace the link or device with a file.
    """

    def __init__(self, path: str):
        self.path = path
        self.tmp = None
        try:
            if os.path.islink(path) or (os.path.exists(path) and not os.path.isfile(path)):
                self.f = io.open(path, "w", encoding="utf-8", errors="replace", newline="")
                return
            d = os.path.dirname(os.path.abspath(path))
            fd, self.tmp = tempfile.mkstemp(prefix=".textfix-", suffix=".tmp", dir=d)
        except OSError as e:
            raise InputError(f"{path}: cannot write ({e.strerror or e})") from None
        self.f = io.open(fd, "w", encoding="utf-8", errors="replace", newline="")

    def write(self, s: str) -> None:
        self.f.write(s)

    def commit(self) -> None:
        self.f.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.f.close()
        finally:
            if self.tmp is not None and os.path.exists(self.tmp):
                os.unlink(self.tmp)


class StdOut:
    def __init__(self):
        self.f = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="", write_through=False)

    def write(self, s: str) -> None:
        self.f.write(s)

    def commit(self) -> None:
        self.f.flush()

    def abort(self) -> None:
        try:
            self.f.flush()
        except Exception:
            pass


# --- arguments ---------------------------------------------------------------------------------------

def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="textfix",
        description="Repair English text that ingestion pipelines damaged (deleted apostrophes, dashes, quotes "
        "and accents; ? and U+FFFD placeholders; mojibake) and explain every change. Reads stdin when "
        "given no FILE; writes UTF-8.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' for stdin)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout (atomically)")
    p.add_argument("--encoding", default="auto", metavar="auto|NAME", help="input encoding (default: auto = BOM, UTF-8, then chardet)")
    p.add_argument("--format", choices=("auto", "text", "lines", "record", "jsonl"), default="auto",
                   help="input layout; auto treats a seed-style record as a record, else plain text; lines = "
                   "one document per line (each diagnosed on its own)")
    p.add_argument("--field", default="text", help="JSONL field to repair (default: text)")
    p.add_argument("--title-field", default=None, help="JSONL field holding a clean title, used as evidence")
    p.add_argument("--source-field", default=None, help="JSONL field naming the source, for corpus boilerplate stats")
    p.add_argument("--explain", metavar="FILE", help="write every change as JSONL: line, col, before, after, fixer, reason, confidence")
    p.add_argument("--diagnose", action="store_true", help="print the damage diagnosis of each document as JSONL instead of fixing")
    p.add_argument("--on-error", choices=("skip", "fail"), default="skip",
                   help="a JSONL record that is not JSON or lacks the field: skip = report it and pass it through unchanged (default); fail = stop with exit 1")
    p.add_argument("--binary", choices=("error", "text"), default="error",
                   help="a file with NUL bytes: error = refuse with exit 1 (default); text = process it as text")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (output order is kept)")
    p.add_argument("--corpus-stats", metavar="STATS", help="per-source repeated-line counts (from --build-corpus-stats) used by --drop-boilerplate")
    p.add_argument("--build-corpus-stats", metavar="STATS", help="count normalised lines per source over the inputs, write STATS and exit")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help="progress bar on stderr (auto: file input on a TTY)")
    p.add_argument("--version", action="version", version=f"textfix {__version__}")
    g = p.add_argument_group("fixers and options (generated from textfix.Config)")
    for f in fields(Config):
        if f.name in FIXERS or f.name in SWITCHES:
            if f.default:
                g.add_argument("--no-" + f.name.replace("_", "-"), dest=f.name, action="store_false", default=None,
                               help=_OFF_HELP.get(f.name, f"switch off {f.name}"))
            else:
                g.add_argument(_flag(f.name), dest=f.name, action="store_true", default=None, help=f"switch on {f.name}")
        elif f.name == "style":
            g.add_argument("--style", choices=("ascii", "typographic"), default=None, help="ascii (default): ' and \"; typographic: ’ “ ”")
        elif f.name == "min_confidence":
            g.add_argument("--min-confidence", type=float, default=None, metavar="X", help=f"apply only changes with confidence >= X (default {f.default})")
        elif f.name == "assume":
            g.add_argument("--assume", default=None, metavar="KINDS", type=lambda v: tuple(k.strip() for k in v.split(",") if k.strip()),
                           help="comma-separated damage kinds (deletion, qmark, fffd) known to have hit the whole corpus: "
                           "documents with no evidence either way (short texts) are treated as damaged; --diagnose counts them")
        elif f.name == "currency":
            g.add_argument("--currency", default=None, metavar="SIGN", help="restore this currency sign where one was deleted (e.g. £)")
    return p


# --no-<option> help where "switch off <option>" says too little
_OFF_HELP = {"gate": "run every restorer on every document, damaged or not (experiments only: clean text may change)",
             "unwrap": "read hard-wrapped paragraphs line by line (by default a paragraph filled to a fixed width is read as one line)"}


def _config(ns: argparse.Namespace) -> Config:
    opts = {f.name: getattr(ns, f.name) for f in fields(Config) if getattr(ns, f.name, None) is not None}
    return make_config(None, **opts)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    ns = parser.parse_args(argv)
    try:
        config = _config(ns)
    except (TypeError, ValueError) as e:
        parser.error(str(e))
    if ns.jobs < 1:
        parser.error("--jobs must be at least 1")
    files = ns.files or ["-"]
    for target in (ns.output, ns.explain, ns.build_corpus_stats):
        if target:
            for f in files:
                if f != "-" and _same_file(target, f):
                    parser.error(f"refusing to write over the input file {f}")
    if ns.output and ns.explain and _same_file(ns.output, ns.explain):
        parser.error("--output and --explain name the same file")
    try:
        return _main(ns, config, files)
    except InputError as e:
        print(f"textfix: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("textfix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (textfix big.txt | head): stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 0


def _main(ns: argparse.Namespace, config: Config, files: list[str]) -> int:
    if ns.build_corpus_stats:
        return _build_stats(ns, files)
    job = Job(config, bool(ns.explain), ns.diagnose, ns.field, ns.title_field, ns.source_field, ns.corpus_stats)
    if ns.corpus_stats and not os.path.exists(ns.corpus_stats):
        raise InputError(f"{ns.corpus_stats}: no such file")
    out = AtomicFile(ns.output) if ns.output else StdOut()
    explain = AtomicFile(ns.explain) if ns.explain else None
    errors = 0
    totals: dict[str, int] = {}
    try:
        for path in files:
            src = _open_source(path)
            show = ns.progress == "always" or (ns.progress == "auto" and path != "-" and sys.stderr.isatty())
            progress = None
            if show:
                from tqdm import tqdm

                progress = tqdm(total=src.size, unit="B", unit_scale=True, desc=os.path.basename(path), file=sys.stderr, leave=False)
            try:
                lines = _text_lines(src, ns.encoding, ns.binary, progress)
                units = _json_units(src.name, lines) if ns.format == "jsonl" else _text_units(src.name, lines, ns.format)
                for res in _run(units, job, ns.jobs):
                    if res.error:
                        errors += 1
                        print(f"textfix: {res.error}", file=sys.stderr)
                        if ns.on_error == "fail":
                            raise InputError("stopping at the first bad record (--on-error fail)")
                    out.write(res.out)
                    if explain is not None:
                        for row in res.rows:
                            explain.write(_dumps(row) + "\n")
                    elif DROP in res.counts:
                        # nothing is dropped silently: without an --explain file each dropped line goes to stderr
                        for row in res.rows:
                            if row["fixer"] == DROP:
                                print(_dropped_message(row), file=sys.stderr)
                    for k, v in res.counts.items():
                        totals[k] = totals.get(k, 0) + v
            except OSError as e:
                if isinstance(e, BrokenPipeError):
                    raise
                raise InputError(f"{src.name}: {e.strerror or e}") from None
            finally:
                if progress is not None:
                    progress.close()
                if src.stream is not sys.stdin.buffer:
                    src.stream.close()
            if src.replaced:
                msg = f"{src.name}: replaced {src.replaced} malformed byte sequence(s) with U+FFFD (decoded as {src.encoding})"
                print(f"textfix: {msg}", file=sys.stderr)
                if explain is not None:
                    explain.write(json.dumps({"file": src.name, "fixer": "decode", "reason": "malformed-bytes-replaced",
                                              "encoding": src.encoding, "count": src.replaced}) + "\n")
        out.commit()
        if ns.diagnose and totals.get("documents"):
            print(_diagnosis_summary(totals), file=sys.stderr)
        if explain is not None:
            explain.commit()
            if totals.get(DROP):
                print(f"textfix: dropped {totals[DROP]} boilerplate line(s); {ns.explain} lists each with its reason",
                      file=sys.stderr)
    except BaseException:
        out.abort()
        if explain is not None:
            explain.abort()
        raise
    return 0


def _diagnosis_summary(diag: dict[str, int]) -> str:
    """One stderr line after ``--diagnose``: documents per damage kind, those in another language, and the
    undecided ones."""
    n = diag["documents"]
    from .diagnose import KINDS

    kinds = [k for k in KINDS if diag.get(k)]
    msg = f"textfix: diagnosed {n} document(s): " + (", ".join(f"{k} {diag[k]}" for k in kinds) or "no damage found")
    if diag.get("not_english"):
        msg += f"; in another language than English (not_english, restored as such): {diag['not_english']}"
    if diag.get("html_entities"):
        msg += " (html_entities: character references such as caf&#233; left undecoded; --decode-entities decodes them)"
    und = [k for k in ASSUMABLE if diag.get("undecided " + k)]
    if und:
        msg += ("; no evidence either way (short texts): " + ", ".join(f"{k} {diag['undecided ' + k]}" for k in und)
                + f" (if the whole corpus went through that damage, --assume {','.join(und)} treats them as damaged)")
    return msg


def _build_stats(ns: argparse.Namespace, files: list[str]) -> int:
    from .boilerplate.corpus import CorpusStats

    stats = CorpusStats()
    for path in files:
        src = _open_source(path)
        try:
            lines = _text_lines(src, ns.encoding, ns.binary, None)
            if ns.format == "jsonl":
                for unit in _json_units(src.name, lines):
                    try:
                        obj = json.loads(unit.text)
                    except json.JSONDecodeError:
                        print(f"textfix: {unit.name}:{unit.line}: not JSON, not counted", file=sys.stderr)
                        continue
                    if isinstance(obj, dict) and isinstance(obj.get(ns.field), str):
                        source = obj.get(ns.source_field) if ns.source_field else None
                        stats.add_document(obj[ns.field].split("\n"), None if source is None else str(source))
            else:
                for unit in _text_units(src.name, lines, "text"):
                    stats.add_document(unit.text.split("\n"), src.name)
        finally:
            if src.stream is not sys.stdin.buffer:
                src.stream.close()
    stats.save(ns.build_corpus_stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
