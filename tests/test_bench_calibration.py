"""The calibration report judges each change with the scorer's alignment (no corpora needed)."""

import textfix
from benchmarks import calibration
from benchmarks.corpora import Doc
from benchmarks.runner import run, write
from textfix.changes import Change


def test_output_spans_follow_later_changes_and_drop_overwritten_ones():
    changes = [
        Change(4, 4, "", "'", "a", "r", 0.9),      # "Kyivs" -> "Kyiv's": writes position 4
        Change(0, 0, "", '"', "b", "r", 0.8),      # an insertion before it shifts it by one
        Change(10, 11, "x", "yz", "c", "r", 0.7),  # after it: no shift
        Change(11, 12, "y", "Y", "d", "r", 0.6),   # rewrites what the third change wrote
    ]
    assert calibration.output_spans(changes) == [(5, 6), (0, 1), None, (11, 12)]


def test_judge_marks_changes_that_the_clean_text_confirms():
    gs = ["Russia\u2019s leaders now\u2014we hope. We don\u2019t know.", "A plain line."]
    damaged = "Russias leaders nowwe hope. We dont know.\nA plain line."
    ex = textfix.fix_and_explain(damaged)
    rows = calibration.judge(gs, ex.text, ex.changes)
    assert sorted((f, ok) for f, _, ok in rows) == [("restore_apostrophes", True)] * 2 + [("restore_dashes", True)]
    # the same changes against a clean text that had no dash: the dash is wrong, the apostrophes right
    rows = calibration.judge(["Russia\u2019s leaders nowwe hope. We don\u2019t know.", "A plain line."], ex.text, ex.changes)
    assert sorted((f, ok) for f, _, ok in rows) == [("restore_apostrophes", True)] * 2 + [("restore_dashes", False)]


def test_summary_buckets_and_thresholds():
    rows = [("x", 0.55, False), ("x", 0.55, True), ("x", 0.97, True), ("y", 0.995, True)]
    s = calibration.summarise(rows)
    assert s["all"]["n"] == 4 and s["all"]["right"] == 3
    first = s["all"]["buckets"][0]
    assert first["from"] == 0.5 and first["n"] == 2 and first["accuracy"] == 0.5
    assert abs(s["all"]["ece"] - (2 * abs(0.5 - 0.55) + abs(1 - 0.97) + abs(1 - 0.995)) / 4) < 1e-9
    by_t = {t["min_confidence"]: t for t in s["thresholds"]}
    assert by_t[0.5]["precision"] == 0.75 and by_t[0.95]["changes"] == 2 and by_t[0.99]["changes"] == 1


def test_calibration_section_in_the_report(tmp_path):
    docs = [Doc("d1", "", ["Putin\u2019s aides said it\u2019s over \u2014 and they\u2019re sure.",
                           "Russia\u2019s army now\u2014we hope\u2014left."], "test")]
    result = run(("calibration",), quick=True, system_names=("textfix",), corpus_docs={"restore": docs},
                 log=lambda m: None)
    kinds = result["calibration"]["kinds"]
    assert set(kinds) == set(calibration.DEFAULT_KINDS)
    assert kinds["ascii-ignore"]["all"]["n"] >= 4 and kinds["ascii-ignore"]["all"]["right"] >= 4
    md = write(result, tmp_path, "cal")["md"].read_text(encoding="utf-8")
    assert "## Calibration of confidences" in md and "### ascii-ignore" in md
