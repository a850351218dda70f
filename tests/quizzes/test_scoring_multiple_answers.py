"""Multiple answers: with k correct choices each right tick earns 1/k of the
points and each wrong tick takes 1/k away, never below zero."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import MULTIPLE, Answer, AnswerKey, Grade, Option, grade_response

# Which of these were expelled from the party in 1927? 1 Trotsky, 2 Zinoviev,
# 3 Kamenev (correct); 4 Bukharin, 5 Rykov (not).
OPTIONS = (Option(1, True), Option(2, True), Option(3, True), Option(4), Option(5))
THREE_POINTS = AnswerKey(type=MULTIPLE, points=Decimal(3), options=OPTIONS)
TWO_POINTS = AnswerKey(type=MULTIPLE, points=Decimal(2), options=OPTIONS)


def grade(key: AnswerKey, *selected: int) -> Grade:
    return grade_response(key, Answer(selected=frozenset(selected)))


def test_ticking_exactly_the_correct_choices_earns_full_points():
    result = grade(THREE_POINTS, 1, 2, 3)

    assert result.points == Decimal("3.00")
    assert result.status == "correct"


def test_ticking_every_choice_earns_the_right_minus_wrong_share():
    # 3 right, 2 wrong: (3 - 2) / 3 of the points.
    result = grade(THREE_POINTS, 1, 2, 3, 4, 5)

    assert result.points == Decimal("1.00")
    assert result.status == "partial"


@pytest.mark.parametrize(
    ("selected", "points", "status"),
    [
        ({1, 2}, "2.00", "partial"),
        ({1}, "1.00", "partial"),
        ({1, 2, 3, 4}, "2.00", "partial"),
        ({1, 2, 4}, "1.00", "partial"),
        ({1, 4}, "0.00", "incorrect"),
        ({4}, "0.00", "incorrect"),
    ],
)
def test_each_right_tick_earns_a_share_and_each_wrong_tick_takes_one_away(selected, points, status):
    result = grade(THREE_POINTS, *selected)

    assert result.points == Decimal(points)
    assert result.status == status


@pytest.mark.parametrize(
    ("selected", "points"),
    [({1}, "0.67"), ({1, 2}, "1.33"), ({1, 2, 3, 4}, "1.33"), ({1, 2, 3, 4, 5}, "0.67")],
)
def test_shares_are_rounded_to_the_cent(selected, points):
    assert str(grade(TWO_POINTS, *selected).points) == points


@pytest.mark.parametrize("selected", [{1, 4, 5}, {4, 5}], ids=["one right two wrong", "only wrong"])
def test_more_wrong_ticks_than_right_ones_earn_zero_not_a_negative_score(selected):
    result = grade(THREE_POINTS, *selected)

    assert result.points == Decimal("0.00")
    assert result.answered
    assert result.status == "incorrect"


@pytest.mark.parametrize("answer", [None, Answer()], ids=["no answer", "empty answer"])
def test_ticking_nothing_is_unanswered(answer):
    result = grade_response(THREE_POINTS, answer)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


def test_an_id_that_is_not_a_choice_counts_as_a_wrong_tick():
    assert grade(THREE_POINTS, 1, 2, 3, 99).points == Decimal("2.00")


def test_a_flood_of_unknown_ids_never_drives_the_score_below_zero():
    result = grade(THREE_POINTS, 1, *range(100, 1100))

    assert result.points == 0
    assert result.status == "incorrect"


def test_only_unknown_ids_are_answered_but_earn_nothing():
    result = grade(THREE_POINTS, 98, 99)

    assert result.answered
    assert result.points == 0


def test_a_key_without_a_correct_choice_gives_nobody_points():
    key = AnswerKey(type=MULTIPLE, points=Decimal(1), options=(Option(1), Option(2)))

    assert grade(key, 1).points == 0


def test_one_missing_tick_among_many_does_not_round_up_to_full_marks():
    key = AnswerKey(type=MULTIPLE, points=Decimal(1), options=tuple(Option(n, True) for n in range(200)))

    result = grade(key, *range(199))  # 199/200 of a point is 0.995

    assert result.points == Decimal("0.99")
    assert not result.correct
    assert result.status == "partial"
