"""The tokenisation's fast path (``textfix.fixers.split``) gives the regex's list, whatever the text."""

from hypothesis import given, settings, strategies as st

from textfix.fixers import SPLIT, split

# letters, digits, every kind of whitespace ``bytes.split`` and ``str.split`` know, punctuation, the
# stand-in and joining bytes of the fast path as characters, and a few non-ASCII ones (the regex path)
_CHARS = st.sampled_from(list("aZ09 \t\n\r\x0b\x0c\x1c\x1f\x00\x7f.,'-?") + ["\x80", "\x81", "\xe9", "\u2019", "\ufffd"])


@settings(max_examples=3000, deadline=None)
@given(st.text(_CHARS, max_size=20))
def test_split_is_the_regex_split(text):
    assert split(text) == SPLIT.split(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_split_any_ascii(text):
    assert split(text) == SPLIT.split(text)


def test_split_edges():
    for text in ("", " ", "a", " a", "a ", "a b", "\n\n", "Its  over.\n", "x\x81y\x80z"):
        assert split(text) == SPLIT.split(text)
