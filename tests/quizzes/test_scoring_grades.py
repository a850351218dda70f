"""What every question type shares: the Grade it returns and how grade_response
treats unknown types, missing answers and answers of the wrong shape."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import (
    ALL_TYPES,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    Answer,
    AnswerKey,
    Grade,
    NumericRange,
    Option,
    grade_response,
)

KEYS = {
    SINGLE: AnswerKey(type=SINGLE, points=Decimal(1), options=(Option(1, True), Option(2))),
    TRUE_FALSE: AnswerKey(type=TRUE_FALSE, points=Decimal(1), options=(Option(1, True), Option(2))),
    MULTIPLE: AnswerKey(type=MULTIPLE, points=Decimal(1), options=(Option(1, True), Option(2, True), Option(3))),
    SHORT_TEXT: AnswerKey(type=SHORT_TEXT, points=Decimal(1), texts=("Ramón Mercader",)),
    NUMERIC: AnswerKey(type=NUMERIC, points=Decimal(1), numbers=(NumericRange(Decimal(1940)),)),
    ORDERING: AnswerKey(type=ORDERING, points=Decimal(1), options=(Option(1), Option(2), Option(3))),
    MATCHING: AnswerKey(
        type=MATCHING, points=Decimal(1), options=(Option(1, match="Assassin"), Option(2, match="Painter"))
    ),
}


def test_every_question_type_has_a_key_here():
    assert set(KEYS) == ALL_TYPES


def test_an_unknown_question_type_is_refused():
    with pytest.raises(ValueError, match="essay"):
        grade_response(AnswerKey(type="essay", points=Decimal(1)), Answer(text="Trotsky"))


def test_an_unknown_question_type_is_refused_even_without_an_answer():
    with pytest.raises(ValueError):
        grade_response(AnswerKey(type="", points=Decimal(1)), None)


@pytest.mark.parametrize("kind", sorted(ALL_TYPES))
def test_no_answer_is_unanswered_for_every_type(kind):
    result = grade_response(KEYS[kind], None)

    assert result == Grade(Decimal("0.00"), Decimal(1), answered=False)
    assert result.status == "unanswered"


@pytest.mark.parametrize("kind", sorted(ALL_TYPES))
def test_a_malformed_answer_never_raises_and_earns_nothing(kind):
    garbage = Answer(
        selected=frozenset({99, -1}),
        text="nineteen forty " * 7000,
        positions={99: 1, 98: 1},
        matches={99: 98, 1: 99, 2: -5},
    )

    result = grade_response(KEYS[kind], garbage)

    assert result.answered
    assert result.points == 0


def test_a_grade_with_every_point_is_correct():
    grade = Grade(Decimal("2.00"), Decimal(2))

    assert grade.correct
    assert grade.status == "correct"


def test_a_grade_with_some_points_is_partial():
    grade = Grade(Decimal("0.01"), Decimal(2))

    assert not grade.correct
    assert grade.status == "partial"


def test_an_answered_grade_with_no_points_is_incorrect():
    grade = Grade(Decimal("0.00"), Decimal(2))

    assert not grade.correct
    assert grade.status == "incorrect"


def test_an_unanswered_grade_is_never_correct():
    grade = Grade(Decimal("0.00"), Decimal(0), answered=False)

    assert not grade.correct
    assert grade.status == "unanswered"


def test_a_grade_cannot_be_changed_after_grading():
    grade = Grade(Decimal(1), Decimal(1))

    with pytest.raises(AttributeError):
        grade.points = Decimal(0)
