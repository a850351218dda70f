"""Exporting each shipped quiz as GIFT and importing the file gives the same questions, in every field GIFT carries."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from quizzes.gift import parse_gift, quiz_as_gift
from quizzes.gift.importing import ImportTarget, gift_import
from quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db

BANK_QUIZZES = ["final", "section-1", "section-2", "section-3", "section-4", "section-5", "section-6"]


@pytest.fixture
def bank(db):
    call_command("load_essay", verbosity=0)
    call_command("load_questions", verbosity=0)


def carried(question: Question) -> tuple:
    """Everything about a question that GIFT writes down."""
    choices = [
        (
            c.text,
            c.is_correct,
            c.match_text,
            c.order,
            c.feedback if question.type in ("single", "multiple", "true_false") else "",
        )
        for c in question.choices.order_by("order", "pk")
    ]
    accepted = [(a.text, a.number, a.tolerance) for a in question.accepted_answers.order_by("pk")]
    grading = question.ordering_grading if question.type == Question.Type.ORDERING else None
    return (question.type, question.prompt, question.points, question.explanation, grading, choices, accepted)


def test_the_shipped_bank_has_the_quizzes_this_test_expects(bank):
    assert sorted(Quiz.objects.values_list("slug", flat=True)) == BANK_QUIZZES


@pytest.mark.parametrize("slug", BANK_QUIZZES)
def test_each_shipped_quiz_survives_an_export_and_an_import(bank, slug):
    original = Quiz.objects.get(slug=slug)
    fresh = Quiz.objects.create(title=f"Copy of {original.title}", slug=f"copy-of-{slug}")

    report = gift_import(parsed=parse_gift(quiz_as_gift(original)), target=ImportTarget.into_quiz(fresh.slug))

    assert (report.errors, report.skipped, report.duplicates, report.warnings) == ((), (), (), ())
    originals = [carried(q) for q in original.questions.order_by("order", "pk")]
    assert [carried(q) for q in fresh.questions.order_by("order", "pk")] == originals


def test_the_whole_bank_round_trip_covers_every_question_type(bank):
    assert set(Question.objects.values_list("type", flat=True)) == set(Question.Type.values)
