"""Features of one paragraph line in the context of its document.

A pasted headline of another article differs from the article's own paragraphs in shape (no terminal
punctuation, 6–20 words, often Title Case or ``Topic: X says Y``) and in topic: its words are not the
words of the paragraphs around it, and an unrelated one shares nothing with the title either. A section
heading has the same shape but introduces the next paragraph, so it shares words with it. Those are
the signals below; their weights are learned (see ``train.py``).

Every feature is a float, mostly in [0, 1]; :data:`NAMES` fixes their order in the weight vector.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

import regex

_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = regex.compile(r"\S+")
_TERMINAL = regex.compile(r"[.!?…;]['’\"”»)\]]*\s*$")
_COLON_END = regex.compile(r":['’\"”»)\]]*\s*$")
_COLON_PREFIX = regex.compile(r"^[^:.!?]{3,50}:\s+\S")
_SPEAKER = regex.compile(r"^(?:[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*:\s")
_SAYS = regex.compile(r"\b(?:says|said|say|warns|claims|slams|calls|urges|vows|reveals)\b", regex.IGNORECASE)
_URL = regex.compile(r"https?://|www\.|\.com\b|\.org\b|\S+@\S+\.\w+|(?<!\w)@\w+")
_QUOTE_START = regex.compile(r"^[\"“‘'«]")
_SENT_SPLIT = regex.compile(r"[.!?][\"”’)]*\s+[\"“‘(]*[A-Z]")
_DIGIT_LEAD = regex.compile(r"^\d+\s+\S")
_COMMA_TAIL = regex.compile(r",\s+(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,4}\s*$")
_DASH_SEP = regex.compile(r"\s[-–—|]\s")
# a quotation in single marks, headline style (‘crusade against energy’, 'evil of slavery')
_SINGLE_QUOTE = regex.compile(r"(?:^|[\s:(])(?:‘[^’\n]{2,80}’|'[^'\n]{2,80}')(?=$|[\s:,.?!)])")

# A compact English stopword list (function words); stopword density separates prose from headline-ese.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also may might must shall would’ve it’s that’s there’s he’s she’s i’m
    don’t doesn’t didn’t isn’t wasn’t aren’t weren’t won’t can’t couldn’t wouldn’t shouldn’t
    dont doesnt didnt isnt wasnt arent werent wont cant couldnt wouldnt shouldnt its thats theres hes shes
    im ive youre theyre weve
    """.split()
)

NAMES: tuple[str, ...] = (
    "term", "colon_end", "noterm", "log_words",
    "nt_short", "nt_mid", "nt_head", "nt_long",
    "title_case", "nt_title_case", "digit_lead", "stop", "nt_stop",
    "multi_sentence", "sim_title", "title_recall", "nt_sim_title",
    "sim_nb", "nt_sim_nb", "sim_next", "nt_sim_next", "sim_doc", "nt_sim_doc",
    "first", "last", "pos", "edge",
    "colon_prefix", "says", "quote_start", "url", "caps", "speaker",
    "prev_noterm", "next_noterm", "doc_noterm", "nt_doc_noterm", "nt_next_noterm",
    "question", "comma_tail", "slash", "paren_end", "lower_start", "all_caps", "digits",
    "w5_16", "cap_all", "prev_term", "next_term", "next_long", "dash_sep",
    "title_prefix", "like_title",
    "nb_cohesion", "nt_gap", "single_quote", "nt_cap_stop", "nt_prose_sides",
)
INDEX = {n: i for i, n in enumerate(NAMES)}


@lru_cache(maxsize=1)
def _zipf():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a core dependency
        return lambda w: 3.0
    return lambda w: zipf_frequency(w, "en")


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:
    """Rarer words carry more topic: weight = 8 - Zipf frequency, floored at 1."""
    return max(1.0, 8.0 - _zipf()(word))


def _stem(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def content_words(text: str) -> set[str]:
    """Lower-cased, lightly stemmed words of ``text`` that carry topic (no stopwords, ≥ 3 letters)."""
    out = set()
    for w in _WORD.findall(text):
        lw = w.lower()
        if len(lw) >= 3 and lw not in STOPWORDS and lw.replace("’", "'") not in STOPWORDS:
            out.add(_stem(lw))
    return out


def _containment(words: set[str], other: set[str]) -> float:
    """Weighted share of ``words`` that also occur in ``other``."""
    if not words:
        return 0.0
    total = hit = 0.0
    for w in words:
        x = _weight(w)
        total += x
        if w in other:
            hit += x
    return hit / total


class Line:
    __slots__ = ("text", "words", "nwords", "cw", "term", "colon_end", "tokens")

    def __init__(self, text: str):
        s = text.strip()
        self.text = s
        self.tokens = _TOKEN.findall(s)
        self.words = _WORD.findall(s)
        self.nwords = len(self.tokens)
        self.cw = content_words(s)
        self.term = bool(_TERMINAL.search(s))
        self.colon_end = bool(_COLON_END.search(s))


def featurize(lines: Sequence[str], title: str | None = None, *, only_unterminated: bool = False) -> list:
    """One feature vector per line of ``lines`` (non-empty paragraphs, in order); with
    ``only_unterminated``, ``None`` for the lines that end like a sentence (the model never judges them)."""
    items = [Line(t) for t in lines]
    n = len(items)
    title_cw = content_words(title) if title else set()
    # headlines of one site share a shape: a series prefix ("Russia-Ukraine conflict: …"), a length
    t_line = Line(title) if title else None
    t_prefix = t_line.text.split(":", 1)[0].strip().lower() if t_line and ":" in t_line.text[:60] else None
    # document word counts, to know which words of a line also occur elsewhere
    doc_count: dict[str, int] = {}
    for it in items:
        for w in it.cw:
            doc_count[w] = doc_count.get(w, 0) + 1
    # A short question is headline-shaped ("Is free college really free?"), so it counts as unterminated.
    noterm = [not (it.term or it.colon_end) or (it.text.endswith("?") and it.nwords <= 20) for it in items]
    n_noterm = sum(noterm)
    out = []
    for i, it in enumerate(items):
        if only_unterminated and not noterm[i]:
            out.append(None)
            continue
        f = [0.0] * len(NAMES)
        nt = 1.0 if noterm[i] else 0.0
        nw = it.nwords
        f[0] = 1.0 if it.term else 0.0
        f[1] = 1.0 if it.colon_end else 0.0
        f[2] = nt
        f[3] = math.log1p(nw) / 4.0
        f[4] = nt * (nw <= 3)
        f[5] = nt * (4 <= nw <= 7)
        f[6] = nt * (8 <= nw <= 24)
        f[7] = nt * (nw > 24)
        long_words = [w for w in it.words if len(w) >= 4]
        tc = sum(1 for w in long_words if w[0].isupper()) / len(long_words) if long_words else 0.0
        f[8] = tc
        f[9] = nt * tc
        f[10] = 1.0 if (_DIGIT_LEAD.match(it.text) and nw >= 4 and nt) else 0.0
        stop = sum(1 for w in it.words if w.lower() in STOPWORDS) / len(it.words) if it.words else 0.0
        f[11] = stop
        f[12] = nt * stop
        f[13] = 1.0 if _SENT_SPLIT.search(it.text) else 0.0
        st = _containment(it.cw, title_cw) if title_cw else 0.0
        f[14] = st
        f[15] = (len(it.cw & title_cw) / len(title_cw)) if title_cw else 0.0
        f[16] = nt * st
        nb: set[str] = set()
        if i > 0:
            nb |= items[i - 1].cw
        if i + 1 < n:
            nb |= items[i + 1].cw
        snb = _containment(it.cw, nb)
        f[17] = snb
        f[18] = nt * snb
        snext = _containment(it.cw, items[i + 1].cw) if i + 1 < n else 0.0
        f[19] = snext
        f[20] = nt * snext
        # words of this line that occur in another line of the document
        sdoc = _containment(it.cw, {w for w in it.cw if doc_count[w] > 1})
        f[21] = sdoc
        f[22] = nt * sdoc
        f[23] = 1.0 if i == 0 else 0.0
        f[24] = 1.0 if i == n - 1 else 0.0
        f[25] = i / (n - 1) if n > 1 else 0.0
        f[26] = 1.0 if (i < 2 or i >= n - 2) else 0.0
        f[27] = 1.0 if (nt and _COLON_PREFIX.match(it.text)) else 0.0
        f[28] = 1.0 if (nt and _SAYS.search(it.text)) else 0.0
        f[29] = 1.0 if _QUOTE_START.match(it.text) else 0.0
        f[30] = 1.0 if _URL.search(it.text) else 0.0
        letters = [c for c in it.text if c.isalpha()]
        f[31] = (sum(1 for c in letters if c.isupper()) / len(letters)) if letters else 0.0
        f[32] = 1.0 if _SPEAKER.match(it.text) else 0.0
        f[33] = 1.0 if (i > 0 and noterm[i - 1]) else 0.0
        f[34] = 1.0 if (i + 1 < n and noterm[i + 1]) else 0.0
        dn = (n_noterm - noterm[i]) / (n - 1) if n > 1 else 0.0
        f[35] = dn
        f[36] = nt * dn
        f[37] = nt * f[34]
        f[38] = 1.0 if it.text.endswith("?") else 0.0
        f[39] = 1.0 if (_COMMA_TAIL.search(it.text) and nw <= 10) else 0.0
        f[40] = 1.0 if "/" in it.text else 0.0
        f[41] = 1.0 if it.text.endswith(")") else 0.0
        f[42] = 1.0 if it.text[:1].islower() else 0.0
        f[43] = 1.0 if (f[31] > 0.9 and len(letters) > 12) else 0.0
        f[44] = sum(1 for c in it.text if c.isdigit()) / max(1, len(it.text))
        f[45] = 1.0 if 5 <= nw <= 16 else 0.0
        f[46] = (sum(1 for w in it.words if w[0].isupper()) / len(it.words)) if it.words else 0.0
        f[47] = 1.0 if (i > 0 and items[i - 1].term) else 0.0
        f[48] = 1.0 if (i + 1 < n and items[i + 1].term) else 0.0
        f[49] = 1.0 if (i + 1 < n and items[i + 1].nwords > 25) else 0.0
        f[50] = 1.0 if _DASH_SEP.search(it.text) else 0.0
        if t_line is not None and nt:
            pre = it.text.split(":", 1)[0].strip().lower() if ":" in it.text[:60] else None
            # same multi-word series prefix as the title ("Russia-Ukraine conflict: …"), other words
            f[51] = 1.0 if (t_prefix and pre == t_prefix and len(t_prefix.split()) >= 2) else 0.0
            f[52] = 1.0 if (abs(nw - t_line.nwords) <= 5 and (pre is not None) == (t_prefix is not None)) else 0.0
        # A pasted line interrupts prose: the paragraphs on either side share words with each other
        # more than with the line between them.
        if 0 < i < n - 1:
            pn = _containment(items[i - 1].cw, items[i + 1].cw)
            f[53] = pn
            f[54] = nt * max(0.0, pn - snb)
        f[55] = 1.0 if _SINGLE_QUOTE.search(it.text) else 0.0
        # Title Case capitalises short function words ("Is", "The", "Of") that prose leaves in lower case
        caps = [w for w in it.words[1:] if w.lower() in STOPWORDS and w[0].isupper() and len(w) <= 4]
        f[56] = nt * min(1.0, len(caps) / 2.0)
        # both neighbours are long prose
        f[57] = nt * (1.0 if (0 < i < n - 1 and items[i - 1].term and items[i + 1].term
                              and items[i - 1].nwords > 15 and items[i + 1].nwords > 15) else 0.0)
        out.append(f)
    return out


#: A line that stops mid-sentence: after a comma, a dash or a word that cannot end a headline ("… the
#: bill will", "Samuel Berger,", "… and —"). It is a broken or hard-wrapped paragraph, a list item or an
#: interrupted quotation, never another article's headline (allsides dev: 160 such unterminated lines,
#: all content), so the model does not judge it.
_MID_SENTENCE = regex.compile(
    r"(?:,|(?<!-)[-–—]|\s(?:the|a|an|and|or|but|of|to|by|with|which|because|as|at|from|if|than|when|while|whose|its|"
    r"their|his|my|our|your|will|would|could|should|must|that))['’\"”)\]]*\s*$"
)


def ends_mid_sentence(line: str) -> bool:
    return bool(_MID_SENTENCE.search(line))


#: A speaker label above a quoted answer or a panel contribution: a name, then a role in lower case
#: ("Maya Manian, professor, University of San Francisco Law School", "Lynn Hicks, opinion editor").
#: Also the byline of an analysis inside the article ("Analysis by Anthony Zurcher, BBC Washington").
#: Content (EVALUATION.md), so the model does not judge it.
_SPEAKER_LABEL = regex.compile(
    r"^(?:Analysis\s+by\s+[A-Z][^:!?]*$|(?:Dr\.\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][\w’'-]+){1,2},\s+(?:a\s+|an\s+|the\s+)?(?:former\s+|senior\s+|vice\s+|"
    r"associate\s+|assistant\s+|deputy\s+|executive\s+|managing\s+|chief\s+|[a-z-]+\s+)?(?:professor|dean|editor|writer|author|"
    r"president|director|chair(?:man|woman)?|founder|co-founder|reporter|correspondent|analyst|economist|fellow|secretary|"
    r"senator|governor|mayor|lawyer|attorney|spokes(?:man|woman|person)|researcher|scientist|historian|host|columnist|"
    r"contributor|commentator|strategist|advis[eo]r|activist|minister|ambassador|publisher|judge|officer|manager|"
    r"CEO|chief)\b[^:!?]*$)"
)


#: A dateline: only a date, perhaps a weekday and a time ("Fri Dec 28, 7:05 AM ET", "Feb. 14", "March 6,
#: 2019"). Part of the article (a timeline entry, the publication date), not another article's headline;
#: a date beside a related link is found by the list rule instead.
#: A weekday before a date ("Fri ", "Monday, "), optional; and a month name or abbreviation ("Jan.", "Sept").
WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = regex.compile(
    r"^" + WEEKDAY + MONTH + r"\s+"
    r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?$"
)


def dateline(line: str) -> bool:
    return bool(_DATELINE.match(line))


def speaker_label(line: str) -> bool:
    return bool(_SPEAKER_LABEL.match(line))


def words_of(line: str) -> int:
    return len(_TOKEN.findall(line))


def expand(f: Sequence[float]) -> list[float]:
    """The features followed by all their pairwise products (i < j), the model's actual inputs.

    A quadratic logistic regression: "unterminated *and* 8–24 words *and* few words shared with the
    next paragraph" is what a pasted headline is, and a linear model cannot say *and*.
    Zero features are skipped, so this costs little (most features are 0/1 and sparse)."""
    out = list(f)
    k = len(f)
    nz = [i for i in range(k) if f[i]]
    prods = [0.0] * (k * (k - 1) // 2)
    for a_pos, i in enumerate(nz):
        fi = f[i]
        base = i * k - i * (i + 1) // 2 - i - 1  # offset of pair (i, j) is base + j
        for j in nz[a_pos + 1:]:
            prods[base + j] = fi * f[j]
    out.extend(prods)
    return out
