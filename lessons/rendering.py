"""Turn plain-text paragraphs into safe HTML for readers.

Everything from the database is escaped here; the only markup added is ours:
a link on the first use of each glossary term, a mark on each passage an
editor's note comments on, and <mark> around search hits. Pure functions over
plain values: no database, no request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class TermLink:
    name: str
    url: str


@dataclass(frozen=True)
class AnchoredNote:
    """Anything with a passage and an id to anchor: an editor's note."""

    passage: str
    anchor: str
    note: Any = None


@dataclass(frozen=True)
class RenderedParagraph:
    number: int
    html: SafeString
    notes: tuple[Any, ...] = ()


@dataclass(order=True)
class _Span:
    start: int
    end: int
    html_open: str = field(compare=False)
    html_close: str = field(compare=False)


def term_pattern(name: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive match for a term and its plural."""
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){words}(?:s|es)?(?!\w)", re.IGNORECASE)


def _overlaps(spans: list[_Span], start: int, end: int) -> bool:
    return any(start < span.end and span.start < end for span in spans)


def _paint(text: str, spans: list[_Span]) -> SafeString:
    parts, cursor = [], 0
    for span in sorted(spans):
        parts += [
            escape(text[cursor : span.start]),
            span.html_open,
            escape(text[span.start : span.end]),
            span.html_close,
        ]
        cursor = span.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(str(part) for part in parts))


def render_paragraphs(
    paragraphs: Sequence[str], *, terms: Sequence[TermLink] = (), notes: Sequence[AnchoredNote] = ()
) -> list[RenderedParagraph]:
    spans: list[list[_Span]] = [[] for _ in paragraphs]
    anchored: list[list[Any]] = [[] for _ in paragraphs]

    for note in notes:
        wanted = " ".join(note.passage.split())
        for index, paragraph in enumerate(paragraphs):
            start = paragraph.find(wanted) if wanted else -1
            if start >= 0 and not _overlaps(spans[index], start, start + len(wanted)):
                opening = format_html('<mark class="note-ref"><a href="#{}" id="{}-ref">', note.anchor, note.anchor)
                spans[index].append(_Span(start, start + len(wanted), opening, "</a></mark>"))
                anchored[index].append(note.note)
                break

    # Longer names first, so "Great Purge" wins over a shorter term inside it.
    for term in sorted(terms, key=lambda t: len(t.name), reverse=True):
        pattern = term_pattern(term.name)
        for index, paragraph in enumerate(paragraphs):
            match = next((m for m in pattern.finditer(paragraph) if not _overlaps(spans[index], *m.span())), None)
            if match:
                opening = format_html('<a class="term" href="{}">', term.url)
                spans[index].append(_Span(match.start(), match.end(), opening, "</a>"))
                break

    return [
        RenderedParagraph(number, _paint(paragraph, spans[number - 1]), tuple(anchored[number - 1]))
        for number, paragraph in enumerate(paragraphs, start=1)
    ]


def snippet(text: str, words: Sequence[str], *, width: int = 160) -> SafeString:
    """An excerpt of `text` around the first of `words` found, hits in <mark>."""
    lowered = text.lower()
    hits = [lowered.find(word.lower()) for word in words if word]
    first = min((hit for hit in hits if hit >= 0), default=0)
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # begin on a word
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    excerpt = text[start:end]
    spans: list[_Span] = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        for match in re.finditer(re.escape(word), excerpt, re.IGNORECASE):
            if not _overlaps(spans, *match.span()):
                spans.append(_Span(match.start(), match.end(), "<mark>", "</mark>"))
    html = _paint(excerpt, spans)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))
