"""An attempt's paper as plain values: what it presented, in order, and what the student answered.

Loaded with one or two queries of plain columns and no model instances (for
one attempt or a thousand), it is what the question page shows, the submit
validates, records and grades, and a regrade grades again. Answer keys (which choices are correct, what is
accepted) are loaded only when asked for, and never reach a template that
renders an unsubmitted attempt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Value

from history_site.prepared import PreparedQuery
from quizzes import scoring
from quizzes.models import AcceptedAnswer, Response


# Named tuples rather than dataclasses: a submit builds ~200 options twice, and a
# regrade of a thousand attempts 200,000; a tuple is made several times faster.
class PaperOption(NamedTuple):
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


class PaperQuestion(NamedTuple):
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
        kind = self.type
        choosing, ordering, matching = kind in scoring.CHOICE_TYPES, kind == scoring.ORDERING, kind == scoring.MATCHING
        selected, positions, matches = answer.selected, answer.positions, answer.matches
        presented = {o.choice_id for o in self.options} if matching else set()
        return PaperQuestion(
            *self[:7],
            text_answer=answer.text if kind in scoring.TYPED_TYPES else "",
            options=tuple(
                PaperOption(
                    *o[:6],
                    selected=choosing and o.choice_id in selected,
                    given_position=positions.get(o.choice_id) if ordering else None,
                    matched_to_id=m if matching and (m := matches.get(o.choice_id)) in presented else None,
                    correct=o.correct,
                )
                for o in self.options
            ),
            texts=self.texts,
            numbers=self.numbers,
        )


PAPER_COLUMNS = (
    "attempt_id",
    "id",
    "position",
    "question_id",
    "question__type",
    "question__prompt",
    "question__points",
    "question__ordering_grading",
    "text_answer",
    # The options, joined: one row per option, or one row of NULLs for a typed question.
    "options__id",
    "options__position",
    "options__choice_id",
    "options__choice__text",
    "options__choice__match_text",
    "options__choice__order",
    "options__selected",
    "options__given_position",
    "options__matched_to_id",
)


ACCEPTED_COLUMNS = ("question_id", "text", "number", "tolerance")


# What only the page shows: grading and recording need neither, and a 40-question paper
# repeats each prompt on every option's row (most of the time spent reading it).
TEXT_COLUMNS = frozenset({"question__prompt", "options__choice__text"})


def _paper_rows(*, with_keys: bool, with_texts: bool) -> PreparedQuery:
    columns = [column if with_texts or column not in TEXT_COLUMNS else Value("") for column in PAPER_COLUMNS]
    if with_keys:
        columns.append("options__choice__is_correct")
    return PreparedQuery(
        lambda attempt: (
            Response.objects.filter(attempt_id=attempt).order_by("position", "options__position").values_list(*columns)
        )
    )


# One attempt's paper is read on every question page's first view, save and submit: prepared.
_PAPERS = {
    (with_keys, with_texts): _paper_rows(with_keys=with_keys, with_texts=with_texts)
    for with_keys in (False, True)
    for with_texts in (False, True)
}
_ACCEPTED = PreparedQuery(
    lambda attempt: (
        AcceptedAnswer.objects.filter(question__responses__attempt_id=attempt)
        .order_by("pk")
        .values_list(*ACCEPTED_COLUMNS)
    )
)


def load_paper(attempt_id: int, *, with_keys: bool = False, with_texts: bool = True) -> list[PaperQuestion]:
    """The attempt's questions in the order shown. One query, two with keys (when it has typed questions).
    Without texts, prompts and choice texts are left empty: enough to validate, record and grade."""
    rows = _PAPERS[with_keys, with_texts].rows(attempt=attempt_id)
    return _papers(
        [attempt_id],
        rows,
        accepted=lambda question_ids: _ACCEPTED.rows(attempt=attempt_id),
        with_keys=with_keys,
    )[attempt_id]


def load_papers(attempt_ids: Iterable[int], *, with_keys: bool = False) -> dict[int, list[PaperQuestion]]:
    """Each attempt's questions in the order shown, by attempt id (an empty list for an attempt
    without questions). One query for any number of attempts, two with keys."""
    attempt_ids = list(attempt_ids)
    columns = PAPER_COLUMNS + (("options__choice__is_correct",) if with_keys else ())
    rows = (
        Response.objects.filter(attempt_id__in=attempt_ids)
        .order_by("attempt_id", "position", "options__position")
        .values_list(*columns)
    )

    def accepted(question_ids: set[int]):
        return AcceptedAnswer.objects.filter(question_id__in=question_ids).order_by("pk").values_list(*ACCEPTED_COLUMNS)

    return _papers(attempt_ids, rows, accepted=accepted, with_keys=with_keys)


def _papers(
    attempt_ids: list[int],
    paper_rows: Iterable[Sequence],
    *,
    accepted: Callable[[set[int]], Iterable[Sequence]],
    with_keys: bool,
) -> dict[int, list[PaperQuestion]]:
    """Papers from rows of PAPER_COLUMNS (ordered by attempt, position, option position), and
    with keys, the accepted answers of their typed questions (`accepted(question ids)`)."""
    rows: list[Sequence] = []  # one per question: the question's columns
    options_by_response: dict[int, list[PaperOption]] = defaultdict(list)
    for row in paper_rows:
        if not rows or rows[-1][1] != row[1]:
            rows.append(row[:9])
        if row[9] is not None:
            options_by_response[row[1]].append(PaperOption(*row[9:18], correct=bool(with_keys and row[18])))
    texts: dict[int, list[str]] = defaultdict(list)
    numbers: dict[int, list[scoring.NumericRange]] = defaultdict(list)
    typed = {row[3] for row in rows if row[4] in scoring.TYPED_TYPES}
    if with_keys and typed:
        for question_id, text, number, tolerance in accepted(typed):
            if number is None:
                texts[question_id].append(text)
            else:
                numbers[question_id].append(scoring.NumericRange(number, tolerance))
    papers: dict[int, list[PaperQuestion]] = {attempt_id: [] for attempt_id in attempt_ids}
    for attempt_id, response_id, position, question_id, kind, prompt, points, grading, text_answer in rows:
        papers[attempt_id].append(
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
        )
    return papers
