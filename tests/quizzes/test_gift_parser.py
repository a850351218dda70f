"""quizzes.gift.parse_gift: Moodle's GIFT read as Moodle reads it, every problem reported, never a crash.

The corpus under gift_corpus/ has one small file per construct; malformed/ holds the broken ones.
No database.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes import scoring
from quizzes.gift import ALL_OR_NOTHING, PAIRS, GiftChoice, GiftParse, GiftQuestion, parse_gift
from quizzes.validation import AcceptedSpec

CORPUS = Path(__file__).parent / "gift_corpus"


def corpus(name: str) -> GiftParse:
    # Bytes, so that a BOM and \r\n reach the parser as they are in the file.
    return parse_gift((CORPUS / name).read_bytes().decode("utf-8", errors="replace"))


def titled(parsed: GiftParse, title: str) -> GiftQuestion:
    return next(question for question in parsed.questions if question.title == title)


def only(text: str) -> GiftQuestion:
    parsed = parse_gift(text)
    assert (parsed.errors, parsed.skipped) == ((), ())
    (question,) = parsed.questions
    return question


def messages(text: str) -> list[str]:
    return [error.message for error in parse_gift(text).errors]


def texts(question: GiftQuestion) -> list[str]:
    return [choice.text for choice in question.choices]


def correct(question: GiftQuestion) -> list[str]:
    return [choice.text for choice in question.choices if choice.correct]


# The corpus: every file reads without an error


GOOD_FILES = sorted(path.name for path in CORPUS.glob("*.gift"))
EXPECTED_ERRORS = {"multiple_answers_weights.gift": 1}  # its "no-positive" question


@pytest.mark.parametrize("name", GOOD_FILES)
def test_every_construct_file_reads_without_unexpected_errors(name):
    assert len(corpus(name).errors) == EXPECTED_ERRORS.get(name, 0)


@pytest.mark.parametrize("name", sorted(path.name for path in (CORPUS / "malformed").glob("*.gift")))
def test_every_malformed_file_reports_an_error_instead_of_a_question(name):
    assert corpus(f"malformed/{name}").errors


# Titles, categories, comments


def test_a_title_between_double_colons_names_the_question():
    assert titled(corpus("title.gift"), "lenin-death").prompt == "In which year did Lenin die?"


def test_a_question_without_a_title_is_labelled_by_its_first_words():
    untitled = corpus("title.gift").questions[1]

    assert untitled.title == ""
    assert untitled.label == "In which year was Trotsky expelled from the Soviet Union?"


def test_each_question_records_the_line_it_starts_on():
    assert [question.line for question in corpus("title.gift").questions] == [1, 3]


def test_questions_take_the_category_of_the_last_category_line():
    parsed = corpus("category.gift")

    assert titled(parsed, "exile").category == "$course$/top/Section 1"
    assert titled(parsed, "death").category == "$course$/top/Section 2"


def test_questions_before_any_category_line_have_no_category():
    assert corpus("category.gift").questions[0].category == ""


def test_a_question_right_under_a_category_line_is_still_read_as_a_question():
    assert titled(corpus("category.gift"), "death").line == 8


def test_comment_lines_are_ignored_even_among_the_answers():
    question = titled(corpus("comments.gift"), "general-secretary")

    assert texts(question) == ["General Secretary", "Chairman of the Sovnarkom", "People's Commissar for War"]


def test_a_block_of_comments_alone_is_not_a_question():
    parsed = corpus("comments.gift")

    assert (len(parsed.questions), parsed.skipped, parsed.errors) == (1, (), ())


def test_a_points_comment_sets_the_points():
    assert only("// [points:2.5]\n::q::Lenin died in 1924.{T}").points == Decimal("2.5")


def test_a_question_without_a_points_comment_is_worth_one_point():
    assert only("Lenin died in 1924.{T}").points == Decimal(1)


def test_points_that_are_not_a_positive_number_are_an_error():
    assert messages("// [points:-1]\n::q::Lenin died in 1924.{T}") == [
        "“[points:-1]” must give a number of points from 0.01 to 999.99."
    ]


# Text formats


def test_an_html_question_becomes_plain_text_without_tags_or_scripts():
    question = titled(corpus("formats.gift"), "html")

    assert question.prompt == "Who wrote The Revolution Betrayed & when?"
    assert texts(question) == ["Trotsky, 1936", "Stalin, 1938"]


def test_an_html_question_warns_that_its_formatting_was_removed():
    assert titled(corpus("formats.gift"), "html").warnings == (
        "HTML was turned into plain text: this site shows questions as plain text.",
    )


def test_markdown_text_is_kept_as_written():
    assert titled(corpus("formats.gift"), "markdown").prompt == "Who wrote **The Revolution Betrayed**?"


def test_plain_text_keeps_what_looks_like_a_tag():
    assert titled(corpus("formats.gift"), "plain").prompt == "Is <b> a tag here?"


def test_moodle_format_text_is_kept_as_written():
    assert titled(corpus("formats.gift"), "moodle").text_format == "moodle"


def test_an_unknown_format_tag_is_an_error():
    (error,) = corpus("malformed/unknown_format.gift").errors

    assert (error.line, error.title) == (1, "unknown")
    assert error.message == "Unknown text format “[md]”: use [markdown], [html], [plain] or [moodle], in lower case."


# Multiple choice and multiple answers


def test_one_equals_answer_among_tildes_is_a_single_choice_question():
    question = titled(corpus("multiple_choice.gift"), "assassin")

    assert question.type == scoring.SINGLE
    assert correct(question) == ["Ramón Mercader"]


def test_partial_credit_in_a_single_choice_question_is_dropped_with_a_warning():
    question = titled(corpus("multiple_choice.gift"), "partial")

    assert correct(question) == ["an ice axe"]
    assert question.warnings == (
        "Partial credit for “an ice axe, as some say” was dropped: "
        "a single-choice question gives points for the right answer only.",
    )


def test_a_weight_after_equals_is_an_error():
    assert messages("Q?{=%50%a ~b}") == [
        "In a multiple-choice question “=” already marks the right answer: "
        "put a weight after “~” instead, like ~%50%answer."
    ]


def test_weights_without_an_equals_answer_make_a_multiple_answer_question():
    question = titled(corpus("multiple_answers_weights.gift"), "exact")

    assert question.type == scoring.MULTIPLE
    assert correct(question) == ["Stalin", "Zinoviev", "Kamenev"]


def test_weights_of_plus_and_minus_100_over_k_convert_without_a_warning():
    assert titled(corpus("multiple_answers_weights.gift"), "exact").warnings == ()


def test_other_weights_count_positive_as_correct_and_the_rest_as_wrong():
    assert correct(titled(corpus("multiple_answers_weights.gift"), "moodle-style")) == ["Turkey", "Mexico"]


def test_other_weights_are_converted_with_a_warning():
    (warning,) = titled(corpus("multiple_answers_weights.gift"), "moodle-style").warnings

    assert warning.startswith("Partial-credit weights converted: positive weights count as correct, others as wrong.")


def test_a_multiple_answer_question_without_a_positive_weight_is_an_error():
    (error,) = corpus("multiple_answers_weights.gift").errors

    assert (error.line, error.title) == (15, "no-positive")
    assert "needs at least one answer with a positive weight" in error.message


def test_a_weight_over_100_percent_is_an_error():
    assert corpus("malformed/weight_over_100.gift").errors[0].message == (
        "The weight %150% must be between -100% and 100%."
    )


def test_a_weight_under_minus_100_percent_is_an_error_on_its_own_line():
    error = corpus("malformed/weight_over_100.gift").errors[1]

    assert (error.line, error.message) == (4, "The weight %-120% must be between -100% and 100%.")


def test_text_before_the_first_marker_is_a_wrong_answer_as_in_moodle():
    assert texts(only("Q?{Grant ~Jefferson =no one}")) == ["Grant", "Jefferson", "no one"]


def test_two_right_answers_in_a_single_choice_question_fail_the_answer_key_rules():
    (error,) = parse_gift("::two::Q?{=a =b ~c}").errors

    assert (error.line, error.title) == (1, "two")
    assert error.message == "A single-choice question needs exactly one correct choice (2 ticked)."


# True/false


@pytest.mark.parametrize(("answer", "right"), [("T", "True"), ("TRUE", "True"), ("F", "False"), ("FALSE", "False")])
def test_t_true_f_and_false_make_a_true_false_question(answer, right):
    question = only(f"Lenin died in 1924.{{{answer}}}")

    assert (question.type, texts(question), correct(question)) == (scoring.TRUE_FALSE, ["True", "False"], [right])


def test_true_false_feedback_goes_first_to_the_wrong_answer_then_to_the_right_one():
    question = titled(corpus("true_false.gift"), "false")

    assert [choice.feedback for choice in question.choices] == [
        "Lenin's Testament warned against him.",
        "Right: the Testament warned against him.",
    ]


def test_a_lower_case_true_is_a_short_answer_with_a_warning_as_moodle_reads_it():
    question = titled(corpus("short_answer.gift"), "lowercase")

    assert (question.type, question.accepted) == (scoring.SHORT_TEXT, (AcceptedSpec(text="true"),))
    assert "write {T}, {TRUE}, {F} or {FALSE}" in question.warnings[0]


# Short answer


def test_equals_answers_without_tildes_make_a_short_answer_question():
    question = titled(corpus("short_answer.gift"), "assassin")

    assert question.type == scoring.SHORT_TEXT
    assert question.accepted == (AcceptedSpec(text="Ramón Mercader"), AcceptedSpec(text="Mercader"))


def test_a_short_answer_worth_100_percent_is_kept():
    assert titled(corpus("short_answer.gift"), "weighted").accepted == (AcceptedSpec(text="Ramón Mercader"),)


def test_partial_credit_short_answers_are_dropped_with_a_warning():
    assert (
        "The 50% answer “Jacques Mornard” was dropped: a short answer here earns full points or none."
        in titled(corpus("short_answer.gift"), "weighted").warnings
    )


def test_feedback_on_a_short_answer_is_dropped_with_a_warning():
    assert (
        "Feedback on accepted answers was not kept: this site has none for typed answers."
        in titled(corpus("short_answer.gift"), "weighted").warnings
    )


# Numerical


def test_a_hash_and_a_number_make_a_numeric_question_with_that_exact_number():
    question = titled(corpus("numeric_exact.gift"), "lenin-death")

    assert (question.type, question.accepted) == (scoring.NUMERIC, (AcceptedSpec(number=Decimal(1924)),))


def test_a_number_and_a_tolerance_after_a_colon_are_kept():
    assert titled(corpus("numeric_tolerance.gift"), "exile-years").accepted == (
        AcceptedSpec(number=Decimal(11), tolerance=Decimal(1)),
    )


def test_a_min_max_range_becomes_its_midpoint_plus_or_minus_half_its_width():
    assert titled(corpus("numeric_range.gift"), "congress").accepted == (
        AcceptedSpec(number=Decimal(1927), tolerance=Decimal(1)),
    )


def test_several_full_credit_numbers_are_all_accepted():
    assert titled(corpus("numeric_several.gift"), "exile").accepted == (
        AcceptedSpec(number=Decimal(1928)),
        AcceptedSpec(number=Decimal(1929)),
    )


def test_a_partial_credit_number_is_dropped_with_a_warning():
    assert (
        "The 50% answer “1927:0” was dropped: a number answer here earns full points or none."
        in titled(corpus("numeric_several.gift"), "exile").warnings
    )


def test_feedback_for_other_numbers_is_dropped_with_a_warning():
    assert (
        "Feedback for other answers (~#…) was not kept: this site has none for typed answers."
        in titled(corpus("numeric_several.gift"), "exile").warnings
    )


def test_a_number_with_a_decimal_point_keeps_its_decimals():
    assert only("Pi?{#3.1415:0.0005}").accepted == (
        AcceptedSpec(number=Decimal("3.1415"), tolerance=Decimal("0.0005")),
    )


def test_text_where_a_number_belongs_is_an_error():
    assert messages("::q::Year?{#nineteen}") == ["“nineteen” is not a number, a number:tolerance or a min..max range."]


def test_a_range_whose_minimum_is_above_its_maximum_is_an_error():
    assert messages("Year?{#1940..1924}") == ["In “1940..1924” the first number is larger than the second."]


def test_a_number_with_more_than_four_decimals_is_an_error():
    assert messages("Pi?{#3.14159}") == ["“3.14159”: this site keeps numbers to 4 decimal places."]


def test_a_hash_with_no_number_is_an_error():
    assert messages("Year?{#}") == ["A number question needs a number after “{#”, like {#1940} or {#1940:5}."]


# Matching


def test_equals_and_arrows_make_a_matching_question_of_prompt_and_match():
    question = titled(corpus("matching.gift"), "policies")

    assert question.type == scoring.MATCHING
    assert question.choices[:2] == (
        GiftChoice("Stalin", match="Socialism in One Country"),
        GiftChoice("Trotsky", match="Permanent Revolution"),
    )


def test_an_extra_answer_with_no_prompt_is_dropped_with_a_warning():
    question = titled(corpus("matching.gift"), "policies")

    assert len(question.choices) == 3
    assert question.warnings == (
        "The extra answer “War Communism” was dropped: matching questions here have no distractors.",
    )


def test_a_matching_question_with_one_pair_is_an_error():
    (error,) = corpus("malformed/matching_one_pair.gift").errors

    assert (error.line, error.title) == (2, "one-pair")
    assert error.message == "A matching question needs at least two pairs, each with a prompt and its match."


def test_a_pair_without_an_arrow_is_an_error():
    assert "has no “->”: write each pair as =question -> answer." in messages("Q?{=a -> b =c -> d =e}")[0]


def test_a_pair_without_an_arrow_is_reported_on_its_own_line():
    assert [error.line for error in parse_gift("Q?{\n=a -> b\n=c -> d\n=e\n}").errors] == [4]


# Missing word, feedback, escapes, layout


def test_text_after_the_answers_makes_a_missing_word_question():
    assert titled(corpus("missing_word.gift"), "killer").prompt == "Trotsky was killed by _____ in Coyoacán."


def test_answers_at_the_start_leave_the_blank_at_the_start():
    assert titled(corpus("missing_word.gift"), "start").prompt == "_____ became General Secretary in 1922."


def test_closing_punctuation_after_the_answers_still_makes_a_blank():
    assert titled(corpus("missing_word.gift"), "end").prompt == "Trotsky died in _____."


def test_answers_at_the_very_end_leave_no_blank():
    assert titled(corpus("feedback.gift"), "assassin").prompt == "Who killed Trotsky?"


def test_a_hash_after_an_answer_gives_that_answer_feedback():
    question = titled(corpus("feedback.gift"), "assassin")

    assert [choice.feedback for choice in question.choices] == [
        "Yes: an NKVD agent.",
        "No: Blumkin was shot in 1929.",
    ]


def test_four_hashes_give_the_general_feedback_as_the_explanation():
    assert titled(corpus("feedback.gift"), "assassin").explanation == (
        "Mercader struck him with an ice axe in August 1940."
    )


def test_escaped_control_characters_are_read_as_plain_characters():
    question = titled(corpus("escapes.gift"), "a : colon")

    assert question.prompt == "Which of these is written 1 = 1, with {braces} and a #hash~tilde?"
    assert question.choices[1].text == "~ tilde = equals # hash : colon"


def test_a_double_backslash_is_one_backslash_and_backslash_n_a_new_line():
    question = titled(corpus("escapes.gift"), "a : colon")

    assert question.choices[0] == GiftChoice("a \\ backslash\nand a new line", True, "", "it is {fine}")
    assert question.choices[2].text == "a \\= is a backslash, then an equals sign"


def test_a_question_and_its_answers_may_span_several_lines():
    question = titled(corpus("multiline.gift"), "long")

    assert question.prompt == "Trotsky wrote many books in exile.\nWhich of these\ndid he write?"
    assert question.choices[1] == GiftChoice("The Foundations\nof Leninism", False, "", "That was\nStalin.")


def test_windows_line_endings_read_like_unix_ones():
    assert [question.line for question in corpus("windows_line_endings.gift").questions] == [1, 3]
    assert texts(titled(corpus("windows_line_endings.gift"), "two")) == ["Ramón Mercader", "Yakov Blumkin"]


def test_a_utf8_byte_order_mark_is_ignored():
    assert corpus("bom.gift").questions[0].title == "bom"


# Skipped


def test_an_essay_question_is_skipped_with_a_reason():
    essay = corpus("essay_and_description.gift").skipped[0]

    assert (essay.line, essay.title) == (1, "essay")
    assert essay.reason == "An essay question ({}): this site has no essay questions."


def test_an_essay_with_only_general_feedback_is_skipped_too():
    assert corpus("essay_and_description.gift").skipped[2].title == "essay-with-feedback"


def test_a_description_is_skipped_with_a_reason():
    description = corpus("essay_and_description.gift").skipped[1]

    assert (description.line, description.title) == (3, "description")
    assert description.reason == "A description (text with no answers): this site has no such item."


def test_questions_around_skipped_ones_are_still_read():
    assert [question.title for question in corpus("essay_and_description.gift").questions] == ["kept"]


# Ordering (Moodle's ordering question type: {>N …})


def test_the_ordering_form_lists_the_items_in_their_correct_order():
    question = titled(corpus("ordering.gift"), "events")

    assert question.type == scoring.ORDERING
    assert texts(question) == [
        "Lenin dies",
        "Trotsky is expelled from the party",
        "Trotsky is exiled to Alma-Ata",
        "Trotsky is killed in Coyoacán",
    ]


def test_ordering_general_feedback_is_the_explanation_not_an_item():
    assert titled(corpus("ordering.gift"), "events").explanation == "From 1924 to 1940."


def test_ordering_all_or_nothing_grading_is_kept():
    assert titled(corpus("ordering.gift"), "events").ordering_grading == ALL_OR_NOTHING


def test_ordering_graded_on_all_previous_and_next_items_is_our_pairs_grading_without_a_warning():
    question = titled(corpus("ordering.gift"), "pairs")

    assert (question.ordering_grading, question.warnings) == (PAIRS, ())


def test_other_ordering_grading_becomes_pairs_with_a_warning():
    assert titled(corpus("ordering.gift"), "moodle-default").warnings == (
        "Moodle's RELATIVE_NEXT_EXCLUDE_LAST grading was replaced by partial credit for each pair of items "
        "in the right order.",
    )


def test_an_ordering_question_showing_a_random_subset_warns_that_all_items_are_shown_here():
    assert titled(corpus("ordering.gift"), "subset").warnings == (
        "Moodle shows 3 of the 4 items at random; this site shows all of them.",
    )


def test_an_ordering_question_without_its_item_count_is_an_error():
    assert messages("Order?{>\na\nb\nc\n}") == [
        "An ordering question starts with {> and the number of items to show, like {>4 ALL."
    ]


def test_an_ordering_question_with_two_items_fails_the_answer_key_rules():
    assert messages("Order?{>2 ALL\na\nb\n}") == [
        "An ordering question needs at least three items, listed in the correct order."
    ]


# Malformed files


def test_an_unclosed_brace_is_an_error_on_the_line_of_the_brace():
    (error,) = corpus("malformed/unclosed_brace.gift").errors

    assert (error.line, error.title) == (3, "unclosed")
    assert error.message.startswith("The answers start with “{” but never end with “}”.")


def test_questions_before_an_error_are_still_read():
    assert [question.title for question in corpus("malformed/unclosed_brace.gift").questions] == ["fine"]


def test_a_blank_line_inside_the_braces_splits_the_question_and_is_reported():
    assert [error.line for error in parse_gift("::q::Q?{\n=a\n\n=b\n}").errors] == [1, 5]


def test_an_empty_answer_is_an_error_on_its_line():
    (error,) = corpus("malformed/empty_answer.gift").errors

    assert (error.line, error.title, error.message) == (3, "empty", "An answer after “=” is empty.")


def test_a_second_pair_of_braces_is_an_error():
    assert messages("Q {=a ~b} and {c}") == [
        "A question has one set of answers in braces; write any other brace as \\{ or \\}."
    ]


def test_a_closing_brace_before_the_opening_one_is_an_error():
    assert messages("Q } {=a ~b") == ["There is a “}” before the “{”. Write a literal brace as \\}."]


def test_a_question_with_no_text_is_an_error():
    assert messages("::q::{=a ~b}") == ["The question has no text."]


def test_a_garbage_file_gives_errors_not_an_exception():
    parsed = corpus("malformed/garbage.gift")

    assert parsed.errors
    assert parsed.questions == ()


def test_an_empty_file_has_nothing_in_it():
    assert parse_gift("") == GiftParse((), (), ())


GIFT_CHARACTERS = st.text(alphabet="{}~=#:\\/n>-%.$[]<>TFab1 \n\r\t\ufeff\ufdd0", max_size=200)


@settings(max_examples=400, deadline=None)
@given(GIFT_CHARACTERS)
def test_parsing_text_made_of_gift_characters_never_raises(text):
    assert isinstance(parse_gift(text), GiftParse)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsing_any_text_never_raises(text):
    assert isinstance(parse_gift(text), GiftParse)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>!/[]-=\"' abcdiv&;#x", max_size=80))
def test_html_questions_of_any_shape_never_raise(markup):
    assert isinstance(parse_gift(f"[html]{markup}{{=a ~b}}"), GiftParse)
