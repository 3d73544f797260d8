"""The datatrove integration: same texts as the library, stats and metadata, the two-stage repeated lines.

The pipelines run for real with LocalPipelineExecutor (2 tasks, 2 workers) on JSONL written to tmp_path;
datatrove's logs and stats go to tmp_path too.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

import textfix
from textfix.changes import replay, sequential

HAS_DATATROVE = importlib.util.find_spec("datatrove") is not None
needs_datatrove = pytest.mark.skipif(not HAS_DATATROVE, reason="datatrove not installed (pip install 'textfix[datatrove]')")

MOJIBAKE_APOSTROPHE = "\u00e2\u20ac\u2122"  # ’ encoded as UTF-8 and decoded as cp1252

# Hand-made damage of the kinds ingestion pipelines produce, and clean text that must pass unchanged.
DOCS = [
    {"id": "a1", "title": "Kyiv’s mayor speaks", "source": "Example Times",
     "text": f"Kyiv{MOJIBAKE_APOSTROPHE}s mayor said the city{MOJIBAKE_APOSTROPHE}s grid was stable.\n\nHe didnt say more."},
    {"id": "a2", "title": "Markets", "source": "Example Times",
     "text": "The governments plan  announced Monday  was criticised by the unions.\n\nIts not over yet, they said."},
    {"id": "a3", "title": "Caf\u00e9 prices", "source": "Daily Sample",
     "text": "Caf? owners said the ?20 fee was too high. Theyre \ufffd worried.\n\nPrices rose 5% in 2019-2020."},
    {"id": "a4", "source": "Daily Sample",
     "text": "“It’s fine,” she said — and left. Nothing here is damaged.\n\nThe end."},
    {"id": "b1", "title": "Weather", "source": "Example Times",
     "text": f"Temperatures reached 25C in Kyiv{MOJIBAKE_APOSTROPHE}s centre.\n\n{MOJIBAKE_APOSTROPHE}Quoted{MOJIBAKE_APOSTROPHE} words."},
    {"id": "b2", "title": "", "source": "Daily Sample",
     "text": "He said \"it's fine\" and left. Plain ASCII text passes unchanged."},
    {"id": "b3", "title": "Sport", "source": "Example Times",
     "text": "The teams coach  a former player  didnt comment on the 3-1 loss."},
    {"id": "b4", "title": "Na\u00efve", "source": "Daily Sample",
     "text": "A naive caf menu, a rsum and an elite fianc \u00e2\u20ac\u201d all deleted accents."},
]


def _write_jsonl(folder: Path, docs: list[dict], files: int = 2) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        with open(folder / f"part-{i}.jsonl", "w", encoding="utf-8") as f:
            for doc in docs[i::files]:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")


def _read_jsonl(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out[rec["id"]] = rec
    return out


def _run(pipeline, logs: Path, tasks: int = 2, workers: int = 2):
    from datatrove.executor import LocalPipelineExecutor

    return LocalPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=str(logs)).run()


def _step_stats(stats, step_type) -> dict[str, float]:
    """Totals of one step's stats from the merged PipelineStats that the executor returns."""
    for st in stats.stats:
        if st.name.endswith(step_type.name):
            return {k: v.total for k, v in st.stats.items()}
    raise AssertionError(f"no stats for {step_type.name}")


# --- the optional dependency ---------------------------------------------------------------------------

def test_missing_datatrove_names_the_pip_install(monkeypatch):
    for name in list(sys.modules):
        if name == "datatrove" or name.startswith("datatrove."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "datatrove", None)  # importing a None entry raises ImportError
    monkeypatch.delitem(sys.modules, "textfix.integrations.datatrove", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'textfix\[datatrove\]'"):
        importlib.import_module("textfix.integrations.datatrove")
    monkeypatch.delitem(sys.modules, "textfix.integrations.datatrove", raising=False)


def test_import_textfix_does_not_import_datatrove():
    import subprocess

    code = "import sys, textfix, textfix.integrations; print(any(m.split('.')[0] == 'datatrove' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


# --- TextfixFormatter --------------------------------------------------------------------------------

@needs_datatrove
def test_pipeline_gives_the_same_texts_as_fix(tmp_path):
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textfix.integrations.datatrove import TextfixFormatter

    _write_jsonl(tmp_path / "in", DOCS)
    stats = _run([
        JsonlReader(str(tmp_path / "in")),
        TextfixFormatter(),
        JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None),
    ], tmp_path / "logs")
    out = _read_jsonl(tmp_path / "out")
    assert sorted(out) == sorted(d["id"] for d in DOCS)

    fixers = Counter()
    for doc in DOCS:
        title = doc.get("title") or None
        explained = textfix.fix_and_explain(doc["text"], title=title, source=doc["source"])
        assert explained.text == textfix.fix(doc["text"], title=title, source=doc["source"])
        rec = out[doc["id"]]
        assert rec["text"] == explained.text, doc["id"]
        assert rec["metadata"]["textfix_changes"] == len(explained.changes)
        assert rec["metadata"]["textfix_damage"] == ",".join(explained.diagnosis.kinds)
        fixers.update(ch.fixer for ch in explained.changes)
    # the sample is damaged: the pipeline must have changed something, or this test proves nothing
    assert "Kyiv’s" in out["a1"]["text"] and fixers
    assert out["a4"]["text"] == DOCS[3]["text"] and out["b2"]["text"] == DOCS[5]["text"]

    totals = _step_stats(stats, TextfixFormatter)
    assert {k.split("/", 1)[1]: v for k, v in totals.items() if k.startswith("fixer/")} == dict(fixers)
    assert totals["total"] == len(DOCS)
    assert (tmp_path / "logs" / "stats.json").exists()


@needs_datatrove
def test_ray_pipeline_on_a_local_cluster_gives_the_same_texts_as_fix(tmp_path):
    """The same steps under datatrove's RayPipelineExecutor on a local Ray cluster (2 CPUs, 2 tasks)."""
    ray = pytest.importorskip("ray", reason="ray not installed (pip install 'textfix[ray]')")
    from datatrove.executor.ray import RayPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textfix.integrations.datatrove import TextfixFormatter

    _write_jsonl(tmp_path / "in", DOCS)
    root = str(Path(__file__).resolve().parents[1])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
             runtime_env={"env_vars": {"PYTHONPATH": root}})
    try:
        RayPipelineExecutor([
            JsonlReader(str(tmp_path / "in")),
            TextfixFormatter(),
            JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None),
        ], tasks=2, workers=2, cpus_per_task=1, mem_per_cpu_gb=0.5, logging_dir=str(tmp_path / "logs")).run()
    finally:
        ray.shutdown()
    out = _read_jsonl(tmp_path / "out")
    assert sorted(out) == sorted(d["id"] for d in DOCS)
    for doc in DOCS:
        explained = textfix.fix_and_explain(doc["text"], title=doc.get("title") or None, source=doc["source"])
        assert out[doc["id"]]["text"] == explained.text, doc["id"]
        assert out[doc["id"]]["metadata"]["textfix_changes"] == len(explained.changes)
    assert "Kyiv’s" in out["a1"]["text"]


@needs_datatrove
def test_metadata_survives_parquet_whatever_the_first_document(tmp_path):
    """ParquetWriter takes its schema from the first document: the metadata must not depend on it."""
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import ParquetWriter

    from textfix.integrations.datatrove import TextfixFormatter

    clean_first = [DOCS[5], DOCS[0], DOCS[2], DOCS[3]]  # an undamaged document first, damaged ones after
    _write_jsonl(tmp_path / "in", clean_first, files=1)
    _run([JsonlReader(str(tmp_path / "in")), TextfixFormatter(), ParquetWriter(str(tmp_path / "out"))],
         tmp_path / "logs", tasks=1, workers=1)
    (path,) = (tmp_path / "out").glob("*.parquet")
    rows = pq.read_table(path).to_pylist()
    assert [r["text"] for r in rows] == [textfix.fix(d["text"], title=d.get("title") or None, source=d["source"])
                                         for d in clean_first]
    assert [r["metadata"]["textfix_damage"] for r in rows] == [
        ",".join(textfix.diagnose(d["text"]).kinds) for d in clean_first]
    assert rows[0]["metadata"]["textfix_damage"] == "" and rows[1]["metadata"]["textfix_damage"]


@needs_datatrove
def test_formatter_passes_title_and_source_from_metadata(monkeypatch):
    from datatrove.data import Document

    import textfix.integrations.datatrove as dt

    seen = []

    def spy(text, config=None, **kw):
        seen.append(kw)
        return textfix.fix_and_explain(text, config, **kw)

    monkeypatch.setattr(dt, "fix_and_explain", spy)
    docs = [Document(text="a", id="1", metadata={"headline": "Kyiv’s day", "outlet": "X"}),
            Document(text="b", id="2", metadata={"headline": 3}),
            Document(text="c", id="3", metadata={"title": "ignored"})]
    list(dt.TextfixFormatter(title_key="headline", source_key="outlet").run(iter(docs)))
    assert seen == [{"title": "Kyiv’s day", "source": "X"}, {"title": None, "source": None},
                    {"title": None, "source": None}]


@needs_datatrove
def test_formatter_options_are_checked_at_construction():
    from textfix.integrations.datatrove import TextfixFormatter

    with pytest.raises(TypeError, match="unknown textfix option"):
        TextfixFormatter(restore_apostrophe=False)
    f = TextfixFormatter(textfix.Config(style="typographic"), fix_mojibake=False)
    assert f.config.style == "typographic" and not f.config.fix_mojibake
    assert f.format(f"Kyiv{MOJIBAKE_APOSTROPHE}s") == textfix.fix(f"Kyiv{MOJIBAKE_APOSTROPHE}s", f.config)


@needs_datatrove
def test_formatter_keeps_a_document_whose_repair_raised(monkeypatch):
    from datatrove.data import Document

    import textfix.integrations.datatrove as dt

    def boom(*a, **kw):
        raise RuntimeError("bug")

    monkeypatch.setattr(dt, "fix_and_explain", boom)
    step = dt.TextfixFormatter()
    (doc,) = step.run(iter([Document(text="Kyivs", id="1")]))
    assert doc.text == "Kyivs" and doc.metadata["textfix_error"] == "RuntimeError: bug"
    assert step.stats["textfix_errors"].total == 1
    with pytest.raises(RuntimeError):
        list(dt.TextfixFormatter(on_error="raise").run(iter([Document(text="x", id="2")])))


@needs_datatrove
def test_formatter_explain_key_replays(monkeypatch):
    from datatrove.data import Document

    from textfix.integrations.datatrove import TextfixFormatter

    text = DOCS[0]["text"]
    (doc,) = TextfixFormatter(explain_key="textfix_explain").run(iter([Document(text=text, id="1")]))
    changes = [textfix.Change(**c) for c in json.loads(doc.metadata["textfix_explain"])]
    assert changes and textfix.replay(text, changes) == doc.text


# --- boilerplate lines (needs textfix.boilerplate, merged by the lead) -----------------------------------

BOILER_SOURCES = {"Example Times": "Copyright © 2019 The Example Times, LLC. Click here for reprint permission.",
                  "Daily Sample": "Sign up for Daily Newsletters Manage Newsletters"}


def _boiler_docs(n: int = 24) -> list[dict]:
    """Docs whose outlet repeats one line in most of its documents, spread over both input files."""
    docs = []
    for i in range(n):
        source = "Example Times" if i % 3 else "Daily Sample"
        # words, not numbers, make lines distinct: CorpusStats normalises every digit run to 0
        paras = [f"The {WORDS[i]} report reached the {WORDS[i + 1]} committee on a busy morning.",
                 f"Officials from {WORDS[i + 2]} said the {WORDS[i + 3]} plan would need more time."]
        if i % 4 != 3:
            paras.insert(1, BOILER_SOURCES[source])
        if i % 5 == 0:  # a cue line, in fewer than 10 documents of any outlet: boilerplate, but not repeated
            paras.append("ADVERTISEMENT")
        docs.append({"id": f"d{i:03d}", "title": f"Story {i}", "source": source, "text": "\n\n".join(paras)})
    # A ladder: line k is in exactly k documents of one outlet, alternating between the two input files.
    # Whatever the repetition threshold T of CorpusStats, line T is repeated in the whole corpus but
    # not within one file, so counts that were not merged across tasks would miss it.
    for j in range(LADDER):
        extra = [f"More from the {WORDS[k]} desk of the Ladder Gazette" for k in range(2, LADDER + 1) if j < k]
        docs.append({"id": f"l{j:03d}", "title": f"Ladder {WORDS[j]}", "source": "Ladder Gazette",
                     "text": "\n".join([f"The Gazette reports on {WORDS[j + 20]} and {WORDS[j + 21]} today."] + extra)})
    return docs


LADDER = 16
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber birch cedar dune ember fern "
         "grove heath iris jade kelp larch moss nettle").split()


def _boilerplate_or_skip():
    """textfix.boilerplate, or skip: it is written on another branch (an empty namespace package counts as absent)."""
    bp = pytest.importorskip("textfix.boilerplate")
    if not hasattr(bp, "drop_changes"):
        pytest.skip("textfix.boilerplate is not merged yet (no drop_changes)")
    corpus = pytest.importorskip("textfix.boilerplate.corpus")
    if not hasattr(corpus, "CorpusStats"):
        pytest.skip("textfix.boilerplate.corpus is not merged yet (no CorpusStats)")
    return bp, corpus


def _nonblank(text: str) -> Counter:
    return Counter(line.strip() for line in text.split("\n") if line.strip())


def _assert_every_removed_line_is_recorded(before: str, after: str, record: list[dict]) -> None:
    removed = _nonblank(before) - _nonblank(after)
    recorded = Counter(line.strip() for r in record for line in r["text"].split("\n") if line.strip())
    assert removed == recorded
    assert _nonblank(after) - _nonblank(before) == Counter()  # nothing added


@needs_datatrove
def test_boilerplate_line_filter_records_every_removed_line():
    bp, _ = _boilerplate_or_skip()
    from datatrove.data import Document

    from textfix.integrations.datatrove import BoilerplateLineFilter

    docs = _boiler_docs()
    step = BoilerplateLineFilter()
    out = list(step.run(iter(Document(text=d["text"], id=d["id"], metadata={"title": d["title"], "source": d["source"]})
                             for d in docs)))
    assert [d.id for d in out] == [d["id"] for d in docs]  # a line remover never drops a document
    reasons = Counter()
    for d, o in zip(docs, out):
        expected = replay(d["text"], sequential(sorted(bp.drop_changes(d["text"], title=d["title"], source=d["source"]),
                                                       key=lambda c: (c.start, c.end))))
        assert o.text == expected
        record = json.loads(o.metadata["textfix_dropped_lines"])
        assert o.metadata["textfix_dropped"] == len(record)
        _assert_every_removed_line_is_recorded(d["text"], o.text, record)
        for r in record:
            assert d["text"].split("\n")[r["index"]].strip() == r["text"].split("\n")[0].strip()
        reasons.update(r["reason"].removeprefix("boilerplate:").split(":", 1)[0] for r in record)
    assert reasons, "the sample has boilerplate lines: nothing removed means the step did nothing"
    for reason, n in reasons.items():
        assert step.stats[f"dropped_{reason}"].total == n
    assert step.stats["dropped_lines"].total == sum(reasons.values())


@needs_datatrove
def test_repeated_line_stages_match_a_single_process_count(tmp_path):
    bp, corpus = _boilerplate_or_skip()
    from datatrove.data import Document
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textfix.integrations.datatrove import RepeatedLineCounter, RepeatedLineFilter, load_counts

    docs = _boiler_docs()
    _write_jsonl(tmp_path / "in", docs)
    counts = tmp_path / "counts"
    _run([JsonlReader(str(tmp_path / "in")), RepeatedLineCounter(str(counts))], tmp_path / "logs1")
    assert len(list(counts.glob("*.textfix-lines.json.gz"))) == 2
    _run([JsonlReader(str(tmp_path / "in")), RepeatedLineFilter(str(counts)),
          JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None)], tmp_path / "logs2",
         workers=1)  # stage 1 ran in 2 processes; stage 2 runs its 2 tasks in this one, to keep the test fast
    out = _read_jsonl(tmp_path / "out")
    # the other mode, in this process: every boilerplate line, with the merged counts as corpus evidence
    full = {o.id: o for o in RepeatedLineFilter(str(counts), only_repeated=False).run(
        iter(Document(text=d["text"], id=d["id"], metadata={"title": d["title"], "source": d["source"]}) for d in docs))}

    single = corpus.CorpusStats()  # the reference: one process counts everything
    for d in docs:
        single.add_document(d["text"].split("\n"), d["source"])
    merged = load_counts(str(counts))
    corpus_only = 0
    for d in docs:
        lines, source = d["text"].split("\n"), d["source"]
        assert [single.repeated(x, source) for x in lines] == [merged.repeated(x, source) for x in lines]
        # only_repeated (default): exactly the lines the single-process count calls repeated are gone
        text = out[d["id"]].get("text", "")  # JsonlWriter omits an empty text
        repeated = Counter(x.strip() for x in lines if x.strip() and single.repeated(x, source))
        assert _nonblank(d["text"]) - _nonblank(text) == repeated, d["id"]
        _assert_every_removed_line_is_recorded(d["text"], text, json.loads(out[d["id"]]["metadata"]["textfix_dropped_lines"]))
        # only_repeated=False: drop_changes in corpus mode with the single-process count
        drop = sorted(bp.drop_changes(d["text"], title=d["title"], source=source, corpus_stats=single),
                      key=lambda c: (c.start, c.end))
        expected = replay(d["text"], sequential(drop))
        assert full[d["id"]].text == expected, d["id"]
        without = replay(d["text"], sequential(sorted(bp.drop_changes(d["text"], title=d["title"], source=source),
                                                      key=lambda c: (c.start, c.end))))
        corpus_only += expected != without
    # the outlets' repeated lines are found only with corpus counts; else this test proves nothing
    assert corpus_only > 0
    shards = [corpus.CorpusStats() for _ in range(2)]  # what each task saw: JsonlReader shards by file
    for i, shard in enumerate(shards):
        for d in docs[i::2]:
            shard.add_document(d["text"].split("\n"), d["source"])
    only_merged = [line for d in docs for line in d["text"].split("\n")
                   if single.repeated(line, d["source"]) and not any(s.repeated(line, d["source"]) for s in shards)]
    assert only_merged, "the ladder should contain a line that only the merged counts find repeated"
    assert any(single.repeated(line, s) for s, line in BOILER_SOURCES.items())


@needs_datatrove
def test_stage_two_refuses_incomplete_counts(tmp_path):
    _boilerplate_or_skip()
    from datatrove.data import Document

    from textfix.integrations.datatrove import RepeatedLineCounter, load_counts

    counts = tmp_path / "counts"
    for rank in range(3):
        step = RepeatedLineCounter(str(counts))
        list(step.run(iter([Document(text="same line\nother", id=str(rank), metadata={"source": "s"})]), rank, 3))
    load_counts(str(counts))  # complete: loads
    (counts / "00001-of-00003.textfix-lines.json.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"\[1\] of 3"):
        load_counts(str(counts))


@needs_datatrove
def test_a_line_seen_once_per_task_still_adds_up(tmp_path):
    _, corpus = _boilerplate_or_skip()
    from datatrove.data import Document

    from textfix.integrations.datatrove import RepeatedLineCounter, load_counts

    line, tasks = "Follow the Thin Times on every network", 12
    docs = [Document(text=f"{line}\nStory about {w} alone.", id=w, metadata={"source": "thin"})
            for w in WORDS[:tasks]]
    single = corpus.CorpusStats()
    for d in docs:
        single.add_document(d.text.split("\n"), "thin")
    assert single.repeated(line, "thin")
    for min_count, found in ((1, True), (2, False)):  # 2 trades exactness for smaller files
        folder = tmp_path / f"counts{min_count}"
        for rank, d in enumerate(docs):
            list(RepeatedLineCounter(str(folder), save_min_count=min_count).run(iter([d]), rank, tasks))
        assert load_counts(str(folder)).repeated(line, "thin") is found
