"""True/false is graded as a single choice between two options."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import TRUE_FALSE, Answer, AnswerKey, Option, grade_response

TRUE, FALSE = 10, 11


def key(*, statement_is_true: bool) -> AnswerKey:
    return AnswerKey(
        type=TRUE_FALSE,
        points=Decimal(1),
        options=(Option(TRUE, correct=statement_is_true), Option(FALSE, correct=not statement_is_true)),
    )


# "Trotsky was deported to Turkey in 1929": true.
DEPORTED_TO_TURKEY = key(statement_is_true=True)


@pytest.mark.parametrize(
    ("statement_is_true", "choice"), [(True, TRUE), (False, FALSE)], ids=["true statement", "false statement"]
)
def test_the_right_verdict_earns_full_points(statement_is_true, choice):
    result = grade_response(key(statement_is_true=statement_is_true), Answer(selected=frozenset({choice})))

    assert result.points == Decimal("1.00")
    assert result.status == "correct"


@pytest.mark.parametrize(
    ("statement_is_true", "choice"), [(True, FALSE), (False, TRUE)], ids=["true statement", "false statement"]
)
def test_the_wrong_verdict_earns_nothing(statement_is_true, choice):
    result = grade_response(key(statement_is_true=statement_is_true), Answer(selected=frozenset({choice})))

    assert result.points == 0
    assert result.answered
    assert result.status == "incorrect"


@pytest.mark.parametrize("answer", [None, Answer()], ids=["no answer", "empty answer"])
def test_giving_no_verdict_is_unanswered(answer):
    result = grade_response(DEPORTED_TO_TURKEY, answer)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


def test_ticking_both_true_and_false_earns_nothing():
    result = grade_response(DEPORTED_TO_TURKEY, Answer(selected=frozenset({TRUE, FALSE})))

    assert result.points == 0
    assert result.status == "incorrect"


@pytest.mark.parametrize("selected", [{99}, {TRUE, 99}], ids=["unknown id", "right verdict and an unknown id"])
def test_an_id_that_is_neither_true_nor_false_earns_nothing(selected):
    result = grade_response(DEPORTED_TO_TURKEY, Answer(selected=frozenset(selected)))

    assert result.points == 0
    assert result.status == "incorrect"


def test_typing_true_instead_of_ticking_it_is_unanswered():
    result = grade_response(DEPORTED_TO_TURKEY, Answer(text="true"))

    assert result.status == "unanswered"
