"""The 404 page: our layout, a way back and a search box, never Django's default page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertTemplateUsed

pytestmark = pytest.mark.django_db


@pytest.fixture
def not_found(client):
    return client.get("/no-such-page/")


def test_an_unknown_address_is_not_found(not_found):
    assert not_found.status_code == 404


def test_the_not_found_page_uses_the_sites_template(not_found):
    assertTemplateUsed(not_found, "404.html")
    assertTemplateUsed(not_found, "base.html")


def test_the_not_found_page_explains_and_leads_back_to_the_lessons(not_found):
    assertContains(not_found, "<h1>Page not found</h1>", status_code=404, html=True)
    assertContains(not_found, f'<a href="{reverse("lessons:home")}">Go to the lessons</a>', status_code=404, html=True)


def test_the_not_found_page_offers_a_search(not_found):
    assertContains(not_found, f'action="{reverse("lessons:search")}"', status_code=404)


def test_an_unknown_section_gets_the_same_page(client, essay_lesson):
    response = client.get(reverse("lessons:section", kwargs={"lesson_slug": essay_lesson.slug, "slug": "epilogue"}))

    assertTemplateUsed(response, "404.html")
