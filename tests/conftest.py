"""Shared test setup: Hypothesis profiles and the location of ../shared/corpora."""

from __future__ import annotations

import os
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
