"""The fixed dev/test split of the corpora, by document hash.

Statistics and model weights are built from ``dev`` documents only; the benchmark reports on ``test``
(and on ``dev`` for tuning). A document's split never changes: it depends only on its ID.
"""

from __future__ import annotations

import hashlib


def doc_split(doc_id: str) -> str:
    """``"test"`` for one document in five (by SHA-1 of its ID), else ``"dev"``."""
    h = int(hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:8], 16)
    return "test" if h % 5 == 0 else "dev"
