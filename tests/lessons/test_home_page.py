"""The home page: the site's lessons, each with its table of contents."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import LessonFactory, lesson_with_sections
from tests.html import links, text_content

pytestmark = pytest.mark.django_db


def test_the_home_page_opens(client):
    response = client.get(reverse("lessons:home"))

    assert response.status_code == 200
    assertContains(response, "<h1>How Stalin defeated, exiled and killed Trotsky</h1>", html=True)


def test_the_home_page_links_to_the_lesson_with_its_subtitle(client, essay_lesson):
    response = client.get(reverse("lessons:home"))

    assert [link.text for link in links(response) if link.href == essay_lesson.get_absolute_url()] == [
        "What Did Stalin Do To Trotsky?",
        "Start reading",
    ]
    assert "Stalin's Actions Against Trotsky: Unraveling the Historical Enigma" in text_content(response)


def test_the_home_page_lists_the_lessons_sections_in_order(client, essay_lesson):
    response = client.get(reverse("lessons:home"))

    section_urls = [section.get_absolute_url() for section in essay_lesson.sections.all()]
    assert [link.href for link in links(response) if link.href in section_urls] == section_urls


def test_the_home_page_lists_every_lesson(client):
    first, _ = lesson_with_sections(2, title="First lesson")
    second, _ = lesson_with_sections(1, title="Second lesson")

    response = client.get(reverse("lessons:home"))

    assert {first.get_absolute_url(), second.get_absolute_url()} <= {link.href for link in links(response)}


def test_a_lesson_without_sections_still_appears(client):
    lesson = LessonFactory(title="Not written yet")

    response = client.get(reverse("lessons:home"))

    assert lesson.get_absolute_url() in [link.href for link in links(response)]


def test_the_home_page_says_when_there_is_nothing_to_read(client):
    response = client.get(reverse("lessons:home"))

    assertContains(response, "No lessons have been published yet.")


def test_the_header_marks_lessons_as_the_current_part_of_the_site(client):
    response = client.get(reverse("lessons:home"))

    assertContains(response, f'<a href="{reverse("lessons:home")}" aria-current="page">Lessons</a>', html=True)
