"""Short text: an accepted answer, ignoring case, accents, punctuation and
surrounding or repeated spaces."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import SHORT_TEXT, Answer, AnswerKey, Grade, grade_response, normalise_text

# Who killed Trotsky? He travelled as "Jacques Mornard".
KEY = AnswerKey(type=SHORT_TEXT, points=Decimal(1), texts=("Ramón Mercader", "Jacques Mornard"))


def grade(text: str, key: AnswerKey = KEY) -> Grade:
    return grade_response(key, Answer(text=text))


@pytest.mark.parametrize(
    "text",
    [
        "Ramón Mercader",
        "ramon mercader",
        "RAMON MERCADER",
        "  RAMÓN MERCADER. ",
        "Ramón   Mercader",
        "\tRamón\nMercader\t",
        "ramón, mercader!",
        "«Ramón Mercader»",
        "Ramón\u00a0Mercader",  # a no-break space
        "Ramo\u0301n Mercader",  # the accent as a combining mark
        "Ｒａｍóｎ Ｍｅｒｃａｄｅｒ",  # fullwidth letters
        "Ramón\x00Mercader\ufffd",  # control characters and symbols count as punctuation
        "jacques mornard",
    ],
)
def test_an_accepted_answer_matches_whatever_its_case_accents_punctuation_and_spacing(text):
    result = grade(text)

    assert result.points == Decimal("1.00")
    assert result.status == "correct"


@pytest.mark.parametrize("text", ["Mercader", "Ramón", "Mercader Ramón", "Ramón Mercader del Río", "Trotsky"])
def test_an_answer_that_is_not_accepted_earns_nothing(text):
    result = grade(text)

    assert result.points == 0
    assert result.answered
    assert result.status == "incorrect"


def test_a_surname_alone_matches_when_the_teacher_accepts_it():
    key = AnswerKey(type=SHORT_TEXT, points=Decimal(1), texts=("Ramón Mercader", "Mercader"))

    assert grade("mercader", key).status == "correct"


@pytest.mark.parametrize("text", ["", "   ", "\n\t "], ids=["empty", "spaces", "whitespace"])
def test_a_blank_answer_is_unanswered(text):
    result = grade(text)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


def test_no_answer_at_all_is_unanswered():
    assert grade_response(KEY, None).status == "unanswered"


def test_an_answer_of_only_punctuation_is_answered_but_wrong():
    result = grade("?!…")

    assert result.answered
    assert result.status == "incorrect"


def test_punctuation_alone_never_matches_an_accepted_answer_of_punctuation():
    key = AnswerKey(type=SHORT_TEXT, points=Decimal(1), texts=("...",))

    assert grade("!!!", key).points == 0


def test_a_key_without_accepted_answers_gives_nobody_points():
    key = AnswerKey(type=SHORT_TEXT, points=Decimal(1))

    assert grade("Ramón Mercader", key).points == 0


def test_a_100_kb_answer_earns_nothing_without_raising():
    result = grade("Ramón Mercader " * 7000)

    assert result.points == 0
    assert result.status == "incorrect"


def test_100_kb_of_spaces_is_unanswered():
    assert grade(" " * 100_000).status == "unanswered"


@pytest.mark.parametrize(
    "text",
    ["\ud800", "🪓", "\u200f\u202e", "\u0301\u0301", "\x00", "Mercader\ufffd"],
    ids=["lone surrogate", "emoji", "direction marks", "bare combining marks", "nul", "replacement character"],
)
def test_unicode_oddities_are_graded_without_raising(text):
    result = grade(text)

    assert result.answered
    assert result.points == 0


def test_a_choice_ticked_instead_of_text_typed_is_unanswered():
    assert grade_response(KEY, Answer(selected=frozenset({1}))).status == "unanswered"


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Ramón Mercader", "ramon mercader"),
        ("  RAMÓN MERCADER. ", "ramon mercader"),
        ("Lev  Davidovich\tTrotsky", "lev davidovich trotsky"),
        ("Alma-Ata", "alma ata"),
        ("Coyoacán", "coyoacan"),
        ("Straße", "strasse"),
        ("Ｔｒｏｔｓｋｙ", "trotsky"),
        ("Ramo\u0301n", "ramon"),
        ("...", ""),
        ("", ""),
    ],
)
def test_normalise_text_folds_case_and_accents_and_turns_punctuation_into_single_spaces(text, normal):
    assert normalise_text(text) == normal
