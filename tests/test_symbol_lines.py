"""Placeholders on a line of box drawing, CJK or maths stand for symbols, not for quotes or dashes."""

import textfix

F = "\ufffd"
L = "\u00e2??"  # what ─, │, ’ or ” become under lossy mojibake: the same three characters


def test_fffd_table_line_keeps_its_placeholders_and_prose_lines_are_still_restored():
    text = (f"He said {F}yes{F} today.\n"
            f"lower_bound {F} upper_bound {F * 20} 1.25 {F} 7.41\n"
            f"The war {F} which began in 2014 {F} goes on. It{F}s hard.")
    out = textfix.fix(text).split("\n")
    assert out[1] == text.split("\n")[1]  # the lone │ between two cells is not a spaced dash
    assert out[0] == 'He said "yes" today.'
    assert out[2] == "The war \u2014 which began in 2014 \u2014 goes on. It's hard."


def test_a_run_of_five_placeholders_marks_the_line_but_four_do_not():
    five = f"n {F} zscore {F * 5} 2 {F} 0.75"
    assert textfix.fix(f"It{F}s here.\n{five}").split("\n")[1] == five
    four = f"The war {F} which began in 2014 {F} goes on {F * 4} and on."
    assert "\u2014" in textfix.fix(f"It{F}s here.\n{four}").split("\n")[1]


def test_lossy_remnants_of_a_table_line_become_its_box_drawing_and_say_why():
    text = (f"Kyiv{L}s leaders said {L}we need peace{L} today.\n"
            f"lower_bound {L} upper {L * 6}\u00e2?\u00bc{L * 4} 1.25 {L} 7.41")
    ex = textfix.fix_and_explain(text)
    first, table = ex.text.split("\n")
    assert first == "Kyiv's leaders said \"we need peace\" today."
    assert table == "lower_bound \u2502 upper \u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500 1.25 \u2502 7.41"
    assert {c.reason for c in ex.changes if c.after in "\u2500\u2502\u253c"} == {"placeholder:box-drawing"}
    assert textfix.fix(ex.text) == ex.text


def test_lossy_remnants_on_a_symbol_line_without_a_rule_become_one_replacement_character_each():
    # a formula line: its lone remnants are maths (− × ≤), and three adjacent ones are no rule
    formula = f"x {L} y = z {L} ( a {L} b ) {L * 3} c"
    ex = textfix.fix_and_explain(f"Kyiv{L}s leaders met.\n{formula}")
    assert ex.text.split("\n")[1] == f"x {F} y = z {F} ( a {F} b ) {F * 3} c"
    assert {c.reason for c in ex.changes if c.after == F} == {"placeholder:symbol-line"}
