"""The diagnosis's fast paths find what its reference patterns find."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import textfix

# ``textfix.diagnose`` the attribute is the function; the module is imported by name
D = importlib.import_module("textfix.diagnose")

_ASCII = st.lists(st.sampled_from(list("aKs?tz r'elvdm_0.\n") + ["?s", "?re", "?ll", "s?", "??"]), max_size=40).map("".join)


@given(_ASCII)
def test_replaced_apostrophes_in_ascii_text_as_the_unicode_pattern_counts_them(text):
    assert len(D._REPLACED_APOS_ASCII.findall(text)) == len(D._REPLACED_APOS.findall(text))


# non-ASCII text: U+FFFD, lossy and reversible mojibake, curly marks, and a combining mark and a superscript
# digit after a suffix (where ``re`` and ``regex`` disagree on ``\b``)
_WIDE = st.lists(st.sampled_from(list("aKs?tz r'elvdm_0.\n\ufffd\u00e2\u20ac\u2122\u00c3\u00c2\u00c4\u00c5\u00a0\u00a9\u0153")
                                 + list(D._CURLY_CHARS) + ["\u0301", "\u00b2", "?s", "\ufffds", "\ufffdre", "\u00e2\u20ac\u2122s",
                                                           "\u00e2??t", "\u00e2\u20ac\ufffd", "\u00c3\u00a9"]),
                 max_size=40).map("".join)


@given(_WIDE)
def test_non_ascii_evidence_counts_as_the_reference_patterns(text):
    fffd_contr = len(D._FFFD_CONTRACTION.findall(text))
    q_contr = D._qmark_contractions(text, text.isascii())
    assert q_contr == [m.start() for m in D.QMARK_CONTRACTION.finditer(text)]
    assert D._replaced_apostrophes(text, text.isascii(), fffd_contr, q_contr) == len(D._REPLACED_APOS.findall(text))
    assert D._count_any(text, D._CURLY_CHARS) == len(D._CURLY.findall(text))
    if not any(c in text for c in D._MOJIBAKE_LEADS):
        assert not D._MOJIBAKE.search(text)
    if not any(c in text for c in D._LOSSY_LEADS):
        assert not D._LOSSY.search(text)


def test_replaced_apostrophes_counted():
    text = "Kyiv?s army, don?t go?  We?ll see. What? s?s 5?s ?s"  # not after a digit or a space
    assert len(D._REPLACED_APOS_ASCII.findall(text)) == len(D._REPLACED_APOS.findall(text)) == 4
    assert D.diagnose(text).get("deletion").evidence["intact_apostrophes_or_quotes"] == 4


# --- short texts (a news API's description): little evidence either way --------------------------------

SHORT_DELETED = ("Trumps plan to cut the budget was rejected on Monday by the House, where the vote fell along "
                 "party lines after a long debate over spending and the deficit.")


def test_short_text_with_one_usually_damaged_word_is_deletion_damaged():
    d = D.diagnose(SHORT_DELETED).get("deletion")
    assert d.detected and d.evidence["signature_words"] == 0.5
    assert D.diagnose(SHORT_DELETED.replace("Trumps", "Trump's")).get("deletion").confidence < 0.5
    assert D.diagnose(SHORT_DELETED.replace("Trumps", "The")).get("deletion").confidence == 0


def test_short_text_latin_or_german_id_and_im_are_not_evidence():
    # ``id``/``im`` are usually ``I'd``/``I'm`` in damaged news, but Latin and German write them
    for text in ("Lorem ipsum dolor sit amet, id est laborum et dolore magna aliqua ut enim ad minim.",
                 "Der Vertrag wurde im Januar unterzeichnet und tritt im Sommer in Kraft."):
        assert "deletion" not in D.diagnose(text), text


def test_short_text_double_space_between_words_unless_the_spacing_is_layout():
    assert "deletion" in D.diagnose("The bill was processed  and sent back to the committee on Monday.")
    assert "deletion" not in D.diagnose("Should he stay in Celebrity Big Brother?   Yes  No   Results are indicative.")
    assert "deletion" not in D.diagnose("Copyright  2019 The Washington Times, LLC.")


def test_short_text_fffd_needs_fewer_placeholders_than_a_long_one():
    short = ("The mayor said the budget would be cut by a third next year \ufffd and the council agreed on "
             "Monday, after a long debate in the chamber that ran late into the night.")
    assert 150 <= len(short) <= 500 and "fffd" in D.diagnose(short)
    long_ = short + " " + "The council met again on Tuesday. " * 30
    assert "fffd" not in D.diagnose(long_)  # one placeholder in 1,200 characters: maybe a bad byte
    assert "fffd" not in D.diagnose("ab\ufffdcd")  # shorter than a sentence: proves nothing


def test_qmark_without_contractions_needs_two_spots_a_real_question_mark_never_takes():
    assert "qmark" in D.diagnose("The plan was processed ? and sent back ? on Monday, the mayor said.")
    assert "qmark" in D.diagnose("?We need it now,? said the mayor on Monday.")
    assert "qmark" in D.diagnose("WASHINGTON (AP) ? The word of the day, she said, is ?polarized.")
    assert "qmark" in D.diagnose("Some experts described April as ?wasted,? the report said.")
    for text in ("Who is he? We do not know ? and nobody asks? No.",  # one spot only
                 "Is it in the U.S.? Maybe, not sure? Yes.",
                 "see http://x.com/a?b and x ? y"):
        assert "qmark" not in D.diagnose(text), text
    filler = "It was a long day in the city. " * 40
    # a long text with no contraction (quoted speech, no 's): the same two spots are enough ...
    assert "qmark" in D.diagnose("?We need it now,? said the mayor. " + filler)
    assert "qmark" in D.diagnose("The plan was processed ? and sent back ? on Monday. " + filler)
    # ... but not one, nor real question marks, nor spots with an intact apostrophe beside them
    assert "qmark" not in D.diagnose("Who is he? We do not know ? and nobody asks. " + filler)
    assert "qmark" not in D.diagnose("Is it over? Maybe. Who knows? Not me. " + filler)
    # (with an intact apostrophe they show a replacing step too, but one that kept the apostrophes the
    # text was typed with: no apostrophe is read into those spots; with no intact double mark beside a pair
    # that closes after a comma, the double marks were curly, and they are read: round 27)
    import textfix

    mixed = "?We need it now,? said the mayor's aide. " + filler
    assert D.diagnose(mixed).get("qmark").evidence.get("quotes_intact") == 1
    assert textfix.fix(mixed) == mixed.replace("?We need it now,?", '"We need it now,"')
    typed = 'She said "no." ' + mixed
    assert D.diagnose(typed).get("qmark").evidence.get("quotes_intact") == 1
    assert textfix.fix(typed) == typed


@pytest.mark.parametrize("text", [
    "The hot protest slogan and hashtag of the moment is ?Defund the Police.?",
    "Hillary Clinton wiped ?clean? the private server housing emails from her tenure, the chairman said.",
    "There is a unique uncertainty overshadowing the political landscape these days ? an anomaly.",
    "WASHINGTON (AP) ? Seeking to spur fresh action on gun legislation, Biden is meeting victims.",
    "EXETER, New Hampshire ? Bernie Sanders is surging.",
])
def test_a_short_text_with_one_quotation_or_dash_of_question_marks_is_qmark_damaged(text):
    # spots that clean news never shows: a ``?`` opening a word with another one after it, and as the
    # only ``?`` a spaced one before a lower-case word or a dateline's
    assert "qmark" in D.diagnose(text), text
    assert "?" not in textfix.fix(text)


@pytest.mark.parametrize("text", [
    "Who is he? We do not know ? and nobody asks? No.",  # beside real question marks: a writer's
    "HOUSTON ? Maybe. Who knows? Nobody.",  # a dateline-like start, but not the only ``?``
    "It's over ?clean? the next day.",  # an intact apostrophe: the text kept its typography
    "Really ? I thought so.",  # a spaced ``?`` before a capital, alone
    "Was it fine? it was, he said.",  # a real question mark before a lower-case word
    "see http://x.com/a?b and x ? y",
])
def test_those_spots_need_their_shape(text):
    assert "qmark" not in D.diagnose(text), text
    assert textfix.fix(text) == text


def test_qmark_contractions_beside_more_intact_apostrophes_are_restored_with_quotes_alone():
    # a web page: navigation typed in ASCII around an article whose typography became ``?``
    page = ("What's On\nKid's TV\nToday's Papers\nSaturday's Games\n"
            "According to bookmakers, Liam?s chances of making it through Friday?s vote are slim. "
            "Fans called it ?a farce? on Monday ? and the show?s host agreed. Who knows?")
    q = D.diagnose(page).get("qmark")
    assert q.detected and q.evidence.get("mixed_sources") == 1
    # contractions, double quotation marks and a spaced dash between lower-case words
    assert textfix.fix(page) == page.replace("?s ", "'s ").replace("?a farce?", '"a farce"').replace(
        "Monday ? and", "Monday \u2014 and")
    # a plural's possessive before a lower-case word, where the table reads an apostrophe
    owners = page + "\nThe companies? responses came late."
    assert textfix.fix(owners).endswith("\nThe companies' responses came late.")
    # a spaced ``?`` beside a capitalised item or a number may be the page's separator: left
    shop = page + "\nPrice Range $25 to $99 ? View Details ? Related Items"
    assert textfix.fix(shop).endswith("\nPrice Range $25 to $99 ? View Details ? Related Items")
    # a quotation mark that nothing pairs on its line is left (İsmail's lost capital reads as one)
    names = page.split(" Fans")[0] + "\nThe director ?smail ?a?lar spoke on Monday."
    assert textfix.fix(names).endswith("\nThe director ?smail ?a?lar spoke on Monday.")
    # an intact mark partners an opening one only after it on the line (not a quotation closed before it)
    typed = page.split(" Fans")[0] + '\n"We lost to the conservatives and the nationalist," said ?smail ?a?lar, the director of the group.'
    assert textfix.fix(typed).endswith('\n"We lost to the conservatives and the nationalist," said ?smail ?a?lar, the director of the group.')
    after = page.split(" Fans")[0] + '\n?We lost," said the director.'
    assert textfix.fix(after).endswith('\n"We lost," said the director.')
    # one such ``?`` is enough (a headline pasted from another source: ``South Korea?s Lee``), and its page
    # keeps its real question marks
    one = page.replace("Friday?s", "Friday").replace("show?s", "show")
    assert D.diagnose(one).get("qmark").evidence.get("mixed_sources") == 1
    assert textfix.fix(one) == one.replace("Liam?s", "Liam's").replace("?a farce?", '"a farce"').replace(
        "Monday ? and", "Monday \u2014 and")
    nav = page.split("According")[0]
    assert textfix.fix(nav + "Who knows? Liam?s fans do. What?") == nav + "Who knows? Liam's fans do. What?"
    # no contraction nor join written with ``?``: not that reading (a real ``?`` glued to a capital)
    plain = nav + "What is defunding?What does it mean? Who knows?"
    assert "qmark" not in D.diagnose(plain) and textfix.fix(plain) == plain
    fewer = page.replace("What's On\nKid's TV\nToday's Papers\n", "")
    assert "mixed_sources" not in D.diagnose(fewer).get("qmark").evidence
    assert "Monday \u2014 and" in textfix.fix(fewer)


def test_a_qmark_join_of_two_words_counts_with_a_contraction_in_the_mixed_reading():
    nav = "What's On\nKid's TV\nToday's Papers\nSaturday's Games\n"
    page = nav + "All eyes?and others?on the next big thing, Liam?s fans say. Fans ? Friends."
    q = D.diagnose(page).get("qmark")
    assert q.evidence.get("mixed_sources") == 1
    # the joins become dashes; the spaced ``?`` before a capitalised word stays (a page's separator, as often)
    assert textfix.fix(page) == nav + "All eyes\u2014and others\u2014on the next big thing, Liam's fans say. Fans ? Friends."
    # two joins alone, with no contraction written with ``?``, are not that reading: an ASCII (or Latin-1)
    # page reads them as a text typed with ASCII marks whose other characters became ``?``
    alone = nav + "All eyes?and others?on the next big thing. Fans ? friends."
    q = D.diagnose(alone).get("qmark")
    assert "mixed_sources" not in q.evidence and q.evidence.get("quotes_intact") == 1
    assert textfix.fix(alone) == nav + "All eyes\u2014and others\u2014on the next big thing. Fans \u2014 friends."
    single = nav + "All eyes?and others on the next big thing. Fans say so."
    assert "qmark" not in D.diagnose(single) and textfix.fix(single) == single


def test_two_signature_words_beside_intact_apostrophes_are_deletion_damage_of_mixed_sources():
    # typed in ASCII in part (``mayor's``, ``it's``), and with deleted curly apostrophes elsewhere
    text = ("The mayor's aide said it's fine. The team didnt comment, and the governor wouldnt say "
            "when the plan isnt ready nowwe hope.")
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence.get("mixed_sources") == 1
    # apostrophes come back; no dash (a scraper's join may look like a fused dash there)
    assert textfix.fix(text) == text.replace("didnt", "didn't").replace("wouldnt", "wouldn't").replace(
        "isnt", "isn't")
    # one such word beside intact apostrophes is a writer's slip, and curly apostrophes veto it
    for other in ("The mayor's aide said it's fine. The team didnt comment on the plan nowwe hope.",
                  text.replace("'", "\u2019")):
        assert "mixed_sources" not in D.diagnose(other).get("deletion").evidence, other


def test_a_short_texts_dateline_with_a_double_space_is_deletion_damage():
    text = "WASHINGTON (AP)  Seeking to spur fresh action on gun legislation, Biden is meeting victims."
    assert "deletion" in D.diagnose(text)
    assert textfix.fix(text).startswith("WASHINGTON (AP) \u2014 Seeking")
    for text in ("WASHINGTON (AP) - Seeking to spur action, Biden is meeting victims.",
                 "Washington (AP)  Seeking to spur action, Biden is meeting victims."):  # no dateline's capitals
        assert "deletion" not in D.diagnose(text), text
    # typed with an ASCII apostrophe, which an ASCII-only step keeps: the dateline's dash alone comes back
    text = "WASHINGTON (AP)  Seeking to spur action, Biden's aides are meeting victims."
    assert D.diagnose(text).get("deletion").evidence.get("quotes_intact") == 1
    assert textfix.fix(text) == text.replace("  ", " \u2014 ")


def test_two_replacement_characters_as_a_quotation_are_fffd_damage_in_a_short_text():
    text = "I flew the A-10 Thunderbolt II (known as \ufffdthe Warthog\ufffd) in the first Gulf War."
    assert len(text) < 150 and "fffd" in D.diagnose(text)
    assert textfix.fix(text) == 'I flew the A-10 Thunderbolt II (known as "the Warthog") in the first Gulf War.'
    # two that do not open and close a quotation: a decoder's answer to bad bytes
    for text in ("12\ufffd) and (\ufffd", "x \ufffd\ufffd y", "ab\ufffdcd ef\ufffd"):
        assert "fffd" not in D.diagnose(text), text


def test_assume_only_decides_documents_without_evidence_either_way():
    import textfix
    from textfix.config import Config

    # (the restorer is not sure enough of state's, 0.976 < 0.98, for the diagnosis to see damage on its own)
    neutral = "The plan failed on Monday, and the states governor said the vote was rigged."
    assert "deletion" not in D.diagnose(neutral)
    assert "deletion" in D.assume(D.diagnose(neutral), ("deletion",), neutral)
    assert textfix.fix(neutral, assume=("deletion",)) == neutral.replace("states", "state's")
    assert textfix.fix(neutral) == neutral
    # counter-evidence wins: an intact apostrophe, or any non-ASCII character (an ASCII-only step leaves none)
    for text in (neutral + " It's true.", neutral.replace("Monday", "Mond\u00e9y")):
        assert "deletion" not in D.assume(D.diagnose(text), ("deletion",), text), text
    # qmark and fffd are assumed only where there is a placeholder
    assert "qmark" not in D.assume(D.diagnose(neutral), ("qmark",), neutral)
    q = "The plan ? its critics said ? was rigged."
    assert "qmark" in D.assume(D.diagnose(q), ("qmark",), q)
    assert Config(assume="fffd").assume == ("fffd",)
    for bad in (("mojibake",), ("deletion", 3), 5):
        try:
            Config(assume=bad)
        except ValueError:
            continue
        raise AssertionError(f"Config(assume={bad!r}) was accepted")


def test_sure_restoration_opens_the_gate_only_where_nothing_argues_against_it():
    # no signature word, no apostrophe, no quote: the restorer's sure possessive is the evidence
    text = ("The figures released today showed that the nations unemployment rate fell to its lowest level "
            "since 1983, and economists said the trend would continue.")
    d = D.diagnose(text)
    assert "deletion" in d and d.get("deletion").evidence["sure_restorations"] == 1
    # the same text with an intact apostrophe or a non-ASCII character is not probed
    for other in (text + " It's true.", text.replace("1983", "1983 \u2014 the"), '"' + text):
        assert "sure_restorations" not in D.diagnose(other).get("deletion").evidence, other
    # plurals the restorer is not sure of leave a clean text closed
    plain = "Many nations have rates that fell to their lowest level since 1983 in the nations of the south."
    assert "deletion" not in D.diagnose(plain)


@pytest.mark.parametrize("text, fixed", [
    ("WASHINGTONSenate and House Republicans reached agreement Wednesday on a combined budget.",
     "WASHINGTON\u2014Senate and House Republicans reached agreement Wednesday on a combined budget."),
    ("CLEVELANDIt was surely different from 2012, when the party nominated Mitt Romney.",
     "CLEVELAND\u2014It was surely different from 2012, when the party nominated Mitt Romney."),
    ("The company said profits rose 12% in the JulySeptember quarter, beating forecasts. Its shares rose 3%.",
     "The company said profits rose 12% in the July\u2013September quarter, beating forecasts. Its shares rose 3%."),
    ("The office is open MondayFriday, and the staff answer calls until six.",
     "The office is open Monday\u2013Friday, and the staff answer calls until six."),
    ("The dates and nothing more: 19411945 and 19501953. On the same day the flags flew.",
     "The dates and nothing more: 1941\u20131945 and 1950\u20131953. On the same day the flags flew."),
    ("In June 2017, he questioned thenAttorney General Jeff Sessions about the case.",
     "In June 2017, he questioned then\u2013Attorney General Jeff Sessions about the case."),
    ("LITTLE ROCK, ArkansasMike Huckabee was not a millionaire when he ran for president in 2008.",
     "LITTLE ROCK, Arkansas\u2014Mike Huckabee was not a millionaire when he ran for president in 2008."),
])
def test_a_fused_dateline_or_range_opens_a_short_text(text, fixed):
    # no apostrophe, quotation mark or damaged word: the restorer's dateline or range dash is the evidence
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence["sure_dashes"] >= 1 and "sure_restorations" not in d.evidence
    assert textfix.fix(text) == fixed


@pytest.mark.parametrize("text", [
    # capitals that end in a word of their own before a lone A or I (not CHIN|A), an acronym that is no
    # common word, a page's label glued to the story: each would write state's if it opened
    "CHINA is the largest buyer of the states soybeans, officials said on Monday.",
    "SOMALIA is the largest buyer of the states soybeans, officials said on Monday.",
    "NHTSA is evaluating itself, and the agency said its review of the states data would take months.",
    "VIDEOPresident Trump said the states governor would visit on Monday.",
    "FACT CHECKTrump said the states budget was balanced.",
    "PREPA decided to hire Whitefish instead of activating the states mutual aid arrangements.",
    "ERBIL, Iraq is where the states consulate opened on Monday.",
    # no range: a later year first, months apart, a month and a name
    "The order numbers 20151990 and 20181975 were shipped from the states main depot.",
    "The May Day rally drew crowds in March and April, and the states governor spoke.",
    # ``then`` before a capitalised word with a space, and a word that begins with ``then``
    "The senators met, and then Republicans left before the states budget was read.",
    "Thenceforth the Republicans met in the states capital every week.",
])
def test_capitals_and_numbers_that_are_no_fused_dateline_or_range_leave_a_short_text_closed(text):
    assert "deletion" not in D.diagnose(text), text
    assert textfix.fix(text) == text


_COUNCIL = ("The council met on Tuesday to discuss the budget for the coming year. Members agreed to raise spending "
            "on roads and schools by a small amount, and to review the cost of the new library in the spring. The "
            "plan was approved by a large majority after a long debate. Officials said the money would come from "
            "reserves and from a rise in parking charges in the town centre. Local traders have opposed the rise, "
            "saying it will drive shoppers away to larger towns nearby. ")


def test_a_long_text_without_any_mark_needs_less_sureness():
    """A text longer than SHORT_TEXT with no apostrophe or quotation mark at all is probed with
    LONG_PROBE_CONFIDENCE: ``last weeks early gains`` (about 0.96) opens it, not a short text."""
    assert D.LONG_PROBE_CONFIDENCE < D.PROBE_CONFIDENCE
    sentence = "Many of last weeks early gains were lost when the markets opened on Monday. "
    long_text = _COUNCIL * 2 + sentence + _COUNCIL
    assert len(long_text) > D.SHORT_TEXT
    d = D.diagnose(long_text).get("deletion")
    assert d.detected and d.evidence["sure_restorations"] == 1
    assert "last week's early gains" in textfix.fix(long_text)
    short = _COUNCIL[:300] + sentence
    assert len(short) <= D.SHORT_TEXT and "deletion" not in D.diagnose(short)
    assert textfix.fix(short) == short
    # a long clean text with no mark and no possessive stays closed and unchanged
    clean = _COUNCIL * 3 + "Many of the early gains of last week were lost when the markets opened on Monday."
    assert "deletion" not in D.diagnose(clean) and textfix.fix(clean) == clean


def test_two_fairly_sure_restorations_open_the_gate():
    # two possessives at 0.95 (a rare name after a first name, then after a title) open it; one does not
    text = ("Details of his Vermont colleague Pat Leahys credit card account are among those missing, Senator "
            "Leahys spokeswoman Tracy Schmaler said on Monday.")
    d = D.diagnose(text)
    assert "deletion" in d and d.get("deletion").evidence["sure_restorations"] == 2
    assert textfix.fix(text).count("Leahy's") == 2
    one = "Details of his Vermont colleague Pat Leahys credit card account are among those missing, officials said."
    assert "deletion" not in D.diagnose(one)
    assert textfix.fix(one) == one


# a long clean body, so that a name possessive counts in full
_NAMES_BODY = (" The federation said on Friday that it had reviewed the case and that no further action would "
               "follow from the board.") * 8


def _name_possessives(head: str) -> int:
    return D.diagnose(head + _NAMES_BODY).get("deletion").evidence["name_possessives"]


def test_names_glued_to_an_s_count_as_deletion_evidence():
    text = "Kenya has lifted the ban. The runner Kenyas Catherine Ndereba won in Boston."
    assert _name_possessives(text) == 1
    assert "deletion" in D.diagnose(text + _NAMES_BODY)
    # after "the" (a family) or before a word that follows plurals, the -s form is a plural
    for plural in ("Obama met them. The Obamas flew home.", "Sunni leaders met. Sunnis and Shiites met."):
        assert _name_possessives(plural) == 0, plural


def test_unlisted_names_glued_to_an_unlisted_s_count_too():
    # Foxx and Foxxs are both unknown to the word list: the -s form is no plural of anything
    text = "The film stars Jamie Foxx. Critics praised Foxxs critically acclaimed performance."
    assert _name_possessives(text) == 1
    assert "deletion" in D.diagnose(text + _NAMES_BODY)
    # an Irish surname glued to its O counts too, not one before a vowel (OAuth) nor a handle; nor a rare
    # name whose -s form the list knows (Abba, Abbas is a name of its own)
    assert _name_possessives("Ronan OGara kicked the goal. Critics praised him.") == 1
    for plain in ("Log in with OAuth today.", "Follow @OBrien today.", "Abba sang. The song of Abbas men was long."):
        assert _name_possessives(plain) == 0, plain


def test_names_glued_to_an_s_at_a_sentence_start_count_too():
    # BBC: the possessive opens a sentence; the name stands alone elsewhere in the document
    text = "Nortel said it had made a profit last year. Nortels head Frank Dunn resigned on Tuesday."
    assert _name_possessives(text) == 1
    assert "deletion" in D.diagnose(text + _NAMES_BODY)
    # a plural before a word that follows plurals, or a stem never written alone, is no sign
    for plain in ("Nortel said it had made a profit. Nortels and Ericssons sold.",
                  "The firm said it had made a profit. Nortels head Frank Dunn resigned."):
        assert _name_possessives(plain) == 0, plain


_CAP_S_ALPHABET = st.sampled_from(list("aszAESZ ,.'\n") + ["Eng", "lands ", "Foxx", "the ", ", "])


@given(st.lists(_CAP_S_ALPHABET, max_size=30).map("".join))
def test_cap_s_and_stem_patterns_match_their_look_behind_first_forms(text):
    # _name_possessives' patterns start with a capital or the stem, the look-behind after it, so that the
    # search skips ahead; they must find what the look-behind-first forms find
    import re

    dg = importlib.import_module("textfix.diagnose")
    ref = re.compile(r"(?:(?<=[a-z,.!?] )|^)([A-Z][a-z]{2,})s (?=([A-Za-z]+))", re.M)
    assert [(m.span(), m.groups()) for m in dg._CAP_S.finditer(text)] == [(m.span(), m.groups()) for m in ref.finditer(text)]
    for stem in ("Eng", "Englands", "Foxx", "Aa"):
        new = re.search(stem + r"(?<![A-Za-z]" + stem + r")(?![A-Za-z])", text)
        old = re.search(r"(?<![A-Za-z])" + stem + r"(?![A-Za-z])", text)
        assert (new and new.span()) == (old and old.span())


@given(st.text(alphabet=st.sampled_from(list("?aZ \n\t\r\x0b\x0c\x1c\x1f\x85.,'0_")), max_size=30))
def test_qmark_letters_ascii_pattern_matches_the_regex_one(text):
    # _qmark searches ASCII text with the re pattern that starts with the ``?``
    dg = importlib.import_module("textfix.diagnose")
    text = text.encode("ascii", "ignore").decode()
    assert [m.span() for m in dg._QMARK_LETTERS_ASCII.finditer(text)] == [m.span() for m in dg._QMARK_LETTERS.finditer(text)]


def test_two_fffd_in_a_long_text_need_the_spots_of_lost_typography():
    filler = " It was a long day in the city." * 40
    # two quotation marks replaced, nothing else lost: where typography stood
    assert "fffd" in D.diagnose("He was happy with his form. \ufffdI think I played well,\ufffd he said." + filler)
    # two bad bytes elsewhere (after a number, before punctuation) prove no lost typography
    assert "fffd" not in D.diagnose("It cost 12\ufffd. Then it cost 7\ufffd." + filler)
    # one alone proves nothing in a long text
    assert "fffd" not in D.diagnose("He was happy with his form. \ufffdI think I played well." + filler)


def test_ascii_quoted_text_with_deleted_accents_gets_its_letters_and_nothing_else():
    import textfix

    # typed with ASCII apostrophes and quotes (which survive an ASCII-only step), its accents deleted
    text = ('"We will not stop," said Gerhard Schrder on Monday. It\'s his partys view, and its '
            'leaders were firm. The Chancellor  who spoke in Berlin  was calm. "It\'s over," he said.')
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence.get("quotes_intact") == 1
    out = textfix.fix(text)
    assert "Schr\u00f6der" in out
    # nothing of what the document typed in ASCII was lost: no apostrophe, no quotation mark is added
    # (``partys``, ``its leaders`` and ``were`` stay as written), and dashes only in double-space gaps
    assert "partys view, and its leaders were firm" in out
    assert out.count('"') == text.count('"') and out.count("'") == text.count("'")
    assert "Chancellor \u2014 who spoke in Berlin \u2014 was" in out
    # the same text without a deleted accent shows no deletion damage where it is spaced singly; its two
    # double spaces between phrases alone show deleted dashes (see the next test)
    plain = text.replace("Schrder", "Schmidt")
    assert "deletion" not in D.diagnose(plain.replace("  ", " "))
    assert D.diagnose(plain).get("deletion").evidence.get("dash_gaps") == 2


def test_ascii_quoted_text_with_deleted_spaced_dashes_gets_them_back_and_keeps_its_quotes():
    import textfix

    # typed with ASCII apostrophes and quotes (which survive an ASCII-only step); its spaced dashes were
    # deleted and left double spaces between phrases
    text = ('The calling records  which numbers were dialed and when  allowed agents to map suspects\' '
            'networks. "We don\'t know," he said. It\'s a start  and the agency says it won\'t stop there.')
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence.get("quotes_intact") == 1 and d.evidence.get("dash_gaps") == 2
    out = textfix.fix(text)
    assert out == text.replace("  ", " \u2014 ")
    # one gap is not enough
    one = text.replace("when  allowed", "when allowed").replace("start  and", "start and")
    assert "deletion" not in D.diagnose(one) and textfix.fix(one) == one


def test_stray_double_spaces_in_ascii_quoted_text_are_no_deleted_dashes():
    import textfix

    # double spaces between words that a dash hardly ever separates (after ``a``, ``the``, ``of``; inside a
    # noun phrase): sloppy spacing, not damage
    text = ('Technology stocks turned in a  mixed performance. The American Stock Exchange  index rose 1.20 '
            'points, topping its record  set on Thursday. "It\'s a quiet day," she said. Traders didn\'t '
            'expect much of the  market.')
    assert "deletion" not in D.diagnose(text)
    assert textfix.fix(text) == text


def test_a_stray_double_space_in_a_text_with_no_other_sign_is_no_lost_dash():
    import textfix

    # no apostrophe or quotation mark to say the text is clean, no word that only damage writes: the double
    # space is the only sign, and between these words a dash hardly ever stands (before: deletion-damaged,
    # a dash put in, and apostrophes restored by context: ``Tetris game`` became ``Tetri's game``)
    for text in ("For  more than two decades, the department kept a secret database of calls.",
                 "The worm spends its time using the machine to  search for new victims.",
                 "Users are warned about a virus that poses as the hugely popular Tetris  game."):
        d = D.diagnose(text).get("deletion")
        assert not d.detected and d.evidence["dash_like_gaps"] == 0 and d.evidence["double_spaces"] == 1
        assert textfix.fix(text) == text
    # a gap between phrases, where a dash is far likelier than elsewhere, is still one
    headline = "8 everyday foods you might not realise are ultra processed  and how to spot them"
    assert textfix.fix(headline) == headline.replace("  ", " \u2014 ")
    # in a text that only such gaps show damaged, each gap must show a lost dash itself (``when  allowed``
    # does not); a caller who knows the corpus is damaged gets the others too
    text = "The records  which numbers were dialed and when  allowed agents to act."
    assert D.diagnose(text).get("deletion").evidence["dash_like_gaps"] == 1
    assert textfix.fix(text) == "The records \u2014 which numbers were dialed and when  allowed agents to act."
    assert textfix.fix(text, assume=("deletion",)) == text.replace("  ", " \u2014 ")
    # a word that only damage writes makes every gap a candidate again
    assert textfix.fix("We havent kept " + text[4:]).count("\u2014") == 2


def test_two_spaces_after_each_sentence_are_a_writers_spacing_not_lost_dashes():
    import textfix

    # typed with two spaces between sentences: before the gaps after ``."`` read as lost dashes (``action." —
    # The issue``), and the short text with no quotation mark at all was diagnosed deletion-damaged
    article = ('The airline said it had grounded the blogger while it reviewed the case.  "We have to follow the '
               'rules before taking action."  The issue has highlighted how staff use the web.  "It is a question '
               'of trust," a spokesman said.  "We will look at it again over the next few years."  White is now '
               'one of the few who still write about it.  She said she had no regrets.')
    short = "Shares rose sharply on Monday.  Investors welcomed the news.  Analysts expect more gains this week."
    for text in (article, short):
        assert D.double_spaces(text) == []
        assert "deletion" not in D.diagnose(text)
        assert textfix.fix(text) == text
    # a double space inside a sentence is still a gap there, and the damage the text shows is still restored
    damaged = short.replace("the news.", "the news  which we havent seen.")
    assert [damaged[s - 4 : s] for s in D.double_spaces(damaged)] == ["news"]
    assert textfix.fix(damaged) == short.replace("the news.", "the news \u2014 which we haven't seen.")
    # one sentence end in two that keeps a double space is no such writer's (a dash or an ellipsis was lost)
    single = short.replace("Monday.  Investors", "Monday. Investors")
    assert len(D.double_spaces(single)) == 1


def test_a_writer_of_ascii_dashes_needs_a_third_dash_like_gap():
    # two double spaces between phrases in an ASCII-quoted text: lost dashes, unless the writer types dashes
    # in ASCII (``--``), who has few typographic ones to lose and whose stray spaces are likelier
    text = ('The senator said "we won\'t back down" on Tuesday. Lawmakers met with reporting requirements  and '
            'businesses needed more time. The governor, who spoke to donors  which surprised aides, said it was fine.')
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence["dash_gaps"] == 2
    typed = text.replace("on Tuesday.", "on Tuesday -- and again on Friday.")
    assert not D.diagnose(typed).get("deletion").detected
    third = typed.replace("more time.", "more time  which they got.")
    assert D.diagnose(third).get("deletion").evidence.get("dash_gaps", 0) >= 3 and D.diagnose(third).get("deletion").detected


def test_stray_double_spaces_after_commas_are_no_deleted_dashes():
    # the words around each gap are likelier beside a dash than elsewhere (``requirements  and``, ``donors
    # which``), but a dash hardly ever follows a comma: these are stray spaces
    text = ('The senator said "we won\'t back down" on Tuesday. Lawmakers met with reporting requirements,  and '
            'businesses needed more time. The governor, who spoke to donors,  which surprised aides, said it was fine.')
    from textfix.fixers.deletions import dash_likeness

    assert all(x < 0 for x in dash_likeness(text, D.double_spaces(text)))
    assert "deletion" not in D.diagnose(text) and textfix.fix(text) == text
    # without the commas the same gaps are read as lost dashes
    lost = text.replace(",  ", "  ")
    assert D.diagnose(lost).get("deletion").evidence.get("dash_gaps") == 2


def test_ascii_quoted_text_with_a_tweet_signature_after_a_double_space_lost_its_dashes():
    # an embedded tweet writes a dash before its signature; a double space there shows that an ASCII-only
    # step deleted it, even with no other gap in the document; no dash goes before the tweet's link, where
    # an emoji was lost
    text = ('The senator\'s remarks drew criticism online. "We won\'t stop," she said.\n'
            'Congrats to the team. On to the final!  pic.twitter.com/nI8HoMjN1D  Hillary Clinton '
            '(@HillaryClinton) July 4, 2019\nThe campaign responded on Friday.')
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence.get("quotes_intact") == 1 and d.evidence.get("signature_gaps") == 1
    assert textfix.fix(text) == text.replace("nI8HoMjN1D  Hillary", "nI8HoMjN1D \u2014 Hillary")
    # the same signature after a dash, as the embed wrote it: nothing was lost
    clean = text.replace("final!  pic", "final! pic").replace("  Hillary", " - Hillary")
    assert "deletion" not in D.diagnose(clean) and textfix.fix(clean) == clean


def test_ascii_quoted_text_with_a_dateline_gap_lost_its_dashes():
    # news writes a dash after its dateline; a double space there, as the text's first one, shows the deletion
    text = ('WASHINGTON  President Trump said on Monday that he won\'t back down. "We are fine," he said.\n'
            'The rest of the story  which is long  continues here.')
    d = D.diagnose(text).get("deletion")
    assert d.detected and d.evidence.get("quotes_intact") == 1 and d.evidence.get("dateline_gap") == 1
    assert textfix.fix(text) == text.replace("  ", " \u2014 ")
    # the dash typed in ASCII: nothing was lost
    clean = text.replace("WASHINGTON  President", "WASHINGTON -- President").replace("  ", " ")
    assert "deletion" not in D.diagnose(clean) and textfix.fix(clean) == clean
    # a capitalised word and a double space deeper in the text is no dateline
    later = "He said so. " * 200 + text
    assert "dateline_gap" not in D.diagnose(later).get("deletion").evidence


def test_an_accented_words_qmark_before_a_contraction_suffix_is_no_contraction():
    # ``Andr?s`` ends like a contraction (``?s``), but clean news writes Andrés: in a text typed with ASCII
    # apostrophes and quotes its ``?`` are letters, so it is read as quotes_intact and they come back
    text = ("Mexico's leftwing candidate Andr?s Manuel L?pez Obrador has claimed victory. \"It's historic,\" "
            "he said. Mr L?pez Obrador's key pledge has been to fight corruption. What has L?pez Obrador said?")
    q = D.diagnose(text).get("qmark")
    assert q.detected and q.evidence.get("quotes_intact") == 1 and q.evidence["contractions_with_qmark"] == 0
    assert textfix.fix(text) == text.replace("Andr?s", "Andr\u00e9s").replace("L?pez", "L\u00f3pez")
    # a real contraction with ``?`` still counts as one
    assert D.diagnose(text.replace("Andr?s", "Liam?s")).get("qmark").evidence["contractions_with_qmark"] == 1


def test_ascii_quoted_text_whose_dashes_became_qmarks_before_capitals_is_qmark_damaged():
    import textfix

    # typed with ASCII apostrophes and quotes; its dashes became ``?``, two of three before a capital (a
    # dateline's, one before a name)
    text = ("WASHINGTON ? President Trump said on Monday that he would talk to an extent ? but not more. "
            "He said it did to Britain's Labour party what it did in the 1930s ? Sanders could do the same. "
            '"Is that so?" she asked. "We don\'t know."')
    q = D.diagnose(text).get("qmark")
    assert q.detected and q.evidence.get("quotes_intact") == 1
    out = textfix.fix(text)
    assert out.count("\u2014") == 3 and '"Is that so?" she asked.' in out and "don't" in out
    # two spaced question marks before capitals are a writer's habit (``insane ? Surely``), not damage
    two = ("It is insane ? Surely they know. Who is he ? Nobody asks. "
           '"Is that so?" she asked. "We don\'t know."')
    assert "qmark" not in D.diagnose(two) and textfix.fix(two) == two
    # ... but a spaced ``?`` before an embedded tweet's signature is its lost dash, and counts twice (no
    # clean document has one)
    tweet = ("Congrats to the team. On to the final! pic.twitter.com/nI8HoMjN1D ? Hillary Clinton "
             "(@HillaryClinton) July 4, 2019\nThe campaign responded on Friday ? and said it was fine. "
             '"Is that so?" she asked. "We don\'t know."')
    q = D.diagnose(tweet).get("qmark")
    assert q.detected and q.evidence.get("quotes_intact") == 1
    assert textfix.fix(tweet) == tweet.replace(" ? ", " \u2014 ")
    assert D.diagnose(tweet.replace("Friday ? and", "Friday, and")).get("qmark").detected  # alone too
    assert "qmark" not in D.diagnose(tweet.replace(" ? ", " - "))


def test_a_word_whose_letter_became_a_placeholder_is_no_deleted_accent():
    text = "The caf? on the corner was a clich? of the city, he said. It?s true."
    assert D.diagnose(text).get("deletion").evidence["accent_deleted_words"] == 0


@pytest.mark.parametrize("ph, kind", [("?", "qmark"), ("\ufffd", "fffd")])
def test_ascii_quoted_text_with_replaced_dashes_gets_them_back_and_keeps_its_quotes(ph, kind):
    import textfix

    # typed with ASCII apostrophes and quotes, which ``encode("ascii", "replace")`` (or a decoder's
    # U+FFFD) keeps; its dashes and accented letters became placeholders
    text = (f"The records {ph} which numbers were dialed and when {ph} allowed agents to map the network. "
            f"\"We don't know,\" said Jos{ph} Mart{ph}nez, the agency's lawyer. It ended. {ph}The rest. "
            "Is that all? He did not say.")
    d = D.diagnose(text).get(kind)
    assert d.detected and d.evidence.get("quotes_intact") == 1
    out = textfix.fix(text)
    assert "records \u2014 which" in out and "when \u2014 allowed" in out
    # the real question mark stays, and no placeholder becomes a quotation mark or an apostrophe
    assert "Is that all? He" in out
    assert not any(ch in out for ch in "\u2018\u2019\u201c\u201d")


def test_a_spaced_question_mark_before_a_capital_is_no_qmark_evidence():
    # a reader's spaced question mark in a text with intact apostrophes (``insane ? Surely``)
    comments = "Are the people who made this list insane ? Surely it's the phone. What's a Powerbook 100 ? It's old."
    assert "qmark" not in D.diagnose(comments)


def test_not_english_documents_are_named_and_english_ones_with_passages_are_not():
    """A document in French or Spanish is ``not_english`` (its own function words outnumber English ones
    three to one, six at least); an English one that quotes French passages, or an English one, is not; and
    with ``gate=False`` (every restorer runs) nothing is held back."""
    from textfix.config import Config
    from textfix.fixers import Context

    fr = ("Le prsident de la Rpublique a dclar mardi que la situation tait  trs difficile  pour les entreprises. "
          "Il sagit dun problme europen, et nous devons agir ensemble, selon le ministre.")
    d = textfix.diagnose(fr)
    assert "not_english" in d and d.get("not_english").evidence["english_function_words"] == 0
    assert d.get("not_english").evidence["fr_function_words"] >= 6
    es = "El presidente dijo que la situaci?n es muy dif?cil para todos los ciudadanos y que est?n preparados."
    assert "not_english" in textfix.diagnose(es)
    mixed = ("Anchor: Terror across Paris. It is a city under siege, and the police were there. (FR) Flash urgent, un "
             "drame se droule : Paris est attaque. La ville est en tat de sige. Nous sommes avec vous dans cette lutte. "
             "They said that it was not over, and that they would be back when the city was calm.")
    assert "not_english" not in textfix.diagnose(mixed)
    assert "not_english" not in textfix.diagnose("Kyivs mayor said he didnt know. Its the citys best  and nowwe know.")
    ctx = Context(Config(), d, fr)
    assert ctx.foreign_language == "fr"
    assert Context(Config(gate=False), d, fr).foreign_language is None


def test_name_pair_gate_never_skips_a_match():
    # _last_word_written only skips a pair whose whole-word search could not match: wherever the search
    # finds the pair, its last word is one of the text's words
    import regex

    from textfix.diagnose import _last_word_written
    from textfix.fixers import Words
    from textfix.lexicon.accents import pair_signatures

    for pairs in pair_signatures().values():
        for pair, _ in pairs:
            for text in (f"x {pair} y", f"{pair}s", f"{pair}_1", f"{pair}é", f"{pair}&", f"({pair}).", f"a{pair}",
                         f"{pair}2", f"{pair}\u0301", pair.upper(), f"{pair}'s", f"{pair}\u2019s"):
                found = regex.search(r"(?<![\p{L}\p{M}\d])" + regex.escape(pair) + r"(?![\p{L}\p{M}\d&])", text)
                if found:
                    assert _last_word_written(pair, Words(text).lows), (pair, text)


@given(st.lists(st.sampled_from(list(" \n/=&@wht:ps?a.") + ["www.", "http:", "https:", "http", "ww."]), max_size=30).map("".join))
def test_urlish_starts_are_the_patterns_matches(text):
    """:func:`textfix.diagnose.urlish_starts` lists where URLISH matches, and a token holds a match exactly
    when one starts inside it."""
    starts = D.urlish_starts(text)
    assert starts == [p for p in range(len(text)) if D.URLISH.match(text, p)]
    for a in range(len(text) + 1):
        b = text.find(" ", a)
        b = len(text) if b == -1 else b
        assert D._starts_within(starts, a, b) == bool(D.URLISH.search(text, a, b))


def test_text_whose_other_characters_latin1_kept_reads_as_ascii_quoted_qmark_damage():
    import textfix

    # typed with ASCII apostrophes and quotes; a Latin-1 replacing step kept its £ and é and made its dashes
    # ``?`` (l3s-gn1's pages were damaged so): read as an ASCII text would be
    text = ("The airport welcomed 20.74 million passengers ? an increase of 7.8 per cent on the year. "
            "Fares rose to £45, and the caf\u00e9 stayed open ? though the shops didn't. "
            '"Is that so?" she asked. "We don\'t know."')
    q = D.diagnose(text).get("qmark")
    assert q.detected and q.evidence.get("quotes_intact") == 1
    assert textfix.fix(text) == text.replace(" ? ", " \u2014 ")
    # a character beyond Latin-1 kept intact says no such step ran: not read so
    kept = text.replace("£45", "\u20ac45")
    assert "qmark" not in D.diagnose(kept) and textfix.fix(kept) == kept


@pytest.mark.parametrize("ph", ["?", "\ufffd"])
def test_ascii_apostrophes_beside_lost_double_quotation_marks_read_the_marks_too(ph):
    import textfix

    # typed with ASCII apostrophes while the double marks were curly (a CMS that curls double marks only):
    # the replacing step kept the apostrophes and made the double marks placeholders
    text = ("Bowman's mother said so. He didn't wake up.\n"
            "PHHe just passed away in his sleep,PH his mother told the Free Press. PHHis friend told me he was fine.PH\n"
            "The car PH and even on it PH taking pictures.").replace("PH", ph)
    kind = "qmark" if ph == "?" else "fffd"
    d = D.diagnose(text).get(kind)
    assert d.evidence.get("quotes_intact") == 1 and d.evidence.get("double_quotes_lost") == 1
    assert textfix.fix(text) == (
        "Bowman's mother said so. He didn't wake up.\n"
        '"He just passed away in his sleep," his mother told the Free Press. "His friend told me he was fine."\n'
        "The car \u2014 and even on it \u2014 taking pictures.")
    # an intact double mark says they were typed in ASCII: the placeholders are no quotation marks
    typed = text.replace("He didn't wake up.", 'He said "no" and didn\'t wake up.')
    assert "double_quotes_lost" not in D.diagnose(typed).get(kind).evidence
    # nor is a placeholder that opens a word without one closing a sentence's words (a lost capital: Óscar)
    name = ("Bowman's mother said so. He didn't wake up.\n"
            "The photo of PHscar Alberto MartPHnez RamPHrez moved many. The car PH and even on it PH left.").replace("PH", ph)
    ev = D.diagnose(name).get(kind).evidence
    assert ev.get("quotes_intact") == 1 and "double_quotes_lost" not in ev
    assert not textfix.fix(name).split("photo of ")[1].startswith('"')


def test_a_short_texts_plural_signature_is_no_evidence():
    # a family's plural after *the* before a verb or punctuation, and a bare regular plural of a common
    # noun, open no short text (clean allsides dev chunks that the restorer changed, session 29)
    for text in ("A $6.3 billion proposal did not feature the Christies, Pallone said.",
                 "Until David was in high school, the Hoggs lived in Torrance, California.",
                 "There were no complaints from the Scotts about the findings from North Carolina.",
                 "Centuries ago, popes called Christians to Holy War against their enemies.",
                 "Some activists are likely to embrace the concept of three Californias and they question it."):
        d = D.diagnose(text).get("deletion")
        assert not d.detected and d.evidence["signature_words"] == 0, text
    # the possessives still count: before a noun, after a determiner, a stem that is a common noun's
    for text in ("Pallone said the Christies lawsuit was filed.", "The Scotts home was sold.",
                 "In the popes remarks, he said so.", "The Pentagons plan was late.",
                 "Christies lawsuit was filed, the Christies said.", "Both Californias governors met.",
                 "three Californias. Californias governor spoke"):
        assert D.diagnose(text).get("deletion").detected, text


def test_ive_and_im_as_surnames_are_no_fused_contractions():
    assert D.diagnose("Design chief Jony Ive, who Apple announced Thursday will leave").get("deletion").evidence[
        "fused_contractions"] == 0
    assert D.diagnose("South Korean film director Im Kwon-Taek has received an award").get("deletion").evidence[
        "fused_contractions"] == 0
    assert D.diagnose("Im sure Ive seen the Ex-Im Bank").get("deletion").evidence["fused_contractions"] == 2
