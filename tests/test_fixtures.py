"""Runs every case of fixtures/*.json through textfix.fix, ftfy-style.

A case is ``{"label", "comment", "original", "fixed", "expect": "pass"|"fail"}`` with optional
``"options"`` (Config fields) and ``"title"``. ``expect: fail`` is a known failure and runs as a strict
xfail, so fixing it makes the suite say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import textfix

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REQUIRED = {"label", "comment", "original", "fixed", "expect"}


def _cases():
    for path in sorted(FIXTURES.glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            missing = REQUIRED - set(case)
            assert not missing, f"{path.name} case {i} lacks {missing}"
            assert case["expect"] in ("pass", "fail"), f"{path.name} case {i}: expect must be pass or fail"
            marks = [pytest.mark.xfail(strict=True, reason=case["comment"])] if case["expect"] == "fail" else []
            yield pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_fixture(case):
    ex = textfix.fix_and_explain(case["original"], title=case.get("title"), **case.get("options", {}))
    assert ex.text == case["fixed"], case["comment"]
    # every explanation replays exactly
    assert textfix.replay(case["original"], ex.changes) == ex.text


def test_fixture_files_exist():
    assert len(list(FIXTURES.glob("*.json"))) >= 1
