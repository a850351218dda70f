"""lessons/companion.py: the timeline, glossary and notes file, read without a database."""

from __future__ import annotations

import pytest

from lessons.companion import CompanionFormatError, EventData, NoteData, TermData, parse_companion
from tests.conftest import CONTENT_DIR


@pytest.fixture
def companion():
    return parse_companion((CONTENT_DIR / "companion.toml").read_text(encoding="utf-8"))


# The real companion file


def test_the_real_file_has_the_ten_timeline_events_the_essay_names(companion):
    assert [event.key for event in companion.events] == [
        "lenin-dies",
        "stalin-consolidates",
        "trotsky-expelled",
        "exile-turkey",
        "exile-france",
        "exile-norway",
        "great-purge",
        "show-trials",
        "trotsky-in-mexico",
        "assassination",
    ]


def test_the_real_file_dates_lenins_death_in_1924_and_the_assassination_in_1940(companion):
    years = {event.key: event.year for event in companion.events}

    assert years["lenin-dies"] == 1924
    assert years["trotsky-expelled"] == 1929
    assert years["assassination"] == 1940


def test_the_real_glossary_has_the_terms_the_issue_asks_for(companion):
    names = {term.name for term in companion.terms}

    assert {
        "Bolshevik",
        "Socialism in One Country",
        "International revolution",
        "Great Purge",
        "Show trial",
        "NKVD",
        "Trotskyist",
    } <= names


def test_the_real_glossary_explains_permanent_revolution_under_international_revolution(companion):
    international = next(term for term in companion.terms if term.key == "international-revolution")

    assert "permanent revolution" in international.definition


def test_the_real_notes_include_the_ice_axe_and_the_years_in_mexico(companion):
    notes = {note.key: note for note in companion.notes}

    assert notes["ice-axe"].section == 4
    assert notes["ice-axe"].passage == "ice pick"
    assert "ice axe" in notes["ice-axe"].body
    assert "1937" in notes["mexico"].body


def test_a_terms_slug_comes_from_its_name():
    assert TermData(key="k", name="Socialism in One Country", definition="…").slug == "socialism-in-one-country"


# Any companion file


def test_an_empty_file_has_no_events_terms_or_notes():
    companion = parse_companion("")

    assert (companion.events, companion.terms, companion.notes) == ((), (), ())


def test_an_event_without_a_passage_or_position_gets_the_defaults():
    companion = parse_companion(
        '[[event]]\nkey = "k"\nyear = 1924\ndate_label = "1924"\ntitle = "T"\nsummary = "S."\nsection = 1\n'
    )

    assert companion.events == (
        EventData(key="k", year=1924, date_label="1924", title="T", summary="S.", section=1, passage="", position=0),
    )


def test_a_note_is_read_with_all_its_fields():
    companion = parse_companion('[[note]]\nkey = "n"\nsection = 4\npassage = "ice pick"\ntitle = "T"\nbody = "B."\n')

    assert companion.notes == (NoteData(key="n", section=4, passage="ice pick", title="T", body="B."),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[event]\n", r"^Not valid TOML"),
        ("[[quiz]]\nkey = 'q'\n", r"Unknown table 'quiz'"),
        ("term = 'Bolshevik'\n", r"'term' must be a list of \[\[term\]\] tables"),
        ("[[term]]\nkey = 'k'\nname = 'N'\ndefinition = 'D'\ncolour = 'red'\n", r"'k'\): unknown field 'colour'"),
        ("[[term]]\nkey = 'k'\nname = 'N'\n", r"\[\[term\]\] number 1 \('k'\): missing field 'definition'"),
        (
            "[[event]]\nkey = 'k'\nyear = '1924'\ndate_label = 'd'\ntitle = 't'\nsummary = 's'\nsection = 1\n",
            r"'year' must be a number",
        ),
        (
            "[[event]]\nkey = 'k'\nyear = 1924\ndate_label = 'd'\ntitle = 't'\nsummary = 's'\nsection = true\n",
            r"'section' must be a number",
        ),
        ("[[term]]\nkey = 'k'\nname = 42\ndefinition = 'D'\n", r"'name' must be text"),
        ("[[term]]\nkey = 'k'\nname = '   '\ndefinition = 'D'\n", r"'name' is empty"),
        (
            "[[term]]\nkey = 'k'\nname = 'A'\ndefinition = 'D'\n[[term]]\nkey = 'k'\nname = 'B'\ndefinition = 'D'\n",
            r"Two \[\[term\]\] items share the key 'k'",
        ),
    ],
    ids=[
        "not-toml",
        "unknown-table",
        "not-a-list",
        "unknown-field",
        "missing-field",
        "text-for-a-number",
        "boolean-for-a-number",
        "number-for-text",
        "blank-text",
        "repeated-key",
    ],
)
def test_a_malformed_file_is_refused_with_a_message_naming_the_item(text, message):
    with pytest.raises(CompanionFormatError, match=message):
        parse_companion(text)
