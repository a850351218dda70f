"""An attempt's total and percent, and the percent that counts over several attempts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import AVERAGE, FIRST, HIGHEST, LATEST, AttemptScore, Grade, overall_percent, total


def test_total_adds_up_points_and_maximum_points():
    grades = [Grade(Decimal("2.00"), Decimal(2)), Grade(Decimal("1.33"), Decimal(2)), Grade(Decimal(0), Decimal(1))]

    result = total(grades)

    assert result.score == Decimal("3.33")
    assert result.max_score == Decimal(5)


def test_unanswered_questions_count_towards_the_maximum():
    grades = [Grade(Decimal(1), Decimal(1)), Grade(Decimal("0.00"), Decimal(3), answered=False)]

    assert total(grades) == AttemptScore(Decimal(1), Decimal(4))


def test_the_total_of_no_grades_is_zero_out_of_zero():
    result = total([])

    assert result.score == 0
    assert result.max_score == 0
    assert str(result.percent) == "0.00"


@pytest.mark.parametrize(
    ("score", "max_score", "percent"),
    [
        ("4", "4", "100.00"),
        ("0", "5", "0.00"),
        ("2", "3", "66.67"),
        ("1", "3", "33.33"),
        ("3.33", "5", "66.60"),
        ("1", "160", "0.63"),  # 0.625 rounds half up
        ("7", "8", "87.50"),
    ],
)
def test_percent_is_rounded_half_up_to_two_decimals(score, max_score, percent):
    assert str(AttemptScore(Decimal(score), Decimal(max_score)).percent) == percent


def test_percent_of_an_attempt_worth_nothing_is_zero():
    assert AttemptScore(Decimal(0), Decimal(0)).percent == 0


@pytest.mark.parametrize("method", [HIGHEST, LATEST, FIRST, AVERAGE])
def test_overall_percent_is_none_without_submitted_attempts(method):
    assert overall_percent(method, []) is None


@pytest.mark.parametrize(
    ("method", "percent"),
    [(HIGHEST, "85.50"), (LATEST, "72.25"), (FIRST, "60.00"), (AVERAGE, "72.58")],
)
def test_overall_percent_picks_by_the_quizs_method(method, percent):
    attempts = [Decimal("60.00"), Decimal("85.50"), Decimal("72.25")]  # oldest first

    assert overall_percent(method, attempts) == Decimal(percent)


@pytest.mark.parametrize("method", [HIGHEST, LATEST, FIRST, AVERAGE])
def test_a_single_attempt_counts_as_it_is_by_every_method(method):
    assert overall_percent(method, [Decimal("64.29")]) == Decimal("64.29")


@pytest.mark.parametrize(
    ("attempts", "average"),
    [
        (["0.01", "0.00"], "0.01"),
        (["10.00", "10.01"], "10.01"),
        (["100.00", "66.67", "33.33"], "66.67"),
        (["50.00", "50.00"], "50.00"),
    ],
)
def test_the_average_is_rounded_half_up_to_two_decimals(attempts, average):
    assert str(overall_percent(AVERAGE, [Decimal(a) for a in attempts])) == average


def test_an_unknown_grading_method_is_refused():
    with pytest.raises(ValueError, match="grading method"):
        overall_percent("best_of_three", [Decimal(50)])
