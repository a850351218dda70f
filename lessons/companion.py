"""Parse companion.toml: the timeline events, glossary terms and editor's notes
that accompany the essay. Pure: plain values in, frozen dataclasses out."""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, fields
from typing import Any

from django.utils.text import slugify


class CompanionFormatError(ValueError):
    """The companion file is malformed; the message names the item."""


@dataclass(frozen=True)
class EventData:
    key: str
    year: int
    date_label: str
    title: str
    summary: str
    section: int
    passage: str = ""
    position: int = 0


@dataclass(frozen=True)
class TermData:
    key: str
    name: str
    definition: str

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class NoteData:
    key: str
    section: int
    passage: str
    title: str
    body: str


@dataclass(frozen=True)
class Companion:
    events: tuple[EventData, ...] = ()
    terms: tuple[TermData, ...] = ()
    notes: tuple[NoteData, ...] = ()


def _items(table: dict[str, Any], name: str, cls: type) -> tuple:
    raw_items = table.get(name, [])
    if not isinstance(raw_items, list):
        raise CompanionFormatError(f"'{name}' must be a list of [[{name}]] tables.")
    known = {field.name: field for field in fields(cls)}
    required = {n for n, f in known.items() if f.default is MISSING and f.default_factory is MISSING}
    items = []
    for index, raw in enumerate(raw_items, start=1):
        label = f"[[{name}]] number {index}" + (f" ({raw['key']!r})" if isinstance(raw, dict) and "key" in raw else "")
        if not isinstance(raw, dict):
            raise CompanionFormatError(f"{label} must be a table.")
        unknown = sorted(set(raw) - set(known))
        missing = sorted(required - set(raw))
        if unknown:
            raise CompanionFormatError(f"{label}: unknown field {unknown[0]!r}.")
        if missing:
            raise CompanionFormatError(f"{label}: missing field {missing[0]!r}.")
        for key, value in raw.items():
            # Annotations are strings here (postponed evaluation): "int" or "str".
            expected = int if known[key].type == "int" else str
            if not isinstance(value, expected) or isinstance(value, bool):
                raise CompanionFormatError(f"{label}: {key!r} must be {'a number' if expected is int else 'text'}.")
            if expected is str and key != "passage" and not value.strip():
                raise CompanionFormatError(f"{label}: {key!r} is empty.")
        items.append(cls(**raw))
    keys = [item.key for item in items]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise CompanionFormatError(f"Two [[{name}]] items share the key {repeated[0]!r}.")
    return tuple(items)


def parse_companion(text: str) -> Companion:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CompanionFormatError(f"Not valid TOML: {error}.") from None
    unknown = sorted(set(table) - {"event", "term", "note"})
    if unknown:
        raise CompanionFormatError(f"Unknown table {unknown[0]!r}; expected [[event]], [[term]] and [[note]].")
    return Companion(
        events=_items(table, "event", EventData),
        terms=_items(table, "term", TermData),
        notes=_items(table, "note", NoteData),
    )
