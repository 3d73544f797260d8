"""Reliability benchmark (``--only reliability``): memory and time on huge and pathological input.

Four measurements, each in fresh child processes so that no run inherits another's caches or memory:

* **stream**: a long stream of news (dev documents of allsides-curly and allsides-ascii, a share of them
  damaged with each kind of :mod:`benchmarks.damage`) is generated on the fly into a pipe and through the
  ``textfix`` CLI (``python -m textfix``), in plain-text and in JSONL mode. The child's ``VmRSS`` is sampled
  from ``/proc/<pid>/status`` while the input flows; the result is the peak RSS at input checkpoints
  (10 MB, 100 MB, 1 GB, ... up to ``--reliability-size``) and the throughput. Every document carries a line
  with a serial number and a made-up word, so that no two documents are the same and a cache keyed by
  content would grow. Nothing is written to disk.
* **long line**: one line of damaged news with every line break replaced by a space (50 MB in the full
  run), through the library (``textfix.fix`` on the whole string) and through the CLI: time and peak RSS.
* **unique**: the library (``textfix.fix`` in a loop) over up to ``--unique-size`` of *distinct* dev news
  documents (allsides-abp curly, every non-ASCII character deleted: the damage whose repairs consult the
  most per-token caches), with the peak RSS after each eighth of the input and the fill of every LRU cache.
  The stream above cycles over a few hundred documents, so its vocabulary (and hence the caches keyed by
  words and word pairs) stops growing early; this shows where memory levels off on real vocabulary.
* **pathological**: per-character throughput of hostile inputs (100k-character tokens, runs of ``?`` and
  U+FFFD, repeated patterns, combining marks, ...) relative to normal damaged news, all at the default
  configuration; each input alone and followed by a damaged paragraph of every kind (so that every
  damage gate is open). Target: no input more than 10x slower per character than normal text.

These are measurements, never timed tests (``tests/test_reliability.py`` only catches hangs).
"""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

from . import corpora
from .damage import KINDS, damage, prepare

REPO = Path(__file__).resolve().parents[1]
MB = 1_000_000

#: Defaults per mode: stream bytes, long-line bytes, pathological characters per case.
SIZES = {
    "quick": {"stream": 20 * MB, "line": 10 * MB, "patho": 200_000, "docs": 120, "unique": 8 * MB},
    "full": {"stream": 200 * MB, "line": 50 * MB, "patho": 1_000_000, "docs": 400, "unique": 48 * MB},
}
CHECKPOINTS = (10 * MB, 100 * MB, 1000 * MB, 10_000 * MB)
#: Share of stream documents that are damaged (the rest are clean curly or ASCII news).
DAMAGED_SHARE = 0.2
SAMPLE_S = 0.2  # RSS sampling interval
TARGET_SLOWDOWN = 10.0
#: the most a pathological input's time per character may grow from a quarter of its size to the whole: a
#: quadratic cost gives 4, a linear one 1, and on a linear one with many objects Python's cyclic collector
#: and the caches add up to about 1.6 at 1 M characters (timing noise on a shared machine a few tenths more)
LINEAR_GROWTH = 2.0


def parse_size(s: str | int | None) -> int | None:
    """``"1G"`` / ``"100M"`` / ``"500k"`` / ``"123"`` -> bytes (decimal units)."""
    if s is None or isinstance(s, int):
        return s
    s = s.strip().upper().rstrip("B")
    mult = {"K": 1000, "M": MB, "G": 1000 * MB}
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _status(pid: int) -> dict[str, int]:
    """``VmRSS`` / ``VmHWM`` of ``pid`` in kB (empty once the process is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1])
    except OSError:
        pass
    return out


# --- the documents -------------------------------------------------------------------------------------

class Pool:
    """Clean and damaged dev documents (lists of paragraphs), from which streams are drawn."""

    def __init__(self, n_docs: int, split: str = "dev", damaged_share: float = DAMAGED_SHARE):
        curly = corpora.load("allsides-curly", n_docs, split)
        try:
            asc = corpora.load("allsides-ascii", n_docs // 2, split)
        except corpora.CorpusMissing:
            asc = []
        self.clean: list[tuple[str, list[str]]] = [(d.title, [prepare(p) for p in d.paragraphs]) for d in curly]
        self.clean += [(d.title, list(d.paragraphs)) for d in asc]
        self.damaged: list[tuple[str, list[str]]] = []
        for i, d in enumerate(curly):
            kind = KINDS[i % len(KINDS)]
            self.damaged.append((d.title, [damage(prepare(p), kind).text for p in d.paragraphs]))
        self.share = damaged_share

    def docs(self, seed: int = 0):
        """Endless ``(serial, title, paragraphs)``, each with a unique reference line."""
        rng = random.Random(seed)
        serial = 0
        while True:
            serial += 1
            src = self.damaged if rng.random() < self.share else self.clean
            title, paras = src[rng.randrange(len(src))]
            word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 12)))
            yield serial, title, [f"Ref. {serial}: filed under {word}."] + paras

    def damaged_text(self) -> str:
        """All damaged documents, paragraphs joined by ``\\n``, documents by a blank line."""
        return "\n\n".join("\n".join(p) for _, p in self.damaged)


def chunks(pool: Pool, mode: str, total: int, chunk: int = 1 << 20):
    """Encoded chunks of about ``chunk`` bytes, ``total`` bytes in all (the last document is cut)."""
    sent = 0
    buf: list[bytes] = []
    size = 0
    for serial, title, paras in pool.docs():
        if mode == "jsonl":
            rec = {"id": serial, "title": title, "text": "\n".join(paras)}
            b = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            b = ("\n".join(paras) + "\n\n").encode("utf-8")
        buf.append(b)
        size += len(b)
        if size >= chunk or sent + size >= total:
            data = b"".join(buf)
            if sent + len(data) >= total:
                data = data[: total - sent]
                if mode == "jsonl":  # whole records only
                    data = data[: data.rfind(b"\n") + 1]
                else:  # whole UTF-8 characters only
                    while data and (data[-1] & 0xC0) == 0x80:
                        data = data[:-1]
                    if data and data[-1] >= 0xC0:
                        data = data[:-1]
                yield data
                return
            yield data
            sent += len(data)
            buf, size = [], 0


# --- running the CLI with RSS sampling -------------------------------------------------------------------

def run_cli(args: list[str], feed, timeout: float | None = None) -> dict:
    """Run ``python -m textfix ARGS``, writing ``feed`` (an iterable of bytes) into its stdin while
    sampling its RSS. Returns bytes in/out, lines in/out, wall time and ``samples`` ``(bytes_in, rss_kB)``."""
    cmd = [sys.executable, "-m", "textfix", *args]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    state = {"in": 0, "in_lines": 0, "out": 0, "out_lines": 0, "error": None}
    err: list[bytes] = []

    def writer():
        try:
            for data in feed:
                proc.stdin.write(data)
                state["in"] += len(data)
                state["in_lines"] += data.count(b"\n")
        except BrokenPipeError:
            state["error"] = "broken pipe on the CLI's stdin"
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def reader():
        while True:
            data = proc.stdout.read(1 << 20)
            if not data:
                break
            state["out"] += len(data)
            state["out_lines"] += data.count(b"\n")

    threads = [threading.Thread(target=writer, daemon=True), threading.Thread(target=reader, daemon=True),
               threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    samples: list[tuple[int, int]] = []
    hwm = 0
    while proc.poll() is None:
        st = _status(proc.pid)
        if "VmRSS" in st:
            samples.append((state["in"], st["VmRSS"]))
            hwm = max(hwm, st.get("VmHWM", 0))
        if timeout and time.perf_counter() - t0 > timeout:
            proc.kill()
            state["error"] = f"killed after {timeout} s"
            break
        time.sleep(SAMPLE_S)
    proc.wait()
    wall = time.perf_counter() - t0
    for t in threads:
        t.join(10)
    return {"cmd": " ".join(["python", "-m", "textfix", *args]), "returncode": proc.returncode,
            "bytes_in": state["in"], "bytes_out": state["out"], "lines_in": state["in_lines"],
            "lines_out": state["out_lines"], "wall_s": round(wall, 2), "hwm_kb": hwm,
            "stderr": (b"".join(err).decode("utf-8", "replace")[-1000:]), "error": state["error"],
            "samples": samples}


def _checkpoints(samples: list[tuple[int, int]], total: int) -> list[dict]:
    """Peak RSS among the samples taken up to each checkpoint of input (and at the end)."""
    marks = [c for c in CHECKPOINTS if c < total] + [total]
    out = []
    for c in marks:
        upto = [r for b, r in samples if b <= c]
        if upto:
            out.append({"input_mb": round(c / MB, 1), "peak_rss_mb": round(max(upto) / 1024, 1),
                        "rss_mb": round(upto[-1] / 1024, 1)})
    return out


def flatness(cps: list[dict]) -> dict:
    """Growth of the peak RSS from the first checkpoint to the end, and over the last tenfold of input
    (from the last checkpoint at or below a tenth of the total). The bounded caches (LRU caches of at most
    65,536 entries, the lazily loaded tables) fill during the first tens of MB; memory that grows with the
    input keeps growing over the last tenfold. *flat*: that late growth is at most max(5 MB, 5%)."""
    if not cps:
        return {}
    first, last = cps[0]["peak_rss_mb"], cps[-1]["peak_rss_mb"]
    total = cps[-1]["input_mb"]
    early = [c for c in cps if c["input_mb"] <= total / 10] or cps[:1]
    ref = early[-1]
    late = last - ref["peak_rss_mb"]
    return {"rss_growth_mb": round(last - first, 1), "late_growth_from_mb": ref["input_mb"],
            "late_rss_growth_mb": round(late, 1), "flat": late <= max(5.0, 0.05 * ref["peak_rss_mb"])}


def run_stream(pool: Pool, total: int, log=None, modes=("text", "jsonl")) -> dict:
    res = {}
    for mode, args in (("text", ["--format", "text"]), ("jsonl", ["--format", "jsonl", "--title-field", "title"])):
        if mode not in modes:
            continue
        if log:
            log(f"[bench] reliability: {total / MB:g} MB {mode} stream through the CLI")
        r = run_cli(args, chunks(pool, mode, total))
        samples = r.pop("samples")
        r["checkpoints"] = _checkpoints(samples, r["bytes_in"])
        r["mb_per_s"] = round(r["bytes_in"] / MB / r["wall_s"], 3) if r["wall_s"] else None
        r.update(flatness(r["checkpoints"]))
        r["lines_kept"] = r["lines_in"] == r["lines_out"]
        # a thinned trace (about 200 points) for plots and the JSON
        step = max(1, len(samples) // 200)
        r["trace"] = [(round(b / MB, 2), round(k / 1024, 1)) for b, k in samples[::step]]
        res[mode] = r
    return res


# --- one long line ---------------------------------------------------------------------------------------

def long_line(pool: Pool, size: int) -> str:
    """``size`` bytes (UTF-8) of damaged news on one line (line breaks become spaces)."""
    unit = pool.damaged_text().replace("\n", " ") + " "
    nbytes = len(unit.encode("utf-8"))
    s = unit * (size // nbytes + 1)
    b = s.encode("utf-8")[:size]
    return b.decode("utf-8", "ignore")


# VmRSS / VmHWM of the child itself in MB, shared by the child scripts below
_STATUS = r"""
def status():
    out = {}
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line[:5]] = int(line.split()[1]) / 1024
    return out
"""

_LINE_CHILD = _STATUS + r"""
import json, sys, time
import textfix
textfix.fix("warm-up: dont stop, its fine")
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
before = status()
t = time.perf_counter()
out = textfix.fix(text)
dt = time.perf_counter() - t
after = status()
print(json.dumps({"chars": len(text), "seconds": dt, "rss_mb_holding_input": before["VmRSS"],
                  "peak_rss_mb": after["VmHWM"], "lines_in": text.count("\n"), "lines_out": out.count("\n")}))
"""


_UNIQUE_CHILD = _STATUS + r"""
import json, sys, time
from pathlib import Path
import textfix
textfix.preload()
files = sorted(Path(sys.argv[1]).glob("*.jsonl"))
total, marks = int(sys.argv[2]), []
start = status()["VmHWM"]
done = chars = 0
t = time.perf_counter()
for p in files:
    with open(p, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            textfix.fix(d["text"], title=d["title"], source=d["source"])
            done += len(d["text"].encode()); chars += len(d["text"])
            if len(marks) < 8 and done >= total * (len(marks) + 1) / 8:
                marks.append({"input_mb": round(done / 1e6, 1), "peak_rss_mb": round(status()["VmHWM"], 1)})
secs = time.perf_counter() - t
import functools, gc
caches = {}
for obj in gc.get_objects():
    if isinstance(obj, functools._lru_cache_wrapper):
        ci = obj.cache_info()
        if ci.maxsize and ci.maxsize > 1 and ci.currsize:
            caches[f"{obj.__module__}.{obj.__qualname__}"] = [ci.currsize, ci.maxsize]
print(json.dumps({"bytes": done, "chars": chars, "seconds": secs, "rss_after_preload_mb": round(start, 1),
                  "checkpoints": marks, "peak_rss_mb": round(status()["VmHWM"], 1), "caches": caches}))
"""


def run_unique(size: int, tmp: Path, log=None) -> dict:
    from .datatrove_scaling import prepare as prepare_jsonl

    src = tmp / "unique"
    prepare_jsonl(corpora.shared_dir() / "corpora", src, size / 1e6)
    nbytes = sum(len(json.loads(line)["text"].encode()) for p in src.glob("*.jsonl") for line in open(p))
    if log:
        log(f"[bench] reliability: textfix.fix over {nbytes / MB:.1f} MB of distinct damaged documents")
    proc = subprocess.run([sys.executable, "-c", _UNIQUE_CHILD, str(src), str(nbytes)], capture_output=True,
                          text=True, env=_env())
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    r["mb_per_s"] = round(r["bytes"] / MB / r["seconds"], 3)
    return r


def run_long_line(pool: Pool, size: int, tmp: Path, log=None) -> dict:
    text = long_line(pool, size)
    path = tmp / "long-line.txt"
    path.write_text(text, encoding="utf-8")
    nbytes = path.stat().st_size
    res: dict[str, Any] = {"bytes": nbytes, "chars": len(text)}
    if log:
        log(f"[bench] reliability: one line of {nbytes / MB:.1f} MB through the library and the CLI")
    proc = subprocess.run([sys.executable, "-c", _LINE_CHILD, str(path)], capture_output=True, text=True, env=_env())
    if proc.returncode == 0:
        lib = json.loads(proc.stdout.strip().splitlines()[-1])
        lib = {k: round(v, 2) if isinstance(v, float) else v for k, v in lib.items()}
        lib["mb_per_s"] = round(nbytes / MB / lib["seconds"], 3) if lib["seconds"] else None
        res["library"] = lib
    else:
        res["library"] = {"error": proc.stderr[-2000:]}
    del text

    def feed():
        with open(path, "rb") as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    return
                yield b

    r = run_cli(["--format", "text"], feed())
    samples = r.pop("samples")
    r["peak_rss_mb"] = round(max([k for _, k in samples] + [r["hwm_kb"]]) / 1024, 1)
    r["mb_per_s"] = round(nbytes / MB / r["wall_s"], 3) if r["wall_s"] else None
    res["cli"] = r
    path.unlink()
    return res


# --- pathological input ------------------------------------------------------------------------------------

def _rep(unit: str, n: int, sep: str = "") -> str:
    s = unit + sep
    return (s * (n // len(s) + 1))[:n]


def _letters(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n))


#: name -> (description, builder(n, normal_text) -> text of about n characters)
PATHOLOGICAL: dict[str, tuple[str, Callable[[int, str], str]]] = {
    "long-tokens": ("100k-character tokens of random letters, one per line",
                    lambda n, _: _rep(_letters(100_000, 1), n, "\n")),
    "long-tokens-contractions": ("100k-character tokens of run-together contractions (Kyivsnowwedont's...)",
                                 lambda n, _: _rep(("Kyivsnowwedont's" * 7000)[:100_000], n, "\n")),
    "long-tokens-punct": ("100k-character tokens of letters and ?'-\"/ with no spaces",
                          lambda n, _: _rep(("it?s-a'b\"c/d?e" * 8000)[:100_000], n, "\n")),
    "qmarks": ("runs of 10k question marks, one per line", lambda n, _: _rep("?" * 10_000, n, "\n")),
    "qmarks-one-line": ("10k question marks, space, repeated on one line", lambda n, _: _rep("?" * 10_000, n, " ")),
    "fffd": ("runs of 10k U+FFFD, one per line", lambda n, _: _rep("\ufffd" * 10_000, n, "\n")),
    "a'a'a'": ("a'a'a'... on one line", lambda n, _: _rep("a'", n)),
    "a?a?a?": ("a?a?a?... on one line", lambda n, _: _rep("a?", n)),
    "a\ufffda\ufffd": ("a\ufffda\ufffd... on one line", lambda n, _: _rep("a\ufffd", n)),
    "dont?s": ("'dont?s ' repeated on one line", lambda n, _: _rep("dont?s ", n)),
    "accented-fills": ("'the caf? ' repeated on one line: a letter fill every 9 characters",
                       lambda n, _: _rep("the caf? ", n)),
    "accented-fills-lines": ("'the caf? is open.' on lines of their own: a letter fill every 18 characters",
                             lambda n, _: _rep("the caf? is open.\n", n)),
    "quote-slots": ("one quotation on one line: '?He said ', 'went away? and ' repeated, 'it ended.?'",
                    lambda n, _: "?He said " + _rep("went away? and ", max(0, n - 20)) + "it ended.?"),
    "number-quotes": ("'the ?10 long? ' repeated on one line: quotations that open on a number",
                      lambda n, _: _rep("the ?10 long? ", n)),
    "short-quotes": ("'He said ?no? and ' repeated on one line: short quotations, a letter tried for each",
                     lambda n, _: _rep("He said ?no? and ", n)),
    "possessive-quotes": ("'a ?boys? club? x ' repeated on one line: a sentence with no full stop",
                          lambda n, _: _rep("a ?boys? club? x ", n)),
    "opening-runs": ("'for example, ??Reps said ' repeated on one line: runs of opening marks",
                     lambda n, _: _rep("for example, ??Reps said ", n)),
    "reopened-quotes": ("'?Yes. ?No. ' repeated on one line: a quotation that opens again after each sentence",
                        lambda n, _: _rep("?Yes. ?No. ", n)),
    "--": ("-- repeated (one line)", lambda n, _: _rep("--", n)),
    "word--word": ("'word--word ' repeated", lambda n, _: _rep("word--word ", n)),
    "double-spaces": ("'a  ' repeated: long runs of double spaces", lambda n, _: _rep("a  ", n)),
    "spaces": ("runs of 10k spaces between words", lambda n, _: _rep("word" + " " * 10_000, n)),
    "mojibake-a-euro": ("'\u00e2\u20ac' repeated", lambda n, _: _rep("\u00e2\u20ac", n)),
    "mojibake-apostrophes": ("'it\u00e2\u20ac\u2122s ' repeated", lambda n, _: _rep("it\u00e2\u20ac\u2122s ", n)),
    "lossy-mojibake": ("'\u00e2??' repeated", lambda n, _: _rep("\u00e2??", n)),
    "double-quotes": ('" repeated', lambda n, _: _rep('"', n)),
    "quotes-said": ('"Yes," he said. "No  repeated', lambda n, _: _rep('"Yes," he said. "No', n)),
    "single-quotes": ("' repeated", lambda n, _: _rep("'", n)),
    "curly-quotes": ("\u201c\u2018 alternating", lambda n, _: _rep("\u201c\u2018", n)),
    "combining-marks": ("e followed by combining acute accents (one line)", lambda n, _: "e" + "\u0301" * (n - 1)),
    "all-caps": ("the normal damaged news in capitals", lambda n, t: _rep(t.upper(), n)),
    "urls": ("URLs with ? & ' - and #", lambda n, _: _rep("https://example.com/a/b?q=it's&x=dont-stop#frag ", n)),
    "said-repeated": ("'said, ' repeated", lambda n, _: _rep("said, ", n)),
    "short-lines": ("'dont' on 1-word lines", lambda n, _: _rep("dont\n", n)),
    "controls": ("NUL, escape sequences, DEL, NEL", lambda n, _: _rep("\x00\x01\x1b[31m\x7f\x85", n)),
    "emoji-rtl": ("emoji, ZWJ sequences and RTL text", lambda n, _: _rep("\U0001f469\u200d\U0001f4bb \u05e9\u05dc\u05d5\u05dd dont ", n)),
}


def gate_opener(pool: Pool) -> str:
    """A few paragraphs with every kind of damage, so that every fixer's gate is open."""
    out = []
    for title, paras in pool.damaged[: 2 * len(KINDS)]:
        out.append(paras[0] if paras else title)
    return "\n".join(out)


_PATHO_CHILD = r"""
import json, sys, time
import textfix
spec = json.load(open(sys.argv[1], encoding="utf-8"))
textfix.fix(spec["warm"])
res = {}
for name, text in spec["texts"].items():
    best = float("inf")
    reps = 0
    total = 0.0
    while reps < 1 or (total < 0.5 and reps < 5):  # fast cases: best of up to 5
        t = time.perf_counter()
        out = textfix.fix(text)
        dt = time.perf_counter() - t
        best = min(best, dt)
        total += dt
        reps += 1
    res[name] = {"chars": len(text), "seconds": best, "lines_kept": out.count("\n") == text.count("\n")}
print(json.dumps(res))
"""


def _child_times(texts: dict[str, str], warm: str, tmp: Path, timeout: float) -> dict:
    path = tmp / "patho.json"
    path.write_text(json.dumps({"warm": warm, "texts": texts}), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-c", _PATHO_CHILD, str(path)], capture_output=True, text=True,
                              env=_env(), timeout=timeout)
    except subprocess.TimeoutExpired:
        return {name: {"chars": len(t), "error": f"timeout after {timeout} s"} for name, t in texts.items()}
    finally:
        path.unlink()
    if proc.returncode != 0:
        return {name: {"chars": len(t), "error": proc.stderr[-500:]} for name, t in texts.items()}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_pathological(pool: Pool, n: int, tmp: Path, log=None, timeout: float = 600.0, only=None) -> dict:
    """chars/s of every pathological input (alone, and followed by a damaged paragraph of every kind)
    relative to normal damaged news (the ascii-ignore documents of the pool, one per call)."""
    normal_docs = ["\n".join(damage(prepare(p), "ascii-ignore").text for p in paras) for _, paras in pool.clean[:40]]
    normal_docs = [d for d in normal_docs if d.strip()]
    normal = _child_times({f"doc{i}": d for i, d in enumerate(normal_docs)}, normal_docs[0], tmp, timeout)
    secs = sum(v.get("seconds", 0.0) for v in normal.values())
    chars = sum(map(len, normal_docs))
    base = chars / secs if secs else float("nan")
    opener = gate_opener(pool)
    whole = "\n".join(normal_docs)
    rows = {}
    for name, (desc, build) in PATHOLOGICAL.items():
        if only and name not in only:
            continue
        text = build(n, whole)
        texts = {"alone": text, "with-damage": text + "\n" + opener,
                 "quarter": build(n // 4, whole) + "\n" + opener}
        if log:
            log(f"[bench] reliability: pathological {name} ({len(text):,} chars)")
        got = _child_times(texts, opener, tmp, timeout)
        row: dict[str, Any] = {"description": desc}
        worst = 0.0
        quarter = got.pop("quarter", {})
        full = got.get("with-damage", {})
        if quarter.get("seconds") and full.get("seconds"):
            # time per character at the full size over that at a quarter of it: 1 when the cost grows
            # with the length, 4 when with its square
            row["growth"] = round((full["seconds"] / full["chars"]) / (quarter["seconds"] / quarter["chars"]), 2)
        for variant, v in got.items():
            if "seconds" in v:
                cps = v["chars"] / v["seconds"] if v["seconds"] else float("inf")
                v["chars_per_sec"] = round(cps)
                v["slowdown"] = round(base / cps, 3)
                v["seconds"] = round(v["seconds"], 4)
                worst = max(worst, v["slowdown"])
            else:
                worst = float("inf")
            row[variant] = v
        row["worst_slowdown"] = worst if worst != float("inf") else None
        row["within_target"] = worst <= TARGET_SLOWDOWN
        row["linear"] = row.get("growth", float("inf")) <= LINEAR_GROWTH
        rows[name] = row
    return {"normal": {"docs": len(normal_docs), "chars": chars, "seconds": round(secs, 3),
                       "chars_per_sec": round(base)},
            "chars_per_case": n, "target_slowdown": TARGET_SLOWDOWN, "cases": rows,
            "all_within_target": all(r["within_target"] for r in rows.values()),
            "all_linear": all(r["linear"] for r in rows.values())}


# --- the section ---------------------------------------------------------------------------------------------

def run(quick: bool = True, split: str = "dev", size: int | None = None, line_size: int | None = None,
        patho_chars: int | None = None, parts=("pathological", "long_line", "stream", "unique"), log=None,
        damaged_share: float = DAMAGED_SHARE, modes=("text", "jsonl"), unique_size: int | None = None,
        cases=None) -> dict:
    import tempfile

    sz = dict(SIZES["quick" if quick else "full"])
    sz["stream"] = size or sz["stream"]
    sz["line"] = line_size or sz["line"]
    sz["patho"] = patho_chars or sz["patho"]
    sz["unique"] = unique_size or sz["unique"]
    t0 = time.perf_counter()
    pool = Pool(sz["docs"], split, damaged_share)
    res: dict[str, Any] = {"sizes": sz, "damaged_share": pool.share, "load_avg_start": _loadavg()}
    with tempfile.TemporaryDirectory(prefix="textfix-rel-") as tmp:
        if "pathological" in parts:
            res["pathological"] = run_pathological(pool, sz["patho"], Path(tmp), log, only=cases)
        if "long_line" in parts:
            res["long_line"] = run_long_line(pool, sz["line"], Path(tmp), log)
        if "unique" in parts:
            res["unique"] = run_unique(sz["unique"], Path(tmp), log)
    if "stream" in parts:
        res["stream"] = run_stream(pool, sz["stream"], log, modes)
    res["load_avg_end"] = _loadavg()
    res["wall_s"] = round(time.perf_counter() - t0, 1)
    return res


def _loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def to_markdown(r: dict) -> str:
    L: list[str] = []
    sz = r["sizes"]
    L.append("## Reliability: huge and pathological input")
    L.append("")
    L.append(f"Load average {r.get('load_avg_start')} → {r.get('load_avg_end')} (2 shared cores: times are "
             f"depressed by other load; memory is not). Wall {r.get('wall_s')} s.")
    L.append("")
    st = r.get("stream")
    if st:
        L.append(f"### Stream through the CLI ({sz['stream'] / MB:g} MB, {100 * r['damaged_share']:.0f}% of documents damaged)")
        L.append("")
        L.append("Generated on the fly into a pipe to `python -m textfix`; VmRSS of the CLI process sampled every "
                 f"{SAMPLE_S} s. Peak RSS up to each input checkpoint:")
        L.append("")
        modes = list(st)
        marks = [c["input_mb"] for c in st[modes[0]]["checkpoints"]]
        L.append("| mode | " + " | ".join(f"≤ {m:g} MB" for m in marks)
                 + " | growth (all) | growth over the last tenfold | flat | MB/s | wall s | lines kept | exit |")
        L.append("|---|" + "---|" * (len(marks) + 7))
        for m in modes:
            v = st[m]
            cells = {c["input_mb"]: c["peak_rss_mb"] for c in v["checkpoints"]}
            L.append(f"| {m} | " + " | ".join(f"{cells.get(x, '–')} MB" for x in marks)
                     + f" | {v.get('rss_growth_mb')} MB | {v.get('late_rss_growth_mb')} MB (from {v.get('late_growth_from_mb')} MB) | "
                       f"{'yes' if v.get('flat') else 'NO'} | {v.get('mb_per_s')} | "
                       f"{v['wall_s']} | {'yes' if v['lines_kept'] else 'NO'} | {v['returncode']} |")
        L.append("")
        L.append("The bounded caches (LRU caches of at most 65,536 entries, lazily loaded tables and models) fill "
                 "during the first tens of MB; *flat* means the peak RSS grew by at most max(5 MB, 5%) over the "
                 "last tenfold of input. JSONL mode starts higher because each record is its own document: the "
                 "damaged ones are repaired and the quotation model loads. In plain-text mode the CLI diagnoses "
                 "per unit of about 256k characters, and a unit that mixes clean and damaged documents shows "
                 "intact apostrophes and quotes, so most repairs stay off for it (in-process check: 34 LRU cache "
                 "entries after 16 MB of such units, 6,800 after 16 MB of JSONL documents); run with "
                 "`python -m benchmarks.reliability --only stream --damaged-share 1.0 --modes text` for a "
                 "plain-text stream whose repairs all run.")
        L.append("")
    un = r.get("unique")
    if un and "checkpoints" in un:
        L.append(f"### Distinct documents through the library ({un['bytes'] / MB:.1f} MB, ascii-ignore damaged dev news)")
        L.append("")
        L.append(f"`textfix.fix` in a loop, one call per document, every document different; {un['mb_per_s']} MB/s. "
                 f"Peak RSS after `textfix.preload()`: {un['rss_after_preload_mb']} MB; then after each eighth of "
                 "the input:")
        L.append("")
        L.append("| " + " | ".join(f"{c['input_mb']:g} MB" for c in un["checkpoints"]) + " |")
        L.append("|" + "---|" * len(un["checkpoints"]))
        L.append("| " + " | ".join(f"{c['peak_rss_mb']} MB" for c in un["checkpoints"]) + " |")
        L.append("")
        full = sorted((k for k, (n, m) in un["caches"].items() if n >= m))
        L.append(f"LRU caches at the end: {len(un['caches'])} in use, {len(full)} full "
                 f"({', '.join(f'`{k.split(chr(46))[-1]}`' for k in full) or 'none'}). A full cache stops growing, "
                 "so memory levels off once the largest caches are full.")
        L.append("")
    elif un:
        L.append(f"### Distinct documents through the library: error {un.get('error')}")
        L.append("")
    ll = r.get("long_line")
    if ll:
        L.append(f"### One line of {ll['bytes'] / MB:.1f} MB (damaged news, no line breaks)")
        L.append("")
        L.append("| through | seconds | MB/s | peak RSS | note |")
        L.append("|---|---|---|---|---|")
        lib = ll.get("library", {})
        if "seconds" in lib:
            L.append(f"| library `textfix.fix` | {lib['seconds']} | {lib['mb_per_s']} | {lib['peak_rss_mb']} MB | "
                     f"{lib['rss_mb_holding_input']} MB held before the call (input read) |")
        else:
            L.append(f"| library | – | – | – | error: {lib.get('error', '')[:200]!r} |")
        c = ll.get("cli", {})
        L.append(f"| CLI `python -m textfix` | {c.get('wall_s')} | {c.get('mb_per_s')} | {c.get('peak_rss_mb')} MB | "
                 f"exit {c.get('returncode')}, {c.get('bytes_out', 0) / MB:.1f} MB out |")
        L.append("")
    pa = r.get("pathological")
    if pa:
        nm = pa["normal"]
        L.append(f"### Pathological input ({pa['chars_per_case']:,} characters each)")
        L.append("")
        L.append(f"Normal text: {nm['docs']} ascii-ignore damaged news documents, {nm['chars_per_sec']:,} chars/s. "
                 f"Slowdown = normal chars/s ÷ case chars/s (target ≤ {pa['target_slowdown']:g}×). *with damage*: "
                 "the case followed by damaged paragraphs of every kind, so every fixer's gate is open. *Growth*: "
                 "time per character with damage at the full size over that at a quarter of it (1 when the cost "
                 f"grows with the length, 4 when with its square; linear: ≤ {LINEAR_GROWTH:g}).")
        L.append("")
        L.append("| input | alone chars/s | slowdown | with damage chars/s | slowdown | growth | within 10× |")
        L.append("|---|---|---|---|---|---|---|")
        for name, row in pa["cases"].items():
            cells = []
            for v in ("alone", "with-damage"):
                x = row.get(v, {})
                if "chars_per_sec" in x:
                    cells += [f"{x['chars_per_sec']:,}", f"{x['slowdown']:.2f}×"]
                else:
                    cells += [x.get("error", "–")[:60], "–"]
            g = f"{row['growth']:.2f}" + ("" if row.get("linear") else " (NO)") if "growth" in row else "–"
            L.append(f"| {name}: {row['description']} | " + " | ".join(cells)
                     + f" | {g} | {'yes' if row['within_target'] else 'NO'} |")
        L.append("")
    return "\n".join(L)


def main(argv=None) -> int:
    """``python -m benchmarks.reliability [--quick] [--size 1G] [--only stream,long_line,pathological,unique]``:
    the section alone, printed as markdown (the runner writes the result files)."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--size", default=None)
    ap.add_argument("--line-size", default=None)
    ap.add_argument("--patho-chars", type=int, default=None)
    ap.add_argument("--only", default="pathological,long_line,stream,unique")
    ap.add_argument("--cases", default=None, help="comma-separated pathological inputs to run (default: all)")
    ap.add_argument("--unique-size", default=None, help="bytes of distinct documents for the unique part (48M full)")
    ap.add_argument("--damaged-share", type=float, default=DAMAGED_SHARE, help="share of damaged stream documents")
    ap.add_argument("--modes", default="text,jsonl", help="stream modes: text,jsonl")
    ap.add_argument("--out", default=None, help="also write OUT.json and OUT.md")
    a = ap.parse_args(argv)
    r = run(a.quick, size=parse_size(a.size), line_size=parse_size(a.line_size), patho_chars=a.patho_chars,
            parts=tuple(a.only.split(",")), log=lambda m: print(m, file=sys.stderr, flush=True),
            damaged_share=a.damaged_share, modes=tuple(a.modes.split(",")), unique_size=parse_size(a.unique_size),
            cases=set(a.cases.split(",")) if a.cases else None)
    md = to_markdown(r)
    print(md)
    if a.out:
        r["command"] = "python -m benchmarks.reliability " + " ".join(argv if argv is not None else sys.argv[1:])
        Path(a.out + ".json").write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        Path(a.out + ".md").write_text(f"# textfix reliability (`{r['command']}`)\n\n" + md + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
