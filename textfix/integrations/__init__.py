"""Bridges from textfix to other frameworks.

Each integration lives in its own module and imports its framework only when that module is imported, so
``import textfix`` never needs them:

- :mod:`textfix.integrations.datatrove`: pipeline steps for `datatrove`_ (Local, Slurm and Ray executors,
  JSONL and Parquet readers/writers); install with ``pip install 'textfix[datatrove]'``.

.. _datatrove: https://github.com/huggingface/datatrove
"""
