"""quizzes.bank.parse_bank: plain values from the file, and every problem reported at once. No database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.bank import BankFormatError, parse_bank
from quizzes.validation import AcceptedSpec

QUIZ = """
[[quiz]]
key = "section-1"
title = "Section 1"
section = 1
"""

NUMERIC = """
[[question]]
key = "lenin"
quiz = "section-1"
type = "numeric"
prompt = "In which year did Lenin die?"
section = 1
numbers = [{ value = 1924 }]
"""


def bank(*tables: str, lesson: str = 'lesson = "the-lesson"\n', quizzes: str = QUIZ) -> str:
    return lesson + quizzes + "".join(tables)


def question(body: str, key: str = "q") -> str:
    """A [[question]] table in the quiz above, with the given type-specific lines."""
    return f'\n[[question]]\nkey = "{key}"\nquiz = "section-1"\nprompt = "A prompt?"\nsection = 1\n{body}\n'


def problems(text: str) -> list[str]:
    with pytest.raises(BankFormatError) as error:
        parse_bank(text)
    return str(error.value).splitlines()


# What a good file gives


def test_a_minimal_bank_parses_into_its_lesson_quizzes_and_questions():
    parsed = parse_bank(bank(NUMERIC))

    assert parsed.lesson == "the-lesson"
    assert [quiz.key for quiz in parsed.quizzes] == ["section-1"]
    assert [q.key for q in parsed.questions] == ["lenin"]


def test_a_quiz_without_settings_gets_the_defaults():
    quiz = parse_bank(bank()).quizzes[0]

    assert (quiz.pass_mark, quiz.max_attempts, quiz.time_limit_minutes) == (60, None, None)
    assert (quiz.shuffle_questions, quiz.shuffle_choices) == (False, True)
    assert (quiz.review, quiz.grading_method) == ("immediately", "highest")


def test_the_final_quiz_has_no_section():
    final = '\n[[quiz]]\nkey = "final"\ntitle = "Final"\ntime_limit_minutes = 20\nmax_attempts = 3\n'

    quiz = parse_bank(bank(quizzes=final)).quizzes[0]

    assert (quiz.section, quiz.time_limit_minutes, quiz.max_attempts) == (None, 20, 3)


def test_a_question_is_worth_one_point_unless_it_says_otherwise():
    parsed = parse_bank(bank(NUMERIC, question("type = 'numeric'\nnumbers = [{ value = 1 }]\npoints = 2.5")))

    assert [q.points for q in parsed.questions] == [Decimal("1.00"), Decimal("2.50")]


def test_numbers_keep_their_tolerance():
    parsed = parse_bank(bank(question("type = 'numeric'\nnumbers = [{ value = 11.5, tolerance = 0.5 }]")))

    assert parsed.questions[0].accepted == (AcceptedSpec(number=Decimal("11.5000"), tolerance=Decimal("0.5000")),)


def test_short_text_answers_become_accepted_texts():
    parsed = parse_bank(bank(question('type = "short_text"\nanswers = ["Ramón Mercader", " Mercader "]')))

    assert [a.text for a in parsed.questions[0].accepted] == ["Ramón Mercader", "Mercader"]


def test_choices_keep_their_order_correct_flag_and_feedback():
    body = 'type = "single"\nchoices = [{ text = "Trotsky", correct = true }, { text = "Stalin", feedback = "No." }]'

    choices = parse_bank(bank(question(body))).questions[0].choices

    assert [(c.text, c.correct, c.feedback) for c in choices] == [("Trotsky", True, ""), ("Stalin", False, "No.")]


def test_ordering_items_become_choices_in_the_correct_order():
    body = 'type = "ordering"\nordering_grading = "all_or_nothing"\nitems = ["1924", "1929", "1940"]'

    parsed = parse_bank(bank(question(body))).questions[0]

    assert [c.text for c in parsed.choices] == ["1924", "1929", "1940"]
    assert parsed.ordering_grading == "all_or_nothing"


def test_matching_pairs_become_choices_with_their_match():
    body = (
        'type = "matching"\npairs = [{ prompt = "Mercader", match = "Agent" }, { prompt = "NKVD", match = "Police" }]'
    )

    choices = parse_bank(bank(question(body))).questions[0].choices

    assert [(c.text, c.match) for c in choices] == [("Mercader", "Agent"), ("NKVD", "Police")]


# Problems: all of them, together, each naming where it is


def test_every_problem_in_the_file_is_reported_together():
    found = problems(
        bank(
            question('type = "numeric"', key="no-number"),
            question('type = "short_text"\nanswers = []', key="no-answer"),
            quizzes=QUIZ + "pass_mark = 150\n",
        )
    )

    assert found == [
        "[[quiz]] section-1: 'pass_mark' must be between 0 and 100.",
        "[[question]] 'no-number': A number question needs at least one accepted number.",
        "[[question]] 'no-answer': A short-text question needs at least one accepted answer.",
    ]


def test_text_that_is_not_toml_is_reported_as_such():
    with pytest.raises(BankFormatError, match=r"^Not valid TOML: .*line 1"):
        parse_bank('lesson = "unterminated\n')


def test_a_key_repeated_inside_one_table_is_not_valid_toml():
    with pytest.raises(BankFormatError, match="Not valid TOML"):
        parse_bank(bank(NUMERIC.replace('prompt = "In', 'key = "again"\nprompt = "In')))


def test_a_missing_lesson_is_reported():
    assert "The bank: missing 'lesson'." in problems(bank(NUMERIC, lesson=""))


def test_a_missing_required_field_is_reported_with_the_questions_key():
    assert "[[question]] 'lenin': missing 'prompt'." in problems(bank(NUMERIC.replace('prompt = "In which', "# ")))


def test_an_empty_prompt_is_reported():
    assert "[[question]] 'lenin': 'prompt' is empty." in problems(
        bank(NUMERIC.replace("In which year did Lenin die?", " "))
    )


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('lesson = "l"\ncolour = "red"\n' + QUIZ, "The bank: unknown field 'colour'."),
        (bank(quizzes=QUIZ + "timelimit = 20\n"), "[[quiz]] section-1: unknown field 'timelimit'."),
        (bank(NUMERIC + "hint = 'Think.'\n"), "[[question]] 'lenin': unknown field 'hint'."),
        (
            bank(question('type = "single"\nchoices = [{ text = "A", correct = true, right = true }, { text = "B" }]')),
            "[[question]] 'q' choice 1: unknown field 'right'.",
        ),
        (
            bank(NUMERIC.replace("value = 1924", "value = 1924, tolerence = 1")),
            "[[question]] 'lenin' number 1: unknown field 'tolerence'.",
        ),
    ],
    ids=["top-level", "quiz", "question", "choice", "number"],
)
def test_an_unknown_field_is_reported_rather_than_ignored(table, expected):
    assert expected in problems(table)


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (("section = 1\nnumbers", 'section = "one"\nnumbers'), "'section' must be a whole number."),
        (("numbers = [{ value = 1924 }]", "numbers = [{ value = 1924 }]\npoints = true"), "'points' must be a number."),
        (("numbers = [{ value = 1924 }]", "numbers = [{ value = 1924 }]\npoints = nan"), "'points' must be a number."),
        (
            ("numbers = [{ value = 1924 }]", "numbers = [{ value = 1924 }]\npoints = 'two'"),
            "'points' must be a number.",
        ),
        (("numbers = [{ value = 1924 }]", 'numbers = "1924"'), "'numbers' must be a list."),
        (("numbers = [{ value = 1924 }]", "numbers = [1924]"), "number 1: must be a table."),
        (('prompt = "In which year did Lenin die?"', "prompt = 1924"), "'prompt' must be text."),
    ],
    ids=[
        "section-as-text",
        "points-as-boolean",
        "points-nan",
        "points-as-word",
        "list-as-text",
        "number-not-table",
        "prompt-as-number",
    ],
)
def test_a_value_of_the_wrong_kind_is_reported(replacement, expected):
    assert any(line.endswith(expected) for line in problems(bank(NUMERIC.replace(*replacement))))


def test_a_quiz_setting_of_the_wrong_kind_is_reported():
    found = problems(bank(quizzes=QUIZ + 'shuffle_choices = "yes"\npass_mark = 60.5\n'))

    assert "[[quiz]] section-1: 'shuffle_choices' must be true or false." in found
    assert "[[quiz]] section-1: 'pass_mark' must be a whole number." in found


def test_a_correct_flag_that_is_not_true_or_false_is_reported():
    body = 'type = "single"\nchoices = [{ text = "A", correct = "yes" }, { text = "B", correct = true }]'

    assert "[[question]] 'q' choice 1: 'correct' must be true or false." in problems(bank(question(body)))


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (
            ('type = "numeric"', 'type = "essay"'),
            "'type' must be one of matching, multiple, numeric, ordering, short_text, single, true_false; not 'essay'.",
        ),
        (
            ('type = "numeric"', 'type = "numeric"\nordering_grading = "some"'),
            "'ordering_grading' must be one of pairs, all_or_nothing; not 'some'.",
        ),
    ],
    ids=["type", "ordering-grading"],
)
def test_a_value_outside_its_list_is_reported_with_the_allowed_values(replacement, expected):
    assert f"[[question]] 'lenin': {expected}" in problems(bank(NUMERIC.replace(*replacement)))


def test_an_unknown_review_or_grading_method_is_reported():
    found = problems(bank(quizzes=QUIZ + 'review = "later"\ngrading_method = "best"\n'))

    assert "[[quiz]] section-1: 'review' must be one of immediately, after_close, never; not 'later'." in found
    assert "[[quiz]] section-1: 'grading_method' must be one of highest, latest, first, average; not 'best'." in found


def test_two_questions_with_the_same_key_are_reported():
    assert "Two questions share the key 'lenin'." in problems(bank(NUMERIC, NUMERIC))


def test_two_quizzes_with_the_same_key_are_reported():
    assert "Two quizzes share the key 'section-1'." in problems(bank(quizzes=QUIZ + QUIZ))


def test_a_question_pointing_to_a_missing_quiz_is_reported():
    text = bank(NUMERIC.replace('quiz = "section-1"', 'quiz = "section-9"'))

    assert "[[question]] 'lenin': no quiz has the key 'section-9'." in problems(text)


def test_a_quiz_key_that_cannot_be_a_web_address_is_reported():
    found = problems(bank(quizzes=QUIZ.replace('key = "section-1"', 'key = "Section 1"')))

    assert any("'key' becomes the quiz's web address" in line for line in found)


@pytest.mark.parametrize("setting", ["max_attempts = 0", "time_limit_minutes = -5"])
def test_a_limit_below_one_is_reported(setting):
    name = setting.split()[0]

    assert f"[[quiz]] section-1: {name!r} must be at least 1 (leave it out for no limit)." in problems(
        bank(quizzes=QUIZ + setting + "\n")
    )


@pytest.mark.parametrize("points", ["0", "-1", "1000"])
def test_points_out_of_range_are_reported(points):
    text = bank(NUMERIC + f"points = {points}\n")

    assert "[[question]] 'lenin': 'points' must be more than 0 and at most 999.99." in problems(text)


def test_text_too_long_for_the_database_is_reported():
    body = 'type = "single"\nchoices = [{ text = "A", correct = true, feedback = "' + "x" * 501 + '" }, { text = "B" }]'

    assert "[[question]] 'q' choice 1: 'feedback' is longer than 500 characters." in problems(bank(question(body)))


def test_a_passage_without_its_section_is_reported():
    text = bank(NUMERIC.replace("section = 1\n", 'passage = "After Lenin\'s death in 1924"\n'))

    assert "[[question]] 'lenin': a 'passage' needs the 'section' it is quoted from." in problems(text)


# The answer key: the same rules as the admin


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'type = "single"\nchoices = [{ text = "A", correct = true }, { text = "B", correct = true }]',
            "A single-choice question needs exactly one correct choice (2 ticked).",
        ),
        (
            'type = "true_false"\nchoices = [{ text = "True", correct = true }, { text = "False" }, { text = "Both" }]',
            "A true-or-false question needs exactly two choices: True and False.",
        ),
        (
            'type = "multiple"\nchoices = [{ text = "A" }, { text = "B" }]',
            "A multiple-answer question needs at least one correct choice.",
        ),
        ('type = "short_text"\nanswers = []', "A short-text question needs at least one accepted answer."),
        ('type = "numeric"\nanswers = ["1924"]', "A number question needs at least one accepted number."),
        (
            'type = "numeric"\nnumbers = [{ value = 1924, tolerance = -1 }]',
            "A tolerance cannot be negative.",
        ),
        (
            'type = "ordering"\nitems = ["1924", "1940"]',
            "An ordering question needs at least three items, listed in the correct order.",
        ),
        (
            'type = "matching"\npairs = [{ prompt = "Mercader", match = "Agent" }]',
            "A matching question needs at least two pairs, each with a prompt and its match.",
        ),
        (
            'type = "ordering"\nitems = ["1924", "1929", "1924"]',
            "Two choices have the same text; make each one different.",
        ),
    ],
    ids=[
        "single-two-correct",
        "true-false-three-choices",
        "multiple-none-correct",
        "short-text-no-answer",
        "numeric-text-answer",
        "numeric-negative-tolerance",
        "ordering-two-items",
        "matching-one-pair",
        "ordering-repeated-item",
    ],
)
def test_an_answer_key_the_admin_would_refuse_is_reported_with_the_questions_key(body, expected):
    assert f"[[question]] 'q': {expected}" in problems(bank(question(body)))


def test_a_question_without_a_type_is_reported_not_taken_for_single_choice():
    untyped = question('choices = [{ text = "A", correct = true }, { text = "B" }]')

    assert "[[question]] 'q': missing 'type'." in problems(bank(untyped))
