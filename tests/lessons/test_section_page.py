"""The section page: the essay's text with its glossary links, editor's notes and a way on."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from lessons.models import Section
from tests.factories import LessonFactory, NoteFactory, SectionFactory, TermFactory, lesson_with_sections
from tests.html import links, text_content

pytestmark = pytest.mark.django_db


def section_page(client, lesson, number: int):
    return client.get(lesson.sections.get(number=number).get_absolute_url())


def pager_links(response) -> list:
    """The links of the previous/next navigation under the text."""
    html = response.content.decode()
    pager = html[html.index('<nav class="section-pager"') : html.index('<nav class="section-contents"')]
    return links(pager)


# What the page shows


def test_the_section_page_has_a_stable_readable_address(essay_lesson):
    section = essay_lesson.sections.get(number=4)

    assert section.get_absolute_url() == "/lessons/what-did-stalin-do-to-trotsky/the-assassination-of-trotsky/"


def test_the_section_page_shows_the_sections_title(client, essay_lesson):
    response = section_page(client, essay_lesson, 3)

    assert response.status_code == 200
    assertContains(response, '<h1 id="section-title">The Great Purge: Stalin&#x27;s Campaign of Terror</h1>', html=True)


def test_the_section_page_says_which_section_of_how_many_it_is(client, essay_lesson):
    response = section_page(client, essay_lesson, 3)

    assert "Section 3 of 6" in text_content(response)


def test_the_section_page_gives_its_reading_time(client):
    lesson = LessonFactory()
    section = SectionFactory(lesson=lesson, number=1, body="word " * 450)

    response = client.get(section.get_absolute_url())

    assert "3 min read" in text_content(response)


def test_each_paragraph_has_an_anchor_for_links_to_it(client, essay_lesson):
    response = section_page(client, essay_lesson, 6)

    assert len(essay_lesson.sections.get(number=6).paragraphs) == 3
    for number in (1, 2, 3):
        assertContains(response, f'<p id="p{number}" class="prose-paragraph">', count=1)
    assertContains(response, 'id="p4"', count=0)


def test_the_section_page_shows_the_sections_text(client, essay_lesson):
    response = section_page(client, essay_lesson, 2)

    text = text_content(response)
    assert "Trotsky embarked on a series of travels, residing in various countries" in text
    assert "To comprehend Stalin's actions against Trotsky" not in text  # section 1's words


def test_the_breadcrumbs_lead_home_then_to_the_lesson_and_end_at_the_section(client, essay_lesson):
    response = section_page(client, essay_lesson, 2)

    assertContains(
        response, f'<li class="breadcrumb-item"><a href="{reverse("lessons:home")}">Home</a></li>', html=True
    )
    assertContains(
        response,
        f'<li class="breadcrumb-item"><a href="{essay_lesson.get_absolute_url()}">{essay_lesson.title}</a></li>',
        html=True,
    )
    assertContains(
        response,
        '<li class="breadcrumb-item active" aria-current="page">Ideological Differences and Political Exile</li>',
        html=True,
    )


def test_the_lessons_contents_beside_the_text_mark_the_current_section(client, essay_lesson):
    section = essay_lesson.sections.get(number=5)

    response = client.get(section.get_absolute_url())

    assertContains(
        response, f'<a href="{section.get_absolute_url()}" aria-current="page">{section.title}</a>', html=True
    )


# Previous and next


def test_the_first_section_has_no_previous_section(client, essay_lesson):
    response = section_page(client, essay_lesson, 1)

    assert not [link for link in links(response) if link.rel == "prev"]


def test_the_first_section_links_back_to_the_lessons_introduction(client, essay_lesson):
    response = section_page(client, essay_lesson, 1)

    assert pager_links(response)[0].href == essay_lesson.get_absolute_url()
    assert pager_links(response)[0].text == "Back to Introduction and contents"


def test_the_first_section_leads_on_to_the_second(client, essay_lesson):
    response = section_page(client, essay_lesson, 1)

    assert [link.href for link in links(response) if link.rel == "next"] == [
        essay_lesson.sections.get(number=2).get_absolute_url()
    ]


def test_a_middle_section_links_to_the_sections_either_side(client, essay_lesson):
    response = section_page(client, essay_lesson, 3)

    assert [(link.rel, link.text) for link in pager_links(response)] == [
        ("prev", "Previous 2. Ideological Differences and Political Exile"),
        ("next", "Next 4. The Assassination of Trotsky: Stalin's Final Blow"),
    ]


def test_the_last_section_has_no_next_section(client, essay_lesson):
    response = section_page(client, essay_lesson, 6)

    assert not [link for link in links(response) if link.rel == "next"]


def test_the_last_section_leads_on_to_the_timeline(client, essay_lesson):
    response = section_page(client, essay_lesson, 6)

    assert pager_links(response)[-1].href == reverse("lessons:timeline")


def test_the_last_section_links_back_to_the_fifth(client, essay_lesson):
    response = section_page(client, essay_lesson, 6)

    assert [link.href for link in links(response) if link.rel == "prev"] == [
        essay_lesson.sections.get(number=5).get_absolute_url()
    ]


def test_previous_and_next_follow_the_section_numbers_not_the_order_they_were_written(client):
    lesson = LessonFactory()
    third = SectionFactory(lesson=lesson, number=3)
    first = SectionFactory(lesson=lesson, number=1)
    second = SectionFactory(lesson=lesson, number=2)

    response = client.get(second.get_absolute_url())

    assert [link.href for link in pager_links(response)] == [first.get_absolute_url(), third.get_absolute_url()]
    assert "Section 2 of 3" in text_content(response)


def test_a_lesson_with_one_section_has_neither_previous_nor_next(client):
    _, (only,) = lesson_with_sections(1)

    response = client.get(only.get_absolute_url())

    assert not [link for link in links(response) if link.rel in ("prev", "next")]
    assert "Section 1 of 1" in text_content(response)


# Glossary links


def test_the_first_use_of_a_term_links_to_the_glossary(client, essay_lesson):
    response = section_page(client, essay_lesson, 3)

    assert [link.text for link in links(response) if link.href == reverse("lessons:glossary") + "#nkvd"] == ["NKVD"]


def test_only_the_first_use_of_a_term_in_a_section_links_to_the_glossary(client, essay_lesson):
    section = essay_lesson.sections.get(number=3)
    assert section.body.count("Trotskyists") == 2

    response = client.get(section.get_absolute_url())

    glossary_links = [link for link in links(response) if link.href == reverse("lessons:glossary") + "#trotskyist"]
    assert [link.text for link in glossary_links] == ["Trotskyists"]


def test_each_section_links_its_own_first_use_of_a_term(client, essay_lesson):
    exile = reverse("lessons:glossary") + "#exile"

    for number in (2, 4, 6):
        response = section_page(client, essay_lesson, number)
        assert len([link for link in links(response) if link.href == exile]) == 1, f"section {number}"


def test_a_term_the_section_does_not_use_is_not_linked(client, essay_lesson):
    response = section_page(client, essay_lesson, 1)

    assert not [link for link in links(response) if link.href == reverse("lessons:glossary") + "#nkvd"]


def test_a_term_added_by_a_teacher_is_linked_at_once(client):
    _, (section,) = lesson_with_sections(1)
    term = TermFactory(name="Paragraph")

    response = client.get(section.get_absolute_url())

    assert [link.text for link in links(response) if link.href == term.get_absolute_url()] == ["paragraph"]


# Editor's notes


def test_an_editors_note_is_shown_on_its_section(client, essay_lesson):
    response = section_page(client, essay_lesson, 4)

    text = text_content(response)
    assert "Editor's note Ice pick or ice axe?" in text
    assert "Most historians say Mercader struck Trotsky with an ice axe" in text


def test_an_editors_note_stands_beside_the_paragraph_it_comments_on(client, essay_lesson):
    note = essay_lesson.sections.get(number=4).notes.get(title="Ice pick or ice axe?")

    html = section_page(client, essay_lesson, 4).content.decode()

    assert html.index('id="p1"') < html.index(f'<aside class="editor-note" role="note" id="note-{note.pk}"')
    assert html.index(f'id="note-{note.pk}"') < html.index('id="p2"')


def test_the_noted_passage_links_to_the_note(client, essay_lesson):
    note = essay_lesson.sections.get(number=4).notes.get(title="Ice pick or ice axe?")

    response = section_page(client, essay_lesson, 4)

    assert [link.text for link in links(response) if link.href == f"#note-{note.pk}"] == ["ice pick"]


def test_the_essays_words_stay_as_written_beside_the_note(client, essay_lesson):
    response = section_page(client, essay_lesson, 4)

    assert "fatally wounding him with an ice pick." in text_content(response)
    assert Section.objects.get(number=4).body.count("ice pick") == 1


def test_a_section_without_notes_shows_none(client, essay_lesson):
    response = section_page(client, essay_lesson, 1)

    assert "Editor's note" not in text_content(response)


def test_a_note_shows_only_on_its_own_section(client):
    _, (first, second) = lesson_with_sections(2)
    NoteFactory(section=first, title="About the first")

    response = client.get(second.get_absolute_url())

    assert "About the first" not in text_content(response)


# Addresses that do not exist


def test_an_unknown_section_is_not_found(client, essay_lesson):
    url = reverse("lessons:section", kwargs={"lesson_slug": essay_lesson.slug, "slug": "epilogue"})

    assert client.get(url).status_code == 404


def test_a_section_under_an_unknown_lesson_is_not_found(client, essay_lesson):
    url = reverse("lessons:section", kwargs={"lesson_slug": "another-lesson", "slug": "background"})

    assert client.get(url).status_code == 404


def test_a_section_under_another_lesson_is_not_found(client, essay_lesson):
    _, (other_section,) = lesson_with_sections(1)
    url = reverse("lessons:section", kwargs={"lesson_slug": essay_lesson.slug, "slug": other_section.slug})

    assert client.get(url).status_code == 404
