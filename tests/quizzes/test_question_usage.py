"""Where a question is used, on its admin page: its quiz, its section, how many attempts presented it
and when it was last answered; and a warning that changing the key of an answered question needs a regrade."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from quizzes.authoring import QuestionUsage, question_usage
from quizzes.models import Question
from quizzes.services import attempt_start
from tests.factories import QuestionFactory, QuizFactory, UserFactory
from tests.html import links, text_content
from tests.quizzes.papers import submit_at
from tests.quizzes.test_admin_questions import question_form

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def question() -> Question:
    return QuestionFactory(quiz=QuizFactory(title="Exile"), prompt="Where did Trotsky land first?")


def change_url(question: Question) -> str:
    return reverse("admin:quizzes_question_change", args=[question.pk])


def take(question: Question, username: str, *, at, submit: bool = True):
    attempt = attempt_start(student=UserFactory(username=username), quiz=question.quiz, now=at)
    return submit_at(attempt, {}, now=at + timedelta(minutes=5)) if submit else attempt


# The numbers -----------------------------------------------------------------------------------------


def test_a_new_question_has_been_presented_in_no_attempt(question):
    assert question_usage(question) == QuestionUsage(attempts=0, last_answered=None)


def test_usage_counts_every_attempt_that_presented_the_question(question):
    take(question, "ada", at=NOW)
    take(question, "bob", at=NOW + timedelta(hours=1))
    take(question, "cy", at=NOW + timedelta(hours=2), submit=False)

    assert question_usage(question).attempts == 3


def test_usage_gives_when_the_question_was_last_answered(question):
    take(question, "ada", at=NOW)
    take(question, "bob", at=NOW + timedelta(hours=1))
    take(question, "cy", at=NOW + timedelta(hours=2), submit=False)

    assert question_usage(question).last_answered == NOW + timedelta(hours=1, minutes=5)


def test_usage_ignores_other_questions_attempts(question):
    take(QuestionFactory(), "ada", at=NOW)

    assert question_usage(question).attempts == 0


def test_usage_takes_one_query(question, django_assert_num_queries):
    take(question, "ada", at=NOW)

    with django_assert_num_queries(1):
        question_usage(question)


# The question's page ---------------------------------------------------------------------------------


def test_the_page_links_to_the_questions_quiz(teacher_client, question):
    page = teacher_client.get(change_url(question))

    quiz_url = reverse("admin:quizzes_quiz_change", args=[question.quiz_id])
    assert any(link.href == quiz_url and link.text == "Exile" for link in links(page))


def test_the_page_names_the_section_with_the_answer(teacher_client, question):
    page = teacher_client.get(change_url(question))

    section = question.section
    assert f"Section with the answer: {section.number}. {section.title}" in text_content(page.content.decode())


def test_the_page_says_how_many_attempts_presented_it_and_when_it_was_last_answered(teacher_client, question):
    take(question, "ada", at=NOW)
    take(question, "bob", at=NOW + timedelta(hours=1))

    page = teacher_client.get(change_url(question))

    when = timezone.localtime(NOW + timedelta(hours=1, minutes=5))
    assert f"Presented in 2 attempts; last answered on {when:%-d %B %Y, %H:%M}." in text_content(page.content.decode())


def test_the_page_says_when_no_student_has_had_the_question(teacher_client, question):
    page = teacher_client.get(change_url(question))

    text = text_content(page.content.decode())
    assert "No student has been given this question yet." in text
    assert "stored marks keep the old ones" not in text


def test_the_page_warns_that_changing_an_answered_questions_key_needs_a_regrade(teacher_client, question):
    take(question, "ada", at=NOW)

    page = teacher_client.get(change_url(question))

    assert "If you change its answer key or points, their stored marks keep the old ones" in text_content(
        page.content.decode()
    )
    assert reverse("admin:quizzes_quiz_regrade", args=[question.quiz_id]) in page.content.decode()


def test_the_page_with_its_usage_stays_within_its_budget(teacher_client, question, django_assert_max_num_queries):
    take(question, "ada", at=NOW)
    # session, user, the question with its quiz and section, the teacher's permissions (two), the
    # choices, the accepted answers, the usage, the quiz and section the autocomplete widgets show: 10.
    with django_assert_max_num_queries(10):
        page = teacher_client.get(change_url(question))
    assert page.status_code == 200


def corrected_key(question: Question) -> dict:
    """The question's admin form with the key swapped: "Wrong" is now the right answer."""
    data = question_form(question.quiz, "single", question=question)
    del data["choices-0-is_correct"]
    data["choices-1-is_correct"] = "on"
    return data


# After saving ----------------------------------------------------------------------------------------


def test_saving_a_new_key_for_an_answered_question_says_to_regrade(teacher_client, question):
    take(question, "ada", at=NOW)
    data = corrected_key(question)

    page = teacher_client.post(change_url(question), data, follow=True)

    assert any("Regrade the quiz's attempts" in str(m) for m in get_messages(page.wsgi_request))


def test_saving_a_key_nobody_answered_says_nothing_about_regrading(teacher_client, question):
    data = corrected_key(question)

    page = teacher_client.post(change_url(question), data, follow=True)

    assert not any("Regrade" in str(m) for m in get_messages(page.wsgi_request))
