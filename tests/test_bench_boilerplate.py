"""The boilerplate benchmark's scoring on a hand-labelled record (no corpora)."""

from __future__ import annotations

from benchmarks import boilerplate as B

LINES = [
    "The city council voted on Tuesday to expand the bus network, a plan that has divided residents for years.",
    "Supporters say the new routes will cut commuting times, while critics worry about the cost to taxpayers.",
    "Copyright 2019 The Associated Press. All rights reserved.",
    "The mayor said the first routes would open next spring, pending approval of the budget.",
]


def test_false_positives_are_counted_by_reason():
    verdicts = {v.index: v.reason for v in B.boilerplate_lines(LINES, title="Council expands buses")}
    assert 2 in verdicts and set(verdicts) == {2}, verdicts  # the fixture must exercise a false positive
    # label the copyright line content, as L3S does inside an article's full text
    rec = {"lines": LINES, "title": "Council expands buses", "source": None,
           "labels": [False, False, False, None], "kinds": ["content"] * 4}
    m = B.score([rec], "textfix")
    assert (m["fp"], m["tn"], m["tp"]) == (1, 2, 0)
    assert m["fp_by_reason"] == {verdicts[2].split(":", 1)[0]: 1}
    # the same line labelled a positive is a true positive and no false positive
    rec["labels"] = [False, False, True, None]
    m = B.score([rec], "textfix")
    assert (m["tp"], m["fp"], m["fp_by_reason"]) == (1, 0, {})
