"""The score distribution and the numbers the template draws it with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.statistics import Bar, Bin, chart_geometry, distribution


def counts(bins):
    return [item.count for item in bins]


def test_ten_bins_of_ten_percent_by_default():
    bins = distribution([])

    assert [item.label for item in bins] == [f"{low}–{low + 10}" for low in range(0, 100, 10)]
    assert [(item.low, item.high) for item in bins] == [(float(low), float(low + 10)) for low in range(0, 100, 10)]
    assert counts(bins) == [0] * 10


def test_0_percent_is_in_the_first_bin():
    assert counts(distribution([0]))[0] == 1


def test_100_percent_is_in_the_last_bin():
    assert counts(distribution([100])) == [0] * 9 + [1]


def test_a_bin_includes_its_low_end_and_not_its_high_end():
    # 10 belongs to 10–20, 9.99 to 0–10; 90 to 90–100, 89.99 to 80–90.
    assert counts(distribution([9.99, 10, 89.99, 90])) == [1, 1, 0, 0, 0, 0, 0, 0, 1, 1]


def test_decimal_percents_are_counted():
    assert counts(distribution([Decimal("66.67"), Decimal("100.00"), Decimal("0.00")])) == [
        1,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
        0,
        1,
    ]


def test_percents_outside_0_to_100_land_in_the_end_bins():
    assert counts(distribution([-5, 105])) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def test_four_bins_of_25_percent():
    bins = distribution([0, 25, 50, 74.9, 100], bins=4)

    assert [item.label for item in bins] == ["0–25", "25–50", "50–75", "75–100"]
    assert counts(bins) == [1, 1, 2, 1]


def test_labels_of_uneven_bins_show_one_decimal():
    bins = distribution([], bins=3)

    assert [item.label for item in bins] == ["0–33.3", "33.3–66.7", "66.7–100"]
    assert bins[1].low == pytest.approx(100 / 3)


def test_a_distribution_needs_at_least_one_bin():
    with pytest.raises(ValueError, match="at least one bin"):
        distribution([50], bins=0)


def test_bars_share_the_width_and_the_tallest_fills_the_height():
    # Slots of 400/4 = 100; a 0.2 gap leaves 10 on each side, bars 80 wide.
    # Heights: 200 · count / 4 = 50, 100, 0, 200; y = 200 − height.
    bins = [Bin("a", 0, 25, 1), Bin("b", 25, 50, 2), Bin("c", 50, 75, 0), Bin("d", 75, 100, 4)]

    bars = chart_geometry(bins, 400, 200)

    assert bars == [
        Bar(x=10.0, y=150.0, width=80.0, height=50.0, label="a", count=1),
        Bar(x=110.0, y=100.0, width=80.0, height=100.0, label="b", count=2),
        Bar(x=210.0, y=200.0, width=80.0, height=0.0, label="c", count=0),
        Bar(x=310.0, y=0.0, width=80.0, height=200.0, label="d", count=4),
    ]


def test_bars_without_gaps_touch():
    bars = chart_geometry(distribution([5, 15]), 100, 50, gap=0)

    assert [(bar.x, bar.width) for bar in bars[:2]] == [(0.0, 10.0), (10.0, 10.0)]


def test_a_chart_with_no_attempts_has_flat_bars():
    bars = chart_geometry(distribution([]), 300, 120)

    assert len(bars) == 10
    assert all(bar.height == 0.0 and bar.y == 120.0 for bar in bars)


def test_a_chart_of_no_bins_has_no_bars():
    assert chart_geometry([], 300, 120) == []


@pytest.mark.parametrize(("width", "height"), [(0, 100), (100, 0), (-1, 100)])
def test_a_chart_needs_a_positive_size(width, height):
    with pytest.raises(ValueError, match="positive width and height"):
        chart_geometry(distribution([]), width, height)


def test_a_gap_of_a_whole_slot_is_refused():
    with pytest.raises(ValueError, match="share of each slot"):
        chart_geometry(distribution([]), 100, 100, gap=1)
