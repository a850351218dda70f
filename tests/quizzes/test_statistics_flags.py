"""Which questions are flagged for review: facility outside 10–90 %, discrimination below 30."""

from __future__ import annotations

import pytest

from quizzes.statistics import (
    FLAG_TEXT,
    NOTE_SAME_MARK,
    TOO_EASY,
    TOO_HARD,
    WEAK_DISCRIMINATION,
    error_ratio,
    item_analysis,
    review_flags,
)


@pytest.mark.parametrize("facility", [10.0, 50.0, 90.0])
def test_a_facility_from_10_to_90_inclusive_is_not_flagged(facility):
    assert review_flags(facility, 50.0) == ()


def test_a_facility_just_below_10_is_too_hard():
    assert review_flags(9.99, 50.0) == (TOO_HARD,)


def test_a_facility_just_above_90_is_too_easy():
    assert review_flags(90.01, 50.0) == (TOO_EASY,)


def test_a_discrimination_of_exactly_30_is_not_flagged():
    assert review_flags(50.0, 30.0) == ()


def test_a_discrimination_just_below_30_is_weak():
    assert review_flags(50.0, 29.99) == (WEAK_DISCRIMINATION,)


def test_a_negative_discrimination_is_weak():
    assert review_flags(50.0, -40.0) == (WEAK_DISCRIMINATION,)


def test_a_question_can_be_flagged_for_facility_and_discrimination():
    assert review_flags(5.0, 10.0) == (TOO_HARD, WEAK_DISCRIMINATION)


def test_undefined_figures_raise_no_flag():
    assert review_flags(None, None) == ()
    assert review_flags(50.0, None) == ()


def test_one_right_answer_in_ten_is_exactly_on_the_facility_boundary():
    # Q1 right once in 10 attempts: 100 · 1/(10·1) = 10.0 exactly, not below 10.
    marks = [(1, 1)] + [(0, k % 2) for k in range(9)]

    q1 = item_analysis(marks, (1, 1)).questions[0]

    assert q1.facility == 10.0
    assert TOO_HARD not in q1.flags


def test_nine_right_answers_in_ten_is_exactly_on_the_facility_boundary():
    marks = [(0, 0)] + [(1, k % 2) for k in range(9)]

    q1 = item_analysis(marks, (1, 1)).questions[0]

    assert q1.facility == 90.0
    assert TOO_EASY not in q1.flags


def test_a_discrimination_of_exactly_30_in_a_quiz_is_not_flagged():
    # Seven attempts, Q1 = 0 0 0 0 0 1 1 and Q2 = 0 0 0 0 1 0 1, each the other's rest.
    # Σ(x − x̄)² = 2 − 7·(2/7)² = 10/7 for both; Σ(x − x̄)(y − ȳ) = 1 − 7·(2/7)² = 3/7.
    # D = 100 · (3/7) / (10/7) = 30, which floats give as 29.999999999999996.
    marks = [(0, 0), (0, 0), (0, 0), (0, 0), (0, 1), (1, 0), (1, 1)]

    q1 = item_analysis(marks, (1, 1)).questions[0]

    assert q1.discrimination == pytest.approx(30.0)
    assert q1.flags == ()


def test_a_question_without_discrimination_is_not_flagged_for_it_but_says_why():
    # Q2 is 1 for everyone: facility 100, no variance, no discrimination.
    q2 = item_analysis([(1, 1), (0, 1), (1, 1)], (1, 1)).questions[1]

    assert WEAK_DISCRIMINATION not in q2.flags
    assert q2.discrimination_note == NOTE_SAME_MARK


def test_flag_texts_are_sentences_for_the_teacher():
    q2 = item_analysis([(1, 1), (0, 1), (1, 1)], (1, 1)).questions[1]

    assert q2.needs_review
    assert q2.flag_texts == (FLAG_TEXT[TOO_EASY],)


def test_error_ratio_of_an_undefined_cic_is_undefined():
    assert error_ratio(None) is None


def test_error_ratio_is_undefined_above_100_percent_consistency():
    # 1 − 100.5/100 < 0: no square root, no complex number.
    assert error_ratio(100.5) is None


def test_error_ratio_ignores_float_noise_above_100():
    assert error_ratio(100 + 1e-13) == 0.0


def test_error_ratio_of_a_negative_cic_is_above_100():
    # 100 · √(1 + 0.44) = 100 · 1.2 = 120.
    assert error_ratio(-44.0) == pytest.approx(120.0)


def test_error_ratio_of_64_percent_consistency_is_60():
    # 100 · √(1 − 0.64) = 100 · 0.6.
    assert error_ratio(64.0) == pytest.approx(60.0)


def test_a_single_attempt_flags_no_question():
    # One attempt: facility 0 % and 100 %, which would be "too hard" and "too easy".
    analysis = item_analysis([(0, 1)], (1, 1))

    assert [question.facility for question in analysis.questions] == [0.0, 100.0]
    assert analysis.flagged == ()


def test_two_attempts_are_enough_to_flag_a_question():
    # Nobody earns Q1's mark in two attempts: facility 0 %.
    q1 = item_analysis([(0, 1), (0, 0)], (1, 1)).questions[0]

    assert q1.flags == (TOO_HARD,)
