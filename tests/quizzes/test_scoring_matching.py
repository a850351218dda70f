"""Matching: the share of prompts matched to the right answer. Answers are
compared by their text, so prompts that share an answer are interchangeable."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import MATCHING, Answer, AnswerKey, Grade, Option, grade_response

# Match each person to a role. Rivera and Siqueiros share the answer "Painter";
# a student's pick is recorded as the id of a prompt carrying the chosen answer.
STALIN, MERCADER, RIVERA, SIQUEIROS = 1, 2, 3, 4
PROMPTS = (
    Option(STALIN, match="General Secretary"),
    Option(MERCADER, match="Assassin"),
    Option(RIVERA, match="Painter"),
    Option(SIQUEIROS, match="Painter"),
)
KEY = AnswerKey(type=MATCHING, points=Decimal(4), options=PROMPTS)
RIGHT = {STALIN: STALIN, MERCADER: MERCADER, RIVERA: RIVERA, SIQUEIROS: SIQUEIROS}


def grade(matches: dict[int, int], answer_key: AnswerKey = KEY) -> Grade:
    return grade_response(answer_key, Answer(matches=matches))


def test_every_prompt_matched_rightly_earns_full_points():
    result = grade(RIGHT)

    assert result.points == Decimal("4.00")
    assert result.status == "correct"


@pytest.mark.parametrize(
    "painters",
    [{RIVERA: SIQUEIROS, SIQUEIROS: RIVERA}, {RIVERA: RIVERA, SIQUEIROS: RIVERA}],
    ids=["swapped", "both to the first"],
)
def test_two_prompts_sharing_an_answer_accept_either_prompts_id_for_it(painters):
    assert grade(RIGHT | painters).status == "correct"


def test_each_wrongly_matched_prompt_loses_its_share():
    result = grade(RIGHT | {STALIN: RIVERA})  # Stalin the painter

    assert result.points == Decimal("3.00")
    assert result.status == "partial"


def test_swapping_two_different_answers_loses_both_prompts():
    assert grade(RIGHT | {STALIN: MERCADER, MERCADER: STALIN}).points == Decimal("2.00")


def test_every_prompt_matched_wrongly_earns_nothing():
    result = grade({STALIN: MERCADER, MERCADER: RIVERA, RIVERA: STALIN, SIQUEIROS: MERCADER})

    assert result.points == 0
    assert result.answered
    assert result.status == "incorrect"


def test_prompts_left_unmatched_earn_nothing_for_themselves():
    result = grade({MERCADER: MERCADER})

    assert result.points == Decimal("1.00")
    assert result.status == "partial"


def test_shares_are_rounded_to_the_cent():
    answer_key = AnswerKey(type=MATCHING, points=Decimal(2), options=PROMPTS[:3])

    assert str(grade({STALIN: STALIN, MERCADER: MERCADER}, answer_key).points) == "1.33"


@pytest.mark.parametrize("unknown", [99, 0, -1])
def test_a_prompt_matched_to_an_unknown_id_earns_nothing_for_it(unknown):
    assert grade(RIGHT | {STALIN: unknown}).points == Decimal("3.00")


def test_an_answer_for_a_prompt_outside_the_question_is_ignored():
    assert grade(RIGHT | {99: STALIN}).status == "correct"


def test_answers_only_for_prompts_outside_the_question_earn_nothing():
    result = grade({98: STALIN, 99: MERCADER})

    assert result.answered
    assert result.points == 0


def test_a_prompt_matched_to_an_option_without_an_answer_earns_nothing_for_it():
    answer_key = AnswerKey(type=MATCHING, points=Decimal(4), options=(*PROMPTS, Option(5)))

    assert grade(RIGHT | {STALIN: 5}, answer_key).points == Decimal("3.00")


@pytest.mark.parametrize("answer", [None, Answer()], ids=["no answer", "empty answer"])
def test_matching_nothing_is_unanswered(answer):
    result = grade_response(KEY, answer)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


def test_items_placed_instead_of_prompts_matched_is_unanswered():
    assert grade_response(KEY, Answer(positions={STALIN: 1})).status == "unanswered"


def test_a_key_without_prompts_gives_nobody_points():
    answer_key = AnswerKey(type=MATCHING, points=Decimal(1), options=(Option(1), Option(2)))

    assert grade({1: 1}, answer_key).points == 0
