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

``--functions module:name,...`` (up to six; ``name`` may be ``Class.method``, or ``Class.prop`` for a
property; a function that another module imported by name is named where its caller looks it up, as
``textfix.pipeline:diagnose``) also prints the instructions spent inside each of those Python functions,
callees included. callgrind sees only C functions (every Python function is ``_PyEval_EvalFrameDefault``),
so each named function is called through its own rarely used C iterator of ``itertools`` or
``functools`` (``starmap``, ``filterfalse``, ...), whose inclusive count is the function's. Each call
pays a few thousand instructions of the wrapper, which the figure includes (it matters for a function
called often, such as a cached one: measure its caller instead); a function nested in another counts in
both. The output hash is that of a run without ``--functions``; the total is not (it holds the wrappers).
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


#: The C functions that carry the functions of ``--functions`` (each calls its Python callable from C, so
#: callgrind's inclusive count of it is that callable's), with the C name callgrind shows for each.
_CARRIERS = (("starmap", "itertoolsmodule.c:starmap_next"), ("filterfalse", "itertoolsmodule.c:filterfalse_next"),
             ("takewhile", "itertoolsmodule.c:takewhile_next"), ("dropwhile", "itertoolsmodule.c:dropwhile_next"),
             ("reduce", "_functoolsmodule.c:functools_reduce"), ("groupby", "itertoolsmodule.c:groupby_next"))


def _carried(kind: str, f):
    """``f`` called through the C iterator ``kind`` of :data:`_CARRIERS`."""
    import functools
    import itertools

    def run(*a, **k):
        box = []
        call = lambda *_: box.append(f(*a, **k))  # noqa: E731
        if kind == "starmap":
            next(itertools.starmap(call, [()]))
        elif kind == "filterfalse":
            next(itertools.filterfalse(call, [0]))
        elif kind == "takewhile":
            list(itertools.takewhile(call, [0]))
        elif kind == "dropwhile":
            list(itertools.dropwhile(call, [0]))
        elif kind == "reduce":
            functools.reduce(call, [0, 0])
        else:
            for _ in itertools.groupby([0], key=call):
                pass
        return box[0]

    return run


def _wrap(specs: list[str]) -> None:
    """Route each ``module:name`` of ``--functions`` through its carrier (generators are run to a list)."""
    import importlib
    import inspect

    for spec, (kind, _) in zip(specs, _CARRIERS):
        mod, _, name = spec.partition(":")
        owner = importlib.import_module(mod)
        *path, last = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        f = inspect.getattr_static(owner, last)
        if isinstance(f, property):
            setattr(owner, last, property(_carried(kind, f.fget)))
            continue
        f = getattr(owner, last)
        if inspect.isgeneratorfunction(f):
            g = f
            f = lambda *a, _g=g, **k: iter(list(_g(*a, **k)))  # noqa: E731
        setattr(owner, last, _carried(kind, f))


def _workload(kind: str, functions: list[str] | None = None) -> str:
    """Run the warm-up, then the counted pass with instrumentation on; return the output's hash."""
    from . import corpora
    from .damage import damage_text, prepare

    docs = corpora.load("allsides-curly", MEASURED[1], "dev")
    texts = ["\n".join(damage_text(prepare(p), kind) for p in d.paragraphs) for d in docs]
    import textfix

    textfix.preload()
    for t in texts[WARM[0] : WARM[1]]:
        textfix.fix(t)
    if functions:
        _wrap(functions)
    control = ["callgrind_control", "-i"]
    subprocess.run(control + ["on", str(os.getpid())], stdout=subprocess.DEVNULL, check=False)
    out = [textfix.fix(t) for t in texts[MEASURED[0] : MEASURED[1]]]
    subprocess.run(control + ["off", str(os.getpid())], stdout=subprocess.DEVNULL, check=False)
    return hashlib.sha1("\x00".join(out).encode()).hexdigest()[:12]


def count(kind: str = "ascii-ignore", out: Path | None = None, functions: list[str] | None = None) -> tuple[int, str]:
    """``(instructions, output hash)`` of the counted pass, run under callgrind in a child process (with
    ``functions``, see :func:`per_function` for their counts in the kept file ``out``)."""
    for tool in ("valgrind", "callgrind_control", "setarch"):
        if shutil.which(tool) is None:
            raise SystemExit(f"benchmarks.instructions needs {tool} on PATH")
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(root))
    with tempfile.TemporaryDirectory(prefix="textfix-cg-") as tmp:
        cg = out or Path(tmp) / "callgrind.out"
        cmd = ["setarch", "-R", "valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={cg}", sys.executable, "-m", "benchmarks.instructions", "--child", kind]
        if functions:
            cmd += ["--functions", ",".join(functions)]
        r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        m = re.search(r"Collected : (\d+)", r.stderr)
        h = re.search(r"outhash (\w+)", r.stdout)
        if r.returncode or not m or not h:
            raise SystemExit(f"callgrind run failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
        if functions and out is None:
            print(_format(per_function(cg, functions)))
        return int(m.group(1)), h.group(1)


def per_function(cg: Path, functions: list[str]) -> list[tuple[str, int]]:
    """``(function, inclusive instructions)`` for the functions of ``--functions``, from callgrind's file
    ``cg``: the inclusive counts of their carriers (:data:`_CARRIERS`), summed over recursion levels."""
    r = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(cg)],
                       capture_output=True, text=True)
    totals = {}
    for line in r.stdout.splitlines():
        m = re.match(r"\s*([\d,]+) .*?([\w.]+\.c:\w+)(?: |$)", line)
        if m and m.group(2) not in totals:  # (the first line of a name: the outermost level, callees included)
            totals[m.group(2)] = int(m.group(1).replace(",", ""))
    return [(spec, totals.get(c.split("/")[-1], 0)) for spec, (_, c) in zip(functions, _CARRIERS)]


def _format(rows: list[tuple[str, int]]) -> str:
    return "\n".join(f"{n / 1e6:12,.1f} M  {spec}" for spec, n in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kind", default="ascii-ignore")
    ap.add_argument("--out", type=Path, default=None, help="keep callgrind's output file here")
    ap.add_argument("--functions", default=None,
                    help="module:name,... (up to six): also print the instructions spent inside each")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    functions = args.functions.split(",") if args.functions else None
    if functions and len(functions) > len(_CARRIERS):
        ap.error(f"--functions takes at most {len(_CARRIERS)} functions")
    if args.child:
        print("outhash", _workload(args.child, functions))
        return 0
    n, h = count(args.kind, args.out, functions)
    if functions and args.out:
        print(_format(per_function(args.out, functions)))
    print(f"{n:,} instructions ({n / 1e6:,.1f} M) for fix() on {MEASURED[1] - MEASURED[0]} fresh {args.kind} "
          f"dev documents after {WARM[1] - WARM[0]} others; output hash {h}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
