"""A reader's way through the site, in Chromium: from the home page through the
whole essay, to the timeline, and back into the text by an event."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lessons.models import Section

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_goes_from_home_through_every_section_to_the_timeline_and_back(live_server, page, essay_lesson):
    sections = list(essay_lesson.sections.all())

    page.goto(live_server.url + reverse("lessons:home"))
    page.get_by_role("link", name="What Did Stalin Do To Trotsky?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What Did Stalin Do To Trotsky?")
    expect(page.get_by_text("Stalin's treatment of Trotsky remains")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Begin with section 1")).click()
    for number, section in enumerate(sections, start=1):
        expect(page).to_have_url(live_server.url + section.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(section.title)
        expect(page.get_by_text(f"Section {number} of 6")).to_be_visible()
        if number < len(sections):
            page.get_by_role("link", name=re.compile(r"^Next ")).click()

    expect(page.get_by_role("link", name=re.compile(r"^Next "))).to_have_count(0)
    page.get_by_role("link", name=re.compile(r"You have read every section")).click()
    expect(page).to_have_url(live_server.url + reverse("lessons:timeline"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline, 1924–1940")

    page.get_by_role("link", name=re.compile(r"\(Ramón Mercader attacks Trotsky\)")).click()
    assassination = Section.objects.get(number=4)
    expect(page).to_have_url(live_server.url + assassination.get_absolute_url() + "#p1")
    expect(page.get_by_role("heading", level=1)).to_have_text(assassination.title)
    expect(page.locator("#p1")).to_be_in_viewport()


def test_a_reader_can_go_back_a_section_with_previous(live_server, page, essay_lesson):
    third, second = essay_lesson.sections.get(number=3), essay_lesson.sections.get(number=2)

    page.goto(live_server.url + third.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"^Previous ")).click()

    expect(page).to_have_url(live_server.url + second.get_absolute_url())


def test_a_reader_follows_a_glossary_link_to_its_definition(live_server, page, essay_lesson):
    page.goto(live_server.url + essay_lesson.sections.get(number=3).get_absolute_url())

    page.get_by_role("link", name="NKVD", exact=True).click()

    expect(page).to_have_url(live_server.url + reverse("lessons:glossary") + "#nkvd")
    expect(page.locator("#nkvd")).to_be_in_viewport()


def test_a_reader_searches_from_the_header_and_opens_a_result(live_server, page, essay_lesson):
    page.goto(live_server.url + reverse("lessons:home"))

    page.get_by_role("search").get_by_role("searchbox").fill("Mercader")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", level=2)).to_have_text("1 result for “Mercader”")
    page.get_by_role("link", name=re.compile(r"^4\. The Assassination")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Assassination of Trotsky: Stalin's Final Blow")


def test_the_skip_link_appears_on_focus_and_moves_to_the_main_content(live_server, page, essay_lesson):
    page.goto(live_server.url + reverse("lessons:home"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))
