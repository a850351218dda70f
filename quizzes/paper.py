"""An attempt's paper as plain values: what it presented, in order, and what the student answered.

Loaded with two or three queries of plain columns and no model instances, it
is what the question page shows, the submit validates, records and grades, and
a regrade grades again. Answer keys (which choices are correct, what is
accepted) are loaded only when asked for, and never reach a template that
renders an unsubmitted attempt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from quizzes import scoring
from quizzes.models import AcceptedAnswer, Response, ResponseOption


@dataclass(frozen=True)
class PaperOption:
    id: int  # the ResponseOption row
    position: int  # where the attempt showed it (1 = first)
    choice_id: int
    text: str
    match_text: str
    order: int  # the teacher's order: for ordering questions, the correct one
    selected: bool = False
    given_position: int | None = None
    matched_to_id: int | None = None
    correct: bool = False  # known only on a paper loaded with keys


@dataclass(frozen=True)
class PaperQuestion:
    response_id: int
    position: int
    question_id: int
    type: str
    prompt: str
    points: Decimal
    all_or_nothing: bool
    text_answer: str
    options: tuple[PaperOption, ...]
    texts: tuple[str, ...] = ()  # accepted short-text answers (with keys)
    numbers: tuple[scoring.NumericRange, ...] = ()  # accepted numbers (with keys)

    @property
    def name(self) -> str:
        """The form field's name on the question page."""
        return f"q{self.position}"

    def match_texts(self) -> list[str]:
        """A matching question's answers as the page offers them: distinct and alphabetical, which reveals nothing."""
        return sorted({option.match_text for option in self.options if option.match_text}, key=str.casefold)

    def in_correct_order(self) -> list[PaperOption]:
        return sorted(self.options, key=lambda option: (option.order, option.choice_id))

    def answer_key(self) -> scoring.AnswerKey:
        """The key over the options this attempt presented (needs a paper loaded with keys)."""
        return scoring.AnswerKey(
            type=self.type,
            points=self.points,
            options=tuple(scoring.Option(o.choice_id, o.correct, o.match_text) for o in self.in_correct_order()),
            texts=self.texts,
            numbers=self.numbers,
            all_or_nothing=self.all_or_nothing,
        )

    def saved_answer(self) -> scoring.Answer:
        return scoring.Answer(
            selected=frozenset(o.choice_id for o in self.options if o.selected),
            text=self.text_answer,
            positions={o.choice_id: o.given_position for o in self.options if o.given_position is not None},
            matches={o.choice_id: o.matched_to_id for o in self.options if o.matched_to_id is not None},
        )

    def answered_with(self, answer: scoring.Answer) -> PaperQuestion:
        """This question with `answer` recorded. Only presented options can hold an answer, so
        anything else in it (a tampered id) is dropped here."""
        presented = {o.choice_id for o in self.options}
        kind = self.type
        return replace(
            self,
            text_answer=answer.text if kind in scoring.TYPED_TYPES else "",
            options=tuple(
                replace(
                    o,
                    selected=kind in scoring.CHOICE_TYPES and o.choice_id in answer.selected,
                    given_position=answer.positions.get(o.choice_id) if kind == scoring.ORDERING else None,
                    matched_to_id=(
                        m if kind == scoring.MATCHING and (m := answer.matches.get(o.choice_id)) in presented else None
                    ),
                )
                for o in self.options
            ),
        )


QUESTION_COLUMNS = (
    "id",
    "position",
    "question_id",
    "question__type",
    "question__prompt",
    "question__points",
    "question__ordering_grading",
    "text_answer",
)
OPTION_COLUMNS = (
    "id",
    "response_id",
    "position",
    "choice_id",
    "choice__text",
    "choice__match_text",
    "choice__order",
    "selected",
    "given_position",
    "matched_to_id",
)


def load_paper(attempt_id: int, *, with_keys: bool = False) -> list[PaperQuestion]:
    """The attempt's questions in the order shown. Two queries, three with keys."""
    options_by_response: dict[int, list[PaperOption]] = defaultdict(list)
    columns = OPTION_COLUMNS + (("choice__is_correct",) if with_keys else ())
    for row in (
        ResponseOption.objects.filter(response__attempt_id=attempt_id).order_by("position").values_list(*columns)
    ):
        options_by_response[row[1]].append(
            PaperOption(row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], with_keys and row[10])
        )
    rows = list(Response.objects.filter(attempt_id=attempt_id).order_by("position").values_list(*QUESTION_COLUMNS))
    texts: dict[int, list[str]] = defaultdict(list)
    numbers: dict[int, list[scoring.NumericRange]] = defaultdict(list)
    typed = [row[2] for row in rows if row[3] in scoring.TYPED_TYPES]
    if with_keys and typed:
        for question_id, text, number, tolerance in (
            AcceptedAnswer.objects.filter(question_id__in=typed)
            .order_by("pk")
            .values_list("question_id", "text", "number", "tolerance")
        ):
            if number is None:
                texts[question_id].append(text)
            else:
                numbers[question_id].append(scoring.NumericRange(number, tolerance))
    return [
        PaperQuestion(
            response_id=response_id,
            position=position,
            question_id=question_id,
            type=kind,
            prompt=prompt,
            points=points,
            all_or_nothing=grading == "all_or_nothing",
            text_answer=text_answer,
            options=tuple(options_by_response[response_id]),
            texts=tuple(texts[question_id]),
            numbers=tuple(numbers[question_id]),
        )
        for response_id, position, question_id, kind, prompt, points, grading, text_answer in rows
    ]
