"""Lists of links to other articles: a header ("Related Stories", "Most Popular", "Past Coverage") and the
headline-shaped lines under it.

A page's related-content box reaches a plain-text body as a *run* of lines: a short header, then
headlines, sometimes with a number ("1", "2") or a one-sentence teaser between them. One pasted
headline is judged by the model on its own; inside such a run the context is what gives each line away,
so the run is found here, after the per-line verdicts:

- :func:`header`: a short line that announces a list of other content. The lines that follow it while
  they are list items (headline-shaped: no sentence end, at most :data:`MAX_ITEM_WORDS` words; or a
  teaser sentence with a headline after it) belong to the list.

Section headings are headline-shaped too, but no header announces them; the article's own title is
never part of a list. (A header-less rule, "a run of 3+ headline-shaped lines of which two are already
boilerplate takes the rest at a lower model score", was measured and left out: on allsides dev it cost
more precision than it gained L3S recall.)
"""

from __future__ import annotations

from typing import Sequence

import regex

from .features import MONTH, WEEKDAY

_Q = r"['’?]?"  # an apostrophe, or the "?" that lossy pages put in its place
_HEADER = regex.compile(
    r"""^(?:[»>•·|*\-–—]+\s*)?(?:
        related(?:\s+(?:stories|story|news|links?|posts?|articles?|coverage|content|sections?|topics?|items?|videos?|reading|searches|resources|headlines))?
      | more(?:\s+(?:stories|news|headlines|pics|photos|pictures|videos?|links|coverage|articles|posts|top\s+stories))?
      | more\s+(?:from|on|in|about)\s+(?:\S+\s+){0,3}\S+
      | (?:today""" + _Q + r"""s\s+|this\s+week""" + _Q + r"""s\s+|the\s+)?(?:most|top)\s+(?:\d+\s+)?(?:popular|read|viewed|emailed|e-mailed|shared|commented|stories|headlines|news|videos)(?:\s+(?:stories|articles|news|items|now|today|this\s+week))?
      | (?:past|previous|earlier|recent|latest|continuing|special|full|in-depth)\s+(?:coverage|stories|news|posts|articles|headlines|releases|reports)
      | (?:internal|external|useful|other|web|quick|helpful)\s+links
      | see\s+also | also\s+(?:see|read) | also\s+on\s+(?:\S+\s+){0,3}\S+
      | other\s+(?:news|stories|headlines|articles)(?:\s+(?:in|from|on)\s+(?:\S+\s+){0,3}\S+)?
      | you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)
      | recommended(?:\s+(?:stories|articles|reading|for\s+you))?
      | editor""" + _Q + r"""s\s+(?:picks?|choice)
      | in\s+this\s+section | on\s+this\s+(?:topic|story|subject) | elsewhere(?:\s+on\s+(?:\S+\s+){0,3}\S+)? | around\s+the\s+web | from\s+around\s+the\s+web
      | news\s+tracker(?:\W.{0,40})? | headlines | top\s+stories | trending(?:\s+(?:now|stories))? | what""" + _Q + r"""s\s+(?:hot|new|popular)
      | out\s+this\s+week | don""" + _Q + r"""t\s+miss | popular\s+(?:stories|now|articles|posts)
    )\s*[:»>.…]*\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
_TERMINAL = regex.compile(r"[.!?…;:]['’\"”»)\]]*\s*$")
_WORDS = regex.compile(r"\S+")
_TRUNCATED = regex.compile(r"\w(?:\.\.\.|…)\s*$")
#: A line that is only a date ("January 14, 2008", "Jan. 12, 2008", "12 January 2008", "2008-01-12").
_DATE = regex.compile(
    r"^" + WEEKDAY + r"""(?:
        """ + MONTH + r"""\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
      | \d{1,2}(?:st|nd|rd|th)?\s+""" + MONTH + r""",?\s+\d{4}
      | \d{4}-\d{2}-\d{2} | \d{1,2}/\d{1,2}/\d{2,4}
    )$""",
    regex.VERBOSE,
)

#: A list item (headline, link text) has at most this many words.
MAX_ITEM_WORDS = 25
#: Under a header, a sentence of at most this many words is an item.
MAX_LIST_SENTENCE_WORDS = 12
#: A teaser sentence between two items has at most this many words.
MAX_TEASER_WORDS = 60


def header(line: str) -> bool:
    """A short line that announces a list of other content ("Related Stories", "Today's Most Read")."""
    s = line.strip()
    return 0 < len(s) <= 80 and bool(_HEADER.match(s))


def item_shaped(line: str) -> bool:
    """A headline or link text: no sentence end (a "?" inside a word is lossy damage, a final one is a
    question headline) and at most :data:`MAX_ITEM_WORDS` words."""
    s = line.strip()
    n = len(_WORDS.findall(s))
    if n == 0 or n > MAX_ITEM_WORDS:
        return False
    if n <= 2:
        return True  # "1", "Audio", "More pics"
    return not _TERMINAL.search(s) or s.endswith("?") or s.endswith(")")


def extend(texts: Sequence[str], flagged: dict[int, str], scores: Sequence[float | None],
           protected: Sequence[bool]) -> dict[int, tuple[str, float]]:
    """New verdicts ``{j: (reason, score)}`` for the lines of ``texts`` that belong to a list.

    ``flagged`` maps the indices that already have a verdict to their reason, ``scores`` holds the
    model's score of each line it judged (``None`` for the others; unused by the header rule),
    ``protected`` marks lines that must stay (the title)."""
    n = len(texts)
    out: dict[int, tuple[str, float]] = {}
    items = [item_shaped(t) for t in texts]
    # inside a list, a short sentence is an item too ("Pastor says no storm will stop his sermon.")
    in_list = [items[m] or len(_WORDS.findall(texts[m])) <= MAX_LIST_SENTENCE_WORDS for m in range(n)]

    def add(j: int, score: float) -> None:
        if j in flagged or j in out or protected[j]:
            return
        out[j] = ("related-headline" if len(_WORDS.findall(texts[j])) >= 4 else "navigation", score)

    # a header and the items under it; a teaser sentence between two items belongs to the list, but a
    # sentence right under the header is the article resuming ("More On This..." then prose)
    for h in range(n):
        if protected[h] or not header(texts[h]):
            continue
        add(h, 0.95)
        j = h + 1
        while j < n and not protected[j]:
            if in_list[j]:
                add(j, 0.9)
            elif (((j + 1 < n and in_list[j + 1] and not protected[j + 1]) or _TRUNCATED.search(texts[j]))
                  and len(_WORDS.findall(texts[j])) <= MAX_TEASER_WORDS and in_list[j - 1] and j - 1 != h):
                # a teaser between two items, or a cut-off one ("… a new rate plan for its servic...")
                add(j, 0.85)
            else:
                break
            j += 1
    # a date-only line next to another article's headline is that link's date ("Jan 12 | 4,000 shops
    # gutted in Kolkata fire" / "January 12, 2008"); a headline-shaped line right before such a date is
    # the previous link of the same list
    related = {j for j, r in flagged.items() if r == "related-headline"} | {j for j, (r, _) in out.items() if r == "related-headline"}
    dated = set()
    for j in range(n):
        if _DATE.match(texts[j].strip()) and ((j - 1) in related or (j + 1) in related):
            add(j, 0.85)
            dated.add(j)
    for j in sorted(dated):
        if j - 1 >= 0 and items[j - 1] and (j - 2 < 0 or (j - 2) not in related) and len(_WORDS.findall(texts[j - 1])) >= 4:
            add(j - 1, 0.8)
    return out
