"""A submitted attempt, question by question, as its result page shows it.

What a student may see is decided here once: their own answer and whether it
earned the points, always; the correct answer, the explanation and the
passage to reread, only when the quiz's review setting allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from quizzes import scoring
from quizzes.models import Response


@dataclass(frozen=True, slots=True)
class ShownOption:
    """A choice, ordering item or matching prompt as an attempt showed it, and what the student did with it."""

    choice_id: int
    text: str
    match_text: str = ""  # matching: the answer that belongs with this prompt
    selected: bool = False
    given_position: int | None = None
    matched_to_id: int | None = None  # matching: the prompt whose answer the student chose


def answer_given(kind: str, text_answer: str, options: list[ShownOption]) -> list[str]:
    """The student's answer, a line per part, as every review shows it (result page, admin, reports).

    `options` are the ones the attempt showed, in the order shown. An empty list means no answer.
    """
    if kind in scoring.CHOICE_TYPES:
        return [option.text for option in options if option.selected]
    if kind in scoring.TYPED_TYPES:
        return [text_answer] if text_answer else []
    if kind == scoring.ORDERING:
        placed = sorted((o for o in options if o.given_position), key=lambda o: o.given_position)
        return [f"{option.given_position}. {option.text}" for option in placed]
    matches = {option.choice_id: option.match_text for option in options}
    return [f"{o.text} → {matches[o.matched_to_id]}" for o in options if o.matched_to_id in matches]


@dataclass(frozen=True)
class ReviewItem:
    response: Response
    status: str  # correct, partial, incorrect, unanswered
    points: Decimal
    max_points: Decimal
    given: tuple[str, ...]
    correct_answer: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()
    explanation: str = ""
    show_answers: bool = False

    @property
    def question(self):
        return self.response.question


def _given_and_correct(response: Response) -> tuple[list[str], list[str], list[str]]:
    question, options = response.question, list(response.options.all())
    kind = question.type
    shown = [
        ShownOption(o.choice_id, o.choice.text, o.choice.match_text, o.selected, o.given_position, o.matched_to_id)
        for o in options
    ]
    given = answer_given(kind, response.text_answer, shown)
    if kind in scoring.CHOICE_TYPES:
        chosen = [o.choice for o in options if o.selected]
        return (
            given,
            [o.choice.text for o in options if o.choice.is_correct],
            [c.feedback for c in chosen if c.feedback],
        )
    if kind in scoring.TYPED_TYPES:
        return given, [str(a) for a in question.accepted_answers.all()], []
    if kind == scoring.ORDERING:
        correct = sorted(options, key=lambda o: (o.choice.order, o.choice_id))
        return given, [f"{n}. {o.choice.text}" for n, o in enumerate(correct, start=1)], []
    return given, [f"{o.choice.text} → {o.choice.match_text}" for o in options], []


def review_items(responses: list[Response], *, show_answers: bool) -> list[ReviewItem]:
    items = []
    for response in responses:
        given, correct, feedback = _given_and_correct(response)
        points = response.points if response.points is not None else Decimal(0)
        status = scoring.Grade(points, response.question.points, answered=bool(given)).status
        items.append(
            ReviewItem(
                response=response,
                status=status,
                points=points,
                max_points=response.question.points,
                given=tuple(given),
                correct_answer=tuple(correct) if show_answers else (),
                feedback=tuple(feedback) if show_answers else (),
                explanation=response.question.explanation if show_answers else "",
                show_answers=show_answers,
            )
        )
    return items
