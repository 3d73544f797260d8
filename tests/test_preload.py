"""``textfix.preload()`` loads, in a fresh process, what the first fix() of each damage kind would load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = r"""
import sys, textfix
from textfix.fixers import deletions, letters, placeholders, quotes
from textfix.lexicon import accents
loaders = {"deletions.tables": deletions.tables, "placeholders.table": placeholders.table,
           "quotes.load_model": quotes.load_model, "letters._keys": letters._keys,
           "deletions._collision_file": deletions._collision_file,
           "accents.by_deleted": accents.by_deleted}
before = {k: f.cache_info().currsize for k, f in loaders.items()}
textfix.preload()
after = {k: f.cache_info().currsize for k, f in loaders.items()}
print(sorted(k for k, v in before.items() if v), sorted(k for k, v in after.items() if not v),
      "wordfreq" in sys.modules)
"""


def test_preload_loads_the_lazy_tables_in_a_fresh_process():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    # nothing was loaded by the import, everything is loaded after preload()
    assert out.stdout.split("\n")[0] == "[] [] True"


def test_preload_is_idempotent_and_leaves_output_unchanged():
    import textfix

    text = "Theres what Russia says, said Blinken. Its nowwe hope."
    before = textfix.fix_and_explain(text)
    textfix.preload()
    textfix.preload(style="typographic")
    after = textfix.fix_and_explain(text)
    assert after.text == before.text and after.changes == before.changes
