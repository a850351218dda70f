"""axe-core finds no accessibility violations on the reader pages, and a phone
reads a section without scrolling sideways."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "home": lambda lesson: reverse("lessons:home"),
    "lesson": lambda lesson: lesson.get_absolute_url(),
    "first-section": lambda lesson: lesson.sections.get(number=1).get_absolute_url(),
    "section-with-notes": lambda lesson: lesson.sections.get(number=4).get_absolute_url(),
    "last-section": lambda lesson: lesson.sections.get(number=6).get_absolute_url(),
    "timeline": lambda lesson: reverse("lessons:timeline"),
    "glossary": lambda lesson: reverse("lessons:glossary"),
    "search-with-results": lambda lesson: reverse("lessons:search") + "?q=Trotsky",
    "search-without-results": lambda lesson: reverse("lessons:search") + "?q=Khrushchev",
    "search-too-long": lambda lesson: reverse("lessons:search") + "?q=" + "x" * 300,
    "not-found": lambda lesson: "/no-such-page/",
}
PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_accessibility_violations(live_server, page, essay_lesson, axe, name):
    page.goto(live_server.url + PAGES[name](essay_lesson))

    results = axe.run(page)

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", ["section-with-notes", "search-with-results"])
def test_the_page_has_no_accessibility_violations_on_a_phone(live_server, page, essay_lesson, axe, name):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + PAGES[name](essay_lesson))

    results = axe.run(page)

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", ["first-section", "section-with-notes", "timeline", "glossary", "search-with-results"])
def test_a_phone_reads_the_page_without_scrolling_sideways(live_server, page, essay_lesson, name):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + PAGES[name](essay_lesson))

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    assert scroll_width <= PHONE["width"]
