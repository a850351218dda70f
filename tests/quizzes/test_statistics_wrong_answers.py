"""The most frequent wrong answers to one question."""

from __future__ import annotations

from quizzes.statistics import frequent_wrong_answers


def test_identical_wrong_answers_are_counted_and_right_ones_ignored():
    answers = [("1940", True), ("1929", False), ("1929", False), ("1940", True), ("1927", False)]

    assert frequent_wrong_answers(answers) == [("1929", 2), ("1927", 1)]


def test_most_frequent_first_then_in_text_order():
    answers = [("Zinoviev", False), ("Bukharin", False), ("Kamenev", False), ("Kamenev", False)]

    assert frequent_wrong_answers(answers) == [("Kamenev", 2), ("Bukharin", 1), ("Zinoviev", 1)]


def test_at_most_three_by_default():
    answers = [(text, False) for text in "abcde"]

    assert frequent_wrong_answers(answers) == [("a", 1), ("b", 1), ("c", 1)]


def test_the_limit_can_be_changed():
    answers = [("b", False), ("a", False), ("b", False)]

    assert frequent_wrong_answers(answers, limit=1) == [("b", 2)]


def test_a_limit_of_zero_gives_nothing():
    assert frequent_wrong_answers([("a", False)], limit=0) == []


def test_answers_that_differ_in_case_are_different_answers():
    assert frequent_wrong_answers([("Mexico", False), ("mexico", False)]) == [("Mexico", 1), ("mexico", 1)]


def test_no_wrong_answers_gives_an_empty_list():
    assert frequent_wrong_answers([("Coyoacán", True)]) == []


def test_any_iterable_of_answers_is_accepted():
    answers = ((text, False) for text in ["x", "x"])

    assert frequent_wrong_answers(answers) == [("x", 2)]
