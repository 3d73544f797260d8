"""The output fingerprint of ``benchmarks.equivalence``: stable across runs, sensitive to the output."""

from __future__ import annotations

import pytest

from benchmarks import equivalence


@pytest.fixture()
def shared(corpora, monkeypatch):
    monkeypatch.setenv("TEXTFIX_SHARED", str(corpora.parent))
    return corpora


def test_fingerprint_is_stable_and_per_kind(shared):
    a = equivalence.fingerprint(3, kinds=("ascii-ignore", "qmark"))
    b = equivalence.fingerprint(3, kinds=("ascii-ignore", "qmark"))
    assert a == b
    assert set(a) == {"ascii-ignore", "qmark", "all"}
    assert a["ascii-ignore"] != a["qmark"]


def test_fingerprint_changes_when_the_output_changes(shared, monkeypatch):
    import textfix

    before = equivalence.fingerprint(3, kinds=("ascii-ignore",))
    real = textfix.fix_and_explain
    monkeypatch.setattr(textfix, "fix_and_explain",
                        lambda text, **kw: real(text, restore_apostrophes=False, **kw))
    after = equivalence.fingerprint(3, kinds=("ascii-ignore",))
    assert after["ascii-ignore"] != before["ascii-ignore"]
