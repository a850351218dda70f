"""Which attempts the statistics are based on: first, highest, last or all."""

from __future__ import annotations

from collections import namedtuple
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from quizzes.statistics import ALL, FIRST, HIGHEST, LAST, AttemptRecord, select_attempts

# Student 1 scores 5, 8, 8; student 2 tries once. Listed out of order on purpose.
S1_THIRD = AttemptRecord(student_id=1, number=3, started=300, total=8)
S1_FIRST = AttemptRecord(student_id=1, number=1, started=100, total=5)
S2_ONLY = AttemptRecord(student_id=2, number=1, started=150, total=3)
S1_SECOND = AttemptRecord(student_id=1, number=2, started=200, total=8)
ATTEMPTS = [S1_THIRD, S1_FIRST, S2_ONLY, S1_SECOND]


def test_first_keeps_each_students_earliest_attempt():
    assert select_attempts(ATTEMPTS, FIRST) == [S1_FIRST, S2_ONLY]


def test_last_keeps_each_students_latest_attempt():
    assert select_attempts(ATTEMPTS, LAST) == [S1_THIRD, S2_ONLY]


def test_highest_breaks_a_tie_with_the_earliest_attempt():
    # Attempts 2 and 3 both score 8; attempt 3 comes first in the list but started later.
    assert select_attempts(ATTEMPTS, HIGHEST) == [S2_ONLY, S1_SECOND]


def test_all_keeps_every_attempt_in_the_given_order():
    assert select_attempts(ATTEMPTS, ALL) == ATTEMPTS


def test_selected_attempts_keep_the_given_order():
    assert select_attempts(list(reversed(ATTEMPTS)), FIRST) == [S2_ONLY, S1_FIRST]


def test_the_start_time_orders_attempts_before_the_number():
    early = AttemptRecord(student_id=1, number=2, started=datetime(2025, 3, 1, 9, tzinfo=UTC), total=4)
    late = AttemptRecord(student_id=1, number=1, started=datetime(2025, 3, 1, 10, tzinfo=UTC), total=4)

    assert select_attempts([late, early], FIRST) == [early]


def test_the_number_orders_attempts_started_at_the_same_time():
    one = AttemptRecord(student_id=1, number=1, started=0, total=4)
    two = AttemptRecord(student_id=1, number=2, started=0, total=4)

    assert select_attempts([two, one], HIGHEST) == [one]


def test_highest_compares_decimal_totals():
    low = AttemptRecord(student_id=7, number=1, started=1, total=Decimal("7.50"))
    high = AttemptRecord(student_id=7, number=2, started=2, total=Decimal("7.75"))

    assert select_attempts([low, high], HIGHEST) == [high]


def test_any_record_with_the_same_attributes_can_be_selected():
    Row = namedtuple("Row", "student_id number started total marks")
    rows = [Row(1, 1, 10, 2, (1, 1)), Row(1, 2, 20, 1, (1, 0))]

    (chosen,) = select_attempts(rows, HIGHEST)

    assert chosen is rows[0]


def test_no_attempts_select_nothing():
    assert select_attempts([], HIGHEST) == []


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="Unknown attempt selection 'latest'"):
        select_attempts(ATTEMPTS, "latest")
