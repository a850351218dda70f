"""Every quiz page runs a fixed number of queries, however many questions, quizzes or attempts there are.

Each page is measured with a 5-question quiz and with a 40-question one (all
seven types, every question answered): the budget is the same for both, so a
query inside a loop over questions, options or attempts would fail here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import SectionVisit
from quizzes.models import Attempt
from tests.factories import QuizFactory, SubmittedAttemptFactory, lesson_with_sections, quiz_with_many_questions
from tests.quizzes.papers import all_correct

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[5, 40], ids=["5-questions", "40-questions"])
def quiz(request):
    return quiz_with_many_questions(request.param, shuffle_questions=True, shuffle_choices=True, max_attempts=50)


@pytest.fixture
def attempt(quiz, start) -> Attempt:
    return start(quiz)


@pytest.fixture
def answered(attempt) -> dict:
    return all_correct(attempt)


@pytest.fixture
def submitted(student_client, attempt, answered) -> Attempt:
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), answered)
    return attempt


@pytest.fixture
def history(student, quiz):
    """More to list: other lessons' quizzes, many finished attempts, sections read."""
    _lesson, sections = lesson_with_sections(6)
    now = timezone.now()
    for section in sections:
        other = QuizFactory(section=section)
        SectionVisit.objects.create(user=student, section=section, first_visited_at=now)
        for number in range(1, 6):
            SubmittedAttemptFactory(
                student=student, quiz=other, number=number, started_at=now - timedelta(hours=number)
            )
    QuizFactory(section=None, title="Final quiz")


def test_the_question_page_stays_within_its_budget(student_client, attempt, django_assert_max_num_queries):
    # session, user, the attempt with its quiz, its responses with their questions,
    # their options with their choices: 5.
    with django_assert_max_num_queries(8):
        page = student_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}))
    assert page.status_code == 200


def test_submitting_stays_within_its_budget(student_client, attempt, answered, django_assert_max_num_queries):
    # session, user, the attempt with its quiz, responses with questions, options with choices,
    # accepted answers; then in one transaction: the attempt locked, the options updated (one
    # bulk update), the responses graded (one bulk update), the attempt closed (one update).
    # Inside the test's transaction the service's atomic block adds a savepoint and its release: 12.
    with django_assert_max_num_queries(12):
        page = student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), answered)
    assert page.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score


def test_saving_stays_within_its_budget(student_client, attempt, django_assert_max_num_queries):
    # As submitting, without grading: the attempt locked, typed answers updated (one bulk update),
    # options updated (one bulk update), the savepoint and its release: 11.
    data = all_correct(attempt, action="save")
    with django_assert_max_num_queries(12):
        page = student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), data)
    assert page.status_code == 302


def test_the_result_page_stays_within_its_budget(student_client, submitted, django_assert_max_num_queries):
    # session, user, the attempt with its quiz, the responses with questions, sections and lessons,
    # their options with their choices, accepted answers, the student's attempts at this quiz, their
    # accommodation on it: 8.
    with django_assert_max_num_queries(8):
        page = student_client.get(reverse("quizzes:result", kwargs={"pk": submitted.pk}))
    assert page.status_code == 200


def test_the_quiz_list_stays_within_its_budget(student_client, submitted, history, django_assert_max_num_queries):
    # session, user, the published quizzes with sections, lessons and question counts, the student's attempts: 4.
    with django_assert_max_num_queries(6):
        page = student_client.get(reverse("quizzes:list"))
    assert page.status_code == 200


def test_the_quiz_page_stays_within_its_budget(student_client, quiz, submitted, django_assert_max_num_queries):
    # session, user, the quiz with its section, lesson and question count, the student's attempts at it: 4.
    with django_assert_max_num_queries(6):
        page = student_client.get(reverse("quizzes:quiz", kwargs={"slug": quiz.slug}))
    assert page.status_code == 200


def test_the_progress_page_stays_within_its_budget(student_client, submitted, history, django_assert_max_num_queries):
    # session, user, sections with their lessons, the sections the student read, published quizzes
    # with sections and the student's accommodations, the student's attempts, their classes: 7.
    with django_assert_max_num_queries(8):
        page = student_client.get(reverse("quizzes:progress"))
    assert page.status_code == 200
