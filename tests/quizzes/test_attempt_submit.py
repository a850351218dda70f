"""Submitting and saving answers through the question page: graded once, stored, never dropped."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz, Response
from quizzes.models.attempt import SUBMISSION_GRACE
from quizzes.services import attempt_submit
from tests.factories import quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import all_correct, answer_controls, paper, post_data, response_for, saved_state

pytestmark = pytest.mark.django_db


def attempt_url(attempt) -> str:
    return reverse("quizzes:attempt", kwargs={"pk": attempt.pk})


def result_url(attempt) -> str:
    return reverse("quizzes:result", kwargs={"pk": attempt.pk})


def question(quiz: Quiz, order: int):
    return quiz.questions.get(order=order)


# Grading every type -------------------------------------------------------------------------------------


def test_answering_every_question_correctly_scores_full_marks(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)

    student_client.post(attempt_url(attempt), all_correct(attempt))

    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (10, 10, 100, True)
    assert all(r.is_correct and r.points == r.question.points for r in paper(attempt))


# (question order in quiz_with_every_type, answer in plain terms, points earned of the question's points)
ANSWERS = {
    "single choice right": (1, "Right", "1.00"),
    "single choice wrong": (1, "Wrong", "0.00"),
    "true or false wrong": (2, "False", "0.00"),
    "multiple answers two of three": (3, ["Turkey", "France"], "1.33"),
    "multiple answers with a wrong tick": (3, ["Turkey", "France", "Spain"], "0.67"),
    "multiple answers only the wrong one": (3, ["Spain"], "0.00"),
    "short text without accents or capitals": (4, "  ramon MERCADER. ", "1.00"),
    "short text, the other accepted answer": (4, "Mercader", "1.00"),
    "short text wrong": (4, "Trotsky", "0.00"),
    "numeric written as a decimal": (5, "1929.0", "1.00"),
    "numeric off by one": (5, "1930", "0.00"),
    "ordering right": (6, ["Lenin dies", "Trotsky is exiled", "Trotsky is killed"], "2.00"),
    "ordering with one pair swapped": (6, ["Lenin dies", "Trotsky is killed", "Trotsky is exiled"], "1.33"),
    "ordering reversed": (6, ["Trotsky is killed", "Trotsky is exiled", "Lenin dies"], "0.00"),
    "matching right": (
        7,
        {"Stalin": "Socialism in One Country", "Trotsky": "International revolution"},
        "2.00",
    ),
    "matching half right": (7, {"Stalin": "Socialism in One Country", "Trotsky": "Socialism in One Country"}, "1.00"),
    "matching swapped": (7, {"Stalin": "International revolution", "Trotsky": "Socialism in One Country"}, "0.00"),
}


@pytest.mark.parametrize(("order", "answer", "points"), ANSWERS.values(), ids=ANSWERS.keys())
def test_each_question_type_is_graded_through_the_page(student_client, start, order, answer, points):
    quiz = quiz_with_every_type()
    attempt = start(quiz)
    asked = question(quiz, order)

    student_client.post(attempt_url(attempt), post_data(attempt, {asked: answer}))

    response = response_for(attempt, asked)
    assert response.points == Decimal(points)
    assert response.is_correct == (Decimal(points) == asked.points)
    attempt.refresh_from_db()
    assert attempt.score == Decimal(points)


def test_the_result_is_stored_on_the_attempt(student_client, start):
    quiz = quiz_with_every_type(pass_mark=60)
    attempt = start(quiz)
    before = timezone.now()

    student_client.post(
        attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Right", question(quiz, 5): "1929"})
    )

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (2, 10, 20, False)
    assert before <= attempt.submitted_at <= timezone.now()


def test_submitting_redirects_to_the_result_page(student_client, start):
    attempt = start(quiz_with_every_type())

    page = student_client.post(attempt_url(attempt), all_correct(attempt))

    assert page.status_code == 302
    assert page.url == result_url(attempt)


def test_missing_answers_score_zero_as_unanswered(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)

    page = student_client.post(attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Right"}), follow=True)

    unanswered = [r for r in paper(attempt) if r.question.order != 1]
    assert all(r.points == 0 and r.is_correct is False for r in unanswered)
    assert "6 questions were left unanswered and score 0." in text_content(page)
    assert text_content(page).count("not answered") == 6


# Submitting once ------------------------------------------------------------------------------------------


def test_a_second_submit_grades_once_and_shows_the_first_result(student_client, start):
    attempt = start(quiz_with_every_type())
    data = all_correct(attempt)
    student_client.post(attempt_url(attempt), data)
    first = saved_state(attempt)

    page = student_client.post(attempt_url(attempt), data, follow=True)

    assert page.redirect_chain == [(result_url(attempt), 302)]
    assert "This attempt was already submitted. Here is its result." in text_content(page)
    assert saved_state(attempt) == first


def test_a_submitted_attempt_cannot_be_changed_by_posting_other_answers(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)
    student_client.post(attempt_url(attempt), all_correct(attempt))
    first = saved_state(attempt)

    student_client.post(attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Wrong", question(quiz, 4): "x"}))

    assert saved_state(attempt) == first
    attempt.refresh_from_db()
    assert attempt.score == 10


def test_a_submitted_attempt_cannot_be_changed_by_saving(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)
    student_client.post(attempt_url(attempt), all_correct(attempt))
    first = saved_state(attempt)

    page = student_client.post(
        attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Wrong"}, action="save"), follow=True
    )

    assert page.redirect_chain == [(result_url(attempt), 302)]
    assert saved_state(attempt) == first


def test_the_submit_service_grades_a_repeat_submission_only_once(start):
    attempt = start(quiz_with_every_type())
    now = timezone.now()
    first = attempt_submit(attempt=attempt, answers={}, now=now)

    second = attempt_submit(attempt=attempt, answers={}, now=now + timedelta(seconds=1))

    assert (first.graded_now, second.graded_now) == (True, False)
    assert second.attempt.submitted_at == now


# Late submissions -------------------------------------------------------------------------------------------


def test_a_submission_after_the_deadline_is_kept_and_marked_overdue(student_client, start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    attempt = start(quiz, now=timezone.now() - timedelta(hours=1))

    page = student_client.post(attempt_url(attempt), all_correct(attempt), follow=True)

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.OVERDUE
    assert (attempt.score, attempt.percent, attempt.passed) == (10, 100, True)
    assert "It was submitted after the time limit." in text_content(page)


def test_an_overdue_submission_earns_no_points_when_the_quiz_says_so(student_client, start):
    quiz = quiz_with_every_type(time_limit_minutes=10, overdue_policy=Quiz.OverduePolicy.NO_POINTS)
    attempt = start(quiz, now=timezone.now() - timedelta(hours=1))

    page = student_client.post(attempt_url(attempt), all_correct(attempt), follow=True)

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.OVERDUE
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (0, 10, 0, False)
    assert "a late attempt earns no points on this quiz" in text_content(page)


def test_an_overdue_submission_keeps_every_answer(student_client, start):
    quiz = quiz_with_every_type(time_limit_minutes=10, overdue_policy=Quiz.OverduePolicy.NO_POINTS)
    attempt = start(quiz, now=timezone.now() - timedelta(hours=1))

    student_client.post(attempt_url(attempt), all_correct(attempt))

    kept = {r.question.order: r for r in paper(attempt)}
    assert kept[4].text_answer == "Ramón Mercader"
    assert [o.selected for o in kept[1].options.all()] == [True, False]
    assert all(r.is_correct for r in kept.values())


def test_a_submission_within_the_grace_after_the_deadline_is_on_time(start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    now = timezone.now()
    attempt = start(quiz, now=now)

    outcome = attempt_submit(attempt=attempt, answers={}, now=attempt.deadline + SUBMISSION_GRACE)

    assert outcome.attempt.state == Attempt.State.SUBMITTED


def test_a_submission_just_after_the_grace_is_overdue(start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    attempt = start(quiz, now=timezone.now())

    late = attempt.deadline + SUBMISSION_GRACE + timedelta(seconds=1)
    outcome = attempt_submit(attempt=attempt, answers={}, now=late)

    assert outcome.attempt.state == Attempt.State.OVERDUE
    assert outcome.attempt.submitted_at == late


# Saving for later -------------------------------------------------------------------------------------------


def test_saving_keeps_the_answers_without_grading(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)

    page = student_client.post(attempt_url(attempt), all_correct(attempt, action="save"), follow=True)

    assert page.redirect_chain == [(attempt_url(attempt), 302)]
    assert "Your answers are saved." in text_content(page)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and attempt.score is None
    saved = {r.question.order: r for r in paper(attempt)}
    assert saved[4].text_answer == "Ramón Mercader"
    assert all(r.points is None and r.is_correct is None for r in saved.values())


def test_saved_answers_reappear_on_the_question_page(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)
    data = all_correct(attempt, action="save")
    student_client.post(attempt_url(attempt), data)

    controls = answer_controls(student_client.get(attempt_url(attempt)))

    shown: dict[str, str | list[str]] = {}
    for control in controls:
        if control.type == "radio" and control.checked:
            shown[control.name] = control.value
        elif control.type == "checkbox" and control.checked:
            shown.setdefault(control.name, []).append(control.value)
        elif control.type == "text":
            shown[control.name] = control.value
        elif control.tag == "select":
            shown[control.name] = next(value for value, _text, selected in control.options if selected)
    assert shown == {name: value for name, value in data.items() if name != "action"}


def test_saving_then_submitting_grades_the_submitted_answers(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)
    student_client.post(attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Wrong"}, action="save"))

    student_client.post(attempt_url(attempt), post_data(attempt, {question(quiz, 1): "Right"}))

    attempt.refresh_from_db()
    assert attempt.score == 1


def test_saving_after_the_deadline_submits_the_answers_as_late(student_client, start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    attempt = start(quiz, now=timezone.now() - timedelta(hours=1))

    page = student_client.post(attempt_url(attempt), all_correct(attempt, action="save"), follow=True)

    assert page.redirect_chain == [(result_url(attempt), 302)]
    assert "Time was up, so your saved answers were submitted as late." in text_content(page)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (Attempt.State.OVERDUE, 10)
    assert Response.objects.get(attempt=attempt, question__order=4).text_answer == "Ramón Mercader"


def test_the_question_page_warns_when_time_is_up(student_client, start):
    attempt = start(quiz_with_every_type(time_limit_minutes=10), now=timezone.now() - timedelta(hours=1))

    page = student_client.get(attempt_url(attempt))

    assert "Time is up. Submit now: your answers will be kept and marked as late." in text_content(page)
