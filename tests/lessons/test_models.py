"""lessons/models.py: what a row knows about itself (mostly checked without a database)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lessons.models import split_paragraphs
from tests.factories import EventFactory, LessonFactory, NoteFactory, SectionFactory, TermFactory


def test_paragraphs_are_split_at_blank_lines_and_rejoined_inside():
    assert split_paragraphs("  One\nline.\n\n \nTwo.  \n") == ["One line.", "Two."]


def test_a_short_section_takes_one_minute_to_read():
    assert SectionFactory.build(body="Ten words.").reading_minutes == 1


def test_reading_time_rounds_up_at_two_hundred_words_a_minute():
    assert SectionFactory.build(body="word " * 401).reading_minutes == 3


def test_a_passage_is_found_in_its_paragraph_whatever_its_spacing():
    section = SectionFactory.build(body="First.\n\nWounded with an\nice   pick.")

    assert section.paragraph_number_of("an ice pick") == 2
    assert section.paragraph_number_of("ice axe") is None


def test_a_section_lives_under_its_lesson_address():
    section = SectionFactory.build(lesson=LessonFactory.build(slug="stalin"), slug="exile")

    assert section.get_absolute_url() == "/lessons/stalin/exile/"


def test_an_event_links_to_the_paragraph_that_tells_it():
    section = SectionFactory.build(lesson=LessonFactory.build(slug="stalin"), slug="exile", body="A.\n\nIn 1929.")

    assert EventFactory.build(section=section, passage="In 1929").get_absolute_url() == "/lessons/stalin/exile/#p2"


def test_an_event_without_a_passage_links_to_the_top_of_its_section():
    section = SectionFactory.build(lesson=LessonFactory.build(slug="stalin"), slug="exile")

    assert EventFactory.build(section=section, passage="").get_absolute_url() == "/lessons/stalin/exile/"


def test_a_term_links_to_its_glossary_entry():
    assert TermFactory.build(slug="nkvd").get_absolute_url() == "/glossary/#nkvd"


def test_a_section_reads_as_its_number_and_title():
    assert str(SectionFactory.build(number=4, title="The Assassination")) == "4. The Assassination"


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [NoteFactory, EventFactory], ids=["note", "event"])
def test_a_passage_must_be_copied_exactly_from_its_section(factory):
    row = factory.build(section=SectionFactory(body="Wounded with an ice pick."), passage="an ice axe")

    with pytest.raises(ValidationError) as error:
        row.clean()

    assert error.value.error_dict["passage"][0].code == "passage_not_in_section"


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [NoteFactory, EventFactory], ids=["note", "event"])
def test_a_passage_copied_from_its_section_is_accepted(factory):
    factory.build(section=SectionFactory(body="Wounded with an ice pick."), passage="an ice pick").clean()
