"""Shared test setup: Hypothesis profiles and the location of ../shared/corpora."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs a modest number of examples; `HYPOTHESIS_PROFILE=nightly` runs 10,000 per property.
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """``$TEXTFIX_SHARED`` or ``../shared`` beside the checkout, if it exists."""
    env = os.environ.get("TEXTFIX_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared"]:
        if (cand / "corpora").is_dir():
            return cand
    return None


@pytest.fixture(scope="session")
def corpora() -> Path:
    d = shared_dir()
    if d is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED to the shared folder to run corpus tests)")
    return d / "corpora"


def _fresh_python(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture
def fresh_python():
    """A function that runs ``code`` in a fresh interpreter importing this checkout's textfix (what a new
    process pays and loads, which the test process has long done) and returns its standard output; it fails
    the test on a non-zero exit."""
    return _fresh_python
