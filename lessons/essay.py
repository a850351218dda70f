"""Parse the source essay (a forum post saved as plain text) into a lesson.

The file's shape, top to bottom:

    What Did Stalin Do To Trotsky ?          <- the lesson title
    Onultan                                  <- forum chrome: the poster's name
    Global Mod                               <-   and badges (not content)
    Stalin's Actions Against Trotsky: …      <- the essay's own heading (subtitle)
    Stalin's treatment of Trotsky …          <- introduction paragraphs
    1. Background: The Rise of Stalin …      <- numbered section headings,
    To comprehend Stalin's actions …         <-   each followed by paragraphs

Forum chrome is recognised as the short lines (three words or fewer) between
the title and the first longer line: user names and badges are short, the
essay's heading and prose are not. Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

SECTION_HEADING = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<title>\S.*)$")
FORUM_CHROME_MAX_WORDS = 3
SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ":")


class EssayFormatError(ValueError):
    """The file is not an essay this parser understands; the message says where."""


@dataclass(frozen=True)
class ParsedSection:
    number: int
    title: str
    slug: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class ParsedEssay:
    title: str
    slug: str
    subtitle: str
    introduction: tuple[str, ...]
    sections: tuple[ParsedSection, ...]


@dataclass(frozen=True)
class _Block:
    line: int  # 1-based line number of the block's first line
    text: str


def _blocks(text: str) -> list[_Block]:
    """Runs of non-blank lines, each joined into one line of text.

    A section heading is a block of its own even when its text follows on the
    next line, so it never swallows the section's first paragraph.
    """
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if SECTION_HEADING.match(line):
            if current:
                blocks.append(_Block(start, " ".join(current)))
                current = []
            blocks.append(_Block(number, line))
        elif line:
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(_Block(start, " ".join(current)))
            current = []
    if current:
        blocks.append(_Block(start, " ".join(current)))
    return blocks


def _lines(text: str) -> list[_Block]:
    return [_Block(n, " ".join(raw.split())) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]


def _tidy_title(title: str) -> str:
    # Forum titles often carry a space before the question mark ("Trotsky ?").
    return re.sub(r"\s+([?!:;,.])", r"\1", title)


def section_slug(title: str) -> str:
    """A short, readable slug: the part of the title before any colon."""
    return slugify(title.split(":", 1)[0]) or slugify(title)


def parse_essay(text: str) -> ParsedEssay:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    if not lines:
        raise EssayFormatError("The essay file is empty.")

    title_line, rest = lines[0], lines[1:]
    if SECTION_HEADING.match(title_line.text):
        raise EssayFormatError(f"Line {title_line.line}: the first line should be the essay's title, not a section.")

    # Skip forum chrome: short lines right after the title.
    while rest and len(rest[0].text.split()) <= FORUM_CHROME_MAX_WORDS and not SECTION_HEADING.match(rest[0].text):
        rest = rest[1:]
    if not rest:
        raise EssayFormatError("The essay has a title but no text.")

    subtitle = ""
    first = rest[0]
    if not SECTION_HEADING.match(first.text) and not first.text.endswith(SENTENCE_END):
        subtitle = first.text
        rest = rest[1:]

    body_start = rest[0].line if rest else title_line.line + 1
    body_text = "\n".join(text.splitlines()[body_start - 1 :])
    introduction: list[str] = []
    sections: list[ParsedSection] = []
    heading: tuple[int, int, str] | None = None  # (line, number, title)
    paragraphs: list[str] = []

    def close_section() -> None:
        line, number, section_title = heading  # type: ignore[misc]
        if not paragraphs:
            raise EssayFormatError(f"Line {line}: section {number} ({section_title!r}) has no text.")
        slug = section_slug(section_title)
        if not slug:
            raise EssayFormatError(
                f"Line {line}: section {number}'s title {section_title!r} has no letters or digits for its address."
            )
        clash = next((section for section in sections if section.slug == slug), None)
        if clash is not None:
            raise EssayFormatError(
                f"Line {line}: sections {clash.number} and {number} would share the address {slug!r}; "
                "give them different titles."
            )
        sections.append(ParsedSection(number, section_title, slug, tuple(paragraphs)))

    for block in _blocks(body_text):
        line = block.line + body_start - 1
        match = SECTION_HEADING.match(block.text)
        if match:
            if heading is not None:
                close_section()
            number = int(match["number"])
            expected = len(sections) + 1
            if number != expected:
                raise EssayFormatError(f"Line {line}: expected section {expected}, found section {number}.")
            heading, paragraphs = (line, number, match["title"].strip()), []
        elif heading is None:
            introduction.append(block.text)
        else:
            paragraphs.append(block.text)
    if heading is None:
        raise EssayFormatError("No numbered sections found (expected headings like '1. Background: …').")
    close_section()

    title = _tidy_title(title_line.text)
    if not slugify(title):
        raise EssayFormatError(f"Line {title_line.line}: the title {title!r} has no letters or digits for its address.")
    return ParsedEssay(
        title=title,
        slug=slugify(title),
        subtitle=subtitle,
        introduction=tuple(introduction),
        sections=tuple(sections),
    )
