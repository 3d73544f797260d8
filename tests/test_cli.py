"""The textfix command, run through subprocess as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2d5d7ecc40b0869e.txt"
# The installed console script; `python -m textfix` where the package is only on the path.
CMD = [shutil.which("textfix")] if shutil.which("textfix") and not os.environ.get("TEXTFIX_CLI_MODULE") else [sys.executable, "-m", "textfix"]


def run(args, stdin: bytes = b"", **kw):
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    return subprocess.run(CMD + list(args), input=stdin, capture_output=True, timeout=120, env=env, **kw)


def test_cp1252_bytes_on_stdin():
    # printf 'Kyiv\xe2\x80\x99s' | iconv -f utf-8 -t cp1252 | textfix
    r = run([], "Kyiv\u2019s".encode("cp1252"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == "Kyiv\u2019s"


def test_mojibake_with_explain(tmp_path):
    ex = tmp_path / "ex.jsonl"
    r = run(["--explain", str(ex)], "Kyiv\u00e2\u20ac\u2122s\n".encode("utf-8"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == "Kyiv\u2019s\n"
    rows = [json.loads(line) for line in ex.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["fixer"] == "fix_mojibake" and row["before"] == "\u00e2\u20ac\u2122" and row["after"] == "\u2019"
    assert (row["line"], row["col"]) == (1, 5)
    assert set(row) >= {"line", "col", "before", "after", "fixer", "reason", "confidence"}


def test_missing_file_exits_1_with_one_line():
    r = run(["/no/such/file.txt"])
    assert r.returncode == 1
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err


def test_usage_error_exits_2():
    r = run(["--no-such-flag"])
    assert r.returncode == 2


def test_no_fixer_flags_come_from_config():
    import textfix

    out = run(["--help"]).stdout.decode()
    for name in textfix.FIXERS:
        flag = ("--no-" if getattr(textfix.Config(), name) else "--") + name.replace("_", "-")
        assert flag in out
    r = run(["--no-fix-mojibake"], "Kyiv\u00e2\u20ac\u2122s".encode())
    assert r.stdout.decode() == "Kyiv\u00e2\u20ac\u2122s"


def test_refuses_to_overwrite_input(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("hello\n")
    r = run([str(f), "-o", str(f)])
    assert r.returncode == 2 and b"refusing" in r.stderr
    assert f.read_text() == "hello\n"


def test_seed_round_trips_in_its_layout(tmp_path):
    out = tmp_path / "out.txt"
    ex = tmp_path / "ex.jsonl"
    r = run([str(SEED), "-o", str(out), "--explain", str(ex)])
    assert r.returncode == 0, r.stderr
    src = SEED.read_text(encoding="utf-8").split("\n")
    got = out.read_text(encoding="utf-8").split("\n")
    assert len(got) == len(src)
    assert got[1:4] == src[1:4], "the date, URL and clean title are kept as they are"
    # the stripped title lost what the body lost: it is repaired too, with the clean title as evidence
    assert got[0] == src[0].replace("RussiaUkraine", "Russia\u2013Ukraine").replace("Kyivs", "Kyiv's")
    assert ex.exists()
    rows = [json.loads(line) for line in ex.read_text(encoding="utf-8").splitlines()]
    assert {(row["line"], row["col"], row["reason"]) for row in rows if row["line"] == 1} == {
        (1, 7, "dash:compound:Russia|Ukraine"), (1, 58, "possessive:Kyivs")}
    assert all(row["line"] == 1 or row["line"] >= 5 for row in rows), "changes are in the stripped title or the body"
    assert any(row["line"] == 5 and row["reason"] == "dash:fused:now|we" for row in rows), "body lines keep their numbers"


def test_jsonl_field_by_field_and_bad_records(tmp_path):
    data = (
        json.dumps({"id": 1, "text": "Kyiv\u00e2\u20ac\u2122s", "other": "\u00e2\u20ac\u2122"}) + "\n"
        + "not json\n"
        + json.dumps({"id": 3, "body": "x"}) + "\n"
    )
    r = run(["--format", "jsonl", "--field", "text"], data.encode())
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first == {"id": 1, "text": "Kyiv\u2019s", "other": "\u00e2\u20ac\u2122"}
    assert lines[1] == "not json" and json.loads(lines[2]) == {"id": 3, "body": "x"}
    err = r.stderr.decode()
    assert "<stdin>:2: not JSON" in err and "<stdin>:3: record has no field 'text'" in err
    r = run(["--format", "jsonl", "--on-error", "fail"], data.encode())
    assert r.returncode == 1


def test_diagnose_prints_json():
    r = run(["--diagnose", str(SEED)])
    assert r.returncode == 0
    d = json.loads(r.stdout.decode())
    assert "deletion" in d["damage"]


def test_binary_file_is_refused(tmp_path):
    f = tmp_path / "x.bin"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run([str(f)])
    assert r.returncode == 1 and b"binary" in r.stderr and b"Traceback" not in r.stderr
    r = run([str(f), "--binary", "text"])
    assert r.returncode == 0


def test_malformed_utf8_is_replaced_and_reported(tmp_path):
    ex = tmp_path / "ex.jsonl"
    # placeholders off: this checks the decoding report, not what the U+FFFD may have stood for
    r = run(["--explain", str(ex), "--no-restore-placeholders"], b"caf\xc3\xa9 ok " + b"\xff" * 2 + b" more caf\xc3\xa9\n" * 20)
    assert r.returncode == 0
    assert "\ufffd" in r.stdout.decode("utf-8")
    assert b"malformed" in r.stderr
    assert any(json.loads(l).get("fixer") == "decode" for l in ex.read_text().splitlines())


def test_utf16_with_and_without_bom():
    text = "Kyiv\u2019s relationship with NATO \u2014 resolved now.\n" * 3
    for data in (text.encode("utf-16"), text.encode("utf-16-le")):
        r = run([], data)
        assert r.returncode == 0, r.stderr
        assert r.stdout.decode("utf-8") == text


def test_jobs_keeps_order(tmp_path):
    rows = [json.dumps({"text": f"{i} Kyiv\u00e2\u20ac\u2122s"}) for i in range(40)]
    r = run(["--format", "jsonl", "--jobs", "2"], ("\n".join(rows) + "\n").encode())
    assert r.returncode == 0, r.stderr
    got = [json.loads(l)["text"] for l in r.stdout.decode().splitlines()]
    assert got == [f"{i} Kyiv\u2019s" for i in range(40)]


def test_lines_format_diagnoses_each_line_on_its_own():
    # one damaged line and one typographic line: as one plain-text document, the clean line's curly
    # quotes veto the deletion diagnosis and nothing is repaired; one document per line repairs the first
    text = ("Theres what Russia says, and we havent seen it. Its a shame.\n"
            "She said \u201cit\u2019s fine\u201d and its not over. Were sure.\n")
    whole = run([], text.encode())
    assert whole.returncode == 0 and whole.stdout.decode() == text
    r = run(["--format", "lines", "--jobs", "2"], text.encode())
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.decode().splitlines()
    assert first == "There's what Russia says, and we haven't seen it. It's a shame."
    assert second == text.splitlines()[1]
    d = run(["--format", "lines", "--diagnose"], text.encode())
    assert [json.loads(l)["damage"] for l in d.stdout.decode().splitlines()] == [["deletion"], []]


def test_broken_pipe_is_quiet(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Some line of text that is clean.\n" * 200_000)
    p1 = subprocess.Popen(CMD + [str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    p1.stdout.read(100)
    p1.stdout.close()
    p1.wait(timeout=120)
    err = p1.stderr.read()
    assert b"Traceback" not in err and p1.returncode == 0


def test_interrupt_leaves_no_partial_output(tmp_path):
    out = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A shell starts background jobs with SIGINT ignored, a child inherits that, and Python then installs
    # no KeyboardInterrupt handler: a suite run in the background would wait forever. The CLI must
    # respect an ignored SIGINT (nohup, background jobs), so the test gives the child the default.
    p = subprocess.Popen(CMD + ["-o", str(out)], stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    p.stdin.write(b"Kyiv\xe2\x80\x99s line\n" * 1000)
    p.stdin.flush()
    # interrupt the run itself, once its temporary output exists: on a loaded machine a fixed sleep could
    # land in the interpreter's start-up instead (a different exit path), and it once timed out there
    deadline = time.monotonic() + 120
    while not [x for x in tmp_path.iterdir() if x.name.startswith(".textfix-")] and p.poll() is None:
        assert time.monotonic() < deadline, "the CLI never opened its output"
        time.sleep(0.05)
    time.sleep(0.2)
    assert p.poll() is None, p.stderr.read().decode("utf-8", "replace")  # still running, waiting for input
    p.send_signal(signal.SIGINT)
    p.wait(timeout=60)
    assert p.returncode != 0
    assert not out.exists()
    assert not [x for x in tmp_path.iterdir() if x.name.startswith(".textfix-")]


def test_overlong_line_is_repaired_in_pieces(tmp_path, monkeypatch):
    # A line longer than 4 * DOC_CHARS is cut between sentences so that memory stays bounded; the
    # pieces are written back as one line, and --explain columns count from the line's start.
    import textfix
    from textfix import cli

    monkeypatch.setattr(cli, "DOC_CHARS", 200)
    sent = "Theres no way we dont see it, said Blinken. "
    line = sent * 60
    pieces = list(cli._pieces(line))
    assert len(pieces) > 3 and "".join(p for _, p in pieces) == line
    assert all(line[off:].startswith(p) and p.endswith(". ") for off, p in pieces[:-1])
    src, out, ex = tmp_path / "in.txt", tmp_path / "out.txt", tmp_path / "ex.jsonl"
    src.write_text(line + "\nshort line dont\n", encoding="utf-8")
    assert cli.main([str(src), "-o", str(out), "--explain", str(ex)]) == 0
    got = out.read_text(encoding="utf-8")
    assert got.count("\n") == 2
    # each piece is one document (quotation marks are decided per piece)
    assert got.split("\n")[0] == "".join(textfix.fix(p) for _, p in pieces)
    assert got.split("\n")[0].count("don't") == 60
    rows = [json.loads(r) for r in ex.read_text(encoding="utf-8").splitlines()]
    from textfix.changes import locate

    want = []
    for off, p in pieces:
        e = textfix.fix_and_explain(p)
        want += [(col + off, c.before, c.after) for c, (_, col) in zip(e.changes, locate(e.original, e.changes))]
    assert [(r["col"], r["before"], r["after"]) for r in rows if r["line"] == 1] == want
    assert max(r["col"] for r in rows if r["line"] == 1) > 2000


def test_dropped_lines_are_reported_with_their_input_line_and_reason(tmp_path):
    src = SEED.read_text(encoding="utf-8").split("\n")
    # without --explain, every dropped line goes to stderr with its line in the input and its reason
    r = run(["--drop-boilerplate", str(SEED)])
    assert r.returncode == 0, r.stderr
    msgs = [m for m in r.stderr.decode().splitlines() if "dropped boilerplate line" in m]
    assert len(msgs) == 2, r.stderr
    for m in msgs:
        line = int(m.split(":")[2])
        assert "(boilerplate:related-headline" in m
        assert src[line - 1][:40] in m, (m, src[line - 1])
    assert r.stdout.decode().count("\n") == len(src) - 1 - 2
    # with --explain the rows carry the same input lines (adjacent dropped lines are 9 and 10, not 9 and 9)
    ex = tmp_path / "ex.jsonl"
    r = run(["--drop-boilerplate", "--explain", str(ex), str(SEED)])
    rows = [json.loads(x) for x in ex.read_text(encoding="utf-8").splitlines()]
    drops = [row for row in rows if row["fixer"] == "drop_boilerplate"]
    # ``before`` is the line as repaired (its dash restored), so compare the untouched start of each line
    assert [src[row["line"] - 1][:40] for row in drops] == [row["before"][:40] for row in drops]
    assert len({row["line"] for row in drops}) == 2
    assert "dropped 2 boilerplate line(s)" in r.stderr.decode()


SNIPPETS = ("Trumps plan was rejected on Monday by the House after a long debate.\n"
            "The plan failed on Monday, and the states governor said the vote was rigged.\n"
            "It's clean, and its clear to everyone that the vote was fine.\n")


def test_diagnose_counts_undecided_short_texts_and_assume_decides_them(tmp_path):
    f = tmp_path / "snippets.txt"
    f.write_text(SNIPPETS, encoding="utf-8")
    r = run(["--format", "lines", "--diagnose", str(f)])
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [row["damage"] for row in rows] == [["deletion"], [], []]
    # line 2 has no evidence either way (the restorer is not sure enough of state's: 0.976 < 0.98); line 3
    # writes It's, which is counter-evidence
    assert [row["undecided"] for row in rows] == [[], ["deletion"], []]
    err = r.stderr.decode()
    assert "diagnosed 3 document(s): deletion 1" in err and "--assume deletion" in err

    r = run(["--format", "lines", "--assume", "deletion", str(f)])
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode().splitlines()
    assert out[0].startswith("Trump's plan")
    assert out[1] == "The plan failed on Monday, and the state's governor said the vote was rigged."
    assert out[2] == SNIPPETS.splitlines()[2]  # counter-evidence still wins

    r = run(["--assume", "deletion,bogus", str(f)])
    assert r.returncode == 2 and b"'assume' must be damage kinds" in r.stderr


def test_lone_surrogates_keep_their_json_escape(tmp_path):
    # a JSONL field with a lone surrogate escape: ftfy repairs the text field; the explanation's `before`
    # and an untouched field keep the escape instead of becoming "?" in UTF-8 output
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Putins view \\udcff was nowwe said", "id": "a\\udcfeb"}\n', encoding="utf-8")
    ex = tmp_path / "ex.jsonl"
    r = run(["--format", "jsonl", "--explain", str(ex), str(src)])
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout.decode("utf-8"))
    assert rec["id"] == "a\udcfeb"
    assert "\ufffd" in rec["text"] and "Putin's" in rec["text"]
    rows = [json.loads(line) for line in ex.read_text(encoding="utf-8").splitlines()]
    assert {"\udcff"} == {row["before"] for row in rows if row["fixer"] == "fix_mojibake"}


def test_seed_header_is_kept_when_boilerplate_would_drop_it():
    # should the boilerplate detector ever drop the stripped title (line 1), the record keeps its layout:
    # the body is repaired alone and the header stays as it is (forced here with a detector that drops it)
    code = (
        "import sys, textfix.boilerplate as b, textfix.cli as cli\n"
        "from textfix.changes import Change\n"
        "def drop(text, **kw):\n"
        "    e = text.find('\\n') + 1\n"
        "    return [Change(0, e, text[:e], '', 'drop_boilerplate', 'boilerplate:test', 0.9)]\n"
        "b.drop_changes = drop\n"
        f"sys.argv = ['textfix', '--drop-boilerplate', {str(SEED)!r}]\n"
        "cli.main()\n")
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    src = SEED.read_text(encoding="utf-8").split("\n")
    got = r.stdout.decode("utf-8").split("\n")
    assert got[:4] == src[:4]
    assert len(got) == len(src) - 1  # the fake detector dropped the body's first line instead


def test_diagnose_names_documents_in_another_language(tmp_path):
    """``--diagnose`` lists ``not_english`` for a document in French, counts it in the summary, and the
    repair restores its French letters and elisions while the English line keeps its own reading."""
    f = tmp_path / "two.txt"
    f.write_text("Le prsident de la Rpublique a dclar mardi que la situation tait difficile pour les entreprises. "
                 "Il sagit dun problme europen, et nous devons agir ensemble, selon le ministre.\n"
                 "Kyivs mayor said he didnt know.\n", encoding="utf-8")
    r = run(["--format", "lines", "--diagnose", str(f)])
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert "not_english" in rows[0]["damage"] and "not_english" not in rows[1]["damage"]
    assert "(not_english, restored as such): 1" in r.stderr.decode()
    out = run(["--format", "lines", str(f)]).stdout.decode().splitlines()
    assert out[0].startswith("Le président de la République a déclaré mardi que la situation était difficile")
    assert "Il s'agit d'un problème européen" in out[0]
    assert out[1] == "Kyiv's mayor said he didn't know."


def test_decode_entities_is_switched_on_by_its_flag_and_diagnose_names_the_references():
    page = b"The caf&#233; opened\n"
    assert run([], page).stdout.decode() == "The caf&#233; opened\n"
    assert run(["--decode-entities"], page).stdout.decode() == "The caf\u00e9 opened\n"
    # ``--diagnose`` names them and tells how to decode them
    r = run(["--diagnose"], page)
    assert r.returncode == 0
    assert '"html_entities"' in r.stdout.decode() and "html_entities 1" in r.stderr.decode()
    assert "--decode-entities decodes them" in r.stderr.decode()
