"""Load fixture cases as pytest params (a strict xfail for ``expect: fail``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def params(name: str):
    cases = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    out = []
    for c in cases:
        marks = [pytest.mark.xfail(strict=True, reason=c["comment"])] if c["expect"] == "fail" else []
        out.append(pytest.param(c, id=c["label"], marks=marks))
    return out


def corpora() -> Path | None:
    import os

    env = os.environ.get("TEXTFIX_SHARED")
    base = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"
    path = base / "corpora"
    return path if path.is_dir() else None
