"""Item statistics where something is missing or degenerate: a dash, never an exception."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from quizzes.statistics import (
    NOTE_ONLY_QUESTION,
    NOTE_SAME_MARK,
    NOTE_SAME_REST,
    NOTE_TOO_FEW,
    TOO_EASY,
    item_analysis,
)

# Q2 is answered right by everyone.
#          Q1 Q2 Q3 | X
#   A       1  1  2 | 4
#   B       1  1  1 | 3
#   C       0  1  1 | 2
#   D       0  1  0 | 1
EVERYONE_RIGHT_ON_Q2 = [(1, 1, 2), (1, 1, 1), (0, 1, 1), (0, 1, 0)]


def test_a_question_everyone_got_right_has_facility_100_and_sd_0():
    q2 = item_analysis(EVERYONE_RIGHT_ON_Q2, (1, 1, 2)).questions[1]

    assert (q2.facility, q2.sd, q2.sd_percent, q2.variance) == (100.0, 0.0, 0.0, 0.0)


def test_a_question_with_zero_variance_has_no_discrimination_and_says_why():
    q2 = item_analysis(EVERYONE_RIGHT_ON_Q2, (1, 1, 2)).questions[1]

    assert (q2.discrimination, q2.efficiency) == (None, None)
    assert q2.discrimination_note == NOTE_SAME_MARK


def test_a_question_with_zero_variance_is_flagged_only_for_its_facility():
    q2 = item_analysis(EVERYONE_RIGHT_ON_Q2, (1, 1, 2)).questions[1]

    assert q2.flags == (TOO_EASY,)


def test_a_zero_variance_question_adds_nothing_to_the_sum_of_variances():
    # X = 4 3 2 1: Var(X) = 5/3 (see test_statistics.py).
    # Var(Q1) = 1/3 (1 1 0 0), Var(Q2) = 0, Q3 = 2 1 1 0: mean 1, Σd² = 2, Var = 2/3.
    # CIC = 100 · 3/2 · (1 − (1/3 + 0 + 2/3) / (5/3)) = 150 · 2/5 = 60.
    assert item_analysis(EVERYONE_RIGHT_ON_Q2, (1, 1, 2)).quiz.cic == pytest.approx(60.0)


def test_the_same_total_for_everyone_gives_sd_0_and_no_consistency_figures():
    # X = 1 1 1 1: Var(X) = 0, so skewness, kurtosis and CIC would divide by 0.
    quiz = item_analysis([(1, 0), (0, 1), (1, 0), (0, 1)], (1, 1)).quiz

    assert quiz.sd == 0.0
    assert (quiz.skewness, quiz.kurtosis, quiz.cic, quiz.error_ratio, quiz.standard_error) == (None,) * 5


def test_a_rest_of_the_test_equal_but_for_float_noise_counts_as_constant():
    # Q2 is 0.2 for everyone, so Q1's rest is 0.2 for everyone; in floats
    # (0.1 + 0.2) − 0.1 and (0.7 + 0.2) − 0.7 are 0.20000000000000004 and 0.19999999999999996.
    q1 = item_analysis([(0.1, 0.2), (0.7, 0.2), (0.3, 0.2)], (1, 1)).questions[0]

    assert q1.discrimination is None
    assert q1.discrimination_note == NOTE_SAME_REST


def test_a_single_attempt_has_facility_but_nothing_that_needs_a_variance():
    q1, q2, q3 = item_analysis([(1, 0, 1)], (1, 1, 2)).questions

    assert (q1.facility, q2.facility, q3.facility) == (100.0, 0.0, 50.0)
    for question in (q1, q2, q3):
        assert (question.sd, question.sd_percent, question.discrimination, question.efficiency) == (None,) * 4
        assert question.discrimination_note == NOTE_TOO_FEW


def test_a_single_attempt_has_a_mean_and_median_but_no_spread():
    quiz = item_analysis([(1, 0, 1)], (1, 1, 2)).quiz

    assert (quiz.attempts, quiz.mean, quiz.median, quiz.mean_percent) == (1, 2.0, 2.0, 50.0)
    assert (quiz.sd, quiz.skewness, quiz.kurtosis, quiz.cic, quiz.error_ratio, quiz.standard_error) == (None,) * 6


def test_no_attempts_leaves_every_figure_undefined():
    analysis = item_analysis([], (1, 1, 2))
    quiz = analysis.quiz

    assert (quiz.attempts, quiz.questions, quiz.max_total) == (0, 3, 4.0)
    assert (quiz.mean, quiz.median, quiz.sd, quiz.mean_percent, quiz.cic) == (None,) * 5
    for question in analysis.questions:
        assert (question.attempts, question.mean, question.facility, question.sd, question.discrimination) == (
            0,
            None,
            None,
            None,
            None,
        )
        assert question.flags == ()


def test_two_questions_discriminate_by_their_correlation_with_each_other():
    # Q1 = 1 1 1 0 (mean .75, Σd² = 3·.0625 + .5625 = .75, Var 1/4),
    # Q2 = 1 1 0 0 (mean .5, Var 1/3); each is the other's rest of the test.
    # Cov = (.25·.5 + .25·.5 + .25·−.5 + −.75·−.5) / 3 = .5/3 = 1/6.
    # D = 100 · (1/6) / √(1/4 · 1/3) = 100 · √12 / 6 = 100/√3 = 57.735 for both.
    q1, q2 = item_analysis([(1, 1), (1, 1), (1, 0), (0, 0)], (1, 1)).questions

    assert q1.discrimination == pytest.approx(100 / math.sqrt(3))
    assert q2.discrimination == pytest.approx(100 / math.sqrt(3))


def test_two_questions_have_a_coefficient_of_internal_consistency():
    # X = 2 2 1 0, mean 1.25, Σd² = .5625 + .5625 + .0625 + 1.5625 = 2.75, Var 11/12.
    # CIC = 100 · 2/1 · (1 − (1/4 + 1/3) / (11/12)) = 200 · (1 − 7/11) = 800/11 = 72.73.
    quiz = item_analysis([(1, 1), (1, 1), (1, 0), (0, 0)], (1, 1)).quiz

    assert quiz.cic == pytest.approx(800 / 11)


def test_two_attempts_are_enough_for_cic_although_moodle_waits_for_three():
    # Var(Q1) = Var(Q2) = 1/2, X = 2 0 so Var(X) = 2: CIC = 200 · (1 − 1/2) = 100.
    quiz = item_analysis([(1, 1), (0, 0)], (1, 1)).quiz

    assert quiz.cic == pytest.approx(100.0)
    assert quiz.error_ratio == 0.0
    assert quiz.skewness is None


def test_a_single_question_has_no_rest_of_the_test_and_no_cic():
    analysis = item_analysis([(0,), (1,), (1,), (0,)], (1,))
    (question,) = analysis.questions

    assert (question.discrimination, question.efficiency) == (None, None)
    assert question.discrimination_note == NOTE_ONLY_QUESTION
    assert analysis.quiz.cic is None


def test_partial_marks_count_as_a_share_of_the_maximum():
    # Q2 (max 2) = .5 2 0 1.5: Σ = 4, facility 100 · 4/(4·2) = 50;
    # mean 1, deviations −.5 +1 −1 +.5, Σd² = 2.5, Var 5/6, SD % = 100 · √(5/6) / 2 = 45.64.
    # Its rest is Q1 = 0 1 0 1 (Var 1/3): Cov = (.25 + .5 + .5 + .25)/3 = .5,
    # D = 100 · .5 / √(5/6 · 1/3) = 94.868.
    q2 = item_analysis([(0, 0.5), (1, 2), (0, 0), (1, 1.5)], (1, 2)).questions[1]

    assert q2.facility == 50.0
    assert q2.sd_percent == pytest.approx(100 * math.sqrt(5 / 6) / 2)
    assert q2.discrimination == pytest.approx(100 * 0.5 / math.sqrt(5 / 18))


def test_decimal_marks_give_the_same_figures_as_floats():
    as_decimals = [tuple(Decimal(str(mark)) for mark in row) for row in [(0, 0.5), (1, 2), (0, 0), (1, 1.5)]]

    assert item_analysis(as_decimals, (Decimal(1), Decimal(2))) == item_analysis(
        [(0, 0.5), (1, 2), (0, 0), (1, 1.5)], (1, 2)
    )


def test_a_question_worth_nothing_has_no_facility_or_sd_percent():
    q2 = item_analysis([(1, 0), (0, 0)], (1, 0)).questions[1]

    assert (q2.facility, q2.sd_percent) == (None, None)
    assert q2.sd == 0.0


def test_skewness_and_kurtosis_of_a_skewed_quiz():
    # X = 0 0 0 4 (two questions of 2 marks): mean 1, deviations −1 −1 −1 +3.
    # Σd² = 12, Σd³ = 24, Σd⁴ = 84; m2 = 3, m3 = 6, m4 = 21; k2 = 4·3/3 = 4.
    # k3 = 4²·6 / (3·2) = 16, skewness = 16 / 4^1.5 = 2.
    # k4 = 4²·(5·21 − 3·3·3²) / (3·2·1) = 16·24/6 = 64, kurtosis = 64/4² = 4.
    quiz = item_analysis([(0, 0), (0, 0), (0, 0), (2, 2)], (2, 2)).quiz

    assert (quiz.mean, quiz.median, quiz.sd) == (1.0, 0.0, 2.0)
    assert quiz.skewness == pytest.approx(2.0)
    assert quiz.kurtosis == pytest.approx(4.0)


def test_three_attempts_have_skewness_but_kurtosis_needs_four():
    # X = 0 0 3: mean 1, deviations −1 −1 +2, m2 = 6/3 = 2, m3 = 6/3 = 2,
    # k2 = 3·2/2 = 3, k3 = 3²·2/(2·1) = 9, skewness = 9/3^1.5 = √3.
    quiz = item_analysis([(0,), (0,), (3,)], (3,)).quiz

    assert quiz.skewness == pytest.approx(math.sqrt(3))
    assert quiz.kurtosis is None


def test_perfectly_consistent_questions_have_error_ratio_0():
    # Both questions 0 0 0 2: Var 1 each; X = 0 0 0 4, Var 4.
    # CIC = 200 · (1 − 2/4) = 100, error ratio 0, standard error 0.
    quiz = item_analysis([(0, 0), (0, 0), (0, 0), (2, 2)], (2, 2)).quiz

    assert quiz.cic == pytest.approx(100.0)
    assert (quiz.error_ratio, quiz.standard_error) == (0.0, 0.0)


def test_a_row_with_the_wrong_number_of_marks_is_a_programming_error():
    with pytest.raises(ValueError, match="Attempt 2 has 1 marks for 2 questions"):
        item_analysis([(1, 0), (1,)], (1, 1))
