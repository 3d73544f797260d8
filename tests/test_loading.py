"""The loaders pause the cyclic garbage collector, and always give it back (textfix.lexicon.loading)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

import textfix
from textfix import pipeline
from textfix.lexicon.loading import paused_gc

ROOT = Path(__file__).resolve().parents[1]


def test_paused_gc_pauses_and_restores():
    seen = []

    @paused_gc
    def loader(x):
        seen.append(gc.isenabled())
        return x * 2

    assert gc.isenabled()
    assert loader(21) == 42 and seen == [False] and gc.isenabled()
    assert loader.__name__ == "loader"


def test_paused_gc_restores_after_an_error_and_nests():
    @paused_gc
    def inner():
        return gc.isenabled()

    @paused_gc
    def outer():
        # an inner loader leaves the outer pause alone
        state = inner()
        return state, gc.isenabled()

    @paused_gc
    def broken():
        raise ValueError("bad table")

    assert outer() == (False, False) and gc.isenabled()
    with pytest.raises(ValueError):
        broken()
    assert gc.isenabled()


def test_paused_gc_leaves_a_callers_choice_alone():
    @paused_gc
    def loader():
        return gc.isenabled()

    gc.disable()
    try:
        assert loader() is False
        assert not gc.isenabled()  # not switched on behind the caller's back
    finally:
        gc.enable()


def test_the_first_call_of_a_process_runs_paused():
    """In a fresh process the first fix() (which loads the tables) runs with the collector paused, the
    second as the caller has it; both leave it on."""
    code = (
        "import gc, textfix\n"
        "from textfix import pipeline\n"
        "seen = []\n"
        "real = pipeline.diagnose\n"
        "pipeline.diagnose = lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k)\n"
        "out = [textfix.fix('We didnt go.'), textfix.fix('Its here.')]\n"
        "print(seen, gc.isenabled(), out)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[False, True] True [\"We didn't go.\", \"It's here.\"]"


def test_fix_leaves_the_collector_as_it_found_it():
    assert gc.isenabled()
    assert textfix.fix("We didnt go.") == "We didn't go."
    assert gc.isenabled() and pipeline._cold is False
    gc.disable()
    try:
        assert textfix.fix("Its here.") == "It's here."
        assert not gc.isenabled()
    finally:
        gc.enable()
