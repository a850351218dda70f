"""item_analysis against figures computed independently with the `statistics` module.

A seeded random matrix of 60 attempts × 8 questions, with partial marks and some
correlation (a student's ability raises all their marks). Skewness and kurtosis
are checked against the textbook adjusted Fisher–Pearson forms (G1, G2, as in a
spreadsheet's SKEW and KURT), not Moodle's k-statistics, so the check is independent.
"""

from __future__ import annotations

import math
import random
import statistics

import pytest

from quizzes.statistics import item_analysis

MAXIMA = (1, 1, 2, 1, 3, 1, 2, 1)


@pytest.fixture(scope="module")
def matrix():
    rng = random.Random(20250314)
    rows = []
    for _ in range(60):
        ability = rng.gauss(0, 1)
        row = []
        for maximum in MAXIMA:
            chance = 1 / (1 + math.exp(-(ability + rng.uniform(-1, 1))))
            steps = 2 * maximum  # half marks
            row.append(sum(rng.random() < chance for _ in range(steps)) / 2)
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def analysis(matrix):
    return item_analysis(matrix, MAXIMA)


def columns(matrix):
    totals = [sum(row) for row in matrix]
    for index, maximum in enumerate(MAXIMA):
        x = [row[index] for row in matrix]
        yield x, [total - mark for total, mark in zip(totals, x, strict=True)], maximum


def test_facility_and_sd_match_the_statistics_module(matrix, analysis):
    for question, (x, _rest, maximum) in zip(analysis.questions, columns(matrix), strict=True):
        assert question.facility == pytest.approx(100 * statistics.mean(x) / maximum, rel=1e-12)
        assert question.sd == pytest.approx(statistics.stdev(x), rel=1e-12)
        assert question.sd_percent == pytest.approx(100 * statistics.stdev(x) / maximum, rel=1e-12)


def test_discrimination_is_pearsons_correlation_with_the_rest(matrix, analysis):
    for question, (x, rest, _maximum) in zip(analysis.questions, columns(matrix), strict=True):
        assert question.discrimination == pytest.approx(100 * statistics.correlation(x, rest), rel=1e-9)


def test_efficiency_matches_the_covariance_of_the_sorted_marks(matrix, analysis):
    for question, (x, rest, _maximum) in zip(analysis.questions, columns(matrix), strict=True):
        expected = 100 * statistics.covariance(x, rest) / statistics.covariance(sorted(x), sorted(rest))
        assert question.efficiency == pytest.approx(expected, rel=1e-9)


def test_quiz_mean_median_and_sd_match_the_statistics_module(matrix, analysis):
    totals = [sum(row) for row in matrix]

    assert analysis.quiz.mean == pytest.approx(statistics.mean(totals), rel=1e-12)
    assert analysis.quiz.median == statistics.median(totals)
    assert analysis.quiz.sd == pytest.approx(statistics.stdev(totals), rel=1e-12)
    assert analysis.quiz.mean_percent == pytest.approx(100 * statistics.mean(totals) / sum(MAXIMA), rel=1e-12)


def test_skewness_and_kurtosis_match_the_adjusted_fisher_pearson_forms(matrix, analysis):
    totals = [sum(row) for row in matrix]
    n = len(totals)
    mean = statistics.mean(totals)
    m2 = statistics.fmean((t - mean) ** 2 for t in totals)
    m3 = statistics.fmean((t - mean) ** 3 for t in totals)
    m4 = statistics.fmean((t - mean) ** 4 for t in totals)
    g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
    skewness = math.sqrt(n * (n - 1)) / (n - 2) * g1
    kurtosis = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)

    assert analysis.quiz.skewness == pytest.approx(skewness, rel=1e-9)
    assert analysis.quiz.kurtosis == pytest.approx(kurtosis, rel=1e-9)


def test_cic_is_cronbachs_alpha_times_100(matrix, analysis):
    totals = [sum(row) for row in matrix]
    items = len(MAXIMA)
    item_variances = sum(statistics.variance(x) for x, _rest, _maximum in columns(matrix))
    alpha = items / (items - 1) * (1 - item_variances / statistics.variance(totals))

    assert analysis.quiz.cic == pytest.approx(100 * alpha, rel=1e-9)
    assert analysis.quiz.error_ratio == pytest.approx(100 * math.sqrt(1 - alpha), rel=1e-9)
    assert analysis.quiz.standard_error == pytest.approx(math.sqrt(1 - alpha) * statistics.stdev(totals), rel=1e-9)
