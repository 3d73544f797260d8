"""textfix.lexicon.wordlists reads wordfreq's small lists as wordfreq does, and a fresh process's first
fix of an ASCII damaged text imports neither wordfreq nor ftfy."""

from __future__ import annotations


import pytest
import wordfreq
from wordfreq.numbers import has_digit_sequence

from textfix.lexicon import wordlists


@pytest.mark.parametrize("lang", ["en", "fr", "es", "de", "pt"])
def test_frequencies_and_top_words_are_wordfreqs(lang):
    ours = wordlists.frequencies(lang)
    theirs = wordfreq.get_frequency_dict(lang, "small")
    assert ours == theirs and list(ours) == list(theirs)  # (same order too: _listed_text joins them)
    assert wordlists.top_n(lang, 10000) == wordfreq.top_n_list(lang, 10000, wordlist="small")
    assert wordlists.top_n(lang, 10**7) == wordfreq.top_n_list(lang, 10**7, wordlist="small")
    assert all(wordlists._digit_pair(w) == has_digit_sequence(w) for w in ours)


def test_a_listed_lower_case_ascii_words_zipf_is_wordfreqs():
    """Every lower-case ASCII word of the small English list (28,001 in wordfreq 3.1), and words it lacks."""
    words = [w for w in wordlists.frequencies("en") if w.isascii() and w.isalpha() and w.islower()]
    assert len(words) > 20000
    freqs = wordlists.frequencies("en")
    assert [wordlists.listed_zipf(freqs[w]) for w in words] == [wordfreq.zipf_frequency(w, "en", wordlist="small") for w in words]
    for w in ("", "qxzvbw", "putins"):
        if w not in freqs:
            assert wordfreq.zipf_frequency(w, "en", wordlist="small") == wordlists.UNLISTED_ZIPF


def test_digit_pairs():
    for w in ("12", "1.5", "3,000", "1a", "a12", "x", "", "\u0664\u0665", "7"):
        assert wordlists._digit_pair(w) == has_digit_sequence(w), w


def test_the_first_fix_of_an_ascii_text_imports_neither_wordfreq_nor_ftfy(fresh_python):
    """The restorers of an ASCII damaged text need only the small English list's whole lower-case words
    (and wordfreq's import costs a fresh process about a sixth of its start-up; ftfy only text that may
    hold mojibake needs); a text with mojibake still gets ftfy."""
    code = (
        "import sys, textfix\n"
        "a = textfix.fix('Its the Kremlins plan, said Schrder in So Paulo.  Were sure its over nowwe hope.')\n"
        "first = sorted(m for m in ('wordfreq', 'ftfy', 'langcodes') if m in sys.modules)\n"
        "b = textfix.fix('Kyiv\\u00e2\\u20ac\\u2122s leaders met.')\n"
        "print(first, 'ftfy' in sys.modules, repr(a), repr(b))\n"
    )
    stdout = fresh_python(code)
    first, rest = stdout.split("]", 1)
    assert first == "["
    assert rest.split()[0] == "True" and "Kyiv\u2019s leaders met." in rest


def test_an_unknown_list_layout_falls_back_to_wordfreq(tmp_path, monkeypatch):
    # a wordfreq release that writes its lists in another layout is asked through its own API instead
    import gzip

    import msgpack
    from wordfreq import get_frequency_list

    from textfix.lexicon import wordlists

    odd = tmp_path / "small_en.msgpack.gz"
    odd.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": 2}, ["the"]])))
    monkeypatch.setattr(wordlists, "_path", lambda lang: odd)
    wordlists.buckets.cache_clear()
    try:
        assert wordlists.buckets("en") == get_frequency_list("en", "small")
    finally:
        wordlists.buckets.cache_clear()
