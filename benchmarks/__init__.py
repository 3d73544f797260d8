"""textfix's benchmark suite: restoration, false positives, speed and boilerplate, with peers.

Run ``python -m benchmarks --quick``; see ``benchmarks/README.md`` for what every number means. The
metric definitions are those of ``../shared/EVALUATION.md``.
"""
