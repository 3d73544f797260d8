"""Hard-wrapped paragraphs are read as one line each, and keep their line breaks (textfix.wrapped)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix.changes import make
from textfix.wrapped import rejoin, soft_breaks, unwrap

DAMAGED = ("The minister spoke after the vote. We will not stand by while our allies are threatened by a regime "
           "that has shown no respect for the law, she said. We havent seen any pullback of its forces, and we "
           "dont expect to see one soon.\n\nThe talks went on through the night, officials said.")


def _wrap(text: str, width: int, newline: str = "\n") -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n")).replace("\n", newline)


def _flat(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n")


def test_wrapped_paragraphs_are_repaired_as_the_flat_ones_and_keep_their_line_breaks():
    flat = textfix.fix(DAMAGED)
    assert '"We haven\'t seen any pullback of its forces, and we don\'t expect to see one soon."' in flat
    for width in (60, 72, 79):
        for newline in ("\n", "\r\n"):
            wrapped = _wrap(DAMAGED, width, newline)
            ex = textfix.fix_and_explain(wrapped)
            assert _flat(ex.text) == flat
            assert ex.text.count(newline) == wrapped.count(newline)  # every line break where it was
            assert textfix.replay(ex.original, ex.changes) == ex.text
            # read line by line, the quotation that runs over a line break is not found
            assert '"We' not in textfix.fix(wrapped, unwrap=False)


def test_flowed_mail_and_dashes_deleted_at_a_line_break():
    flat = textfix.fix(DAMAGED)
    # format=flowed mail ends each wrapped line with a space: it goes with the break (no double space)
    flowed = "\n\n".join(textwrap.fill(p, 60).replace("\n", " \n") for p in DAMAGED.split("\n\n"))
    work, _ = unwrap(flowed, soft_breaks(flowed))
    assert "  " not in work and work == DAMAGED
    assert textfix.fix(flowed).replace(" \n", " ") == flat
    # wrapped first and damaged after: a spaced dash at a line's end or start leaves one space there, and
    # the break with it is the double space of a deleted dash
    typed = "The offer was processed \u2014 and the rest of the money was sent back to the families " * 3
    for width, left in ((49, " \n"), (53, "\n ")):  # the dash stood at the end of a line, or at the start
        lines = textwrap.fill(typed.strip(), width).encode("ascii", "ignore").decode()
        assert left in lines
        assert _flat(textfix.fix(lines)).count("processed \u2014 and") == 3


def test_boilerplate_is_judged_on_the_texts_own_lines():
    promo = "Sign up for our newsletter to get the latest news delivered to your inbox."
    wrapped = _wrap(DAMAGED, 72) + "\n\n" + promo
    ex = textfix.fix_and_explain(wrapped, drop_boilerplate=True)
    assert textfix.replay(wrapped, ex.changes) == ex.text
    assert promo not in ex.text and "haven't seen" in ex.text
    assert ex.text.count("\n") == wrapped.count("\n") - 2  # the promo's line and the blank one before it


def test_soft_breaks_are_the_breaks_inside_wrapped_paragraphs():
    text = _wrap(DAMAGED, 60)
    inside = [i for i, c in enumerate(text) if c == "\n" and text[i - 1] != "\n" and text[i + 1] != "\n"]
    assert soft_breaks(text) == inside
    # a paragraph's short last line (``see one soon.`` at 72 columns) is followed by a hard break, even
    # without a blank line
    single = _wrap(DAMAGED, 72).replace("\n\n", "\n")
    assert single.index("\nsee one soon.\n") in soft_breaks(single)
    assert single.index("soon.\n") + 5 not in soft_breaks(single)


def test_ragged_lines_of_running_prose_are_wrapped_too():
    import random

    # PDF text in a proportional font: each line breaks at 66 to 78 characters
    rng = random.Random(5)
    flat = textfix.fix(DAMAGED)
    paragraphs = []
    for p in DAMAGED.split("\n\n"):
        lines, line = [], ""
        for w in p.split(" "):
            if line and len(line) + 1 + len(w) > rng.randint(66, 78):
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        paragraphs.append("\n".join(lines + [line]))
    ragged = "\n\n".join(paragraphs)
    assert len(soft_breaks(ragged)) == ragged.count("\n") - 2
    assert _flat(textfix.fix(ragged)) == flat
    # lines that end their sentences (lyrics, lists of sentences) are not running prose
    lyrics = ("and I will always love you, whatever comes our way tonight\n"
              "though the night is long and the road goes on forever\n"
              "we will find a way to make it through the darkest hour\n"
              "and in the morning light we will be free at last")
    assert soft_breaks(lyrics) == []


def test_lines_that_were_not_wrapped_stay_lines():
    headlines = ("Russia-Ukraine conflict: Former UK defence minister says talks are over\n"
                 "Eight everyday foods you might not realise are ultra processed today\n"
                 "Markets rally as inflation cools for the third month running in June\n"
                 "Storm warnings issued for the north coast as heavy rain moves in fast")
    address = "John Smith\n12 Main Street\nSpringfield, IL 62701\nUnited States"
    table = ("Name        Votes      Share     Seats\n"
             "Labour      9,552,436  35.2%     355\n"
             "Conservative 8,784,915 32.4%     198")
    one_line_paragraphs = DAMAGED.replace("\n\n", "\n")  # lines of 200 and more characters
    indented = "\n".join("  " + line for line in _wrap(DAMAGED, 60).split("\n"))
    for text in (headlines, address, table, one_line_paragraphs, indented):
        assert soft_breaks(text) == [], text
    # a paragraph whose first line alone is indented, as books set them, is wrapped all the same
    book = "\n\n".join(textwrap.fill(p, 66, initial_indent="    ") for p in DAMAGED.split("\n\n"))
    assert len(soft_breaks(book)) == book.count("\n") - 2 > 0
    assert _flat(textfix.fix(book)).replace("    ", "") == textfix.fix(DAMAGED)


def test_rejoin_gives_a_change_over_a_break_its_line_break_back():
    text = "one two three four five six\r\nseven eight nine ten eleven\nend"
    work, edits = unwrap(text, [text.index("\n"), text.index("\n", text.index("\n") + 1)])
    assert work == "one two three four five six seven eight nine ten eleven end"
    first = make(0, 0, "", "X ", "test", "insert", 1.0)  # shifts the breaks after it
    span = "two three four five six seven eight"  # covers the first break
    assert textfix.replay(work, [first])[6 : 6 + len(span)] == span
    drop = make(6, 6 + len(span), span, "", "test", "drop", 1.0)
    changes = rejoin([first, drop], edits)
    assert changes[1].before == "two three four five six\r\nseven eight"
    assert textfix.replay(text, changes) == "X one  nine ten eleven\nend"
    assert textfix.replay(work, [first, drop]) == "X one  nine ten eleven end"


words = st.sampled_from("the talks went on we havent seen its forces said Kyivs Putins and dont now".split())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, min_size=12, max_size=60), min_size=1, max_size=4),
       st.integers(min_value=40, max_value=90), st.sampled_from(["\n", "\r\n"]))
def test_changes_of_wrapped_text_replay_on_it(paragraphs, width, newline):
    text = _wrap("\n\n".join(" ".join(p) + "." for p in paragraphs), width, newline)
    ex = textfix.fix_and_explain(text)
    assert textfix.replay(text, ex.changes) == ex.text
    assert ex.text.count("\n") == text.count("\n") and ex.text.count("\r") == text.count("\r")


def test_unwrap_is_a_boolean_option():
    import pytest

    with pytest.raises(TypeError, match="unwrap"):
        textfix.fix("text", unwrap="no")
    assert textfix.Config().unwrap is True and textfix.Config(unwrap=False).unwrap is False
