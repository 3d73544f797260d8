"""Cue phrases: lines whose wording alone says they are not part of the article.

Each rule is ``(slug, pattern)``; the first rule that matches a line gives its reason. The patterns are
anchored on the whole line or its start so that a sentence which merely *mentions* a newsletter or a
photo stays content. They were written from the in-body boilerplate that newspaper3k left in news
bodies (``SEE ALSO:`` headlines, ``REUTERS/Name`` credits, ``Sign up for …`` blurbs) and from the
C4/jusText stop-phrase lists' intent (not their code). A cue verdict is final; the learned model only
judges the lines no cue explains.
"""

from __future__ import annotations

import regex

#: Short lines that are nothing but page furniture.
_FURNITURE = r"""(?:
    advertisement(?:\s+continue\s+reading\s+the\s+main\s+story)?|advertisement:|ad|ads|sponsored(?:\s+content)?|
    story\s+continued\s+below|continue\s+reading(?:\s+below)?|story\s+continues(?:\s+below)?|continued\s+below|
    loading\.*|close|print|email|share|tweet|whatsapp|pocket|pinterest|linkedin|reddit|link\s+copied|
    comments?|\d+\s+comments?|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|menu|search|
    photo|photos|video|videos|audio|image|\[image\]|\[pullquote\]|\[photo\]|\[video\]|
    more|more\s+on\s+this\.*|related|related\s+(?:coverage|content|articles?|stories|story|links|news|topics)|
    read\s+more|read\s+more\s+(?:here|below)|see\s+also|also\s+see|further\s+reading|recommended(?:\s+for\s+you)?|
    most\s+(?:read|popular|viewed|shared|emailed)|top\s+stories|trending(?:\s+now)?|latest(?:\s+news)?|
    next\s+article|previous\s+article|next|previous|prev|home
)"""

_NAME = r"(?:Dr\.\s+)?[A-Z][\w’'-]*\.?(?:\s+[A-Z]\.)?(?:\s+(?:de\s+|van\s+|von\s+)?[A-Z][\w’'-]+){1,2}"

RULES: tuple[tuple[str, str], ...] = (
    # "SEE ALSO: <headline>", "Read more: …", "Related: …", "More: …", "( PHOTOS: … )"
    ("see-also", r"^\(?\s*(?:see\s+also|also\s+see|also\s+read|read\s+more|read\s+also|related(?:\s+(?:coverage|content|articles?|stories|story|links|news|video|reading))?|"
                 r"more|more\s+on\s+this|more\s+from\s+[\w.]+|further\s+reading|recommended|you\s+may\s+also\s+like|you\s+might\s+also\s+like|"
                 r"now\s+watch|watch|watch\s+now|video|photos?|listen|trending|latest|special\s+coverage|full\s+coverage|"
                 r"in\s+case\s+you\s+missed\s+it|don['’]t\s+miss|check\s+out|top\s+stories|editor['’]s\s+picks?)\s*(?::|\.\.\.|…|»|>>)"),
    ("see-also", r"^Related\s+Coverage\s+\S"),
    ("see-also", r"^Read\s+(?:Article|Story|the\s+full\s+(?:story|article))\s*:\s*\S"),
    ("see-also", r"^(?:Recommended|RECOMMENDED|Related|RELATED|Trending|TRENDING)\s+[A-Z0-9‘“'\"]\S*(?:\s+\S+){2,}$"),
    ("see-also", r"^\(\s*[A-Z][A-Z’' ]{2,}:\s.*\)$"),
    ("see-also", r"^(?:Next|Previous)\s+Article\b"),
    ("see-also", r"\S.{10,}\s(?:Read\s+more|Read\s+More)\s*$"),
    # captions and photo credits
    ("caption", r"^(?:FILE\s+PHOTO|FILE|PHOTO|PHOTOS|IMAGE|Photo|Image|Caption|Pictured|Above|Top|Left|Right)\s*(?::|\||–|—|-)\s"),
    ("caption", r"\bREUTERS/[A-Z]"),
    ("caption", r"\((?:AP|Reuters|AFP|Getty|EPA)\s+(?:Photo|Images?)[^)]*\)\s*$"),
    ("caption", r"\b(?:Photographer|Photograph|Photo|Photos|Image|Illustration|Credit|Photo\s+credit)\s*(?:by|:)\s*[^.]{2,80}$"),
    ("caption", r"(?:/|\b)(?:Getty\s+Images|AFP|AP\s+Photo|Shutterstock|iStock)(?:\s+via\s+Getty\s+Images)?\s*\)?$"),
    ("caption", r"^(?:Image\s+copyright|Image\s+caption|Media\s+caption|Media\s+playback)\b"),
    ("caption", r"^(?:Enlarge\s+this\s+image|toggle\s+caption)\b"),
    ("caption", r"^Slideshow\s*\(\d+\s+Images?\)$"),
    ("caption", r"^(?:next|prev)\s+Image\s+\d+\s+of\s+\d+$"),
    ("caption", r"^Facebook\s+Twitter\s+Pinterest\b"),
    ("caption", r"\bSource:\s*[A-Z][\w .&]{1,40}$"),
    # copyright and licence notices
    ("copyright", r"(?:©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|\ball\s+rights\s+reserved\b|"
                  r"\bmay\s+not\s+be\s+(?:published|reproduced|redistributed|rewritten)\b|click\s+here\s+for\s+reprint\s+permission)"),
    ("copyright", r"^Content\s+created\s+by\s+The\s+Daily\s+Caller\s+News\s+Foundation"),
    # newsletters and subscriptions
    ("newsletter", r"^(?:\W{0,3})(?:sign\s+up|subscribe|get\s+(?:our|the)\s+\w+(?:\s+\w+)?\s+newsletter|newsletter\s+sign[\s-]?up|want\s+.{0,60}\s+in\s+your\s+inbox|"
                   r"get\s+.{0,80}\s+delivered\s+.{0,30}\s+(?:inbox|email)|join\s+(?:us|our\s+mailing\s+list)|start\s+the\s+day\s+smarter|"
                   r"let\s+our\s+news\s+meet\s+your\s+inbox|thank\s+you\s+for\s+(?:signing\s+up|subscribing))\b"),
    ("newsletter", r"\b(?:email\s+sign\s+up|sign\s+up\s+here|sign\s+up\s+today|sign\s+up\s+for\s+(?:our|the|daily)\b.*newsletter|"
                   r"by\s+signing\s+up,?\s+you\s+agree|subscribe\s+(?:now|today|here)|delivered\s+(?:straight\s+)?to\s+your\s+inbox|"
                   r"manage\s+newsletters|view\s+all\s+.{0,30}newsletters)"),
    ("newsletter", r"^\S.{0,80}\bnewsletter\b[^.]{0,80}$"),
    # advertisement
    ("advertisement", r"^(?:advertisement|ADVERTISEMENT|Advertisement:?|AD|Ad|Sponsored(?:\s+Content)?|Advertisement\s+Advertisement|"
                      r"Advertisement\s+Continue\s+reading\s+the\s+main\s+story|Continue\s+reading\s+the\s+main\s+story)$"),
    # credits, bylines and contact lines
    ("credit", r"\b(?:contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|contributed\s+reporting|contributed\s+to\s+this\s+article)\.?\s*$|\bcontributed\.\s*$"),
    ("credit", r"^(?:Contributing|Reporting|Additional\s+reporting|Writing|Editing|Edited|Compiled|Reported)(?:\s+by)?\s*:?\s+(?:by\s+)?[A-Z@]"),
    ("credit", r"^(?:—|–|-)?\s*(?:with\s+)?(?:additional\s+)?reporting\s+by\s"),
    ("credit", r"^\(?(?:Reporting|Writing|Editing|Additional\s+reporting)\s+by\s[^)]{2,200}\)?$"),
    ("credit", r"^(?:—|–|-)?\s*With\s+assistance\s+(?:by|from)\s"),
    ("credit", r"^This\s+(?:story|article)\s+was\s+(?:published|produced|originally\s+published)\s+(?:in\s+partnership|by|with|on)\b"),
    ("credit", r"^To\s+contact\s+the\s+(?:reporter|editor|author)s?\b"),
    ("caption", r"\([A-Z][\w.’' -]{1,40}/(?:Reuters|AP|AFP|Getty\s+Images|Bloomberg|EPA|Staff|File)\)\s*$"),
    ("caption", r"/Staff\s*$|\bStaff\s+Photographer\s*$"),
    ("caption", r"^.{2,120}?\s(?:via|/)\s*(?:AP|Reuters|Getty\s+Images|AFP|EPA|Bloomberg|Shutterstock|Twitter|Facebook|Instagram)\s*$"),
    ("credit", r"^With\s+(?:Post\s+wires|wire\s+services?|AP\s+and\s+Reuters)\.?$"),
    ("credit", r"^Write\s+to\s+.{2,80}\s+at\s+\S+@\S+"),
    ("credit", r"^(?:Follow|Like|Find)\s+(?:us|me|him|her|them|@?[\w.’']+(?:\s+[\w.’']+){0,3})\s+on\s+(?:Twitter|Facebook|Instagram|Threads|LinkedIn|YouTube)\b"),
    ("credit", r"^(?:\W\s*)?Follow\s+(?:the\s+\w+\s+on\s+Twitter|@\w+)"),
    ("credit", r"^(?:Join\s+us\s+on|Subscribe\s+to\s+our)\s+(?:Facebook|Twitter|YouTube|podcast)"),
    ("credit", r"^(?:Contact|Email|E-mail|Send\s+(?:tips|letters))\s+(?:us\s+|him\s+|her\s+|the\s+author\s+)?(?:at\s+|to\s+)?:?\s*\S+@\S+\.\w+\.?$"),
    ("credit", r"^Got\s+a\s+(?:tip|question)\b.*\S+@\S+"),
    ("credit", r"^(?:By|BY)\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}(?:\s*(?:,|and|\||—|-)\s*[\w.,’'@() -]{0,60})?(?<![.!?])$"),
    ("credit", r"\bThe\s+Associated\s+Press\s+contributed\b|^The\s+Associated\s+Press\s+contributed"),
    ("credit", r"^(?:•|⦁|—|–)\s*[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3}\s+(?:is|was)\s+(?:a|an|the|editor|senior|chief|executive|president|director|professor|host|author|co-author|founder|columnist|contributor)\b"),
    ("credit", r"^[•⦁]\s*This\s+article\s+is\s+based\b"),
    # "—Lilian Lin, Olivia Geng and Gillian Wong" (reporting credits after the body)
    ("credit", r"^[—–]\s*" + _NAME + r"(?:\s*,\s*" + _NAME + r")*(?:,?\s+and\s+" + _NAME + r")?\.?$"),
    # "Chelsea Janes, Washington Post" (the source line under a quoted excerpt in round-ups)
    ("credit", r"^" + _NAME + r"(?:(?:,|\s+and)\s+" + _NAME + r"){0,3},\s+(?:The\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3}$"),
    # disclaimers and notices about the page itself
    ("notice", r"^The\s+opinions\s+expressed\b|^The\s+views\s+expressed\b|^This\s+is\s+a\s+rush\s+transcript\b|"
               r"^This\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old$|^This\s+story\s+has\s+been\s+updated\.?$|"
               r"^Editor['’]s\s+[Nn]ote:?$|^EDITOR['’]S\s+NOTE:?$|^Corrections\s+&\s+Amplifications$"),
    # navigation and app prompts
    ("navigation", r"^(?:CLICK\s+HERE|Click\s+here|Click\s+for|CLICK\s+TO|Tap\s+here|Download\s+the|Get\s+the\s+\w+(?:\s+\w+)?\s+app)\b"),
    ("navigation", r"^\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\s+ago$"),
    ("navigation", r"^(?:Comments?\s*(?:\||·|•)\s*)?(?:Read|View|Post|Add|Leave)\s+(?:a\s+)?Comments?(?:\s*\(\d+\))?$"),
    ("navigation", r"^(?:Posted|Published|Updated|Last\s+updated)(?:\s+on)?\s*:?\s+(?:\w+\s+)?\d"),
    ("share", r"^(?:Share|SHARE)(?:\s+(?:this(?:\s+(?:article|story|page))?:?|THIS\s+ARTICLE|on\s+[A-Z]\w+|via\s+\w+|All\s+sharing\s+options\b))(?:.{0,160})$"),
    ("share", r"^(?:Share\s+this:?|Tweet|Email|Print|WhatsApp|Pocket|Facebook|Twitter|Pinterest|LinkedIn|Reddit|Flipboard|Messenger|Comment|Comments|SMS)"
              r"(?:\s+(?:Share\s+this:?|Tweet|Email|Print|WhatsApp|Pocket|Facebook|Twitter|Pinterest|LinkedIn|Reddit|Flipboard|Messenger|Comment|Comments|SMS|Post|Copy\s+link))*$"),
    ("separator", r"^[\W_]{1,12}$"),
    ("navigation", rf"^{_FURNITURE}\W*$"),
)

def _compile() -> tuple[tuple[str, "regex.Pattern[str]"], ...]:
    out = []
    for slug, p in RULES:
        # Rules written in lower case are case-insensitive; rules with capitals mean their capitals.
        flags = regex.VERSION1
        if not any(c.isupper() for c in regex.sub(r"\\[A-Za-z]", "", p)):
            flags |= regex.IGNORECASE
        if "\n" in p:
            flags |= regex.VERBOSE
        out.append((slug, regex.compile(p, flags)))
    return tuple(out)


_COMPILED = _compile()
# With a lost leading mark put back (see :func:`cue`): the credit rules that start with a bullet or a
# dash, and a copyright line "© 2020 Tribune Content Agency LLC" ("© 2019, Washington Post Writers Group").
_LOST_COMPILED = tuple((slug, pat) for slug, pat in _COMPILED if slug == "credit" and pat.pattern.startswith(("^(?:•", "^[•", "^[—"))) + (
    ("copyright", regex.compile(r"^© \d{4},?\s+(?:by\s+)?[A-Z][\w.&’' -]{2,60}(?<![.!?])$")),
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MAX_WORDS = 60  # a cue line is short; a long paragraph that mentions "Sign up" is not boilerplate


#: Rules that need a leading mark (©, •, —) which ASCII-ignore damage deletes, leaving only the space
#: after it: " 2020 Tribune Content Agency LLC", " Tammy Bruce is a radio talk show host."
_LOST_MARKS = ("\u2022 ", "\u2014 ", "\u00a9 ")


def cue(line: str, lost_marks: bool = True) -> str | None:
    """The slug of the first cue rule that matches ``line`` (stripped), or ``None``.

    A line that starts with a space followed by a letter or digit may have lost a leading © or bullet
    to the damage (the space after the mark survives); it is also tried with each mark put back, unless
    ``lost_marks`` is false (the caller's document indents its paragraphs anyway)."""
    raw = line.translate(_INVISIBLE)
    s = raw.strip()
    if not s or s.count(" ") > _MAX_WORDS:
        return None
    for slug, pat in _COMPILED:
        if pat.search(s):
            return slug
    if lost_marks and raw[:1] == " " and raw[1:2].isalnum() and s.isascii():
        for mark in _LOST_MARKS:
            for slug, pat in _LOST_COMPILED:
                if pat.search(mark + s):
                    return slug
    return None
