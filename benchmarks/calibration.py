"""Are textfix's confidences calibrated? Each change is judged right or wrong with the scorer's alignment.

``python -m benchmarks.calibration --docs 300 [--split dev] [--kinds ascii-ignore,qmark] [--out F.json]``
prints a markdown report; the ``calibration`` section of ``python -m benchmarks`` runs the same code.

A change is **right** when every character it wrote is matched to the clean text G by the same folded
longest-common-subsequence alignment that EVALUATION.md scores with (so ``'`` for ``’`` is right, and a
dash where G had an ellipsis is wrong), and **wrong** when any is not. A change that writes nothing
(a removed remnant) or whose characters a later change rewrote is left out. Changes are bucketed by
their confidence; a calibrated restorer is right in each bucket about as often as the bucket's mean
confidence says. ``--min-confidence t`` drops every change below ``t``: the threshold table shows what
that keeps, at the change level (a change that another one would have displaced is not re-run, so
this is an estimate of ``fix(min_confidence=t)``, which the restoration section can measure exactly).
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_right
from collections import defaultdict
from typing import Any, Iterable

from . import corpora
from .damage import KINDS, damage, prepare
from .score import fold, matched

#: Confidence buckets (lower bounds); the last one holds 0.99 to 1.0.
EDGES = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
#: ``--min-confidence`` values reported in the threshold table.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
#: Damage kinds measured by default: the ones with something to restore (mojibake is ftfy's repair).
DEFAULT_KINDS = ("ascii-ignore", "qmark", "fffd", "lossy-mojibake")


def output_spans(changes: Iterable[Any]) -> list[tuple[int, int] | None]:
    """Where each change's ``after`` stands in the final text, for changes in sequential offsets (each
    indexing the text that the changes before it produced); ``None`` where a later change overlapped it."""
    spans: list[list[int] | None] = []
    for ch in changes:
        delta = len(ch.after) - (ch.end - ch.start)
        for k, span in enumerate(spans):
            if span is None:
                continue
            a, b = span
            if ch.end <= a:
                span[0], span[1] = a + delta, b + delta
            elif ch.start >= b:
                continue
            else:
                spans[k] = None
        spans.append([ch.start, ch.start + len(ch.after)])
    return [tuple(s) if s is not None else None for s in spans]


def judge(gs: list[str], out: str, changes) -> list[tuple[str, float, bool]]:
    """``(fixer, confidence, right)`` for each change that wrote characters still present in ``out``.

    ``gs`` are the clean paragraphs, ``out`` the repaired document (their damaged copies joined by line
    breaks, which no fixer adds or removes)."""
    lines = out.split("\n")
    if len(lines) != len(gs):
        return []
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    hits: dict[int, frozenset[int]] = {}
    rows = []
    for ch, span in zip(changes, output_spans(changes)):
        if span is None or span[0] == span[1]:
            continue
        a, b = span
        li = bisect_right(starts, a) - 1
        if li not in hits:
            hits[li] = matched(fold(gs[li]), fold(lines[li]))[1]
        base = starts[li]
        rows.append((ch.fixer, ch.confidence, all(j - base in hits[li] for j in range(a, b))))
    return rows


def _bucket(conf: float) -> float:
    low = EDGES[0]
    for e in EDGES:
        if conf >= e:
            low = e
    return low


def summarise(rows: list[tuple[str, float, bool]]) -> dict[str, Any]:
    """Buckets, expected calibration error and the threshold table of a list of judged changes."""
    def table(sel):
        by = defaultdict(lambda: [0, 0, 0.0])  # n, right, sum of confidence
        for _, c, ok in sel:
            b = by[_bucket(c)]
            b[0] += 1
            b[1] += ok
            b[2] += c
        n = sum(v[0] for v in by.values())
        buckets = [{"from": e, "n": v[0], "right": v[1], "accuracy": v[1] / v[0], "mean_confidence": v[2] / v[0]}
                   for e, v in sorted(by.items())]
        ece = sum(abs(b["accuracy"] - b["mean_confidence"]) * b["n"] for b in buckets) / n if n else None
        return {"n": n, "right": sum(v[1] for v in by.values()), "ece": ece, "buckets": buckets}

    out = {"all": table(rows), "fixers": {}}
    for fixer in sorted({r[0] for r in rows}):
        out["fixers"][fixer] = table([r for r in rows if r[0] == fixer])
    out["thresholds"] = []
    for t in THRESHOLDS:
        kept = [r for r in rows if r[1] >= t]
        right = sum(r[2] for r in kept)
        out["thresholds"].append({"min_confidence": t, "changes": len(kept), "right": right,
                                  "precision": right / len(kept) if kept else None})
    return out


def run(docs: list[corpora.Doc], kinds=DEFAULT_KINDS, log=None) -> dict[str, Any]:
    """Judge every change textfix makes on ``docs`` under each damage kind."""
    import textfix

    result: dict[str, Any] = {"docs": len(docs), "kinds": {}}
    for kind in kinds:
        rows: list[tuple[str, float, bool]] = []
        for d in docs:
            gs = [g for g in (prepare(p) for p in d.paragraphs) if g.strip()]
            if not gs:
                continue
            ex = textfix.fix_and_explain("\n".join(damage(g, kind).text for g in gs))
            rows.extend(judge(gs, ex.text, ex.changes))
        result["kinds"][kind] = summarise(rows)
        if log:
            a = result["kinds"][kind]["all"]
            log(f"[bench] calibration {kind}: {a['n']} changes, {a['right']} right, ECE {a['ece']:.3f}"
                if a["n"] else f"[bench] calibration {kind}: no changes")
    return result


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def markdown(res: dict[str, Any]) -> list[str]:
    L = [f"## Calibration of confidences ({res['docs']} docs)", "",
         "Each change judged right when all it wrote aligns with G (folded LCS, as scored); accuracy per "
         "confidence bucket against the bucket's mean confidence, and ECE (expected calibration error, "
         "bucket-weighted mean gap). The threshold table estimates `--min-confidence t` at the change level.", ""]
    for kind, r in res["kinds"].items():
        a = r["all"]
        L.append(f"### {kind}: {a['n']} changes, {a['right']} right, ECE {_pct(a['ece'])} points")
        L.append("")
        L.append("| fixer | changes | right % | ECE | " + " | ".join(f"≥{e}" for e in EDGES) + " |")
        L.append("|---|---|---|---|" + "---|" * len(EDGES))
        for name, t in [("all", a)] + sorted(r["fixers"].items()):
            cells = {b["from"]: f"{_pct(b['accuracy'])} vs {_pct(b['mean_confidence'])} (n={b['n']})" for b in t["buckets"]}
            L.append(f"| {name} | {t['n']} | {_pct(t['right'] / t['n'] if t['n'] else None)} | {_pct(t['ece'])} | "
                     + " | ".join(cells.get(e, "–") for e in EDGES) + " |")
        L.append("")
        L.append("| --min-confidence | changes kept | right | change precision % |")
        L.append("|---|---|---|---|")
        for t in r["thresholds"]:
            L.append(f"| {t['min_confidence']} | {t['changes']} | {t['right']} | {_pct(t['precision'])} |")
        L.append("")
    return L


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--kinds", default=",".join(DEFAULT_KINDS))
    ap.add_argument("--out", default=None, help="write the result as JSON here")
    a = ap.parse_args(argv)
    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    bad = sorted(set(kinds) - set(KINDS))
    if bad:
        ap.error(f"unknown damage kinds: {', '.join(bad)}")
    try:
        docs = corpora.load("allsides-curly", a.docs, a.split)
    except corpora.CorpusMissing as e:
        sys.exit(f"calibration: {e}")
    res = run(docs, kinds, log=lambda m: print(m, file=sys.stderr))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1)
    print("\n".join(markdown(res)))


if __name__ == "__main__":
    main()
