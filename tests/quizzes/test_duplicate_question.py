"""Duplicating questions from the question list: a copy with its whole answer key, right after the
original, which the question-bank loader never touches."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from quizzes.authoring import question_duplicate
from quizzes.models import AcceptedAnswer, Choice, Question
from tests.factories import QuestionFactory, QuizFactory, UserFactory, matching_question, numeric_question

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:quizzes_question_changelist")


@pytest.fixture
def quiz():
    return QuizFactory()


@pytest.fixture
def question(quiz) -> Question:
    question = QuestionFactory(
        quiz=quiz,
        order=2,
        prompt="Where did Trotsky land first?",
        points=Decimal(2),
        explanation="Prinkipo.",
        choices=[("Turkey", True), ("Norway", False)],
    )
    Question.objects.filter(pk=question.pk).update(source_key="exile-1", source_checksum="abc")
    question.refresh_from_db()
    return question


def duplicate(client, *questions: Question):
    return client.post(CHANGELIST, {"action": "duplicate", "_selected_action": [q.pk for q in questions]}, follow=True)


def copy_of(question: Question) -> Question:
    return Question.objects.get(prompt=f"Copy of {question.prompt}")


# The copy --------------------------------------------------------------------------------------------


def test_the_copy_keeps_the_questions_settings(question):
    copy = question_duplicate(question=question)

    fields = ("quiz_id", "type", "points", "explanation", "section_id", "passage", "ordering_grading", "order")
    assert [getattr(copy, name) for name in fields] == [getattr(question, name) for name in fields]


def test_the_copys_prompt_starts_with_copy_of(question):
    copy = question_duplicate(question=question)

    assert copy.prompt == "Copy of Where did Trotsky land first?"


def test_the_copy_has_no_source_key_so_the_loader_never_touches_it(question):
    copy = question_duplicate(question=question)

    assert (copy.source_key, copy.source_checksum) == ("", "")


def test_the_original_is_left_as_it_was(question):
    question_duplicate(question=question)

    question.refresh_from_db()
    assert (question.prompt, question.source_key) == ("Where did Trotsky land first?", "exile-1")


def test_the_copy_has_its_own_choices_with_the_same_key(question):
    copy = question_duplicate(question=question)

    copied = list(copy.choices.values_list("text", "is_correct", "order"))
    assert copied == list(question.choices.values_list("text", "is_correct", "order"))
    assert not set(copy.choices.values_list("pk", flat=True)) & set(question.choices.values_list("pk", flat=True))


def test_the_copy_has_the_matching_pairs(quiz):
    question = matching_question(quiz)

    copy = question_duplicate(question=question)

    assert list(copy.choices.values_list("text", "match_text")) == list(
        question.choices.values_list("text", "match_text")
    )


def test_the_copy_has_the_accepted_answers(quiz):
    question = numeric_question(quiz, "1940", "1")

    copy = question_duplicate(question=question)

    assert list(copy.accepted_answers.values_list("number", "tolerance")) == [(Decimal("1940"), Decimal("1"))]
    assert AcceptedAnswer.objects.count() == 2


def test_the_copy_comes_right_after_the_original(quiz, question):
    before = QuestionFactory(quiz=quiz, order=1)
    after = QuestionFactory(quiz=quiz, order=3)

    copy = question_duplicate(question=question)

    assert list(quiz.questions.all()) == [before, question, copy, after]


def test_copying_renumbers_no_other_question(quiz, question):
    after = QuestionFactory(quiz=quiz, order=3)

    question_duplicate(question=question)

    after.refresh_from_db()
    assert after.order == 3


# The admin action ------------------------------------------------------------------------------------


def test_the_action_copies_every_selected_question(teacher_client, quiz, question):
    other = QuestionFactory(quiz=quiz, order=5, prompt="Where did he die?")

    duplicate(teacher_client, question, other)

    assert copy_of(question).choices.count() == 2
    assert copy_of(other).order == 5
    assert Question.objects.count() == 4


def test_the_action_says_what_it_did(teacher_client, question):
    page = duplicate(teacher_client, question)

    [message] = [str(m) for m in get_messages(page.wsgi_request)]
    assert message.startswith("Copied 1 question. The copy comes right after its original")


def test_the_action_copies_all_or_nothing(teacher_client, quiz, question):
    other = QuestionFactory(quiz=quiz, order=5)
    real_bulk_create = Choice.objects.bulk_create
    calls = []

    def fail_second(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_bulk_create(objs, *args, **kwargs)

    with mock.patch.object(Choice.objects, "bulk_create", side_effect=fail_second), pytest.raises(RuntimeError):
        duplicate(teacher_client, question, other)

    assert Question.objects.count() == 2


def test_staff_who_may_not_add_questions_are_not_offered_the_action(client, question):
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(clerk)

    page = client.get(CHANGELIST)

    action_form = page.context["action_form"]
    assert "duplicate" not in dict(action_form.fields["action"].choices if action_form else [])
    duplicate(client, question)
    assert Question.objects.count() == 1
