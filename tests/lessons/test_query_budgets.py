"""Every reader page runs a fixed number of queries, however much content there is.

Each page is measured twice: with a small lesson and with a large one (15
sections, 40 glossary terms, 30 timeline events, several notes, more lessons).
The budget is the same for both, so a query inside a loop would fail here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import Lesson, Section, SectionVisit
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    EventFactory,
    LessonFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    SectionFactory,
    TermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Size:
    lessons: int
    sections: int
    terms: int
    events: int
    notes: int


SMALL = Size(lessons=1, sections=3, terms=1, events=1, notes=1)
LARGE = Size(lessons=4, sections=15, terms=40, events=30, notes=5)


@dataclass(frozen=True)
class Content:
    lesson: Lesson
    section: Section  # a middle section, with previous and next
    terms: int
    notes: int


@pytest.fixture(params=[SMALL, LARGE], ids=["small", "large"])
def content(request) -> Content:
    size: Size = request.param
    terms = [TermFactory(name=f"Term{number}") for number in range(size.terms)]
    # Every section uses every term, so each page links them all.
    body = "\n\n".join(
        [f"The {term.name} of this paragraph." for term in terms]
        + [f"A passage for note {number}." for number in range(size.notes)]
    )
    lessons = [LessonFactory(introduction="An introduction that mentions Trotsky.") for _ in range(size.lessons)]
    lesson = lessons[0]
    for other in lessons:
        for number in range(1, size.sections + 1):
            SectionFactory(lesson=other, number=number, body=body)
    section = lesson.sections.get(number=2)
    for number in range(size.events):
        EventFactory(section=lesson.sections.get(number=1 + number % size.sections), year=1924 + number)
    for number in range(size.notes):
        NoteFactory(section=section, passage=f"passage for note {number}", title=f"Note {number}")
    return Content(lesson=lesson, section=section, terms=size.terms, notes=size.notes)


def test_the_home_page_stays_within_two_queries(client, content, django_assert_max_num_queries):
    # 1. the lessons  2. their sections (prefetched)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("lessons:home"))

    assert response.status_code == 200
    assert response.content.decode().count('class="lesson-card"') == Lesson.objects.count()


def test_the_lesson_page_stays_within_three_queries(client, content, django_assert_max_num_queries):
    # 1. the lesson  2. its sections (prefetched)  3. their quizzes
    with django_assert_max_num_queries(3):
        response = client.get(content.lesson.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count("min read") == content.lesson.sections.count()


def test_the_section_page_stays_within_four_queries(client, content, django_assert_max_num_queries):
    # 1. the lesson's sections with the lesson (this one, contents, previous, next)  2. its notes
    # 3. the glossary terms  4. its quiz
    with django_assert_max_num_queries(4):
        response = client.get(content.section.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="term"') == content.terms
    assert html.count('class="editor-note"') == content.notes
    assert 'rel="prev"' in html
    assert 'rel="next"' in html


def test_the_timeline_stays_within_one_query(client, content, django_assert_max_num_queries):
    # 1. the events with their sections and lessons (joined)
    with django_assert_max_num_queries(1):
        response = client.get(reverse("lessons:timeline"))

    assert response.status_code == 200
    assert response.content.decode().count('class="timeline__event"') == len(response.context["events"])


def test_the_glossary_stays_within_two_queries(client, content, django_assert_max_num_queries):
    # 1. the terms  2. the sections with their lessons (for "Used in")
    with django_assert_max_num_queries(2):
        response = client.get(reverse("lessons:glossary"))

    assert response.status_code == 200
    assert response.content.decode().count("<dt ") == content.terms


def test_the_search_page_stays_within_two_queries(client, content, django_assert_max_num_queries):
    # 1. lessons whose introduction matches  2. sections that match, with their lessons (joined)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("lessons:search"), {"q": "passage note"})

    assert response.status_code == 200
    assert len(response.context["results"]) == Section.objects.count()


def test_the_search_page_without_a_query_makes_no_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("lessons:search"))

    assert response.status_code == 200


# Signed-in students see their progress: a few more queries, still a fixed number.


@pytest.fixture
def student_with_attempts(content):
    """A student who finished two attempts at the section's quiz and read a section."""
    quiz = QuizFactory(section=content.section)
    QuestionFactory(quiz=quiz)
    student = UserFactory()
    for _ in range(2):
        attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
        attempt_submit(attempt=attempt, answers={}, now=timezone.now())
    SectionVisit.objects.create(user=student, section=content.section, first_visited_at=timezone.now())
    return student


def test_the_section_page_with_a_quiz_stays_within_four_queries_for_a_reader(
    client, content, student_with_attempts, django_assert_max_num_queries
):
    # 1. the sections  2. notes  3. terms  4. the quiz
    with django_assert_max_num_queries(4):
        response = client.get(content.section.get_absolute_url())

    assert "Log in to take the quiz" in response.content.decode()


def test_the_section_page_stays_within_eight_queries_for_a_student(
    client, content, student_with_attempts, django_assert_max_num_queries
):
    client.force_login(student_with_attempts)
    # 1. session  2. user  3. the sections  4. notes  5. terms  6. the quiz  7. the student's attempts
    # 8. recording the visit
    with django_assert_max_num_queries(8):
        response = client.get(content.section.get_absolute_url())

    assert "Your grade" in response.content.decode()


def test_the_lesson_page_stays_within_seven_queries_for_a_student(
    client, content, student_with_attempts, django_assert_max_num_queries
):
    client.force_login(student_with_attempts)
    # 1. session  2. user  3. the lesson  4. its sections  5. sections read  6. their quizzes
    # 7. the student's attempts
    with django_assert_max_num_queries(7):
        response = client.get(content.lesson.get_absolute_url())

    assert "Your progress: 1 of" in response.content.decode()
