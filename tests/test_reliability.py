"""Hostile and pathological input: nothing hangs, crashes, loses text or changes line counts.

The time limits here only catch hangs and catastrophic backtracking (minutes, not milliseconds); speed
itself is measured by the benchmark, never by a test.
"""

from __future__ import annotations

import threading

import pytest

import textfix

HANG = 120.0  # seconds: far above any sane run time on a slow, shared machine


def _fix_within(text, seconds=HANG, **kw):
    result: dict = {}

    def target():
        try:
            result["ex"] = textfix.fix_and_explain(text, **kw)
        except BaseException as e:  # pragma: no cover - reported below
            result["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"fix() did not finish within {seconds}s on {len(text)} characters"
    if "error" in result:
        raise result["error"]
    ex = result["ex"]
    assert textfix.replay(ex.original, ex.changes) == ex.text
    assert ex.text.count("\n") == ex.original.count("\n")
    return ex


DAMAGED = (
    "Theres what Russia says. And theres what Russia does. And we havent seen any pullback of its forces, "
    "said Blinken. We need to resolve this question nowwe hope, said Putin. Kyivs relationship with NATO  and "
    "the RussiaUkraine conflict of 20142022 dont help. "
)

PATHOLOGICAL = {
    "long-token": "a" * 100_000,
    "long-mixed-token": ("Kyivsnowwe" * 10_000),
    "question-marks": "?" * 10_000,
    "question-words": "word?" * 10_000,
    "fffd-run": "\ufffd" * 10_000,
    "double-spaces": "a  " * 30_000,
    "apostrophes": "'" * 20_000,
    "quotes": '"' * 20_000,
    "dashes": "\u2014" * 20_000,
    "mojibake-run": "\u00e2\u20ac\u2122" * 10_000,
    "lossy-run": "\u00e2??" * 10_000,
    "repeated-said": "said, " * 20_000,
    "repeated-damage": DAMAGED * 300,
    "many-lines": "dont\n" * 50_000,
    "crlf": "Kyivs\r\n" * 20_000,
    "nul-and-controls": "\x00\x01\x1b[31m\x7f\x85" * 10_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_finishes(name):
    _fix_within(PATHOLOGICAL[name])


def test_single_long_line_of_damaged_news():
    _fix_within((DAMAGED * 2000).replace("\n", " "))  # ~0.5 MB on one line


@pytest.mark.parametrize("data", [b"\x00" * 1000, bytes(range(256)) * 40, b"\xff\xfe" + "Kyiv\u2019s".encode("utf-16-le"),
                                  "Kyiv\u2019s".encode("utf-16-be"), b"\xef\xbb\xbfKyiv\xe2\x80\x99s", b"caf\xe9 \x92quoted\x94"])
def test_hostile_bytes(data):
    ex = textfix.fix_and_explain(data)
    assert textfix.replay(ex.original, ex.changes) == ex.text


def test_bom_and_encodings_decode():
    assert textfix.decode(b"\xef\xbb\xbfKyiv\xe2\x80\x99s").text == "Kyiv\u2019s"
    assert textfix.decode("Kyiv\u2019s".encode("utf-16")).text == "Kyiv\u2019s"
    assert textfix.decode("Kyiv\u2019s relationship".encode("utf-16-le")).text == "Kyiv\u2019s relationship"
    d = textfix.decode("Kyiv\u2019s".encode("cp1252"))
    assert d.text == "Kyiv\u2019s" and d.encoding == "cp1252"
    d = textfix.decode(b"caf\xc3\xa9 and caf\xc3\xa9 and caf\xc3\xa9 \xff")
    assert d.encoding == "utf-8" and d.replacements == 1 and d.text.endswith("\ufffd")
    # bytes that only look like a BOM: the rest is no UTF-32 (nor UTF-16), so the text is not lost
    d = textfix.decode(b"\xff\xfe\x00\x00garbage")
    assert "garbage" in d.text and not d.bom and d.replacements == 0


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_stray_utf16_bom_before_ascii_text(bom):
    # a UTF-16 BOM pasted before ASCII or UTF-8 text (no NUL bytes): read as UTF-16 the text would become
    # CJK characters (an even byte count) or be dropped as no BOM (odd); the BOM is skipped instead
    for body in ("Kyivs forces havent moved.", "Kyiv\u2019s forces haven\u2019t moved, it said."):
        d = textfix.decode(bom + body.encode("utf-8"))
        assert d.text == body and d.bom and d.encoding == "utf-8"
    # real UTF-16 after the same BOM still decodes as UTF-16, Latin or CJK
    enc = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    for body in ("Kyiv\u2019s forces", "\u4f60\u597d\u4e16\u754c\u4f60\u597d\u4e16\u754c"):
        d = textfix.decode(bom + body.encode(enc))
        assert d.text == body and d.encoding == enc


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(TypeError, match="unknown textfix option"):
        textfix.fix("x", restore_everything=True)
    with pytest.raises(TypeError, match="str or bytes"):
        textfix.fix(None)
    with pytest.raises(ValueError, match="style"):
        textfix.fix("x", style="fancy")
    with pytest.raises(ValueError, match="min_confidence"):
        textfix.fix("x", min_confidence=2)
    with pytest.raises(TypeError, match="True or False"):
        textfix.Config(restore_quotes="yes")


def test_config_is_frozen_and_documented():
    import dataclasses

    c = textfix.Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.style = "typographic"
    for f in dataclasses.fields(c):
        assert f"``{f.name}``" in textfix.Config.__doc__, f"{f.name} is not documented in Config"


#: Caches that may exceed the per-word size: the loaded tables (keyed by file path) and the boilerplate
#: word weights (a float per word, off by default).
_LARGE_CACHES = {"textfix.lexicon.tables.load", "textfix.boilerplate.features._weight"}


def test_per_word_caches_are_bounded():
    """Every ``lru_cache`` of textfix has a size, and none of a fixer's is larger than ``CACHE_SIZE``: over
    a long run each cache fills, so their sizes are what bounds the memory."""
    import importlib
    import pkgutil

    import textfix
    from textfix.fixers import CACHE_SIZE

    seen = 0
    for mod in pkgutil.walk_packages(textfix.__path__, "textfix."):
        if mod.name.endswith("__main__"):
            continue
        m = importlib.import_module(mod.name)
        for name, obj in vars(m).items():
            info = getattr(obj, "cache_info", None)
            if info is None or getattr(obj, "__module__", None) != m.__name__:
                continue
            seen += 1
            key = f"{m.__name__}.{name}"
            if key in _LARGE_CACHES:
                continue
            assert info().maxsize is not None, f"{key} is an unbounded cache"
            assert info().maxsize <= CACHE_SIZE, f"{key} holds up to {info().maxsize} entries > CACHE_SIZE"
    assert seen >= 30
