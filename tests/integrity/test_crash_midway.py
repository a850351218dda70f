"""A crash between grading and saving leaves no half-graded attempt.

Each test breaks one write in the middle of a save or a submit and checks that
everything written before it in the same transaction was rolled back: the
attempt is still in progress, no response has points, the options are as they
were. The tests commit for real (transaction=True), so the rollback is the
transaction's, not a savepoint inside the test's own.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, Response
from quizzes.services import attempt_save, attempt_submit
from tests.factories import UserFactory, quiz_with_every_type
from tests.quizzes.papers import all_correct, correct_answer, paper, post_data, saved_state, submit_at

pytestmark = pytest.mark.django_db(transaction=True)


class Crash(DatabaseError):
    """What the database (or the server under it) might raise half-way: a lost connection, a full disk."""


@pytest.fixture
def student():
    return UserFactory(username="ada")


@pytest.fixture
def attempt(student):
    return services.attempt_start(student=student, quiz=quiz_with_every_type(), now=timezone.now())


@pytest.fixture
def answered(attempt) -> dict:
    """Every question answered rightly, as the question page posts it."""
    return all_correct(attempt)


def crash_on_write(monkeypatch, number: int) -> list[str]:
    """Make the `number`th multi-row write of the services (1 = the first) raise; earlier ones go through.
    Returns the tables written before the crash."""
    real = services.update_rows
    written: list[str] = []

    def failing(model, fields, rows):
        if len(written) + 1 == number:
            raise Crash("connection lost")
        real(model, fields, rows)
        written.append(model._meta.db_table)

    monkeypatch.setattr(services, "update_rows", failing)
    return written


def crash_on_attempt_update(monkeypatch) -> None:
    """Make the attempt's closing UPDATE raise, after every response has been graded and written."""
    real = services.update_row

    def failing(model, pk, values, **kwargs):
        if model is Attempt and "score" in values:
            raise Crash("connection lost")
        return real(model, pk, values, **kwargs)

    monkeypatch.setattr(services, "update_row", failing)


def assert_untouched(attempt: Attempt, before) -> None:
    after = saved_state(attempt)
    assert after.attempt[0] == Attempt.State.IN_PROGRESS
    assert not Response.objects.filter(attempt=attempt, points__isnull=False).exists()
    assert after == before


def test_a_crash_while_writing_the_points_leaves_the_attempt_in_progress_with_its_options_as_before(
    monkeypatch, attempt, answered
):
    before = saved_state(attempt)
    written = crash_on_write(monkeypatch, 2)  # the options are written, then the points fail

    with pytest.raises(Crash):
        submit_at(attempt, answered, now=timezone.now())

    assert written == ["quizzes_responseoption"]
    assert_untouched(attempt, before)


def test_a_crash_while_closing_the_attempt_rolls_back_every_graded_response(monkeypatch, attempt, answered):
    before = saved_state(attempt)
    crash_on_attempt_update(monkeypatch)

    with pytest.raises(Crash):
        submit_at(attempt, answered, now=timezone.now())

    assert_untouched(attempt, before)


def test_a_crash_while_saving_the_typed_answers_keeps_none_of_the_saved_choices(monkeypatch, attempt):
    typed, choice = attempt.quiz.questions.get(order=4), attempt.quiz.questions.get(order=1)
    before = saved_state(attempt)
    written = crash_on_write(monkeypatch, 2)  # the options are saved, then the typed answers fail
    answers = {typed.pk: services.scoring.Answer(text="Mercader")}
    answers[choice.pk] = services.scoring.Answer(selected=frozenset({choice.choices.get(text="Right").pk}))

    with pytest.raises(Crash):
        attempt_save(attempt=attempt, answers=answers, now=timezone.now())

    assert written == ["quizzes_responseoption"]
    assert_untouched(attempt, before)
    assert Attempt.objects.get(pk=attempt.pk).answers_saved_at is None


def test_after_a_crash_the_same_answers_can_be_submitted_again_and_are_graded_in_full(monkeypatch, attempt, answered):
    crash_on_write(monkeypatch, 2)
    with pytest.raises(Crash):
        submit_at(attempt, answered, now=timezone.now())
    monkeypatch.undo()

    finished = submit_at(attempt, answered, now=timezone.now())

    assert (finished.state, finished.score, finished.max_score) == (Attempt.State.SUBMITTED, 10, 10)
    assert all(r.points == r.question.points for r in paper(attempt))


def test_a_crash_during_a_submit_through_the_page_is_an_error_page_and_changes_nothing(
    monkeypatch, student, attempt, answered
):
    client = Client(raise_request_exception=False)
    client.force_login(student)
    before = saved_state(attempt)
    crash_on_attempt_update(monkeypatch)

    page = client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), answered)

    assert page.status_code == 500
    assert_untouched(attempt, before)


def test_a_crash_during_a_save_through_the_page_changes_nothing(monkeypatch, student, attempt):
    client = Client(raise_request_exception=False)
    client.force_login(student)
    rows = paper(attempt)
    data = post_data(attempt, {r.question: correct_answer(r) for r in rows}, action="save")
    before = saved_state(attempt)
    crash_on_write(monkeypatch, 2)

    page = client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), data)

    assert page.status_code == 500
    assert_untouched(attempt, before)


def test_a_crash_in_one_students_submit_leaves_another_students_submit_whole(monkeypatch, attempt, answered):
    other = services.attempt_start(student=UserFactory(), quiz=attempt.quiz, now=timezone.now())
    crash_on_attempt_update(monkeypatch)
    with pytest.raises(Crash):
        submit_at(attempt, answered, now=timezone.now())
    monkeypatch.undo()

    outcome = attempt_submit(attempt=other, answers={}, now=timezone.now())

    assert outcome.graded_now
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS
    assert not Response.objects.filter(attempt=other, points__isnull=True).exists()
