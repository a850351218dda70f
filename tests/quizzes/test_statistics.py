"""Item statistics for a small quiz, every figure worked out by hand below.

Four attempts at three questions, worth 1, 1 and 2 marks. X is the attempt's
total, Y_i = X − x_i the rest of the test without question i.

             Q1  Q2  Q3 |  X | Y1  Y2  Y3
    A         1   1   2 |  4 |  3   3   2
    B         1   0   2 |  3 |  2   3   1
    C         0   1   1 |  2 |  2   1   1
    D         0   0   1 |  1 |  1   1   0

Variances and covariances divide by s − 1 = 3.

Q1: x = 1 1 0 0, mean 0.5, deviations +.5 +.5 −.5 −.5, Σd² = 1, Var = 1/3.
    Y1 = 3 2 2 1, mean 2, deviations +1 0 0 −1, Σd² = 2, Var = 2/3.
    Cov = (.5·1 + .5·0 − .5·0 − .5·−1) / 3 = 1/3.
    D = 100 · (1/3) / √(1/3 · 2/3) = 100 · (1/3) / (√2/3) = 100/√2 = 70.7107.
    Sorted x = 0 0 1 1 (−.5 −.5 +.5 +.5), sorted Y1 = 1 2 2 3 (−1 0 0 +1):
    Cov_max = (.5 + 0 + 0 + .5) / 3 = 1/3, efficiency = 100 · (1/3)/(1/3) = 100.
Q2: x = 1 0 1 0, mean 0.5, Var = 1/3.  Y2 = 3 3 1 1, mean 2, Var = 4/3.
    Cov = (.5·1 − .5·1 + .5·−1 − .5·−1) / 3 = 0, so D = 0 and efficiency = 0.
    Sorted: (−.5 −.5 +.5 +.5)·(−1 −1 +1 +1) = .5·4 = 2, Cov_max = 2/3.
Q3: x = 2 2 1 1, mean 1.5, facility 100 · 6/(4·2) = 75, Var = 1/3,
    SD % = 100 · √(1/3) / 2 = 28.8675.  Y3 = 2 1 1 0, mean 1, Var = 2/3.
    Cov = (.5·1 + .5·0 − .5·0 − .5·−1) / 3 = 1/3: D = 70.7107, efficiency 100.

Whole test: X = 4 3 2 1 of 4, mean 2.5 (62.5 %), median (2 + 3)/2 = 2.5.
    Deviations +1.5 +.5 −.5 −1.5: Σd² = 5, Σd³ = 0, Σd⁴ = 2·5.0625 + 2·.0625 = 10.25.
    SD = √(5/3) = 1.290994 (32.27 % of 4).
    Skewness: Σd³ = 0, so k3 = 0 and skewness = 0.
    Kurtosis: m2 = 5/4, m4 = 10.25/4 = 2.5625, k2 = 4·m2/3 = 5/3,
    k4 = 4²·(5·2.5625 − 3·3·(5/4)²) / (3·2·1) = 16·(12.8125 − 14.0625)/6 = −10/3,
    kurtosis = k4/k2² = (−10/3)/(25/9) = −1.2.
    CIC = 100 · 3/2 · (1 − (1/3 + 1/3 + 1/3) / (5/3)) = 150 · (1 − 3/5) = 60.
    Error ratio = 100 · √(1 − 0.6) = 63.2456; standard error = √0.4 · √(5/3) = √(2/3) = 0.816497.
"""

from __future__ import annotations

import math

import pytest

from quizzes.statistics import WEAK_DISCRIMINATION, item_analysis

MARKS = [(1, 1, 2), (1, 0, 2), (0, 1, 1), (0, 0, 1)]
MAXIMA = (1, 1, 2)


@pytest.fixture
def analysis():
    return item_analysis(MARKS, MAXIMA)


def test_one_statistics_row_per_question_in_column_order(analysis):
    assert [question.column for question in analysis.questions] == [0, 1, 2]
    assert [question.max_mark for question in analysis.questions] == [1.0, 1.0, 2.0]
    assert all(question.attempts == 4 for question in analysis.questions)


def test_facility_is_the_mean_mark_as_a_percent_of_the_maximum(analysis):
    assert [question.facility for question in analysis.questions] == [50.0, 50.0, 75.0]


def test_mean_mark_is_in_marks(analysis):
    assert [question.mean for question in analysis.questions] == [0.5, 0.5, 1.5]


def test_standard_deviation_divides_by_attempts_minus_one(analysis):
    assert [question.sd for question in analysis.questions] == pytest.approx([math.sqrt(1 / 3)] * 3)


def test_standard_deviation_percent_is_relative_to_the_question_maximum(analysis):
    sd_percents = [question.sd_percent for question in analysis.questions]

    assert sd_percents == pytest.approx([57.735027, 57.735027, 28.867513])


def test_discrimination_is_the_correlation_with_the_rest_of_the_test(analysis):
    discriminations = [question.discrimination for question in analysis.questions]

    assert discriminations == pytest.approx([100 / math.sqrt(2), 0.0, 100 / math.sqrt(2)], abs=1e-9)


def test_covariances_with_the_rest_of_the_test(analysis):
    q1, q2, q3 = analysis.questions

    assert (q1.covariance, q2.covariance, q3.covariance) == pytest.approx((1 / 3, 0, 1 / 3), abs=1e-12)
    assert (q1.covariance_max, q2.covariance_max, q3.covariance_max) == pytest.approx((1 / 3, 2 / 3, 1 / 3))


def test_discriminative_efficiency_compares_with_the_sorted_pairing(analysis):
    efficiencies = [question.efficiency for question in analysis.questions]

    assert efficiencies == pytest.approx([100.0, 0.0, 100.0], abs=1e-9)


def test_a_question_uncorrelated_with_the_rest_is_flagged(analysis):
    assert [question.flags for question in analysis.questions] == [(), (WEAK_DISCRIMINATION,), ()]
    assert analysis.flagged == (analysis.questions[1],)


def test_defined_discrimination_has_no_note(analysis):
    assert all(question.discrimination_note is None for question in analysis.questions)


def test_quiz_counts_attempts_questions_and_maximum(analysis):
    assert (analysis.quiz.attempts, analysis.quiz.questions, analysis.quiz.max_total) == (4, 3, 4.0)


def test_quiz_mean_and_median_in_marks_and_percent(analysis):
    quiz = analysis.quiz

    assert (quiz.mean, quiz.median) == (2.5, 2.5)
    assert (quiz.mean_percent, quiz.median_percent) == (62.5, 62.5)


def test_quiz_standard_deviation_in_marks_and_percent(analysis):
    assert analysis.quiz.sd == pytest.approx(math.sqrt(5 / 3))
    assert analysis.quiz.sd_percent == pytest.approx(100 * math.sqrt(5 / 3) / 4)


def test_a_symmetric_distribution_has_no_skew(analysis):
    assert analysis.quiz.skewness == pytest.approx(0.0, abs=1e-12)


def test_kurtosis_uses_moodles_sample_corrected_formula(analysis):
    assert analysis.quiz.kurtosis == pytest.approx(-1.2)


def test_coefficient_of_internal_consistency(analysis):
    assert analysis.quiz.cic == pytest.approx(60.0)


def test_error_ratio_and_standard_error(analysis):
    assert analysis.quiz.error_ratio == pytest.approx(100 * math.sqrt(0.4))
    assert analysis.quiz.standard_error == pytest.approx(math.sqrt(2 / 3))
    assert analysis.quiz.standard_error_percent == pytest.approx(100 * math.sqrt(2 / 3) / 4)
