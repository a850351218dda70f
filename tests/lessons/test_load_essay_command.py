"""manage.py load_essay: loads the essay once, keeps teachers' edits, and never half-loads."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lessons.models import Event, Lesson, Note, Section, Term
from tests.conftest import CONTENT_DIR

pytestmark = pytest.mark.django_db

REAL_COMPANION = CONTENT_DIR / "companion.toml"


def load_essay(*args: str) -> str:
    """Run the command as `make run` does and return what it printed."""
    out = StringIO()
    call_command("load_essay", *args, stdout=out)
    return out.getvalue()


def database_snapshot() -> dict[str, list[dict]]:
    """Every loaded row with every column (timestamps included), to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in (Lesson, Section, Event, Term, Note)
    }


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# A first load


def test_it_loads_one_lesson_six_sections_and_the_study_aids():
    load_essay()

    assert Lesson.objects.count() == 1
    assert Section.objects.count() == 6
    assert Event.objects.count() == 10
    assert Term.objects.count() == 11
    assert Note.objects.count() == 4


def test_it_says_what_it_created():
    output = load_essay()

    assert "Sections: 6 created." in output
    assert "Timeline events: 10 created." in output
    assert "Loaded 'What Did Stalin Do To Trotsky?'." in output


def test_the_lesson_keeps_the_title_subtitle_and_introduction():
    load_essay()

    lesson = Lesson.objects.get()
    assert lesson.title == "What Did Stalin Do To Trotsky?"
    assert lesson.slug == "what-did-stalin-do-to-trotsky"
    assert lesson.subtitle == "Stalin's Actions Against Trotsky: Unraveling the Historical Enigma"
    assert lesson.introduction.startswith("Stalin's treatment of Trotsky remains")


def test_each_section_is_stored_with_its_number_title_slug_and_paragraphs():
    load_essay()

    section = Section.objects.get(number=2)
    assert section.lesson == Lesson.objects.get()
    assert section.title == "Ideological Differences and Political Exile"
    assert section.slug == "ideological-differences-and-political-exile"
    assert len(section.paragraphs) == 2


def test_notes_and_events_are_attached_to_the_sections_that_quote_them():
    load_essay()

    assert Note.objects.get(title="Ice pick or ice axe?").section.number == 4
    assert Event.objects.get(title="Lenin dies").section.number == 1


# Running it again


def test_running_it_twice_changes_nothing():
    load_essay()
    before = database_snapshot()

    load_essay()

    assert database_snapshot() == before


def test_a_second_run_says_the_lesson_is_already_up_to_date():
    load_essay()

    output = load_essay()

    assert "Sections: 6 unchanged." in output
    assert "'What Did Stalin Do To Trotsky?' was already up to date." in output


# A teacher's edits


def edit_section_as_a_teacher(number: int, body: str) -> Section:
    """What saving the section's admin form does."""
    section = Section.objects.get(number=number)
    section.body = body
    section.save()
    return section


def test_a_section_a_teacher_edited_is_kept():
    load_essay()
    edit_section_as_a_teacher(5, "The teacher's own words.")

    load_essay()

    assert Section.objects.get(number=5).body == "The teacher's own words."


def test_the_output_names_the_kept_section_and_how_to_overwrite_it():
    load_essay()
    edit_section_as_a_teacher(5, "The teacher's own words.")

    output = load_essay()

    assert "Sections: 1 kept, 5 unchanged." in output
    assert "Kept because a teacher edited them (run with --force to overwrite)" in output
    assert "section '5. Legacy and Historical Interpretations'" in output


def test_force_overwrites_a_teachers_edit_with_the_essay():
    load_essay()
    edit_section_as_a_teacher(5, "The teacher's own words.")

    output = load_essay("--force")

    assert Section.objects.get(number=5).body.startswith("The legacy of Stalin's actions against Trotsky")
    assert "Sections: 5 unchanged, 1 updated." in output


def test_a_glossary_term_a_teacher_edited_is_kept_too():
    load_essay()
    Term.objects.filter(name="NKVD").update(definition="Stalin's secret police.")

    load_essay()

    assert Term.objects.get(name="NKVD").definition == "Stalin's secret police."


def test_a_note_on_a_passage_the_teacher_rewrote_is_skipped_and_reported():
    load_essay()
    edit_section_as_a_teacher(4, "Trotsky was killed in Mexico City in 1940.")

    output = load_essay()

    assert "Skipped editor's note 'ice-axe'" in output
    assert "no longer in section 4, which a teacher edited" in output


def test_an_edit_the_teacher_undid_no_longer_counts_as_an_edit(tmp_path):
    load_essay()
    original = Term.objects.get(name="NKVD").definition
    Term.objects.filter(name="NKVD").update(definition="Stalin's secret police.")
    Term.objects.filter(name="NKVD").update(definition=original)
    load_essay()
    revised = REAL_COMPANION.read_text(encoding="utf-8").replace(original, "A revised definition.")

    load_essay("--companion", write(tmp_path, "companion.toml", revised))

    assert Term.objects.get(name="NKVD").definition == "A revised definition."


# Files it cannot use


def test_a_missing_essay_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"^No essay at .*missing\.txt\.$"):
        load_essay("--essay", str(tmp_path / "missing.txt"))


def test_a_missing_essay_file_changes_nothing(tmp_path):
    load_essay()
    before = database_snapshot()

    with pytest.raises(CommandError):
        load_essay("--essay", str(tmp_path / "missing.txt"))

    assert database_snapshot() == before


def test_a_missing_companion_file_is_a_clear_error_and_loads_nothing(tmp_path):
    with pytest.raises(CommandError, match=r"^No companion file at "):
        load_essay("--companion", str(tmp_path / "missing.toml"))

    assert not Lesson.objects.exists()


def test_an_essay_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "essay.txt"
    path.write_bytes("Título\n\n1. Uno\n\nTexto.\n".encode("latin-1"))

    with pytest.raises(CommandError, match=r"^Cannot read the essay at "):
        load_essay("--essay", str(path))


def test_a_malformed_essay_is_an_error_naming_the_file_and_the_line(tmp_path):
    broken = write(tmp_path, "essay.txt", "A Title\n\nIntroduction.\n\n1. First\n\nText.\n\n3. Third\n\nText.\n")

    with pytest.raises(CommandError, match=r"essay\.txt: Line 9: expected section 2, found section 3\. Nothing was"):
        load_essay("--essay", broken)


def test_a_malformed_essay_leaves_the_database_exactly_as_it_was(tmp_path):
    load_essay()
    before = database_snapshot()
    broken = write(tmp_path, "essay.txt", "A Title\n\nIntroduction.\n\n1. First\n\n2. Second\n\nText.\n")

    with pytest.raises(CommandError, match="has no text"):
        load_essay("--essay", broken, "--force")

    assert database_snapshot() == before


def test_a_malformed_companion_file_leaves_the_database_exactly_as_it_was(tmp_path):
    load_essay()
    before = database_snapshot()
    broken = write(tmp_path, "companion.toml", "[[term]]\nkey = 'k'\nname = 'N'\n")

    with pytest.raises(CommandError, match=r"companion\.toml: .*missing field 'definition'"):
        load_essay("--companion", broken, "--force")

    assert database_snapshot() == before


def companion_with_a_misquoted_note() -> str:
    # The essay says "ice pick"; a note quoting "ice axe" points at words that are not there.
    return REAL_COMPANION.read_text(encoding="utf-8").replace('passage = "ice pick"', 'passage = "ice axe"')


def test_a_companion_passage_not_in_its_section_is_an_error_naming_the_note(tmp_path):
    with pytest.raises(CommandError, match=r"editor's note 'ice-axe': the passage 'ice axe' is not in section 4"):
        load_essay("--companion", write(tmp_path, "companion.toml", companion_with_a_misquoted_note()))


def test_a_companion_passage_not_in_its_section_loads_nothing_at_all(tmp_path):
    # The lesson, sections and events come before the notes: all of them are rolled back.
    with pytest.raises(CommandError):
        load_essay("--companion", write(tmp_path, "companion.toml", companion_with_a_misquoted_note()))

    assert database_snapshot() == {"Lesson": [], "Section": [], "Event": [], "Term": [], "Note": []}


def test_a_companion_passage_not_in_its_section_leaves_a_loaded_database_as_it_was(tmp_path):
    load_essay()
    edit_section_as_a_teacher(5, "The teacher's own words.")
    before = database_snapshot()

    with pytest.raises(CommandError):
        load_essay("--companion", write(tmp_path, "companion.toml", companion_with_a_misquoted_note()), "--force")

    assert database_snapshot() == before


def test_a_companion_item_for_a_section_the_essay_lacks_is_an_error(tmp_path):
    text = "[[note]]\nkey = 'n'\nsection = 9\npassage = 'x'\ntitle = 'T'\nbody = 'B.'\n"

    with pytest.raises(CommandError, match=r"editor's note 'n': there is no section 9 in the essay"):
        load_essay("--companion", write(tmp_path, "companion.toml", text))

    assert not Lesson.objects.exists()
