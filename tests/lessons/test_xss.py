"""Nothing a staff member types in the admin can run in a reader's browser.

Every field a reader sees gets a script payload; every reader page must show
the payload as text (escaped), never as markup.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import EventFactory, LessonFactory, NoteFactory, SectionFactory, TermFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_lesson():
    lesson = LessonFactory(
        title=f"Lesson {SCRIPT}", slug="hostile", subtitle=f"Subtitle {IMG}", introduction=f"{SCRIPT}\n\n{IMG}"
    )
    first = SectionFactory(
        lesson=lesson, number=1, slug="one", title=f"First {IMG}", body=f"Text {SCRIPT} and {IMG} here."
    )
    SectionFactory(lesson=lesson, number=2, slug="two", title=f"Second {SCRIPT}", body=f"More {IMG}.")
    TermFactory(name=IMG, slug="img", definition=f"Defined as {SCRIPT}")
    NoteFactory(section=first, passage=SCRIPT, title=f"Note {SCRIPT}", body=f"Note body {IMG}")
    EventFactory(section=first, passage=IMG, date_label=IMG, title=f"Event {SCRIPT}", summary=f"Summary {IMG}")
    return lesson


READER_PAGES = {
    "home": lambda lesson: reverse("lessons:home"),
    "lesson": lambda lesson: lesson.get_absolute_url(),
    "first-section": lambda lesson: lesson.sections.get(number=1).get_absolute_url(),
    "second-section": lambda lesson: lesson.sections.get(number=2).get_absolute_url(),
    "timeline": lambda lesson: reverse("lessons:timeline"),
    "glossary": lambda lesson: reverse("lessons:glossary"),
    "search": lambda lesson: reverse("lessons:search") + "?q=alert",
}


@pytest.fixture(params=READER_PAGES, ids=list(READER_PAGES))
def page(request, client, hostile_lesson) -> str:
    response = client.get(READER_PAGES[request.param](hostile_lesson))
    assert response.status_code == 200
    return response.content.decode()


def test_no_payload_reaches_the_page_as_markup(page):
    assert SCRIPT not in page
    assert IMG not in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()


def test_the_payloads_are_shown_as_text(page):
    assert "&lt;script&gt;" in page
    assert "&lt;img src=x onerror=" in page


def test_the_section_page_shows_every_hostile_field_escaped(client, hostile_lesson):
    html = client.get(hostile_lesson.sections.get(number=1).get_absolute_url()).content.decode()

    assert "First &lt;img src=x onerror=alert(1)&gt;" in html  # section title
    assert "Note &lt;script&gt;alert(1)&lt;/script&gt;" in html  # note title
    assert "Note body &lt;img src=x onerror=alert(1)&gt;" in html  # note body
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</a></mark>" in html  # the noted passage
    assert '<a class="term" href="/glossary/#img">&lt;img src=x onerror=alert(1)&gt;</a>' in html  # term name
    assert "Second &lt;script&gt;alert(1)&lt;/script&gt;" in html  # next section's title


def test_the_glossary_shows_a_hostile_term_and_definition_escaped(client, hostile_lesson):
    html = client.get(reverse("lessons:glossary")).content.decode()

    assert '<dt id="img">&lt;img src=x onerror=alert(1)&gt;</dt>' in html
    assert "Defined as &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_timeline_shows_a_hostile_event_escaped(client, hostile_lesson):
    html = client.get(reverse("lessons:timeline")).content.decode()

    assert "Event &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Summary &lt;img src=x onerror=alert(1)&gt;" in html


def test_the_lesson_page_shows_a_hostile_title_and_introduction_escaped(client, hostile_lesson):
    html = client.get(hostile_lesson.get_absolute_url()).content.decode()

    assert "<title>Lesson &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<p>&lt;img src=x onerror=alert(1)&gt;</p>" in html
