"""benchmarks.instructions --functions: a function routed through its C carrier returns what it returned."""

from __future__ import annotations

import pytest

from benchmarks import instructions


@pytest.mark.parametrize("kind", [k for k, _ in instructions._CARRIERS])
def test_carried_function_gives_the_same_result(kind):
    f = instructions._carried(kind, lambda a, b=2: (a, b))
    assert f(1) == (1, 2) and f(1, b=3) == (1, 3)


def test_wrap_keeps_methods_properties_and_generators_working(monkeypatch):
    import textfix
    from textfix.fixers import Words, quotes

    text = "Theres what Russia says, said Blinken. We need peace now, he said. Its over nowwe hope."
    expected = textfix.fix_and_explain(text).changes
    for name in ("low_of", "start"):
        monkeypatch.setattr(Words, name, Words.__dict__[name])
    monkeypatch.setattr(quotes, "propose", quotes.propose)
    instructions._wrap(["textfix.fixers:Words.low_of", "textfix.fixers:Words.start", "textfix.fixers.quotes:propose"])
    w = Words("Kyivs leaders, he said. Its fine")
    assert w.low_of["Kyivs"] == "kyivs" and w.start(1) == 6
    assert textfix.fix_and_explain(text).changes == expected
    assert any(c.fixer == "restore_quotes" for c in expected)
