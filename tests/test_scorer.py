"""The benchmark scorer on hand-made cases (EVALUATION.md definitions)."""

import pytest

from benchmarks.damage import KINDS, damage, damage_text, prepare
from benchmarks.score import CLASSES, classify, fold, score

APOS, LSQ, LDQ, RDQ, EM, EN = "\u2019", "\u2018", "\u201c", "\u201d", "\u2014", "\u2013"


def sc(g, o, kind="ascii-ignore", strict=False):
    g = prepare(g)
    return score(g, damage(g, kind), o, strict=strict).metrics()


# --- damage -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_damage_matches_whole_string_definition(kind):
    g = prepare(f"Kyiv{APOS}s {LDQ}caf\u00e9{RDQ} {EM} \u00a35 \u20ac3 na\u00efve \u2122 \U0001f600 end.")
    d = damage(g, kind)
    assert d.text == damage_text(g, kind)
    assert len(d.survivor) == len(d.text) == len(d.placeholder)
    assert sum(d.survivor) == sum(1 for c in g if c < "\x80")


def test_damage_examples():
    g = f"Kyiv{APOS}s"
    assert damage_text(g, "ascii-ignore") == "Kyivs"
    assert damage_text(g, "qmark") == "Kyiv?s"
    assert damage_text(g, "fffd") == "Kyiv\ufffds"
    assert damage_text(g, "mojibake") == "Kyiv\u00e2\u20ac\u2122s"
    assert damage_text(g, "lossy-mojibake") == "Kyiv\u00e2??s"
    d = damage(g, "lossy-mojibake")
    assert d.placeholder == (False,) * 5 + (True, True) + (False,)


def test_prepare_nfc_and_invisible():
    assert prepare("cafe\u0301 co\u00adop a\u200bb \u2764\ufe0f") == "caf\u00e9 coop ab \u2764"


# --- classes ------------------------------------------------------------------------------------------

def cls_of(text, ch):
    return classify(text)[text.index(ch)]


def test_classes_apostrophe_rule():
    assert cls_of(f"Kyiv{APOS}s", APOS) == "apostrophe"
    assert cls_of(f"don{APOS}t", APOS) == "apostrophe"
    assert cls_of(f"the {APOS}90s", APOS) == "apostrophe"
    assert cls_of(f"the players{APOS} union", APOS) == "apostrophe"
    assert cls_of(f"the 1990s{APOS} boom", APOS) == "apostrophe"
    assert cls_of(f"the word {LSQ}s{APOS} here", APOS) == "quote"  # a lone s is no word-final s
    # A closing single quotation after a word-final s is a quote when one is open.
    t = f"he said {LSQ}we love the Jets{APOS} today"
    assert classify(t)[t.index(LSQ)] == "quote"
    assert classify(t)[t.index(APOS)] == "quote"
    t = f"{LSQ}seizes Tiger territory{APOS} said"
    assert [classify(t)[i] for i in (0, t.index(APOS))] == ["quote", "quote"]
    assert cls_of("x \u02bcokina", "\u02bc") == "apostrophe"


def test_classes_other():
    t = f"{LDQ}a{RDQ} {EM}{EN}\u2015 \u00e9\u00f6 \u00a0\u2009 \u00a3\u20ac\u00b0\u2026"
    c = classify(t)
    assert [c[t.index(x)] for x in (LDQ, RDQ)] == ["quote", "quote"]
    assert [c[t.index(x)] for x in (EM, EN, "\u2015")] == ["dash"] * 3
    assert [c[t.index(x)] for x in ("\u00e9", "\u00f6")] == ["letter"] * 2
    assert [c[t.index(x)] for x in ("\u00a0", "\u2009")] == ["space"] * 2
    assert [c[t.index(x)] for x in ("\u00a3", "\u20ac", "\u00b0", "\u2026")] == ["symbol"] * 4


def test_fold_is_one_to_one():
    t = f"{APOS}{LSQ}{LDQ}{RDQ}\u201e\u00ab\u00bb{EN}\u2015\u00a0\u2009"
    assert fold(t) == "''\"\"\"\"\"\u2014\u2014  "


# --- scoring ------------------------------------------------------------------------------------------

def test_perfect_restore():
    g = f"Putin{APOS}s talks {EM} now we hope, {LDQ}Kyiv{APOS}s{RDQ} said."
    m = sc(g, g)
    o = m["overall"]
    assert o["damaged"] == 5 and o["restored"] == 5 and o["invented"] == 0 and o["broken"] == 0
    assert o["recall"] == 1.0 and o["precision"] == 1.0
    assert m["apostrophe"]["damaged"] == 2 and m["quote"]["damaged"] == 2 and m["dash"]["damaged"] == 1


def test_missing_restore_noop():
    g = f"Putin{APOS}s talks {EM} now"
    m = sc(g, damage(prepare(g), "ascii-ignore").text)
    assert m["overall"]["restored"] == 0 and m["overall"]["damaged"] == 2
    assert m["overall"]["recall"] == 0.0 and m["overall"]["precision"] is None
    assert m["overall"]["broken"] == 0 and m["overall"]["invented"] == 0


def test_partial_restore_counts_per_class():
    g = f"Putin{APOS}s talks {EM} now"
    m = sc(g, "Putin's talks  now")
    assert m["apostrophe"]["restored"] == 1 and m["dash"]["restored"] == 0
    assert m["overall"]["recall"] == 0.5


def test_invented_apostrophe():
    g = "its fine"
    m = sc(g, "it's fine")
    assert m["overall"]["damaged"] == 0
    assert m["apostrophe"]["invented"] == 1 and m["overall"]["invented"] == 1
    assert m["overall"]["precision"] == 0.0 and m["overall"]["broken"] == 0


def test_invented_dash_class_from_output():
    g = "Kyivs"  # no damage; a splitter writes Kyiv—s
    m = sc(g, f"Kyiv{EM}s")
    assert m["dash"]["invented"] == 1 and m["overall"]["invented"] == 1


def test_broken_char():
    g = f"Putin{APOS}s talks"
    m = sc(g, "Putin's tals")  # restored the apostrophe but deleted a survivor
    assert m["overall"]["restored"] == 1
    assert m["overall"]["broken"] == 1 and m["letter"]["broken"] == 1


def test_placeholder_untouched_is_a_miss_not_invention():
    g = f"Kyiv{APOS}s"
    for kind, ph in (("qmark", "?"), ("fffd", "\ufffd")):
        m = sc(g, f"Kyiv{ph}s", kind)
        assert m["overall"]["restored"] == 0 and m["overall"]["invented"] == 0
        assert m["overall"]["untouched_placeholders"] == 1


def test_placeholder_replaced_wrongly_is_invention():
    m = sc(f"Kyiv{APOS}s", f"Kyiv{EM}s", "qmark")
    assert m["overall"]["restored"] == 0 and m["dash"]["invented"] == 1
    assert m["overall"]["broken"] == 0  # placeholders may be replaced


def test_real_question_mark_removed_is_broken():
    g = f"Why{APOS}s that?"
    m = sc(g, "Why's that", "qmark")
    assert m["overall"]["restored"] == 1 and m["symbol"]["broken"] == 1


def test_mojibake_left_is_invented_and_fixed_is_restored():
    g = f"Kyiv{APOS}s"
    k = damage(prepare(g), "mojibake").text
    m = sc(g, k, "mojibake")
    assert m["overall"]["restored"] == 0 and m["overall"]["invented"] == 3 and m["overall"]["broken"] == 0
    m = sc(g, "Kyiv's", "mojibake")
    assert m["overall"]["restored"] == 1 and m["overall"]["invented"] == 0


def test_folding_ascii_apostrophe_and_em_for_en():
    g = f"Kyiv{APOS}s 1990{EN}99 {LDQ}no{RDQ}"
    m = sc(g, f"Kyiv's 1990{EM}99 \"no\"")
    assert m["overall"]["recall"] == 1.0 and m["overall"]["precision"] == 1.0
    s = sc(g, f"Kyiv's 1990{EM}99 \"no\"", strict=True)
    assert s["overall"]["restored"] == 0 and s["overall"]["invented"] == 4
    assert s["apostrophe"]["invented"] == 1 and s["dash"]["invented"] == 1 and s["quote"]["invented"] == 2
    s = sc(g, g, strict=True)
    assert s["overall"]["recall"] == 1.0


def test_accented_letter_and_space_and_symbol():
    g = "caf\u00e9 costs \u00a35\u00a0m"
    m = sc(g, "caf\u00e9 costs \u00a35 m")
    assert m["letter"]["restored"] == 1 and m["symbol"]["restored"] == 1 and m["space"]["restored"] == 1
    m = sc(g, "caf\u00e9 costs \u00a35 m", strict=True)
    assert m["space"]["restored"] == 0 and m["space"]["invented"] == 1


def test_counts_add_up_over_paragraphs():
    from benchmarks.score import Counts

    total = Counts()
    g = prepare(f"Kyiv{APOS}s")
    for o in ("Kyiv's", "Kyivs"):
        total += score(g, damage(g, "ascii-ignore"), o)
    m = total.metrics()
    assert m["overall"]["damaged"] == 2 and m["overall"]["restored"] == 1 and m["overall"]["paragraphs"] == 2
    assert set(CLASSES) <= set(m)


def test_tie_between_placeholder_and_real_question_mark_is_no_invention():
    g = f"what do you mean by {LDQ}top cover{LDQ}?"
    k = damage(prepare(g), "qmark")
    m = score(prepare(g), k, k.text).metrics()["overall"]
    assert m["invented"] == 0 and m["restored"] == 0 and m["broken"] == 0
    assert m["untouched_placeholders"] + m["alignment_ties"] == 2


def test_mojibake_marks_in_k_do_not_make_survivors_broken():
    g = f"bad actors {EN} {LDQ}Yes, Iran"
    k = damage(prepare(g), "mojibake")
    m = score(prepare(g), k, g).metrics()["overall"]
    assert m["broken"] == 0 and m["restored"] == 2 and m["invented"] == 0
    m = score(prepare(g), k, f"bad actors {EN}{LDQ}Yes, Iran").metrics()
    assert m["overall"]["broken"] == 1 and m["space"]["broken"] == 1


def test_a_kept_survivor_next_to_a_same_character_remnant_is_not_broken():
    # K `significantâ???`: the last ? is the real question mark, the first two are the lossy ” remnant.
    # O keeps the real ? and replaces the remnant; the matcher's first choice pairs O's ? with the remnant.
    g = prepare("It was significant\u201d?")
    k = damage(g, "lossy-mojibake")
    assert k.text == "It was significant\u00e2???"
    m = score(g, k, 'It was significant"?').metrics()["overall"]
    assert (m["broken"], m["restored"], m["invented"]) == (0, 1, 0)
    # the same tie does not hide a survivor the output really lost
    assert score(g, k, 'It was significant"').metrics()["overall"]["broken"] == 1
