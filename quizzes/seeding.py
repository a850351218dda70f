"""Synthetic quizzes and answers for benchmarks: a quiz of any size that mixes
all seven question types, and a complete set of answers for an attempt.

Used by the benchmark commands only; the shipped content comes from the
question bank.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from lessons.models import Section
from quizzes import scoring
from quizzes.models import AcceptedAnswer, Choice, Question, Quiz, Response

TYPE_CYCLE = (
    scoring.SINGLE,
    scoring.MULTIPLE,
    scoring.TRUE_FALSE,
    scoring.SHORT_TEXT,
    scoring.NUMERIC,
    scoring.ORDERING,
    scoring.MATCHING,
)


@transaction.atomic
def seed_quiz(*, slug: str, questions: int, section: Section | None = None, **settings) -> Quiz:
    """A published quiz of `questions` questions cycling through every type (replaces one with the same slug)."""
    Quiz.objects.filter(slug=slug, attempts__isnull=True).delete()
    quiz = Quiz.objects.create(
        title=f"Benchmark quiz ({questions} questions)", slug=slug, section=section, is_published=True, **settings
    )
    made = Question.objects.bulk_create(
        [
            Question(
                quiz=quiz,
                order=n,
                type=TYPE_CYCLE[n % len(TYPE_CYCLE)],
                prompt=f"Question {n}: which is right?",
                points=Decimal(2)
                if TYPE_CYCLE[n % len(TYPE_CYCLE)] in (scoring.ORDERING, scoring.MATCHING, scoring.MULTIPLE)
                else Decimal(1),
                explanation="Because the essay says so.",
                section=section,
            )
            for n in range(1, questions + 1)
        ]
    )
    choices, accepted = [], []
    for question in made:
        kind = question.type
        if kind == scoring.SINGLE:
            choices += [Choice(question=question, text=f"Option {k}", is_correct=k == 1, order=k) for k in range(1, 5)]
        elif kind == scoring.MULTIPLE:
            choices += [Choice(question=question, text=f"Option {k}", is_correct=k <= 2, order=k) for k in range(1, 5)]
        elif kind == scoring.TRUE_FALSE:
            choices += [
                Choice(question=question, text="True", is_correct=True, order=1),
                Choice(question=question, text="False", order=2),
            ]
        elif kind == scoring.SHORT_TEXT:
            accepted += [
                AcceptedAnswer(question=question, text="Ramón Mercader"),
                AcceptedAnswer(question=question, text="Mercader"),
            ]
        elif kind == scoring.NUMERIC:
            accepted.append(AcceptedAnswer(question=question, number=Decimal(1940)))
        elif kind == scoring.ORDERING:
            choices += [Choice(question=question, text=f"Event {k}", order=k) for k in range(1, 5)]
        else:
            choices += [
                Choice(question=question, text=f"Person {k}", match_text=f"Role {k}", order=k) for k in range(1, 4)
            ]
    Choice.objects.bulk_create(choices)
    AcceptedAnswer.objects.bulk_create(accepted)
    return quiz


def correct_post(responses: list[Response]) -> dict[str, str | list[str]]:
    """Form data answering every question of a paper (loaded with `for_paper()`) correctly."""
    data: dict[str, str | list[str]] = {"action": "submit"}
    for response in responses:
        name, kind = f"q{response.position}", response.question.type
        options = list(response.options.all())
        correct_order = sorted(options, key=lambda o: (o.choice.order, o.choice_id))
        if kind in (scoring.SINGLE, scoring.TRUE_FALSE):
            data[name] = next(str(o.position) for o in options if o.choice.is_correct)
        elif kind == scoring.MULTIPLE:
            data[name] = [str(o.position) for o in options if o.choice.is_correct]
        elif kind == scoring.SHORT_TEXT:
            data[name] = "ramon mercader"
        elif kind == scoring.NUMERIC:
            data[name] = "1940"
        elif kind == scoring.ORDERING:
            for o in options:
                data[f"{name}-item{o.position}"] = str(correct_order.index(o) + 1)
        else:
            texts = sorted({o.choice.match_text for o in options}, key=str.casefold)
            for o in options:
                data[f"{name}-match{o.position}"] = str(texts.index(o.choice.match_text) + 1)
    return data
