"""The deletion restorer (apostrophes and dashes) and the deletion part of the diagnosis."""

from __future__ import annotations

from pathlib import Path


import textfix
from textfix.changes import replay
from textfix.fixers import deletions

ROOT = Path(__file__).resolve().parents[1]
SEED = [
    "RussiaUkraine conflict Vladimir Putin says he wants Kyivs relationship with NATO to be resolved now",
    "Russia-Ukraine conflict: Vladimir Putin says he wants Kyiv's relationship with NATO to be resolved now",
    "We need to resolve this question nowwe hope very much our concern will be heard by our partners and taken "
    "seriously, said Putin during the press conference. As for war in Europeabout whether we want it or not?",
    "Prior to Putins comments, Russias defense ministry said it was carrying out a partial pullback of its troops.",
    "8 everyday foods you might not realise are ultra processed  and how to spot them",
    "Russia has opposed the admission of Ukraine, despite Kyivs aspirations for the country to join.",
    "Theres what Russia says. And theres what Russia does. And we havent seen any pullback of its forces, said Blinken.",
]


# fixtures/apostrophes.json and fixtures/dashes.json run in tests/test_fixtures.py with every other fixture.


def test_seed():
    body = "\n".join(SEED[:1] + SEED[2:])
    ex = textfix.fix_and_explain(body, title=SEED[1])
    out = ex.text
    for form in ("Putin's", "Russia's", "Kyiv's", "There's", "there's", "haven't", "now—we", "Europe—about",
                 "processed — and", "Russia–Ukraine", "its forces", "its troops"):
        assert form in out, form
    assert "it's forces" not in out and "it's troops" not in out
    assert out.count("\n") == body.count("\n")
    reasons = {c.reason for c in ex.changes}
    assert "possessive:Kyivs" in reasons and "dash:fused:now|we" in reasons and "dash:double-space" in reasons
    assert "contraction:havent->haven't" in reasons
    assert all(0.0 < c.confidence <= 1.0 for c in ex.changes)


def test_reason_names_context():
    ex = textfix.fix_and_explain("Its the end of the war, he said. We dont know.")
    assert any(c.reason == "contraction:Its->It's:next=the" for c in ex.changes), [c.reason for c in ex.changes]


def test_min_confidence_filters():
    text = "\n".join(SEED[2:])
    n_default = len(textfix.fix_and_explain(text).changes)
    strict = textfix.fix_and_explain(text, min_confidence=0.999).changes
    assert len(strict) < n_default
    assert all(c.confidence >= 0.999 for c in strict)


def test_fixers_switch_off_separately():
    text = "\n".join(SEED[2:])
    no_dash = textfix.fix(text, restore_dashes=False)
    assert "—" not in no_dash and "Putin's" in no_dash
    no_apos = textfix.fix(text, restore_apostrophes=False)
    assert "'" not in no_apos and "now—we" in no_apos


def test_gate_clean_texts_untouched():
    curly = "It’s the company’s view that its profits “will recover.” Its forces were there — and stayed."
    ascii_ = "It's the company's view that its profits will recover; we don't know why. Its forces were there."
    plain = "The company said its profits fell, and its shares were down."
    for text in (curly, ascii_, plain):
        assert "deletion" not in textfix.diagnose(text), text
        assert textfix.fix(text) == text


def test_diagnosis_evidence():
    d = textfix.diagnose("\n".join(SEED)).get("deletion")
    assert d.detected and d.evidence["signature_words"] >= 3
    assert not textfix.diagnose("Copyright  2019 The Washington Times, LLC.").get("deletion").detected


def test_never_touches_line_breaks_or_urls():
    text = "Putins\ncomments http://x.com/putins-kyivs and nowwe\n\nhope. We dont know."
    ex = textfix.fix_and_explain(text)
    assert ex.text.count("\n") == text.count("\n")
    assert "http://x.com/putins-kyivs" in ex.text
    assert all("\n" not in c.after and "\n" not in c.before for c in ex.changes)


def test_candidates_only_for_suspects():
    """Clean tokens never reach the per-token code: the static/dynamic key sets are small."""
    t = deletions.tables()
    assert "the" not in t.static and "the" not in t.dynamic
    assert "putins" in t.static and "its" in t.dynamic


def test_proposals_do_not_overlap():
    from textfix.config import Config
    from textfix.diagnose import diagnose
    from textfix.fixers import Context

    text = "\n".join(SEED)
    ctx = Context(config=Config(), diagnosis=diagnose(text), text=text, title=SEED[1])
    props = list(deletions.propose(text, ctx))
    assert props
    spans = [(c.start, c.end) for c in props]
    assert spans == sorted(spans) and len(set(spans)) == len(spans)
    assert all(c.fixer in deletions.FIXERS for c in props)


try:
    from hypothesis import given, settings, strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _WORDS = st.sampled_from(["its", "Its", "were", "Putins", "nowwe", "Europeabout", "dont", "the", "forces",
                              "RussiaUkraine", "20142022", "Copyright", "2019", "players", "union", "Zelenskyys",
                              "Zelenskyy", "(DACA)is", "2013he", "http://x.co/kyivs", "@TomPerez", "Well,", "ill"])
    _SEPS = st.sampled_from([" ", "  ", ". ", ", ", "\n", "\n\n", " — ", "'", '"'])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.tuples(_WORDS, _SEPS), max_size=40))
    def test_property_proposals_replay_and_keep_lines(pairs):
        text = "".join(w + s for w, s in pairs) + " We dont know."
        ex = textfix.fix_and_explain(text)
        assert replay(text, ex.changes) == ex.text
        assert ex.text.count("\n") == text.count("\n")
        # only insertions: no surviving character is ever removed
        assert all(c.before == "" for c in ex.changes if c.fixer in deletions.FIXERS)

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("aAsSzZ09'\u2019 .-_é\u0669\n")), max_size=60)
           | st.lists(st.sampled_from(["it's", "dogs'", "'90s", "’٩٩s", "rock’n’roll", "O'Neil", "x", "s'", "''",
                                        "2019's", "a'b'c", "é", "_", " ", "\u2019", "'"]), max_size=20).map("".join))
    def test_property_intact_runs_find_the_whole_text_matches(text):
        # deletions._intact searches only the runs around the apostrophes; it must find what the
        # whole-text search finds
        ref = {f.replace("\u2019", "'") for f in deletions._INTACT.findall(text)}
        assert deletions._intact(text) == ref


def test_shared_tokenisation_is_the_same_as_a_fresh_one():
    from textfix.config import make_config
    from textfix.diagnose import diagnose
    from textfix.fixers import SPLIT, Context, Words

    text = "\n".join(SEED)
    words = Words(text)
    assert words.parts == SPLIT.split(text) and words.words == words.parts[1::2]
    assert set(words.low_of) == set(words.words) and words.lows == {w.lower() for w in words.words}
    assert diagnose(text, words=words) == diagnose(text)
    ctx = Context(make_config(None), diagnose(text), text, _words=words)
    assert ctx.words(text) is words
    other = text + " more"
    assert ctx.words(other).text == other and ctx.words(other).parts == SPLIT.split(other)


def test_url_spans_match_the_url_pattern():
    import random

    rng = random.Random(7)
    pieces = ["a", " ", "://", "www.", "@", ".", "\n", "b.c", "x@y.z"]
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert deletions._url_spans(s) == [m.span() for m in deletions._URL.finditer(s)], s


def test_double_spaces_match_the_pattern():
    import random

    from textfix.diagnose import _DOUBLE_SPACE, double_spaces

    rng = random.Random(11)
    pieces = ["a", " ", "  ", "\n", "\t", "\u00a0", "\u2003", ".", "b"]
    for _ in range(5000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert double_spaces(s) == [m.start() for m in _DOUBLE_SPACE.finditer(s)], repr(s)


def test_word_starts_in_any_order():
    from textfix.fixers import Words

    text = "\n".join(SEED)
    words = Words(text)
    offs = words.offsets
    order = list(range(len(words.words)))
    for i in order[::7] + order[::-3] + order:
        assert words.start(i) == offs[2 * i]
        assert text[words.start(i) : words.start(i) + len(words.words[i])] == words.words[i]


def test_collision_early_exit_changes_nothing(monkeypatch):
    # tokens whose scores cannot reach the floor stop before the posterior: the same changes as without
    texts = ["\n".join(SEED), "We dont know. Its a fact that the states rights were weak and its over.",
             "Were sure the Republicans plan is its own. The Democrats say theyll fight, and were told well see."]
    before = [textfix.fix_and_explain(t).changes for t in texts]
    monkeypatch.setattr(deletions, "_HOPELESS", float("-inf"))
    assert [textfix.fix_and_explain(t).changes for t in texts] == before


def test_inlined_neighbours_agree_with_neighbours(monkeypatch):
    # _from_tables computes _neighbours inline from the document's lower-case words (doc.low); without
    # doc.low it calls _neighbours itself: both must pass the same context (before, after, after2, nc) to
    # the collision model and the tables, at edges, after punctuation, before digits and capitals
    texts = ["\n".join(SEED),
             "Its over. Were sure, its 2020 and the states rights were weak; its: Its\nwere. States plan Its",
             "The Sanders campaign said its time (its own) and were going, well, Were Sanders voters its 9 "
             "states. The Democrats plan and the Republicans plan were its Big plan",
             "its", "were sure", "Its the states", "well Well its",
             "I cant say. Youre right, the 90s were wild; cant. Wont go, as is his wont. Im 40s"]
    seen = []
    decide, result = deletions._collision_decide, deletions._table_result
    monkeypatch.setattr(deletions, "_collision_decide", lambda w, l, b, a, a2, nc, *r, **k: seen.append(
        ("c", w, b, a, a2, nc)) or decide(w, l, b, a, a2, nc, *r, **k))
    monkeypatch.setattr(deletions, "_table_result", lambda w, l, a, b, *r: seen.append(
        ("t", w, a, b) + tuple(r[1:2])) or result(w, l, a, b, *r))
    before = [textfix.fix_and_explain(t).changes for t in texts]
    fast, seen[:] = list(seen), []
    assert any(before) and {x[0] for x in fast} == {"c", "t"}
    init = deletions._Doc.__init__

    def no_low(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.low = None

    monkeypatch.setattr(deletions._Doc, "__init__", no_low)
    assert [textfix.fix_and_explain(t).changes for t in texts] == before
    assert seen == fast


def test_collision_needs_the_word_after_next():
    # its easier to -> it's; its easier access stays (the word after next decides)
    assert textfix.fix("We dont know. But its easier to say.") == "We don't know. But it's easier to say."
    assert textfix.fix("We dont know. It made its easier access a point.") == "We don't know. It made its easier access a point."


def test_unknown_acronym_possessive_needs_the_stem_in_the_document():
    # the collision model's U family scores an unknown acronym + s only when the document uses the acronym alone
    alone = "The ZRK said little at first. Later the ZRKs response to the outbreak drew criticism. We dont know."
    assert "the ZRK's response" in textfix.fix(alone)
    # without it the model leaves the token alone (the possessive there is the ``the`` slot's rule's, which
    # reads no model: deletions.ACRONYM_THE_CONFIDENCE)
    words = ["Later", "the", "ZRKs", "response", "to"]
    assert deletions._unknown_model("ZRKs", "zrks", 2, words, ["", " ", " ", " ", " ", ""],
                                    deletions._Doc(set(words), "", None)) is None
    reasons = [c.reason for c in textfix.fix_and_explain("Later the ZRKs response to the outbreak drew criticism. We dont know.").changes]
    assert "possessive:ZRKs:acronym-the" in reasons
    # a lower-case or capitalised unknown -s word stays with the older rules
    assert deletions._unknown_model("Zorvakis", "zorvakis", 0, ["Zorvakis"], ["", ""], deletions._Doc({"Zorvaki"}, "", None)) is None


def test_document_pronoun_evidence_counts_every_case_of_the_pronoun():
    words = ["We", "know", "we", "can", "and", "WE", "will", "it"]
    doc = deletions._Doc(set(words), " ".join(words), None)
    assert doc.pron("we", words) == deletions._pron_bucket(3) == "2"
    assert doc.pron("she", words) == "0" and doc.pron("i", words) == "0"
    assert deletions._pron("were") == "we" and deletions._pron("its") == "it" and deletions._pron("states") == ""


def test_collision_document_features_match_training():
    # collisions-v5: the restorer's scores of a collision token (the cached groups plus the document and
    # word-two-to-the-left features) equal the sum over the features the trainer builds for it
    from collections import Counter

    from textfix.fixers import Words
    from textfix.lexicon.build import context_word

    text = ("We dont know what theyre doing. The states governor said the states rights were weak, "
            "and its time. The state is big. Were sure the Republicans plan is its own. It said that were "
            "going. Sanders campaign staff met Sanders voters and the Sanders said its over.")
    tok = Words(text)
    words, seps = tok.words, tok.parts[0::2]
    doc = deletions._Doc(tok.low_of.keys(), text, None)
    lowcount = Counter(w.lower() for w in words)
    seen = set()
    for i, w in enumerate(words):
        l = w.lower()
        info = deletions._coll_info(l) if l in deletions.tables().dynamic else None
        if info is None:
            continue
        seen.add(info[0][:1])
        before, after, after2, nc = deletions._neighbours(i, words, seps)
        before2 = context_word(seps[i - 1], words[i - 2]) if i >= 2 and before[:1] != "|" else "|"
        nxt = words[i + 1] if after[:1] != "|" else ""
        ev = w[:-1] in doc.words if info[1] else doc.pron(info[5], words)
        want = deletions._sum(deletions.collision_features(w, l, before, after, after2, nxt, set(words), lowcount, before2))
        s = complex(*deletions._collision_scores(w, l, before, after, after2, nc, ev))
        s += deletions._extra_score(info, l, i, words, seps, doc, before, after, ev)
        assert abs(s.real - want[0]) < 1e-6 and abs(s.imag - want[1]) < 1e-6, (w, i)
    assert seen == {"S", "C"}


def test_extra_score_bound_holds_for_every_context():
    # _collision_decide skips the document features of a token whose scores cannot reach a change even
    # with their most: the bound must be at least the largest sum of each group over all its inputs
    tags = sorted({t[:8] for t in deletions._collision_tags().values()} | {"?"})
    buckets = [a + b for a in "012345" for b in "012345"]
    kinds = "sd|w"
    checked = set()
    for l in ("states", "americans", "clintons", "its", "were", "well"):
        info = deletions._coll_info(l)
        if info is None:
            continue
        checked.add(info[0][:1])
        bound = info[7]
        if info[1]:
            groups = [
                [deletions._xs_doc(l, ab, pd) for ab in buckets for pd in kinds],
                [deletions._xs_two(p2, pd, tb) for p2 in kinds for pd in kinds for tb in tags],
                [deletions._xs_next(l, ab, ta) for ab in buckets for ta in tags],
            ]
        else:
            H = deletions._head(info[0])
            pairs = [k.split(" ", 1) for k in H.get("pp2", {})] + [[k, "x"] for k in H.get("p2", {})]
            groups = [
                [deletions._xs_cdoc(info[0], a, ev) for a in "012345" for ev in ("", "0", "1", "2", "3")],
                [deletions._xs_ctwo(info[0], b2, b) for b2, b in pairs],
            ]
        most = sum((complex(max(0.0, *(g.real for g in grp)), max(0.0, *(g.imag for g in grp))) for grp in groups), 0j)
        assert most.real <= bound.real and most.imag <= bound.imag, (l, most, bound)
    assert checked == {"S", "C"}


def test_tags_bound_holds_for_every_word_after_next():
    # _scores stops before the tag group of a token that stays hopeless with the group's upper bound:
    # the bound for the next word's tag must hold whatever the word after next is
    import random

    tags = sorted({*deletions._collision_tags().values(), "?"})
    some = random.Random(4).sample(tags, 6) + ["?"]
    s_tags = deletions._s_tags.__wrapped__  # uncached: these calls would flood the cache
    for l in ("states", "its", "were"):
        info = deletions._coll_info(l)
        fam, tcap = info[0], info[4][14]
        for ta in some:
            for pd in "sw":
                for plural in (False, True):
                    bound = deletions._tags_bound(fam, pd, ta, plural, tcap)
                    most = max(s_tags(fam, pd, ta, ta2, plural, tcap).real for ta2 in tags)
                    most_i = max(s_tags(fam, pd, ta, ta2, plural, tcap).imag for ta2 in tags)
                    assert most <= bound.real and most_i <= bound.imag, (l, ta, pd, plural)


def test_tag_group_sum_is_the_feature_by_feature_sum_bit_for_bit():
    # _s_tags adds cached per-tag weights in the order of _f_tags: the same floats as reading and adding
    # each feature's weight in turn (_s_tags_slow)
    import random

    rnd = random.Random(7)
    tags = sorted({*deletions._collision_tags().values(), "?"})
    for l in ("states", "sanders", "its", "were"):
        info = deletions._coll_info(l)
        fam, tcap = info[0], info[4][14]
        for _ in range(300):
            args = (fam, rnd.choice("sdw|"), rnd.choice(tags), rnd.choice(tags), rnd.random() < 0.5, tcap)
            assert repr(deletions._s_tags(*args)) == repr(deletions._s_tags_slow(*args)), (l, args)


def test_collision_document_counts():
    from textfix.fixers import Words

    text = "We dont know. Theyre sure. The State said the states budget and STATE law. Dont go."
    tok = Words(text)
    doc = deletions._Doc(tok.low_of.keys(), text, None)
    assert deletions._doc_count(doc, tok.words, "state") == 2
    assert deletions._doc_count(doc, tok.words, "states") == 1
    assert deletions._contraction_bucket(doc, tok.words) == "3"  # dont, Theyre, Dont
    assert [deletions._count_bucket(n) for n in (0, 1, 2, 3, 5, 6, 10, 11)] == list("01233445")


def test_collision_document_counts_from_the_candidate_pass(monkeypatch):
    # propose counts the words that the collision features read among the positions its candidate pass
    # found (doc.found) instead of counting every word: the counts must be those of all the words
    from textfix.fixers import Words

    text = ("We dont know if its over. Theyre sure the States said the states budget and STATE law were "
            "fine, it said. It is. Were we told? IT IS, said Trump, and Trumps aides agreed. Dont go.")
    docs = []

    class Recording(deletions._Doc):
        __slots__ = ()

        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            docs.append(self)

    monkeypatch.setattr(deletions, "_Doc", Recording)
    textfix.fix(text)
    found = [d for d in docs if d.found is not None]
    assert found
    words = Words(text).words
    assert deletions._count_forms("states") == ("state", "State", "STATE")
    assert deletions._count_forms("were") == ("we", "We", "WE")
    for doc in found:
        assert all(deletions._counted(doc, k) for k in ("state", "states", "it", "its", "we", "were", "trump"))
        for key in ("state", "states", "trump", "trumps", "it", "its", "we", "were", "dont", "said", "x", ""):
            fresh = deletions._Doc(set(words), text, None)
            assert deletions._doc_count(doc, words, key) == deletions._doc_count(fresh, words, key), key
        assert deletions._contraction_bucket(doc, words) == deletions._contraction_bucket(
            deletions._Doc(set(words), text, None), words)


def test_titled_names_pattern_matches_the_word_boundary_one():
    import re

    ref = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.? ([A-Z]\w*)\b(?!['’]?s\b)")
    for text in ("Mr. Smith and Mrs Jones said", "xMr Smith", "Mr Smiths", "Mr Smith's", "Ms. Doe’s", "Dr. Who",
                 "Dr.Who", "aDr Who", "Mrs. Xs y", "_Mr Bob", "éMr Bob", "Mr.  Bob", "MrsBob", "Mr Bob2", "Mr. Óscar",
                 "(Dr Fox) and 'Ms Lee' met Mrs. Hall; Mr Mr Bean"):
        assert deletions._TITLED.findall(text) == ref.findall(text), text
        assert deletions._title_names(text) == ref.findall(text), text


if given is not None:
    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(["Mr", "Mrs", "Ms", "Dr", "M", "D", "r", "s", ".", " ", "  ", "Smith", "Drake",
                                     "Ms.", "x", "é", "'", "’", "s ", "\n", "Mr Dr", "MrMs"]), max_size=14).map("".join))
    def test_title_names_finds_what_the_pattern_finds(text):
        # the str.find version of the search: the same names, in the same order
        assert deletions._title_names(text) == deletions._TITLED.findall(text)


def test_zipf_fast_paths_match_wordfreq():
    # deletions._zipf answers unlisted lower-case ASCII words without wordfreq's tokeniser and keeps its
    # answers for listed ones by frequency bucket; both must be wordfreq's float, asked twice (every
    # listed word: a bucket's answer must be that of each of its words)
    from wordfreq import get_frequency_dict, zipf_frequency

    z = deletions._zipf()
    listed = [w for w in get_frequency_dict("en", "small") if w.isascii() and w.isalpha() and w.islower()]
    for w in listed + ["zzyzxq", "putins", "Kyiv", "state's", "2014", ""]:
        assert z(w) == z(w) == zipf_frequency(w, "en", wordlist="small"), w


def test_compound_head_prefixes():
    # four letters or more, and a listed word of seven or more that goes on for three letters or more
    assert deletions._compound_head("sports") and deletions._compound_head("trans")
    assert not deletions._compound_head("sectors") and not deletions._compound_head("spo")
    from wordfreq import get_frequency_dict

    by4: dict[str, list[str]] = {}
    for w in get_frequency_dict("en", "small"):
        if len(w) >= 7:
            by4.setdefault(w[:4], []).append(w)
    for al in ("state", "news", "sale", "globally", "offic", "workers", "abcd"):
        ref = any(len(w) >= len(al) + 3 and w.startswith(al) for w in by4.get(al[:4], ()))
        assert deletions._compound_head(al) == ref, al


def test_people_plural():
    # a people's plural (stem in -an, -ino, -ic, -i ... and a plural that wordfreq lists at Zipf 3) is never a
    # stem-doc possessive; a name in -an whose plural wordfreq does not list is not one
    assert deletions._people_plural("koreans") and deletions._people_plural("latinos")
    assert deletions._people_plural("catholics") and deletions._people_plural("israelis")
    assert not deletions._people_plural("morgans") and not deletions._people_plural("arsenals")
    assert not deletions._people_plural("points")


def test_stem_subject():
    text = "Critics of Baptist spoke. Baptist had inflated the numbers; Ed Baptist says so."
    assert deletions._stem_subject(text, "Baptist")
    assert not deletions._stem_subject("Critics of Baptist spoke. EBaptist had it.", "Baptist")
    assert not deletions._stem_subject("Baptist hadnt. Baptist, said he", "Baptist")


def test_fused_contraction_offsets_and_limits():
    T = deletions.tables()
    vocab = {"sports", "Bannon", "supremacist", "supremacists"}
    res = deletions._fused_contraction("sportsdidnt", "sportsdidnt", vocab, T, True)
    assert [(pos, ch, fixer) for pos, ch, fixer, _, _ in res] == [
        (6, "\u2014", "restore_dashes"), (10, "\u2019", "restore_apostrophes")]
    assert res[1][3] == "contraction:didnt->didn't:fused"
    # without apostrophes only the dash
    assert [r[2] for r in deletions._fused_contraction("Bannonhes", "bannonhes", vocab, T, False)] == ["restore_dashes"]
    # a word wordfreq lists, an ambiguous s|hes split, a left part under three letters, an unknown left part
    for w in ("brandishes", "supremacistshes", "wetheres", "zqxjdidnt"):
        assert deletions._fused_contraction(w, w.lower(), vocab, T, True) == (), w


def test_holidays_word_boundaries():
    text = "Mothers Day. GrandMothers Day, Fathers Days, Happy Fathers Day and Valentines Day"
    assert [(c.start, c.reason) for c in deletions._holidays(text)] == [
        (6, "possessive:Mothers:holiday"), (57, "possessive:Fathers:holiday"), (76, "possessive:Valentines:holiday")]


def test_under_floor_readings_say_which_sign_took_them():
    # a collision-model reading under its floor is taken only with a second sign, which its reason names
    cases = {"Thus far, none of the chambers Republicans say they will oppose it. We dont know.": ":tables-agree",
             "The group fought the advocates insistence on a vote. We dont know.": ":phrase-head",
             "Mr. Sessions said so. Later Mr. Sessions warning came. We dont know.": ":titled",
             "The growth has been building since the 60s, and its accelerated since the Clinton years. We dont know.":
                 ":participle",
             "This is a crisis. Its not cyclical unemployment. Its quarantine unemployment. We dont know.": ":fragment",
             "Nobody asked why its jumping into the race. We dont know.": ":progressive"}
    for text, tag in cases.items():
        reasons = [c.reason for c in textfix.fix_and_explain(text).changes if c.fixer == "restore_apostrophes"]
        tagged = [r for r in reasons if r.endswith(deletions.UNDER_FLOOR_TAGS)]
        assert len(tagged) == 1 and tagged[0].endswith(tag), reasons
        assert deletions._untagged(tagged[0]) == tagged[0][: -len(tag)]


def test_participle_clause():
    # a regular past participle of a listed verb, then punctuation, the end or a function word that opens
    # a new constituent: ``it's`` (:data:`deletions.PARTICIPLE_FLOOR`)
    assert all(deletions._participle(w) for w in ("estimated", "called", "stopped", "applied", "accelerated"))
    assert not any(deletions._participle(w) for w in ("speed", "hundred", "bed", "red", "seeds", "limit"))
    assert deletions._participle_clause("estimated", "that")
    assert deletions._participle_clause("established", "|,")
    assert deletions._participle_clause("stopped", "|")
    assert not deletions._participle_clause("limited", "and")  # its limited and proportionate nature
    assert not deletions._participle_clause("limited", "|-")  # its limited-time offer
    assert not deletions._participle_clause("estimated", "costs")
    assert not deletions._participle_clause("|,", "estimated")


def _at_its(rule, text: str) -> bool:
    """``rule(i, words, seps)`` at the ``its`` of ``text``, split as the restorer splits it."""
    parts = deletions._SPLIT.split(text)
    words, seps = parts[1::2], parts[0::2]
    return rule(words.index("its"), words, seps)


def test_adverb_before_noun():
    # its + adverb in -ly + adjective + noun + a word: the possessive of a noun phrase that goes on
    def at(text):
        return _at_its(deletions._adverb_before_noun, text)

    assert at("how its overly optimistic projections had proved wrong")
    assert at("reflected its intrinsically uncivil character and more")
    assert not at("now its primarily mobile commerce.")  # a predicate: the clause ends
    assert not at("its actually making things worse")  # -ing
    assert not at("its incredibly difficult right now")  # ``right`` follows copulas
    assert not at("its likely everyones lineage here")  # -s


def test_fragment():
    # its + one to FRAGMENT_WORDS words with no function word or verb, then a sentence end
    def at(text):
        return _at_its(deletions._fragment, text)

    assert at("a crisis. its quarantine unemployment. Next")
    assert at("appeasement, its complete failure.")
    assert at("not theoretical; its empirical")  # the end of the text
    assert not at("Thus, its strength level falls. Next")  # a verb (seen after a pronoun)
    assert not at("the group and its leaders. Next")  # not after a sentence end or a comma
    assert not at("a crisis. its one of many. Next")  # a function word
    assert not at("a crisis. its very long and hard path here. Next")  # too long
    assert not at("the most checks, but its 17.1 percent increase")  # a decimal point
    # a sentence's opening its may go on to FRAGMENT_PHRASE_WORDS words linked by prepositions and articles
    assert at("no accident. its deliberate censorship of conservative voices. Next")
    assert not at("no accident. its deliberate censorship of voices angered many. Next")  # a verb
    assert not at("the firm, its management of the crisis. Next")  # after a comma: an apposition
    assert not at("no accident. its management of the crisis and the recovery of the firm. Next")  # too long


def test_newlines_before_is_rfind():
    # _gaps and _box_drawing find the line of each position walking forward once; it must be rfind's answer
    import random

    from textfix.diagnose import double_spaces
    from textfix.fixers import newlines_before

    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(["a", "  ", "\n", " ", "b.", "\n\n", "   "]) for _ in range(120))
        gaps = double_spaces(text)
        assert newlines_before(text, gaps) == [text.rfind("\n", 0, s) for s in gaps]
    assert newlines_before("no line breaks", [3, 8]) == [-1, -1]


def test_plural_name():
    # the pair of capitalised words stands elsewhere before a comma or a clause word: a plural name
    def at(text, k=1):
        at = [j for j in range(len(text)) if text.startswith("Beach Boys", j)][k]
        return deletions._plural_name(text, at, "Beach", "Boys")

    assert at("the Beach Boys, like the country. the Beach Boys peculiar DNA")
    assert at("the Beach Boys are back. the Beach Boys peculiar DNA")
    assert at("the Beach Boys peculiar DNA. the Beach Boys who sang", 0)
    assert not at("the Beach Boys. the Beach Boys peculiar DNA")  # a full stop: no sign
    assert not at("the Beach Boys peculiar DNA. the Beach Boys long history", 0)
    assert not at("the Beach Boys peculiar DNA. the Beach Boys whose history", 0)  # a longer word
    assert not at("the Beach Boys peculiar DNA. the SBeach Boys, like", 0)  # another pair
    assert not at("the Beach Boys, like the country", 0)  # only itself


def test_name_pair_and_triple():
    # the name before a capitalised token: one capitalised word, or a lower-case word between two
    def pair(text, w):
        parts = deletions._SPLIT.split(text)
        words, seps = parts[1::2], parts[0::2]
        return deletions._name_pair(words.index(w), words, seps)

    assert pair("the Beach Boys peculiar", "Boys") == ("Beach", "Boys")
    assert pair("the Zero for Zeros campaign", "Zeros") == ("Zero for", "Zeros")
    assert pair("a friend of Bidens, said", "Bidens") is None  # a lower-case word alone
    assert pair("Zero  for Zeros", "Zeros") is None  # not one space
    text = "The group, Zero for Zeros, just released it. Zero for Zeros campaign manager Lane Hudson"
    at = text.rindex("Zero for Zeros")
    assert deletions._plural_name(text, at, "Zero for", "Zeros")
    assert not deletions._plural_name(text.replace("Zeros,", "Zeros"), at, "Zero for", "Zeros")


def test_plural_name_after_spanish_article():
    # Los Zetas, Las Cruces: plural names with no other sign; Los Angeless is Los Angeles's
    assert deletions._plural_name("the gang Los Aztecas work with", 9, "Los", "Aztecas")
    assert not deletions._plural_name("Los Angeless mayor", 0, "Los", "Angeless")
    assert not deletions._plural_name("the gang Lis Aztecas work with", 9, "Lis", "Aztecas")


def test_common_noun():
    # a stem that follows determiners most of the time is no family name (collision tags' D bucket 3)
    assert deletions._common_noun("Senate") and deletions._common_noun("Hill")
    assert not any(deletions._common_noun(s) for s in ("Biden", "Castro", "Whitaker", "Zqxjv"))


def test_family_members():
    # a family is more than one person: another ``the Xs``, two first names, or ``A and B X``
    import re

    def ask(text):
        words = re.split(r"([A-Za-z0-9]+)", text)
        seps, words = words[0::2], words[1::2]
        i = max(k for k, w in enumerate(words) if w.endswith("s") and k and words[k - 1] in ("the", "The"))
        return deletions._family_members(i, words, seps)

    assert ask("The Adelsons have given. Most of the Adelsons contributions")
    assert ask("Sheldon Adelson gave. Miriam Adelson gave. Most of the Adelsons contributions")
    assert ask("Mark and Patricia McCloskey faced them. She criticised the McCloskeys actions")
    assert not ask("Adam Schiff spoke. Mr. Schiff said so. We learned that the Schiffs whistleblower")
    assert not ask("Donald Trump spoke. Donald Trump said so. The Trumps campaign")
    assert not ask("Biden and Trump met. The Trumps campaign")  # ``and`` between two surnames
    assert not ask("Joe Biden and Hillary Clinton met. The Clintons foundation")  # two people's names


def test_plural_name_after_the():
    # the pair with *the*, in either case, and only as a word
    text = "The Lions were beaten. France was awesome, said the Lions coach."
    at = text.index("the Lions")
    assert deletions._plural_name(text, at, "the", "Lions")
    assert not deletions._plural_name(text.replace("The Lions", "Athe Lions"), at + 1, "the", "Lions")
    assert not deletions._plural_name(text.replace("The Lions", "She Lions"), at, "the", "Lions")
    assert not deletions._plural_name("said the Lions coach", 5, "the", "Lions")


def test_ones_slot():
    # ``one's`` between a preposition or a verb (tag D0/D1) and a noun (D2/D3, not -ed/-ing)
    assert deletions._ones_slot("of", "own")
    assert deletions._ones_slot("affect", "ability")
    assert not deletions._ones_slot("the", "most")  # the pronoun after a determiner
    assert not deletions._ones_slot("loved", "back")
    assert not deletions._ones_slot("affect", "the")  # a function word follows
    assert not deletions._ones_slot("of", "stated")
    assert not deletions._ones_slot("of", "thinking")


def test_acronym_stem():
    # two capitals or more before a lower-case s, digits allowed; no name, no one-capital stem, no capital S
    assert all(deletions._acronym_stem(w) for w in ("BBCs", "ITV1s", "BBC2s", "EAs", "SNPs"))
    assert not any(deletions._acronym_stem(w) for w in ("Arsenals", "U2s", "BBCS", "1Xtras", "Bs", "McDs"))


def test_person_sign():
    # a name after a title (with or without its full stop) or a first name; with ``head`` only where it ends
    # its phrase, and no people's plural nor common word
    def sign(text, name, head=False):
        parts = deletions._SPLIT.split(text)
        return deletions._person_sign(name, parts[1::2], parts[0::2], head, deletions._collision_tags())

    assert sign("Kelly Holmes won the race", "Holmes", True)
    assert sign("Mr Sears told the court", "Sears", True) and sign("Mr. Sears, the director", "Sears", True)
    assert sign("Donald Trump spoke", "Trump")  # a stem may be a common word
    assert not sign("Donald Trumps preferred candidate", "Trumps", True)  # a singular possessive's slot
    assert not sign("Kansas Republicans said", "Republicans", True)  # a people's plural
    assert not sign("President Trump spoke", "Trump")  # an office is no first name
    assert not sign("Holmes won the race", "Holmes", True)  # no title or first name


def test_bare_and_relational_possessives():
    from textfix.fixers import Words

    def changes(rule, text):
        return [(text[: c.start], c.reason) for c in rule(Words(text))]

    text = "Mr Sears told them. Ahead of Mr Sears sentencing, they spoke."
    assert changes(deletions._bare_titled_possessives, text) == [
        ("Mr Sears told them. Ahead of Mr Sears", "possessive-plural:Sears:bare-title")]
    assert changes(deletions._bare_titled_possessives, "Mr Collins said so. Mr Collins senior was there.") == []
    assert changes(deletions._bare_titled_possessives, "Ahead of Mr Sears sentencing, they spoke.") == []
    text = "Kelly Holmes won. Holmes motivation was clear. Tony Blair spoke. Blairs resignation came."
    assert sorted(changes(deletions._relational_possessives, text)) == [
        ("Kelly Holmes won. Holmes", "possessive-plural:Holmes:relational"),
        ("Kelly Holmes won. Holmes motivation was clear. Tony Blair spoke. Blair", "possessive:Blairs:relational")]
    for neg in ("Analysts doubt Yukos chances.", "Thanks brother.",
                "The Kansas Republican spoke. He helped derail fellow Republicans efforts.",  # a people's plural
                "Kelly Holmes won. The Holmes motivation.", "Kelly Holmes won. Tories Holmes motivation."):
        assert changes(deletions._relational_possessives, neg) == [], neg


def test_bare_title_and_relational_rules_propose_one_apostrophe():
    # ``Mr Sears death``: both rules read the slot; one apostrophe goes in
    text = "Mr Sears told the court he was sorry. After Mr Sears death, prosecutors blamed the firm. We dont know."
    ex = textfix.fix_and_explain(text)
    assert ex.text.count("Sears' death") == 1 and "Sears''" not in ex.text
    assert [c.reason for c in ex.changes].count("possessive-plural:Sears:bare-title") == 1


def test_contraction_vetoes_of_clean_slots():
    # slots where clean news writes no contraction (clean chunks that the restorer changed, session 29):
    # its + a number + a counted plural, its a cappella, the surnames Ive and Im, Wed before a date
    damaged = ("We dont know. Opposition leader Michael Howard had the most seats - but its 301 MPs were 17 "
               "short. Its 28,500 troops stay. The campus has its a cappella groups. Design chief Jony Ive, who "
               "left, met director Im Kwon-Taek. Update, Wed 9/11, noon: Im sure Ive seen it.")
    fixed = textfix.fix(damaged)
    assert "don't know" in fixed and "I'm sure I've seen" in fixed
    for kept in ("its 301 MPs", "Its 28,500 troops", "its a cappella", "Jony Ive, who", "Im Kwon-Taek", "Wed 9/11"):
        assert kept in fixed, kept


def test_its_counted():
    import re

    def ask(text):
        parts = re.split(r"([A-Za-z0-9]+)", text)
        seps, words = parts[0::2], parts[1::2]
        return deletions._its_counted(words.index("its"), words, seps)

    assert ask("but its 301 MPs were") and ask("pull out its 28,500 troops") and ask("its 3 million customers")
    assert ask("its a cappella groups")
    assert ask("its 2014 efforts")  # a year before a counted plural: the possessive too (clean: plain)
    assert not ask("its 40 degrees outside") and not ask("its 10 minutes away") and not ask("its 2014 and")
    assert not ask("its a good idea") and not ask("its 429 pages")


def test_decade_after_article():
    # a decade after an article is its plural, never a year's possessive
    fixed = textfix.fix("We dont know if California could become a 2020s version of a 1980s Rust Belt.")
    assert fixed == "We don't know if California could become a 2020s version of a 1980s Rust Belt."


def test_its_clause_sign_and_were_sentence():
    # its before a determiner or a sentence adverb is a second sign for it's, but not before a hyphen
    assert deletions._its_sign("still", "special", "a", None) == ":clause"
    assert deletions._its_sign("his", "decision", "a", None) == ":clause"
    assert deletions._its_sign("still", "|-", "a", None) == ""
    assert deletions._its_sign("very", "nature", "a", None) == ""  # (its very nature)
    # a sentence is present-tense with a present verb and no past one, up to its full stop
    # (seps[i] precedes words[i]; the past verb ``had`` is in the next sentence)
    words = "We have access here were lucky They had it".split()
    seps = ["", " ", " ", " ", " ", " ", ". ", " ", " ", ""]
    assert deletions._were_sentence(4, words, seps) == ":present"
    # a past verb takes the present sign away; another ``we`` gives the first-person one
    words2 = "We had access here were lucky".split()
    assert deletions._were_sentence(4, words2, ["", " ", " ", " ", " ", " ", ""]) == ":first-person"
    words3 = "Access here were lucky".split()
    assert deletions._were_sentence(2, words3, ["", " ", " ", " ", ""]) == ""  # (no present verb, no we)
    # the sentence ends at the full stop: a ``we`` of the next one does not count
    words4 = "They had access were lucky We know".split()
    assert deletions._were_sentence(3, words4, ["", " ", " ", " ", " ", ". ", " ", ""]) == ""
