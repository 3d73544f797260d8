"""Boilerplate lines of plain-text article bodies (one line = one paragraph): find, explain, drop.

Three kinds of evidence, strongest first, each giving a countable reason slug:

1. **Cue phrases** (:mod:`.cues`): ``SEE ALSO: …`` (``see-also``), ``Sign up for …`` (``newsletter``),
   ``Copyright © …`` (``copyright``), ``FILE PHOTO: …``/``… REUTERS/Name`` (``caption``),
   ``Write to … at …``/``Follow … on Twitter`` (``credit``), ``Advertisement`` …
2. **Repeated lines**: with ``corpus_stats`` (:class:`.corpus.CorpusStats`), a line that occurs in many
   documents of the same ``source`` (``repeated-in-corpus``). Without it, a small shipped table of line
   hashes that recur across news outlets (``known-boilerplate``), also looked up as ASCII-ignore damage
   leaves a line ("Support Voxs explanatory journalism").
3. **A learned model** (:mod:`.features`, weights in ``data/``) for lines no cue explains and that do
   not end like a sentence (or are short questions): mostly the headlines of other articles pasted
   between paragraphs (``related-headline``, 4+ words) and short link text (``navigation``). A line
   with the title's multi-word series prefix ("Russia-Ukraine conflict: …") that is not a variant of
   the title is another headline of that series, and so is a kicker-led line ("OPINION: …",
   "Poll: …"). The model does not judge lines that stop mid-sentence (after a comma, a dash, "the",
   "will" …), speaker labels ("Name, professor, University …", "Analysis by …") or datelines: those
   are content.

4. **Lists of links** (:mod:`.lists`): a header such as "Related Stories", "Most Popular" or "Past
   Coverage" and the headline-shaped items (and teasers between them) under it, as a related-content
   box reaches a plain-text body (``related-headline``, ``navigation``).

Repetition never empties a document: when the verdicts would cover every line, those that rest on
repetition alone (``repeated-in-corpus``, ``known-boilerplate``) are withdrawn and reported as kept
(:func:`boilerplate_report`), so an article syndicated many times under one source survives corpus mode.

Reason slugs: ``see-also``, ``caption``, ``copyright``, ``newsletter``, ``advertisement``, ``credit``,
``notice``, ``navigation``, ``share``, ``separator``, ``repeated-in-corpus``, ``known-boilerplate``,
``related-headline``.

The article's own title (``title=``) is never dropped, nor a line that repeats it. Section headings,
speaker labels and lines that introduce a quotation (ending in ``:``) are content: the model does not
judge colon-ended lines, and headings share words with the paragraph they introduce.
"""

from __future__ import annotations

import gzip
import json
import math

import regex
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ..changes import Change
from ..lexicon.loading import paused_gc
from .corpus import CorpusStats, ascii_key, build_stats_from_jsonl, line_key, normalise_line
from .cues import cue
from .features import INDEX, NAMES, dateline, ends_mid_sentence, expand, featurize, speaker_label, words_of
from .lists import extend as extend_lists

MODEL_FILE = "boilerplate-v2.json.gz"

#: The label a listing puts before another article's headline ("OPINION: …", "Poll: …", "WATCH: …").
#: Not "UPDATE:"/"BREAKING:" (an article's own updates, quoted posts) nor "Analysis:" (a boxed analysis
#: inside the article); "Read:"/"Photos:" links and galleries are left to the model and the cues (the
#: benchmark's allsides labels call them content; see the data README).
_KICKER = regex.compile(
    r"^(?:OPINION|Opinion|COMMENTARY|Commentary|COLUMN|Column|OP-ED|Op-Ed|Op-ed|POLL|Poll|"
    r"FACT\s+CHECK|Fact\s+[Cc]heck|PERSPECTIVE|Perspective|WATCH|Watch)\s*:\s*[\w‘“'\"]\S*(?:\s+\S+){2,}$")


@dataclass(frozen=True)
class Verdict:
    """One boilerplate line: its ``index`` into the lines given, its ``text``, a ``reason`` slug and a
    ``score`` (≈ probability that the line is boilerplate)."""

    index: int
    text: str
    reason: str
    score: float


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    known: frozenset[str]
    meta: dict
    known_ascii: frozenset[str] = frozenset()

    def is_known(self, line: str) -> bool:
        """The line is in the shipped table of known boilerplate, as it is or ASCII-ignore damaged."""
        if line_key(line) in self.known:
            return True
        return bool(self.known_ascii) and line.isascii() and ascii_key(line) in self.known_ascii

    def score(self, x: Sequence[float]) -> float:
        if self.meta.get("crosses"):
            x = expand(x)
        z = self.bias + sum(w * v for w, v in zip(self.weights, x) if v)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
@paused_gc
def load_model() -> Model:
    """The shipped weights (gzipped JSON: ``features``, ``weights``, ``bias``, ``threshold``, ``known``
    line hashes, and provenance). Loaded once, on first use."""
    raw = resources.files(__package__).joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if tuple(data["features"]) != NAMES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other features; rebuild it with textfix/boilerplate/train.py")
    return Model(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]),
                 frozenset(data.get("known", ())), {k: v for k, v in data.items() if k not in ("weights", "known", "known_ascii")},
                 frozenset(data.get("known_ascii", ())))


def _same_as_title(line: str, title_norm: str) -> bool:
    return bool(title_norm) and normalise_line(line) == title_norm


#: Reasons that rest on repetition alone (the line recurs in other documents), not on the line itself.
REPETITION_REASONS = frozenset({"repeated-in-corpus", "known-boilerplate"})


@dataclass(frozen=True)
class Report:
    """What :func:`boilerplate_report` found: ``verdicts`` (the lines to drop) and ``kept``: lines that
    repetition alone called boilerplate but that are kept because dropping them would empty the
    document (a page that is all template, or an article syndicated many times under one source)."""

    verdicts: tuple[Verdict, ...]
    kept: tuple[Verdict, ...]


def boilerplate_lines(lines: Sequence[str] | str, title: str | None = None, source: str | None = None, *,
                      corpus_stats: CorpusStats | None = None, threshold: float | None = None) -> list[Verdict]:
    """One :class:`Verdict` per boilerplate line of ``lines``, in order.

    ``lines`` are the paragraphs of one article body (a string is split at newlines); blank lines are
    never verdicts and do not count as neighbours. ``title`` is the article's own title (content, and
    the topic that the other lines are compared with). ``source`` names the outlet for
    ``corpus_stats``. ``threshold`` overrides the model's decision threshold (higher = fewer drops).

    Repetition never empties a document: when the verdicts would cover every non-blank line, the
    ``repeated-in-corpus``/``known-boilerplate`` ones are withdrawn (see :func:`boilerplate_report`,
    which lists them as ``kept``).
    """
    return list(boilerplate_report(lines, title, source, corpus_stats=corpus_stats, threshold=threshold).verdicts)


def boilerplate_report(lines: Sequence[str] | str, title: str | None = None, source: str | None = None, *,
                       corpus_stats: CorpusStats | None = None, threshold: float | None = None) -> Report:
    """:func:`boilerplate_lines` with the lines kept by the never-empty rule (``Report.kept``)."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    out = _verdicts(lines, title, source, corpus_stats, threshold)
    n_text = sum(1 for t in lines if t.strip())
    if n_text and len(out) >= n_text and any(v.reason in REPETITION_REASONS for v in out):
        kept = tuple(v for v in out if v.reason in REPETITION_REASONS)
        return Report(tuple(v for v in out if v.reason not in REPETITION_REASONS), kept)
    return Report(tuple(out), ())


def _verdicts(lines: Sequence[str], title: str | None, source: str | None, corpus_stats: CorpusStats | None,
              threshold: float | None) -> list[Verdict]:
    if isinstance(lines, str):
        lines = lines.split("\n")
    model = load_model()
    thr = model.threshold if threshold is None else threshold
    title_norm = normalise_line(title) if title else ""
    idx = [i for i, t in enumerate(lines) if t.strip()]
    texts = [lines[i].strip() for i in idx]
    lost_marks = sum(1 for i in idx if lines[i][:1].isspace()) * 2 <= len(idx)
    feats = featurize(texts, title, only_unterminated=True) if texts else []
    out: list[Verdict] = []
    scores: list[float | None] = [None] * len(idx)
    protected = [False] * len(idx)
    for j, i in enumerate(idx):
        text = texts[j]
        if _same_as_title(text, title_norm):
            protected[j] = True
            continue
        # unstripped: a leading space can stand for a mark that the damage deleted (not where the
        # document indents most of its paragraphs)
        slug = cue(lines[i], lost_marks)
        if slug is not None:
            out.append(Verdict(i, lines[i], slug, 0.99))
            continue
        if corpus_stats is not None and corpus_stats.repeated(text, source):
            out.append(Verdict(i, lines[i], "repeated-in-corpus", 0.97))
            continue
        if model.is_known(text):
            out.append(Verdict(i, lines[i], "known-boilerplate", 0.95))
            continue
        if feats[j] is None or not feats[j][2] or ends_mid_sentence(text) or speaker_label(text) or dateline(text):
            continue  # the model judges only lines without terminal punctuation (see train.py)
        p = model.score(feats[j])
        scores[j] = p
        f = feats[j]
        if f[INDEX["title_prefix"]] and f[INDEX["sim_title"]] < 0.7 and words_of(text) >= 6:
            # Another headline of the title's series ("Russia-Ukraine conflict: …" under a title with the
            # same prefix) that is not a variant of the title itself. Too rare in the training data for
            # the model to weigh (allsides dev: 5 such unterminated lines are boilerplate, the content
            # ones repeat the title), so it is a rule.
            p = max(p, 0.9)
        elif _KICKER.match(text) and not text.endswith(":"):
            # a headline kicker ("OPINION: …", "Poll: …"): in 3,000 allsides dev-train documents, 177 of
            # 180 such unterminated lines are labelled boilerplate, and the other 3 are links to other
            # articles too
            p = max(p, 0.9)
        if p >= thr:
            reason = "related-headline" if words_of(text) >= 4 else "navigation"
            out.append(Verdict(i, lines[i], reason, round(p, 4)))
    # lists of links to other articles: a header and its items, or a run of headline-shaped lines
    pos = {i: j for j, i in enumerate(idx)}
    more = extend_lists(texts, {pos[v.index]: v.reason for v in out}, scores, protected)
    if more:
        out.extend(Verdict(idx[j], lines[idx[j]], reason, score) for j, (reason, score) in more.items())
        out.sort(key=lambda v: v.index)
    return out


def drop_changes(text: str, title: str | None = None, source: str | None = None, *,
                 corpus_stats: CorpusStats | None = None, threshold: float | None = None) -> list[Change]:
    """Changes that delete each boilerplate line of ``text`` (offsets into ``text``, sorted).

    A change covers the line and its ``\\n``; when paragraphs are separated by blank lines it also
    covers the blank lines that follow, so no gap is left behind. For a last line without a trailing
    newline it deletes the preceding newline(s) instead. fixer ``drop_boilerplate``, reason
    ``boilerplate:<slug>``, confidence = the verdict's score.
    """
    lines = text.split("\n")
    verdicts = boilerplate_lines(lines, title=title, source=source, corpus_stats=corpus_stats, threshold=threshold)
    if not verdicts:
        return []
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    n = len(lines)
    dropped = {v.index for v in verdicts}
    # The dropped lines that end the text (no newline after them) take the newline *before* them.
    tail = set()
    k = n - 1
    while k >= 0 and (k in dropped or not lines[k].strip()):
        if k in dropped:
            tail.add(k)
        k -= 1
    keep_before = k  # last kept non-blank line (-1: none)
    changes: list[Change] = []
    for v in verdicts:
        i = v.index
        if i in tail and keep_before >= 0:
            j = i
            while j > 0 and not lines[j - 1].strip():
                j -= 1  # blank separators before it go too
            start = starts[j] - 1
            end = starts[i] + len(lines[i])
        else:
            start = starts[i]
            end = start + len(lines[i])
            if i < n - 1:
                end += 1  # its newline
                j = i + 1
                while j < n - 1 and not lines[j].strip():  # and the blank separator lines after it
                    end = starts[j] + len(lines[j]) + 1
                    j += 1
        if changes and start < changes[-1].end:
            start = changes[-1].end
        if end <= start:
            continue
        changes.append(Change(start, end, text[start:end], "", "drop_boilerplate", f"boilerplate:{v.reason}", v.score))
    return changes


__all__ = [
    "Verdict",
    "Report",
    "REPETITION_REASONS",
    "boilerplate_lines",
    "boilerplate_report",
    "drop_changes",
    "CorpusStats",
    "line_key",
    "normalise_line",
    "build_stats_from_jsonl",
    "cue",
    "load_model",
]
