"""One frozen configuration object for every option textfix has.

The name of each fixer is at once its config field (set it to ``False`` to switch the fixer off), the
``--no-<fixer>`` flag of the CLI and the ``fixer`` tag of every change it explains.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any, Mapping

#: Fixers in pipeline order. Each name is also a boolean field of :class:`Config`.
FIXERS: tuple[str, ...] = (
    "fix_mojibake",
    "decode_entities",
    "restore_placeholders",
    "restore_apostrophes",
    "restore_dashes",
    "restore_letters",
    "restore_symbols",
    "restore_quotes",
    "drop_boilerplate",
)

#: Options besides the fixers that are switched on or off (``--no-<option>`` in the CLI).
SWITCHES: tuple[str, ...] = ("gate", "unwrap")

STYLES = ("ascii", "typographic")
#: Damage kinds that ``Config.assume`` accepts (mojibake shows itself unmistakably).
ASSUMABLE = ("deletion", "qmark", "fffd")


@dataclass(frozen=True)
class Config:
    """Every option, with its documented default.

    Fixers (``True`` = on):

    - ``fix_mojibake``: repair reversible mojibake with ftfy (``Kyivâ€™s`` -> ``Kyiv’s``). Only ftfy's
      encoding fixes run; its quote uncurling, line-break and normalisation fixes stay off so that clean
      text is never rewritten.
    - ``decode_entities``: decode the HTML character references that an extraction left in a page's text
      (``caf&#233;`` -> ``café``, ``don&#39;t`` -> ``don't``); a text that still holds HTML tags is left
      alone, since its references mean themselves there. Off by default: it changes how a text writes
      characters it still has, which a corpus may mean (the BBC and Readability texts of the benchmarks
      hold references in their clean text); the diagnosis names ``html_entities`` either way.
    - ``restore_placeholders``: decide what a ``?`` or U+FFFD placeholder stood for (``Kyiv?s``).
    - ``restore_apostrophes``: put back deleted apostrophes (``Kyivs`` -> ``Kyiv's``).
    - ``restore_dashes``: put back deleted em and en dashes (``nowwe`` -> ``now—we``).
    - ``restore_letters``: put back deleted accented letters (``caf`` -> ``café``).
    - ``restore_symbols``: put back deleted symbols whose context fixes them (``25C`` -> ``25°C``).
    - ``restore_quotes``: put back deleted quotation marks around speech.
    - ``drop_boilerplate``: remove boilerplate lines (off by default: it is the one fixer that removes
      line breaks, and every removed line is reported with its reason).

    Other options:

    - ``style``: ``"ascii"`` (default) writes restored apostrophes and quotes as ``'`` and ``"``;
      ``"typographic"`` writes ’ “ ”. Dashes are always — (parenthetical) and – (ranges, compounds).
    - ``min_confidence``: changes below this confidence are not applied (default 0.5). Raise it to
      trade recall for precision.
    - ``gate``: run each restorer only on documents that the diagnosis finds damaged in the way that
      restorer repairs (default ``True``). Switching it off is for experiments only: clean text may
      then be changed.
    - ``unwrap``: read a paragraph that was hard-wrapped to a fixed width (e-mail, plain-text archives)
      as one line, as the restorers read a paragraph, and keep its line breaks in the output (default
      ``True``; :mod:`textfix.wrapped` says how such paragraphs are found).
    - ``currency``: a currency sign such as ``"£"`` to restore where one was deleted before an amount
      (``5m`` -> ``£5m``). ``None`` (default) only suggests such changes in the explanation.
    - ``assume``: damage kinds (``"deletion"``, ``"qmark"``, ``"fffd"``) known to have hit the whole
      corpus, e.g. ``("deletion",)`` for news snippets that went through an ASCII-only step (default
      ``()``). A document whose own evidence for such a kind is neutral (a short text with no
      apostrophe or quotation mark at all) is then treated as damaged; one that shows counter-evidence
      (an intact ``’`` or ``'``, a curly quote) still is not. ``textfix --diagnose`` tells how many
      documents of a corpus are undecided.
    """

    fix_mojibake: bool = True
    decode_entities: bool = False
    restore_placeholders: bool = True
    restore_apostrophes: bool = True
    restore_dashes: bool = True
    restore_letters: bool = True
    restore_symbols: bool = True
    restore_quotes: bool = True
    drop_boilerplate: bool = False
    style: str = "ascii"
    min_confidence: float = 0.5
    gate: bool = True
    unwrap: bool = True
    currency: str | None = None
    assume: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in FIXERS + SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"textfix option {name!r} must be True or False, got {getattr(self, name)!r}")
        if self.style not in STYLES:
            raise ValueError(f"textfix option 'style' must be one of {STYLES}, got {self.style!r}")
        if not isinstance(self.min_confidence, (int, float)) or not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"textfix option 'min_confidence' must be a number in [0, 1], got {self.min_confidence!r}")
        if isinstance(self.assume, (list, str)):
            object.__setattr__(self, "assume", tuple([self.assume] if isinstance(self.assume, str) else self.assume))
        if not isinstance(self.assume, tuple) or not set(self.assume) <= set(ASSUMABLE):
            raise ValueError(f"textfix option 'assume' must be damage kinds among {ASSUMABLE}, got {self.assume!r}")
        if self.currency is not None and (not isinstance(self.currency, str) or len(self.currency) != 1):
            raise ValueError(f"textfix option 'currency' must be one character such as '£', got {self.currency!r}")

    def replace(self, **options: Any) -> "Config":
        return make_config(self, **options)


OPTION_NAMES = frozenset(f.name for f in fields(Config))


def make_config(config: Config | None = None, **options: Any) -> Config:
    """Return ``config`` (or the defaults) with ``options`` applied; unknown options raise TypeError."""
    unknown = sorted(set(options) - OPTION_NAMES)
    if unknown:
        raise TypeError(
            f"unknown textfix option(s): {', '.join(unknown)}; known options are: {', '.join(sorted(OPTION_NAMES))}"
        )
    if config is None:
        return Config(**options)
    if not isinstance(config, Config):
        raise TypeError(f"config must be a textfix.Config, got {type(config).__name__}")
    return dataclasses.replace(config, **options) if options else config


def defaults() -> Mapping[str, Any]:
    return {f.name: f.default for f in fields(Config)}
