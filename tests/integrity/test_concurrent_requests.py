"""Requests at the same moment: a class submitting together, a double click, two tabs.

Real concurrent connections and row locks, so PostgreSQL only (skipped on SQLite,
with the reason printed). Each thread opens its own connection, waits at a barrier
so that the requests really collide, and closes its connection before the test ends.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from functools import partial

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import scoring, services
from quizzes.models import Attempt, Question, Response
from quizzes.services import SubmitOutcome, attempt_start, attempt_submit
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory, UserFactory, quiz_with_every_type
from tests.integrity.threads import THREAD_TIMEOUT, at_once, raised
from tests.quizzes.papers import correct_answer, paper, post_data, saved_state

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgresql")]

CLASS_SIZE = 50


def signed_in(student) -> Client:
    client = Client()
    client.force_login(student)
    return client


def attempt_url(attempt: Attempt) -> str:
    return reverse("quizzes:attempt", kwargs={"pk": attempt.pk})


def result_url(attempt: Attempt) -> str:
    return reverse("quizzes:result", kwargs={"pk": attempt.pk})


def answers_to(question: Question, **answer) -> dict[int, scoring.Answer]:
    return {question.pk: scoring.Answer(**answer)}


# A class submitting in the same minute -------------------------------------------------------------------


def test_fifty_students_submitting_at_once_are_all_graded_and_none_is_lost():
    quiz = quiz_with_every_type()
    students = [UserFactory() for _ in range(CLASS_SIZE)]
    attempts = [attempt_start(student=student, quiz=quiz, now=timezone.now()) for student in students]
    # Student n answers rightly the questions whose bit is set in n (question order 1 is bit 0), and
    # leaves the others blank: fifty different mixes, so a result landing on the wrong attempt shows.
    posts, expected = [], []
    for n, attempt in enumerate(attempts):
        right = [r for r in paper(attempt) if n >> (r.question.order - 1) & 1]
        posts.append(post_data(attempt, {r.question: correct_answer(r) for r in right}))
        expected.append(sum((r.question.points for r in right), Decimal(0)))
    clients = [signed_in(student) for student in students]

    pages = at_once(
        *(partial(client.post, attempt_url(a), data) for client, a, data in zip(clients, attempts, posts, strict=True))
    )

    assert raised(pages) == []
    assert [(page.status_code, page.url) for page in pages] == [(302, result_url(a)) for a in attempts]
    finished = Attempt.objects.in_bulk([a.pk for a in attempts])
    assert [finished[a.pk].state for a in attempts] == [Attempt.State.SUBMITTED] * CLASS_SIZE
    assert [finished[a.pk].score for a in attempts] == expected
    assert Response.objects.filter(attempt__in=attempts).count() == CLASS_SIZE * 7
    assert not Response.objects.filter(attempt__in=attempts, points__isnull=True).exists()


# One attempt submitted twice at once ---------------------------------------------------------------------


def test_the_same_attempt_submitted_from_two_connections_is_graded_once():
    student, quiz = UserFactory(), QuizFactory()
    question = QuestionFactory(quiz=quiz)
    right, wrong = question.choices.get(text="Right"), question.choices.get(text="Wrong")
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    then = timezone.now()

    outcomes = at_once(
        lambda: attempt_submit(attempt=attempt, answers=answers_to(question, selected={right.pk}), now=then),
        lambda: attempt_submit(attempt=attempt, answers=answers_to(question, selected={wrong.pk}), now=then),
    )

    assert raised(outcomes) == []
    assert sorted(outcome.graded_now for outcome in outcomes) == [False, True]
    winner = next(outcome for outcome in outcomes if outcome.graded_now)
    attempt.refresh_from_db()
    assert attempt.score == winner.attempt.score
    response = Response.objects.get(attempt=attempt)
    chosen = {option.choice_id for option in response.options.all() if option.selected}
    assert chosen == ({right.pk} if attempt.score == 1 else {wrong.pk})
    assert response.points == attempt.score


def test_eight_submits_of_one_attempt_at_once_write_the_winners_answers_and_result_only():
    student, quiz = UserFactory(), quiz_with_every_type()
    typed = quiz.questions.get(order=4)  # short text: each submitter types its own answer
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    start = timezone.now()
    moments = [start + timedelta(seconds=n) for n in range(8)]  # the result's time tells whose write stands

    outcomes = at_once(
        *(
            partial(attempt_submit, attempt=attempt, answers=answers_to(typed, text=f"Submitter {n}"), now=moment)
            for n, moment in enumerate(moments)
        )
    )

    assert raised(outcomes) == []
    assert [isinstance(outcome, SubmitOutcome) and outcome.graded_now for outcome in outcomes].count(True) == 1
    winner = next(n for n, outcome in enumerate(outcomes) if outcome.graded_now)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.submitted_at) == (Attempt.State.SUBMITTED, moments[winner])
    assert {outcome.attempt.submitted_at for outcome in outcomes} == {moments[winner]}
    assert Response.objects.get(attempt=attempt, question=typed).text_answer == f"Submitter {winner}"
    assert not Response.objects.filter(attempt=attempt, points__isnull=True).exists()


def test_a_submit_arriving_after_the_race_changes_no_row():
    student, quiz = UserFactory(), quiz_with_every_type()
    typed = quiz.questions.get(order=4)
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    submit = partial(attempt_submit, attempt=attempt, answers=answers_to(typed, text="Mercader"))
    at_once(partial(submit, now=timezone.now()), partial(submit, now=timezone.now()))
    graded = saved_state(attempt)

    late = attempt_submit(attempt=attempt, answers=answers_to(typed, text="Trotsky"), now=timezone.now())

    assert late.graded_now is False
    assert saved_state(attempt) == graded


def test_a_double_click_on_submit_grades_once_and_both_clicks_land_on_the_result():
    student, quiz = UserFactory(), quiz_with_every_type()
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    first, second = signed_in(student), signed_in(student)
    right = post_data(attempt, {r.question: correct_answer(r) for r in paper(attempt)})

    pages = at_once(partial(first.post, attempt_url(attempt), right), partial(second.post, attempt_url(attempt), {}))

    assert [(page.status_code, page.url) for page in pages] == [(302, result_url(attempt))] * 2
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score in (Decimal(10), Decimal(0))  # all of one click's answers, none of the other's
    assert {r.points == r.question.points for r in paper(attempt)} == {attempt.score == 10}


def test_without_the_row_lock_the_conditional_update_still_grades_the_attempt_once(monkeypatch):
    """The last guard: even if the lock were lost, `UPDATE … WHERE state = 'in_progress'`
    lets one submit through and rolls the other back, answers included."""
    student, quiz = UserFactory(), QuizFactory()
    question = QuestionFactory(quiz=quiz)
    right, wrong = question.choices.get(text="Right"), question.choices.get(text="Wrong")
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    both_read = threading.Barrier(2)

    def read_without_locking(attempt: Attempt) -> Attempt:
        current = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        both_read.wait(timeout=THREAD_TIMEOUT)  # both submits have now seen the attempt in progress
        return current

    monkeypatch.setattr(services, "_lock", read_without_locking)
    then = timezone.now()

    outcomes = at_once(
        lambda: attempt_submit(attempt=attempt, answers=answers_to(question, selected={right.pk}), now=then),
        lambda: attempt_submit(attempt=attempt, answers=answers_to(question, selected={wrong.pk}), now=then),
    )

    assert raised(outcomes) == []
    assert sorted(outcome.graded_now for outcome in outcomes) == [False, True]
    winner = outcomes[0] if outcomes[0].graded_now else outcomes[1]
    winning_choice = right if winner is outcomes[0] else wrong
    response = Response.objects.get(attempt=attempt)
    assert [option.choice_id for option in response.options.all() if option.selected] == [winning_choice.pk]
    assert response.points == Attempt.objects.get(pk=attempt.pk).score == winner.attempt.score


# Two starts at once ---------------------------------------------------------------------------------------


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


def test_two_start_requests_at_once_lead_both_tabs_to_one_attempt():
    student, quiz = UserFactory(), quiz_with_every_type()
    tabs = [signed_in(student), signed_in(student)]
    start_url = reverse("quizzes:start", kwargs={"slug": quiz.slug})

    pages = at_once(*(partial(tab.post, start_url) for tab in tabs))

    attempt = Attempt.objects.get(student=student, quiz=quiz)
    assert [(page.status_code, page.url) for page in pages] == [(302, attempt_url(attempt))] * 2
    assert attempt.number == 1
    assert Response.objects.filter(attempt=attempt).count() == 7


# The database constraints, when the services are bypassed ----------------------------------------------


def test_two_in_progress_attempts_inserted_at_once_without_the_service_are_refused_by_the_database():
    student, quiz = UserFactory(), QuizFactory()
    now = timezone.now()

    results = at_once(
        lambda: Attempt.objects.create(student=student, quiz=quiz, number=1, started_at=now),
        lambda: Attempt.objects.create(student=student, quiz=quiz, number=2, started_at=now),
    )

    assert [type(error) for error in raised(results)] == [IntegrityError]
    assert "attempt_one_in_progress_per_student_quiz" in str(raised(results)[0])
    assert Attempt.objects.filter(student=student, quiz=quiz).count() == 1


def test_two_responses_to_one_question_inserted_at_once_are_refused_by_the_database():
    attempt = AttemptFactory()
    question = QuestionFactory(quiz=attempt.quiz)

    results = at_once(
        lambda: Response.objects.create(attempt=attempt, question=question, position=1),
        lambda: Response.objects.create(attempt=attempt, question=question, position=2),
    )

    assert [type(error) for error in raised(results)] == [IntegrityError]
    assert "response_one_per_attempt_question" in str(raised(results)[0])
    assert Response.objects.filter(attempt=attempt).count() == 1


def test_a_submit_in_progress_locks_its_attempt_but_not_its_quiz():
    """Otherwise every submit to a quiz would wait for the one before it."""
    from django.db import connections, transaction

    quiz = quiz_with_every_type()
    attempt = attempt_start(student=UserFactory(), quiz=quiz, now=timezone.now())
    with transaction.atomic():
        services._lock(attempt)  # as a submit does, until its transaction ends
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT 1 FROM quizzes_quiz WHERE id = %s FOR UPDATE NOWAIT", [quiz.pk])
                cursor.execute("ROLLBACK")
                cursor.execute("BEGIN")
                with pytest.raises(Exception, match="could not obtain lock"):
                    cursor.execute("SELECT 1 FROM quizzes_attempt WHERE id = %s FOR UPDATE NOWAIT", [attempt.pk])
                cursor.execute("ROLLBACK")
        finally:
            other.close()
