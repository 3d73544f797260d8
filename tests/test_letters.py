"""Deleted accented letters and symbols: fixtures, the accent index, and a small corpus check."""

from __future__ import annotations


import textfix
from textfix.lexicon import accents

# fixtures/letters.json and fixtures/symbols.json run in tests/test_fixtures.py with every other fixture.


def test_index_accounts_for_wordfreq_pollution():
    # wordfreq lists "caf" (text that lost its accent); clean news never writes it, but does write "pea"
    assert accents.plain("caf")[1] == 0
    assert accents.plain("pea")[1] > 0
    assert any(c.word == "café" for c in accents.by_deleted()["caf"])
    assert any(c.word.lower() == "schröder" for c in accents.by_deleted()["schrder"])
    assert any(c.word == "café" for c in accents.by_pattern()["caf?"])


def test_currency_is_a_low_confidence_suggestion():
    e = textfix.fix_and_explain("The club didnt pay 5m for him.", min_confidence=0.0)
    sugg = [c for c in e.changes if c.fixer == "restore_symbols" and "currency" in c.reason]
    assert sugg and all(c.confidence < 0.5 for c in sugg)
    assert textfix.fix("The club didnt pay 5m for him.") == "The club didn't pay 5m for him."


def test_switches():
    text = "We didnt like the caf. Copyright  2019 The Times."
    assert "café" not in textfix.fix(text, restore_letters=False)
    assert "©" not in textfix.fix(text, restore_symbols=False)
    assert textfix.fix(text) == "We didn't like the café. Copyright © 2019 The Times."


def test_lazy_cache():
    assert accents.load() is accents.load()


def test_v11_derived_views_are_the_index_own():
    """v11: the shipped index stores the views the first damaged document needs (the signatures); they must
    be what :func:`accents.derive` computes from the rest of the file with this code's settings, and what
    the views read without them. A stale file (a setting changed, the file not rebuilt) fails here."""
    data = accents.load()
    stored = data["derived"]
    assert stored["settings"] == accents._settings()
    rest = {k: v for k, v in data.items() if k != "derived"}
    assert accents.derive(rest) == stored
    sigs, foreign = accents._signatures()
    assert "schrder" in sigs and "chrif" in foreign and foreign < sigs
    assert (sigs, foreign) == accents._compute_signatures(rest, accents.by_deleted())
    assert accents.rare_foreign()["hbschle"] == "hübschle"


def test_index_without_derived_views_reads_the_same(monkeypatch):
    """An index file without v11's stored views (a held-out build of v10) is derived on first use, to the
    same signatures and rare forms."""
    shipped_sigs, shipped_rare = accents._signatures(), accents.rare_foreign()
    data = {k: v for k, v in accents.load().items() if k != "derived"}
    monkeypatch.setattr(accents, "load", lambda: data)
    accents._signatures.cache_clear()
    accents.rare_foreign.cache_clear()
    try:
        assert accents._derived() is None
        assert accents._signatures() == shipped_sigs
        assert accents.rare_foreign() == shipped_rare
    finally:
        monkeypatch.undo()
        accents._signatures.cache_clear()
        accents.rare_foreign.cache_clear()


def test_foreign_frequency_backs_rare_names_only():
    # Hénin is rare in English (wordfreq) and unseen in clean dev news, but frequent in French: its deleted
    # form ``hnin`` is no English word, so the foreign frequency is kept as evidence
    henin = [c for c in accents.by_deleted()["hnin"] if c.word.lower() == "hénin"]
    assert henin and henin[0].fzipf >= 2.5
    # ``pass`` (passé) is an English word: no foreign evidence is kept for its readings
    assert all(c.fzipf == 0.0 for c in accents.by_deleted()["pass"])
    assert textfix.fix("Nicolas Hnin didnt agree.", restore_apostrophes=False) == "Nicolas Hénin didnt agree."
    assert textfix.fix("We didnt pass the test.", restore_apostrophes=False) == "We didnt pass the test."


def test_foreign_only_words_are_letters_candidates_only():
    # v3: Chérif is only in wordfreq's French list; its deleted form ``chrif`` is no English word
    cherif = [c for c in accents.by_deleted()["chrif"] if c.word == "chérif"]
    assert cherif and accents.foreign_only(cherif[0]) and cherif[0].fzipf >= 2.0
    # the placeholder restorer's view does not hold them (``chr?f`` may be an English word's)
    assert not any(accents.foreign_only(c) for cands in accents.by_pattern().values() for c in cands)
    # no foreign-only word whose deleted form is an English word or a stem and an ``s``
    assert "relaxes" not in accents.by_deleted() or not any(map(accents.foreign_only, accents.by_deleted()["relaxes"]))
    assert not any(map(accents.foreign_only, accents.by_deleted().get("marxs", ())))


def test_foreign_only_forms_are_deletion_signatures():
    sigs = accents.deleted_signatures()
    assert "chrif" in sigs and "avendao" in sigs
    # a form that is a word of its own in those languages is no foreign-only word at all
    assert "lograr" not in sigs and not any(map(accents.foreign_only, accents.by_deleted().get("lograr", ())))


def test_every_phrase_passes_both_prefilters():
    # ``_letters`` runs the phrase pattern only where a prefilter finds a piece of some phrase: in ASCII
    # text a whole word of ``_PHRASE_WORDS``, elsewhere a substring of ``_PHRASE_PARTS``. A phrase added to
    # ``_PHRASES`` without its pieces would silently never match.
    import regex

    from textfix.fixers import letters as L

    for phrase in L._PHRASES:
        words = {w.lower() for w in regex.findall(r"[A-Za-z]+", phrase)}
        assert words & L._PHRASE_WORDS, phrase
        assert any(part in phrase.lower() for part in L._PHRASE_PARTS), phrase


def test_v4_index_fields():
    # pairs: the deleted form of a name pair that clean news never writes, with the word that lost a letter
    assert ("Pea Nieto", "pea") in accents.pair_signatures().get("pea", ())
    # diaeresis: The New Yorker's coöperate / reëstablish, found from their deleted forms (letters only)
    assert any(c.word == "coördinated" for c in accents.by_deleted()["cordinated"])
    assert "co?rdinated" not in accents.by_pattern()
    # caps: clean news writes Öcalan capitalised, état in lower case
    ocalan = [c for c in accents.by_deleted()["calan"] if c.word.lower() == "öcalan"]
    assert ocalan and ocalan[0].caps >= 0.9 * ocalan[0].count > 0
    etat = [c for c in accents.by_deleted()["tat"] if c.word == "état"]
    assert etat and etat[0].count > 0 and etat[0].caps < etat[0].count / 2


def test_pair_signature_is_deletion_evidence():
    from textfix.diagnose import diagnose

    damaged = diagnose("Mexican President Enrique Pea Nieto met Trudeau on Monday.").get("deletion")
    assert damaged.detected and damaged.evidence["accent_deleted_words"] >= 1
    # the ASCII transliteration, and the pair inside a longer word, are no evidence
    for text in ("Mexican President Enrique Pena Nieto met Trudeau on Monday.", "The Pea Nietoville farm."):
        assert not diagnose(text).get("deletion").detected, text


def test_bigram_any_case():
    assert accents.bigram("AARON MATÉ") >= 3
    assert accents.bigram("Aaron Maté") == accents.bigram("aaron maté") >= 3
    assert accents.bigram("Aaron Nobody") == 0


def test_rare_foreign_words_are_kept_apart():
    # v6: words that only other languages list, rarer there than the ``foreign`` words (Hübschle, German
    # Zipf 1.1), are read by the letters restorer only after a first name: not candidates anywhere else
    rare = accents.rare_foreign()
    assert rare.get("hbschle") == "hübschle"
    assert "hbschle" not in accents.by_deleted()
    assert not any(w.encode("ascii", "ignore").decode().lower() != k for k, w in list(rare.items())[:1000])


def test_own_words_keep_their_foreign_frequency():
    """v7: a word whose deleted form is a word of its own language (pensée: French ``pense``) is listed
    apart, and keeps its foreign frequency for the other rules (an elision: ``ltoile``)."""
    from textfix.lexicon import accents

    own = accents.own_words()
    assert "pensée" in own and "ministère" in own
    assert "schröder" not in own and "hénin" not in own
    assert all(c.fzipf > 0 for w in ("pensée", "étoile") for c in accents.by_deleted()[w.encode("ascii", "ignore").decode()]
               if c.word == w)


def test_v10_other_names_are_names_after_a_first_name_only(monkeypatch):
    """v10: words of the other foreign lists (Turkish Yağan, Hungarian Gergő) are read like the rarer
    ``foreign`` words, but only after a first name: never inside a sentence without one. They are not
    read by default (READ_OTHER_NAMES: a language's frequent words are no names)."""
    assert not accents.READ_OTHER_NAMES and "yaan" not in accents.rare_foreign() and not accents.name_only()
    monkeypatch.setattr(accents, "READ_OTHER_NAMES", True)
    accents.rare_foreign.cache_clear()
    accents.name_only.cache_clear()
    try:
        rare = accents.rare_foreign()
        assert rare.get("yaan") == "yağan" and "yaan" in accents.name_only()
        assert "yaan" not in accents.by_deleted()
        assert "hbschle" not in accents.name_only()
        # a word of the other lists whose deleted form one of the 17 lists writes as a word is left out
        # (Swedish våran: Czech ``vran``)
        assert rare.get("vran") != "våran"
    finally:
        monkeypatch.undo()
        accents.rare_foreign.cache_clear()
        accents.name_only.cache_clear()


def test_v10_raw_foreign_frequency():
    """v10: ``rzipf`` is a word's foreign frequency whatever its deleted form (René: French 4.3, though
    Danish ``ren`` makes ``nzipf`` 0)."""
    rene = [c for c in accents.by_deleted()["ren"] if c.word.lower() == "rené"]
    assert rene and rene[0].rzipf >= 4.0 and rene[0].nzipf == 0.0


def test_passage_markers_are_no_english_words():
    """The marker words that let :func:`textfix.fixers.letters._passages` look at a sentence are rare in
    English (wordfreq Zipf below 3.3) and frequent in their language (4.5 or more)."""
    from wordfreq import zipf_frequency

    from textfix.fixers import letters

    for lang, marks in letters._PASSAGE_MARKERS.items():
        for w in marks:
            assert zipf_frequency(w, "en") < 3.3 <= 4.5 <= zipf_frequency(w, lang), (lang, w)


def test_phrases_and_symbols_still_found_behind_their_word_gates():
    # _letters and _symbols look up a word that each phrase's match holds whole (la, ne, change, ber,
    # copyright, C/F) before they search the text for the phrase
    cases = {
        "Theyre victimization  la Harvey Weinstein, and dont stop.": ["accent:phrase:a-la"],
        "Chelsea (ne Bradley) Manning said she doesnt know.": ["accent:phrase:nee"],
        "Plus a change! Theyre back.": ["accent:phrase:ca-change"],
        "It was an ber-primary and theyre ber-rich.": ["accent:prefix:uber"] * 2,
        "Copyright  2019 The Times. It was 10 C (50 F) and theyre cold.":
            ["symbol:copyright:double-space"] + ["symbol:degree:conversion-pair"] * 2,
        "Theres a  la carte menu and Plus a changes. Chelsea (ne) said dont.": [],
        # (in ASCII text every word of a phrase must be there before the phrase pattern runs)
        "It was his raison dtre and the auto industry, dont.": ["accent:phrase:raison dtre"],
        "An auto-da-f in the AUTO-DA-F style, dont.": ["accent:phrase:auto-da-f", "accent:phrase:AUTO-DA-F"],
        # (_camel looks for its hint among the distinct words with a capital first)
        "A memberErdoan snickered and theyre gone. Erdoan said dont.":
            ["accent:Erdoan->Erdoğan:clean-news:fused-camel", "accent:Erdoan->Erdoğan:clean-news"],
    }
    for text, reasons in cases.items():
        ex = textfix.fix_and_explain(text)
        assert [c.reason for c in ex.changes if c.fixer in ("restore_letters", "restore_symbols")] == reasons, text


def test_degree_word_finds_every_text_the_degree_hint_finds():
    # in an ASCII text, _symbols asks _degree_word of the distinct words instead of searching the text
    # with _DEGREE_HINT: it must say yes wherever the hint finds a match (a yes more is checked by _DEGREES)
    from hypothesis import given, settings, strategies as st

    from textfix.fixers import Words, letters

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("0123CFcf x_-.\n(")), max_size=30))
    def check(text):
        if letters._DEGREE_HINT.search(text):
            assert letters._degree_word(Words(text).capital_lines), text

    check()
    for text in ("10C", "It was 10C.", "5F and", "F5", "C", "1C_", "DC 9F", "x\n10F"):
        assert letters._degree_word(Words(text).capital_lines) >= bool(letters._DEGREE_HINT.search(text)), text


def test_tailed_words_are_those_ending_in_a_tail():
    # _fused finds the words that end in a tail after a head of three letters or more with one search of
    # the reversed word list; it must find what a test of each word finds
    from hypothesis import given, settings, strategies as st

    from textfix.fixers import letters

    part = st.sampled_from(["the", "they", "who", "whose", "its", "s", "this", "nave", "vui", "ab", "abc", "x", "he",
                            "and", "not", "wit", "with", "hcihw", "\u00e9"])

    @settings(max_examples=300, deadline=None)
    @given(st.sets(st.lists(part, min_size=1, max_size=4).map("".join), max_size=12))
    def check(lows):
        ref = {(w, w[: -len(t)]) for w in lows for t in letters._FUSED_TAILS if w.endswith(t) and len(w) - len(t) >= 3}
        got = list(letters._tailed(lows))
        assert set(got) == ref and len(got) == len(ref)

    check()


def test_occurrences_are_the_positions_of_the_candidates_in_order():
    from itertools import compress

    from hypothesis import given, settings, strategies as st

    from textfix.fixers import letters

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["a", "b", "Cafe", "cafe", "x", "y", "z", "w"]), min_size=1, max_size=30), st.data())
    def check(words, data):
        cand = data.draw(st.sets(st.sampled_from(sorted(set(words))), max_size=6))
        assert list(letters._occurrences(words, cand)) == list(compress(range(len(words)), map(cand.__contains__, words)))

    check()


def test_a_deleted_first_letter_needs_three_letters_left():
    from textfix.fixers import letters as L

    keys = L._keys()

    def kinds(tok):
        return {kind for t, suffix in L._lookup(tok, keys) for _, _, kind in L._readings(t, L._cands(t, suffix))}

    # ``a`` (ça), ``to``, ``on``: a one- or two-letter rest is a frequent English word, never a surname's
    assert not {"surname", "initial"} & (kinds("a") | kinds("to") | kinds("on"))
    assert "surname" in kinds("lvarez")  # Álvarez after a first name
    assert L._chances("a", keys)[0] is False  # so ``a`` is no candidate at all
    assert textfix.fix("Carlos lvarez said it was a deal. Putins forces havent moved.").startswith("Carlos Álvarez said it was a deal.")


def test_a_capitalised_function_word_before_a_name_is_a_name_part_without_the_pair_counts(monkeypatch):
    # the accent index of text it was not built from has no ``São Paulo`` pair: `So` before a name that is
    # no frequent English word still reads as São (:func:`textfix.fixers.letters._name_part`)
    monkeypatch.setattr(accents, "bigram", lambda pair: 0)
    text = "Fires in Bolivia darkened the skies over So Paulo on Monday. Putins forces havent moved."
    ex = textfix.fix_and_explain(text)
    assert ex.text.startswith("Fires in Bolivia darkened the skies over São Paulo on Monday.")
    assert any(c.reason.endswith(":name-part") for c in ex.changes)
    # not after a capitalised word, nor before a frequent one
    for keep in ("Why Is America So Far Behind, asked the Times.", "The film stars So Solid Crew rapper Asher D."):
        assert textfix.fix(keep + " Putins forces havent moved.").startswith(keep)


def test_passage_function_words():
    """The function words that let :func:`textfix.fixers.letters._passages` look at every sentence of a
    document are frequent in their language (Zipf 5.8 or more), 1.5 above English; those the document
    test counts are rare in English (below 3.7)."""
    from wordfreq import zipf_frequency

    from textfix.fixers import letters

    for lang, words in letters._PASSAGE_FUNCTION.items():
        for w in words:
            assert zipf_frequency(w, lang) >= 5.8 and zipf_frequency(w, lang) >= zipf_frequency(w, "en") + 1.5, (lang, w)
        for w in letters._PASSAGE_FUNCTION_DOC[lang]:
            assert zipf_frequency(w, "en") < 3.7, (lang, w)


def test_passage_detector_on_english_with_french_words():
    """An English sentence with French and Spanish function words in names is no passage."""
    from textfix.fixers import Words, letters

    text = ("Marine Le Pen met the La Rochelle mayor in Des Moines, where the est. cost of the deal with Pierre de "
            "la Cruz was not public. Elle said que sera sera, and the UN and Los Angeles agreed pas de deux.")
    assert letters.sentences(Words(text)) == []
    fr = "He said it. Il sagit de partis xnophobes que la peur alimente, dans une ville qui vote."
    assert [s[0] for s in letters.sentences(Words(fr))] == ["fr"]


def _v11_layout(data: dict) -> dict:
    """``data`` (v12) as v11 laid it out: ``foreign`` a dict, ``rare_foreign`` and ``other_names`` strings
    of ``word zipf`` lines, and the derived flag of those lines."""
    old = dict(data, version=11)
    old["foreign"] = accents.foreign_words(data)
    for part in ("rare_foreign", "other_names"):
        words, zipf = (accents._lines(data[part][k]) for k in ("words", "zipf"))
        old[part] = "".join(f"{w} {z}\n" for w, z in zip(words, zipf))
    old["derived"] = dict(data["derived"], rare_foreign_pairs=True)
    return old


def _index_as_before(data: dict) -> dict:
    """The accent index (``by_deleted``) as v11's code built it, one candidate at a time."""
    out: dict = {}
    for w, v in data["words"].items():
        out.setdefault(accents._deleted(w), []).append(accents.Accented(w, *v))
    for w, fz in accents.foreign_words(data).items():
        out.setdefault(accents._deleted(w), []).append(accents.Accented(w, 0.0, 0, fz, 0, 0.0, 0.0))
    for w, z in data.get("diaeresis", {}).items():
        out.setdefault(accents._deleted(w), []).append(accents.Accented(w, z, 0, 0.0, 0, 0.0, 0.0))
    return {k: tuple(sorted(v, key=lambda a: (-a.count, -a.zipf))) for k, v in out.items()}


def test_v12_columns_hold_v11s_content_and_views():
    """v12 stores ``foreign``, ``rare_foreign`` and ``other_names`` as columns: an index in v11's layout (a
    held-out build) is read into the same content, and the views built from the columns at C speed are
    those v11's code built one word at a time (the same forms in the same order, candidates in the same
    order)."""
    data = accents.load()
    assert data["version"] == 12 and isinstance(data["foreign"]["fzipf"], list)
    old = _v11_layout(data)
    assert accents.upgrade(old) == dict(data, version=11)
    index = accents.by_deleted()
    before = _index_as_before(data)
    assert index == before and list(index) == list(before)
    assert sum(len(v) > 1 for v in index.values()) > 100  # (forms of several words: grouped and sorted)
    rare = accents.rare_foreign()
    words = [line.rpartition(" ")[0] for line in old["rare_foreign"].splitlines()]
    assert rare == {accents._deleted(w): w for w in words} and len(rare) == len(words) > 100000
    assert "hbschle" in rare and rare.keys() >= {"hbschle"} and "hubschle" not in rare


def test_index_of_clashing_forms_keeps_the_order_and_the_best_first():
    """Words, ``foreign`` words and diaeresis words of one deleted form: one entry, its candidates by clean-news
    count, then Zipf, the earlier first among equals; each form where its first word put it."""
    data = {"version": 12, "words": {"café": [4.0, 30, 0.0], "cafè": [2.0, 30, 0.0], "zoë": [3.0, 2, 0.0]},
            "foreign": accents.foreign_columns({"caff\u00e9": 2.5, "caf\u00e8": 3.5, "m\u00fcnch": 4.0}),
            "diaeresis": {"coöperate": 3.1, "cafë": 1.0}}
    got = accents._index(accents._deleted, foreign=True, data=data)
    assert got == _index_as_before(data) and list(got) == list(_index_as_before(data)) == ["caf", "zo", "caff", "mnch", "coperate"]
    assert [c.word for c in got["caf"]] == ["café", "cafè", "cafë", "cafè"] and got["caf"][3].fzipf == 3.5
    empty = {"version": 12, "words": {}, "foreign": {"words": "", "fzipf": []}}
    assert accents._index(accents._deleted, foreign=True, data=empty) == {}


def test_letters_views_of_the_index():
    """The elided forms (``ltat``: l'état) and the keys with an ``s`` are what their definitions give."""
    from textfix.fixers import letters

    index = accents.by_deleted()
    elided = set()
    for key, cands in index.items():
        if len(key) >= 3 and any(map(letters._elidable, cands)) and key.isalpha():
            elided.update(("l" + key, "d" + key))
    assert letters._elided() == elided and "ltat" in elided
    keys = frozenset(index)
    assert letters._keys_or_possessive() == keys | frozenset(k + "s" for k in keys)


def test_index_file_formats_round_trip(tmp_path):
    """v11 ships gzipped msgpack; a ``.json.gz`` name (v10's format, a held-out build) is written and read
    as JSON. Both give the shipped index back, keys in the same (sorted) order; a file in v11's layout is
    read into v12's."""
    from textfix.lexicon import build_accents

    data = accents.load()
    for name in ("index.msgpack.gz", "index.json.gz"):
        path = tmp_path / name
        build_accents.write(data, path)
        back = accents.read(path.read_bytes(), path.name)
        assert back == data and list(back["words"]) == list(data["words"]) == sorted(data["words"])
        build_accents.write(_v11_layout(data), path)
        assert accents.read(path.read_bytes(), path.name) == dict(data, version=11)
