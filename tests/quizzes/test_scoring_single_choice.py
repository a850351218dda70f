"""Single choice: full points for the one correct choice, nothing otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import SINGLE, Answer, AnswerKey, Grade, Option, grade_response

# Who killed Trotsky? 1 Sylvia Ageloff, 2 Ramón Mercader, 3 David Alfaro Siqueiros.
KEY = AnswerKey(type=SINGLE, points=Decimal(2), options=(Option(1), Option(2, correct=True), Option(3)))


def grade(*selected: int) -> Grade:
    return grade_response(KEY, Answer(selected=frozenset(selected)))


def test_the_correct_choice_earns_full_points():
    result = grade(2)

    assert result.points == Decimal("2.00")
    assert result.max_points == Decimal(2)
    assert result.answered
    assert result.correct
    assert result.status == "correct"


def test_points_are_given_to_the_cent():
    assert str(grade(2).points) == "2.00"


@pytest.mark.parametrize("choice", [1, 3])
def test_a_wrong_choice_earns_nothing(choice):
    result = grade(choice)

    assert result.points == 0
    assert result.answered
    assert not result.correct
    assert result.status == "incorrect"


@pytest.mark.parametrize("answer", [None, Answer()], ids=["no answer", "empty answer"])
def test_choosing_nothing_is_unanswered_and_earns_nothing(answer):
    result = grade_response(KEY, answer)

    assert result.points == 0
    assert result.max_points == Decimal(2)
    assert not result.answered
    assert not result.correct
    assert result.status == "unanswered"


def test_ticking_the_correct_choice_and_a_wrong_one_earns_nothing():
    assert grade(1, 2).status == "incorrect"


def test_ticking_every_choice_earns_nothing():
    assert grade(1, 2, 3).points == 0


@pytest.mark.parametrize("choice", [99, 0, -1])
def test_a_choice_from_outside_the_question_earns_nothing(choice):
    result = grade(choice)

    assert result.points == 0
    assert result.status == "incorrect"


def test_the_correct_choice_beside_an_unknown_id_earns_nothing():
    assert grade(2, 99).points == 0


def test_stray_text_beside_the_correct_choice_changes_nothing():
    result = grade_response(KEY, Answer(selected=frozenset({2}), text="Mercader"))

    assert result.status == "correct"


def test_stray_text_without_a_choice_is_still_unanswered():
    result = grade_response(KEY, Answer(text="Ramón Mercader", positions={2: 1}, matches={2: 2}))

    assert result.status == "unanswered"


def test_a_key_without_a_correct_choice_gives_nobody_points():
    key = AnswerKey(type=SINGLE, points=Decimal(1), options=(Option(1), Option(2)))

    assert grade_response(key, Answer(selected=frozenset({1}))).points == 0


def test_fractional_points_are_kept():
    key = AnswerKey(type=SINGLE, points=Decimal("1.5"), options=(Option(1, correct=True),))

    assert grade_response(key, Answer(selected=frozenset({1}))).points == Decimal("1.50")
