"""Scaling over worker processes (``--only scaling``): does throughput double from 1 to 2 workers?

Two measurements on deletion-damaged (``ascii-ignore``) allsides-curly dev news:

* **Pool**: a ``multiprocessing`` Pool (fork) of j workers. The documents are replicated until one pass
  takes about ``seconds`` with one worker, then dealt into exactly j groups of equal size in characters
  (tasks = workers: the same total work for every j, no tail of small chunks). Every worker fixes a
  warm-up document before the clock starts (its tables are loaded); the pool's start-up is timed
  separately. Best of ``repeats`` passes.
* **datatrove**: :func:`benchmarks.datatrove_scaling.measure` (LocalPipelineExecutor, the same 32 tasks for
  every worker count, start-up measured on a tiny input and subtracted for the steady-state figure).

The 1-minute load average is recorded before and after. The cores are shared: a speedup measured when
the load at the start exceeded 0.3 is marked *under load* and is not a valid scaling figure
(``valid: false`` in the JSON). ``--wait-idle S`` waits up to S seconds for the load to drop first.

One command, about 2-4 minutes on idle cores (writes ``benchmarks/results/<date>-scaling.{md,json}``):

    TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. python -m benchmarks --only scaling --name scaling --no-plots --wait-idle 300
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from . import corpora
from .damage import damage, prepare

IDLE_LOAD = 0.3
SIZES = {"quick": {"docs": 40, "seconds": 3.0, "dt_mb": 2.0, "repeats": 2},
         "full": {"docs": 200, "seconds": 20.0, "dt_mb": 16.0, "repeats": 2}}


def _init() -> None:
    import textfix

    textfix.preload()


def _fix_group(texts: list[str]) -> int:
    import textfix

    return sum(len(textfix.fix(t)) for t in texts)


def _noop(x: int) -> int:
    return x


def groups(texts: list[str], j: int) -> list[list[str]]:
    """``texts`` dealt into ``j`` groups of nearly equal total length (longest first, to the lightest)."""
    out: list[list[str]] = [[] for _ in range(j)]
    size = [0] * j
    for t in sorted(texts, key=len, reverse=True):
        k = size.index(min(size))
        out[k].append(t)
        size[k] += len(t)
    return out


def pool_scaling(docs: list[str], jobs: list[int], seconds: float, repeats: int, log=print) -> dict:
    import textfix

    _init()
    t0 = time.perf_counter()
    for d in docs:
        textfix.fix(d)
    one = time.perf_counter() - t0
    reps = max(1, math.ceil(seconds / max(one, 1e-6)))
    work = docs * reps
    chars = sum(map(len, work))
    res: dict[str, Any] = {"chars": chars, "docs": len(work), "replicas": reps, "runs": {}}
    log(f"[scaling] pool: {chars:,} chars ({len(docs)} docs x {reps}); one in-process pass of the sample took {one:.2f} s")
    ctx = mp.get_context("fork")
    for j in jobs:
        parts = groups(work, j)
        t0 = time.perf_counter()
        with ctx.Pool(j, initializer=_init) as pool:
            pool.map(_noop, range(j), chunksize=1)  # every worker started and warmed up
            startup = time.perf_counter() - t0
            best = float("inf")
            for _ in range(repeats):
                t = time.perf_counter()
                pool.map(_fix_group, parts, chunksize=1)
                best = min(best, time.perf_counter() - t)
        res["runs"][str(j)] = {"workers": j, "tasks": j, "seconds": round(best, 3), "startup_s": round(startup, 3),
                               "chars_per_sec": round(chars / best),
                               "group_chars": [sum(map(len, p)) for p in parts]}
        log(f"[scaling] pool j={j}: {best:.2f} s ({chars / best:,.0f} chars/s), start-up {startup:.2f} s")
    base = res["runs"][str(jobs[0])]["seconds"]
    for v in res["runs"].values():
        v["speedup"] = round(base / v["seconds"], 3)
    return res


def run(quick: bool = True, split: str = "dev", jobs=(1, 2), wait_idle: float = 0.0, log=print,
        datatrove: bool = True, datatrove_mb: float | None = None) -> dict:
    from .datatrove_scaling import measure, wait_for_idle

    sz = dict(SIZES["quick" if quick else "full"])
    if datatrove_mb:
        sz["dt_mb"] = datatrove_mb
    jobs = list(jobs)
    docs = corpora.load("allsides-curly", sz["docs"], split)
    texts = ["\n".join(damage(prepare(p), "ascii-ignore").text for p in d.paragraphs) for d in docs]
    waited = wait_for_idle(wait_idle, log) if wait_idle else None
    res: dict[str, Any] = {"sizes": sz, "jobs": jobs, "cpu_count": os.cpu_count(), "idle_load": IDLE_LOAD,
                           "load_avg_start": [round(x, 2) for x in os.getloadavg()], "waited_load": waited}
    res["pool"] = pool_scaling(texts, jobs, sz["seconds"], sz["repeats"], log)
    res["load_avg_after_pool"] = [round(x, 2) for x in os.getloadavg()]
    if datatrove:
        try:
            import datatrove  # noqa: F401
        except ImportError as e:
            res["datatrove"] = {"error": f"datatrove not installed ({e})"}
        else:
            base = corpora.shared_dir()
            with tempfile.TemporaryDirectory(prefix="textfix-dt-") as tmp:
                res["datatrove"] = measure(base / "corpora", Path(tmp), sz["dt_mb"], sz["repeats"], jobs, log)
    res["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["valid"] = res["load_avg_start"][0] <= IDLE_LOAD
    return res


def _claim(r: dict, x: float | None) -> str:
    if x is None:
        return "–"
    return f"**{x:.2f}×**" if r["valid"] else f"{x:.2f}× (under load)"


def _tasks(dt: dict) -> str:
    t = dt.get("tasks", "workers")  # results written before the tasks option ran tasks = workers
    return "tasks = workers" if t == "workers" else f"{t} tasks for every worker count"


def to_markdown(r: dict) -> str:
    L = ["## Scaling over workers", ""]
    ls = r["load_avg_start"]
    if r["valid"]:
        L.append(f"Load average at the start {ls} (≤ {r['idle_load']}: idle cores), at the end {r['load_avg_end']}; "
                 f"{r['cpu_count']} CPUs.")
    else:
        L.append(f"**Under load**: the 1-minute load average was {ls[0]} (> {r['idle_load']}) at the start "
                 f"({ls} → {r['load_avg_end']}); other processes shared the cores, so the speedups below are "
                 "depressed and are **not valid scaling figures**. Rerun on idle cores: "
                 "`python -m benchmarks --only scaling --name scaling --no-plots --wait-idle 300`.")
    L.append("")
    p = r["pool"]
    L.append(f"### multiprocessing Pool ({p['chars']:,} chars of ascii-ignore damaged news, tasks = workers, "
             f"best of {r['sizes']['repeats']}, workers warmed up)")
    L.append("")
    L.append("| workers | seconds | chars/s | speedup | pool start-up s (not timed) |")
    L.append("|---|---|---|---|---|")
    for j, v in p["runs"].items():
        L.append(f"| {j} | {v['seconds']} | {v['chars_per_sec']:,} | {_claim(r, v['speedup'])} | {v['startup_s']} |")
    L.append("")
    dt = r.get("datatrove")
    if dt and "runs" in dt:
        L.append(f"### datatrove LocalPipelineExecutor ({dt['bytes'] / 1e6:.2f} MB in {dt['files']} JSONL files, "
                 f"{_tasks(dt)}, best of {dt['repeats']}, fresh interpreter per run)")
        L.append("")
        L.append(f"Plain `textfix.fix` loop in one process: {dt['direct']['wall_s']} s = {dt['direct']['mb_per_s']} MB/s.")
        L.append("")
        L.append("| workers | wall s | start-up s (tiny input) | steady s | steady MB/s | speedup (wall) | speedup (steady) | time in steps, all tasks s | peak RSS MB |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        for j, v in dt["runs"].items():
            L.append(f"| {j} | {v['wall_s']} | {v['startup_s']} | {v['steady_s']} | {v['steady_mb_per_s']} | "
                     f"{_claim(r, v['speedup_wall'])} | {_claim(r, v['speedup_steady'])} | {v['steps_s_all_tasks']} | {v['peak_rss_mb']} |")
        L.append("")
        L.append(f"Per core (datatrove, 1 worker, steady state): {dt['per_core_mb_per_s']} MB/s → 1 TB ≈ "
                 f"{dt['core_hours_per_tb']} core-hours{'' if r['valid'] else ' (measured under load: an overestimate)'}.")
        L.append("")
    elif dt:
        L.append(f"datatrove: {dt.get('error')}")
        L.append("")
    return "\n".join(L)
