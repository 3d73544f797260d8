"""The rare-words list that keeps real words from being split by the fused-dash rule."""

from __future__ import annotations

import gzip
import importlib.metadata
import json

import pytest

import textfix
from textfix.lexicon import build_rare, tables

SHIPPED = tables.SHIPPED_DATA / f"rare-words-v{build_rare.VERSION}.json.gz"


def _shipped() -> dict:
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as f:
        return json.load(f)


def test_shipped_list_is_small_sorted_and_documented():
    data = _shipped()
    assert SHIPPED.stat().st_size < 400_000
    words = data["words"]
    assert words == sorted(words) and 30_000 < len(words) < 120_000
    assert {"attractor", "overdo", "topher"} <= set(words)
    assert not {"nowwe", "europeabout", "the", "about"} & set(words)  # fusions, and small-list words
    assert "rare-words-v1.json.gz" in (tables.SHIPPED_DATA / "README.md").read_text(encoding="utf-8")


def test_rebuild_equals_the_shipped_list():
    data = _shipped()
    if importlib.metadata.version("wordfreq") != data["wordfreq"]:
        pytest.skip(f"installed wordfreq {importlib.metadata.version('wordfreq')} is not the one the list "
                    f"was built with ({data['wordfreq']}); its frequencies may differ")
    assert build_rare.build() == data


@pytest.mark.parametrize("text, fixed", [
    ("Lorenz found a strange attractor. We dont know.", "Lorenz found a strange attractor. We don't know."),
    ("Do not overdo it, said Topher. We dont know.", "Do not overdo it, said Topher. We don't know."),
    ("It was nowwe hope, over. We dont know.", "It was now\u2014we hope, over. We don't know."),
])
def test_listed_words_stay_whole_and_fusions_still_split(text, fixed):
    assert textfix.fix(text) == fixed


SHIPPED_S = tables.SHIPPED_DATA / f"rare-s-words-v{build_rare.VERSION}.json.gz"


def test_shipped_s_list_is_small_and_documented():
    with gzip.open(SHIPPED_S, "rt", encoding="utf-8") as f:
        data = json.load(f)
    assert SHIPPED_S.stat().st_size < 200_000
    words = data["words"]
    assert words == sorted(words) and all(w[-1] == "s" for w in words)
    assert {"nimbys", "carys", "trotskyists"} <= set(words)  # listed below Zipf 2.0: left alone
    assert not {"chaucers", "hilarys", "ibds"} & set(words)  # never listed: a possessive that lost its apostrophe
    assert not set(words) & set(_shipped()["words"])  # below the rare words' floor
    assert SHIPPED_S.name in (tables.SHIPPED_DATA / "README.md").read_text(encoding="utf-8")


def test_rebuild_equals_the_shipped_s_list():
    with gzip.open(SHIPPED_S, "rt", encoding="utf-8") as f:
        data = json.load(f)
    if importlib.metadata.version("wordfreq") != data["wordfreq"]:
        pytest.skip(f"installed wordfreq {importlib.metadata.version('wordfreq')} is not the one the list "
                    f"was built with ({data['wordfreq']}); its frequencies may differ")
    assert build_rare.build_s() == data
