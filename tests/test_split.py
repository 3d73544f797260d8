"""The tokenisation's fast path (``textfix.fixers.split``) gives the regex's list, whatever the text."""

from hypothesis import given, settings, strategies as st

from textfix.fixers import SPLIT, split

# letters, digits, every kind of whitespace ``bytes.split`` and ``str.split`` know, punctuation, the
# stand-in and joining bytes of the fast path as characters (and the joining byte's ``surrogateescape``
# character), non-ASCII ones of two, three and four UTF-8 bytes, non-ASCII whitespace, and a lone surrogate
# (the regex path)
_CHARS = st.sampled_from(list("aZ09 \t\n\r\x0b\x0c\x1c\x1f\x00\x7f.,'-?")
                         + ["\x80", "\x81", "\xe9", "\xf8", "\xfe", "\u2019", "\ufffd", "\u00a0", "\u2028", "\U0001f600",
                            "\udcfe", "\ud800"])


@settings(max_examples=3000, deadline=None)
@given(st.text(_CHARS, max_size=20))
def test_split_is_the_regex_split(text):
    assert split(text) == SPLIT.split(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_split_any_ascii(text):
    assert split(text) == SPLIT.split(text)


def test_split_edges():
    for text in ("", " ", "a", " a", "a ", "a b", "\n\n", "Its  over.\n", "x\x81y\x80z", "x\xfey\xf8z", "Kyiv\ufffds \ufffdwe",
                 "\ufffd", "a\udcfe b", "\u2014\u00a0a\u2003b\n"):
        assert split(text) == SPLIT.split(text)


def _index_positions(words, w):
    out, j = [], -1
    while True:
        try:
            j = words.index(w, j + 1)
        except ValueError:
            return out
        out.append(j)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "ba", "", "a\nb", "\n"]), max_size=12),
       st.sampled_from(["a", "b", "ab", "", "a\nb", "\n", "x"]))
def test_occurrences_are_those_of_list_index(words, w):
    # (the fast path searches the words joined by line breaks: empty words and words or a ``w`` that hold
    # a line break must still give ``list.index``'s positions)
    from textfix.fixers import occurrences

    assert list(occurrences(words, w)) == _index_positions(words, w)
    plain = [x for x in words if x and "\n" not in x]
    assert list(occurrences(plain, w)) == _index_positions(plain, w)
    longer = plain + ["a"]  # (another list, one word longer: its own lines, not the last list's)
    assert list(occurrences(longer, w)) == _index_positions(longer, w)
