"""Write the parsed essay and its companion content into the database.

One transaction: a problem anywhere (a passage that is not in its section, a
database error) leaves the database exactly as it was. Rows are matched by
their `source_key`; a row a teacher edited since the last load is kept unless
`force` is given, and the report says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from lessons.caching import reader_pages_changed
from lessons.companion import Companion
from lessons.essay import ParsedEssay
from lessons.models import Event, Lesson, Note, Section, SourcedContent, Term, fingerprint

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


class ContentError(ValueError):
    """The companion content does not fit the essay (e.g. a passage not in its section)."""


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def record(self, model: type[models.Model], outcome: str, label: str) -> None:
        self.counts[(str(model._meta.verbose_name_plural), outcome)] += 1
        if outcome == KEPT:
            self.kept.append(f"{model._meta.verbose_name} {label!r}")

    @property
    def changed(self) -> bool:
        return any(outcome in (CREATED, UPDATED) for (_, outcome) in self.counts)

    def lines(self) -> list[str]:
        summary: dict[str, list[str]] = {}
        for (name, outcome), count in sorted(self.counts.items()):
            summary.setdefault(name, []).append(f"{count} {outcome}")
        lines = [f"{name.capitalize()}: {', '.join(parts)}." for name, parts in summary.items()]
        if self.kept:
            lines.append("Kept because a teacher edited them (run with --force to overwrite): " + "; ".join(self.kept))
        return lines + self.skipped


@dataclass(frozen=True)
class ChildRows:
    """Rows that belong to a loaded row (a question's choices) and count as part of its content."""

    loaded: Any  # the file's version, as plain JSON-able values
    current: Callable[[Any], Any]  # the database's version, same shape
    write: Callable[[Any], None]  # make the database match the file


def sync_sourced(
    model: type[SourcedContent],
    *,
    key: str,
    values: dict[str, Any],
    force: bool,
    report: LoadReport,
    label: str,
    children: ChildRows | None = None,
) -> tuple[Any, str]:
    """Create, refresh or keep the row loaded under `key`; returns it and what happened."""

    def content_of(fields: dict[str, Any], child_values: Any) -> str:
        return fingerprint({**fields, "_children": child_values} if children else fields)

    loaded = content_of(values, children.loaded if children else None)
    row = model.objects.filter(source_key=key).first()
    if row is None:
        row = model.objects.create(source_key=key, source_checksum=loaded, **values)
        outcome = CREATED
    else:
        current = content_of({name: getattr(row, name) for name in values}, children.current(row) if children else None)
        if current == loaded:
            outcome = UNCHANGED
            if row.source_checksum != loaded:  # the teacher's edit now matches the file
                model.objects.filter(pk=row.pk).update(source_checksum=loaded)
        elif current != row.source_checksum and not force:
            outcome = KEPT
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.source_checksum = loaded
            row.save()
            outcome = UPDATED
    if children and outcome in (CREATED, UPDATED):
        children.write(row)
    report.record(model, outcome, label)
    return row, outcome


def _passage_fits(section: Section, passage: str, what: str, *, edited: bool, report: LoadReport) -> bool:
    """A passage missing from the essay's own text is an error in the content
    file; missing from a section a teacher rewrote, it is skipped and reported."""
    if not passage or section.paragraph_number_of(passage) is not None:
        return True
    if edited:
        report.skipped.append(
            f"Skipped {what}: its passage {passage!r} is no longer in section {section.number}, which a teacher edited."
        )
        return False
    raise ContentError(f"{what}: the passage {passage!r} is not in section {section.number}'s text.")


def essay_load(*, essay: ParsedEssay, companion: Companion, force: bool = False) -> LoadReport:
    report = _essay_load(essay=essay, companion=companion, force=force)
    if report.changed:
        reader_pages_changed()
    return report


@transaction.atomic
def _essay_load(*, essay: ParsedEssay, companion: Companion, force: bool) -> LoadReport:
    report = LoadReport()
    lesson, _ = sync_sourced(
        Lesson,
        key=essay.slug,
        values={
            "title": essay.title,
            "slug": essay.slug,
            "subtitle": essay.subtitle,
            "introduction": "\n\n".join(essay.introduction),
        },
        force=force,
        report=report,
        label=essay.title,
    )
    sections: dict[int, Section] = {}
    edited: set[int] = set()
    for parsed in essay.sections:
        section, outcome = sync_sourced(
            Section,
            key=f"{essay.slug}/{parsed.number}",
            values={
                "lesson": lesson,
                "number": parsed.number,
                "title": parsed.title,
                "slug": parsed.slug,
                "body": parsed.body,
            },
            force=force,
            report=report,
            label=f"{parsed.number}. {parsed.title}",
        )
        sections[parsed.number] = section
        if outcome == KEPT:
            edited.add(parsed.number)

    def section_for(number: int, what: str) -> Section:
        if number not in sections:
            raise ContentError(f"{what}: there is no section {number} in the essay.")
        return sections[number]

    for event in companion.events:
        what = f"timeline event {event.key!r}"
        section = section_for(event.section, what)
        if _passage_fits(section, event.passage, what, edited=event.section in edited, report=report):
            sync_sourced(
                Event,
                key=event.key,
                values={
                    "year": event.year,
                    "position": event.position,
                    "date_label": event.date_label,
                    "title": event.title,
                    "summary": event.summary,
                    "section": section,
                    "passage": event.passage,
                },
                force=force,
                report=report,
                label=event.title,
            )
    for term in companion.terms:
        sync_sourced(
            Term,
            key=term.key,
            values={"name": term.name, "slug": term.slug, "definition": term.definition},
            force=force,
            report=report,
            label=term.name,
        )
    for note in companion.notes:
        what = f"editor's note {note.key!r}"
        section = section_for(note.section, what)
        if _passage_fits(section, note.passage, what, edited=note.section in edited, report=report):
            sync_sourced(
                Note,
                key=note.key,
                values={"section": section, "passage": note.passage, "title": note.title, "body": note.body},
                force=force,
                report=report,
                label=note.title,
            )
    return report
