"""CPU cost of ``fix()`` as an instruction count: steadier than a timing on a shared machine.

    TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. python -m benchmarks.instructions [--kind ascii-ignore]

The workload is fresh documents: ``fix()`` runs over 200 allsides-curly dev documents (ranks 0-200 of the
benchmark sample, damaged with ``--kind``) to warm the caches, and then over 200 others (ranks 400-600),
which share far fewer words with the first ones than a warm-up on the same documents would. Only the
second pass is counted: the command re-runs itself under valgrind's callgrind with instrumentation off,
switches it on for the second pass (``callgrind_control -i on``) and off after it, and prints the count of
instructions (``Ir``) and a hash of the output. Run under ``setarch -R`` (no address randomisation) with
``PYTHONHASHSEED=0`` (a fixed string-hash order), repeated counts agree to a few thousand instructions, so
a change of 0.1% is visible. Needs ``valgrind`` (callgrind) and ``setarch`` (util-linux).

``--out F`` keeps callgrind's output file for ``callgrind_annotate``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WARM = (0, 200)
MEASURED = (400, 600)


def _workload(kind: str) -> str:
    """Run the warm-up, then the counted pass with instrumentation on; return the output's hash."""
    from . import corpora
    from .damage import damage_text, prepare

    docs = corpora.load("allsides-curly", MEASURED[1], "dev")
    texts = ["\n".join(damage_text(prepare(p), kind) for p in d.paragraphs) for d in docs]
    import textfix

    textfix.preload()
    for t in texts[WARM[0] : WARM[1]]:
        textfix.fix(t)
    control = ["callgrind_control", "-i"]
    subprocess.run(control + ["on", str(os.getpid())], stdout=subprocess.DEVNULL, check=False)
    out = [textfix.fix(t) for t in texts[MEASURED[0] : MEASURED[1]]]
    subprocess.run(control + ["off", str(os.getpid())], stdout=subprocess.DEVNULL, check=False)
    return hashlib.sha1("\x00".join(out).encode()).hexdigest()[:12]


def count(kind: str = "ascii-ignore", out: Path | None = None) -> tuple[int, str]:
    """``(instructions, output hash)`` of the counted pass, run under callgrind in a child process."""
    for tool in ("valgrind", "callgrind_control", "setarch"):
        if shutil.which(tool) is None:
            raise SystemExit(f"benchmarks.instructions needs {tool} on PATH")
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(root))
    with tempfile.TemporaryDirectory(prefix="textfix-cg-") as tmp:
        cg = out or Path(tmp) / "callgrind.out"
        cmd = ["setarch", "-R", "valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={cg}", sys.executable, "-m", "benchmarks.instructions", "--child", kind]
        r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        m = re.search(r"Collected : (\d+)", r.stderr)
        h = re.search(r"outhash (\w+)", r.stdout)
        if r.returncode or not m or not h:
            raise SystemExit(f"callgrind run failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
        return int(m.group(1)), h.group(1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kind", default="ascii-ignore")
    ap.add_argument("--out", type=Path, default=None, help="keep callgrind's output file here")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print("outhash", _workload(args.child))
        return 0
    n, h = count(args.kind, args.out)
    print(f"{n:,} instructions ({n / 1e6:,.1f} M) for fix() on {MEASURED[1] - MEASURED[0]} fresh {args.kind} "
          f"dev documents after {WARM[1] - WARM[0]} others; output hash {h}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
