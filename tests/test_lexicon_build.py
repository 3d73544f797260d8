"""The shipped deletion tables rebuild from the build script, and the file format round-trips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from textfix.lexicon import build, tables

SYNTHETIC = [
    "Putin’s comments came after Russia’s ministry spoke. It’s the end — and its forces left.\n\n"
    "We don’t know. The talks were over—we hope. Copyright © 2019 The Times.",
    "Putin’s aides said it’s over. Its army moved; we’re told the 2014–2022 war — a Russia–Ukraine war — ended.",
] * 3


def test_label():
    assert build.label("Kyiv’s") == "Kyiv's"
    assert build.label("now—we") == "now—we"
    assert build.label("‘seizes") == "seizes"  # an opening quote, not an apostrophe
    assert build.label("players’") == "players'"
    assert build.label("’90s") == "'90s"
    assert build.label("café") == "caf"  # letters are not this table's business


def test_build_synthetic_roundtrip(tmp_path):
    t = build.build(SYNTHETIC)
    assert t["version"] == tables.VERSION and t["docs"] == len(SYNTHETIC)
    assert t["lower"]["putins"] == {"putin's": 6}
    assert t["lower"]["its"] == {"it's": 6, "its": 6}
    assert "its" in t["next"] and tables.unpacked(t)["next"]["its"]["forces"] == {"its": 3}
    assert t["gap"]["prior"]["—"] >= 6 and t["gap"]["prior"]["x"] == 3
    path = tables.save(t, tmp_path / tables.TABLE_NAME)
    again = tables.read(path)
    assert again == t
    # the saved file is deterministic
    assert tables.save(t, tmp_path / "again.msgpack.gz").read_bytes() == path.read_bytes()


def test_shipped_tables_load_and_fit_budget():
    path = tables.SHIPPED_DATA / tables.TABLE_NAME
    assert path.exists() and path.stat().st_size < 3_000_000
    t = tables.load()
    assert t["version"] == tables.VERSION and t["docs"] > 5000
    assert t["lower"]["putins"]["putin's"] > 50
    assert t["next"]["its"]["the"]["it's"] > 100  # lazily decoded
    assert (tables.SHIPPED_DATA / "README.md").exists()


def _shared() -> Path | None:
    env = os.environ.get("TEXTFIX_SHARED")
    for cand in ([Path(env)] if env else []) + [Path(__file__).resolve().parents[1].parent / "shared"]:
        if (cand / "corpora").is_dir():
            return cand
    return None


def test_build_script_on_corpus_sample(tmp_path):
    shared = _shared()
    if shared is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED to the shared folder)")
    assert build.main(["--shared", str(shared), "--limit", "60", "--out", str(tmp_path)]) == 0
    small = tables.read(tmp_path / tables.TABLE_NAME)
    shipped = tables.load()
    assert small["docs"] == 60 and set(small) == set(shipped)
    # the sample's counts are a subset of the shipped (dev-split) counts
    for key, labels in list(small["lower"].items())[:200]:
        assert key in shipped["lower"], key
        for lab, n in labels.items():
            assert shipped["lower"][key].get(lab, 0) >= n, (key, lab)


def test_collision_model_ships_and_reads_context():
    from textfix.fixers import deletions

    path = tables.SHIPPED_DATA / deletions.COLLISION_MODEL_NAME
    assert path.exists() and path.stat().st_size < 3_000_000
    assert deletions._collision_model() and deletions._collision_tags()
    cl = deletions.collision_classes("states")
    assert cl == {"states": 0, "state's": 1, "states'": 2}
    assert deletions.collision_classes("putins") is None  # static: no context needed

    def post(w, before, after, after2, nc="a"):
        return deletions.collision_posterior(
            deletions._features(w, w.lower(), before, after, after2, nc, False), deletions.collision_classes(w.lower()))

    assert post("states", "the", "said", "they")["states"] > 0.9
    assert post("states", "the", "rights", "|")["states'"] > 0.5
    assert post("its", "|.", "a", "good")["it's"] > 0.9
    # ``and its troops.``: collisions-v1 gave 0.91, v2 0.86 (``troops`` rarely follows a possessive);
    # either way ``it's`` (0.14) stays far below the collision floor (0.85)
    assert post("its", "and", "troops", "|.")["its"] > 0.85


def test_train_collisions_on_corpus_sample(tmp_path):
    shared = _shared()
    if shared is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED to the shared folder)")
    pytest.importorskip("scipy")
    from textfix.fixers import deletions
    from textfix.lexicon import train_collisions

    assert train_collisions.main(["--shared", str(shared), "--limit", "30", "--out", str(tmp_path)]) == 0
    small = deletions.read_collisions(tmp_path / train_collisions.MODEL_NAME)
    shipped = deletions.read_collisions(tables.SHIPPED_DATA / train_collisions.MODEL_NAME)
    assert small["docs"] == 30 and small["examples"] > 100 and set(small) == set(shipped)
    assert small["index"] and len(small["w"]) == 2 * len(small["index"])
    assert set(small["tags"]) <= set(shipped["tags"])


def test_ascii_quoted_training_documents():
    # collisions-v4 also trains on ASCII-quoted dev news, its ' and " made typographic so that damage
    # deletes them and the labels are known
    from itertools import islice

    from textfix.lexicon import train_collisions

    assert train_collisions.curled('He said "we don\'t" and the states\' laws.') == (
        "He said \u201cwe don\u2019t\u201c and the states\u2019 laws.")
    shared = _shared()
    if shared is None:
        pytest.skip("../shared/corpora not found (set TEXTFIX_SHARED to the shared folder)")
    docs = list(islice(train_collisions.ascii_documents(shared), 20))
    assert len(docs) == 20 and all("'" not in d and '"' not in d for d in docs)
    assert sum("\u2019" in d for d in docs) >= 10
    first = next(train_collisions.ascii_documents(shared, exclude=frozenset()))
    assert first == docs[0]


def test_collision_scores_equal_feature_sums():
    # the cached group sums of the hot path equal the sum over the training features
    from textfix.fixers import deletions

    for w, before, after, after2, nc, stem in [("states", "the", "rights", "|", "a", False),
                                               ("Sanders", "|.", "campaign", "manager", "a", True),
                                               ("its", "but", "a", "good", "a", False),
                                               ("were", "we", "going", "to", "a", False)]:
        a = deletions._collision_scores(w, w.lower(), before, after, after2, nc, stem)
        b = deletions._sum(deletions._features(w, w.lower(), before, after, after2, nc, stem))
        assert abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6


def test_collision_tag_sums_equal_feature_sums():
    # the tag-group sums read from the family's weights equal the sums over the feature lists, bit for bit
    from textfix.fixers import deletions

    tags = deletions._collision_tags()
    if not tags:
        pytest.skip("no collision model ships")
    sample = sorted(tags.items())[:: max(1, len(tags) // 60)] + [("|.", "?"), ("unseenword", "?")]
    fams = ["S", "U"] + sorted({deletions._family(l) for l in ("its", "were", "well", "hell", "shell")})
    for fam in fams:
        for (wa, ta), (wb, tb) in zip(sample, sample[1:] + sample[:1]):
            for pd, plural, tcap in (("s", False, ""), ("d", True, "3"), ("|", False, "?"), ("w", True, "0")):
                assert deletions._s_tags.__wrapped__(fam, pd, ta, tb, plural, tcap) == deletions._csum(
                    deletions._f_tags(fam, pd, ta, tb, plural, tcap))
            assert deletions._s_ptag.__wrapped__(fam, wa) == deletions._csum(deletions._f_ptag(fam, wa, tags.get(wa, "?")))
