"""The search page: every word must match; odd input is shown back as text and never breaks the page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.html import links, text_content

pytestmark = pytest.mark.django_db

NO_MATCH = "Nothing in the lessons matches every word you typed."
PROMPT = "Type a word or a name"


def search(client, query: str | None):
    return client.get(reverse("lessons:search"), {} if query is None else {"q": query})


def result_links(response) -> list:
    html = response.content.decode()
    if '<ol class="search-results">' not in html:
        return []
    results = html[html.index('<ol class="search-results">') : html.index("</ol>", html.index("search-results"))]
    return links(results)


# Matches


def test_a_match_shows_the_section_that_contains_it(client, essay_lesson):
    assassination = essay_lesson.sections.get(number=4)

    response = search(client, "Mercader")

    assert response.status_code == 200
    assert [(link.href, link.text) for link in result_links(response)] == [
        (assassination.get_absolute_url(), "4. The Assassination of Trotsky: Stalin's Final Blow")
    ]


def test_a_match_shows_a_snippet_with_the_words_marked(client, essay_lesson):
    response = search(client, "ice pick")

    assertContains(response, "fatally wounding him with an <mark>ice</mark> <mark>pick</mark>.")


def test_the_result_count_is_shown(client, essay_lesson):
    response = search(client, "Mercader")

    assert "1 result for “Mercader”" in text_content(response)


def test_search_ignores_case(client, essay_lesson):
    assert len(result_links(search(client, "mercader"))) == 1


def test_every_word_must_match(client, essay_lesson):
    response = search(client, "Mercader Norway")

    assert result_links(response) == []
    assertContains(response, NO_MATCH)


def test_a_word_only_in_the_introduction_finds_the_lesson(client, essay_lesson):
    response = search(client, "Bolshevik")

    assert [link.href for link in result_links(response)] == [essay_lesson.get_absolute_url()]
    assert "Introduction" in text_content(response)


def test_a_common_word_finds_the_introduction_and_every_section_in_order(client, essay_lesson):
    response = search(client, "Trotsky")

    assert [link.href for link in result_links(response)] == [
        essay_lesson.get_absolute_url(),
        *(section.get_absolute_url() for section in essay_lesson.sections.all()),
    ]


def test_a_section_title_is_searched_too(client, essay_lesson):
    response = search(client, "Unraveling Conclusion")

    assert [link.text for link in result_links(response)] == ["6. Conclusion: Unraveling the Historical Enigma"]


def test_the_query_stays_in_the_search_boxes(client, essay_lesson):
    response = search(client, "ice pick")

    assertContains(response, 'value="ice pick"', count=2)


# No match, no query


def test_no_match_says_so(client, essay_lesson):
    response = search(client, "Khrushchev")

    assert response.status_code == 200
    assert "0 results for “Khrushchev”" in text_content(response)
    assertContains(response, NO_MATCH)


def test_an_empty_query_asks_for_a_word(client, essay_lesson):
    response = search(client, "")

    assert response.status_code == 200
    assertContains(response, PROMPT)
    assert result_links(response) == []


def test_no_query_at_all_asks_for_a_word(client, essay_lesson):
    response = search(client, None)

    assertContains(response, PROMPT)


def test_a_query_of_only_spaces_asks_for_a_word(client, essay_lesson):
    assertContains(search(client, "   "), PROMPT)


# Odd input


def test_a_thousand_character_query_gets_a_clear_message_not_an_error(client, essay_lesson):
    response = search(client, "Trotsky" * 142 + "Stalin")

    assert response.status_code == 200
    assertContains(response, "Please search for at most 200 characters (you typed 1000).")
    assert result_links(response) == []


def test_a_too_long_query_marks_the_search_box_invalid(client, essay_lesson):
    response = search(client, "x" * 1000)

    assertContains(response, 'aria-invalid="true"')
    assertNotContains(response, PROMPT)


@pytest.mark.parametrize("query", ["%", "_", "%%", "a%", "_r_"], ids=["percent", "underscore", "two", "a-", "-r-"])
def test_sql_wildcards_are_searched_as_text_and_match_nothing(client, essay_lesson, query):
    response = search(client, query)

    assert response.status_code == 200
    assertContains(response, NO_MATCH)


def test_a_quoted_phrase_searches_its_words(client, essay_lesson):
    response = search(client, '"ice pick"')

    assert len(result_links(response)) == 1


@pytest.mark.parametrize("query", ['"', "'", "“”", "' '"], ids=["double", "single", "curly", "spaced"])
def test_quotes_alone_ask_for_a_word(client, essay_lesson, query):
    response = search(client, query)

    assert response.status_code == 200
    assertContains(response, PROMPT)


def test_a_word_with_an_apostrophe_is_found(client, essay_lesson):
    response = search(client, "Trotsky's assassination")

    assert {link.text[0] for link in result_links(response)} == {"4", "6"}


def test_sql_in_the_query_is_only_text(client, essay_lesson):
    response = search(client, "' OR 1=1 --")

    assert response.status_code == 200
    assertContains(response, NO_MATCH)


def test_a_script_in_the_query_is_shown_as_text(client, essay_lesson):
    response = search(client, "<script>alert(1)</script>")

    assert response.status_code == 200
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_markup_in_the_query_cannot_break_out_of_the_search_box(client, essay_lesson):
    response = search(client, '"><img src=x onerror=alert(1)>')

    assertNotContains(response, "<img")
    assertContains(response, 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')


def test_a_null_character_is_refused_politely(client, essay_lesson):
    response = search(client, "Trotsky\x00")

    assert response.status_code == 200
    assertContains(response, "Null characters are not allowed.")
