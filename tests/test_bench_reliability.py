"""The reliability and scaling benchmark helpers on tiny in-test documents (no timing, no corpora)."""

from __future__ import annotations

import json

from benchmarks import reliability, scaling


def _pool(share=0.5):
    p = object.__new__(reliability.Pool)
    p.clean = [("Clean", ["It\u2019s a \u201cclean\u201d caf\u00e9 \u2014 fine.", "Second paragraph."])]
    p.damaged = [("Damaged", ["Its a clean cafe  fine, dont worry."])]
    p.share = share
    return p


def test_parse_size():
    assert reliability.parse_size("1G") == 10**9
    assert reliability.parse_size("100M") == 10**8
    assert reliability.parse_size("2.5k") == 2500
    assert reliability.parse_size("123") == 123
    assert reliability.parse_size(None) is None


def test_text_stream_is_exact_size_and_valid_utf8():
    data = b"".join(reliability.chunks(_pool(), "text", 50_001, chunk=4096))
    assert len(data) <= 50_001 and len(data) > 50_001 - 4
    text = data.decode("utf-8")  # cut on a character boundary
    refs = [line for line in text.split("\n") if line.startswith("Ref. ")]
    assert len(refs) == len(set(refs)) > 10  # every document is different


def test_jsonl_stream_has_whole_records():
    data = b"".join(reliability.chunks(_pool(), "jsonl", 20_000, chunk=1000))
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == ""
    recs = [json.loads(line) for line in lines[:-1]]
    assert all(set(r) == {"id", "title", "text"} for r in recs)


def test_checkpoints_take_the_peak_so_far():
    mb = reliability.MB
    samples = [(0, 1000), (5 * mb, 3000), (10 * mb, 2000), (50 * mb, 2500), (120 * mb, 2600)]
    cps = reliability._checkpoints(samples, 120 * mb)
    assert [c["input_mb"] for c in cps] == [10, 100, 120]
    assert [c["peak_rss_mb"] for c in cps] == [round(3000 / 1024, 1)] * 3


def test_long_line_has_no_line_break():
    line = reliability.long_line(_pool(), 10_000)
    assert "\n" not in line and 9_990 < len(line.encode("utf-8")) <= 10_000


def test_pathological_builders_give_the_size():
    for name, (_, build) in reliability.PATHOLOGICAL.items():
        text = build(5000, "Some normal text dont.\n" * 10)
        assert abs(len(text) - 5000) <= 1, name


def test_scaling_groups_are_balanced_and_complete():
    texts = [("x" * n) for n in (50, 40, 30, 30, 20, 10, 10, 10)]
    gs = scaling.groups(texts, 2)
    assert sorted(map(len, sum(gs, []))) == sorted(map(len, texts))
    sizes = [sum(map(len, g)) for g in gs]
    assert max(sizes) - min(sizes) <= 10


def test_unique_part_reports_memory_checkpoints_and_caches(corpora, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTFIX_SHARED", str(corpora.parent))
    r = reliability.run_unique(300_000, tmp_path)
    assert "error" not in r, r
    peaks = [c["peak_rss_mb"] for c in r["checkpoints"]]
    assert len(peaks) == 8 and peaks == sorted(peaks)  # a high-water mark never falls
    assert r["bytes"] >= 300_000 and r["caches"]
    md = reliability.to_markdown({"sizes": {}, "unique": r, "load_avg_start": None, "load_avg_end": None})
    assert "Distinct documents through the library" in md and f"{peaks[-1]} MB" in md


def test_pathological_rows_report_growth(monkeypatch, tmp_path):
    """Each pathological input is also timed at a quarter of its size: the row reports how its time per
    character grew (1 when linear, 4 when quadratic) and whether that is linear."""
    times = {"alone": 1.0, "with-damage": 8.0, "quarter": 1.0}  # per call; chars below: quadratic-like

    def fake(texts, warm, tmp, timeout):
        return {k: {"chars": len(t), "seconds": times.get(k, 0.001) * len(t) / 1000} if k in times
                else {"chars": len(t), "seconds": 0.001} for k, t in texts.items()}

    monkeypatch.setattr(reliability, "_child_times", fake)
    monkeypatch.setattr(reliability, "PATHOLOGICAL", {"x": ("x repeated", lambda n, _: "x" * n)})
    r = reliability.run_pathological(_pool(), 4000, tmp_path)
    row = r["cases"]["x"]
    assert row["growth"] == 8.0 and row["linear"] is False and r["all_linear"] is False
    times["with-damage"] = 1.1
    r = reliability.run_pathological(_pool(), 4000, tmp_path)
    assert r["cases"]["x"]["linear"] is True and r["all_linear"] is True
    md = reliability.to_markdown({"sizes": {}, "pathological": r, "load_avg_start": None, "load_avg_end": None})
    assert "| growth |" in md and "| 1.10 |" in md
