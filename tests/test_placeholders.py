"""Placeholders (``?``, U+FFFD, lossy mojibake): fixtures, real question marks, and a small corpus check."""

from __future__ import annotations

import bisect
import gzip
import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import textfix
from textfix.changes import replay
from textfix import pipeline
from textfix.fixers import placeholders

from .conftest import shared_dir

# fixtures/placeholders.json runs in tests/test_fixtures.py with every other fixture.


def corpora():
    d = shared_dir()
    return d / "corpora" if d else None


# Real question marks in a document that is clearly qmark-damaged: every one must survive.
REAL = [
    "Why? Because the mayor?s office didn?t know.",
    "It didn?t work. What? Nobody knew.",
    "?Really?? she asked. He didn?t say.",
    "He asked, ?Is it true?? She didn?t answer.",
    "Visit example.com/a?id=3&b=4 for the city?s plan. It wasn?t there.",
    "Is this the end? It isn?t, and it won?t be.",
    "Who knows? The council?s vote didn?t pass.",
    # a real ? after an abbreviation inside a quotation that asks a question (it was read as ”)
    "?Do you talk about what?s great about the U.S.? Or do you not?? Dickson said.",
    # a literal ?? of the source before a word, with nothing on the line to close two opening marks
    "It is working in leadership?s favor. For example, ??Reps. Trent Franks of Arizona sent a letter.",
    # a real ? ending a paragraph inside an open quotation
    "It?s a fact that they didn?t.\n?How can we get quality candidates elected?\nThe response argued otherwise.",
]


@pytest.mark.parametrize("text", REAL)
def test_real_question_marks_survive(text):
    out = textfix.fix(text)
    assert out.count("?") >= 1
    # no ASCII survivor removed: every non-? character of the input is still there in order
    sm = SequenceMatcher(None, text, out, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    assert matched >= len(text) - text.count("?")


@pytest.mark.parametrize("text, kept", [
    # a real ? closing a short quotation's question, before the question that follows (a quotation its
    # source never closed): not read as the quotation's closing mark
    ("The nickname ?Beto,? as in ?Beto O?Rourke? Would he do so in Maine? It didn?t.", "O'Rourke? Would he"),
    ("She asked, ?Why me? Is it fair? It didn?t help.", "Why me? Is it"),
])
def test_question_before_a_question_stays(text, kept):
    assert kept in textfix.fix(text)


@pytest.mark.parametrize("text, expected", [
    # a short title that starts with a question word, or a nickname, still takes its closing mark
    ("It is the age of ?Do Harm? Medicine, and we?re all ?patients? of it.",
     'It is the age of "Do Harm" Medicine, and we\'re all "patients" of it.'),
    ("He said it was ?What Happened? And then it wasn?t there.", 'He said it was "What Happened" And then it wasn\'t there.'),
])
def test_short_titles_still_close(text, expected):
    assert textfix.fix(text) == expected


def test_question_mark_contexts_stay():
    text = "The mayor?s team didn?t know. Why? Because. What? Really?\nDid it?"
    out = textfix.fix(text)
    assert out == "The mayor's team didn't know. Why? Because. What? Really?\nDid it?"


def test_gate_clean_question_marks():
    text = "What? Why? Is it over? ?id=3 Really?"
    assert textfix.fix(text) == text


def test_explained_changes_replay():
    text = "?We need this now,? said the mayor, who didn?t stay ? not even an hour."
    e = textfix.fix_and_explain(text)
    assert replay(e.original, e.changes) == e.text
    assert all(c.fixer == "restore_placeholders" for c in e.changes)
    assert all(c.reason.startswith("placeholder:") for c in e.changes)


def test_lossy_form():
    assert placeholders.lossy_form("\u2019") == "\u00e2??"
    assert placeholders.lossy_form("\u00c9") == "\u00c3?"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ABC?.,\n'\"\ufffd\u00e2\u00c3")), max_size=60))
def test_no_crash_replay_and_newlines(text):
    e = textfix.fix_and_explain(text)
    assert replay(e.original, e.changes) == e.text
    assert e.text.count("\n") == text.count("\n")


def _dev_docs(n):
    base = corpora()
    if base is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED)")
    from textfix.lexicon.split import doc_split

    out = []
    with gzip.open(base / "allsides-abp" / "curly.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) == "dev":
                out.append(unicodedata.normalize("NFC", d["content_original"]))
                if len(out) >= n:
                    break
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["qmark", "fffd"])
def test_corpus_sample(kind):
    """On real news: most placeholders are restored, few wrong, and no ASCII survivor is lost."""
    docs = _dev_docs(25)
    fold = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "\u2014"})
    restored = damaged = wrong = 0
    for g in docs:
        kd = g.encode("ascii", "replace").decode() if kind == "qmark" else "".join(c if ord(c) < 128 else "\ufffd" for c in g)
        od = textfix.fix(kd)
        for para, o in zip(g.split("\n"), od.split("\n")):
            if para.isascii():
                continue
            gf, of = para.translate(fold), o.translate(fold)
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, gf, of, autojunk=False).get_opcodes():
                seg_o = of[j1:j2]
                if tag == "equal":
                    restored += sum(1 for c in para[i1:i2] if ord(c) > 127)
                else:
                    wrong += sum(1 for c in seg_o if c not in "?\ufffd")
            damaged += sum(1 for c in para if ord(c) > 127)
    assert damaged > 500
    assert restored / damaged >= 0.93
    assert wrong / max(restored, 1) <= 0.04


@pytest.mark.corpus
def test_corpus_lossy_no_remnant_left():
    """Lossy mojibake on real news: no ``â??``-style remnant is left (each is read or reduced to ``?``),
    mostly correctly, and a second fix() changes nothing."""
    docs = _dev_docs(25)
    fold = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "\u2014"})
    lossy = lambda s: s.encode("utf-8").decode("cp1252", "replace").encode("latin-1", "replace").decode("latin-1")
    right = total = 0
    for g in docs:
        if g.isascii():
            continue
        out = textfix.fix(lossy(g))
        assert not any(m for m in ("\u00e2??", "\u00e2\u20ac?") if m in out)
        assert textfix.fix(out) == out
        gf, of = g.translate(fold), out.translate(fold)
        total += sum(1 for c in g if ord(c) > 127)
        right += sum(b.size for b in SequenceMatcher(None, gf, of, autojunk=False).get_matching_blocks()) - sum(
            1 for c in g if ord(c) < 128)
    assert total > 500
    assert right / total >= 0.95


def test_table_from_environment(tmp_path, monkeypatch):
    """TEXTFIX_PLACEHOLDER_DATA loads another table (a held-out build) instead of the shipped one."""
    alt = tmp_path / "ph.json.gz"
    with gzip.open(alt, "wt", encoding="utf-8") as f:
        json.dump({"version": 2, "q": {"3:a|a|0": {"L": 9}}, "k": {}, "s_next": {}}, f)
    monkeypatch.setenv(placeholders.DATA_ENV, str(alt))
    placeholders.table.cache_clear()
    try:
        assert placeholders.table()["q"] == {"3:a|a|0": {"L": 9}}
    finally:
        monkeypatch.delenv(placeholders.DATA_ENV)
        placeholders.table.cache_clear()
    assert len(placeholders.table()["q"]) > 100


@pytest.mark.parametrize("text, british", [
    ("Mr Blair said so.", True),                        # a title without a full stop
    ("The deal is worth ?30m to the club.", True),      # a sterling amount whose sign was lost
    ("The programme was realised last year.", True),    # British spellings
    ("The programme was about the color of the center.", False),  # more American spellings
    ("Mr. Trump said so.", False),
    ("The company said it would realize gains.", False),
    ("The ban starts on 17 April, the board said.", True),           # a date written day first
    ("The ban starts on April 17, the board said.", False),
    ("From 1 May to June 30 and July 4, it said.", False),            # more dates month first
    ("It sold 12 May-branded phones, up 5.4 March on March.", False),  # no date: a count, a decimal
])
def test_british_style(text, british):
    from textfix.fixers.placeholders import british_style

    assert british_style(text) is british


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="MrsD _.9aAxé\n", max_size=16))
def test_british_title_matches_its_word_boundary_form(text):
    # BRITISH_TITLE is written to start at the capital (the search skips ahead at C speed); it must find
    # exactly what ``\b(?:Mr|Mrs|Ms|Dr) [A-Z]`` finds
    import re

    ref = re.compile(r"\b(?:Mr|Mrs|Ms|Dr) [A-Z]")
    assert [m.span() for m in placeholders.BRITISH_TITLE.finditer(text)] == [m.span() for m in ref.finditer(text)]


@pytest.mark.parametrize("rest, balance", [
    (" A.\ue000 X said: \ue000C.\ue000 Y.", 1),                # a reopened quotation: closes, opens, closes
    (" A. \ue000B.\ue000 Y.", 0),                           # it opens again
    (" A,\ue000 I said. D.\ue000 Y.", 2),                     # a nested single one, then the double one
    (" A.\ue000\ue000 Y.", 2),                                 # a run after a full stop closes both
    (" A\ue000\ue000 Y.", 1),                                  # after a word: a question mark and one mark
    (" don\ue000t \ue000 it\ue000s", 0),                       # inside a word or spaced: no slot
    (" A \ue000B \ue000C.\ue000", -1),
    (" A.\ue000\nB.\ue000", 1),                                # only the line's own slots count
])
def test_slot_balance(rest, balance):
    sk = "\ue000" + rest
    assert placeholders._slot_balance(sk, 0, sk.find("\n") if "\n" in sk else len(sk)) == balance


@pytest.mark.parametrize("sk, at, expected", [
    ("said: \ue000We", 6, True),
    ("said: \ue000\ue000We", 6, True),     # a run: the marks after the first are skipped
    ("the \ue00096 welfare", 4, False),    # before a number: maybe an apostrophe read as a quotation
    ("was \ue000the worst", 4, False),
    ("x", -1, False),                      # no open quotation
])
def test_opens_sentence_at(sk, at, expected):
    assert placeholders._opens_sentence_at(sk, at) is expected


def test_unsettled_looks_at_the_changed_lines_only():
    from textfix.changes import Change

    text = "He said \u201cno\u201d? Maybe.\nWhy not?\nAll done."
    at = text.index("\u201d")
    ch = [Change(at, at + 1, "?", "\u201d", "restore_placeholders", "t", 0.9)]
    # a ``?`` left on the changed line: another pass may read it from its new neighbours
    assert placeholders.unsettled(text, ch)
    # the changed line has no unit left; the ``?`` of the next line is read as before
    text2 = text.replace("\u201d? Maybe", "\u201d. Maybe")
    assert not placeholders.unsettled(text2, ch)
    # a change at the end of a line reaches the line's end only, not the next line
    end = text2.index("\n")
    assert not placeholders.unsettled(text2, [Change(end - 1, end, ".", ".", "restore_placeholders", "t", 0.9)])
    assert placeholders.unsettled(text2, [Change(end + 1, end + 2, "W", "W", "restore_placeholders", "t", 0.9)])
    assert not placeholders.unsettled(text2, [])
    # the spans are the touched lines that hold a unit
    assert placeholders.unsettled(text, ch) == [(0, text.index("\n"))]
    two = [Change(at, at + 1, "?", "\u201d", "restore_placeholders", "t", 0.9),
           Change(text.index("Why"), text.index("Why") + 1, "W", "W", "restore_placeholders", "t", 0.9)]
    nl = text.index("\n")
    # (two touched lines next to each other make one span)
    assert placeholders.unsettled(text, two) == [(0, text.index("\n", nl + 1))]
    # a touched line at the head of a block of lines that open with a placeholder (bullets) takes the block
    bullets = "Intro ? line.\n?One\n?Two\n?Three\nEnd here.\n?Four"
    at = bullets.index("?Two")
    assert placeholders.unsettled(bullets, [Change(at + 1, at + 2, "T", "T", "restore_placeholders", "t", 0.9)]) == [
        (bullets.index("?One"), bullets.index("\nEnd"))]
    # a change that spans a line break touches both lines, one span
    joined = [Change(nl - 1, nl + 2, "? W", "\u201d\nW", "restore_placeholders", "t", 0.9)]
    assert placeholders.unsettled(text, joined) == [(0, text.index("\n", nl + 1))]


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["qmark", "fffd"])
def test_skipped_passes_change_nothing(kind, monkeypatch):
    """The placeholder stage stops re-reading a document when no unit is left on a line it changed
    (:func:`placeholders.unsettled`): on real news, every pass run anyway gives the same result, and
    some documents do need a second pass."""
    docs = _dev_docs(400)
    texts = [g.encode("ascii", "replace").decode() if kind == "qmark" else "".join(c if ord(c) < 128 else "\ufffd" for c in g)
             for g in docs]
    skipping = [textfix.fix_and_explain(t) for t in texts]
    calls = []
    unsettled = placeholders.unsettled

    def always(text, changes):
        calls.append(unsettled(text, changes))
        return [(0, len(text))]

    monkeypatch.setattr(placeholders, "unsettled", always)
    full = [textfix.fix_and_explain(t) for t in texts]
    assert [] in calls, "no pass was skipped on the sample: the test proves nothing"
    assert any(c and sum(b - a for a, b in c) < 0.5 * len(t) for c, t in zip(calls, texts)), "no pass was narrowed"
    monkeypatch.setattr(pipeline, "_REPEAT", {})
    once = [textfix.fix(t) for t in texts]
    assert once != [e.text for e in skipping], "no document needed a second pass: the test proves nothing"
    assert [e.text for e in full] == [e.text for e in skipping]
    assert [e.changes for e in full] == [e.changes for e in skipping]


def test_closing_mark_left_before_a_later_one_searches_once_per_line(monkeypatch):
    """A long line of closing slots inside a quotation that closes at the line's end: each slot's mark is
    left (:func:`placeholders._closes_later`), and the line is searched for the later closing mark a few
    times, not once per slot (which made such a line quadratic)."""
    calls = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, *args):
            calls.append(args[1:])
            return self.pattern.search(*args)

    monkeypatch.setattr(placeholders, "_LATER_SLOT", Counting(placeholders._LATER_SLOT))
    n = 300
    text = "?He said the words " + "went away? and " * n + "it ended.?\nKyiv?s mayor didn?t know."
    out = textfix.fix(text)
    assert out.startswith('"He said the words went away? and went away? and')
    assert out.count("away?") == n and 'it ended."' in out
    assert 1 <= len(calls) <= 3, len(calls)


def test_table_decisions_kept_across_documents_change_nothing(monkeypatch):
    """The table path's decisions are kept across documents (:func:`placeholders._window_memo`): the
    fixtures' ``?`` and U+FFFD texts, each fixed after all the others, come out as with a fresh memo for
    every document, and the memo stays within its bound."""
    cases = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "placeholders.json").read_text("utf-8"))
    texts = [c["original"] for c in cases if "?" in c["original"] or "\ufffd" in c["original"]]
    texts += [t.replace("?", "\ufffd") for t in texts]
    assert len(texts) > 100
    shared = [textfix.fix(t) for t in texts] + [textfix.fix(t) for t in reversed(texts)]
    monkeypatch.setattr(placeholders, "_window_memo", lambda tab: ({}, {}))
    fresh = [textfix.fix(t) for t in texts]
    assert shared[: len(texts)] == fresh
    assert shared[len(texts):] == fresh[::-1]
    monkeypatch.undo()
    monkeypatch.setattr(placeholders, "WINDOW_MEMO_MAX", 50)
    sizes = []
    for t in texts:
        textfix.fix(t)
        _, memo, by_keys = placeholders._window_memos
        sizes.append(len(memo))
        assert len(memo) <= 50 and len(by_keys) <= 50
    assert max(sizes) == 50  # (the bound was reached, and the memo started afresh)


def _explained(text: str):
    ex = textfix.fix_and_explain(text)
    return ex.text, [(c.start, c.end, c.after, c.reason, round(c.confidence, 6)) for c in ex.changes]


@pytest.mark.parametrize("block", [1, 64])
def test_blocks_of_lines_change_nothing(monkeypatch, block):
    """The main loop reads the skeleton block by block (:data:`placeholders.FILL_BLOCK`): the fixtures' ``?``
    and U+FFFD texts, alone and joined into one document of many lines, come out the same with a block
    for every line (or every few) as with one block for the whole text."""
    cases = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "placeholders.json").read_text("utf-8"))
    texts = [c["original"] for c in cases if "?" in c["original"] or "\ufffd" in c["original"]]
    texts += [t.replace("?", "\ufffd") for t in texts]
    docs = texts + ["\n".join(texts[: len(texts) // 2]), "\n".join(texts[len(texts) // 2 :])]
    monkeypatch.setattr(placeholders, "FILL_BLOCK", 10**9)
    whole = [_explained(t) for t in docs]
    assert min(d.count("\n") for d in docs[-2:]) > 50
    monkeypatch.setattr(placeholders, "FILL_BLOCK", block)
    assert [_explained(t) for t in docs] == whole


def _fill_lengths(monkeypatch) -> list[int]:
    """The lengths of the skeleton strings that :func:`placeholders._letter_fill` is called with, from now on."""
    seen: list[int] = []
    real = placeholders._letter_fill

    def spy(s, *args):
        seen.append(len(s))
        return real(s, *args)

    monkeypatch.setattr(placeholders, "_letter_fill", spy)
    return seen


def test_letter_fills_on_many_lines_read_a_block_not_the_text(monkeypatch):
    """Each letter fill rebuilds the skeleton string it reads: on a text of many lines that string is a
    block of lines (about :data:`placeholders.FILL_BLOCK` characters), not the whole text, so that a text
    of fills on every line costs time in proportion to its length."""
    seen = _fill_lengths(monkeypatch)
    monkeypatch.setattr(placeholders, "FILL_BLOCK", 2_000)
    text = "He said ?we won?t go? and the caf? was shut.\n" + "the caf? is open.\n" * 2_000
    out = textfix.fix(text)
    assert out.count("the café is open.\n") == 2_000 and out.startswith("He said \"we won't go\" and the café")
    assert len(seen) >= 2_000
    assert max(seen) < 2_000 + 2 * placeholders.BLOCK_MARGIN + 100 < len(text) // 10


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "caf\ue000", "Shut.", "He", "went", "\n", "x" * 30, "a.b"]), max_size=120))
def test_cut_long_lines_cuts_only_long_lines_at_spaces(words):
    """:func:`placeholders._cut_long_lines` keeps the length, puts a line break only where a space was, in a
    line longer than twice the piece's length, between two lower-case letters or after a sentence end
    before a capital, and leaves every piece at least that long."""
    sk = " ".join(words).replace(" \n ", "\n")
    out = placeholders._cut_long_lines(sk, 20, 15)
    assert len(out) == len(sk)
    old_lines = sk.split("\n")
    for i, (a, b) in enumerate(zip(sk, out)):
        if a != b:
            assert a == " " and b == "\n"
            assert (sk[i - 1].islower() and sk[i + 1].islower()) or (sk[i - 1] == "." and sk[i + 1].isupper())
    pos = 0
    for line in old_lines:
        pieces = out[pos : pos + len(line)].split("\n")
        if len(line) <= 40:
            assert len(pieces) == 1
        else:
            assert all(len(p) >= 19 for p in pieces)  # (at least LINE_PIECE, less the cut's space)
        pos += len(line) + 1


def test_letter_fills_on_one_long_line_read_a_piece(monkeypatch):
    """One very long line is read in pieces cut between sentences (:data:`placeholders.LINE_PIECE`): each
    letter fill rebuilds a piece's block, not the whole line, and a line of the same paragraph repeated
    comes out as the paragraph's own repair repeated (quotations, apostrophes and letters unchanged)."""
    seen = _fill_lengths(monkeypatch)
    monkeypatch.setattr(placeholders, "LINE_PIECE", 1_000)
    monkeypatch.setattr(placeholders, "FILL_BLOCK", 1_000)
    one = "He said ?we won?t go? and the caf? was shut. ?I?m not sure,? she said."
    fixed = textfix.fix(one)
    assert fixed == 'He said "we won\'t go" and the café was shut. "I\'m not sure," she said.'
    text = " ".join([one] * 2_000)
    assert textfix.fix(text) == " ".join([fixed] * 2_000)
    assert len(seen) >= 2_000 and max(seen) < 3 * 1_000 + 2 * placeholders.BLOCK_MARGIN < len(text) // 10


def test_skeleton_blocks_cover_whole_lines():
    sk = "ab\x00c\nxx\n\x00\x00 d\n\nq\x00\nend"
    idx = [i for i, c in enumerate(sk) if c == "\x00"]
    for size in (1, 3, 6, 100):
        blocks = placeholders._skeleton_blocks(sk, idx, size)
        assert blocks[0][0] == 0 and blocks[-1][3] == len(idx)
        for (a, b, n0, n1), nxt in zip(blocks, blocks[1:] + [None]):
            assert n0 < n1 and all(a <= idx[k] < b for k in range(n0, n1))
            assert b == len(sk) or sk[b - 1] == "\n"
            if nxt:
                assert nxt[0] == b and nxt[2] == n1 and b - a >= size
    assert len(placeholders._skeleton_blocks(sk, idx, 1)) == 3
    assert len(placeholders._skeleton_blocks(sk, idx, 100)) == 1


def _any_closer_plain(sk, starts, i, line_end):
    # the definition, searched afresh for every unit
    a = bisect.bisect_right(starts, i)
    for j in starts[a : a + 200]:
        if j >= line_end:
            break
        if placeholders._closes_any(sk, j):
            return True
    return any(c in sk[i + 1 : line_end] for c in "\u201d\u2019\"'")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=[placeholders.PH, " ", "a", "B", ".", "\u201d", "'", "\n"], max_size=120),
       st.lists(st.integers(0, 119), max_size=30))
def test_any_closer_with_its_cache_is_the_plain_search(sk, asked):
    """:func:`placeholders._any_closer` keeps what it read of a line between units: asked in the loop's
    order, with the skeleton changed in between (a letter fill) or not, it answers as the plain search."""
    starts = [k for k, c in enumerate(sk) if c == placeholders.PH]
    cache: list = []
    for i in sorted(set(asked)) + sorted(set(asked))[:3]:
        if i >= len(sk):
            continue
        line_end = sk.find("\n", i)
        line_end = len(sk) if line_end < 0 else line_end
        assert placeholders._any_closer(sk, starts, i, line_end, cache) == _any_closer_plain(sk, starts, i, line_end)
        if i % 7 == 0:
            sk = sk[:i] + sk[i:]  # a new string, equal: the cache must not care


def test_any_closer_reads_200_units_on():
    ph = placeholders.PH
    sk = "x" + (" " + ph + ph + "R") * 150 + " a." + ph + " b\nnext" + ph + "."
    starts = [k for k, c in enumerate(sk) if c == ph]
    line_end = sk.find("\n")
    cache: list = []
    got = [placeholders._any_closer(sk, starts, i, line_end, cache) for i in starts[:-1]]
    assert got == [_any_closer_plain(sk, starts, i, line_end) for i in starts[:-1]]
    # the line's closing unit (after ``a.``) is unit 300: within 200 units of units 100 to 299 only
    assert got[:100] == [False] * 100 and got[100:300] == [True] * 200 and got[300] is False


def test_number_openers_read_each_lines_later_marks():
    """:func:`placeholders._number_openers` finds a line's last intact double mark once: an opening mark
    before a number is kept where an intact one follows it on its line, and left where none follows (the
    second on the first line, both on a line without any), as the search from each mark found."""
    from textfix.changes import Change

    text = 'Sold for ?5 and "more" then ?6 units.\nA ?7 and ?8 here.\nThe ?9 "ok" end.'
    out = [Change(m, m + 1, "?", "\u201c", "restore_placeholders", "t", 0.9)
           for m in (k for k, c in enumerate(text) if c == "?")]
    kept = [text[ch.end] for ch in placeholders._number_openers(out, text)]
    assert kept == ["5", "9"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=[placeholders.PH, " ", "a", "s", "B", ".", ",", "\u201c", "\u201d", "'", "(", "\n"], max_size=120),
       st.lists(st.integers(0, 119), max_size=30))
def test_slot_balance_with_its_cache_is_the_plain_count(sk, asked):
    """:func:`placeholders._slot_balance` keeps a line's marks and their sums (a line of thousands of
    quotations that open again read its marks once for each): asked in the loop's order, it counts as
    without the cache."""
    cache: list = []
    for i in sorted(set(asked)):
        if i >= len(sk):
            continue
        line_end = sk.find("\n", i)
        line_end = len(sk) if line_end < 0 else line_end
        assert placeholders._slot_balance(sk, i, line_end, cache) == placeholders._slot_balance(sk, i, line_end)
        plain = sum(placeholders._slot_count(sk, m.start()) for m in placeholders._SLOT_MARK.finditer(sk, i + 1, line_end))
        assert placeholders._slot_balance(sk, i, line_end) == plain


def test_slot_balance_counts_the_example_slots():
    ph = placeholders.PH
    # ``“A. ‘B.’ I said, ‘C?’ D.”`` after the first opening: ‘B (-1) B.’ (+1) ‘C (-1) C?’ (+1) D.” (+1)
    sk = f"{ph}A. {ph}B.{ph} I said, {ph}C?{ph} D.{ph}"
    assert placeholders._slot_balance(sk, 0, len(sk)) == 1
    assert placeholders._slot_balance(sk, sk.index("I"), len(sk), []) == 1


# Letters that the letters restorer reads in the word without its placeholders (:func:`placeholders._judged_fill`)
JUDGED = [
    ("?It?s time,? said Marielena Hincapi?, who didn?t stay.", "Hincapié"),
    ("It?s over, said Abdullah ?calan, who didn?t stay. ?calan fled.", "Öcalan fled"),
    ("Hincapi? didn?t stay. Marielena Hincapi? said so. It?s Hincapi??s plan.", "Hincapié didn't"),
    # the rarer names of other languages (:func:`placeholders._rare_fill`)
    ("It?s got vodka, Goldschl?ger gold-leaf schnapps, and it isn?t bad.", "Goldschläger"),
    ("France?s health minister Olivier V?ran told reporters it wasn?t over.", "Véran"),
    # a French elision whose apostrophe is a placeholder too (:func:`placeholders._elision_fill`)
    ("Louis XIV said: L??tat, c?est moi. It wasn?t, and he didn?t say.", "L'état"),
]


@pytest.mark.parametrize("text,expected", JUDGED)
def test_judged_letters_fill_only_placeholders(text, expected, monkeypatch):
    """Every change of the judged and same-document readings replaces one placeholder with one letter, and
    without them (``JUDGED_FILLS`` off) the word keeps its placeholder or gets a mark instead."""
    for t in (text, text.replace("?", "\ufffd")):
        ex = textfix.fix_and_explain(t)
        assert expected in ex.text, ex.text
        judged = [c for c in ex.changes if ":judged-" in c.reason or ":same-doc" in c.reason]
        assert judged
        assert all(c.before in ("?", "\ufffd") and len(c.after) == 1 and (c.after.isalpha() and not c.after.isascii()
                   or c.after in ("'", "\u2019") and "elision" in c.reason) for c in judged)
    monkeypatch.setattr(placeholders, "JUDGED_FILLS", False)
    assert expected not in textfix.fix(text)


def test_judged_candidates_need_the_placeholders_shape():
    """The candidates of :func:`placeholders._judged_cands` have their accented letters where the placeholders
    are, and a placeholder before a suffix that spells a known possessive has none (``march?s``)."""
    ph = placeholders.PH
    assert [c.word for c in placeholders._judged_cands("Hincapi" + ph)] == ["hincapié"]
    assert placeholders._judged_cands("Hinc" + ph + "api") == ()
    assert placeholders._judged_cands("march" + ph + "s") == ()
    assert placeholders._judged_cands("didn" + ph + "t") == ()


def test_rare_name_patterns_hold_every_rarer_name():
    """:func:`placeholders._judged_patterns`, built from the index's string of rarer names without their
    look-up table, holds the ``?`` pattern of every rarer name that table holds, and the ``foreign``
    words' patterns."""
    from textfix.lexicon import accents

    pats = placeholders._judged_patterns()
    names = accents.rare_foreign().values()
    assert len(names) > 100_000
    assert all(placeholders._NON_ASCII.sub("?", w).lower() in pats for w in names)
    assert set(placeholders._foreign_by_pattern()) <= pats


def test_lower_sibling_keeps_a_common_word_in_lower_case():
    """A word that opens with an accented letter and that clean news never wrote is capitalised as a name,
    unless clean news writes its singular or plural in lower case (:func:`placeholders._lower_sibling`:
    étoiles, from étoile); a name's sibling (Élysée) does not count, nor a word with none."""
    assert placeholders._lower_sibling("étoiles")
    assert not placeholders._lower_sibling("élysées")
    assert not placeholders._lower_sibling("öcalan")


def _passage_fills(text: str) -> dict:
    from textfix.fixers import letters

    return letters.placeholder_passages(text, letters.passage_languages({w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)}))


def test_placeholder_passages_read_only_sentences_of_the_language():
    """:func:`textfix.fixers.letters.placeholder_passages`: a French sentence's placeholders are its words'
    letters (a word that ends in one before a capital is left: that may be a real question mark), the
    English sentences of the same document are not read, and a document without the language's function
    words is not looked at."""
    fr = "Pour nous, la ville est en ?tat de si?ge depuis une semaine. Mais qui est arriv? Nous ne savons pas."
    en = " The mayor?s caf? was shut, and the r?gime is new."
    got = _passage_fills(fr + en)
    assert {fr[k - 3 : k + 4]: v[0] for k, v in got.items()} == {"en ?tat": "é", " si?ge ": "è"}
    assert all(v[2].endswith("passage-fr") for v in got.values())
    assert _passage_fills(fr.replace("arriv? Nous", "arriv? nous")).get(fr.index("arriv?") + 5, ("",))[0] == "é"
    assert _passage_fills("La ville est en ?tat de si?ge." + en) == {}  # (too few of French's own words)
    # French sets a space before a question mark: between a French word and a capital it is left
    q = fr + " Son bras droit ? Alors, il est parti."
    assert _passage_fills(q)[q.index("droit ?") + 6][0] is None
    assert textfix.fix(q).endswith("Son bras droit ? Alors, il est parti.")


# The stage looks for some patterns' characters with ``str.find`` (written-out copies of the patterns, for
# speed): each copy must find what its pattern finds.

def test_written_out_pattern_characters():
    from textfix.diagnose import URLISH

    assert URLISH.pattern == r"[/=&@]|www\.|https?:"  # (what diagnose._URLISH_PIECES spells out)
    for chars, pattern in ((placeholders._DQ_CHARS, placeholders._DQ_INTACT),
                           (placeholders._SLOT_CHARS, placeholders._SLOT_MARK)):
        assert {chr(c) for c in range(0x10000) if pattern.fullmatch(chr(c))} == set(chars)
    found = {chr(c) for c in range(0x10000) if placeholders._QUOTE_CHAR.search(" " + chr(c) + " ")}
    assert found == set(placeholders._QUOTE_CHARS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(" \n/=&@wht:ps?a.") + ["www.", "http:", "https:"]), max_size=30).map("".join))
def test_url_tokens(text):
    """A ``?`` lies in a token of :func:`placeholders._url_tokens` exactly when its space- or line-delimited
    token holds a URLISH match."""
    from textfix.diagnose import URLISH

    starts, ends = placeholders._url_tokens(text, ((0, len(text)),))
    for p, c in enumerate(text):
        if c != "?":
            continue
        a = max(text.rfind(" ", 0, p), text.rfind("\n", 0, p)) + 1
        m = placeholders._SEP.search(text, p)
        b = m.start() if m else len(text)
        k = bisect.bisect_right(starts, p) - 1
        assert (k >= 0 and p < ends[k]) == bool(URLISH.search(text, a, b))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(" ?\ufffd-(RDICFtvsula190\n") + ["vis", " vu", " la ", " 19", " 20", "(R?", "-?-"]),
                max_size=30).map("".join))
def test_phrase_hint_is_the_patterns_search(text):
    """:func:`placeholders._phrase_hint` tries :data:`placeholders._PHRASE_HINT` at the placeholders only, and
    finds what its search finds."""
    assert placeholders._phrase_hint(text) == bool(placeholders._PHRASE_HINT.search(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["?", "\ufffd", "a", " ", "\n", "?\ufffd" * 8, "?" * 16]), max_size=30).map("".join))
def test_unit_positions_and_long_runs_are_the_patterns(text):
    """:func:`placeholders._unit_positions` finds the ``?`` and U+FFFD that :data:`placeholders._UNIT_Q` finds,
    on the whole text and on some of its lines; :func:`placeholders._long_run_possible` says whether
    :data:`placeholders._LONG_RUN` finds a run."""
    lines, pos = [], 0
    for k, line in enumerate(text.split("\n")):
        if k % 2:
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for spans in (((0, len(text)),), lines):
        assert list(placeholders._unit_positions(text, spans)) == [
            m.start() for a, b in spans for m in placeholders._UNIT_Q.finditer(text, a, b)]
    assert placeholders._long_run_possible(text) == bool(placeholders._LONG_RUN.search(text))


def _formula_lines_by_tokens(text, units):
    """:func:`placeholders._formula_lines` as it reads each line's tokens (``str.split``), for the test below."""
    out, line_end = [], -1
    for s, e, _ in units:
        if s < line_end:
            continue
        a = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", s)
        if line_end == -1:
            line_end = len(text)
        line = text[a:line_end]
        toks = line.split()
        if len(toks) < placeholders.FORMULA_TOKENS:
            continue
        single = list(map(len, toks)).count(1)
        if not line.isascii() and placeholders._LOSSY_LEAD.search(line):
            single += sum(1 for t in toks if len(t) > 1 and placeholders.LOSSY_UNIT.fullmatch(t))
        if single >= placeholders.FORMULA_SINGLE_SHARE * len(toks):
            out.append(s)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("ab?= \n\t\x1c\x0b\ufffd\u00a0\u2003+") + ["\u00c3?", "\u00e2??", "\u00c3\ufffd", "xy"]),
                max_size=60).map("".join))
def test_formula_lines_count_tokens_on_the_lines_shape(text):
    """:func:`placeholders._formula_lines` finds the formula lines that the lines' tokens show."""
    units = [(p, p + 1, "q") for p, c in enumerate(text) if c in "?\ufffd"]
    assert placeholders._formula_lines(text, units) == _formula_lines_by_tokens(text, units)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(" \n?\ufffd(,;aRDICT.") + ["Copyright ", "copyright ", " 2019 ", " 1999 ", "LLC", " la ",
                                                             "Harvey", "UT)", "Calif.)", "D.C.)", ", x)", "All rights"]),
                max_size=30).map("".join))
def test_anchored_phrases_find_what_their_search_finds(text):
    """The phrase patterns tried only where their pieces start (:func:`placeholders._anchored_matches`) find
    the matches of their search."""
    for (pat, _), (pieces, _, anchored) in zip(placeholders._PHRASES, placeholders._PHRASE_PIECES):
        if anchored:
            assert [m.span() for m in placeholders._anchored_matches(pat, text, pieces)] == [
                m.span() for m in pat.finditer(text)]


def test_a_menu_lines_qmark_separators_are_left():
    # a page's menu whose separators (bullets, bars or dashes: nothing says which) became ``?``
    page = ("HOME ? CLASSIFIEDS ? MANAGE SUBSCRIPTIONS ? COMMUNITY ? EVENTS\n"
            "The photographers stood outside the car ? and even on it ? taking pictures, he said.\n"
            "Football ? Formula 1 ? Golf ? Sailing ? More Topics\n"
            "Obama?s aides said the vote was ?historic? on Monday.")
    out = textfix.fix(page)
    lines = out.split("\n")
    assert lines[0] == "HOME ? CLASSIFIEDS ? MANAGE SUBSCRIPTIONS ? COMMUNITY ? EVENTS"
    assert lines[2] == "Football ? Formula 1 ? Golf ? Sailing ? More Topics"
    assert lines[1] == "The photographers stood outside the car \u2014 and even on it \u2014 taking pictures, he said."
    assert lines[3] == "Obama's aides said the vote was \"historic\" on Monday."  # (the page's ASCII style)
    # two separators, or an item of a sentence's length, are no menu: dashes
    two = "Football ? Formula 1 ? Golf\n" + page.split("\n", 1)[1]
    assert textfix.fix(two).split("\n")[0] == "Football \u2014 Formula 1 \u2014 Golf"
    long = "Senators met on Monday ? the vote was delayed again by the leaders of both parties ? Aides said so ? Nobody knows"
    assert textfix.fix(long + "\n" + page.split("\n", 1)[1]).split("\n")[0] == long.replace(" ? ", " \u2014 ")
