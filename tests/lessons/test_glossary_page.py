"""The glossary page: every term, its definition, and the sections that use it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import TermFactory, lesson_with_sections
from tests.html import links, text_content

pytestmark = pytest.mark.django_db


def test_the_glossary_opens(client, essay_lesson):
    response = client.get(reverse("lessons:glossary"))

    assert response.status_code == 200
    assertContains(response, "<h1>Glossary</h1>", html=True)


def test_the_glossary_lists_its_terms_alphabetically(client):
    for name in ("NKVD", "Bolshevik", "Show trial"):
        TermFactory(name=name)

    response = client.get(reverse("lessons:glossary"))

    text = text_content(response)
    assert text.index("Bolshevik") < text.index("NKVD") < text.index("Show trial")


def test_each_term_has_an_anchor_that_glossary_links_land_on(client, essay_lesson):
    response = client.get(reverse("lessons:glossary"))

    assertContains(response, '<dt id="socialism-in-one-country">Socialism in One Country</dt>', html=True)


def test_each_term_shows_its_definition(client, essay_lesson):
    response = client.get(reverse("lessons:glossary"))

    assert "NKVD The People's Commissariat for Internal Affairs, Stalin's secret police" in text_content(response)


def test_a_term_links_to_the_sections_that_use_it(client, essay_lesson):
    used_in = [essay_lesson.sections.get(number=n).get_absolute_url() for n in (2, 4, 6)]

    response = client.get(reverse("lessons:glossary"))

    exile_links = [link for link in links(response) if link.text.endswith("(Exile)")]
    assert [link.href for link in exile_links] == used_in
    assert exile_links[0].text == "section 2, Ideological Differences and Political Exile (Exile)"


def test_a_term_no_section_uses_has_no_used_in_line(client):
    lesson_with_sections(1)
    TermFactory(name="Comintern", definition="The Communist International.")

    response = client.get(reverse("lessons:glossary"))

    assert "Comintern The Communist International." in text_content(response)
    assert "Used in" not in text_content(response)


def test_an_empty_glossary_says_so(client):
    response = client.get(reverse("lessons:glossary"))

    assertContains(response, "The glossary is empty.")
