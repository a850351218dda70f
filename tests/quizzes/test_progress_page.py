"""My progress: each section read or not, the grade on each quiz, recent attempts with links to their results."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import SectionVisit
from quizzes.models import Quiz
from tests.factories import (
    QuestionFactory,
    QuizFactory,
    SubmittedAttemptFactory,
    UserFactory,
    lesson_with_sections,
)
from tests.html import links, text_content

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def progress_page(client):
    page = client.get(reverse("quizzes:progress"))
    assert page.status_code == 200
    return page


def read(student, section):
    SectionVisit.objects.create(user=student, section=section, first_visited_at=NOW)


def finished(student, quiz, percent, *, days_ago=1, number=1):
    return SubmittedAttemptFactory(
        student=student, quiz=quiz, number=number, percent=Decimal(percent), started_at=NOW - timedelta(days=days_ago)
    )


def test_with_no_lessons_and_no_attempts_the_page_says_so(student_client):
    text = text_content(progress_page(student_client))

    assert "There are no lessons yet." in text
    assert "You have not finished a quiz yet." in text


def test_each_section_is_marked_read_or_not(student_client, student):
    _lesson, (first, second) = lesson_with_sections(2)
    read(student, first)

    text = text_content(progress_page(student_client))

    assert f"{first.title} Read" in text
    assert f"{second.title} Not read yet" in text


def test_sections_read_by_someone_else_are_not_read(student_client):
    _lesson, (section,) = lesson_with_sections(1)
    read(UserFactory(), section)

    assert f"{section.title} Not read yet" in text_content(progress_page(student_client))


def test_the_summary_counts_sections_read_and_quizzes_passed(student_client, student):
    _lesson, (first, second) = lesson_with_sections(2)
    read(student, first)
    finished(student, QuizFactory(section=first, pass_mark=60), "75")
    QuizFactory(section=second)

    assert "You have read 1 of 2 sections and passed 1 of 2 quizzes." in text_content(progress_page(student_client))


def test_each_sections_quiz_shows_the_grade_that_counts(student_client, student):
    _lesson, (section,) = lesson_with_sections(1)
    quiz = QuizFactory(title="Exile", section=section, grading_method=Quiz.GradingMethod.LATEST, pass_mark=60)
    finished(student, quiz, "90", days_ago=3, number=1)
    finished(student, quiz, "70", days_ago=2, number=2)

    assert "Exile: grade 70 % Passed" in text_content(progress_page(student_client))


def test_a_quiz_not_taken_says_so(student_client):
    _lesson, (section,) = lesson_with_sections(1)
    QuizFactory(title="Exile", section=section)

    assert "Exile: not taken yet" in text_content(progress_page(student_client))


def test_a_quiz_started_but_not_submitted_says_so(student_client, start):
    _lesson, (section,) = lesson_with_sections(1)
    quiz = QuizFactory(title="Exile", section=section)
    QuestionFactory(quiz=quiz)
    start(quiz)

    assert "Exile: started, not submitted" in text_content(progress_page(student_client))


def test_an_unpublished_quiz_is_left_out(student_client):
    _lesson, (section,) = lesson_with_sections(1)
    QuizFactory(title="Draft", section=section, is_published=False)

    assert "Draft" not in text_content(progress_page(student_client))


def test_the_final_quiz_has_its_own_place_with_grade_and_attempts_left(student_client, student):
    quiz = QuizFactory(title="The whole story", section=None, max_attempts=3, pass_mark=50)
    finished(student, quiz, "55")

    text = text_content(progress_page(student_client))

    assert "Final quiz The whole story Your grade 55 % Passed Attempts left 2" in text


def test_the_final_quiz_offers_to_resume_an_unfinished_attempt(student_client, start):
    quiz = QuizFactory(title="The whole story", section=None)
    QuestionFactory(quiz=quiz)
    attempt = start(quiz)

    resume = [link.href for link in links(progress_page(student_client)) if link.text.startswith("Resume it")]

    assert resume == [reverse("quizzes:attempt", kwargs={"pk": attempt.pk})]


def test_recent_attempts_link_to_their_results_newest_first(student_client, student):
    older = finished(student, QuizFactory(title="Exile"), "40", days_ago=5)
    newer = finished(student, QuizFactory(title="Mexico"), "90", days_ago=1)

    page = progress_page(student_client)

    attempt_links = [link.href for link in links(page) if link.text.startswith("Attempt ")]
    assert attempt_links == [
        reverse("quizzes:result", kwargs={"pk": newer.pk}),
        reverse("quizzes:result", kwargs={"pk": older.pk}),
    ]


def test_recent_attempts_are_limited_to_the_last_ten(student_client, student):
    quiz = QuizFactory()
    for number in range(1, 13):
        finished(student, quiz, "50", days_ago=20 - number, number=number)

    attempt_links = [link for link in links(progress_page(student_client)) if link.text.startswith("Attempt ")]

    assert [link.text.split(" (")[0] for link in attempt_links] == [f"Attempt {n}" for n in range(12, 2, -1)]


def test_unfinished_and_other_students_attempts_are_not_recent_attempts(student_client, start):
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz)
    start(quiz)
    finished(UserFactory(), quiz, "90")

    assert "You have not finished a quiz yet." in text_content(progress_page(student_client))
