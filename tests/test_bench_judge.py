"""benchmarks.judge: each insertion is judged at its own place in the damaged text, across stages."""

import re

from benchmarks.judge import judge_text

LDQ, RDQ, APOS = "\u201c", "\u201d", "\u2019"


def test_a_later_stage_change_before_an_earlier_one_is_judged_where_it_stands():
    # the quotation marks come from the quote stage, after the apostrophes, some of which stand later in
    # the text; ASCII " written for “ and ” counts as right (folded as EVALUATION.md folds)
    g = (f"Most analysts thought it was unlikely that TCI{APOS}s opposition would halt the deal.\n"
         f"{LDQ}Obviously we{APOS}ll have to wait and see, but I don{APOS}t think it will make much difference."
         f" Deutsche Boerse appears very committed,{RDQ} said one London-based broker.\n"
         f"Putin{APOS}s forces and Russia{APOS}s army keep shelling Kyiv{APOS}s suburbs.")
    got = judge_text(g, re.compile(""))
    assert all(right for right, *_ in got), [(c.reason, ctx, deleted) for right, c, ctx, deleted in got if not right]
    quotes = [(ctx, deleted) for _, c, ctx, deleted in got if c.reason.startswith("quote:")]
    assert [d for _, d in quotes] == [LDQ, RDQ]
    assert '["]Obviously well' in quotes[0][0] and 'committed,["] said' in quotes[1][0]
    assert sum(1 for _, c, _, _ in got if c.reason.startswith("possessive:")) == 4


def test_an_insertion_where_the_clean_text_has_nothing_is_judged_wrong():
    # the clean text itself writes ``its going``: the restorer's ``it's`` deleted nothing there
    g = f"Officials said the company{APOS}s lawyers will appeal. The company said its going to appeal."
    got = {c.reason: (right, deleted) for right, c, _, deleted in judge_text(g, re.compile(""))}
    assert got["possessive:companys"] == (True, APOS)
    assert got["contraction:its->it's:next=going"] == (False, "")


def test_under_qmark_a_placeholder_is_judged_by_the_character_it_replaced():
    g = (f"{LDQ}We won{APOS}t back down,{RDQ} the minister said. Is Putin{APOS}s army ready? Officials say"
         f" Russia{APOS}s forces haven{APOS}t moved \u2014 yet.")
    got = judge_text(g, re.compile(""), "qmark")
    assert got and all(right for right, *_ in got), [(c.reason, ctx, lost) for right, c, ctx, lost in got if not right]
    assert {lost for _, _, _, lost in got} >= {LDQ, RDQ, APOS, "\u2014"}
    assert all(c.before == "?" for _, c, _, _ in got)  # the real question mark is never replaced here


def test_under_qmark_replacing_a_real_question_mark_is_wrong():
    from benchmarks import judge

    class Ex:  # what fix_and_explain returns, reduced to what judge_text reads
        def __init__(self, changes):
            self.changes = changes

    from textfix.changes import Change

    g = "Is it ready? Yes."
    real = g.index("?")
    fake = Ex([Change(real, real + 1, "?", RDQ, "restore_placeholders", "placeholder:test", 0.9)])
    import textfix

    orig = textfix.fix_and_explain
    textfix.fix_and_explain = lambda k, **kw: fake
    try:
        got = judge.judge_text(g, re.compile(""), "qmark")
    finally:
        textfix.fix_and_explain = orig
    assert [(right, lost) for right, _, _, lost in got] == [(False, "?")]
