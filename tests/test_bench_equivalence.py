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


def test_fingerprint_changes_when_the_diagnosis_changes(shared, monkeypatch):
    # the same text and changes with another diagnosis (an evidence count) must show as a difference
    import dataclasses

    import textfix

    before = equivalence.fingerprint(3, kinds=("ascii-ignore",))
    real = textfix.fix_and_explain

    def marked(text, **kw):
        ex = real(text, **kw)
        d = ex.diagnosis
        extra = dataclasses.replace(d.damages[0], evidence={**d.damages[0].evidence, "marked": 1})
        return dataclasses.replace(ex, diagnosis=dataclasses.replace(d, damages=(extra, *d.damages[1:])))

    monkeypatch.setattr(textfix, "fix_and_explain", marked)
    after = equivalence.fingerprint(3, kinds=("ascii-ignore",))
    assert after["ascii-ignore"] != before["ascii-ignore"]
