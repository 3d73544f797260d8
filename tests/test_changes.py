"""Change: its hand-written __init__ (faster than the frozen dataclass's) keeps the dataclass's contract."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from textfix.changes import Change


def test_init_takes_the_fields_in_order():
    params = list(inspect.signature(Change.__init__).parameters)[1:]
    assert params == [f.name for f in dataclasses.fields(Change)]


def test_change_is_a_frozen_value():
    c = Change(3, 4, "s", "'s", "restore_apostrophes", "possessive:x", 0.9)
    assert (c.start, c.end, c.before, c.after, c.fixer, c.reason, c.confidence) == (3, 4, "s", "'s", "restore_apostrophes", "possessive:x", 0.9)
    assert c == Change(start=3, end=4, before="s", after="'s", fixer="restore_apostrophes", reason="possessive:x", confidence=0.9)
    assert hash(c) == hash(dataclasses.replace(c))
    assert pickle.loads(pickle.dumps(c)) == c
    assert dataclasses.replace(c, start=0).start == 0 and c.start == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.start = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        Change(1, 2, "", "x", "f", "r")  # type: ignore[call-arg]


def test_make_gives_the_same_frozen_change():
    from textfix.changes import make

    args = (3, 4, "s", "'s", "restore_apostrophes", "possessive:x", 0.9)
    c = make(*args)
    assert type(c) is Change and c == Change(*args) and hash(c) == hash(Change(*args))
    assert repr(c) == repr(Change(*args)) and pickle.loads(pickle.dumps(c)) == c
    assert dataclasses.replace(c, start=0) == Change(0, *args[1:])
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.start = 5  # type: ignore[misc]
