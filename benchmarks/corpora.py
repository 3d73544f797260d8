"""Readers for the shared corpora, with the fixed dev/test split and deterministic sampling.

The corpora live beside the repository in ``../shared/corpora`` (or ``$TEXTFIX_SHARED/corpora``). They
are read as they are; nothing is copied into the repository. Every reader yields :class:`Doc` records
whose ``paragraphs`` are the body lines of the article (allsides: ``content_original`` split on blank
lines; bbc: ``body`` split on blank lines; sentometrics: the one-line ``texts``; l3s: one block per
paragraph).

Sampling is deterministic and independent of file order: documents of the requested split are ranked
by SHA-1 of ``"bench:" + id`` and the first ``n`` are kept (a bounded heap, so memory stays small).
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from textfix.lexicon.split import doc_split

#: Marker of the few allsides documents with real doubly encoded mojibake (see the corpus README).
REAL_MOJIBAKE = "\u00c3\u00a2\u00c2"


class CorpusMissing(RuntimeError):
    """The shared corpora (or one file of them) are not available."""


@dataclass
class Doc:
    id: str
    title: str
    paragraphs: list[str]
    corpus: str
    topic: str = ""
    source: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def shared_dir() -> Path | None:
    """``$TEXTFIX_SHARED`` if set, else ``<repo>/../shared``; ``None`` if it has no ``corpora``."""
    env = os.environ.get("TEXTFIX_SHARED")
    cands = [Path(env)] if env else []
    cands.append(Path(__file__).resolve().parents[1].parent / "shared")
    for c in cands:
        if (c / "corpora").is_dir():
            return c
    return None


def corpus_path(rel: str) -> Path:
    base = shared_dir()
    if base is None:
        raise CorpusMissing(
            "shared corpora not found: set TEXTFIX_SHARED=/path/to/shared (the folder holding corpora/) "
            "or check the repository out beside shared/"
        )
    p = base / "corpora" / rel
    if not p.exists():
        raise CorpusMissing(f"corpus file missing: {p}")
    return p


def _jsonl(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _paras(text: str) -> list[str]:
    # Paragraphs are separated by blank lines; a stray single line break would also split (none occur in
    # allsides), so that the "\n"-joined document round-trips through the fixers line by line.
    return [line for p in (text or "").split("\n\n") for line in p.split("\n") if line.strip()]


def _rank(doc_id: str) -> int:
    return int(hashlib.sha1(("bench:" + str(doc_id)).encode("utf-8")).hexdigest()[:12], 16)


def sample(docs: Iterator[Doc], n: int | None, split: str | None) -> list[Doc]:
    """The first ``n`` docs of ``split`` ("dev", "test" or None for all) by hash rank, in rank order."""
    heap: list[tuple[int, int, Doc]] = []
    for i, d in enumerate(docs):
        if split and doc_split(d.id) != split:
            continue
        item = (-_rank(d.id), i, d)
        if n is None or len(heap) < n:
            heapq.heappush(heap, item)
        elif item[0] > heap[0][0]:
            heapq.heapreplace(heap, item)
    return [d for _, _, d in sorted(heap, key=lambda t: (-t[0], t[1]))]


def allsides(variant: str = "curly", exclude_real_mojibake: bool = True) -> Iterator[Doc]:
    """allsides-abp ``curly`` | ``ascii`` | ``mixed``; fields ID/title/topic/source."""
    for r in _jsonl(corpus_path(f"allsides-abp/{variant}.jsonl.gz")):
        body = r.get("content_original") or ""
        if exclude_real_mojibake and REAL_MOJIBAKE in body:
            continue
        paras = _paras(body)
        if paras:
            yield Doc(str(r["ID"]), r.get("title") or "", paras, f"allsides-{variant}", r.get("topic") or "",
                      r.get("source") or "")


def bbc() -> Iterator[Doc]:
    for r in _jsonl(corpus_path("bbc-2005-ascii/bbc_articles.jsonl.gz")):
        paras = _paras(r.get("body") or "")
        if paras:
            yield Doc(str(r["file"]), r.get("title") or "", paras, "bbc-2005-ascii", r.get("category") or "", "BBC")


_OPENS_AFTER = r"(?:^|(?<=[\s(\[{\u2018\u201c\u2014\u2013/]))"
_DQ_OPEN = re.compile(_OPENS_AFTER + '"')
_SQ_APOS = re.compile(r"(?<=[A-Za-z0-9])'|'(?=[0-9])")
_SQ_OPEN = re.compile(_OPENS_AFTER + "'(?=[A-Za-z])")


def curled(text: str) -> str:
    """``text`` with its ASCII apostrophes and quotation marks made typographic, as a curly house style
    would print them: ``"`` opens (“) at the start, after a space, a bracket, a quote, a dash or a slash and
    closes (”) elsewhere; ``'`` is ’ after a letter or digit (``Blair's``, ``players'``) and before a digit
    (``'90s``), ‘ where a quotation opens (at the start, after a space, a bracket or a quote, before a
    letter) and ’ elsewhere. (``'em`` becomes ‘em: rare, and scored by its position either way.)"""
    text = _DQ_OPEN.sub("\u201c", text).replace('"', "\u201d")
    text = _SQ_APOS.sub("\u2019", text)
    return _SQ_OPEN.sub("\u2018", text).replace("'", "\u2019")


def bbc_curled() -> Iterator[Doc]:
    """bbc-2005-ascii with its apostrophes and quotes made typographic (:func:`curled`): news of another
    outlet, country and decade than allsides, which deletion damage then strips as it strips curly news.
    No statistic of textfix is built from it and nothing is tuned on it."""
    for d in bbc():
        yield Doc(d.id, curled(d.title), [curled(p) for p in d.paragraphs], "bbc-2005-curled", d.topic, d.source)


def usnews() -> Iterator[Doc]:
    for r in _jsonl(corpus_path("sentometrics-usnews/usnews.jsonl.gz")):
        text = (r.get("texts") or "").strip()
        if text:
            src = "WSJ" if r.get("wsj") else "Washington Post" if r.get("wapo") else ""
            yield Doc(str(r["id"]), "", [text], "sentometrics-usnews", "", src)


def l3s() -> Iterator[Doc]:
    """L3S-GN1 pages; one paragraph per block, labels in ``extra["labels"]`` (page order kept)."""
    for r in _jsonl(corpus_path("l3s-gn1/blocks.jsonl.gz")):
        blocks = [b for b in r.get("blocks", []) if (b.get("text") or "").strip()]
        if blocks:
            yield Doc(str(r["id"]), "", [b["text"] for b in blocks], "l3s-gn1", "", r.get("url") or "",
                      {"labels": [b["label"] for b in blocks]})


def readability() -> Iterator[Doc]:
    """The English pages of Mozilla Readability's test pages (``lang`` en*): news, blogs and documentation
    from many sites that allsides does not cover. One paragraph per block line of the expected extraction.
    Never used to build textfix's statistics or to tune it: it checks how the figures carry to other sites."""
    with open(corpus_path("readability-testpages/expected_text.jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if not (r.get("lang") or "").lower().startswith("en"):
                continue
            paras = [p for p in (r.get("text") or "").split("\n") if p.strip()]
            if paras:
                yield Doc(str(r["name"]), r.get("title") or "", paras, "readability-testpages", "",
                          r.get("siteName") or "")


READERS: dict[str, Callable[[], Iterator[Doc]]] = {
    "allsides-curly": lambda: allsides("curly"),
    "allsides-ascii": lambda: allsides("ascii"),
    "allsides-mixed": lambda: allsides("mixed"),
    "bbc-2005-ascii": bbc,
    "bbc-2005-curled": bbc_curled,
    "sentometrics-usnews": usnews,
    "l3s-gn1": l3s,
    "readability-testpages": readability,
}


#: Characters of a short text (``snippets``/``chunks``): about a news API's description of an article.
SNIPPET_CHARS = 260
_SENTENCE_END = re.compile(r'[.!?][\u201d"\u2019\')]?(?= )')


def _cut(text: str, chars: int) -> int:
    """Where a snippet of ``text`` ends: after the last sentence end within ``chars`` characters if that
    keeps a third of them, else at the last space (never inside a word), else at ``chars``."""
    if len(text) <= chars:
        return len(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, chars)]
    if ends and ends[-1] > chars // 3:
        return ends[-1]
    sp = text.rfind(" ", 0, chars)
    return sp if sp > 0 else chars


def snippets(docs: list[Doc], chars: int = SNIPPET_CHARS) -> list[Doc]:
    """The start of each document as a short text of its own (its paragraphs joined by spaces, cut by
    :func:`_cut`): what a news API returns as an article's description."""
    out = []
    for d in docs:
        text = " ".join(p.strip() for p in d.paragraphs if p.strip())
        if text:
            out.append(Doc(d.id, "", [text[:_cut(text, chars)].rstrip()], d.corpus, d.topic, d.source))
    return out


def chunks(docs: list[Doc], chars: int = SNIPPET_CHARS) -> list[Doc]:
    """Every paragraph of each document cut into consecutive short texts (:func:`_cut`), each a document
    of its own: the clean side of :func:`snippets`, for false positives on short texts."""
    out = []
    for d in docs:
        k = 0
        for p in d.paragraphs:
            text = p.strip()
            while text:
                e = _cut(text, chars)
                out.append(Doc(f"{d.id}#{k}", "", [text[:e].rstrip()], d.corpus, d.topic, d.source))
                k += 1
                text = text[e:].lstrip()
    return out


def load(name: str, n: int | None, split: str | None = "dev") -> list[Doc]:
    """A deterministic sample of ``n`` documents of corpus ``name``; raises :class:`CorpusMissing`."""
    return sample(READERS[name](), n, split)
