"""The database's constraints: the last line of defence when code bypasses the services.

Each test writes rows directly, the way a buggy script or a hand-edited import
might, and the database refuses what the services would never write.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from quizzes.models import Attempt, Response, ResponseOption
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db


def refused(create, constraint: str) -> bool:
    """Whether the database refused the write for `constraint`. PostgreSQL names the constraint; SQLite
    names a check constraint, but only the columns of a unique one."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    message = str(error.value)
    return constraint in message or (connection.vendor == "sqlite" and message.startswith("UNIQUE constraint failed"))


@pytest.fixture
def attempt():
    return AttemptFactory(number=1)


def test_a_second_attempt_in_progress_at_the_same_quiz_is_refused(attempt):
    assert refused(
        lambda: Attempt.objects.create(student=attempt.student, quiz=attempt.quiz, number=2, started_at=timezone.now()),
        "attempt_one_in_progress_per_student_quiz",
    )


def test_an_attempt_in_progress_beside_finished_ones_is_allowed(attempt):
    Attempt.objects.filter(pk=attempt.pk).update(
        state=Attempt.State.SUBMITTED,
        submitted_at=timezone.now(),
        score=Decimal(1),
        max_score=Decimal(1),
        percent=Decimal(100),
        passed=True,
    )

    Attempt.objects.create(student=attempt.student, quiz=attempt.quiz, number=2, started_at=timezone.now())

    assert Attempt.objects.filter(student=attempt.student, quiz=attempt.quiz).count() == 2


def test_another_students_attempt_in_progress_at_the_same_quiz_is_allowed(attempt):
    Attempt.objects.create(student=UserFactory(), quiz=attempt.quiz, number=1, started_at=timezone.now())

    assert Attempt.objects.in_progress().filter(quiz=attempt.quiz).count() == 2


def test_the_same_attempt_number_twice_is_refused(attempt):
    Attempt.objects.filter(pk=attempt.pk).update(
        state=Attempt.State.SUBMITTED,
        submitted_at=timezone.now(),
        score=Decimal(0),
        max_score=Decimal(1),
        percent=Decimal(0),
        passed=False,
    )

    assert refused(
        lambda: Attempt.objects.create(student=attempt.student, quiz=attempt.quiz, number=1, started_at=timezone.now()),
        "attempt_number_unique_per_student_quiz",
    )


def test_a_second_response_to_the_same_question_is_refused(attempt):
    question = QuestionFactory(quiz=attempt.quiz)
    Response.objects.create(attempt=attempt, question=question, position=1)

    assert refused(
        lambda: Response.objects.create(attempt=attempt, question=question, position=2),
        "response_one_per_attempt_question",
    )


def test_two_responses_at_the_same_position_are_refused(attempt):
    first, second = QuestionFactory(quiz=attempt.quiz), QuestionFactory(quiz=attempt.quiz)
    Response.objects.create(attempt=attempt, question=first, position=1)

    assert refused(
        lambda: Response.objects.create(attempt=attempt, question=second, position=1),
        "response_position_unique_in_attempt",
    )


def test_the_same_choice_twice_in_one_response_is_refused(attempt):
    question = QuestionFactory(quiz=attempt.quiz)
    response = Response.objects.create(attempt=attempt, question=question, position=1)
    choice = question.choices.first()
    ResponseOption.objects.create(response=response, choice=choice, position=1)

    assert refused(
        lambda: ResponseOption.objects.create(response=response, choice=choice, position=2),
        "response_option_unique_choice",
    )


def test_a_submitted_attempt_without_a_score_is_refused(attempt):
    assert refused(
        lambda: Attempt.objects.filter(pk=attempt.pk).update(
            state=Attempt.State.SUBMITTED, submitted_at=timezone.now()
        ),
        "attempt_result_matches_state",
    )


def test_an_attempt_in_progress_with_a_score_is_refused(attempt):
    assert refused(
        lambda: Attempt.objects.filter(pk=attempt.pk).update(score=Decimal(1), percent=Decimal(100)),
        "attempt_result_matches_state",
    )


def test_an_attempt_numbered_zero_is_refused():
    assert refused(
        lambda: Attempt.objects.create(student=UserFactory(), quiz=QuizFactory(), number=0, started_at=timezone.now()),
        "attempt_number_positive",
    )
