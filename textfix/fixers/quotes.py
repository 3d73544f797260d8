"""Put back double quotation marks that ASCII deletion removed (``said, We need`` -> ``said, “We need``).

Deletion damage (``text.encode("ascii", "ignore")``) removes “ and ” without a trace, and they are the
largest share of what it destroys in news. Their positions can only be inferred from the shape of reported
speech. This fixer scores a handful of *anchored* candidate quotation spans per paragraph:

- **Anchors.** The frequent speech verbs are found with ``str.find`` over the whole document (no Python
  runs on paragraphs without one). A *closing* anchor is ``, ? !`` before an attribution: the verb first
  (``, said Putin``), or a subject of up to ten words, an appositive allowed (``, she said``, ``, Senator
  Smith told reporters``, ``, Joe Biden, the nominee, said``), or ``, according to``; the nearest comma
  is the main anchor, up to two earlier ones are rivals (``far``). An *opening* anchor follows a speech
  verb and ``,``/``:`` (``Smith said: We``, ``he added, We``) or a colon before a capital.
- **Candidate spans** of a paragraph: paragraph or sentence start -> closing anchor (up to
  :data:`MAX_SENTS` sentences, never across another main anchor); opening anchor -> paragraph end; and a
  continuation, the sentence right after an attribution's sentence -> paragraph end or the next anchor
  (``“Q1,” said X. “Q2.”``). Spans that almost never reach a useful confidence are not generated.
- **Span model:** a logistic regression over features of the span's opening side, closing side (the
  attribution's form and verb), the span (length in sentences and words, first/second-person pronouns,
  contractions, tense, speech verbs, words of direct speech (:data:`DEIX`) and of narration (:data:`NARR`)
  inside, in its first and last sentence, before and after it) and edge words, learned by
  :mod:`textfix.fixers.train_quotes` from dev-split clean news whose quotes were deleted (free labels: a span
  is right when both its marks stand where the clean text had them).
- **Context model:** a second logistic regression (:data:`CONTEXT_FEATURES`, 31 weights) turns the span's
  logit, its margins to rival spans (other openings for the same close, other closes for the same opening,
  overlapping spans), the document's quoting confidence, the probability of an attribution just before it
  and of a continuation after it, the document's habits (rates of first/second-person words and of
  contractions, number of paragraphs, share of attributed paragraphs) and the neighbouring paragraphs (the
  best attribution of the paragraph before; a likely quotation opening the paragraph after, which by the
  news convention leaves this paragraph unclosed) and how much the span's words and the rest of its
  paragraph sound like quoted speech (the mean log-odds of their words, a table of the model learned from
  where the training documents quote) into the change's confidence.
- **Decoder:** greedy by confidence; a span is emitted when its confidence reaches ``emit_min`` (chosen on
  held-apart documents so that the one-sided 95% lower bound of the emitted *marks*' precision is >= 98%)
  and it neither overlaps nor touches a span already chosen. A quotation continued after its attribution's
  sentence (``“Q1,” said X. “Q2.”``) also takes the span that attribution closes from :data:`PAIR_MIN` on
  (:func:`_paired`). Both marks of a span carry the same reason and confidence, so the engine keeps
  both or neither: the output is balanced by construction.

The gate: only documents that the diagnosis finds deletion-damaged, and only when the received document
has no quotation mark at all (“ ” „ « » or ASCII ``"``): a document whose quotes survived is never touched.
Not proposed: quotations that open in mid-sentence after an ordinary word (``called it a “witch hunt”``,
about 45% of the quotations in the allsides dev part), quotations running into the next paragraph, single
quotation marks.
"""

from __future__ import annotations

import gzip
import json
import math
from math import exp as _exp
import re
from bisect import bisect_left, bisect_right as _bisect_right
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import eq as _eq, itemgetter, mul as _mul, neg as _neg, sub as _sub
from typing import Iterator

import regex

from ..changes import Change, make
from ..lazyre import lazy
from ..lexicon.loading import paused_gc

FIXERS = ("restore_quotes",)

MODEL_NAME = "quotes-v5.msgpack.gz"

OPEN, CLOSE = "\u201c", "\u201d"

_INTACT_QUOTE = lazy(regex.compile, r'["\u201c\u201d\u201e\u00ab\u00bb]')
_QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb'


def _has_quote(text: str) -> bool:
    """``_INTACT_QUOTE.search(text)`` as six ``str`` scans (about 30 times faster on a news article)."""
    return any(ch in text for ch in _QUOTE_CHARS)


# A placeholder where a quotation mark could stand: opening a word after a space or the line start, or
# right after punctuation (``,?`` ``.?``) before a space or the line end.
_QUOTE_SLOT = lazy(regex.compile, r"(?:(?<=^|\s)[?\ufffd](?=\w)|(?<=[,.!?][?\ufffd]*)[?\ufffd](?=\s|$))")

SPEECH_VERBS = tuple(
    """said says told tells added adds asked asks wrote writes explained explains noted notes stated states
    continued continues argued argues insisted insists declared declares recalled recalls warned warns tweeted
    tweets replied replies responded responds acknowledged acknowledges admitted admits claimed claims
    complained complains remarked announced announces emphasized emphasizes stressed stresses suggested
    suggests observed exclaimed conceded predicted urged joked cautioned concluded posted shouted testified
    lamented quipped countered maintained reported confirmed concludes say tell""".split()
)
P12 = "i me my mine we us our ours you your yours myself ourselves yourself im ive weve youre youve youll".split()
P3 = "he she they him her them his their hes shes theyre".split()
PRESENT = "is are am do does dont doesnt have has will can cant wont thats theres isnt arent need want think know".split()
PAST = "was had did didnt wasnt werent".split()
CONTR = "dont doesnt didnt cant wont isnt arent wasnt werent havent hasnt hadnt wouldnt couldnt shouldnt im ive youre weve theyre thats theres lets".split()
#: words of direct speech more than of reported speech (``this``/``these`` point from the speaker's place;
#: reported speech shifts them to ``that``/``those``) and of spoken argument: of the one-sentence
#: paragraph-opening spans before an attribution without first/second-person words, 20-23% are quotations,
#: 45-70% of those with one of these (counted on the training part)
DEIX = ("this these here going very really just it not be there what people no so way right because should all "
        "like get make or").split()
#: words of narration (titles, weekdays, institutions, ``who``, ``also``): such spans are quotations in 0-10%
NARR = ("mr mrs ms sen rep former monday tuesday wednesday thursday friday saturday sunday who also asked during "
        "university committee senate house chairman director office statement interview center group republican "
        "democrat").split()


_CLS: dict[str, int] = {}
for _k, _ws in enumerate((P12, P3, PRESENT, PAST, SPEECH_VERBS, CONTR, DEIX, NARR)):
    for _w in _ws:
        # sentence-initial forms (and ``I``) too; ``US`` stays out of ``us``
        for _f in ((_w[0].upper() + _w[1:],) if _w in ("i", "im", "ive") else (_w, _w[0].upper() + _w[1:])):
            _CLS.setdefault(_f, _k)
_NCLASS = 8
_NOSTATS = (0,) * (_NCLASS + 1)
_CLS1 = {w: k + 1 for w, k in _CLS.items()}  # 1-based: ``filter(None, ...)`` drops the unclassed words
_SV_SET = frozenset(SPEECH_VERBS)
# what the document scan looks for with ``str.find`` (each hit is checked to be a whole speech verb)
# the document scan looks for the most frequent speech verbs only (>= 97% of the attributions of the
# training part); each hit is checked to be a whole word
ANCHOR_VERBS = frozenset(
    "said says say told tells wrote writes added adds tweeted continued continues asked asks explained explains "
    "recalled recalls replied replies noted notes stated states declared declares argued reported concluded "
    "insisted responded".split())


def _stems(verbs) -> tuple[str, ...]:
    """Fewer, shorter strings to ``str.find`` (each scan of the document costs more than a few extra hits):
    a verb's stem is its shortest common prefix with another verb that drops at most three letters of it
    (``ask`` for ``asked asks``, ``continue``, not ``con``), else the verb; no stem is a prefix of another,
    so every word is found once."""
    cands = set()
    for v in verbs:
        best = v
        for u in verbs:
            if u != v:
                k = 0
                while k < min(len(u), len(v)) and u[k] == v[k]:
                    k += 1
                if max(3, len(v) - 3) <= k < len(best):
                    best = v[:k]
        cands.add(best)
    stems = tuple(sorted(s for s in cands if not any(t != s and s.startswith(t) for t in cands)))
    assert all(sum(v.startswith(s) for s in stems) == 1 for v in verbs)
    return stems


_STEMS = _stems(ANCHOR_VERBS)
_AFTER_VERB = frozenset("in on at to during after before of about that it he she they this the a an his her their we i "
                        "last yesterday today tuesday monday wednesday thursday friday saturday sunday".split())
_PRON = frozenset("he she they I we it".split())
_DETS = frozenset("The A An His Her Their One Another This That".split())
_ABBREV = frozenset("Mr Mrs Ms Dr St Sen Rep Reps Gov Gen Jr Sr Lt Col Sgt Capt Prof Rev No vs Inc Corp Co Ltd Mt Ft U.S U.N U.K D.C".split())

# --- anchors (stdlib ``re``: plain patterns, compiled once) -----------------------------------------------
# the subject between an attribution's comma and its verb: up to 9 words (an appositive may hold commas)
_SUBJ_OK = lazy(re.compile, r"(?:[\w\u2019'.\-$%]+,? ){0,9}")
_SUBJ_BAD = lazy(re.compile, r"[a-z]{3}[.?!] |[;:()\"]")
#: what :func:`_subject_ok` deletes before ``str.isalnum``: the characters of ``_SUBJ_OK`` that are not alphanumeric
_SUBJ_PUNCT = dict.fromkeys(map(ord, " ,\u2019'.-$%_"))
_SUBJ_PUNCT_BYTES = b" ,'.-$%_"  # (the same, less the non-ASCII ``\u2019``: for ASCII subjects)


def _subject_ok(subj: str) -> bool:
    """``_SUBJ_OK.fullmatch(subj) and not _SUBJ_BAD.search(subj)``, with ``str`` methods (about a third of the
    cost: the regex's counted group is slow).

    ``_SUBJ_OK`` matches the empty string and up to nine units ``word`` + optional ``,`` + one space, where a
    word is a non-empty run of ``\\w`` (``str.isalnum`` or ``_``) and ``\u2019'.-$%``: so a non-empty subject
    ends with a space, holds at most nine spaces, never two in a row nor one first, has a space after every
    comma and never a comma first or after a space, and is alphanumeric once the spaces, commas and
    ``\u2019'.-$%_`` are deleted. Such a subject holds none of ``;:()"?!``, so ``_SUBJ_BAD`` can only match
    ``[a-z]{3}. ``: the regex runs only when ``". "`` occurs.
    """
    if not subj:
        return True
    if subj[-1] != " " or subj[0] in " ," or subj.count(" ") > 9 or "  " in subj:
        return False
    if "," in subj and (subj.count(",") != subj.count(", ") or " ," in subj):
        return False
    if subj.isascii():
        # (``bytes.translate`` deletes through a byte table: about a tenth of the instructions of
        # ``str.translate`` with a dict, which looks up each character; ASCII ``isalnum`` is the same test)
        core = subj.encode("ascii").translate(None, _SUBJ_PUNCT_BYTES)
    else:
        core = subj.translate(_SUBJ_PUNCT)
    if core and not core.isalnum():
        return False
    return not (". " in subj and _SUBJ_BAD.search(subj))
# after a speech verb: adjuncts (no sentence punctuation) then , or : and the quotation's first word
# (greedy: the run can only end at the first of ``.,:;?!\n"`` (or after 60 characters), the one place where a
# ``,`` or ``:`` can follow it, so the lazy ``{0,60}?`` of quotes-v4's training, which tries every length,
# matches the same; a possessive ``{0,60}+`` would be faster still but needs Python 3.11)
_INTRO = lazy(re.compile, r"[^.,:;?!\n\"]{0,60}([,:]) +(?=[\w$])")
#: a sentence break: a ``.``, ``?`` or ``!`` and the run of spaces after it, before an ASCII capital or digit.
#: :class:`Para` finds these with ``str.find`` (about a fifth of the instructions of the regex, which tests
#: a character class at every position; such runs never overlap, so the matches are exactly those of the
#: three marks, in position order); the pattern is the definition its tests compare with.
_SENT = lazy(re.compile, r"[.?!] +(?=[A-Z0-9])")
_SENT_NEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # ``[A-Z0-9]``: ASCII only, as in ``_SENT``


_SEND = {x: ("SEND", x, "", "", "") for x in ".?!"}  # the close at a sentence end
_SENT_OPEN = ("SENT", "")  # the opening at a sentence start
_INTRO_KINDS = frozenset(("SV,", "SV:", "COLON"))  # openings after a speech verb or a colon
_WORDS = lazy(re.compile, r"[A-Za-z]+")
_NONBLANK = lazy(re.compile, r"\S")

MAX_SENTS = 5
MAX_PARA_CHARS = 4000
#: Bag-of-words features of the span's words (``w=<word>``). Off: on the held-apart part they bought
#: no precision at the same recall (a model with them: 0.982 at recall 0.095, without: 0.980), doubled the
#: model file and cost a dictionary lookup per word; they also memorise the training documents.
BOW = False


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13-25" if n <= 25 else "26-50" if n <= 50 else "51+"


def speech_hits(text: str) -> list[tuple[int, int, str]]:
    """Whole-word speech verbs (and ``according to``) of ``text`` as sorted ``(start, end, verb)``.

    Found with ``str.find`` per stem: much faster than one regex alternation over the whole text.
    """
    hits = []
    n = len(text)
    find = text.find
    for stem in _STEMS:
        i = find(stem)
        m = len(stem)
        while i >= 0:
            if i == 0 or not text[i - 1].isalpha():
                j = i + m
                if j == n or not text[j].isalpha():
                    # the word is the stem itself (most hits: ``said``, ``told``)
                    if stem in ANCHOR_VERBS:
                        hits.append((i, j, stem))
                else:
                    j += 1
                    while j < n and text[j].isalpha():
                        j += 1
                    w = text[i:j]
                    if w in ANCHOR_VERBS:
                        hits.append((i, j, w))
            i = find(stem, i + 1)
    i = find("according to ")
    while i >= 0:
        if i == 0 or not text[i - 1].isalpha():
            hits.append((i, i + 12, "according"))
        i = find("according to ", i + 1)
    hits.sort()
    return hits


#: ``bytes.translate`` table: ASCII letters and the apostrophe stay, every other byte becomes a space
_LETTERS_APOS = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or c == 39 else 32 for c in range(256))


def _letters_only(text: str) -> str:
    """``text`` with ’ made ' and every other character that is no ASCII letter or ' made a space (a
    non-ASCII character is one ``?`` after ``encode``, so offsets stay): what the word splits of
    :func:`_segment_words`, :func:`_words` and :class:`Para` cut."""
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    return text.encode("ascii", "replace").translate(_LETTERS_APOS).decode("ascii")


def _segment_words(text: str, bps: list[int]) -> list[list[str]]:
    """The words (``[A-Za-z]+`` runs, apostrophes dropped: ``don't`` -> ``dont``) of each segment
    ``text[a:b]`` between consecutive breakpoints ``bps``.

    The same lists as ``_WORDS.findall`` per segment with the apostrophes (' and ’) removed first, about
    a third faster: ’ becomes ', every other character that is not an ASCII letter becomes a space
    (``encode`` replaces a non-ASCII character by one ``?``, so offsets stay), and each segment is
    ``str.split`` after dropping its apostrophes. Dropping them per segment instead of from the whole text
    gives the same words because no breakpoint has a letter or an apostrophe on both sides (an opening
    follows a space, a closing comes before a space or at the end), so no run of letters and apostrophes
    crosses one.
    """
    s = _letters_only(text)
    if "'" in s:
        return [s[a:b].replace("'", "").split() for a, b in zip(bps, bps[1:])]
    return [s[a:b].split() for a, b in zip(bps, bps[1:])]


def _words(text: str) -> list[str]:
    """``_segment_words(text, [0, len(text)])[0]``: the words of the whole of ``text``."""
    s = _letters_only(text)
    return s.replace("'", "").split() if "'" in s else s.split()


class Para:
    """One paragraph's anchors, candidate positions and the statistics of the segments between them.

    A span's features are the features of its opening side (:meth:`ofeat`), of its closing side
    (:meth:`cfeat`), the joint ones (:meth:`jfeat`) and the bag of words of the segments it covers; the
    sides and the segments are shared by many spans, so :meth:`scored` adds up cached partial scores.
    """

    __slots__ = ("text", "start", "opens", "closes", "bps", "bidx", "words", "pre", "cands", "sent_ends", "attr_pos", "na",
                 "intro_pos", "gated")

    def __init__(self, text: str, start: int, hits=(), doc_anchors: int = 0, gate=None):
        self.text = text
        self.start = start
        self.na = "many" if doc_anchors >= 6 else "some" if doc_anchors >= 2 else "few"
        self.cands = []
        self.gated = None
        n = len(text)
        # opening positions: pos -> (kind, detail); closing positions: pos -> (kind, detail, verb, subject)
        opens: dict[int, tuple] = {}
        closes: dict[int, tuple] = {}
        attr_pos = []
        # (``? `` and ``! `` are looked for before each verb only when the paragraph has one)
        # (each two-character search after a test for its first character, a ``memchr`` that is a small
        # fraction of its cost and fails in most paragraphs; the same below)
        qx = bool(hits) and ("?" in text and "? " in text or "!" in text and "! " in text)
        for hs, he, verb in hits:
            # closing anchor: ``, said X`` / ``, X said`` / ``? he asked`` / ``, according to``
            lo = hs - 120 if hs > 120 else 0
            k = text.rfind(", ", lo, hs)
            if qx:
                k = max(k, text.rfind("? ", lo, hs), text.rfind("! ", lo, hs))
            tries = 0
            near = None
            av = None
            while k > 0 and tries < 3:
                # the nearest comma first, then earlier ones (an appositive: ``, Joe Biden, the nominee, said``)
                tries += 1
                if text[k - 1].isalnum() or text[k - 1] in "\u2019'":
                    subj = text[k + 2:hs]
                    # (the empty subject is fine: ``, said X``; so is one word of letters before the verb,
                    # ``, Smith said``, the commonest, tested without the call)
                    if subj and not (subj[-1] == " " and subj[:-1].isalpha()) and not _subject_ok(subj):
                        break
                    if not subj:
                        form = "svf" if verb != "according" else "acc"
                    else:
                        sw = subj.split()
                        if sw[0] in _PRON and len(sw) <= 2:
                            form = "pron"
                        else:
                            form = ("name" if subj[0].isupper() else "np") + (str(len(sw)) if len(sw) < 4 else "4+")
                            if "," in subj:
                                form += ",app"
                            if sw[0] in _DETS:
                                form += ",det"
                    if verb == "according" and subj:
                        form = "acc:" + form
                    c = k + 1
                    if av is None:
                        # what follows the verb (the same for every comma of this hit): a sentence end, a
                        # name, a preposition (``said on Monday``) or a clause (``said it was``: reported
                        # speech, not an attribution)
                        j = he
                        while j < n and text[j] == " ":
                            j += 1
                        if j >= n or text[j] in ".?!":
                            av = "END"
                        elif text[j] in ",;:":
                            av = "PUNCT"
                        elif text[j].isupper():
                            av = "CAP"
                        else:
                            e2 = j
                            while e2 < n and text[e2].isalpha():
                                e2 += 1
                            av = text[j:e2].lower()
                            if av not in _AFTER_VERB:
                                av = "low"
                    if tries > 1:
                        form = "far:" + form  # an earlier comma: does not end the candidates before it
                    if c not in closes:
                        closes[c] = ("ATTR", form.split(",")[0][:6] + text[k], verb, form, av)
                        if tries == 1:
                            attr_pos.append(c)
                            near = c
                        elif near is not None and closes[near][3][-4:] != ",far":
                            # the nearest comma has an earlier rival: its subject may be an appositive
                            kd, det, vb, fm, av0 = closes[near]
                            closes[near] = (kd, det, vb, fm + ",far", av0)
                k = text.rfind(", ", lo, k)
            # opening anchor: ``said: We`` / ``said, We`` / ``told reporters on Monday: We`` (an :data:`_INTRO`
            # match needs a ``,`` or ``:`` in the 61 characters after the verb, which most hits lack)
            if verb != "according" and (text.find(",", he, he + 61) >= 0 or text.find(":", he, he + 61) >= 0):
                m = _INTRO.match(text, he)
                if m:
                    opens[m.end()] = ("SV" + m.group(1), verb + (":adj" if m.start(1) > he else ""))
        i = text.find(": ") if ":" in text else -1
        while i > 0:
            if text[i - 1].isalnum():
                j = i + 2
                while j < n and text[j] == " ":
                    j += 1
                if j < n and (text[j].isupper() or text[j].isdigit()):
                    opens.setdefault(j, ("COLON", ""))
            i = text.find(": ", i + 2)
        if not opens and not closes:
            return  # no anchor: no candidate span
        if gate is not None and not gate(opens, closes):
            # no anchor strong enough for a span to matter (:func:`_gate`): no candidates, only what the
            # document-level features count (:func:`_doc_vector`), when the paragraph would have had spans
            # (its words are counted there, only when needed)
            if attr_pos or opens:  # (so far every opening is one after a speech verb or a colon)
                self.gated = (text, bool(attr_pos))
            return
        # the openings after a speech verb or a colon: so far all of them (``START`` and ``SENT`` come next)
        intro_pos = sorted(opens)
        opens[0] = ("START", "")
        sent_ends = []
        # the sentence ends (:data:`_SENT`, found mark by mark, then sorted; the openings and
        # closes they add do not depend on their order), less a ``.`` after an abbreviation or an initial
        find = text.find
        for mark in (". ", "? ", "! "):
            e = find(mark) if mark[0] in text else -1
            while e >= 0:
                me = e + 2
                while me < n and text[me] == " ":
                    me += 1
                if me < n and text[me] in _SENT_NEXT:
                    if mark == ". ":
                        wd = text[text.rfind(" ", 0, e) + 1:e]
                        if wd in _ABBREV or (len(wd) == 1 and wd.isupper()):
                            e = find(mark, me)
                            continue
                    sent_ends.append(e + 1)
                    closes.setdefault(e + 1, _SEND[mark[0]])
                    opens.setdefault(me, _SENT_OPEN)
                e = find(mark, me)
        sent_ends.sort()
        stripped = text.rstrip()
        if stripped and stripped[-1] in ".?!":
            closes.setdefault(len(stripped), ("PEND", stripped[-1], "", "", ""))
            sent_ends.append(len(stripped))
        self.opens, self.closes = opens, closes
        self.sent_ends, self.attr_pos = sent_ends, sorted(attr_pos)
        self.intro_pos = intro_pos
        self.cands = self._candidates()
        if not self.cands:
            return  # nothing to score: no segment statistics (:func:`paragraphs` drops this paragraph)
        # segment statistics between consecutive breakpoints, and their prefix sums
        bps = sorted({*opens, *closes, 0, n})
        self.bps = bps
        self.bidx = dict(zip(bps, range(len(bps))))
        get = _CLS1.get
        # tot[1 + class] counts the words of each class, tot[-1] all words (tot[0] is unused)
        tot = [0] * (_NCLASS + 2)
        pre = [tot[1:]]  # (lists: only read)
        app = pre.append
        # the words of each segment (:func:`_segment_words`, inlined in this loop)
        s = _letters_only(text)
        apos = "'" in s
        words = []
        wapp = words.append
        last = pre[0]
        a = 0
        for b in bps[1:]:
            ws = s[a:b].replace("'", "").split() if apos else s[a:b].split()
            a = b
            wapp(ws)
            if ws:
                for k in filter(None, map(get, ws)):
                    tot[k] += 1
                tot[-1] += len(ws)
                last = tot[1:]
            app(last)  # (an empty segment changes no count: the same list again)
        self.pre = pre
        self.words = words

    def _stats(self, a: int, b: int) -> tuple[int, ...]:
        """Summed class counts of the text between breakpoints ``a`` and ``b`` (character offsets)."""
        if b <= a:
            return _NOSTATS
        bi = self.bidx
        pre = self.pre
        return tuple(map(_sub, pre[bi[b]], pre[bi[a]]))

    def _candidates(self):
        """Candidate spans as ``(o, c, sentences inside, continues an attribution)``."""
        opens, closes = self.opens, self.closes
        sent_ends = self.sent_ends
        ap = self.attr_pos  # sorted
        cpos = sorted(closes)
        ncp = len(cpos)
        is_attr = list(map(_eq, map(_KIND, map(closes.__getitem__, cpos)), _ATTRS))
        # an attribution at its nearest comma ends the candidates of the openings before it: those are
        # ``attr_pos`` (an attribution first seen at an earlier comma of its verb has a ``far:`` form and
        # is not in it)
        stops = set(ap)
        any_attr = True in is_attr
        out = []
        app = out.append
        for o in sorted(opens):
            okind = opens[o][0]
            # a span opening right after the sentence of an attribution continues a quotation
            cont = False
            if okind == "SENT" and ap:
                # the last sentence end before ``o`` and the one before that (``sent_ends`` is sorted)
                i = _bisect(sent_ends, o)
                prev_end = sent_ends[i - 1] if i else 0
                i = _bisect(sent_ends, prev_end)
                prev_start = sent_ends[i - 1] if i else 0
                # the last attribution in [prev_start, prev_end), if any (``ap`` is sorted)
                j = _bisect(ap, prev_end) - 1
                if j >= 0 and ap[j] >= prev_start:
                    cont = "cont:" + closes[ap[j]][4]
            # spans that (almost) never reach a useful confidence are not scored at all (measured on the
            # held-apart part): quotations after a plain colon or ``said,`` over more than two or three
            # sentences. (Spans that end at a sentence end inside the paragraph rarely win either, but as
            # rivals they make the confidence of the others more accurate.)
            if okind == "SENT" or okind == "START":
                if not (cont or any_attr):
                    continue  # only an attribution could close such a span, and the paragraph has none
                any_close = bool(cont)
                maxs = MAX_SENTS - 1
            else:  # after a speech verb or a colon
                any_close = True
                maxs = 1 if okind == "COLON" else 2 if okind == "SV," else MAX_SENTS - 1
            nsent = 0
            for i in range(_bisect(cpos, o + 1), ncp):
                c = cpos[i]
                a = is_attr[i]
                if c - o >= 3 and (a or any_close):
                    app((o, c, nsent, cont))
                if not a:
                    nsent += 1
                # (past ``maxs`` sentences (<= MAX_SENTS - 1) no later close is taken: stop there)
                if c in stops or nsent > maxs:
                    break
        return out

    # --- features ---------------------------------------------------------------------------------------
    def _okey(self, o: int, cont) -> tuple:
        """Everything :meth:`ofeat` reads, reduced to the values its feature strings show."""
        okind, odet = self.opens[o]
        i = self.bidx[o]
        before = self.pre[i]  # the counts before ``o`` (``_stats(0, o)``: ``pre[0]`` is all zeros)
        words = self.words
        fw = words[i][0] if i < len(words) and words[i] else ""
        prevw = words[i - 1][-1].lower() if i and words[i - 1] else "^"
        intro = False
        if okind in ("SENT", "START"):
            # an opening anchor earlier in the paragraph with no attribution after it: the span would sit
            # inside that quotation
            ap = self.attr_pos  # sorted
            j = _bisect_right(ap, o)
            last_attr = ap[j - 1] if j else -1
            ip = self.intro_pos
            i = _bisect_right(ip, last_attr)
            intro = i < len(ip) and ip[i] < o
        p12, p3, _, _, sv, _, _, _, nb = before
        return (okind, odet, cont or "", 1 if p12 else 0, 1 if sv else 0, 1 if p3 else 0,
                nb if nb <= 51 else 51, fw.lower(), "C" if fw[:1].isupper() else "l", prevw, intro)

    def ofeat(self, o: int, cont: bool) -> list[str]:
        return _ofeat(self._okey(o, cont))

    def _ckey(self, c: int) -> tuple:
        """Everything :meth:`cfeat` reads, reduced to the values its feature strings show."""
        text = self.text
        after = self._stats(c, len(text))
        j = self.bidx[c]
        words = self.words
        last = words[j - 1][-1].lower() if j and words[j - 1] else ""
        nxt = words[j][0].lower() if j < len(words) and words[j] else "$"
        p12, _, _, _, sv, _, _, _, na = after
        return self.closes[c] + (1 if p12 else 0, 1 if sv else 0, na if na <= 51 else 51, last, nxt)

    def cfeat(self, c: int) -> list[str]:
        return _cfeat(self._ckey(c))

    def _jkey(self, o: int, c: int, nsent: int, cont) -> tuple:
        """Everything :meth:`jfeat` reads, reduced to the values its feature strings show."""
        okind = self.opens[o][0]
        ckind, cdet, _, subj, _ = self.closes[c]
        bi, pre = self.bidx, self.pre
        p12, p3, prs, pst, sv, con, dx, nr, nw = map(_sub, pre[bi[c]], pre[bi[o]])  # o < c: a candidate's stats
        d = round(10 * p12 / (nw if nw > 1 else 1))
        key = (okind, ckind, cdet, subj, bool(cont), nsent if nsent < 4 else 4, nw if nw <= 51 else 51,
               p12 if p12 <= 4 else 4, d if d < 3 else 3, p3 if p3 < 2 else 2, con if con < 2 else 2,
               sv if sv < 2 else 2, "pres" if prs > pst else "past" if pst else "none", self.na,
               dx if dx < 2 else 2, nr if nr < 2 else 2)
        if nsent:
            # a quotation of several sentences: its first and its last sentence on their own
            se = self.sent_ends
            e1 = se[_bisect(se, o + 1)]
            el = se[_bisect(se, c) - 1]
            for a, b in ((o, e1), (el, c)):  # a < b: ``_stats(a, b)``
                q12, q3, qprs, qpst, qsv, qcon, _, _, qnw = map(_sub, pre[bi[b]], pre[bi[a]])
                key += (min(q12, 1), min(q3, 1), "pres" if qprs > qpst else "past" if qpst else "none",
                        min(qsv, 1), min(qcon, 1), qnw if qnw <= 51 else 51)
        return key

    def jfeat(self, o: int, c: int, nsent: int, cont: bool) -> list[str]:
        return _jfeat(self._jkey(o, c, nsent, cont))

    def segbow(self, i: int) -> list[str]:
        """The bag-of-words features of segment ``i`` (its distinct words, case kept)."""
        return ["w=" + x for x in set(self.words[i])]

    def features(self, o: int, c: int, nsent: int, cont: bool) -> list[str]:
        """All features of one candidate span (for training)."""
        f = self.ofeat(o, cont) + self.cfeat(c) + self.jfeat(o, c, nsent, cont)
        if BOW:
            for i in range(self.bidx[o], self.bidx[c]):
                f.extend(self.segbow(i))
        return f

    @property
    def spans(self):
        """``(o, c, features)`` of every candidate span (for training and inspection)."""
        return [(o, c, self.features(o, c, ns, ct)) for o, c, ns, ct in self.cands]

    def scored(self, w: dict) -> list[tuple[float, int, int]]:
        """``(logit, o, c)`` of every candidate span under weights ``w``."""
        if not self.cands:
            return []
        lo = lct = so = None  # the opening (and its ``cont``) of the previous candidate, and its score
        csc: dict = {}
        out = []
        app = out.append
        if BOW:
            # prefix sums of the segments' bag-of-words scores
            bg = _bow_weights(w).get
            bi = self.bidx
            bow = [0.0]
            acc = 0.0
            for ws in self.words:
                acc += sum(map(bg, set(ws), _ZEROS))
                bow.append(acc)
        # Each side's weights are listed in the order of its feature list (:func:`_ofeat`, :func:`_cfeat`,
        # :func:`_jfeat`) and summed with ``sum()``, as over the feature strings: the same floats. A template
        # that reads only anchors is a weight of the anchor's row (:func:`_open_row`, :func:`_close_row`,
        # :func:`_joint_row`); one that also reads a value of the span is a :class:`_Slot` or :class:`_Memo`
        # indexed by that value, or their tuple (:func:`_filled`) when the value is a clipped count: no key
        # tuple per template, no feature string.
        # (:func:`_scoring`: the ``get`` of the edge-word templates ``first=`` and ``last=`` (the tables of
        # their :class:`_Words`; the word templates of the side slots too: read with a default of 0.0, a plain
        # dict's ``get`` is faster than a dict subclass's ``__missing__`` and never grows), the side rows
        # and slots, the joint rows, the joint memos read by value and those of the first and last sentence)
        (om7, cm7, orows, oslots, crows, cslots, rows, m3, m4, m7, m8, m9, m10, m11, m12, m15, m17,
         srows) = _scoring(w)
        opens, closes, bi, pre, na, se = self.opens, self.closes, self.bidx, self.pre, self.na, self.sent_ends
        words, ap, ip = self.words, self.attr_pos, self.intro_pos
        nws, nip = len(words), len(self.intro_pos)
        tot = pre[-1]  # the counts of the whole paragraph (its length is the last breakpoint)
        for o, c, ns, ct in self.cands:
            # (candidates come grouped by their opening: its score is kept from the previous candidate)
            if o != lo or ct != lct:
                lo, lct = o, ct
                # the opening side (:data:`_O_BUILD` in order): the templates of its anchor and ``cont``
                # from its row, the others by the value they read (:meth:`_okey`, inlined: the same values)
                okind, odet = opens[o]
                ok = (okind, odet, ct or "")
                r = orows.get(ok)
                if r is None:
                    r = orows[ok] = _open_row(ok, w, oslots)
                s = r[4]
                i = bi[o]
                po = pre[i]
                p12, p3, _, _, sv, _, _, _, nb = po  # the counts before ``o``
                bct = True if ct else False
                fsw = None  # the weights of its first sentence (for the spans of several sentences)
                st = None  # and the tables of the first- and last-sentence templates (:class:`_SentenceRows`)
                fw = words[i][0] if i < nws and words[i] else ""
                fwl = fw.lower()
                ow = [r[0], r[1], r[2], r[3], s[0][1 if p12 else 0][1 if sv else 0], s[1][1 if p3 else 0],
                      s[2][nb if nb <= 51 else 51], om7(fwl, 0.0), s[3](fwl, 0.0),
                      s[4]["C" if fw[:1].isupper() else "l"],
                      s[5](words[i - 1][-1].lower() if i and words[i - 1] else "^", 0.0)]
                if okind == "SENT" or okind == "START":
                    # an opening anchor earlier in the paragraph with no attribution after it (as :meth:`_okey`)
                    j = _bisect_right(ap, o)
                    j = _bisect_right(ip, ap[j - 1] if j else -1)
                    if j < nip and ip[j] < o:
                        ow.append(s[6])
                so = sum(ow)
            x = csc.get(c)
            if x is None:
                # the closing side (:data:`_C_BUILD` in order): the first five templates read the anchor
                # alone (``closes[c]``, the head of :meth:`_ckey`), the others the counts after ``c`` and
                # the words around it (:meth:`_ckey`, inlined: the same values)
                ck = closes[c]
                r = crows.get(ck)
                if r is None:
                    r = crows[ck] = _close_row(ck, w, cslots)
                s = r[5]
                j = bi[c]
                a = pre[j]
                p12, sv, nb = tot[0] - a[0], tot[4] - a[4], tot[8] - a[8]
                sc = sum([r[0], r[1], r[2], r[3], r[4], s[0][1 if p12 else 0][1 if sv else 0],
                          s[1][nb if nb <= 51 else 51], cm7(words[j - 1][-1].lower() if j and words[j - 1] else "", 0.0),
                          s[2](words[j][0].lower() if j < nws and words[j] else "$", 0.0)])
                # kept per close: its score, anchor and counts before it
                x = csc[c] = (sc, ck[0], ck[1], ck[3], a)
            sc, ckind, cdet, subj, pc = x
            rk = (okind, ckind, cdet, subj, bct, na)
            r = rows.get(rk)
            if r is None:
                r = rows[rk] = _joint_row(rk, w)
            # (o < c: the span's counts, subtracted one by one: faster than unpacking a ``map``)
            p12, p3, prs, pst, sv, con, dx, nr, nw = (pc[0] - po[0], pc[1] - po[1], pc[2] - po[2], pc[3] - po[3],
                                                      pc[4] - po[4], pc[5] - po[5], pc[6] - po[6], pc[7] - po[7],
                                                      pc[8] - po[8])
            if p12:
                # ``min(round(x), 3)`` by comparisons (``round`` rounds a half to the even neighbour: 0.5 -> 0,
                # 1.5 and 2.5 -> 2), read as ``m8[d if d < 3 else 3]`` was
                d = 10 * p12 / (nw if nw > 1 else 1)
                d = 0 if d <= 0.5 else 1 if d < 1.5 else 2 if d <= 2.5 else 3
            else:
                d = 0
            nwc = nw if nw <= 51 else 51
            nsc = ns if ns < 4 else 4
            tense = "pres" if prs > pst else "past" if pst else "none"
            dxc = dx if dx < 2 else 2
            nrc = nr if nr < 2 else 2
            b = 1 if p12 else 0
            jw = [r[0], r[1], r[2][b], m3[nwc], m4[nsc], r[3][nsc], r[4][nwc], m7[p12 if p12 <= 4 else 4],
                  m8[d], m9[p3 if p3 < 2 else 2], m10[con if con < 2 else 2], m11[sv if sv < 2 else 2],
                  m12[tense], r[5][b][tense], r[6], m15[dxc], r[7][b][dxc], m17[nrc], r[8][b][nrc]]
            if ns:
                # a quotation of several sentences: its first and its last sentence on their own (as :meth:`_jkey`;
                # the first sentence's two weights depend on the opening alone and are kept with it). Each
                # template's weight is read from the opening kind's tuple at the index its key's values make
                # (:class:`_SentenceRows`; the counts are >= 0, so ``min(x, 1)`` is ``1 if x else 0``)
                if fsw is None:
                    st = srows[okind]
                    e1 = se[_bisect(se, o + 1)]
                    q = pre[bi[e1]]
                    q12, q3, qprs, qpst, qsv, qcon, qnw = (q[0] - po[0], q[1] - po[1], q[2] - po[2], q[3] - po[3],
                                                           q[4] - po[4], q[5] - po[5], q[8] - po[8])
                    fsw = (st[0][(6 if q12 else 0) + (3 if q3 else 0) + (0 if qprs > qpst else 1 if qpst else 2)],
                           st[1][(104 if qsv else 0) + (52 if qcon else 0) + (qnw if qnw <= 51 else 51)])
                el = se[_bisect(se, c) - 1]
                q = pre[bi[el]]
                q12, q3, qprs, qpst, qsv, qcon, qnw = (pc[0] - q[0], pc[1] - q[1], pc[2] - q[2], pc[3] - q[3],
                                                       pc[4] - q[4], pc[5] - q[5], pc[8] - q[8])
                jw += (fsw[0], fsw[1], st[2][(6 if q12 else 0) + (3 if q3 else 0) + (0 if qprs > qpst else 1 if qpst else 2)],
                       st[3][(104 if qsv else 0) + (52 if qcon else 0) + (qnw if qnw <= 51 else 51)])
            z = so + sc + sum(jw)
            if BOW:
                z = z + bow[bi[c]] - bow[bi[o]]
            # (without BOW the old ``+ 0.0 - 0.0`` is dropped: ``sum()`` never returns -0.0, so neither
            # does ``z``, and adding or subtracting 0.0 leaves every other float as it is)
            app((z, o, c))
        return out


# --- fast scoring: a feature's weight from the values its string shows, without building the string ------
# Each feature template (one position of the lists :func:`_ofeat`, :func:`_cfeat`, :func:`_jfeat` build)
# reads a few elements of the side's key (``_O_IDX`` etc.: their positions); its weight is memoised per
# weights object, under those elements (:class:`_Memo`) or in the rows and slots of the anchors that fix some
# of them (:class:`_Slot`). :meth:`Para.scored` sums the weights with ``sum()`` over a list in the feature
# list's order, as over the feature strings, so a span's logit is the same float on every Python version.
_O_IDX = ((0,), (0, 2), (0, 2), (0, 1), (0, 3, 4), (0, 5), (0, 6), (7,), (0, 7), (0, 8), (0, 9), (0, 10))
_C_IDX = ((0, 1), (0, 2), (0, 3), (0, 4), (0, 2, 4), (0, 5, 6), (0, 7), (8,), (0, 9))
_J_IDX = ((0, 1, 3), (0, 4, 1, 2), (0, 1, 7), (6,), (5,), (0, 5), (1, 6), (7,), (8,), (9,), (10,), (11,), (12,),
          (1, 12, 7), (13, 0, 1), (14,), (1, 14, 7), (15,), (1, 15, 7), (0, 16, 17, 18), (0, 19, 20, 21),
          (0, 22, 23, 24), (0, 25, 26, 27))
_J_PICK = itemgetter(3, 4, 7, 8, 9, 10, 11, 12, 15, 17)  # the joint memos :meth:`Para.scored` reads by value
_J_FIXED = 19  # the last four (first and last sentence) are present only for spans of several sentences
_TABLES: dict = {}


def _per_weights(cache: dict, w: dict, build):
    """``build()``, made once per weights object ``w`` and kept in ``cache`` (a module-level dict that holds
    one entry: made for another ``w``, it is cleared first). The entry keeps ``w`` itself, so that an
    ``id`` reused by a new object is not taken for the old one."""
    v = cache.get(id(w))
    if v is None or v[0] is not w:
        cache.clear()
        v = cache[id(w)] = (w, build())
    return v[1]


class _Memo(dict):
    """One template's memo under one weights object: ``{elements: weight}``, where ``elements`` are the
    key's elements at the template's positions (one element itself, several as a tuple); a missing entry is
    computed from the feature string (the template's builder on a key holding just those elements) and stored."""

    __slots__ = ("idx", "build", "weight")

    def __init__(self, idx: tuple, build, weights: dict):
        super().__init__()
        self.idx, self.build, self.weight = idx, build, weights.get

    def __missing__(self, sub):
        idx = self.idx
        key = [None] * (max(idx) + 1)
        if len(idx) == 1:
            key[idx[0]] = sub
        else:
            for j, v in zip(idx, sub):
                key[j] = v
        x = self[sub] = self.weight(self.build(key), 0.0)
        return x


def _tables(w: dict):
    """Per-template memos (:class:`_Memo`) of weights ``w`` (which must not change afterwards): the lists
    of the opening side, the closing side and the joint features."""
    return _per_weights(_TABLES, w, lambda: tuple(
        [_Words(_word_table(w, bd, (), ix[0])) if len(ix) == 1 and bd in _EDGE else _Memo(ix, bd, w)
         for ix, bd in zip(ixs, bds)]
        for ixs, bds in ((_O_IDX, _O_BUILD), (_C_IDX, _C_BUILD), (_J_IDX, _J_BUILD))))


class _Slot(dict):
    """The weights of one template with some key elements fixed (a row's anchors), by the one element
    left: ``{value: weight}``, a missing entry computed from the feature string as :class:`_Memo` does."""

    __slots__ = ("fixed", "var", "build", "weight")

    def __init__(self, fixed: tuple, var: int, build, weight):
        super().__init__()
        self.fixed, self.var, self.build, self.weight = fixed, var, build, weight

    def __missing__(self, v):
        key = [None] * 16
        for j, x in self.fixed:
            key[j] = x
        key[self.var] = v
        x = self[v] = self.weight(self.build(key), 0.0)
        return x


_ROWS: dict = {}


def _joint_rows(w: dict) -> dict:
    """``{row key: row}`` of :func:`_joint_row` under weights ``w`` (reset with the weights object)."""
    return _per_weights(_ROWS, w, dict)


def _side_rows(w: dict) -> tuple[dict, dict, dict, dict]:
    """The rows of the opening side by ``(okind, odet, cont)`` (:func:`_open_row`), its slots by
    ``okind``, the rows of the closing side by its anchor ``closes[c]`` (:func:`_close_row`) and its slots
    by ``ckind``, under weights ``w``."""
    return _per_weights(_SIDE_ROWS, w, lambda: ({}, {}, {}, {}))


_SIDE_ROWS: dict = {}


def _open_row(ok: tuple, w: dict, slots: dict) -> tuple:
    """The weights of the opening-side templates 0-3 (:data:`_O_BUILD`) of an anchor ``ok`` = ``(okind, odet,
    cont)``, and the slots of ``okind``: template 4 by p12 (0/1) then sv, 5 by p3, 6 by the words before, 8 by
    the first word, 9 by its case, 10 by the previous word, and the weight of template 11 (``bef:intro``); those
    read by a count (4, 5, 6) as tuples (:func:`_filled`), the case's as a plain dict, the words' as the
    ``get`` of their :func:`_word_table` (read with a default of 0.0)."""
    get = w.get
    key = [ok[0], ok[1], ok[2]] + [None] * 8
    B = _O_BUILD
    s = slots.get(ok[0])
    if s is None:
        f = ((0, ok[0]),)
        s = slots[ok[0]] = (tuple(_filled(_Slot(((0, ok[0]), (3, b)), 4, B[4], get), 2) for b in (0, 1)),
                            _filled(_Slot(f, 5, B[5], get), 2), _filled(_Slot(f, 6, B[6], get), 52),
                            _word_table(w, B[8], f, 7).get,
                            _filled_by(_Slot(f, 8, B[9], get), ("C", "l")), _word_table(w, B[10], f, 9).get,
                            get(B[11](key), 0.0))
    return get(B[0](key), 0.0), get(B[1](key), 0.0), get(B[2](key), 0.0), get(B[3](key), 0.0), s


def _close_row(ck: tuple, w: dict, slots: dict) -> tuple:
    """The weights of the closing-side templates 0-4 (:data:`_C_BUILD`) of an anchor ``ck`` = ``(ckind,
    cdet, verb, subj, av)``, and the slots of ``ckind``: template 5 by p12 (0/1) then sv, 6 by the words
    after (tuples, :func:`_filled`), 8 by the next word (the ``get`` of its :func:`_word_table`)."""
    get = w.get
    B = _C_BUILD
    s = slots.get(ck[0])
    if s is None:
        f = ((0, ck[0]),)
        s = slots[ck[0]] = (tuple(_filled(_Slot(((0, ck[0]), (5, b)), 6, B[5], get), 2) for b in (0, 1)),
                            _filled(_Slot(f, 7, B[6], get), 52), _word_table(w, B[8], f, 9).get)
    return _close_weights(ck, _tables(w)[1]) + (s,)


def _close_weights(ck: tuple, cd: list) -> tuple:
    """The weights of the closing-side templates 0-4 (:data:`_C_BUILD`) of an anchor ``ck`` = ``(ckind, cdet,
    verb, subj, av)``, from their memos ``cd`` (:func:`_tables`; a new anchor mostly shares its parts with
    earlier ones: ``w.get(_C_BUILD[t](key), 0.0)`` is built once per part)."""
    k0 = ck[0]
    return (cd[0][(k0, ck[1])], cd[1][(k0, ck[2])], cd[2][(k0, ck[3])], cd[3][(k0, ck[4])], cd[4][(k0, ck[2], ck[4])])


_WORD_TABLES: dict = {}
_NOWORD = "\x00"


class _Words(dict):
    """The weights of an edge-word template by word (a copy of its :func:`_word_table`): a word the weights
    do not know weighs 0.0 and is stored so (one short Python call per new word, where a :class:`_Slot`
    built the feature string and looked it up); :meth:`reset` drops the words stored so."""

    __slots__ = ("base",)

    def __init__(self, base: dict):
        super().__init__(base)
        self.base = base

    def __missing__(self, v):
        self[v] = 0.0
        return 0.0

    def reset(self) -> None:
        self.clear()
        self.update(self.base)


def _word_table(w: dict, build, fixed: tuple, var: int) -> dict:
    """``{word: weight}`` of the template ``build`` (one that writes its word once, between a fixed head
    and tail: ``first=<word>``, ``o=<kind>:first=<word>``, ``prev=<word>:o=<kind>``, ...) with the key
    elements ``fixed`` and the word at ``var``, for every word the weights ``w`` know: read with
    ``.get(word, 0.0)``, it gives ``w.get(build(key), 0.0)`` for any word. Unlike a :class:`_Slot`, it
    never grows: the words of the edge-word templates are open-ended, and each new one cost a Python call
    and a feature string."""
    key = [None] * 16
    for j, x in fixed:
        key[j] = x
    key[var] = _NOWORD
    head, _, tail = build(key).partition(_NOWORD)
    v = _WORD_TABLES.get((id(w), head, tail))
    if v is None or v[0] is not w:
        if any(x[0] is not w for x in _WORD_TABLES.values()):
            _WORD_TABLES.clear()
        groups = _weight_groups(w)
        a, b = len(head), len(tail)
        # ``head + word + tail`` is a weight's name exactly when the name starts with ``head``, ends with
        # ``tail`` and is long enough for both not to overlap: the word is what lies between
        group = groups.get(head[:head.find("=") + 1], {})
        names = list(group)
        if head and names == sorted(names):
            # (a sorted group: the names that start with ``head`` are a run, found by two searches; with no
            # tail, each of them gives its word at C speed)
            i = bisect_left(names, head)
            j = bisect_left(names, head[:-1] + chr(ord(head[-1]) + 1), i)
            values = list(group.values())[i:j]
            if not tail:
                tab = dict(zip(map(itemgetter(slice(a, None)), names[i:j]), values))
            else:
                tab = {f[a:len(f) - b]: x for f, x in zip(names[i:j], values) if f.endswith(tail) and len(f) >= a + b}
        else:
            tab = {f[a:len(f) - b]: x for f, x in group.items() if f.startswith(head) and f.endswith(tail) and len(f) >= a + b}
        v = _WORD_TABLES[(id(w), head, tail)] = (w, tab)
    return v[1]


_GROUPS: dict = {}


def _weight_groups(w: dict) -> dict:
    """The weights ``w`` grouped by the name's head up to its first ``=`` (``first=``, ``o=``, ``prev=``)."""

    def build() -> dict:
        groups: dict = {}
        names = list(w)
        if names != sorted(names):
            for f, x in w.items():
                groups.setdefault(f[:f.find("=") + 1], {})[f] = x
            return groups
        # (the shipped model's names are sorted: the names of one head are a run, each put in its group at
        # C speed; a loop over the 43,000 names took 15 ms on the first document. Only names without
        # ``=``, whose group ``""`` is no run, go one at a time.)
        values = list(w.values())
        i, n = 0, len(names)
        while i < n:
            f = names[i]
            head = f[:f.find("=") + 1]
            if not head:
                groups.setdefault("", {})[f] = values[i]
                i += 1
                continue
            j = bisect_left(names, head[:-1] + ">", i)  # (every name from ``head=`` up to ``head>`` has the head)
            groups[head] = dict(zip(names[i:j], values[i:j]))
            i = j
        return groups

    return _per_weights(_GROUPS, w, build)


def _joint_row(rk: tuple, w: dict) -> tuple:
    """What the joint templates (:data:`_J_BUILD`) of a span with the anchors ``rk`` = ``(okind, ckind,
    cdet, subj, cont, na)`` read: the weights of the templates that read nothing else (0, 1, 14), and for
    those that also read the span's statistics, their weights by that value (2: p12 as 0/1; 5: the
    sentences; 6: the words; 13, 16 and 18: a pair by p12 as 0/1, then by tense, dx, nr): tuples
    (:func:`_filled`) where the value is a clipped count, a :class:`_Slot` for the tense."""
    okind, ckind, cdet, subj, cont, na = rk
    get = w.get
    key = [None] * 16
    key[0], key[1], key[2], key[3], key[4], key[13] = okind, ckind, cdet, subj, cont, na
    B = _J_BUILD
    # The slots read ``okind`` and ``ckind`` alone: rows that share them share their slots (filled once,
    # instead of once per row: most new rows differ only in the attribution's form or the document)
    slots = _joint_slots(w)
    s = slots.get((okind, ckind))
    if s is None:
        s5 = slots.get(okind)
        if s5 is None:
            s5 = slots[okind] = _filled(_Slot(((0, okind),), 5, B[5], get), 5)
        sc = slots.get((ckind,))
        if sc is None:

            def pair(t: int, var: int):
                return tuple(_Slot(((1, ckind), (7, b)), var, B[t], get) for b in (0, 1))

            sc = slots[(ckind,)] = (_filled(_Slot(((1, ckind),), 6, B[6], get), 52),
                                    tuple(_filled_by(x, _TENSES) for x in pair(13, 12)),
                                    tuple(_filled(x, 3) for x in pair(16, 14)), tuple(_filled(x, 3) for x in pair(18, 15)))
        s = slots[(okind, ckind)] = (_filled(_Slot(((0, okind), (1, ckind)), 7, B[2], get), 2), s5) + sc
    s2, s5, s6, p13, p16, p18 = s
    return (get(B[0](key), 0.0), get(B[1](key), 0.0), s2, s5, s6, p13, get(B[14](key), 0.0), p16, p18)


_JOINT_SLOTS: dict = {}


def _filled(memo: dict, n: int) -> tuple:
    """``(memo[0], ..., memo[n - 1])``: the weights of a template read by a small count (clipped to
    ``n - 1`` where it is read), filled at once; a tuple indexed by an int is read faster than a dict
    subclass (the values are the same floats)."""
    return tuple([memo[i] for i in range(n)])


_TENSES = ("pres", "past", "none")


def _filled_by(memo: dict, keys: tuple) -> dict:
    """``{k: memo[k]}`` for the few values ``keys`` a template is read by (a tense, a case): a plain dict, read
    faster than a dict subclass."""
    return {k: memo[k] for k in keys}


def _joint_slots(w: dict) -> dict:
    """The slots of :func:`_joint_row` under weights ``w``, by ``okind``, ``(ckind,)`` and ``(okind, ckind)``
    (cleared with the rows)."""
    return _per_weights(_JOINT_SLOTS, w, dict)


_SCORING: dict = {}


def _scoring(w: dict) -> tuple:
    """What :meth:`Para.scored` reads under weights ``w``, from :func:`_tables`, :func:`_side_rows` and
    :func:`_joint_rows`, in one tuple (one call per paragraph instead of three; cleared with them)."""

    def build() -> tuple:
        od, cd, jd = _tables(w)
        # the joint memos read by a clipped count as tuples (:func:`_filled`), ``m12`` as a dict by tense
        m3, m4, m7, m8, m9, m10, m11, m12, m15, m17 = _J_PICK(jd)
        return ((od[7].base.get, cd[7].base.get) + _side_rows(w) + (_joint_rows(w),)
                + (_filled(m3, 52), _filled(m4, 5), _filled(m7, 5), _filled(m8, 4), _filled(m9, 3), _filled(m10, 3),
                   _filled(m11, 3), _filled_by(m12, _TENSES), _filled(m15, 3), _filled(m17, 3))
                + (_SentenceRows(jd[_J_FIXED:]),))

    return _per_weights(_SCORING, w, build)


class _SentenceRows(dict):
    """The weights of the first- and last-sentence templates (the last four of :data:`_J_BUILD`, from their
    memos ``memos``) by opening kind: ``{okind: (fs0, fs1, ls0, ls1)}``, filled on first sight. A template
    of tense (``fs:...:t=``, ``ls:...:t=``) is a tuple indexed by ``6 * p12 + 3 * p3 + t`` (p12, p3 as 0/1,
    ``t`` the position of the tense in :data:`_TENSES`), one of length by ``104 * sv + 52 * con + words``
    (the words clipped to 51): an index made of a few ints, where a memo was read by a tuple key made,
    hashed and compared for each span of several sentences (with four ``min()`` calls), about a fifth of
    :meth:`Para.scored`'s instructions."""

    __slots__ = ("memos",)

    def __init__(self, memos):
        super().__init__()
        self.memos = memos

    def __missing__(self, okind: str) -> tuple:
        fs0, fs1, ls0, ls1 = self.memos
        tense = [(okind, a, b, t) for a in (0, 1) for b in (0, 1) for t in _TENSES]
        length = [(okind, a, b, n) for a in (0, 1) for b in (0, 1) for n in range(52)]
        x = self[okind] = (tuple([fs0[k] for k in tense]), tuple([fs1[k] for k in length]),
                           tuple([ls0[k] for k in tense]), tuple([ls1[k] for k in length]))
        return x


_TRIM_EVERY = 32
_TRIM_SIZE = 300_000  # the entries the memos may hold before they are cleared
_trim_calls = [0]


def _trim_tables() -> None:
    """Keep the memos bounded: the edge-word templates (and the word slots of :func:`_side_rows`) keep growing (checked every
    :data:`_TRIM_EVERY` calls: the memos only hold weights, so when they are cleared changes no result)."""
    _trim_calls[0] += 1
    if _trim_calls[0] % _TRIM_EVERY:
        return
    for _, tabs in _TABLES.values():
        words = sum(len(x) for _, v in _SIDE_ROWS.values() for slots in (v[1], v[3]) for s in slots.values()
                    for x in s if isinstance(x, (_Slot, _Words)))
        if sum(map(len, tabs[0] + tabs[1])) + words > _TRIM_SIZE:
            for t in tabs:
                for d in t:
                    if isinstance(d, _Words):
                        d.reset()  # (its base: the weights of the words the model knows)
                    else:
                        d.clear()
            _SIDE_ROWS.clear()  # their word slots grow as the memos do
            _ROWS.clear()
            _JOINT_SLOTS.clear()
            _SCORING.clear()


# The feature templates, one builder per template, over the keys of :meth:`Para._okey`, :meth:`Para._ckey`
# and :meth:`Para._jkey`. A template missing from its memo builds its one feature string (:class:`_Memo`); the
# lists of :func:`_ofeat`, :func:`_cfeat` and :func:`_jfeat` are built from the same builders.
#   okey: okind, odet, cont, p12, sv, p3, nb, first, cap, prevw, intro
#   ckey: ckind, cdet, verb, subj, av, p12, sv, na, last, nxt
_O_BUILD = (
    lambda k: "bias",
    lambda k: "o=" + k[0] + ("+cont" if k[2] else ""),
    lambda k: "o=" + k[0] + ":" + k[2],
    lambda k: "o=" + k[0] + ":" + k[1],
    lambda k: "bef:p12=" + str(k[3]) + ":sv=" + str(k[4]) + ":o=" + k[0],
    lambda k: "bef:p3=" + str(k[5]) + ":o=" + k[0],
    lambda k: "bef:len=" + _bucket(k[6]) + ":o=" + k[0],
    lambda k: "first=" + k[7],
    lambda k: "o=" + k[0] + ":first=" + k[7],
    lambda k: "cap=" + k[8] + ":o=" + k[0],
    lambda k: "prev=" + k[9] + ":o=" + k[0],
    lambda k: "bef:intro:o=" + k[0],
)
_C_BUILD = (
    lambda k: "c=" + k[0] + ":" + k[1],
    lambda k: "c=" + k[0] + ":v=" + k[2],
    lambda k: "c=" + k[0] + ":subj=" + k[3],
    lambda k: "c=" + k[0] + ":av=" + k[4],
    lambda k: "c=" + k[0] + ":v=" + k[2] + ":av=" + k[4],
    lambda k: "aft:p12=" + str(k[5]) + ":sv=" + str(k[6]) + ":c=" + k[0],
    lambda k: "aft:len=" + _bucket(k[7]) + ":c=" + k[0],
    lambda k: "last=" + k[8],
    lambda k: "next=" + k[9] + ":c=" + k[0],
)

_EDGE = (_O_BUILD[7], _C_BUILD[7])  # the edge-word templates ``first=`` and ``last=`` (:class:`_Words`)

#   jkey: okind, ckind, cdet, subj, cont, ns, nw, p12, p12d, p3, con, sv, tense, na, dx, nr, then optionally
#   the first and last sentence's (p12, p3, tense, sv, con, nw)
_J_BUILD = (
    lambda k: "o=" + k[0] + ":c=" + k[1] + ":subj=" + k[3],
    lambda k: "oc=" + k[0] + ("+cont" if k[4] else "") + ">" + k[1] + ":" + k[2],
    lambda k: "oc=" + k[0] + ">" + k[1] + ":p12=" + ("1" if k[7] else "0"),
    lambda k: "len=" + _bucket(k[6]),
    lambda k: "sents=" + str(k[5]),
    lambda k: "o=" + k[0] + ":sents=" + str(k[5]),
    lambda k: "c=" + k[1] + ":len=" + _bucket(k[6]),
    lambda k: "p12=" + _bucket(k[7]),
    lambda k: "p12d=" + str(k[8]),
    lambda k: "p3=" + str(k[9]),
    lambda k: "con=" + str(k[10]),
    lambda k: "sv=" + str(k[11]),
    lambda k: "tense=" + k[12],
    lambda k: "c=" + k[1] + ":tense=" + k[12] + ":p12=" + ("1" if k[7] else "0"),
    lambda k: "doc=" + k[13] + ":oc=" + k[0] + ">" + k[1],
    lambda k: "dx=" + str(k[14]),
    lambda k: "c=" + k[1] + ":dx=" + str(k[14]) + ":p12=" + ("1" if k[7] else "0"),
    lambda k: "nr=" + str(k[15]),
    lambda k: "c=" + k[1] + ":nr=" + str(k[15]) + ":p12=" + ("1" if k[7] else "0"),
    lambda k: "fs:o=" + k[0] + ":p12=" + str(k[16]) + ":p3=" + str(k[17]) + ":t=" + k[18],
    lambda k: "fs:o=" + k[0] + ":sv=" + str(k[19]) + ":con=" + str(k[20]) + ":len=" + _bucket(k[21]),
    lambda k: "ls:o=" + k[0] + ":p12=" + str(k[22]) + ":p3=" + str(k[23]) + ":t=" + k[24],
    lambda k: "ls:o=" + k[0] + ":sv=" + str(k[25]) + ":con=" + str(k[26]) + ":len=" + _bucket(k[27]),
)


def _ofeat(key: tuple) -> list[str]:
    """The opening-side features of a span from its :meth:`Para._okey` (the last template only with an intro)."""
    return [b(key) for b in (_O_BUILD if key[10] else _O_BUILD[:-1])]


def _cfeat(key: tuple) -> list[str]:
    """The closing-side features of a span from its :meth:`Para._ckey`."""
    return [b(key) for b in _C_BUILD]


def _jfeat(key: tuple) -> list[str]:
    """The joint features of a span from its :meth:`Para._jkey` (the first/last-sentence templates only when
    the key carries them)."""
    return [b(key) for b in (_J_BUILD if len(key) > 16 else _J_BUILD[:19])]


_BOW_CACHE: dict = {}
_ZEROS = repeat(0.0)


def _bow_weights(w: dict) -> dict:
    """``{word: weight}`` of the bag-of-words features of weights ``w`` (cached per weights object)."""
    return _per_weights(_BOW_CACHE, w, lambda: {f[2:]: x for f, x in w.items() if f.startswith("w=")})


_bisect = bisect_left
_KIND = itemgetter(0)
_ATTRS = repeat("ATTR")  # (an endless ``map`` argument)


def paragraphs(text: str, gate=None, skipped: list | None = None) -> list[Para]:
    """Paragraphs (lines) of ``text`` that hold a speech verb or a colon, as :class:`Para` objects (with
    ``gate``, a function of a paragraph's anchors (:func:`_gate`), only those it passes; of those it
    fails, ``(text, attributed)`` is appended to ``skipped``)."""
    hits = speech_hits(text)
    # every ``: `` (found from its colons: a ``memchr`` from colon to colon costs a fraction of a search for
    # the two characters, which reads the whole text)
    find = text.find
    i = find(":")
    while i >= 0:
        if text[i + 1 : i + 2] == " ":
            hits.append((i, i, ":"))
        i = find(":", i + 1)
    if not hits:
        return []
    hits.sort()
    nanch = len(hits)
    out = []
    n = len(text)
    k = 0
    while k < nanch:
        h = hits[k][0]
        ls = text.rfind("\n", 0, h) + 1
        le = text.find("\n", h)
        if le < 0:
            le = n
        line = text[ls:le]
        para = line.strip()
        # (the leading white space ends at the paragraph's first character)
        lead = line.find(para[0]) if para and para is not line else 0
        if not para or lead + len(para) > MAX_PARA_CHARS:
            while k < nanch and hits[k][0] < le:
                k += 1
            continue
        base = ls + lead
        mine = []  # the paragraph's speech verbs, in its offsets
        while k < nanch:
            a, b, v = hits[k]
            if a >= le:
                break
            if v != ":":
                mine.append((a - base, b - base, v))
            k += 1
        p = Para(para, base, mine, nanch, gate)
        if p.cands:
            out.append(p)
        elif skipped is not None and p.gated is not None:
            skipped.append(p.gated)
    return out


#: The paragraph gate of :func:`scored_doc` (``(close, open)`` partial-score thresholds, see :func:`_gate`).
GATE = (-1.0, -1.0)
_GATES: dict = {}


def _gate(w: dict, gate: tuple[float, float] = GATE):
    """A cheap first stage: ``f(opens, closes)`` of a paragraph's anchors, true when a span of the paragraph
    can matter. A paragraph passes when one of its attributions scores at least ``gate[0]`` under the
    closing-side templates that read the anchor alone (its form, verb, subject and what follows the verb:
    the first five of :data:`_C_BUILD`), or one of its openings after a speech verb or a colon scores at
    least ``gate[1]`` under ``o=<kind>`` and ``o=<kind>:<detail>``. A paragraph that fails is not scored at
    all (no sentences, candidates, word statistics, span or context features): as if it had no anchor.
    Measured on 600 dev documents of the benchmark (ungated: 4,154 paragraphs with 12,628 candidate spans,
    807 of them with a span the decoder emits): (-1.5, -1.0) drops 980 paragraphs (21% of the spans) and no
    emitting one; (-1.0, -1.0) drops 1,182 (25%) and 9 emitting ones; (-0.5, -1.0) 1,401 (30%) and 44. On the
    held-apart part (``train_quotes --eval 2000 --pipeline``) the mark recall is 0.1585 ungated, 0.1586 at
    (-1.5, -1.0), 0.1584 at (-1.0, -1.0) and 0.1575 at (-1.0, 0.0), precision 0.983 in all four."""
    v = _GATES.get((id(w), gate))
    if v is not None and v[0] is w:
        return v[1]
    _GATES.clear()
    tc, to = gate
    cd = _tables(w)[1]  # (cleared in place by :func:`_trim_tables`, never replaced for the same ``w``)
    get = w.get
    cmemo: dict = {}
    omemo: dict = {}

    def ok(opens, closes) -> bool:
        for v in closes.values():
            if v[0] == "ATTR":
                s = cmemo.get(v)
                if s is None:
                    # (the first five templates of :data:`_C_BUILD`, summed in their order)
                    s = cmemo[v] = sum(_close_weights(v, cd))
                if s >= tc:
                    return True
        for v in opens.values():
            if v[0] in _INTRO_KINDS:
                s = omemo.get(v)
                if s is None:
                    s = omemo[v] = get("o=" + v[0], 0.0) + get("o=" + v[0] + ":" + v[1], 0.0)
                if s >= to:
                    return True
        return False

    _GATES[(id(w), gate)] = (w, ok)
    return ok


# --- the model --------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
@paused_gc
def load_model() -> dict:
    """The shipped model: ``{"weights": {feature: weight}, "emit_min": p, ...}`` (:func:`read_model`)."""
    data = resources.files("textfix.fixers").joinpath("data", MODEL_NAME).read_bytes()
    return read_model(data, MODEL_NAME)


def read_model(raw: bytes, name: str) -> dict:
    """A model file's content from its bytes: ``{"version", "weights": {feature: logistic-regression weight},
    "llr": {word: log-odds of quoted speech, read by the last three context features}, "context",
    "context_features"`` (the context model), ``"emit_min"`` (spans with a lower probability are not
    proposed), ``"trained"`` (provenance)``}``.

    File format (``data/quotes-v5.msgpack.gz``, named by ``MODEL_NAME``): gzipped msgpack of that map, but
    with ``weights`` and ``llr`` as columns, ``{"features": "f1\\nf2...", "values": [w1, w2, ...]}`` and
    ``{"words": ..., "values": ...}`` in the model's order (the features sorted), which decode in 18 ms
    where v4's gzipped JSON of the same map took 45 (:func:`model_bytes` writes it). A name ending in
    ``.json.gz`` reads v4's JSON."""
    blob = gzip.decompress(raw)
    if name.endswith(".json.gz"):
        return json.loads(blob.decode("utf-8"))
    import msgpack

    m = msgpack.unpackb(blob, raw=False)
    for part, key in (("weights", "features"), ("llr", "words")):
        col = m[part]
        m[part] = dict(zip(col[key].split("\n") if col[key] else [], col["values"]))
    return m


def model_bytes(model: dict) -> bytes:
    """The v5 file of ``model`` (:func:`read_model`), byte for byte reproducible."""
    import msgpack

    m = dict(model, version=5)
    for part, key in (("weights", "features"), ("llr", "words")):
        if any("\n" in k for k in model[part]):
            raise ValueError(f"a key of {part} holds a line break")
        m[part] = {key: "\n".join(model[part]), "values": list(model[part].values())}
    return gzip.compress(msgpack.packb(m, use_bin_type=True), compresslevel=9, mtime=0)


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


#: The inputs of the context model (a logistic regression over the span model's logit and its rivals, and
#: over the document: how much it speaks in the first or second person, whether the paragraph before ends
#: with an attributed quotation, whether the paragraph after opens with a likely quotation: a quotation that
#: runs on into it leaves this paragraph unclosed). The first 13 are those of quotes-v2.
CONTEXT_FEATURES = ("bias", "z", "z-rival-same-close", "z-rival-same-open", "z-rival-overlap", "doc-top3",
                    "doc-confident", "after-attribution-p", "attribution", "introduced", "continued",
                    "several-sentences", "z*continued",
                    "doc-p12", "span-p12*doc-p12-low", "span-con*doc-p12-low", "prev-para-attr*at-start",
                    "prev-para-attr", "doc-paragraphs", "doc-contractions", "z*doc-p12", "span-p12*doc-p12-high",
                    "span-con*doc-con-low", "doc-attributed-paragraphs", "attribution*after-p",
                    "at-paragraph-end*next-paragraph-start-p", "attribution*next-paragraph-start-p",
                    "after-attribution-p*continued",
                    "span-llr", "rest-llr", "span-llr*words")
_N_BASE_CONTEXT = 13
#: the context features up to quotes-v3 (the last three, from quotes-v4, read the model's ``llr`` table)
_N_EXT_CONTEXT = 28


def _llr_prefix(p: "Para", llr: dict) -> list[tuple[float, int]]:
    """Prefix sums over ``p``'s segments of ``(summed log-odds, number of words in the table)`` of its
    words (lower-cased) under ``llr``, the model's table of how much likelier each word is inside a
    quotation than outside it (:func:`textfix.fixers.train_quotes.build_llr`)."""
    get = _llr_lookup(llr)
    acc = 0.0
    n = 0
    out = [(0.0, 0)]
    app = out.append
    for ws in p.words:
        if ws:  # (an empty segment, e.g. between a sentence end and the next opening, adds nothing)
            # One lookup per word: a word not in the table is None and is left out, so ``vals`` holds the
            # log-odds of the words in the table (a word whose log-odds are 0.0 as :data:`_ZERO`, which is
            # true: kept and counted). Leaving out the unknown words leaves the sum as it is (adding 0.0
            # changes no float, and a ``sum()`` is never -0.0), so the sums are those of one 0.0 per
            # unknown word, bit for bit. (``list.count(None)`` over the looked-up values compared every
            # float with None: about 5 M instructions of the ascii-ignore benchmark.)
            vals = list(filter(None, map(get, ws)))
            if vals:
                acc += sum(vals)
                n += len(vals)
        app((acc, n))
    return out


class _WordMemo(dict):
    """``{word as written: f(word lower-cased)}``, filled on first sight (one lookup per word after that
    instead of ``str.lower`` and a lookup), starting from ``base``: entries known to hold that value (a
    miss is a Python call, many times the cost of a hit)."""

    __slots__ = ("f", "base")

    def __init__(self, f, base: dict | None = None):
        super().__init__(base or ())
        self.f = f
        self.base = base or {}

    def __missing__(self, w):
        if len(self) > 200_000:
            self.clear()
            self.update(self.base)
        v = self[w] = self.f(w.lower())
        return v


def _case_forms(table: dict) -> dict:
    """``{form: table[form.lower()]}`` for the lower-case, capitalised and upper-case forms of the keys of
    ``table`` (a form is kept only when lower-casing it gives its key back): the entries a
    :class:`_WordMemo` of ``table.get`` would make for those words. About half of its misses on news were
    such forms of words in the table (a table word first seen capitalised, or first seen at all)."""
    words = "\n".join(table)
    if words.isascii() and words.islower() and "\n\n" not in "\n" + words + "\n":
        # (the shipped table's words are lower-case ASCII letters: each form lower-cases to its key, and
        # the three forms of all of them are made at C speed, where a loop over the 9,800 words took 7 ms)
        keys, values = list(table), list(table.values())
        out = dict(zip(map(str.upper, keys), values))
        out.update(zip(map(str.capitalize, keys), values))
        out.update(zip(keys, values))
        return out
    return _case_forms_by_word(table)


def _case_forms_by_word(table: dict) -> dict:
    """:func:`_case_forms` for any table, a word at a time."""
    out = {}
    for k, v in table.items():
        for form in (k, k[:1].upper() + k[1:], k.upper()):
            if form.lower() == k:
                out[form] = v
    return out


_LLR_LOOKUPS: dict = {}


class _Zero(float):
    """A 0.0 that is true (:data:`_ZERO`): ``filter(None, ...)`` keeps it with the other log-odds of the
    words in the table. Added to a float, it gives the same float as 0.0 does."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return True


_ZERO = _Zero(0.0)


def _nonzero(x):
    """``x``, with a log-odds of 0.0 made :data:`_ZERO`."""
    return _ZERO if x == 0.0 else x  # (None == 0.0 is false: an unknown word stays None)


def _llr_lookup(llr: dict):
    """The getter of the table ``llr`` by word as written: the log-odds of the lower-cased word, None
    when it is not in the table (a log-odds of 0.0 as :data:`_ZERO`, equal to it and true)."""
    v = _LLR_LOOKUPS.get(id(llr))
    if v is None or v[0] is not llr:
        _LLR_LOOKUPS.clear()
        forms = _case_forms(llr)
        for k, x in forms.items():
            if x == 0.0:
                forms[k] = _ZERO
        get = llr.get
        v = _LLR_LOOKUPS[id(llr)] = (llr, _WordMemo(lambda w: _nonzero(get(w)), forms).__getitem__)
    return v[1]


def _clip(z: float) -> float:
    return -8.0 if z < -8.0 else 8.0 if z > 8.0 else z


def _doc_vector(text: str | None, paras, skipped=()) -> tuple:
    """The document-level values the extended context features read: the rates (per 100 words) of
    first/second-person words and of contractions, the number of paragraphs and the share with an
    attribution, all over the paragraphs with an anchor (their words are counted anyway; counting over the
    whole document with ``str.count`` was slightly better, 0.140 against 0.134 recall at 0.98 precision in
    2-fold cross-validation on the calib part, but cost 15% of the stage)."""
    tw = 0
    dp12 = dcon = 0.0
    if skipped:
        # the paragraphs the gate of :func:`scored_doc` skipped, counted at once: no word crosses the line
        # break that joins them, and the counts are integers, exact in a float whatever their order
        ws = _words("\n".join([t for t, _ in skipped]))
        ks = list(filter(None, map(_CLS1.get, ws)))
        dp12 += ks.count(1)
        dcon += ks.count(6)
        tw += len(ws)
    for p in paras:
        t = p.pre[-1]
        tw += t[-1]
        dp12 += t[0]
        dcon += t[5]
    tw = tw or 1
    dp12 = dp12 / tw * 100
    dcon = dcon / tw * 100
    npar = len(paras) + len(skipped)
    attr_frac = (sum(1 for p in paras if p.attr_pos) + sum(1 for x in skipped if x[1])) / npar if npar else 0.0
    return dp12, dcon, (npar / 20.0 if npar < 20 else 1.0), attr_frac


#: ``(min_p, zfloor)``: a span whose span-model logit is below ``zfloor`` never reaches a context probability
#: of ``min_p`` (on 1,500 calibration documents, none of the 59% of spans below -3 went above 0.24, none of the
#: 76% below -1 above 0.70), so when only probabilities >= ``min_p`` are wanted its context vector is not
#: computed (``None``; it still counts as a rival of the others).
ZFLOORS = ((0.9, -1.0), (0.5, -3.0))


def context_vectors(paras, zs, text: str | None = None, extended: bool = True, zfloor: float | None = None,
                    llr: dict | None = None, skipped=()):
    """Per paragraph, the context features (:data:`CONTEXT_FEATURES`) of each scored span ``(z, o, c)``.

    A span's probability depends on its rivals: another opening for the same attribution, another close for
    the same opening, an overlapping span, and how confidently the document quotes at all. With
    ``extended`` (and the document ``text`` whose paragraphs ``paras`` are), also on the document's habits
    and on the paragraphs before and after (:data:`CONTEXT_FEATURES` after the first 13); with the table
    ``llr`` too (and ``extended``), on how much the span's words and the rest of its paragraph sound like
    quoted speech (the last three). Spans whose logit is below ``zfloor`` get ``None``.
    """
    allz = sorted([z for lst in zs for z, _, _ in lst], reverse=True)
    if zfloor is not None and (not allz or allz[0] < zfloor):
        # every span below the floor: every paragraph gets its Nones below, and nothing else is returned
        return [[None] * len(lst) for lst in zs]
    # the probability of every span under the span model alone
    # (:func:`_sigmoid` inlined)
    # (one comprehension over the document, cut into paragraphs: a comprehension per paragraph costs more)
    flat = [0.0 if z < -30 else 1.0 if z > 30 else 1.0 / (1.0 + _exp(-z)) for lst in zs for z, _, _ in lst]
    sigs = []
    j = 0
    for lst in zs:
        i = j
        j += len(lst)
        sigs.append(flat[i:j])
    top = allz[:3]
    doc_top = _clip(sum(top) / len(top)) / 4.0 if top else -2.0
    # (the logits above 2.2 lead the descending ``allz``: their number is where ``-z`` reaches -2.2)
    conf = min(_bisect(allz, -2.2, key=_neg), 8) / 4.0
    if extended:
        dp12, dcon, npar, attr_frac = _doc_vector(text, paras, skipped)
        low = dp12 < 0.5
        dp12f = (dp12 if dp12 < 4.0 else 4.0) / 4.0
        dconf = (dcon if dcon < 2.0 else 2.0) / 2.0
        con_low = dcon < 0.3
    out = []
    for pi, (p, lst, sall) in enumerate(zip(paras, zs, sigs)):
        if zfloor is not None and (not lst or max(lst)[0] < zfloor):  # (max: the greatest logit first)
            out.append([None] * len(lst))  # every span below the floor: nothing of this paragraph is computed
            continue
        vecs = []
        opens, closes, se = p.opens, p.closes, p.sent_ends
        if extended:
            adj = nxt = 0.0
            if text is not None:
                # (the text between two anchored paragraphs can be long: it is searched for a character
                # that is not white space, found at once where it is not blank, and only a blank one is
                # counted for line breaks; ``\S`` is what ``str.strip`` keeps)
                if pi:
                    q = paras[pi - 1]
                    a = q.start + len(q.text)
                    if _NONBLANK.search(text, a, p.start) is None and text.count("\n", a, p.start) <= 2:
                        # the best attributed span of the paragraph right before (computed only when adjacent)
                        adj = max([sz for sz, (_, _, c) in zip(sigs[pi - 1], zs[pi - 1]) if q.closes[c][0] == "ATTR"] or [0.0])
                if pi + 1 < len(paras):
                    q = paras[pi + 1]
                    a = p.start + len(p.text)
                    if _NONBLANK.search(text, a, q.start) is None and text.count("\n", a, q.start) <= 2:
                        # the best span at the start of the paragraph right after
                        nxt = max([sz for sz, (_, o, _) in zip(sigs[pi + 1], zs[pi + 1]) if o == 0] or [0.0])
            plen = len(p.text)
            pre, bi = p.pre, p.bidx
            if llr is not None:
                lp = _llr_prefix(p, llr)
                ls_tot, ln_tot = lp[-1]
        # the probability of each span that ends at an attribution (None: another kind of close)
        sig = [s2 if closes[c2][0] == "ATTR" else None for s2, (_, _, c2) in zip(sall, lst)]
        for z, o, c in lst:
            if zfloor is not None and z < zfloor:
                vecs.append(None)
                continue
            rc = ro = rx = -8.0
            prev = after = 0.0
            for (z2, o2, c2), s2, sa in zip(lst, sig, sall):
                if o2 > c:
                    if sa > after:
                        after = sa
                    continue
                if c2 == c:
                    if o2 != o and z2 > rc:
                        rc = z2
                elif o2 == o:
                    if z2 > ro:
                        ro = z2
                elif o2 < c and o < c2:
                    if z2 > rx:
                        rx = z2
                elif c2 <= o and s2 is not None and s2 > prev:
                    prev = s2
            okind = opens[o][0]
            kind_attr = closes[c][0] == "ATTR"
            kind_intro = not kind_attr and okind in ("SV,", "SV:", "COLON")
            kind_cont = not kind_attr and not kind_intro
            # (:func:`_clip` inlined; the rivals' logits start at -8.0 and only grow, so only their upper clip can act)
            zc = -8.0 if z < -8.0 else 8.0 if z > 8.0 else z
            i = _bisect_right(se, o)
            multi = i < len(se) and se[i] < c
            v = (1.0, zc / 4.0, (zc - (8.0 if rc > 8.0 else rc)) / 4.0, (zc - (8.0 if ro > 8.0 else ro)) / 4.0,
                 (zc - (8.0 if rx > 8.0 else rx)) / 4.0,
                 doc_top, conf, prev, 1.0 if kind_attr else 0.0, 1.0 if kind_intro else 0.0, 1.0 if kind_cont else 0.0,
                 1.0 if multi else 0.0,
                 zc / 4.0 * kind_cont)
            if extended:
                a, b = pre[bi[o]], pre[bi[c]]  # o < c: the span's word-class counts
                has12 = 1.0 if b[0] > a[0] else 0.0
                con = 1.0 if b[5] > a[5] else 0.0
                v += (dp12f, has12 * low, con * low, adj * (o == 0), adj, npar, dconf, zc / 4.0 * dp12f,
                      has12 * (not low), con * con_low, attr_frac, after * kind_attr, nxt * (c >= plen),
                      nxt * kind_attr, prev * kind_cont)
                if llr is not None:
                    # the mean log-odds of the span's words and of the rest of the paragraph, clipped to [-2, 2]
                    (s0, n0), (s1, n1) = lp[bi[o]], lp[bi[c]]
                    ls, ln = s1 - s0, n1 - n0
                    lo, no = ls_tot - ls, ln_tot - ln
                    mi = ls / ln if ln else 0.0
                    mo = lo / no if no else 0.0
                    mi = (-2.0 if mi < -2.0 else 2.0 if mi > 2.0 else mi) / 2
                    v += (mi, (-2.0 if mo < -2.0 else 2.0 if mo > 2.0 else mo) / 2, mi * (ln / 10 if ln < 10 else 1.0))
            vecs.append(v)
        out.append(vecs)
    return out


def scored_doc(text: str, model: dict, min_p: float = 0.0, gate: bool = True):
    """``(paragraphs, [[(probability, o, c), ...] per paragraph])`` of every candidate span of ``text``;
    with ``min_p >= 0.5``, spans below the :data:`ZFLOORS` floor get probability 0 without being computed."""
    w = model["weights"]
    _trim_tables()
    skipped: list = []
    paras = paragraphs(text, _gate(w, GATE) if gate and GATE is not None else None, skipped)
    zs = [p.scored(w) for p in paras]
    theta = model.get("context")
    if theta is None:
        return paras, [[(_sigmoid(z), o, c) for z, o, c in lst] for lst in zs]
    out = []
    zfloor = next((zf for mp, zf in ZFLOORS if min_p >= mp), None)
    llr = model.get("llr") if len(theta) > _N_EXT_CONTEXT else None
    for lst, vecs in zip(zs, context_vectors(paras, zs, text, len(theta) > _N_BASE_CONTEXT, zfloor, llr, skipped)):
        ps = []
        app = ps.append
        for (z, o, c), x in zip(lst, vecs):
            # (:func:`_sigmoid` inlined)
            app(((0.0 if (t := sum(map(_mul, theta, x))) < -30 else 1.0 if t > 30 else 1.0 / (1.0 + _exp(-t)))
                 if x is not None else 0.0, o, c))
        out.append(ps)
    return paras, out


def analyse(text: str, model: dict | None = None, min_p: float | None = None, gate: bool = True,
            paired: bool = True):
    """Chosen spans of ``text``: a list of ``(start, end, probability, reason)`` in ``text`` offsets,
    greedy by probability, non-overlapping, each with probability >= ``min_p`` (default ``emit_min``);
    ``gate=False`` scores every paragraph (:func:`_gate`). With ``paired`` and ``min_p`` above
    :data:`PAIR_MIN`, the span closed by the attribution of a chosen continuation also from :data:`PAIR_MIN`
    on (:func:`_paired`)."""
    model = model or load_model()
    if min_p is None:
        min_p = model.get("emit_min", 0.5)
    out = []
    paras, scored = scored_doc(text, model, min_p, gate)
    for p, lst in zip(paras, scored):
        if max(lst)[0] < min_p:  # (every paragraph has a candidate; most have none this likely)
            continue
        cands = [x for x in lst if x[0] >= min_p]
        cands.sort(reverse=True)
        taken: list[tuple[int, int]] = []
        for pr, o, c in cands:
            if any(o <= tc and to <= c for to, tc in taken):  # overlap or touch
                continue
            taken.append((o, c))
            out.append((p.start + o, p.start + c, pr, _reason(p, o, c)))
        if paired and min_p > PAIR_MIN:
            out.extend(_paired(p, lst, taken))
    out.sort()
    return out


#: A quotation continued after its attribution's sentence (``“Q1,” said X. “Q2.”``) shows that the attribution
#: closed one: the likeliest span that ends at that attribution is taken from this probability on, below
#: ``emit_min`` (the seed's ``There’s what Russia says. … of its forces,” said Blinken in an interview on
#: MSNBC. “We continue …”``: 0.89). Chosen on the calibration part of the quote model's dev documents
#: (:func:`textfix.fixers.train_quotes.part`, all 2,750 documents): such spans from 0.88 on add 306 right
#: marks and 8 wrong to the 8,822 right and 162 wrong of the emitted spans (98.20% -> 98.17%; from 0.85 on 430
#: and 14, from 0.9 on 208 and 6); on the held-apart part (892 documents) 76 right and 0 wrong to 2,905 and 51.
PAIR_MIN = 0.88


def _paired(p: "Para", lst: list, taken: list) -> list:
    """The spans that :data:`PAIR_MIN` adds to paragraph ``p`` (candidates ``lst`` of
    :func:`scored_doc`, spans ``taken`` so far, extended in place), as :func:`analyse` lists them."""
    out = []
    attrs = None
    for o, c in list(taken):
        if p.opens[o][0] != "SENT" or _reason(p, o, c) != "quote:continued:after-attribution":
            continue
        if attrs is None:
            attrs = sorted(k for k, v in p.closes.items() if v[0] == "ATTR")
        i = _bisect_right(attrs, o - 1) - 1
        if i < 0:
            continue
        a = attrs[i]
        best = max((x for x in lst if x[2] == a), default=None)
        if best is None or best[0] < PAIR_MIN:
            continue
        pr, o2, c2 = best
        if any(o2 <= tc and to <= c2 for to, tc in taken):
            continue
        taken.append((o2, c2))
        out.append((p.start + o2, p.start + c2, pr, _reason(p, o2, c2)))
    return out


def _reason(p: Para, o: int, c: int) -> str:
    okind, odet = p.opens[o]
    ckind, cdet, verb, _, _ = p.closes[c]
    if ckind == "ATTR":
        return "quote:attribution:" + (verb or "said").replace(" ", "-")
    if okind.startswith("SV"):
        return "quote:introduced:" + odet.split(":")[0]
    if okind == "COLON":
        return "quote:introduced:colon"
    return "quote:continued:after-attribution"


def propose(text: str, ctx) -> Iterator[Change]:
    """Opening and closing marks for the quotations ``text`` lost (see the module docstring)."""
    if not ctx.damaged("deletion") or ctx.quotes_intact:
        return
    if ctx.foreign_language:
        return  # (a document in another language: the model read English attributions)
    if _has_quote(ctx.text) or _has_quote(text):
        return
    for o, c, pr, reason in analyse(text):
        conf = round(pr, 4)
        yield make(o, o, "", OPEN, "restore_quotes", reason, conf)
        yield make(c, c, "", CLOSE, "restore_quotes", reason, conf)


#: A placeholder marks a position where a non-ASCII character stood, so a span through it needs less
#: evidence than one inferred from nothing: the most likely analysis (probability >= 0.5) decides.
PLACEHOLDER_MIN = 0.5


def classify_placeholder_quote(text: str, pos: int) -> str | None:
    """Whether the placeholder at ``text[pos]`` (``?`` or U+FFFD) was an opening or closing double quote.

    Decided by the same model on the paragraph with every placeholder removed: ``"open"`` or ``"close"``
    when a confident quotation span starts or ends exactly there, else ``None`` (a real ``?``, an
    apostrophe, a dash, or no confident decision).
    """
    if not 0 <= pos < len(text) or text[pos] not in "?\ufffd":
        return None
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    keep = []
    rel = None
    for i, ch in enumerate(line):
        if ch in "?\ufffd" and _QUOTE_SLOT.match(line, i):
            if i == pos - ls:
                rel = len(keep)
            continue
        keep.append(ch)
    if rel is None:
        return None
    cleaned = "".join(keep)
    for o, c, pr, _ in analyse(cleaned, min_p=PLACEHOLDER_MIN):
        if o == rel:
            return "open"
        if c == rel:
            return "close"
    return None
