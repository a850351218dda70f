"""quizzes.gift.export_gift: GIFT that Moodle scores as we do, and that parse_gift reads back unchanged.

Pure, except the adapter test at the end, which reads real rows.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes import scoring
from quizzes.gift import (
    ALL_OR_NOTHING,
    PAIRS,
    ExportQuestion,
    GiftChoice,
    GiftQuestion,
    export_gift,
    parse_gift,
    question_to_export,
)
from quizzes.models import Question
from quizzes.validation import AcceptedSpec
from tests.factories import QuestionFactory, quiz_with_every_type

TRICKY = "Tricky ~ = # { } : \\ and\na new line"


def exported(**fields) -> str:
    fields.setdefault("key", "q1")
    fields.setdefault("prompt", "A prompt?")
    return export_gift([ExportQuestion(**fields)])


def essentials(question: ExportQuestion | GiftQuestion) -> tuple:
    """What must survive a round trip."""
    key = question.key if isinstance(question, ExportQuestion) else question.title
    return (
        key,
        question.type,
        question.prompt,
        question.points,
        question.explanation,
        question.choices,
        question.accepted,
        question.ordering_grading if question.type == scoring.ORDERING else PAIRS,
    )


# What each type looks like


def test_a_single_choice_question_marks_the_right_answer_with_equals():
    text = exported(type=scoring.SINGLE, choices=(GiftChoice("Mercader", True), GiftChoice("Blumkin")))

    assert text == "::q1::[plain]A prompt?{\n\t=Mercader\n\t~Blumkin\n}\n"


def test_multiple_answers_carry_weights_of_plus_and_minus_100_over_k():
    choices = (GiftChoice("Turkey", True), GiftChoice("Mexico", True), GiftChoice("Spain"))

    assert exported(type=scoring.MULTIPLE, choices=choices) == (
        "::q1::[plain]A prompt?{\n\t~%50%Turkey\n\t~%50%Mexico\n\t~%-50%Spain\n}\n"
    )


def test_weights_that_do_not_divide_evenly_are_written_to_five_decimals_as_moodle_writes_them():
    choices = (GiftChoice("Stalin", True), GiftChoice("Zinoviev", True), GiftChoice("Kamenev", True), GiftChoice("X"))

    assert "\t~%33.33333%Stalin\n" in exported(type=scoring.MULTIPLE, choices=choices)
    assert "\t~%-33.33333%X\n" in exported(type=scoring.MULTIPLE, choices=choices)


def test_a_true_question_is_written_as_t():
    text = exported(type=scoring.TRUE_FALSE, choices=(GiftChoice("True", True), GiftChoice("False")))

    assert text == "::q1::[plain]A prompt?{T}\n"


def test_a_false_question_is_written_as_f_with_the_wrong_then_the_right_feedback():
    choices = (GiftChoice("True", False, "", "No, he chose nobody."), GiftChoice("False", True, "", "Right."))

    assert exported(type=scoring.TRUE_FALSE, choices=choices) == (
        "::q1::[plain]A prompt?{F#No, he chose nobody.#Right.}\n"
    )


def test_true_false_choices_that_are_not_true_and_false_are_written_as_multiple_choice():
    choices = (GiftChoice("Yes", True), GiftChoice("No"))

    assert exported(type=scoring.TRUE_FALSE, choices=choices) == "::q1::[plain]A prompt?{\n\t=Yes\n\t~No\n}\n"


def test_a_short_text_question_lists_its_accepted_answers():
    accepted = (AcceptedSpec(text="Ramón Mercader"), AcceptedSpec(text="Mercader"))

    assert exported(type=scoring.SHORT_TEXT, accepted=accepted) == (
        "::q1::[plain]A prompt?{\n\t=Ramón Mercader\n\t=Mercader\n}\n"
    )


def test_one_accepted_number_is_written_as_value_colon_tolerance():
    accepted = (AcceptedSpec(number=Decimal("1940.0000"), tolerance=Decimal("0.5000")),)

    assert exported(type=scoring.NUMERIC, accepted=accepted) == "::q1::[plain]A prompt?{#1940:0.5}\n"


def test_a_number_without_tolerance_is_written_alone():
    assert exported(type=scoring.NUMERIC, accepted=(AcceptedSpec(number=Decimal(1924)),)) == (
        "::q1::[plain]A prompt?{#1924}\n"
    )


def test_several_accepted_numbers_each_get_an_equals_sign():
    accepted = (AcceptedSpec(number=Decimal(1928)), AcceptedSpec(number=Decimal(1929), tolerance=Decimal(1)))

    assert exported(type=scoring.NUMERIC, accepted=accepted) == "::q1::[plain]A prompt?{#\n\t=1928\n\t=1929:1\n}\n"


def test_matching_pairs_are_written_with_an_arrow():
    choices = (
        GiftChoice("Stalin", match="Socialism in One Country"),
        GiftChoice("Trotsky", match="Permanent Revolution"),
    )

    assert exported(type=scoring.MATCHING, choices=choices) == (
        "::q1::[plain]A prompt?{\n\t=Stalin -> Socialism in One Country\n\t=Trotsky -> Permanent Revolution\n}\n"
    )


def test_ordering_is_written_in_the_ordering_question_types_form_with_every_header_word():
    choices = (GiftChoice("Lenin dies"), GiftChoice("Trotsky is exiled"), GiftChoice("Trotsky is killed"))

    assert exported(type=scoring.ORDERING, choices=choices, ordering_grading=ALL_OR_NOTHING) == (
        "::q1::[plain]A prompt?{>3 ALL VERTICAL ALL_OR_NOTHING SHOW none\n"
        "Lenin dies\nTrotsky is exiled\nTrotsky is killed\n}\n"
    )


def test_pairs_grading_is_written_as_moodles_relative_all_previous_and_next():
    choices = (GiftChoice("a"), GiftChoice("b"), GiftChoice("c"))

    assert "{>3 ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT SHOW none\n" in exported(
        type=scoring.ORDERING, choices=choices
    )


def test_the_explanation_is_written_as_general_feedback():
    text = exported(type=scoring.SINGLE, choices=(GiftChoice("a", True), GiftChoice("b")), explanation="Because.")

    assert text.endswith("\t####Because.\n}\n")


def test_points_other_than_one_go_in_a_points_comment():
    text = exported(
        type=scoring.TRUE_FALSE, points=Decimal("2.50"), choices=(GiftChoice("True", True), GiftChoice("False"))
    )

    assert text.startswith("// [points:2.5]\n::q1::")


def test_one_point_needs_no_comment():
    assert not exported(type=scoring.TRUE_FALSE, choices=(GiftChoice("True", True), GiftChoice("False"))).startswith(
        "//"
    )


def test_gift_control_characters_are_escaped_and_new_lines_become_backslash_n():
    text = exported(key="a::b", prompt=TRICKY, type=scoring.NUMERIC, accepted=(AcceptedSpec(number=Decimal(1)),))

    assert text == "::a\\:\\:b::[plain]Tricky \\~ \\= \\# \\{ \\} \\: \\\\ and\\na new line{#1}\n"


def test_a_choice_starting_with_a_bracket_or_a_percent_sign_is_marked_plain():
    choices = (GiftChoice("[sic] right", True), GiftChoice("%50 wrong"))

    assert "\t=[plain][sic] right\n\t~[plain]%50 wrong\n" in exported(type=scoring.SINGLE, choices=choices)


def test_a_category_is_written_first_when_given():
    assert export_gift([], category="section-1") == "$CATEGORY: section-1\n"


def test_questions_are_separated_by_a_blank_line():
    questions = [
        ExportQuestion("a", scoring.NUMERIC, "A?", accepted=(AcceptedSpec(number=Decimal(1)),)),
        ExportQuestion("b", scoring.NUMERIC, "B?", accepted=(AcceptedSpec(number=Decimal(2)),)),
    ]

    assert export_gift(questions) == "::a::[plain]A?{#1}\n\n::b::[plain]B?{#2}\n"


def test_an_arrow_that_gift_cannot_write_gets_a_warning_comment():
    text = exported(type=scoring.SHORT_TEXT, accepted=(AcceptedSpec(text="a -> b"),))

    assert text.startswith("// warning: GIFT cannot write “->” here")


# Round trip: parse_gift(export_gift(questions)) gives the same questions


HANDCRAFTED = [
    ExportQuestion(
        "single-tricky",
        scoring.SINGLE,
        f"Who? {TRICKY}",
        Decimal(2),
        f"Because {TRICKY}",
        (
            GiftChoice(f"Right {TRICKY}", True, "", f"Yes {TRICKY}"),
            GiftChoice("[sic] wrong", False, "", "%50% no"),
            GiftChoice("#1 wrong", False),
        ),
    ),
    ExportQuestion(
        "true", scoring.TRUE_FALSE, f"Is it? {TRICKY}", choices=(GiftChoice("True", True), GiftChoice("False"))
    ),
    ExportQuestion(
        "false-with-feedback",
        scoring.TRUE_FALSE,
        "Stalin was Lenin's chosen successor.",
        Decimal("0.5"),
        "The Testament.",
        (GiftChoice("True", False, "", f"No {TRICKY}"), GiftChoice("False", True, "", "Right #1")),
    ),
    ExportQuestion(
        "false-right-feedback-only",
        scoring.TRUE_FALSE,
        "Trotsky died in Moscow.",
        choices=(GiftChoice("True", False), GiftChoice("False", True, "", "He died in Coyoacán.")),
    ),
    ExportQuestion(
        "multiple-thirds",
        scoring.MULTIPLE,
        f"Which {TRICKY}?",
        Decimal("1.5"),
        "Triumvirate.",
        (
            GiftChoice("Stalin", True, "", "Yes."),
            GiftChoice(f"Zinoviev {TRICKY}", True),
            GiftChoice("Kamenev", True),
            GiftChoice("Bukharin", False, "", f"No {TRICKY}"),
        ),
    ),
    ExportQuestion(
        "multiple-all-correct",
        scoring.MULTIPLE,
        "Which?",
        choices=(GiftChoice("Turkey", True), GiftChoice("Mexico", True)),
    ),
    ExportQuestion(
        "short",
        scoring.SHORT_TEXT,
        f"Name {TRICKY}",
        explanation="e",
        accepted=(AcceptedSpec(text=f"Ramón {TRICKY}"), AcceptedSpec(text="%100% Mercader"), AcceptedSpec(text="T")),
    ),
    ExportQuestion(
        "numeric-one",
        scoring.NUMERIC,
        "Year?",
        explanation=f"e {TRICKY}",
        accepted=(AcceptedSpec(number=Decimal("1940.0000"), tolerance=Decimal("0.5")),),
    ),
    ExportQuestion(
        "numeric-several",
        scoring.NUMERIC,
        "Year?",
        explanation="two",
        accepted=(AcceptedSpec(number=Decimal("-3.25")), AcceptedSpec(number=Decimal(1940), tolerance=Decimal(1))),
    ),
    ExportQuestion(
        "matching",
        scoring.MATCHING,
        f"Match {TRICKY}",
        Decimal(2),
        "e",
        (
            GiftChoice(f"Stalin {TRICKY}", match=f"Socialism -> in one {TRICKY}"),
            GiftChoice("[x] Trotsky", match="[x] Permanent #1"),
        ),
    ),
    ExportQuestion(
        "ordering-all-or-nothing",
        scoring.ORDERING,
        f"Order {TRICKY}",
        Decimal(2),
        f"e {TRICKY}",
        (GiftChoice("1"), GiftChoice(f"ALL {TRICKY}"), GiftChoice("none"), GiftChoice("=~: ####")),
        ordering_grading=ALL_OR_NOTHING,
    ),
    ExportQuestion(
        "ordering-pairs",
        scoring.ORDERING,
        "Order",
        choices=(GiftChoice("Lenin dies"), GiftChoice("Trotsky is exiled"), GiftChoice("Trotsky is killed")),
    ),
]


@pytest.mark.parametrize("question", HANDCRAFTED, ids=lambda question: question.key)
def test_each_type_reads_back_as_it_was_written(question):
    parsed = parse_gift(export_gift([question]))

    assert (parsed.errors, parsed.skipped) == ((), ())
    assert [essentials(q) for q in parsed.questions] == [essentials(question)]


@pytest.mark.parametrize("question", HANDCRAFTED, ids=lambda question: question.key)
def test_reading_back_an_export_gives_no_warnings(question):
    assert parse_gift(export_gift([question])).questions[0].warnings == ()


def test_a_whole_exported_set_reads_back_in_order_under_its_category():
    parsed = parse_gift(export_gift(HANDCRAFTED, category="section-1"))

    assert [essentials(q) for q in parsed.questions] == [essentials(q) for q in HANDCRAFTED]
    assert {q.category for q in parsed.questions} == {"section-1"}


# The adapter from a Question row


def test_question_to_export_reads_prefetched_rows_without_a_query(db, django_assert_num_queries):
    quiz = quiz_with_every_type()
    questions = list(Question.objects.filter(quiz=quiz).with_answer_keys().order_by("order"))

    with django_assert_num_queries(0):
        exports = [question_to_export(question) for question in questions]

    assert [export.type for export in exports] == [question.type for question in questions]
    assert exports[2].choices == (
        GiftChoice("Turkey", True),
        GiftChoice("France", True),
        GiftChoice("Norway", True),
        GiftChoice("Spain", False),
    )


def test_an_exported_quiz_reads_back_with_the_same_answer_keys(db):
    quiz = quiz_with_every_type()
    exports = [question_to_export(q) for q in Question.objects.filter(quiz=quiz).with_answer_keys()]

    parsed = parse_gift(export_gift(exports))

    assert [essentials(q) for q in parsed.questions] == [essentials(e) for e in exports]


def test_a_question_is_titled_by_its_source_key_or_else_by_its_id(db):
    keyed = QuestionFactory(source_key="lenin-death")
    unkeyed = QuestionFactory()

    assert question_to_export(keyed).key == "lenin-death"
    assert question_to_export(unkeyed).key == f"q{unkeyed.pk}"
