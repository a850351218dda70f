"""Numeric: full points for a number within value ± tolerance of an accepted
number; a comma may be the decimal mark."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import NUMERIC, Answer, AnswerKey, Grade, NumericRange, grade_response, parse_number


def key(*ranges: NumericRange) -> AnswerKey:
    return AnswerKey(type=NUMERIC, points=Decimal(1), numbers=ranges)


# In which year was Trotsky killed?
YEAR_OF_DEATH = key(NumericRange(Decimal(1940)))
# Roughly when was he exiled to Alma-Ata? 1928, give or take two years.
AROUND_1928 = key(NumericRange(Decimal(1928), Decimal(2)))


def grade(text: str, answer_key: AnswerKey = YEAR_OF_DEATH) -> Grade:
    return grade_response(answer_key, Answer(text=text))


@pytest.mark.parametrize(
    "text",
    ["1940", " 1940 ", "+1940", "1940.0", "1940,0", "1940.", "01940", "1 940", "１９４０"],
)
def test_the_exact_year_earns_full_points_however_it_is_written(text):
    result = grade(text)

    assert result.points == Decimal("1.00")
    assert result.status == "correct"


@pytest.mark.parametrize("text", ["1939", "1941", "1940.01", "-1940", "19400", "194"])
def test_another_number_earns_nothing(text):
    result = grade(text)

    assert result.points == 0
    assert result.answered
    assert result.status == "incorrect"


@pytest.mark.parametrize("text", ["1926", "1926.0", "1928", "1930", "1930,00"])
def test_a_number_within_the_tolerance_edges_included_earns_full_points(text):
    assert grade(text, AROUND_1928).status == "correct"


@pytest.mark.parametrize("text", ["1925.99", "1930.01", "1925", "1931"])
def test_a_number_just_outside_the_tolerance_earns_nothing(text):
    assert grade(text, AROUND_1928).status == "incorrect"


@pytest.mark.parametrize("text", ["1,5", "1.5", "1,50", "+1,5"])
def test_a_comma_is_read_as_the_decimal_mark(text):
    assert grade(text, key(NumericRange(Decimal("1.5")))).status == "correct"


@pytest.mark.parametrize("text", ["-3", " -3 ", "\u22123", "-3.0", "-3,0"])
def test_a_negative_number_matches_with_a_hyphen_or_a_minus_sign(text):
    assert grade(text, key(NumericRange(Decimal(-3)))).status == "correct"


def test_a_positive_number_does_not_match_its_negative():
    assert grade("3", key(NumericRange(Decimal(-3)))).status == "incorrect"


def test_any_of_several_accepted_numbers_earns_full_points():
    # A teacher accepts both years where the sources disagree.
    answer_key = key(NumericRange(Decimal(1928)), NumericRange(Decimal(1929)))

    assert grade("1928", answer_key).status == "correct"
    assert grade("1929", answer_key).status == "correct"
    assert grade("1930", answer_key).status == "incorrect"


def test_a_fractional_tolerance_is_inclusive_at_both_edges():
    answer_key = key(NumericRange(Decimal("1940.5"), Decimal("0.5")))

    assert grade("1940", answer_key).status == "correct"
    assert grade("1941", answer_key).status == "correct"
    assert grade("1941,01", answer_key).status == "incorrect"


@pytest.mark.parametrize(
    "text",
    [
        "nineteen forty",
        "1e5",
        "1E3",
        "1940 AD",
        "c. 1940",
        "1940s",
        "1,940.5",
        "1.940,5",
        "--1940",
        "+-1940",
        "0x794",
        "NaN",
        "Infinity",
        "1_940",
        "¹⁹⁴⁰",
        "½",
        "-",
        ".",
        ",",
        "🪓",
        "\ud800",
    ],
)
def test_text_that_is_not_a_number_is_answered_but_earns_nothing(text):
    result = grade(text)

    assert result.answered
    assert result.points == 0
    assert result.status == "incorrect"


@pytest.mark.parametrize("text", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_a_blank_answer_is_unanswered(text):
    result = grade(text)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


@pytest.mark.parametrize("text", ["1940" * 25_000, "9" * 100_000], ids=["1940 repeated", "nines"])
def test_a_100_kb_number_earns_nothing_without_raising(text):
    assert grade(text).points == 0


def test_a_key_without_accepted_numbers_gives_nobody_points():
    assert grade("1940", key()).points == 0


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1940", Decimal(1940)),
        (" +1940 ", Decimal(1940)),
        ("1940.0", Decimal(1940)),
        ("1,5", Decimal("1.5")),
        (",5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("-3", Decimal(-3)),
        ("\u22123", Decimal(-3)),
        ("1\u00a0940", Decimal(1940)),
        ("１９４０", Decimal(1940)),
        ("١٩٤٠", Decimal(1940)),  # Arabic-Indic digits
    ],
)
def test_parse_number_reads_what_a_student_typed(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text", ["", "  ", "nineteen forty", "1e5", "NaN", "inf", "1,2,3", "1.2.3", "1" * 100_000, "\ud800"]
)
def test_parse_number_returns_none_for_anything_that_is_not_a_plain_number(text):
    assert parse_number(text) is None
