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
