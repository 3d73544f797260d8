"""The diagnosis's fast paths find what its reference patterns find."""

from __future__ import annotations

import importlib

from hypothesis import given
from hypothesis import strategies as st

# ``textfix.diagnose`` the attribute is the function; the module is imported by name
D = importlib.import_module("textfix.diagnose")

_ASCII = st.lists(st.sampled_from(list("aKs?tz r'elvdm_0.\n") + ["?s", "?re", "?ll", "s?", "??"]), max_size=40).map("".join)


@given(_ASCII)
def test_replaced_apostrophes_in_ascii_text_as_the_unicode_pattern_counts_them(text):
    assert len(D._REPLACED_APOS_ASCII.findall(text)) == len(D._REPLACED_APOS.findall(text))


def test_replaced_apostrophes_counted():
    text = "Kyiv?s army, don?t go?  We?ll see. What? s?s 5?s ?s"  # not after a digit or a space
    assert len(D._REPLACED_APOS_ASCII.findall(text)) == len(D._REPLACED_APOS.findall(text)) == 4
    assert D.diagnose(text).get("deletion").evidence["intact_apostrophes_or_quotes"] == 4
