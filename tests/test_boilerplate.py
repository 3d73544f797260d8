"""Boilerplate lines: verdicts, drop changes, cue rules, corpus stats, and a corpus smoke check."""

from __future__ import annotations

import dataclasses
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix.boilerplate import Verdict, boilerplate_lines, drop_changes

from .conftest import shared_dir
from textfix.boilerplate.corpus import CorpusStats, build_stats_from_jsonl, line_key, normalise_line
from textfix.boilerplate.cues import cue
from textfix.changes import replay, sequential

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2d5d7ecc40b0869e.txt"
SAME_TOPIC = "Russia-Ukraine conflict: Former UK defense minister says Vladimir Putin wants to retaliate for the end of USSR"
UNRELATED = "8 everyday foods you might not realise are ultra processed  and how to spot them"

P1 = "The Senate voted 52-48 on Tuesday to confirm the nominee, ending a months-long fight over the post."
P2 = "Democrats said the vote would not end their inquiry into the nominee's finances, which they called incomplete."
P3 = "The White House welcomed the result and said the nominee would be sworn in on Friday."


def _seed():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return lines[3], [t for t in lines[4:] if t.strip()]


# --- verdicts and changes -------------------------------------------------------------------------------

def test_verdict_is_frozen_with_contract_fields():
    v = boilerplate_lines([P1, "SEE ALSO: Paul Ryan to run for speaker", P2])[0]
    assert isinstance(v, Verdict)
    assert (v.index, v.reason) == (1, "see-also")
    assert 0.0 < v.score <= 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.score = 0.1  # type: ignore[misc]


def test_only_boilerplate_lines_get_verdicts():
    assert boilerplate_lines([P1, P2, P3]) == []
    assert boilerplate_lines([]) == []
    assert boilerplate_lines(["", "   "]) == []


def test_top_level_export():
    assert [v.index for v in textfix.boilerplate_lines([P1, "Story Continued Below", P2])] == [1]


def test_seed_pasted_headlines_found_and_paragraphs_kept():
    title, body = _seed()
    verdicts = boilerplate_lines(body, title=title)
    found = {body[v.index] for v in verdicts}
    assert UNRELATED in found
    assert found == {SAME_TOPIC, UNRELATED}, f"real paragraphs dropped: {found - {SAME_TOPIC, UNRELATED}}"
    assert all(v.reason == "related-headline" for v in verdicts)


def test_seed_same_topic_headline_found():
    title, body = _seed()
    assert SAME_TOPIC in {body[v.index] for v in boilerplate_lines(body, title=title)}


def test_kicker_led_headline_between_paragraphs():
    lines = [P1, "OPINION: Fighting ISIS will be a long war", P2, P3]
    assert [(v.index, v.reason) for v in boilerplate_lines(lines)] == [(1, "related-headline")]
    # a kicker word that introduces a quotation stays
    assert boilerplate_lines([P1, "Opinion polls show a different picture:", P2]) == []


@pytest.mark.parametrize("broken", [
    "The Democrats\u2019 blue wave falls out of reach,",
    "Mitchell Kane, a law professor at N.Y.U., wrote in response that the bill will",
    "He will lead a party \u2014",
])
def test_line_that_stops_mid_sentence_is_content(broken):
    assert boilerplate_lines([P1, broken, P2, P3]) == []


def test_speaker_labels_are_content():
    answer = ("It is highly unlikely that the court would overturn the ruling outright; it is far more likely to "
              "narrow it, case by case, over the next several years.")
    lines = [P1, "Maya Manian, professor, University of San Francisco Law School", answer,
             "Robert Nagel, professor, University of Colorado Law School", answer.replace("highly", "very")]
    assert boilerplate_lines(lines) == []
    assert boilerplate_lines([P1, "Analysis by Anthony Zurcher, BBC North America reporter", answer, P2]) == []


def test_dateline_is_content_but_a_related_link_date_is_not():
    assert boilerplate_lines([P1, "Fri Dec 28, 7:05 AM ET", P2, P3]) == []
    lines = [P1, P2, "Related articles", "Fire at Burrabazar building yet to be controlled", "January 14, 2008",
             "4,000 shops gutted in Kolkata fire", "January 12, 2008"]
    assert [v.index for v in boilerplate_lines(lines)] == [2, 3, 4, 5, 6]


def test_title_and_quote_intro_are_content():
    title = "Senate confirms nominee after months-long fight"
    lines = [title, P1, "The statement added:", "\u201cWe will not rest until the inquiry is complete.\u201d", P2]
    assert boilerplate_lines(lines, title=title) == []


def test_drop_changes_contract():
    text = f"{P1}\nADVERTISEMENT\n{P2}\nCopyright \u00a9 2019 The Washington Times, LLC."
    changes = drop_changes(text)
    assert [c.reason for c in changes] == ["boilerplate:advertisement", "boilerplate:copyright"]
    assert all(c.fixer == "drop_boilerplate" and c.after == "" for c in changes)
    assert changes[0].before == "ADVERTISEMENT\n"
    assert changes[1].before == "\nCopyright \u00a9 2019 The Washington Times, LLC."  # last line: preceding \n
    assert replay(text, sequential(changes)) == f"{P1}\n{P2}"


def test_fix_explains_every_dropped_line():
    text = f"{P1}\nSign up for Daily Newsletters Manage Newsletters\n{P2}\n"
    ex = textfix.fix_and_explain(text, drop_boilerplate=True)
    assert ex.text == f"{P1}\n{P2}\n"
    drops = [c for c in ex.changes if c.fixer == "drop_boilerplate"]
    assert len(drops) == 1 and drops[0].reason == "boilerplate:newsletter"
    assert replay(ex.original, ex.changes) == ex.text
    assert textfix.fix(text) == text  # off by default


_line = st.one_of(
    st.sampled_from([P1, P2, P3, "", "ADVERTISEMENT", "SEE ALSO: Another headline here", UNRELATED, "What happens next"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=8), st.booleans())
def test_drop_changes_replay_keeps_other_lines(lines, trailing):
    text = "\n".join(lines) + ("\n" if trailing else "")
    changes = drop_changes(text)
    out = replay(text, sequential(changes))
    assert all(0 <= c.start < c.end <= len(text) for c in changes)
    assert all(a.end <= b.start for a, b in zip(changes, changes[1:]))
    dropped = {v.index for v in boilerplate_lines(text.split("\n"))}
    kept = [t for i, t in enumerate(text.split("\n")) if i not in dropped and t.strip()]
    assert [t for t in out.split("\n") if t.strip()] == kept
    assert drop_changes(out) == [] or len(drop_changes(out)) <= len(kept)


# --- cues -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,slug", [
    ("SEE ALSO: Paul Ryan to run for speaker if House Republicans unite", "see-also"),
    ("Read more: 9 surprising things you can find at the library", "see-also"),
    ("Related Coverage Trump defiant at Louisiana rally after Democrat wins", "see-also"),
    ("FILE PHOTO: A man walks past the Federal Reserve building in Washington", "caption"),
    ("Protesters march in Hong Kong, China, June 16, 2019. REUTERS/Tyrone Siu", "caption"),
    ("Write to Jane Doe at jane.doe@wsj.com", "credit"),
    ("Follow Ian Hanchett on Twitter @IanHanchett", "credit"),
    ("The Associated Press contributed to this report.", "credit"),
    ("Sign up for Daily Newsletters Manage Newsletters", "newsletter"),
    ("Subscribe now for as little as $2 a month!", "newsletter"),
    ("Advertisement", "advertisement"),
    ("Copyright \u00a9 2020 The Washington Times, LLC. Click here for reprint permission.", "copyright"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "navigation"),
    ("Story Continued Below", "navigation"),
    ("SHARE THIS ARTICLE Share Tweet Post Email", "share"),
    ("Read Article: Arctic Monkeys Inspired By Ricky Martin, MC Hammer", "see-also"),
    ("Comment | Read Comments (2)", "navigation"),
    # ASCII-ignore damage deleted a leading ©, bullet or dash; the space after it is left
    (" 2020 Tribune Content Agency LLC", "copyright"),
    (" 2019, Washington Post Writers Group", "copyright"),
    (" Tammy Bruce is a radio talk show host and a Fox News contributor.", "credit"),
    (" Michael D. Shear", "credit"),
])
def test_cues(line, slug):
    assert cue(line) == slug


@pytest.mark.parametrize("line", [
    P1, "The statement added:", "Share prices fell 3% on Monday.", "By Friday, it was over.",
    "He said he would sign up for the draft if asked.", "More than 100 people died in the floods.",
    "AMY GOODMAN: Welcome to Democracy Now.", "What happens next", "Related to that, he said nothing.",
    # a leading space alone is no lost mark
    " 2020 was a hard year for the company.", " Tammy Bruce said the show would go on.", "2020 Tribune Content Agency LLC",
])
def test_no_cue_on_content(line):
    assert cue(line) is None


# --- corpus mode ----------------------------------------------------------------------------------------

def test_line_key_normalises_case_digits_punctuation():
    assert line_key("Copyright \u00a9 2019 The Washington Times") == line_key("COPYRIGHT \u00a9  2020 the washington times.")
    assert line_key("Slideshow (2 Images)") == line_key("Slideshow (13 Images)")
    assert line_key("Story Continued Below") != line_key("Story Continued Above")
    assert line_key("---") == "" and len(line_key("x")) == 16
    assert normalise_line("It\u2019s  \u201cdone\u201d") == "it s done"


def _stats(**kw) -> CorpusStats:
    stats = CorpusStats(min_docs=3, min_share=0.5, **kw)
    for k in range(4):
        stats.add_document([f"Paragraph {chr(97 + k)} about topic {k}.", "Story Continued Below", "Story Continued Below"], "Politico")
    stats.add_document(["Story Continued Below"], "Other")
    return stats


def test_lost_mark_only_where_paragraphs_are_not_indented():
    bio = " Tammy Bruce is a radio talk show host and a Fox News contributor."
    assert [v.reason for v in boilerplate_lines([P1, P2, bio])] == ["credit"]
    indented = [" " + P1, " " + P2, " Joe Biden is the president of the United States.", " " + P3]
    assert boilerplate_lines(indented) == []


def test_known_lines_are_found_after_ascii_ignore_damage():
    from textfix.boilerplate import load_model
    from textfix.boilerplate.corpus import ascii_key

    assert ascii_key("Support Vox\u2019s explanatory journalism") == ascii_key("Support Voxs explanatory journalism")
    assert ascii_key("Support Vox's journalism") == ascii_key("Support Voxs journalism") != line_key("Support Vox's journalism")
    model = load_model()
    assert model.known_ascii, "the shipped model has no damaged forms of its known lines"
    damaged = [t for t in ("Support Voxs explanatory journalism",) if model.is_known(t)]
    assert damaged and not model.is_known("Support the troops")


def test_corpus_stats_repeated_per_source():
    stats = _stats()
    assert stats.doc_count("Story Continued Below", "Politico") == 4  # once per document
    assert stats.repeated("story continued below", "Politico")
    assert not stats.repeated("Story Continued Below", "Other")  # only 1 document there
    assert not stats.repeated("Paragraph a about topic 0.", "Politico")
    v = boilerplate_lines([P1, "Story Continued Below!", P2], source="Politico", corpus_stats=stats)
    assert v and v[0].reason in ("navigation", "repeated-in-corpus")
    odd = "Our partners at the foundation supported this report."
    for _ in range(5):
        stats.add_document([odd], "Politico")
    assert [x.reason for x in boilerplate_lines([P1, odd, P2], source="Politico", corpus_stats=stats)] == ["repeated-in-corpus"]
    assert boilerplate_lines([P1, odd, P2], source="Other", corpus_stats=stats) == []
    assert drop_changes(f"{P1}\n{odd}\n{P2}", source="Politico", corpus_stats=stats)[0].reason == "boilerplate:repeated-in-corpus"


def test_corpus_mode_never_empties_a_document():
    """An article syndicated many times under one source repeats line for line: repetition alone must
    not drop all of it. The lines are kept and reported as kept; cue verdicts still stand."""
    from textfix.boilerplate import boilerplate_report

    stats = CorpusStats(min_docs=3, min_share=0.5)
    for _ in range(6):
        stats.add_document([P1, P2, "Story Continued Below"], "Wire")
    assert all(stats.repeated(x, "Wire") for x in (P1, P2))
    assert boilerplate_lines([P1, P2], source="Wire", corpus_stats=stats) == []
    rep = boilerplate_report([P1, P2], source="Wire", corpus_stats=stats)
    assert rep.verdicts == () and [v.index for v in rep.kept] == [0, 1]
    assert {v.reason for v in rep.kept} == {"repeated-in-corpus"}
    # with a cue line as well, the cue line still goes, the repeated prose is kept
    rep = boilerplate_report([P1, "ADVERTISEMENT", P2], source="Wire", corpus_stats=stats)
    assert [(v.index, v.reason) for v in rep.verdicts] == [(1, "advertisement")]
    assert [v.index for v in rep.kept] == [0, 2]
    text = f"{P1}\n{P2}"
    assert drop_changes(text, source="Wire", corpus_stats=stats) == []
    assert textfix.fix(text, drop_boilerplate=True, source="Wire", corpus_stats=stats) == text
    # one line of the document is not repeated: the repeated ones go as before
    assert [v.index for v in boilerplate_lines([P1, P2, P3], source="Wire", corpus_stats=stats)] == [0, 1]


@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".sqlite"])
def test_corpus_stats_save_load_merge(tmp_path, suffix):
    a, b = _stats(), _stats()
    a.merge(b)
    assert a.docs == {"Politico": 8, "Other": 2}
    assert a.doc_count("Story Continued Below", "Politico") == 8
    path = tmp_path / f"stats{suffix}"
    a.save(path)
    c = CorpusStats.load(path)
    assert c.docs == a.docs and c.min_docs == 3
    assert c.doc_count("Story Continued Below", "Politico") == 8
    assert c.doc_count("Paragraph a about topic 0.", "Politico") == 2  # count 2 ≥ min_count kept
    assert c.repeated("Story Continued Below", "Politico")


def test_corpus_stats_spills_to_sqlite():
    stats = _stats(max_memory_lines=3)
    assert stats.backend == "sqlite"
    assert stats.doc_count("Story Continued Below", "Politico") == 4
    assert len(stats) == 6


def test_build_stats_from_jsonl(tmp_path):
    import json

    p = tmp_path / "docs.jsonl"
    p.write_text("\n".join(json.dumps({"text": f"Para {k}.\nAdvertisement Continue reading", "source": "NYT"}) for k in range(3)))
    stats = build_stats_from_jsonl([p], field="text", source_field="source", min_docs=3, min_share=0.5)
    assert stats.docs == {"NYT": 3}
    assert stats.repeated("Advertisement Continue reading", "NYT")


# --- corpus smoke check (skips without ../shared/corpora) ------------------------------------------------

@pytest.mark.corpus
def test_allsides_eval_docs_keep_content():
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED)")
    os.environ.setdefault("TEXTFIX_SHARED", str(shared))
    from textfix.boilerplate import train as T

    docs = list(itertools.islice(T.iter_allsides("dev", "eval", files=("curly",)), 60))
    recs = T.injected_docs(docs, seed=3)
    tp = fp = fn = tn = 0
    for r in recs:
        flagged = {v.index for v in boilerplate_lines(r["lines"], title=r["title"])}
        for i, lab in enumerate(r["labels"]):
            if lab is None:
                continue
            p = i in flagged
            tp += p and lab
            fp += p and not lab
            fn += (not p) and lab
            tn += (not p) and not lab
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.8
    assert fp / (fp + tn) <= 0.01


# --- lists of links (related-content boxes) ------------------------------------------------------------

def test_related_list_under_header_is_dropped_and_prose_after_it_kept():
    lines = [P1, P2, "Related Stories", "Warner Offers DRM-Free Music on Amazon", "Amazon sparks a digital-music skirmish",
             "NBC to Sell New TV Shows on Amazon", P3]
    got = {v.index: v.reason for v in boilerplate_lines(lines, title="Pepsi to Push Amazon's MP3 Store")}
    assert set(got) == {2, 3, 4, 5}
    assert got[3] == "related-headline"


def test_numbered_popular_list_with_teasers():
    lines = [P1, P2, "Most Popular", "1", "Update: Body found in search for missing mother",
             "An emotional press conference was held Sunday morning to confirm the news.", "2",
             "Pastor says no storm will stop his sermon.",
             "Strong storms in Pasco County ripped structures apart and caused damage throughout neighborhoods.", "3",
             "Storms cause damage in Pasco and Pinellas Counties"]
    assert {v.index for v in boilerplate_lines(lines)} == set(range(2, len(lines)))


def test_header_words_inside_prose_are_not_a_list():
    lines = [P1, "More than 200 people attended the hearing, which ran past midnight.", P2,
             "Related coverage of the vote appeared in several outlets, the senator said.", P3]
    assert boilerplate_lines(lines) == []
