"""Comforts for teachers writing questions: a preview, where a question is used, a copy.

The preview is a paper of one question built in memory, never saved: the question
page's own form, rows and template draw it, and scoring grades the teacher's try,
so what the teacher sees is what a student sees and gets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Max

from quizzes import scoring
from quizzes.models import AcceptedAnswer, Choice, Question, Response
from quizzes.paper import PaperOption, PaperQuestion
from quizzes.services import _presentation_order

# Preview rows have no database rows behind them.
NO_ROW = 0


def preview_paper(question: Question, *, rng: random.Random) -> list[PaperQuestion]:
    """The question as an attempt would present it, as question 1: choices in the teacher's order,
    or shuffled by `rng` when the quiz shuffles them (ordering items always are)."""
    choices = _presentation_order(question, shuffle=question.quiz.shuffle_choices, rng=rng)
    key = question.answer_key()
    return [
        PaperQuestion(
            response_id=NO_ROW,
            position=1,
            question_id=question.pk,
            type=question.type,
            prompt=question.prompt,
            points=question.points,
            all_or_nothing=key.all_or_nothing,
            text_answer="",
            options=tuple(
                PaperOption(NO_ROW, n, c.pk, c.text, c.match_text, c.order, correct=c.is_correct)
                for n, c in enumerate(choices, start=1)
            ),
            texts=key.texts,
            numbers=key.numbers,
        )
    ]


def preview_grade(question: Question, answer: scoring.Answer) -> scoring.Grade:
    """What a student giving `answer` would earn, graded against the question's whole key."""
    return scoring.grade_response(question.answer_key(), answer)


@dataclass(frozen=True)
class QuestionUsage:
    attempts: int  # attempts that presented the question, finished or not
    last_answered: datetime | None  # the latest submission of one of them

    @property
    def regrade_needed_after_key_change(self) -> bool:
        return self.attempts > 0


def question_usage(question: Question) -> QuestionUsage:
    """How many attempts presented the question and when one was last submitted. One query."""
    # One response per attempt and question, so counting responses counts attempts.
    usage = Response.objects.filter(question=question).aggregate(
        attempts=Count("pk"), last_answered=Max("attempt__submitted_at")
    )
    return QuestionUsage(attempts=usage["attempts"], last_answered=usage["last_answered"])


COPY_PREFIX = "Copy of "


def question_duplicate(*, question: Question) -> Question:
    """A copy of the question with its choices and accepted answers, right after it in its quiz.

    The copy has no source key, so the question-bank loader never updates or removes it.
    It takes the original's order number (questions sort by order, then by creation), so it
    comes right after the original without renumbering the questions that follow: renumbering
    would make the loader take every later bank question for one a teacher had edited.
    """
    with transaction.atomic():
        original_pk = question.pk
        copy = Question.objects.get(pk=original_pk)
        copy.pk = None
        copy._state.adding = True
        copy.source_key = copy.source_checksum = ""
        copy.prompt = f"{COPY_PREFIX}{question.prompt}"
        copy.save()
        Choice.objects.bulk_create(
            Choice(
                question=copy,
                text=c.text,
                match_text=c.match_text,
                is_correct=c.is_correct,
                feedback=c.feedback,
                order=c.order,
            )
            for c in Choice.objects.filter(question_id=original_pk).order_by("order", "pk")
        )
        AcceptedAnswer.objects.bulk_create(
            AcceptedAnswer(question=copy, text=a.text, number=a.number, tolerance=a.tolerance)
            for a in AcceptedAnswer.objects.filter(question_id=original_pk).order_by("pk")
        )
    return copy
