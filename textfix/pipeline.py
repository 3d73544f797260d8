"""The order of the fixers, and the one engine that runs them.

Data flows one way: decode -> diagnose -> repair (mojibake, placeholders, deletions, quotes) ->
boilerplate -> output. Each stage is a group of fixer modules that see the same text; their proposals are
resolved against each other, applied, and the next stage sees the result. Quotes come after apostrophes
so that they can tell an apostrophe from a closing single quote.
"""

from __future__ import annotations

import importlib
from typing import Any, Iterable

from .changes import Change, Explained, ReplayError, make, replay, resolve, sequential
from .config import Config, make_config
from .diagnose import assume, diagnose
from .fixers import Context, Words
from .lexicon.loading import paused_gc
from .wrapped import rejoin, soft_breaks, unwrap

#: Stages in order; each is a tuple of fixer modules under ``textfix.fixers``.
STAGES: tuple[tuple[str, ...], ...] = (
    ("mojibake",),
    ("placeholders",),
    # Deleted characters: apostrophes and dashes, accented letters and symbols, resolved together.
    ("deletions", "letters"),
    # Quotes run alone in the last stage: each pair is two changes, and no other fixer's proposal may
    # displace one mark of a pair in conflict resolution.
    ("quotes",),
)

# Restorers write typographic marks; the default ASCII style folds them here, in one place.
_ASCII_FOLD = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
_ASCII_STYLE = str.maketrans(_ASCII_FOLD)
_UNSTYLED = {"fix_mojibake", "decode_entities", "drop_boilerplate"}

_REPEAT = {("placeholders",): 3}

_modules: dict[str, Any] = {}
_DEFAULT = make_config(None)  # fix(text) with no options: one frozen Config for every call


def _module(name: str):
    mod = _modules.get(name)
    if mod is None:
        mod = _modules[name] = importlib.import_module(f"textfix.fixers.{name}")
    return mod


def _style(ch: Change, config: Config) -> Change:
    if config.style == "ascii" and ch.fixer not in _UNSTYLED:
        after = ch.after.translate(_ASCII_STYLE)
        if after != ch.after:
            return make(ch.start, ch.end, ch.before, after, ch.fixer, ch.reason, ch.confidence)
    return ch


def run_stage(text: str, modules: Iterable[str], ctx: Context) -> list[Change]:
    """Proposals of one stage, resolved, filtered and styled, with offsets into ``text``."""
    config = ctx.config
    return [_style(ch, config) for ch in _resolved(text, modules, ctx)]


def _applied(text: str, changes: list[Change], config: Config) -> tuple[list[Change], str]:
    """``(seq, replay(text, seq))`` for ``seq = sequential([_style(ch, config) for ch in changes])``, in one
    pass: the resolved changes of a stage (sorted, none overlapping another, offsets into ``text``) are
    written in the configured style, made sequential (each change made once) and applied together, with
    the checks of :func:`textfix.changes.replay` (a change that points back or out of the text, or whose
    ``before`` is not what stands there, raises :class:`~textfix.changes.ReplayError`)."""
    fold = config.style == "ascii"
    out: list[Change] = []
    pieces: list[str] = []
    delta = pos = 0
    n = len(text)
    for ch in changes:
        start, end, before, after = ch.start, ch.end, ch.before, ch.after
        if start < pos or end < start or end > n or ((before or end != start) and text[start:end] != before):
            raise ReplayError(f"change does not fit the text at {start}: {ch}")
        if fold and ch.fixer not in _UNSTYLED:
            # (nearly every change writes one character: a dict look-up is what ``translate`` gives it)
            after = _ASCII_FOLD.get(after, after) if len(after) == 1 else after.translate(_ASCII_STYLE)
        if delta or after != ch.after:
            ch = make(start + delta, end + delta, before, after, ch.fixer, ch.reason, ch.confidence)
        out.append(ch)
        pieces.append(text[pos:start])
        pieces.append(after)
        pos = end
        delta += len(after) - (end - start)
    pieces.append(text[pos:])
    return out, "".join(pieces)


_ENABLED: dict[tuple[int, str], tuple[Config, Any, frozenset]] = {}


def _enabled(config: Config, name: str) -> tuple[Any, frozenset]:
    """The fixer module ``name`` and which of its fixers ``config`` enables (kept per configuration
    object: by its id, checked to be the same object, without hashing the configuration every time)."""
    v = _ENABLED.get((id(config), name))
    if v is None or v[0] is not config:
        if len(_ENABLED) > 256:
            _ENABLED.clear()
        mod = _module(name)
        v = _ENABLED[(id(config), name)] = (config, mod, frozenset([f for f in mod.FIXERS if getattr(config, f)]))
    return v[1], v[2]


def _resolved(text: str, modules: Iterable[str], ctx: Context) -> list[Change]:
    """Proposals of one stage, filtered and resolved (not yet styled), with offsets into ``text``."""
    config = ctx.config
    proposals: list[Change] = []
    for name in modules:
        mod, enabled = _enabled(config, name)
        if not enabled:
            continue
        for ch in mod.propose(text, ctx):
            if ch.fixer in enabled and ch.confidence >= config.min_confidence and ch.before != ch.after:
                proposals.append(ch)
    return resolve(proposals)


def fix_and_explain(text: str | bytes, config: Config | None = None, *, title: str | None = None,
                    source: str | None = None, corpus_stats: Any = None, **options: Any) -> Explained:
    """Repair ``text`` and return the result with every change that made it.

    ``title`` is a clean title line for the document, used as evidence (a form seen intact there is
    trusted); ``source`` names the document's outlet for corpus-level boilerplate evidence. ``bytes`` are
    decoded first with :func:`textfix.decode`; ``explained.original`` then holds the decoded text that
    the changes replay on.
    """
    global _cold
    if _cold:
        _cold = False
        return _first_explained(text, config, title=title, source=source, corpus_stats=corpus_stats, **options)
    return _explained(text, config, title=title, source=source, corpus_stats=corpus_stats, **options)


def _explained(text: str | bytes, config: Config | None = None, *, title: str | None = None,
               source: str | None = None, corpus_stats: Any = None, **options: Any) -> Explained:
    """:func:`fix_and_explain`'s work."""
    config = _DEFAULT if config is None and not options else make_config(config, **options)
    decoded = None
    if isinstance(text, (bytes, bytearray, memoryview)):
        from .decode import decode

        decoded = decode(bytes(text))
        text = decoded.text
    elif not isinstance(text, str):
        raise TypeError(f"textfix.fix() takes str or bytes, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    original = text
    # paragraphs hard-wrapped to a width are read as one line each (textfix.wrapped)
    edits: list[tuple[int, str]] = []
    if config.unwrap:
        breaks = soft_breaks(text)
        if breaks:
            text, edits = unwrap(text, breaks)
    # one tokenisation of the input, shared by the diagnosis and the deletion-stage fixers
    words = Words(text)
    diagnosis = diagnose(text, words=words)
    if config.assume:
        diagnosis = assume(diagnosis, config.assume, text)
    ctx = Context(config=config, diagnosis=diagnosis, text=text, title=title, source=source, _words=words)
    current = text
    changes: list[Change] = []
    for modules in STAGES:
        # A placeholder is decided from its neighbours, which may be placeholders decided in the same
        # pass; the stage runs again on its own output (rarely more than once) so that a second fix()
        # finds nothing left to decide.
        # (a fixer module of a repeated stage says with ``unsettled`` on which lines its changes may let
        # another pass decide more: the next pass reads those only, in ``ctx.lines``)
        repeat = _REPEAT.get(modules, 1)
        for _ in range(repeat):
            stage = _resolved(current, modules, ctx)
            if not stage:
                break
            seq, current = _applied(current, stage, config)
            changes.extend(seq)
            if repeat > 1:
                lines = sorted(set().union(*(_module(name).unsettled(current, seq) for name in modules)))
                if not lines:
                    break
                ctx.lines = lines
            if modules == ("mojibake",):
                # Repaired mojibake can reveal damage of its own (a lossy sequence becomes U+FFFD), and
                # a second run must see what this one saw: diagnose the repaired text too.
                ctx.diagnosis = diagnosis = diagnosis.merge(diagnose(current))
                if config.assume:
                    ctx.diagnosis = diagnosis = assume(diagnosis, config.assume, current)
        ctx.lines = None
    if edits:
        # the changes go back to the text with its line breaks before lines are judged as boilerplate
        changes = rejoin(changes, edits)
        current = replay(original, changes)
    if config.drop_boilerplate:
        from .boilerplate import drop_changes

        drop = drop_changes(current, title=title, source=source, corpus_stats=corpus_stats)
        if drop:
            seq = sequential(drop)
            current = replay(current, seq)
            changes.extend(seq)
    return Explained(text=current, changes=tuple(changes), diagnosis=diagnosis, original=original, decoded=decoded)


#: Whether no :func:`fix_and_explain` has run yet in this process. The first call imports the fixers and
#: loads most tables; it runs with the cyclic garbage collector paused (:func:`_first_explained`).
_cold = True
#: :func:`_explained` with the collector paused (:mod:`textfix.lexicon.loading`): in a fresh process, ``import
#: textfix`` and the first fix() of a damaged news article take 4,489 M instructions with the collector
#: running, 4,385 M with only the big loaders paused and 4,313 M with the whole first call paused (round 28,
#: callgrind, /tmp/s28/ir.sh). Later calls run with the collector on; a table that one of them loads first (the placeholder
#: restorer's, for the first ``?`` text) pauses it itself.
_first_explained = paused_gc(_explained)


def fix(text: str | bytes, config: Config | None = None, *, title: str | None = None,
        source: str | None = None, corpus_stats: Any = None, **options: Any) -> str:
    """Repair ``text`` and return it. See :func:`fix_and_explain` for the arguments."""
    return fix_and_explain(text, config, title=title, source=source, corpus_stats=corpus_stats, **options).text


# One short document per kind of damage (each is diagnosed on its own), touching every restorer's
# candidate paths: deleted apostrophes, dashes, quotes, accents and symbols; ?, U+FFFD and lossy
# mojibake placeholders in and between words.
_WARM_UP = (
    "Theres what Russia says. And theres what Russia does, said Blinken. Were sure its over nowwe hope.\n"
    "The caf in So Paulo, where Schrder met Pokmon fans, is 25C warm. Copyright  2019 AllSides.\n"
    "RussiaUkraine talks ran 20142022  and the NATOs chief said: We continue to see units moving.",
    "Kyiv?s leaders said ?we need peace now,? and the caf? in S?o Paulo was open ? again, wo?rd.",
    "Kyiv\ufffds leaders said \ufffdwe need peace now,\ufffd and the caf\ufffd was open \ufffd again.",
    "Kyiv\u00e2\u20ac\u2122s leaders said \u00e2\u20ac\u0153we need peace\u00e2\u20ac\u009d and Kyiv\u00e2??s "
    "caf\u00c3? is open.",
)


_PRELOADED: set[Config] = set()


def preload(config: Config | None = None, **options: Any) -> None:
    """Load now every table and model that :func:`fix` would load lazily on first use.

    ``import textfix`` stays fast because the data loads on demand; a worker process that is about to
    repair many documents (datatrove's :class:`~textfix.integrations.datatrove.TextfixFormatter` does) calls this first, so that the loading
    is a start-up cost of the worker and not part of its first documents. Idempotent: a second call with
    the same configuration returns at once.
    """
    config = make_config(config, **options)
    if config in _PRELOADED:
        return
    import wordfreq  # used for unigram evidence by several restorers

    wordfreq.zipf_frequency("the", "en")
    for text in _WARM_UP:
        fix_and_explain(text, config)
        fix_and_explain(text.encode("cp1252", "replace"), config)
    _PRELOADED.add(config)
