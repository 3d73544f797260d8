"""Fingerprint of textfix's output, to show that a change (a speed-up, a refactor, a merge) left it identical.

    TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. python -m benchmarks.equivalence --docs 80

For the first ``--docs`` allsides curly documents of the split, damaged with each kind of
:mod:`benchmarks.damage`, it hashes (SHA-256) the repaired text, every change (offsets, replacement,
fixer, reason and confidence rounded to 6 places) and the diagnosis (each kind's confidence, rounded the same
way, and its evidence counts) of :func:`textfix.fix_and_explain`. It prints one hash per
damage kind and one over everything. Run it before and after a change (e.g. in two git worktrees) and
compare: equal hashes mean identical output on that sample, and a differing kind says where to look.
``--diff REV`` does both runs itself, checking out REV in a temporary git worktree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import corpora
from .damage import damage_text, prepare

KINDS = ("ascii-ignore", "qmark", "fffd", "mojibake", "lossy-mojibake")


def fingerprint(docs: int = 80, split: str = "dev", kinds=KINDS) -> dict[str, str]:
    """``{kind: sha256, ..., "all": sha256}`` of fix_and_explain's text and changes on the sample."""
    import textfix

    sample = corpora.load("allsides-curly", docs, split)
    out: dict[str, str] = {}
    total = hashlib.sha256()
    for kind in kinds:
        h = hashlib.sha256()
        for d in sample:
            ex = textfix.fix_and_explain(damage_text(prepare("\n".join(d.paragraphs)), kind), title=d.title)
            h.update(ex.text.encode())
            h.update(repr([(c.start, c.end, c.after, c.fixer, c.reason, round(c.confidence, 6))
                           for c in ex.changes]).encode())
            # the diagnosis too (each kind's confidence and evidence), which gates every restorer
            h.update(repr([(d.kind, round(d.confidence, 6), sorted(d.evidence.items()))
                           for d in ex.diagnosis.damages]).encode())
        out[kind] = h.hexdigest()
        total.update(out[kind].encode())
    out["all"] = total.hexdigest()
    return out


def _at_revision(rev: str, args: list[str]) -> dict[str, str]:
    """The fingerprint computed by the code of git revision ``rev`` (a temporary worktree, same corpora)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="textfix-eqv-") as tmp:
        wt = Path(tmp) / "wt"
        subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(wt), rev], check=True)
        try:
            env = dict(os.environ, PYTHONPATH=str(wt), TEXTFIX_SHARED=str(corpora.shared_dir()))
            # this module may not exist at rev: run the current file with rev's package on the path
            code = ("import sys, json; sys.path.insert(0, sys.argv[1]); import importlib.util as u; "
                    "s = u.spec_from_file_location('benchmarks.equivalence', sys.argv[2], "
                    "submodule_search_locations=None); m = u.module_from_spec(s); "
                    "sys.modules['benchmarks.equivalence'] = m; s.loader.exec_module(m); "
                    "print(json.dumps(m.main(sys.argv[3:], quiet=True)))")
            out = subprocess.run([sys.executable, "-c", code, str(wt), __file__, *args], env=env, cwd=wt,
                                 capture_output=True, text=True, check=True)
            return json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(wt)], check=False)


def main(argv: list[str] | None = None, quiet: bool = False) -> dict[str, str]:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.equivalence", description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=80, help="documents per damage kind (default 80)")
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated damage kinds")
    ap.add_argument("--diff", metavar="REV", help="also fingerprint git revision REV and compare")
    a = ap.parse_args(argv)
    kinds = tuple(k for k in a.kinds.split(",") if k)
    here = fingerprint(a.docs, a.split, kinds)
    if quiet:
        return here
    if a.diff:
        there = _at_revision(a.diff, ["--docs", str(a.docs), "--split", a.split, "--kinds", ",".join(kinds)])
        same = True
        for k in (*kinds, "all"):
            eq = here[k] == there[k]
            same &= eq
            print(f"{k:15} {'same' if eq else 'DIFFERENT'}  {here[k][:16]}  {a.diff}: {there[k][:16]}")
        print("identical output" if same else "output differs")
        if not same:
            sys.exit(1)
    else:
        for k in (*kinds, "all"):
            print(f"{k:15} {here[k]}")
    return here


if __name__ == "__main__":
    main()
