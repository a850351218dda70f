"""manage.py import_gift and export_gift: the import service and the exporter from the command line."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO, StringIO, TextIOWrapper
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quizzes.gift import parse_gift
from quizzes.models import Question, Quiz
from tests.factories import QuizFactory, quiz_with_every_type

pytestmark = pytest.mark.django_db

GOOD = """\
$CATEGORY: $course$/top/Exile

::exile::Where was Trotsky exiled in 1928?{=Alma-Ata ~Paris ~Berlin}

::death::In which city was Trotsky killed?{=Coyoacán =Mexico City}
"""

BROKEN = """\
::fine::Who founded the Red Army?{=Trotsky ~Stalin}

::unclosed::Who was exiled first?{=Trotsky ~Zinoviev

::weight::Who?{~%150%Trotsky ~Stalin}
"""


@pytest.fixture
def gift_file(tmp_path) -> Callable[..., Path]:
    def write(text: str, name: str = "questions.gift") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def import_gift(*args: str) -> str:
    out = StringIO()
    call_command("import_gift", *args, stdout=out)
    return out.getvalue()


def export_gift(*args: str) -> str:
    out = StringIO()
    call_command("export_gift", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# import_gift


def test_import_into_a_quiz_creates_the_questions(gift_file):
    quiz = QuizFactory()

    import_gift(str(gift_file(GOOD)), "--quiz", quiz.slug)

    assert quiz.questions.count() == 2


def test_import_says_how_many_questions_it_created(gift_file):
    output = import_gift(str(gift_file(GOOD)), "--quiz", QuizFactory().slug)

    assert "Created 2 question(s)." in output


def test_import_prints_each_question_with_its_line_and_title(gift_file):
    output = import_gift(str(gift_file(GOOD)), "--quiz", QuizFactory(title="Exile").slug)

    assert "Line 3 (exile) → Exile: Single choice" in output
    assert "Line 5 (death) → Exile: Short text" in output


def test_import_by_category_creates_the_categorys_quiz(gift_file):
    output = import_gift(str(gift_file(GOOD)), "--by-category")

    assert Quiz.objects.get(title="Exile").questions.count() == 2
    assert "Exile (slug exile, no section)" in output


def test_import_by_category_sends_uncategorised_questions_to_the_quiz_named_like_the_file(gift_file):
    import_gift(str(gift_file("Who?{=Trotsky}\n", name="purge.gift")), "--by-category")

    assert Quiz.objects.get(title="purge").questions.count() == 1


def test_a_dry_run_creates_nothing_and_says_so(gift_file):
    output = import_gift(str(gift_file(GOOD)), "--by-category", "--dry-run")

    assert "Dry run: nothing was created." in output
    assert (Quiz.objects.count(), Question.objects.count()) == (0, 0)


def test_errors_fail_the_command_listing_each_with_its_line_and_title(gift_file):
    with pytest.raises(CommandError) as raised:
        import_gift(str(gift_file(BROKEN)), "--quiz", QuizFactory().slug)

    message = str(raised.value)
    assert "has 2 error(s)" in message
    assert "Line 3 (unclosed):" in message
    assert "Line 5 (weight): The weight %150% must be between -100% and 100%." in message
    assert message.endswith("Nothing was created.")


def test_errors_create_nothing(gift_file):
    quiz = QuizFactory()

    with pytest.raises(CommandError):
        import_gift(str(gift_file(BROKEN)), "--quiz", quiz.slug)

    assert quiz.questions.count() == 0


def test_an_unknown_quiz_fails_the_command(gift_file):
    with pytest.raises(CommandError, match="There is no quiz with the slug “nowhere”"):
        import_gift(str(gift_file(GOOD)), "--quiz", "nowhere")


def test_importing_again_says_there_is_nothing_new(gift_file):
    quiz = QuizFactory()
    import_gift(str(gift_file(GOOD)), "--quiz", quiz.slug)

    output = import_gift(str(gift_file(GOOD)), "--quiz", quiz.slug)

    assert "Nothing new to import" in output
    assert quiz.questions.count() == 2


def test_a_missing_file_fails_the_command(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        import_gift(str(tmp_path / "missing.gift"), "--by-category")


def test_a_file_that_is_not_utf_8_fails_the_command(tmp_path):
    path = tmp_path / "latin.gift"
    path.write_bytes("Où est Coyoacán?{=Mexique}".encode("latin-1"))

    with pytest.raises(CommandError, match="not UTF-8 text"):
        import_gift(str(path), "--by-category")


def test_import_needs_a_quiz_or_by_category(gift_file):
    with pytest.raises(CommandError, match="one of the arguments --quiz --by-category is required"):
        import_gift(str(gift_file(GOOD)))


def test_import_takes_a_quiz_or_by_category_not_both(gift_file):
    with pytest.raises(CommandError, match="not allowed with argument"):
        import_gift(str(gift_file(GOOD)), "--quiz", "x", "--by-category")


# export_gift


def test_export_writes_every_question_to_standard_output():
    quiz = quiz_with_every_type()

    parsed = parse_gift(export_gift("--quiz", quiz.slug))

    assert [q.prompt for q in parsed.questions] == list(
        quiz.questions.order_by("order").values_list("prompt", flat=True)
    )
    assert parsed.errors == ()


def test_export_puts_the_questions_under_a_category_named_after_the_quiz():
    quiz = QuizFactory(title="Exile/abroad")

    assert export_gift("--quiz", quiz.slug).startswith("$CATEGORY: $course$/top/Exile//abroad\n")


def test_export_writes_a_utf_8_file_with_output(tmp_path):
    quiz = QuizFactory()
    Question.objects.create(quiz=quiz, type=Question.Type.SHORT_TEXT, prompt="Où fut tué Trotsky ?")
    quiz.questions.get().accepted_answers.create(text="Coyoacán")
    path = tmp_path / "out.gift"

    export_gift("--quiz", quiz.slug, "--output", str(path))

    assert "{\n\t=Coyoacán\n}" in path.read_bytes().decode("utf-8")


def test_export_writes_utf_8_to_standard_output_whatever_its_encoding():
    quiz = QuizFactory()
    Question.objects.create(quiz=quiz, type=Question.Type.SHORT_TEXT, prompt="Où fut tué Trotsky ?")
    quiz.questions.get().accepted_answers.create(text="Coyoacán")
    terminal = TextIOWrapper(BytesIO(), encoding="ascii")

    call_command("export_gift", "--quiz", quiz.slug, stdout=terminal)

    assert "=Coyoacán" in terminal.buffer.getvalue().decode("utf-8")


def test_export_of_an_unknown_quiz_fails():
    with pytest.raises(CommandError, match="There is no quiz with the slug “nowhere”"):
        export_gift("--quiz", "nowhere")


def test_an_export_imported_by_category_finds_the_same_quiz_and_adds_nothing(tmp_path):
    quiz = quiz_with_every_type(title="Every type")
    path = tmp_path / "every.gift"
    export_gift("--quiz", quiz.slug, "--output", str(path))

    output = import_gift(str(path), "--by-category")

    assert "Nothing new to import" in output
    assert (Quiz.objects.count(), quiz.questions.count()) == (1, 7)
