"""The question admin checks each type's answer key with a message a teacher understands, and saves
nothing until it is right; students' attempts are there to look at, not to edit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from quizzes.models import AcceptedAnswer, Attempt, Choice, Question, Quiz
from tests.factories import QuestionFactory, QuizFactory, quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import all_correct

pytestmark = pytest.mark.django_db


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@dataclass(frozen=True)
class Row:
    """One inline row: a choice (text, correct, match) or an accepted answer (text, number, tolerance)."""

    text: str = ""
    correct: bool = False
    match: str = ""
    number: str = ""
    tolerance: str = ""


def question_form(quiz: Quiz, kind: str, choices=(), accepted=(), *, question: Question | None = None) -> dict:
    """The question admin's POST: the question's fields and both inline formsets.

    On a change form, the question's existing choices and accepted answers come first, kept as they are.
    """
    existing_choices = list(question.choices.all()) if question else []
    existing_accepted = list(question.accepted_answers.all()) if question else []
    data = {
        "quiz": quiz.pk,
        "order": 1,
        "type": kind,
        "prompt": question.prompt if question else "Where did Trotsky live in exile?",
        "points": "1",
        "explanation": "",
        "section": "",
        "passage": "",
        "ordering_grading": Question.OrderingGrading.PAIRS,
    }
    rows = [(c, Row(c.text, c.is_correct, c.match_text)) for c in existing_choices] + [(None, r) for r in choices]
    data |= management_form("choices", total=len(rows), initial=len(existing_choices))
    for n, (instance, row) in enumerate(rows):
        prefix = f"choices-{n}-"
        data |= {f"{prefix}order": n + 1, f"{prefix}text": row.text, f"{prefix}match_text": row.match}
        data |= {f"{prefix}feedback": "", f"{prefix}id": instance.pk if instance else ""}
        data[f"{prefix}question"] = question.pk if question else ""
        if row.correct:
            data[f"{prefix}is_correct"] = "on"
    answers = [(a, Row(a.text, number=str(a.number or ""), tolerance=str(a.tolerance))) for a in existing_accepted]
    answers += [(None, r) for r in accepted]
    data |= management_form("accepted_answers", total=len(answers), initial=len(existing_accepted))
    for n, (instance, row) in enumerate(answers):
        prefix = f"accepted_answers-{n}-"
        data |= {f"{prefix}text": row.text, f"{prefix}number": row.number, f"{prefix}tolerance": row.tolerance or "0"}
        data |= {f"{prefix}id": instance.pk if instance else "", f"{prefix}question": question.pk if question else ""}
    return data


def management_form(prefix: str, *, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


@pytest.fixture
def quiz():
    return QuizFactory()


def saved_rows() -> tuple[int, int, int]:
    return Question.objects.count(), Choice.objects.count(), AcceptedAnswer.objects.count()


# Refused answer keys -----------------------------------------------------------------------------------------

SINGLE, MULTIPLE, TRUE_FALSE = Question.Type.SINGLE, Question.Type.MULTIPLE, Question.Type.TRUE_FALSE
SHORT_TEXT, NUMERIC = Question.Type.SHORT_TEXT, Question.Type.NUMERIC
ORDERING, MATCHING = Question.Type.ORDERING, Question.Type.MATCHING

REFUSED = {
    "single choice with two correct": (
        SINGLE,
        [Row("Alma-Ata", True), Row("Prinkipo", True)],
        [],
        "A single-choice question needs exactly one correct choice (2 ticked).",
    ),
    "single choice with none correct": (
        SINGLE,
        [Row("Alma-Ata"), Row("Prinkipo")],
        [],
        "A single-choice question needs exactly one correct choice (0 ticked).",
    ),
    "multiple answers with none correct": (
        MULTIPLE,
        [Row("Turkey"), Row("Spain")],
        [],
        "A multiple-answer question needs at least one correct choice.",
    ),
    "true or false with three choices": (
        TRUE_FALSE,
        [Row("True", True), Row("False"), Row("Maybe")],
        [],
        "A true-or-false question needs exactly two choices: True and False.",
    ),
    "ordering with two items": (
        ORDERING,
        [Row("Lenin dies"), Row("Trotsky is killed")],
        [],
        "An ordering question needs at least three items, listed in the correct order.",
    ),
    "short text with no accepted answer": (
        SHORT_TEXT,
        [],
        [],
        "A short-text question needs at least one accepted answer.",
    ),
    "numeric with no accepted number": (
        NUMERIC,
        [],
        [],
        "A number question needs at least one accepted number.",
    ),
    "numeric with text instead of a number": (
        NUMERIC,
        [],
        [Row("nineteen forty")],
        "A number question needs at least one accepted number.",
    ),
    "matching with one pair": (
        MATCHING,
        [Row("Stalin", match="Socialism in One Country")],
        [],
        "A matching question needs at least two pairs, each with a prompt and its match.",
    ),
    "matching with a prompt missing its match": (
        MATCHING,
        [
            Row("Stalin", match="Socialism in One Country"),
            Row("Trotsky", match="International revolution"),
            Row("Lenin"),
        ],
        [],
        "Every matching prompt needs its match, and every match its prompt.",
    ),
    "short text with a choices row": (
        SHORT_TEXT,
        [Row("Mercader", True)],
        [Row("Mercader")],
        "This type uses accepted answers, not choices: remove the choices.",
    ),
    "single choice with an accepted answer": (
        SINGLE,
        [Row("Alma-Ata", True), Row("Prinkipo")],
        [Row("Alma-Ata")],
        "This type uses choices, not accepted answers: remove the accepted answers.",
    ),
}


@pytest.mark.parametrize(("kind", "choices", "accepted", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_new_question_with_a_wrong_answer_key_is_refused_with_a_message(
    admin_client, quiz, kind, choices, accepted, message
):
    before = saved_rows()

    page = admin_client.post(admin_url(Question, "add"), question_form(quiz, kind, choices, accepted))

    assert page.status_code == 200
    assert message in text_content(page)
    assert saved_rows() == before


def test_changing_a_questions_type_without_changing_its_answers_is_refused(admin_client, quiz):
    question = QuestionFactory(quiz=quiz)  # single choice: Right, Wrong
    before = saved_rows()

    page = admin_client.post(
        admin_url(Question, "change", question.pk),
        question_form(quiz, SHORT_TEXT, accepted=[Row("Right")], question=question),
    )

    assert "This type uses accepted answers, not choices: remove the choices." in text_content(page)
    assert saved_rows() == before
    question.refresh_from_db()
    assert question.type == SINGLE


def test_unticking_the_only_correct_choice_is_refused(admin_client, quiz):
    question = QuestionFactory(quiz=quiz)
    data = question_form(quiz, SINGLE, question=question)
    del data["choices-0-is_correct"]

    page = admin_client.post(admin_url(Question, "change", question.pk), data)

    assert "A single-choice question needs exactly one correct choice (0 ticked)." in text_content(page)
    assert question.choices.filter(is_correct=True).count() == 1


def test_deleting_the_only_correct_choice_is_refused(admin_client, quiz):
    question = QuestionFactory(quiz=quiz)
    data = question_form(quiz, SINGLE, [Row("Another wrong one")], question=question)
    data["choices-0-DELETE"] = "on"

    page = admin_client.post(admin_url(Question, "change", question.pk), data)

    assert "A single-choice question needs exactly one correct choice (0 ticked)." in text_content(page)
    assert list(question.choices.values_list("text", flat=True)) == ["Right", "Wrong"]


def test_a_passage_not_in_the_section_is_refused(admin_client, quiz):
    data = question_form(quiz, SINGLE, [Row("Alma-Ata", True), Row("Prinkipo")])
    data |= {"section": quiz.section.pk, "passage": "Words the section never says."}
    before = saved_rows()

    page = admin_client.post(admin_url(Question, "add"), data)

    assert "These words do not appear in the section's text" in text_content(page)
    assert saved_rows() == before


# Accepted answer keys -------------------------------------------------------------------------------------------

ACCEPTED = {
    "single choice": (SINGLE, [Row("Alma-Ata", True), Row("Prinkipo")], []),
    "true or false": (TRUE_FALSE, [Row("True"), Row("False", True)], []),
    "multiple answers": (MULTIPLE, [Row("Turkey", True), Row("France", True), Row("Spain")], []),
    "short text": (SHORT_TEXT, [], [Row("Ramón Mercader"), Row("Mercader")]),
    "numeric": (NUMERIC, [], [Row(number="1940", tolerance="1")]),
    "ordering": (ORDERING, [Row("Lenin dies"), Row("Trotsky is exiled"), Row("Trotsky is killed")], []),
    "matching": (
        MATCHING,
        [Row("Stalin", match="Socialism in One Country"), Row("Trotsky", match="International revolution")],
        [],
    ),
}


@pytest.mark.parametrize(("kind", "choices", "accepted"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_a_valid_question_of_each_type_is_saved(admin_client, quiz, kind, choices, accepted):
    page = admin_client.post(admin_url(Question, "add"), question_form(quiz, kind, choices, accepted))

    assert page.status_code == 302, text_content(page)
    question = Question.objects.get(quiz=quiz)
    assert question.type == kind
    assert [c.text for c in question.choices.all()] == [row.text for row in choices]
    assert question.accepted_answers.count() == len(accepted)


def test_a_valid_change_to_a_question_is_saved(admin_client, quiz):
    question = QuestionFactory(quiz=quiz)

    admin_client.post(
        admin_url(Question, "change", question.pk), question_form(quiz, SINGLE, [Row("Also wrong")], question=question)
    )

    assert list(question.choices.values_list("text", flat=True)) == ["Right", "Wrong", "Also wrong"]


# Lists, filters and search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [{}, {"q": "Question"}, {"type__exact": "single"}, {"quiz__id__exact": "QUIZ"}, {"section__id__exact": "SECTION"}],
    ids=["all", "search", "by-type", "by-quiz", "by-section"],
)
def test_the_question_list_filters_and_searches(admin_client, query):
    quiz = quiz_with_every_type()
    values = {"QUIZ": str(quiz.pk), "SECTION": str(quiz.section_id)}

    page = admin_client.get(admin_url(Question, "changelist"), {k: values.get(v, v) for k, v in query.items()})

    assert page.status_code == 200
    assert page.context["cl"].result_count == (1 if "type__exact" in query else 7)


def test_the_question_forms_open(admin_client):
    question = QuestionFactory()

    assert admin_client.get(admin_url(Question, "add")).status_code == 200
    assert admin_client.get(admin_url(Question, "change", question.pk)).status_code == 200


def test_the_quiz_list_and_form_open(admin_client):
    quiz = quiz_with_every_type()

    assert admin_client.get(admin_url(Quiz, "changelist"), {"q": quiz.title}).status_code == 200
    assert admin_client.get(admin_url(Quiz, "change", quiz.pk)).status_code == 200


# Attempts are read-only ------------------------------------------------------------------------------------------


@pytest.fixture
def submitted(student_client, start):
    attempt = start(quiz_with_every_type())
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), all_correct(attempt))
    attempt.refresh_from_db()
    return attempt


@pytest.mark.parametrize(
    "query",
    [{}, {"q": "ada"}, {"state__exact": "submitted"}, {"passed__exact": "1"}, {"quiz__id__exact": "QUIZ"}],
    ids=["all", "search", "by-state", "by-passed", "by-quiz"],
)
def test_the_attempt_list_filters_and_searches(admin_client, submitted, query):
    values = {"QUIZ": str(submitted.quiz_id)}

    page = admin_client.get(admin_url(Attempt, "changelist"), {k: values.get(v, v) for k, v in query.items()})

    assert page.status_code == 200
    assert page.context["cl"].result_count == 1


def test_an_attempt_can_be_viewed_with_its_answers(admin_client, submitted):
    page = admin_client.get(admin_url(Attempt, "change", submitted.pk))

    assert page.status_code == 200
    text = text_content(page)
    assert "Ramón Mercader" in text
    assert "Stalin → Socialism in One Country" in text
    assert 'name="_save"' not in page.content.decode()


def test_attempts_cannot_be_added_in_the_admin(admin_client, submitted):
    assert admin_client.get(admin_url(Attempt, "add")).status_code == 403


def test_attempts_cannot_be_changed_in_the_admin(admin_client, submitted):
    page = admin_client.post(admin_url(Attempt, "change", submitted.pk), {"score": "0", "state": "in_progress"})

    assert page.status_code == 403
    submitted.refresh_from_db()
    assert submitted.score == 10


def test_attempts_cannot_be_deleted_in_the_admin(admin_client, submitted):
    assert admin_client.post(admin_url(Attempt, "delete", submitted.pk), {"post": "yes"}).status_code == 403
    assert Attempt.objects.filter(pk=submitted.pk).exists()


def test_the_attempt_list_offers_no_bulk_delete(admin_client, submitted):
    page = admin_client.get(admin_url(Attempt, "changelist"))

    assert "delete_selected" not in page.content.decode()


# What students were shown stays -------------------------------------------------------------------------------


def test_deleting_a_choice_a_student_was_shown_is_refused_with_a_message(admin_client, start):
    quiz = QuizFactory()
    question = QuestionFactory(quiz=quiz, choices=[("Right", True), ("Wrong", False), ("Also wrong", False)])
    start(quiz)
    data = question_form(quiz, SINGLE, question=question)
    data["choices-2-DELETE"] = "on"

    page = admin_client.post(admin_url(Question, "change", question.pk), data)

    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in text_content(page)
    assert question.choices.count() == 3


def test_deleting_a_question_a_student_answered_is_refused_with_a_message(admin_client, start):
    quiz = QuizFactory()
    question = QuestionFactory(quiz=quiz)
    start(quiz)

    page = admin_client.post(admin_url(Question, "delete", question.pk), {"post": "yes"})

    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in text_content(page)
    assert Question.objects.filter(pk=question.pk).exists()
