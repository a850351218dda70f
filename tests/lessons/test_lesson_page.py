"""The lesson page: title, introduction and a table of contents with reading times."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import LessonFactory, SectionFactory
from tests.html import links, text_content

pytestmark = pytest.mark.django_db


def test_the_lesson_page_shows_the_title_and_subtitle(client, essay_lesson):
    response = client.get(essay_lesson.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>What Did Stalin Do To Trotsky?</h1>", html=True)
    assert "Stalin's Actions Against Trotsky: Unraveling the Historical Enigma" in text_content(response)


def test_the_lesson_page_shows_the_introduction(client, essay_lesson):
    response = client.get(essay_lesson.get_absolute_url())

    assert "Stalin's treatment of Trotsky remains one of the most intriguing aspects of Soviet history." in (
        text_content(response)
    )


def test_each_paragraph_of_the_introduction_is_its_own_paragraph(client):
    lesson = LessonFactory(introduction="The first paragraph.\n\nThe second\nparagraph.")

    response = client.get(lesson.get_absolute_url())

    assertContains(response, "<p>The first paragraph.</p>", html=True)
    assertContains(response, "<p>The second paragraph.</p>", html=True)


def test_the_contents_list_the_six_sections_in_order(client, essay_lesson):
    response = client.get(essay_lesson.get_absolute_url())

    sections = list(essay_lesson.sections.all())
    contents = [link for link in links(response) if link.href in {s.get_absolute_url() for s in sections}]
    assert [(link.href, link.text) for link in contents[:6]] == [(s.get_absolute_url(), s.title) for s in sections]


def test_the_contents_give_each_sections_reading_time(client):
    lesson = LessonFactory()
    SectionFactory(lesson=lesson, number=1, title="Short", body="A few words.")
    SectionFactory(lesson=lesson, number=2, title="Long", body="word " * 450)

    response = client.get(lesson.get_absolute_url())

    text = text_content(response)
    assert "Short 1 min read" in text
    assert "Long 3 min read" in text


def test_the_lesson_page_invites_the_reader_to_begin_with_section_one(client, essay_lesson):
    first = essay_lesson.sections.get(number=1)

    response = client.get(essay_lesson.get_absolute_url())

    assert [link.text for link in links(response) if link.href == first.get_absolute_url()][-1] == (
        "Begin with section 1: Background: The Rise of Stalin and the Fall of Trotsky"
    )


def test_a_lesson_without_sections_has_no_begin_link(client):
    lesson = LessonFactory()

    response = client.get(lesson.get_absolute_url())

    assert response.status_code == 200
    assertNotContains(response, "Begin with section 1")


def test_the_breadcrumbs_lead_home_and_end_at_the_lesson(client, essay_lesson):
    response = client.get(essay_lesson.get_absolute_url())

    assertContains(
        response, f'<li class="breadcrumb-item"><a href="{reverse("lessons:home")}">Home</a></li>', html=True
    )
    assertContains(
        response,
        '<li class="breadcrumb-item active" aria-current="page">What Did Stalin Do To Trotsky?</li>',
        html=True,
    )


def test_the_lesson_page_links_to_the_timeline_and_the_glossary(client, essay_lesson):
    response = client.get(essay_lesson.get_absolute_url())

    hrefs = [link.href for link in links(response)]
    assert reverse("lessons:timeline") in hrefs
    assert reverse("lessons:glossary") in hrefs


def test_an_unknown_lesson_is_not_found(client, essay_lesson):
    response = client.get(reverse("lessons:lesson", kwargs={"slug": "what-did-lenin-do"}))

    assert response.status_code == 404
