"""Two requests at the same moment (two tabs, a double click): one attempt, graded once.

These need real concurrent connections and row locks, so they run on PostgreSQL
only; each thread opens its own connection and closes it before the test ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.utils import timezone

from quizzes import scoring
from quizzes.models import Attempt, Response
from quizzes.services import attempt_start, attempt_submit
from tests.factories import QuestionFactory, QuizFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs real PostgreSQL connections")


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released together; return their results (or exceptions) in order."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # reported by the test, not lost in the thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_starts_at_once_give_one_attempt():
    student, quiz = UserFactory(), QuizFactory()
    QuestionFactory(quiz=quiz)
    now = timezone.now()

    first, second = at_once(
        lambda: attempt_start(student=student, quiz=quiz, now=now),
        lambda: attempt_start(student=student, quiz=quiz, now=now),
    )

    assert isinstance(first, Attempt) and isinstance(second, Attempt)
    assert first.pk == second.pk
    assert Attempt.objects.filter(student=student, quiz=quiz).count() == 1
    assert Response.objects.filter(attempt=first).count() == 1


def test_two_submits_at_once_grade_the_attempt_once():
    student, quiz = UserFactory(), QuizFactory()
    question = QuestionFactory(quiz=quiz)
    right, wrong = question.choices.get(text="Right"), question.choices.get(text="Wrong")
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    now = timezone.now()

    outcomes = at_once(
        lambda: attempt_submit(attempt=attempt, answers={question.pk: scoring.Answer(selected={right.pk})}, now=now),
        lambda: attempt_submit(attempt=attempt, answers={question.pk: scoring.Answer(selected={wrong.pk})}, now=now),
    )

    assert sorted(outcome.graded_now for outcome in outcomes) == [False, True]
    winner = next(outcome for outcome in outcomes if outcome.graded_now)
    attempt.refresh_from_db()
    assert attempt.score == winner.attempt.score
    response = Response.objects.get(attempt=attempt)
    chosen = {o.choice_id for o in response.options.all() if o.selected}
    assert chosen == ({right.pk} if attempt.score == 1 else {wrong.pk})
    assert response.points == attempt.score
