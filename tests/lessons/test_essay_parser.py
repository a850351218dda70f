"""lessons/essay.py: the forum post becomes a title, an introduction and six sections."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest
from django.urls import reverse

from lessons.essay import EssayFormatError, parse_essay

FORUM_LINES = ("Onultan", "Global Mod")
SECTION_TITLES = (
    "Background: The Rise of Stalin and the Fall of Trotsky",
    "Ideological Differences and Political Exile",
    "The Great Purge: Stalin's Campaign of Terror",
    "The Assassination of Trotsky: Stalin's Final Blow",
    "Legacy and Historical Interpretations",
    "Conclusion: Unraveling the Historical Enigma",
)


def essay(body: str) -> str:
    """A small essay in the real file's shape: title, forum lines, subtitle, then `body`."""
    return "A Short Essay ?\n\nSomeone\n\nGlobal Mod\nGlobal Mod\nA Subtitle Without a Full Stop\n\n" + dedent(body)


# The real essay


def test_the_real_essay_has_six_sections_with_their_exact_titles(essay_text):
    parsed = parse_essay(essay_text)

    assert tuple(section.title for section in parsed.sections) == SECTION_TITLES


def test_the_sections_are_numbered_one_to_six_in_order(essay_text):
    parsed = parse_essay(essay_text)

    assert [section.number for section in parsed.sections] == [1, 2, 3, 4, 5, 6]


def test_each_section_gets_a_short_slug_from_the_part_of_its_title_before_the_colon(essay_text):
    parsed = parse_essay(essay_text)

    assert [section.slug for section in parsed.sections] == [
        "background",
        "ideological-differences-and-political-exile",
        "the-great-purge",
        "the-assassination-of-trotsky",
        "legacy-and-historical-interpretations",
        "conclusion",
    ]


def test_the_title_loses_the_forum_space_before_its_question_mark(essay_text):
    parsed = parse_essay(essay_text)

    assert parsed.title == "What Did Stalin Do To Trotsky?"
    assert parsed.slug == "what-did-stalin-do-to-trotsky"


def test_the_subtitle_is_the_essays_own_heading(essay_text):
    parsed = parse_essay(essay_text)

    assert parsed.subtitle == "Stalin's Actions Against Trotsky: Unraveling the Historical Enigma"


def test_the_introduction_is_the_paragraph_before_section_one(essay_text):
    parsed = parse_essay(essay_text)

    assert len(parsed.introduction) == 1
    assert parsed.introduction[0].startswith("Stalin's treatment of Trotsky remains one of the most intriguing")
    assert parsed.introduction[0].endswith("to eliminate Trotsky both politically and physically.")


def test_each_section_keeps_its_paragraphs_in_the_essays_order(essay_text):
    parsed = parse_essay(essay_text)

    assert [len(section.paragraphs) for section in parsed.sections] == [1, 2, 2, 2, 2, 3]
    assert parsed.sections[1].paragraphs[0].startswith("Central to Stalin's campaign against Trotsky")
    assert parsed.sections[1].paragraphs[1].startswith("As Stalin solidified his grip on power")


def test_the_essays_own_words_are_kept_exactly(essay_text):
    assassination = parse_essay(essay_text).sections[3]

    assert "fatally wounding him with an ice pick." in assassination.body


def test_a_section_body_separates_its_paragraphs_with_a_blank_line(essay_text):
    section = parse_essay(essay_text).sections[1]

    assert section.body == "\n\n".join(section.paragraphs)


@pytest.mark.parametrize("forum_line", FORUM_LINES)
def test_the_forum_lines_appear_nowhere_in_the_parsed_essay(essay_text, forum_line):
    parsed = parse_essay(essay_text)
    everything = [parsed.title, parsed.subtitle, *parsed.introduction]
    for section in parsed.sections:
        everything += [section.title, section.slug, *section.paragraphs]

    assert not [text for text in everything if forum_line in text]


def test_windows_line_endings_and_a_byte_order_mark_parse_the_same(essay_text):
    windows = "\ufeff" + essay_text.replace("\n", "\r\n")

    assert parse_essay(windows) == parse_essay(essay_text)


def test_old_mac_line_endings_parse_the_same(essay_text):
    assert parse_essay(essay_text.replace("\n", "\r")) == parse_essay(essay_text)


# The shape of any essay


def test_a_paragraph_wrapped_over_several_lines_is_one_paragraph():
    parsed = parse_essay(
        essay("""
        An introduction.

        1. First
        One paragraph
        wrapped over   three
        lines.
        """)
    )

    assert parsed.sections[0].paragraphs == ("One paragraph wrapped over three lines.",)


def test_a_paragraph_that_starts_with_a_year_is_not_a_section_heading():
    parsed = parse_essay(
        essay("""
        1. First
        Some text.

        1940. The year Trotsky died in Mexico City.
        """)
    )

    assert len(parsed.sections) == 1
    assert parsed.sections[0].paragraphs[1] == "1940. The year Trotsky died in Mexico City."


def test_an_essay_without_a_subtitle_starts_its_introduction_at_the_first_sentence():
    parsed = parse_essay("A Title\n\nThe introduction is a full sentence.\n\n1. First\nText.\n")

    assert parsed.subtitle == ""
    assert parsed.introduction == ("The introduction is a full sentence.",)


def test_an_essay_may_have_no_introduction():
    parsed = parse_essay("A Title\n\n1. First\nText.\n")

    assert parsed.introduction == ()
    assert [section.title for section in parsed.sections] == ["First"]


# Malformed files


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"], ids=["empty", "blank-lines", "only-a-bom"])
def test_an_empty_file_is_refused(text):
    with pytest.raises(EssayFormatError, match="empty"):
        parse_essay(text)


def test_a_title_followed_only_by_forum_lines_is_refused():
    with pytest.raises(EssayFormatError, match="title but no text"):
        parse_essay("A Title\n\nOnultan\n\nGlobal Mod\n")


def test_a_file_without_numbered_sections_is_refused():
    with pytest.raises(EssayFormatError, match="No numbered sections"):
        parse_essay(essay("Just an introduction.\n\nAnd another paragraph.\n"))


def test_a_file_that_starts_with_a_section_heading_is_refused_at_line_one():
    with pytest.raises(EssayFormatError, match=r"^Line 1: the first line should be the essay's title"):
        parse_essay("1. Background\nText.\n")


def test_a_skipped_section_number_is_refused_with_its_line():
    text = "A Title\n\nIntroduction.\n\n1. First\nText.\n\n3. Third\nText.\n"

    with pytest.raises(EssayFormatError, match=r"^Line 8: expected section 2, found section 3\.$"):
        parse_essay(text)


def test_an_essay_that_starts_at_section_two_is_refused():
    with pytest.raises(EssayFormatError, match=r"^Line 5: expected section 1, found section 2\."):
        parse_essay("A Title\n\nIntroduction.\n\n2. Second\nText.\n")


def test_a_section_without_text_is_refused_with_its_line():
    text = "A Title\n\nIntroduction.\n\n1. First\n\n2. Second\nText.\n"

    with pytest.raises(EssayFormatError, match=r"^Line 5: section 1 \('First'\) has no text\.$"):
        parse_essay(text)


def test_a_last_section_without_text_is_refused_with_its_line():
    text = "A Title\n\nIntroduction.\n\n1. First\nText.\n\n2. Second\n"

    with pytest.raises(EssayFormatError, match=r"^Line 8: section 2 \('Second'\) has no text\.$"):
        parse_essay(text)


def test_two_sections_that_would_share_an_address_are_refused_with_the_second_ones_line():
    text = "A Title\n\nIntroduction.\n\n1. Exile: Turkey\nText.\n\n2. Exile: Norway\nText.\n"

    with pytest.raises(EssayFormatError, match=r"^Line 8: sections 1 and 2 would share the address 'exile'"):
        parse_essay(text)


def test_a_section_title_without_letters_or_digits_is_refused_with_its_line():
    text = "A Title\n\nIntroduction.\n\n1. ???\nText.\n"

    with pytest.raises(EssayFormatError, match=r"^Line 5: section 1's title '\?\?\?' has no letters or digits"):
        parse_essay(text)


def test_a_title_without_letters_or_digits_is_refused_at_line_one():
    with pytest.raises(EssayFormatError, match=r"^Line 1: the title '\?\?\?' has no letters or digits"):
        parse_essay("???\n\nIntroduction.\n\n1. First\nText.\n")


def test_the_line_numbers_count_the_lines_of_a_windows_file():
    text = "A Title\r\n\r\nIntroduction.\r\n\r\n1. First\r\nText.\r\n\r\n3. Third\r\nText.\r\n"

    with pytest.raises(EssayFormatError, match=r"^Line 8: "):
        parse_essay(text)


# The forum lines on the site


@pytest.mark.django_db
def test_the_forum_lines_appear_on_no_page(client, essay_lesson):
    urls = [
        reverse("lessons:home"),
        essay_lesson.get_absolute_url(),
        reverse("lessons:timeline"),
        reverse("lessons:glossary"),
        reverse("lessons:search") + "?q=Trotsky",
        *(section.get_absolute_url() for section in essay_lesson.sections.all()),
    ]

    for url in urls:
        page = client.get(url).content.decode()
        found = [line for line in FORUM_LINES if re.search(re.escape(line), page, re.IGNORECASE)]
        assert not found, f"{url} shows {found}"
