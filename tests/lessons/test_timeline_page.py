"""The timeline page: the dated events, in order, each linking to the section that tells it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import EventFactory, lesson_with_sections
from tests.html import links, text_content

pytestmark = pytest.mark.django_db


def event_links(response) -> list:
    return [link for link in links(response) if link.text.startswith("Read section")]


def event_titles(response) -> list[str]:
    return [
        unescape(title) for title in re.findall(r'<h2 class="timeline__title">(.*?)</h2>', response.content.decode())
    ]


def test_the_timeline_opens(client, essay_lesson):
    response = client.get(reverse("lessons:timeline"))

    assert response.status_code == 200
    assertContains(response, "<h1>Timeline, 1924–1940</h1>", html=True)


def test_the_timeline_shows_the_essays_events_in_chronological_order(client, essay_lesson):
    response = client.get(reverse("lessons:timeline"))

    assert event_titles(response) == [
        "Lenin dies",
        "Stalin consolidates power",
        "Trotsky is expelled from the Soviet Union",
        "Exile in Turkey",
        "Exile in France",
        "Exile in Norway",
        "The Great Purge",
        "The Moscow show trials",
        "Trotsky arrives in Mexico",
        "Ramón Mercader attacks Trotsky",
    ]


def test_each_event_shows_its_date_title_and_summary(client, essay_lesson):
    response = client.get(reverse("lessons:timeline"))

    assert (
        "20 August 1940 Ramón Mercader attacks Trotsky The Soviet agent strikes Trotsky in his study in Coyoacán."
        in text_content(response)
    )


def test_events_are_ordered_by_year_then_position_whatever_order_they_were_added(client):
    _, (section,) = lesson_with_sections(1)
    EventFactory(section=section, year=1940, title="Murder")
    EventFactory(section=section, year=1929, position=1, title="Turkey")
    EventFactory(section=section, year=1924, title="Lenin")
    EventFactory(section=section, year=1929, position=0, title="Expulsion")

    response = client.get(reverse("lessons:timeline"))

    assert event_titles(response) == ["Lenin", "Expulsion", "Turkey", "Murder"]


def test_an_event_links_to_the_paragraph_of_the_section_that_tells_it(client, essay_lesson):
    lenin = essay_lesson.sections.get(number=1)
    assassination = essay_lesson.sections.get(number=4)

    response = client.get(reverse("lessons:timeline"))

    hrefs = {link.text: link.href for link in event_links(response)}
    assert hrefs["Read section 1: Background: The Rise of Stalin and the Fall of Trotsky (Lenin dies)"] == (
        lenin.get_absolute_url() + "#p1"
    )
    assert hrefs[
        "Read section 4: The Assassination of Trotsky: Stalin's Final Blow (Ramón Mercader attacks Trotsky)"
    ] == (assassination.get_absolute_url() + "#p1")


def test_every_event_link_lands_on_a_paragraph_of_its_section(client, essay_lesson):
    response = client.get(reverse("lessons:timeline"))

    for link in event_links(response):
        url, anchor = link.href.split("#")
        page = client.get(url)
        assert page.status_code == 200
        assertContains(page, f'<p id="{anchor}" class="prose-paragraph">')


def test_an_event_without_a_passage_links_to_the_top_of_its_section(client):
    _, (section,) = lesson_with_sections(1)
    EventFactory(section=section, passage="")

    response = client.get(reverse("lessons:timeline"))

    assert [link.href for link in event_links(response)] == [section.get_absolute_url()]


def test_an_empty_timeline_says_so(client):
    response = client.get(reverse("lessons:timeline"))

    assertContains(response, "No events are on the timeline yet.")


def test_the_header_marks_the_timeline_as_the_current_part_of_the_site(client):
    response = client.get(reverse("lessons:timeline"))

    assertContains(response, f'<a href="{reverse("lessons:timeline")}" aria-current="page">Timeline</a>', html=True)
