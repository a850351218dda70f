"""quizzes.gift.importing.gift_import: where questions go, what is created, and that an error creates nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lessons.caching import VERSION_KEY
from quizzes.gift import parse_gift
from quizzes.gift.importing import GiftFileError, ImportReport, ImportTarget, decode_gift, gift_import
from quizzes.models import AcceptedAnswer, Choice, Question, Quiz
from tests.factories import QuestionFactory, QuizFactory, lesson_with_sections

pytestmark = pytest.mark.django_db

THREE = """\
::death::In which city was Trotsky killed?{=Coyoacán =Mexico City}

::exile::Where was Trotsky exiled in 1928?{=Alma-Ata ~Paris ~Berlin}

// [points:2]
::year::In which year did Lenin die?{#1924}
"""

CATEGORIES = """\
$CATEGORY: $course$/top/Section 2

::exile::Where was Trotsky exiled in 1928?{=Alma-Ata ~Paris ~Berlin}

$CATEGORY: $course$/top/Exile and death

::death::In which city was Trotsky killed?{=Coyoacán =Mexico City}
"""

BROKEN = """\
::fine::Who founded the Red Army?{=Trotsky ~Stalin}

::unclosed::Who was exiled first?{=Trotsky ~Zinoviev
"""


def run(text: str, target: ImportTarget, *, dry_run: bool = False) -> ImportReport:
    return gift_import(parsed=parse_gift(text), target=target, dry_run=dry_run)


def into(quiz: Quiz) -> ImportTarget:
    return ImportTarget.into_quiz(quiz.slug)


def counts() -> tuple[int, int, int, int]:
    return Quiz.objects.count(), Question.objects.count(), Choice.objects.count(), AcceptedAnswer.objects.count()


def prompts(quiz: Quiz) -> list[str]:
    return list(quiz.questions.order_by("order").values_list("prompt", flat=True))


# Into one quiz


def test_every_question_goes_into_the_chosen_quiz_in_file_order():
    quiz = QuizFactory()

    run(THREE, into(quiz))

    assert prompts(quiz) == [
        "In which city was Trotsky killed?",
        "Where was Trotsky exiled in 1928?",
        "In which year did Lenin die?",
    ]


def test_new_questions_come_after_the_quizs_existing_ones():
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz, order=7, prompt="Already here?")

    run(THREE, into(quiz))

    assert list(quiz.questions.order_by("order").values_list("order", flat=True)) == [7, 8, 9, 10]


def test_imported_questions_are_teacher_content_in_the_quizs_section():
    quiz = QuizFactory()

    run(THREE, into(quiz))

    assert set(quiz.questions.values_list("source_key", "section")) == {("", quiz.section_id)}


def test_each_field_the_file_gives_is_stored():
    quiz = QuizFactory()

    run(THREE, into(quiz))

    year = quiz.questions.get(prompt="In which year did Lenin die?")
    exile = quiz.questions.get(prompt="Where was Trotsky exiled in 1928?")
    assert (year.type, year.points) == (Question.Type.NUMERIC, Decimal(2))
    assert list(year.accepted_answers.values_list("number", "tolerance")) == [(Decimal(1924), Decimal(0))]
    assert list(exile.choices.values_list("text", "is_correct", "order")) == [
        ("Alma-Ata", True, 1),
        ("Paris", False, 2),
        ("Berlin", False, 3),
    ]


def test_an_unknown_quiz_slug_is_an_error_and_creates_nothing():
    before = counts()

    report = run(THREE, ImportTarget.into_quiz("no-such-quiz"))

    assert [error.message for error in report.errors] == ["There is no quiz with the slug “no-such-quiz”."]
    assert counts() == before


def test_categories_are_ignored_with_a_warning_when_importing_into_one_quiz():
    quiz = QuizFactory(title="Exile")

    report = run(CATEGORIES, into(quiz))

    assert quiz.questions.count() == 2
    assert Quiz.objects.count() == 1
    assert [w.message for w in report.warnings] == [
        "The file's $CATEGORY lines were ignored: every question goes to “Exile”."
    ]


def test_one_category_for_the_whole_file_goes_into_the_chosen_quiz_without_a_warning():
    quiz = QuizFactory()

    report = run("$CATEGORY: $course$/top/Another quiz\n\n" + THREE, into(quiz))

    assert (quiz.questions.count(), report.warnings, Quiz.objects.count()) == (3, (), 1)


def test_a_target_must_be_one_quiz_or_by_category_not_both():
    with pytest.raises(ValueError):
        ImportTarget(quiz_slug="exile", by_category=True)


# One quiz per category


def test_a_category_naming_an_existing_quizs_title_fills_that_quiz():
    quiz = QuizFactory(title="Exile and death")

    run(CATEGORIES, ImportTarget.per_category())

    assert prompts(quiz) == ["In which city was Trotsky killed?"]


def test_a_category_naming_an_existing_quizs_slug_fills_that_quiz():
    quiz = QuizFactory(title="Trotsky abroad", slug="exile-and-death")

    run("$CATEGORY: exile-and-death\n\nWho killed Trotsky?{=Mercader}\n", ImportTarget.per_category())

    assert prompts(quiz) == ["Who killed Trotsky?"]


def test_a_category_matches_a_title_whatever_its_case():
    quiz = QuizFactory(title="Exile and Death")

    run(CATEGORIES, ImportTarget.per_category())

    assert quiz.questions.count() == 1


def test_a_category_with_no_quiz_creates_an_unpublished_quiz_of_that_title():
    run(CATEGORIES, ImportTarget.per_category())

    quiz = Quiz.objects.get(title="Exile and death")
    assert (quiz.slug, quiz.is_published, quiz.section) == ("exile-and-death", False, None)
    assert prompts(quiz) == ["In which city was Trotsky killed?"]


def test_the_report_lists_the_quizzes_to_create():
    report = run(CATEGORIES, ImportTarget.per_category(), dry_run=True)

    assert [(quiz.title, quiz.slug, quiz.is_new) for quiz in report.new_quizzes] == [
        ("Section 2", "section-2", True),
        ("Exile and death", "exile-and-death", True),
    ]


def test_a_new_quiz_takes_a_free_slug_when_its_own_is_taken():
    QuizFactory(title="Trotsky's exile", slug="exile")

    run("$CATEGORY: Exile!\n\nWhere to?{=Alma-Ata}\n", ImportTarget.per_category())

    assert Quiz.objects.get(title="Exile!").slug == "exile-2"


def test_only_the_last_part_of_a_category_path_names_the_quiz():
    run("$CATEGORY: $course$/top/Trotsky/Exile\n\nWhere to?{=Alma-Ata}\n", ImportTarget.per_category())

    assert Quiz.objects.filter(title="Exile").exists()
    assert not Quiz.objects.filter(title__contains="Trotsky").exists()


@pytest.mark.parametrize(
    "name", ["Section 2", "section 2", "2", "Section 2: Exile", "Section title 2", "section-title-2"]
)
def test_a_category_naming_a_section_puts_the_new_quiz_in_that_section(name):
    _, sections = lesson_with_sections(3)

    run(f"$CATEGORY: {name}\n\nWhere to?{{=Alma-Ata}}\n", ImportTarget.per_category())

    assert Quiz.objects.get(title=name).section == sections[1]


def test_the_new_quizs_questions_take_the_section_its_category_names():
    _, sections = lesson_with_sections(3)

    run(CATEGORIES, ImportTarget.per_category())

    assert Question.objects.get(prompt="Where was Trotsky exiled in 1928?").section == sections[1]


def test_a_section_number_in_several_lessons_sets_no_section_and_says_so():
    lesson_with_sections(2)
    lesson_with_sections(2)

    report = run(CATEGORIES, ImportTarget.per_category())

    assert Quiz.objects.get(title="Section 2").section is None
    assert "names a section in more than one lesson" in report.warnings[0].message


def test_a_category_shared_by_two_quiz_titles_is_an_error():
    QuizFactory(title="Exile and death", slug="exile-and-death")
    QuizFactory(title="Exile and death", slug="exile-and-death-again")
    before = counts()

    report = run(CATEGORIES, ImportTarget.per_category())

    assert "2 quizzes are called “Exile and death”" in report.errors[0].message
    assert counts() == before


def test_questions_before_any_category_go_to_the_quiz_named_after_the_file():
    run(THREE, ImportTarget.per_category(uncategorised="purge-questions"))

    assert len(prompts(Quiz.objects.get(title="purge-questions"))) == 3


def test_questions_before_any_category_are_errors_without_a_file_name():
    report = run(THREE, ImportTarget.per_category())

    assert [(error.line, error.title) for error in report.errors] == [(1, "death"), (3, "exile"), (6, "year")]
    assert "before any $CATEGORY line" in report.errors[0].message


# Duplicates


def test_importing_the_same_file_twice_adds_nothing_the_second_time():
    quiz = QuizFactory()
    run(THREE, into(quiz))

    report = run(THREE, into(quiz))

    assert quiz.questions.count() == 3
    assert report.questions == ()
    assert [(d.line, d.title) for d in report.duplicates] == [(1, "death"), (3, "exile"), (6, "year")]


def test_a_question_of_the_same_type_and_prompt_already_in_the_quiz_is_a_duplicate():
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz, type=Question.Type.SINGLE, prompt="Where was Trotsky exiled in 1928?")

    report = run(THREE, into(quiz))

    assert [d.title for d in report.duplicates] == ["exile"]
    assert quiz.questions.count() == 3


def test_the_same_prompt_with_another_type_is_not_a_duplicate():
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz, type=Question.Type.SINGLE, prompt="In which city was Trotsky killed?")

    report = run(THREE, into(quiz))

    assert report.duplicates == ()


def test_a_question_repeated_in_the_file_is_created_once():
    quiz = QuizFactory()

    report = run("Who?{=Mercader}\n\nWho?{=Mercader =Ramón Mercader}\n", into(quiz))

    assert quiz.questions.count() == 1
    assert [d.line for d in report.duplicates] == [3]


def test_a_category_back_to_an_existing_quiz_finds_its_duplicates_too():
    quiz = QuizFactory(title="Exile and death")
    run(CATEGORIES, ImportTarget.per_category())

    report = run(CATEGORIES, ImportTarget.per_category())

    assert (quiz.questions.count(), len(report.duplicates), Quiz.objects.count()) == (1, 2, 2)


# Dry run


def test_a_dry_run_writes_nothing():
    QuizFactory(title="Exile and death")
    before = counts()

    run(CATEGORIES, ImportTarget.per_category(), dry_run=True)

    assert counts() == before


def test_a_dry_run_reports_what_the_import_then_does():
    quiz = QuizFactory()

    preview = run(THREE, into(quiz), dry_run=True)
    done = run(THREE, into(quiz))

    assert (preview.questions, preview.warnings, preview.skipped) == (done.questions, done.warnings, done.skipped)
    assert (preview.created, done.created) == (False, True)


def test_a_dry_run_leaves_the_reader_pages_cached():
    from django.core.cache import cache

    cache.set(VERSION_KEY, 5, timeout=None)

    run(THREE, into(QuizFactory()), dry_run=True)

    assert cache.get(VERSION_KEY) == 5


def test_an_import_refreshes_the_cached_reader_pages():
    from django.core.cache import cache

    cache.set(VERSION_KEY, 5, timeout=None)

    run(THREE, into(QuizFactory()))

    assert cache.get(VERSION_KEY) == 6


# Any error creates nothing


def test_a_file_with_one_error_creates_no_question():
    quiz = QuizFactory()
    before = counts()

    report = run(BROKEN, into(quiz))

    assert not report.ok
    assert counts() == before


def test_a_file_with_one_error_creates_no_quiz_either():
    before = counts()

    report = run("$CATEGORY: New quiz\n\n" + BROKEN, ImportTarget.per_category())

    assert [quiz.title for quiz in report.new_quizzes] == ["New quiz"]
    assert counts() == before


def test_errors_come_with_their_line_and_title():
    report = run(BROKEN, into(QuizFactory()))

    assert [(error.line, error.title) for error in report.errors] == [(3, "unclosed")]


def test_a_choice_longer_than_its_column_is_an_error_with_the_line_and_title():
    quiz = QuizFactory()
    before = counts()
    text = f"::fine::Who?{{=Trotsky ~Stalin}}\n\n::long::Who else?{{=Zinoviev ~{'x' * 501}}}\n"

    report = run(text, into(quiz))

    assert [(error.line, error.title) for error in report.errors] == [(3, "long")]
    assert report.errors[0].message == "Choice 2, text: Ensure this value has at most 500 characters (it has 501)."
    assert counts() == before


def test_an_accepted_answer_longer_than_its_column_is_an_error():
    report = run(f"::long::Who?{{={'y' * 201}}}\n", into(QuizFactory()))

    assert report.errors[0].message.startswith("Accepted answer 1, accepted text: Ensure this value has at most 200")


def test_feedback_longer_than_its_column_is_an_error():
    report = run(f"::long::Who?{{=Trotsky#{'z' * 501} ~Stalin}}\n", into(QuizFactory()))

    assert report.errors[0].message.startswith("Choice 1, feedback: Ensure this value has at most 500")


def test_a_category_longer_than_a_quiz_title_is_an_error():
    before = counts()

    report = run(f"$CATEGORY: {'C' * 201}\n\nWho?{{=Trotsky}}\n", ImportTarget.per_category())

    assert "Title: Ensure this value has at most 200 characters" in report.errors[0].message
    assert counts() == before


def test_a_file_without_questions_is_an_error():
    report = run("// only a comment\n", into(QuizFactory()))

    assert [error.message for error in report.errors] == ["The file holds no questions that this site can import."]


# What the report says


def test_the_report_summarises_each_questions_answers():
    quiz = QuizFactory()
    text = (
        "Lenin died in?{#1924:1}\n\nPut in order{>3 ALL\nLenin dies\nExile\nDeath\n}\n\n"
        "Match{=Stalin -> Socialism in One Country =Trotsky -> Permanent revolution}\n\n"
        "Trotsky founded the Red Army.{T}\n"
    )

    report = run(text, into(quiz), dry_run=True)

    assert [question.answers for question in report.questions] == [
        ("1924 ± 1",),
        ("1. Lenin dies", "2. Exile", "3. Death"),
        ("Stalin → Socialism in One Country", "Trotsky → Permanent revolution"),
        ("True (correct)", "False"),
    ]


def test_the_report_names_each_questions_quiz_and_type():
    report = run(CATEGORIES, ImportTarget.per_category(), dry_run=True)

    assert [(q.line, q.title, q.quiz, q.type_label) for q in report.questions] == [
        (3, "exile", "Section 2", "Single choice"),
        (7, "death", "Exile and death", "Short text"),
    ]


def test_skipped_blocks_are_reported_with_their_reasons():
    report = run("::essay::Why did Stalin win?{}\n\nWho?{=Trotsky}\n", into(QuizFactory()))

    assert [(s.line, s.title) for s in report.skipped] == [(1, "essay")]
    assert "essay" in report.skipped[0].reason


def test_the_parsers_warnings_are_reported_with_line_and_title():
    report = run("::partial::Who?{=Trotsky ~%50%Lenin ~Stalin}\n", into(QuizFactory()), dry_run=True)

    assert [(w.line, w.title) for w in report.warnings] == [(1, "partial")]
    assert "Partial credit" in report.warnings[0].message


# Reading the file


def test_a_file_in_utf_8_with_a_bom_reads():
    assert decode_gift("\ufeffWho?{=Trotsky}".encode()) == "\ufeffWho?{=Trotsky}"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("Coyoacán".encode("latin-1"), "not UTF-8"),
        ("Who?".encode("utf-16"), "UTF-16"),
    ],
)
def test_a_file_that_is_not_utf_8_text_is_refused_with_a_reason(data, words):
    with pytest.raises(GiftFileError, match=words):
        decode_gift(data)
