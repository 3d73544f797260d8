"""HTML character references that an extraction left in a page's text (``decode_entities``, off by
default: the diagnosis names them either way)."""

import pytest

import textfix
from textfix import diagnose
from textfix.fixers.mojibake import decoded_entity


@pytest.mark.parametrize("text, fixed", [
    # BBC News 2004-05 (bbc-2005-ascii) holds these in 21 of its 2,095 articles
    ("Anyone acquainted with the city of S&#227;o Paulo will relish it. Pel&#233; scored reams.",
     "Anyone acquainted with the city of S\u00e3o Paulo will relish it. Pel\u00e9 scored reams."),
    ("He had been out to see his fianc&#233;e Annabella Holmes.", "He had been out to see his fianc\u00e9e Annabella Holmes."),
    # ¿ between letters stood for an apostrophe
    ("Mr Blair&#191;s government is all talk.", "Mr Blair's government is all talk."),
    ("America&#xBF;s National Football League", "America's National Football League"),
    # hex and named references, and ASCII characters escaped
    ("Kyiv&rsquo;s leaders &mdash; again, said &#x201C;no&#x201D;.", "Kyiv\u2019s leaders \u2014 again, said \u201cno\u201d."),
    # ``&amp;``, ``&lt;`` and ``&gt;`` stay: they may be meant (markup written as text)
    ("We don&#39;t know, said &quot;Smith&quot; of AT&amp;T: &lt;b&gt;.", 'We don\'t know, said "Smith" of AT&amp;T: &lt;b&gt;.'),
    ("a 400&percnt; increase", "a 400% increase"),
    # a reference escaped more than once is decoded to its character
    ("on his page. &amp;amp;amp;nbsp; The", "on his page. \u00a0 The"),
])
def test_references_are_decoded_and_explained(text, fixed):
    # by default they are only named by the diagnosis
    plain = textfix.fix_and_explain(text)
    assert plain.text == text and "html_entities" in plain.diagnosis
    ex = textfix.fix_and_explain(text, decode_entities=True)
    assert ex.text == fixed
    assert "html_entities" in ex.diagnosis
    assert ex.changes and all(c.fixer == "decode_entities" and c.reason.startswith("entity:&") for c in ex.changes)
    # the changes replay on the input
    assert textfix.replay(text, ex.changes) == fixed


def test_decoded_text_is_then_read_for_the_damage_it_shows():
    # once its references are decoded, the page's deleted apostrophes are restored as in any damaged text
    text = "Kyivs leaders say theres hope &#8212; Putins army lost. The caf&#233; is open."
    out = textfix.fix(text, decode_entities=True)
    assert out == "Kyiv's leaders say there's hope \u2014 Putin's army lost. The caf\u00e9 is open."


@pytest.mark.parametrize("text", [
    "AT&T rocks & rolls; so do R&D and Q&A.",  # no reference at all
    "AT&amp;T and &lt;b&gt; and &#60;i&#62;",  # only references that may be meant
    "An unknown name: &foo; and &zzzz; stay.",  # no character of that name
    "A null &#0; and a surrogate &#55296; are no characters.",
    'HTML source: <p class="x">caf&#233; &amp; bar</p>',  # a text with markup means its references
    "Write <b>&eacute;</b> for an accented e.",
])
def test_what_is_no_damage_is_left(text):
    assert textfix.fix(text, decode_entities=True) == text


def test_the_fixer_is_switched_on_by_option_and_is_listed():
    text = "The caf&#233; is open."
    assert textfix.fix(text) == text and textfix.fix(text, decode_entities=True) == "The caf\u00e9 is open."
    assert "decode_entities" in textfix.FIXERS
    d = diagnose(text).get("html_entities")
    assert d.detected and d.evidence == {"entities": 1, "markup_tags": 0}
    tagged = diagnose("<i>caf&#233;</i>").get("html_entities")
    assert not tagged.detected and tagged.evidence["markup_tags"] == 2


def test_decoded_entity_names_only_characters():
    assert decoded_entity("&#233;") == "\u00e9"
    assert decoded_entity("&eacute;") == "\u00e9"
    assert decoded_entity("&amp;amp;eacute;") == "\u00e9"
    assert decoded_entity("&#x2014;") == "\u2014"
    for ref in ("&foo;", "&#0;", "&#1;", "&#55296;", "&#65535;", "&#xFFFE;", "&amp;", "&lt;", "&#62;", "&amp;amp;"):
        assert decoded_entity(ref) is None, ref


def test_typographic_style_writes_the_apostrophe_read_for_an_inverted_question_mark():
    assert textfix.fix("Mr Blair&#191;s government", style="typographic", decode_entities=True) == "Mr Blair\u2019s government"
    # a Spanish question keeps its ¿
    assert textfix.fix("He asked: &#191;Qu&#233; pasa?", decode_entities=True) == "He asked: \u00bfQu\u00e9 pasa?"

