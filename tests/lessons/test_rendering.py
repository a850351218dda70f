"""lessons/rendering.py: plain text in, safe HTML out, with our links and marks only."""

from __future__ import annotations

from lessons.rendering import AnchoredNote, TermLink, render_paragraphs, snippet, term_pattern

NKVD = TermLink("NKVD", "/glossary/#nkvd")
PURGE = TermLink("Purge", "/glossary/#purge")
GREAT_PURGE = TermLink("Great Purge", "/glossary/#great-purge")


def html_of(paragraphs, **kwargs) -> list[str]:
    return [str(paragraph.html) for paragraph in render_paragraphs(paragraphs, **kwargs)]


# Paragraphs


def test_paragraphs_are_numbered_from_one_for_their_anchors():
    rendered = render_paragraphs(["First.", "Second."])

    assert [paragraph.number for paragraph in rendered] == [1, 2]


def test_text_is_escaped():
    assert html_of(['Stalin\'s <b>bold</b> & "quoted" words']) == [
        "Stalin&#x27;s &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; words"
    ]


# Glossary links


def test_the_first_use_of_a_term_links_to_its_glossary_entry():
    assert html_of(["The NKVD came at night."], terms=[NKVD]) == [
        'The <a class="term" href="/glossary/#nkvd">NKVD</a> came at night.'
    ]


def test_only_the_first_use_of_a_term_in_a_section_is_linked():
    rendered = html_of(["The NKVD and the NKVD.", "Again the NKVD."], terms=[NKVD])

    assert "".join(rendered).count('href="/glossary/#nkvd"') == 1
    assert rendered[1] == "Again the NKVD."


def test_a_term_matches_whatever_its_case_and_keeps_the_texts_case():
    assert html_of(["Stalin's great purge began."], terms=[GREAT_PURGE]) == [
        'Stalin&#x27;s <a class="term" href="/glossary/#great-purge">great purge</a> began.'
    ]


def test_a_term_matches_its_plural():
    assert html_of(["Trotskyists were shot."], terms=[TermLink("Trotskyist", "/g/")]) == [
        '<a class="term" href="/g/">Trotskyists</a> were shot.'
    ]


def test_a_term_does_not_match_inside_a_longer_word():
    assert html_of(["Exiled, not in exile."], terms=[TermLink("Exile", "/g/")]) == [
        'Exiled, not in <a class="term" href="/g/">exile</a>.'
    ]


def test_a_term_spread_over_a_line_break_still_matches():
    assert term_pattern("Socialism in One Country").search("socialism in\none   country")


def test_the_longer_term_wins_where_two_terms_overlap():
    rendered = html_of(["The Great Purge, then another purge."], terms=[PURGE, GREAT_PURGE])

    assert rendered == [
        'The <a class="term" href="/glossary/#great-purge">Great Purge</a>, then another '
        '<a class="term" href="/glossary/#purge">purge</a>.'
    ]


def test_a_term_name_with_markup_is_matched_as_text_and_escaped():
    name = "<i>NKVD</i>"
    rendered = html_of([f"The {name} came."], terms=[TermLink(name, "/g/")])

    assert rendered == ['The <a class="term" href="/g/">&lt;i&gt;NKVD&lt;/i&gt;</a> came.']


# Editor's notes


def test_a_notes_passage_is_marked_and_links_to_the_note():
    note = AnchoredNote("ice pick", "note-7", note="the note")

    rendered = render_paragraphs(["Wounded with an ice pick."], notes=[note])

    assert str(rendered[0].html) == (
        'Wounded with an <mark class="note-ref"><a href="#note-7" id="note-7-ref">ice pick</a></mark>.'
    )


def test_a_note_is_attached_to_the_paragraph_that_holds_its_passage():
    note = AnchoredNote("ice pick", "note-7", note="the note")

    rendered = render_paragraphs(["In Mexico City.", "With an ice pick."], notes=[note])

    assert [paragraph.notes for paragraph in rendered] == [(), ("the note",)]


def test_the_essays_words_are_never_changed_by_a_note():
    note = AnchoredNote("ice pick", "note-7")

    (rendered,) = render_paragraphs(["With an ice pick."], notes=[note])

    assert "ice pick" in str(rendered.html)
    assert "axe" not in str(rendered.html)


def test_a_note_whose_passage_is_not_in_the_text_is_left_out():
    note = AnchoredNote("ice axe", "note-7", note="the note")

    rendered = render_paragraphs(["With an ice pick."], notes=[note])

    assert str(rendered[0].html) == "With an ice pick."
    assert rendered[0].notes == ()


def test_a_term_inside_a_noted_passage_links_its_next_use_instead():
    note = AnchoredNote("the NKVD came", "note-1")

    rendered = html_of(["Then the NKVD came.", "The NKVD left."], terms=[NKVD], notes=[note])

    assert 'class="term"' not in rendered[0]
    assert rendered[1] == 'The <a class="term" href="/glossary/#nkvd">NKVD</a> left.'


def test_a_passage_with_markup_is_escaped_inside_the_mark():
    note = AnchoredNote("<b>words</b>", "note-1")

    (html,) = html_of(["Some <b>words</b> here."], notes=[note])

    assert "<b>" not in html
    assert '<a href="#note-1" id="note-1-ref">&lt;b&gt;words&lt;/b&gt;</a>' in html


# Search snippets


def test_a_snippet_marks_every_searched_word():
    assert str(snippet("Mercader used an ice pick.", ["ice", "pick"])) == (
        "Mercader used an <mark>ice</mark> <mark>pick</mark>."
    )


def test_a_snippet_marks_words_whatever_their_case():
    assert str(snippet("The Great Purge.", ["purge"])) == "The Great <mark>Purge</mark>."


def test_a_snippet_of_a_long_text_is_cut_at_words_around_the_first_hit():
    text = " ".join(f"word{number}" for number in range(100)) + " Mercader " + " ".join(["tail"] * 100)

    excerpt = str(snippet(text, ["Mercader"], width=60))

    assert excerpt.startswith("… word")
    assert excerpt.endswith(" …")
    assert "<mark>Mercader</mark>" in excerpt
    assert len(excerpt) < 120


def test_a_snippet_without_a_hit_starts_at_the_beginning():
    assert str(snippet("Short text.", ["absent"])) == "Short text."


def test_a_snippet_escapes_the_text_around_its_marks():
    assert str(snippet("<script>alert(1)</script>", ["alert"])) == (
        "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"
    )


def test_a_snippet_treats_searched_words_as_text_not_patterns():
    assert str(snippet("100% of a_b.", ["%", "a_b", ".*"])) == "100<mark>%</mark> of <mark>a_b</mark>."
