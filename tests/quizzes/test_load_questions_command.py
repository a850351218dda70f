"""manage.py load_questions: loads the bank once, keeps teachers' edits, and never half-loads."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lessons.models import Section
from quizzes.bank import parse_bank
from quizzes.management.commands.load_questions import DEFAULT_BANK
from quizzes.models import AcceptedAnswer, Choice, Question, Quiz
from quizzes.services import attempt_start
from tests.factories import UserFactory

REAL_BANK = DEFAULT_BANK.read_text(encoding="utf-8")


def load_questions(*args: str) -> str:
    """Run the command as `make run` does and return what it printed."""
    out = StringIO()
    call_command("load_questions", *args, stdout=out)
    return out.getvalue()


def database_snapshot() -> dict[str, list[dict]]:
    """Every quiz row with every column (timestamps included), to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Quiz, Question, Choice, AcceptedAnswer)
    }


def bank_file(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    """The shipped bank with each (old, new) replaced once, written where the command can read it."""
    text = REAL_BANK
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} is not unique in the bank"
        text = text.replace(old, new)
    path = tmp_path / "question_bank.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# An early change in the file: if the load stopped later and still kept this, it half-loaded.
FIRST_PROMPT = ('prompt = "In which year did Lenin die?"', 'prompt = "When did Lenin die?"')


@pytest.fixture
def loaded(essay_lesson):
    """The essay and the shipped question bank, loaded as `make run` does."""
    load_questions()
    return essay_lesson


# A first load


def test_it_loads_every_quiz_and_question_in_the_bank(essay_lesson):
    bank = parse_bank(REAL_BANK)

    load_questions()

    assert Quiz.objects.count() == len(bank.quizzes) == 7
    assert Question.objects.count() == len(bank.questions)


def test_it_says_what_it_created(essay_lesson):
    output = load_questions()

    assert "Quizzes: 7 created." in output
    assert f"Questions: {len(parse_bank(REAL_BANK).questions)} created." in output
    assert output.rstrip().endswith("Question bank loaded.")


def test_section_quizzes_belong_to_their_sections_and_the_final_quiz_to_none(essay_lesson):
    load_questions()

    assert Quiz.objects.get(slug="section-4").section == Section.objects.get(number=4)
    assert Quiz.objects.get(slug="final").section is None


def test_the_loaded_quizzes_are_published(essay_lesson):
    load_questions()

    assert not Quiz.objects.filter(is_published=False).exists()


def test_questions_keep_the_order_of_the_file_within_their_quiz(essay_lesson):
    load_questions()

    keys = list(Question.objects.filter(quiz__slug="section-1").order_by("order").values_list("source_key", flat=True))
    assert keys[:2] == ["s1-lenin-death-year", "s1-natural-heir"]


def test_a_question_gets_its_choices_and_accepted_answers(essay_lesson):
    load_questions()

    weapon = Question.objects.get(source_key="final-weapon")
    assert {"ice pick", "ice axe"} <= set(weapon.accepted_answers.values_list("text", flat=True))
    heir = Question.objects.get(source_key="s1-natural-heir")
    assert heir.choices.get(is_correct=True).text == "Trotsky"


def test_a_question_links_to_the_paragraph_that_holds_its_passage(essay_lesson):
    load_questions()

    question = Question.objects.get(source_key="s2-exile-countries")
    assert question.passage_url.endswith("#p2")


# Running it again


def test_a_second_run_changes_nothing(loaded):
    before = database_snapshot()

    load_questions()

    assert database_snapshot() == before


def test_a_second_run_reports_everything_unchanged(loaded):
    output = load_questions()

    assert "Quizzes: 7 unchanged." in output
    assert f"Questions: {len(parse_bank(REAL_BANK).questions)} unchanged." in output
    assert "The question bank was already up to date." in output


def test_a_question_changed_in_the_file_is_updated(loaded, tmp_path):
    output = load_questions("--bank", bank_file(tmp_path, FIRST_PROMPT))

    assert Question.objects.get(source_key="s1-lenin-death-year").prompt == "When did Lenin die?"
    assert "1 updated" in output


# A teacher's edits


def edit_prompt_as_a_teacher(key: str, prompt: str) -> None:
    """What saving the question's admin form does."""
    question = Question.objects.get(source_key=key)
    question.prompt = prompt
    question.save()


def mark_correct_as_a_teacher(key: str, choice_text: str) -> None:
    """What ticking "correct" in the question's inline choices does."""
    Choice.objects.filter(question__source_key=key).update(is_correct=False)
    Choice.objects.filter(question__source_key=key, text=choice_text).update(is_correct=True)


def test_a_prompt_a_teacher_edited_is_kept(loaded):
    edit_prompt_as_a_teacher("s1-natural-heir", "Who looked like Lenin's heir?")

    load_questions()

    assert Question.objects.get(source_key="s1-natural-heir").prompt == "Who looked like Lenin's heir?"


def test_a_correct_answer_a_teacher_changed_is_kept(loaded):
    mark_correct_as_a_teacher("s1-natural-heir", "Stalin")

    load_questions()

    assert Choice.objects.get(question__source_key="s1-natural-heir", is_correct=True).text == "Stalin"


def test_the_output_names_the_kept_question_and_how_to_overwrite_it(loaded):
    edit_prompt_as_a_teacher("s1-natural-heir", "Who looked like Lenin's heir?")

    output = load_questions()

    assert "1 kept" in output
    assert "Kept because a teacher edited them (run with --force to overwrite): question 's1-natural-heir'" in output


def test_a_kept_question_is_not_updated_even_when_the_file_changes_it(loaded, tmp_path):
    mark_correct_as_a_teacher("s1-natural-heir", "Stalin")
    changed = ('{ text = "Trotsky", correct = true },', '{ text = "Leon Trotsky", correct = true },')

    load_questions("--bank", bank_file(tmp_path, changed))

    assert not Choice.objects.filter(text="Leon Trotsky").exists()


def test_force_overwrites_a_prompt_a_teacher_edited(loaded):
    edit_prompt_as_a_teacher("s1-natural-heir", "Who looked like Lenin's heir?")

    output = load_questions("--force")

    expected = "According to the essay, who at first seemed to be Lenin's natural heir?"
    assert Question.objects.get(source_key="s1-natural-heir").prompt == expected
    assert "1 updated" in output


def test_force_restores_the_correct_answer_of_the_file(loaded):
    mark_correct_as_a_teacher("s1-natural-heir", "Stalin")

    load_questions("--force")

    assert Choice.objects.get(question__source_key="s1-natural-heir", is_correct=True).text == "Trotsky"


def test_a_quiz_a_teacher_edited_is_kept(loaded):
    Quiz.objects.filter(slug="section-3").update(pass_mark=80)

    output = load_questions()

    assert Quiz.objects.get(slug="section-3").pass_mark == 80
    assert "quiz 'Section 3: The Great Purge'" in output


def test_a_question_whose_passage_a_teacher_edited_out_of_the_section_is_skipped_and_reported(loaded):
    section = Section.objects.get(number=4)
    section.body = section.body.replace("with an ice pick", "with an ice axe")
    section.save()

    output = load_questions()

    assert "Skipped question 'final-weapon'" in output
    assert "no longer in section 4, which a teacher edited" in output


# Files it cannot use: a clear error, and the database as it was


def test_a_missing_bank_file_is_a_clear_error(loaded, tmp_path):
    with pytest.raises(CommandError, match=r"^No question bank at .*missing\.toml\.$"):
        load_questions("--bank", str(tmp_path / "missing.toml"))


def test_a_missing_bank_file_changes_nothing(loaded, tmp_path):
    before = database_snapshot()

    with pytest.raises(CommandError):
        load_questions("--bank", str(tmp_path / "missing.toml"))

    assert database_snapshot() == before


def test_a_bank_that_is_not_toml_is_an_error_naming_the_file(loaded, tmp_path):
    broken = bank_file(tmp_path, FIRST_PROMPT, ('key = "s1-natural-heir"', 'key = "s1-natural-heir'))

    with pytest.raises(CommandError, match=r"question_bank\.toml:\nNot valid TOML: .*\nNothing was changed\.$"):
        load_questions("--bank", broken)


def test_a_bank_that_is_not_toml_changes_nothing(loaded, tmp_path):
    before = database_snapshot()
    broken = bank_file(tmp_path, FIRST_PROMPT, ('key = "s1-natural-heir"', 'key = "s1-natural-heir'))

    with pytest.raises(CommandError):
        load_questions("--bank", broken, "--force")

    assert database_snapshot() == before


def test_an_unknown_question_type_is_an_error_naming_the_question(loaded, tmp_path):
    broken = bank_file(
        tmp_path,
        FIRST_PROMPT,
        ('type = "short_text"\nprompt = "Name the Soviet', 'type = "essay"\nprompt = "Name the Soviet'),
    )
    before = database_snapshot()

    with pytest.raises(CommandError, match=r"\[\[question\]\] 's4-assassin': 'type' must be one of .*; not 'essay'"):
        load_questions("--bank", broken)

    assert database_snapshot() == before


def test_a_single_choice_question_with_two_correct_answers_is_an_error(loaded, tmp_path):
    two_correct = (
        '{ text = "Stalin", feedback = "Stalin ended',
        '{ text = "Stalin", correct = true, feedback = "Stalin ended',
    )
    broken = bank_file(tmp_path, FIRST_PROMPT, two_correct)
    before = database_snapshot()

    with pytest.raises(
        CommandError, match=r"'s1-natural-heir': A single-choice question needs exactly one correct choice \(2 ticked\)"
    ):
        load_questions("--bank", broken)

    assert database_snapshot() == before


def test_a_passage_not_in_its_section_is_an_error_naming_the_question(loaded, tmp_path):
    # The essay says "ice pick": a passage quoting the historians' "ice axe" is not in section 4.
    misquoted = (
        'passage = "fatally wounding him with an ice pick"',
        'passage = "fatally wounding him with an ice axe"',
    )

    with pytest.raises(
        CommandError, match=r"Question 'final-weapon': the passage '.*ice axe' is not in section 4's text"
    ):
        load_questions("--bank", bank_file(tmp_path, misquoted))


def test_a_passage_not_in_its_section_leaves_everything_as_it_was(loaded, tmp_path):
    # The bad passage comes late in the file: the earlier changed prompt is rolled back too.
    misquoted = (
        'passage = "fatally wounding him with an ice pick"',
        'passage = "fatally wounding him with an ice axe"',
    )
    before = database_snapshot()

    with pytest.raises(CommandError):
        load_questions("--bank", bank_file(tmp_path, FIRST_PROMPT, misquoted))

    assert database_snapshot() == before


def test_a_missing_lesson_is_an_error_that_says_to_load_the_essay_first(db):
    with pytest.raises(CommandError, match=r"no lesson 'what-did-stalin-do-to-trotsky': load the essay first"):
        load_questions()

    assert not Quiz.objects.exists()


def test_a_bank_for_another_lesson_changes_nothing(loaded, tmp_path):
    other = ('lesson = "what-did-stalin-do-to-trotsky"', 'lesson = "the-october-revolution"')
    before = database_snapshot()

    with pytest.raises(CommandError, match="no lesson 'the-october-revolution'"):
        load_questions("--bank", bank_file(tmp_path, FIRST_PROMPT, other))

    assert database_snapshot() == before


# Choices that students' attempts showed


WITHOUT_THE_UNITED_KINGDOM = (
    '  { text = "The United Kingdom", feedback = "The United Kingdom is not on the essay\'s list; '
    'in 1929 its government refused him asylum." },\n',
    "",
)


def start_an_attempt_at(slug: str) -> None:
    attempt_start(student=UserFactory(), quiz=Quiz.objects.get(slug=slug), now=timezone.now())


def test_a_choice_an_attempt_showed_cannot_be_removed_by_a_reload(loaded, tmp_path):
    start_an_attempt_at("section-2")

    with pytest.raises(CommandError, match=r"'s2-exile-countries': cannot remove choice 'The United Kingdom', because"):
        load_questions("--bank", bank_file(tmp_path, WITHOUT_THE_UNITED_KINGDOM))


def test_a_refused_removal_changes_nothing(loaded, tmp_path):
    start_an_attempt_at("section-2")
    before = database_snapshot()

    with pytest.raises(CommandError):
        load_questions("--bank", bank_file(tmp_path, FIRST_PROMPT, WITHOUT_THE_UNITED_KINGDOM))

    assert database_snapshot() == before


def test_a_choice_no_attempt_showed_can_be_removed(loaded, tmp_path):
    start_an_attempt_at("section-1")  # another quiz

    load_questions("--bank", bank_file(tmp_path, WITHOUT_THE_UNITED_KINGDOM))

    assert not Choice.objects.filter(text="The United Kingdom").exists()


TURKEY_AND_FRANCE_SWAPPED = (
    '  { text = "Turkey", correct = true },\n  { text = "France", correct = true },\n',
    '  { text = "France", correct = true },\n  { text = "Turkey", correct = true },\n',
)


def test_reordering_choices_in_the_file_keeps_what_old_attempts_chose(loaded, tmp_path):
    start_an_attempt_at("section-2")
    turkey = Choice.objects.get(question__source_key="s2-exile-countries", text="Turkey")

    load_questions("--bank", bank_file(tmp_path, TURKEY_AND_FRANCE_SWAPPED))

    turkey.refresh_from_db()
    assert turkey.text == "Turkey"
    assert turkey.order == 2
