"""A question's preview in the admin shows it as a student sees it, grades a try with the scoring
module, and saves nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from quizzes.models import Attempt, Question, Response, ResponseOption
from tests.factories import (
    QuestionFactory,
    QuizFactory,
    UserFactory,
    matching_question,
    numeric_question,
    ordering_question,
    short_text_question,
)
from tests.html import text_content
from tests.quizzes.papers import answer_controls, shown_order

pytestmark = pytest.mark.django_db

SEED = "12345"


def preview_url(question: Question) -> str:
    return reverse("admin:quizzes_question_preview", args=[question.pk])


@pytest.fixture
def question() -> Question:
    return QuestionFactory(
        quiz=QuizFactory(shuffle_choices=False),
        prompt="Where did Trotsky land first in exile?",
        choices=[("Turkey", True), ("Norway", False), ("Mexico", False)],
        explanation="Prinkipo, an island off Istanbul.",
    )


def try_answer(client, question: Question, data: dict) -> str:
    page = client.post(preview_url(question), {"seed": SEED, **data})
    assert page.status_code == 200
    return text_content(page.content.decode())


# What the teacher sees -------------------------------------------------------------------------------


def test_the_preview_shows_the_question_as_a_student_sees_it(teacher_client, question):
    page = teacher_client.get(preview_url(question))

    assert shown_order(page) == [("q1", ["Turkey", "Norway", "Mexico"])]
    text = text_content(page.content.decode())
    assert "Question 1 (1 point) Where did Trotsky land first in exile?" in text
    assert "Choose one answer." in text


def test_the_preview_uses_the_students_own_template(teacher_client, question):
    page = teacher_client.get(preview_url(question))

    assert "quizzes/includes/questions.html" in [template.name for template in page.templates]


def test_the_preview_does_not_give_the_answer_away_before_a_try(teacher_client, question):
    page = teacher_client.get(preview_url(question))

    assert "Prinkipo" not in page.content.decode()


def test_the_preview_shuffles_the_choices_when_the_quiz_does(teacher_client, question):
    question.quiz.shuffle_choices = True
    question.quiz.save()
    orders = {tuple(shown_order(teacher_client.get(preview_url(question)))[0][1]) for _ in range(12)}

    assert len(orders) > 1
    assert all(sorted(order) == ["Mexico", "Norway", "Turkey"] for order in orders)


def test_the_question_page_links_to_its_preview(teacher_client, question):
    page = teacher_client.get(reverse("admin:quizzes_question_change", args=[question.pk]))

    assert preview_url(question) in page.content.decode()


def test_the_preview_stays_within_its_budget(teacher_client, question, django_assert_max_num_queries):
    # session, user, the question with its quiz, its choices, its accepted answers, the teacher's
    # permissions (two): 7. Trying an answer adds none.
    with django_assert_max_num_queries(7):
        page = teacher_client.post(preview_url(question), {"seed": SEED, "q1": "1"})
    assert page.status_code == 200


# Trying an answer ------------------------------------------------------------------------------------


def test_a_right_try_is_graded_correct_with_the_points_and_the_explanation(teacher_client, question):
    text = try_answer(teacher_client, question, {"q1": "1"})

    assert "Correct 1 of 1 points Explanation: Prinkipo, an island off Istanbul." in text


def test_a_wrong_try_is_graded_not_right_with_no_points(teacher_client, question):
    text = try_answer(teacher_client, question, {"q1": "2"})

    assert "Not right 0 of 1 points" in text


def test_a_blank_try_is_graded_not_answered(teacher_client, question):
    text = try_answer(teacher_client, question, {})

    assert "Not answered 0 of 1 points" in text


def test_the_try_stays_ticked_on_the_page(teacher_client, question):
    page = teacher_client.post(preview_url(question), {"seed": SEED, "q1": "2"})

    ticked = [control.label for control in answer_controls(page) if control.checked]
    assert ticked == ["Norway"]


def test_a_try_on_a_shuffled_question_is_graded_against_the_order_shown(teacher_client, question):
    question.quiz.shuffle_choices = True
    question.quiz.save()
    shown = teacher_client.post(preview_url(question), {"seed": SEED})
    turkey = next(c.value for c in answer_controls(shown) if c.label == "Turkey")

    text = try_answer(teacher_client, question, {"q1": turkey})

    assert "Correct" in text


def test_a_multiple_answer_try_earns_partial_credit(teacher_client):
    question = QuestionFactory(
        type=Question.Type.MULTIPLE,
        points=Decimal(2),
        quiz=QuizFactory(shuffle_choices=False),
        choices=[("Turkey", True), ("France", True), ("Spain", False)],
    )

    text = try_answer(teacher_client, question, {"q1": ["1"]})

    assert "Partly right 1 of 2 points" in text


def test_a_short_text_try_is_graded_like_a_students(teacher_client):
    question = short_text_question(QuizFactory(), "Ramón Mercader")

    assert "Correct" in try_answer(teacher_client, question, {"q1": "ramon mercader"})


def test_a_numeric_try_must_be_a_number(teacher_client):
    question = numeric_question(QuizFactory(), "1940")

    text = try_answer(teacher_client, question, {"q1": "nineteen forty"})

    assert "Enter a number" in text
    assert "Correct" not in text and "Not right" not in text


def test_an_ordering_try_is_graded_against_the_correct_order(teacher_client):
    question = ordering_question(QuizFactory(), "Lenin dies", "Trotsky is exiled", "Trotsky is killed")
    shown = teacher_client.post(preview_url(question), {"seed": SEED})
    position = {c.label: c.name for c in answer_controls(shown)}
    data = {position["Lenin dies"]: "1", position["Trotsky is exiled"]: "2", position["Trotsky is killed"]: "3"}

    assert "Correct 2 of 2 points" in try_answer(teacher_client, question, data)


def test_a_matching_try_is_graded_per_prompt(teacher_client):
    question = matching_question(QuizFactory(shuffle_choices=False), ("Stalin", "Socialism"), ("Trotsky", "Revolution"))
    shown = teacher_client.get(preview_url(question))
    selects = {c.label: c for c in answer_controls(shown)}
    value = {text: value for value, text, _selected in selects["Stalin"].options}

    text = try_answer(
        teacher_client,
        question,
        {selects["Stalin"].name: value["Socialism"], selects["Trotsky"].name: value["Socialism"]},
    )

    assert "Partly right 1 of 2 points" in text


def test_trying_an_answer_creates_no_attempt_or_response(teacher_client, question):
    try_answer(teacher_client, question, {"q1": "1"})

    assert (Attempt.objects.count(), Response.objects.count(), ResponseOption.objects.count()) == (0, 0, 0)


# Bad requests and access -----------------------------------------------------------------------------


def test_an_answer_field_no_question_has_is_a_bad_request(teacher_client, question):
    page = teacher_client.post(preview_url(question), {"seed": SEED, "q9": "1"})

    assert page.status_code == 400


def test_a_malformed_seed_is_a_bad_request(teacher_client, question):
    page = teacher_client.post(preview_url(question), {"seed": "abc", "q1": "1"})

    assert page.status_code == 400


def test_a_missing_question_is_not_found(teacher_client):
    assert teacher_client.get(reverse("admin:quizzes_question_preview", args=[999999])).status_code == 404


def test_staff_who_may_not_view_questions_are_refused(client, question):
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_quiz"))
    client.force_login(clerk)

    assert client.get(preview_url(question)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_admin_login(client, question):
    page = client.get(preview_url(question))

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))


def test_students_are_sent_to_the_admin_login(student_client, question):
    page = student_client.get(preview_url(question))

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))
