"""The deletion restorer's Zipf lookup answers what wordfreq answers, without wordfreq's tokeniser."""

from wordfreq import get_frequency_dict, zipf_frequency, zipf_to_freq

from textfix.fixers.deletions import _listed_zipf, _zipf


def test_listed_zipf_is_wordfreqs_for_every_listed_word():
    listed = get_frequency_dict("en", "small")
    floor = zipf_to_freq(0.0)
    words = [w for w in listed if w.isascii() and w.isalpha() and w.islower()]
    assert len(words) > 20_000
    bad = [w for w in words if _listed_zipf(listed[w], floor) != zipf_frequency(w, "en", wordlist="small")]
    assert not bad


def test_zipf_any_word():
    z = _zipf()
    for w in ("the", "its", "clintons", "qzxv", "Obama", "it's", "2020s", "caf\u00e9", "", "wont", "the"):
        assert z(w) == zipf_frequency(w, "en", wordlist="small")
