"""The loaders pause the cyclic garbage collector, and always give it back (textfix.lexicon.loading)."""

from __future__ import annotations

import gc

import pytest

import textfix
from textfix import pipeline
from textfix.lexicon.loading import paused_gc


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


def test_the_first_call_of_a_process_runs_paused(fresh_python):
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
    stdout = fresh_python(code)
    assert stdout.strip() == "[False, True] True [\"We didn't go.\", \"It's here.\"]"


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


def _head_one_at_a_time(head: str) -> dict:
    """The collision model's weights of ``head`` by kind, read a feature at a time (as before round 30)."""
    from bisect import bisect_left

    from textfix.fixers import deletions

    m = deletions._collision_file()
    out: dict = {k: {} for k in deletions._NEST_KINDS}
    feats, w = m["sorted"], m["w"]
    n = len(head) + 1
    a = bisect_left(feats, head + "|")
    for k, f in enumerate(feats[a : bisect_left(feats, head + "}")], a):
        kind, eq, key = f[n:].partition("=")
        if not eq:
            continue
        c = complex(w[2 * k], w[2 * k + 1])
        d = out.setdefault(kind, {})
        if kind in ("pn", "nn"):
            x, _, y = key.partition(" ")
            d.setdefault(x, {})[y] = c
        else:
            d[key] = c
    return out


def test_collision_heads_read_by_runs_equal_one_feature_at_a_time():
    """:func:`textfix.fixers.deletions._head` takes each kind's run of the sorted features at once: the
    same weights, kinds and keys in the same order, for the big families and a token's own head."""
    from textfix.fixers import deletions

    assert deletions._collision_file().get("index") is None  # (the shipped file is in sorted order)
    for head in ("S", "C:its", "C:were", "U", "t=states", "t=no-such-token"):
        got, want = deletions._head.__wrapped__(head), _head_one_at_a_time(head)
        assert got == want and list(got) == list(want)
        assert all(list(got[k]) == list(want[k]) for k in got)
    assert deletions._head.__wrapped__("S")["pn"]  # (a nested kind)


def test_lazy_patterns_compile_on_first_use_and_take_their_place():
    """``lazy(regex.compile, ...)`` compiles on the first attribute read, puts the pattern in its module's
    globals (the module's functions then use the pattern itself) and keeps serving a holder of it."""
    import re
    import types

    from textfix.lazyre import Lazy, lazy

    mod = types.ModuleType("lazy_probe")
    exec("import re\nfrom textfix.lazyre import lazy\nPAT = lazy(re.compile, r'b+', re.I)\n"
         "def count(text):\n    return len(PAT.findall(text))\n", mod.__dict__)
    held = mod.PAT
    assert isinstance(held, Lazy) and held.__dict__["_lazy_pattern"] is None
    assert mod.count("abBba") == 1
    assert isinstance(mod.PAT, re.Pattern) and mod.PAT.flags & re.I
    assert held.sub("-", "abba") == "a-a" and held.pattern == "b+"  # (the holder goes through the stand-in)
    assert held.__dict__["_lazy_pattern"] is mod.PAT
    assert repr(lazy(re.compile, "x")) == "lazy('x')"


def test_the_first_fix_of_an_ascii_text_compiles_few_patterns(fresh_python):
    """The placeholder restorer's and the diagnosis's module-level patterns stay uncompiled through the
    first fix of an ASCII damaged text (none of them is needed there), and a placeholder text gets them."""
    code = (
        "import textfix, importlib\n"
        "from textfix.lazyre import Lazy\n"
        "P = importlib.import_module('textfix.fixers.placeholders')\n"
        "D = importlib.import_module('textfix.diagnose')\n"
        "lazy = lambda m: sum(isinstance(v, Lazy) for v in vars(m).values())\n"
        "before = (lazy(P), lazy(D))\n"
        "a = textfix.fix('Its the Kremlins plan, said Schrder in So Paulo.  Were sure its over nowwe hope.')\n"
        "after = (lazy(P), lazy(D))\n"
        "b = textfix.fix('Kyiv?s leaders said ?we need peace now,? and the caf? in S?o Paulo was open.')\n"
        "print(before, after, (lazy(P), lazy(D)), repr(a), repr(b))\n"
    )
    out = fresh_python(code)
    before, after, last = (tuple(map(int, t.strip("() ").split(","))) for t in out.split(")")[:3])
    assert before[0] >= 40 and before[1] >= 25
    assert after[0] >= before[0] - 2 and after[1] >= before[1] - 5
    assert last[0] < after[0] and "the café in São Paulo" in out
