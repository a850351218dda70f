"""State changes on the lesson side."""

from __future__ import annotations

from datetime import datetime

from lessons.models import Section, SectionVisit


def section_visit_record(*, user, section: Section, now: datetime) -> None:
    """Remember that a signed-in reader opened the section (once; later visits change nothing)."""
    if user.is_authenticated:
        # One INSERT that the unique constraint turns into nothing on later visits.
        SectionVisit.objects.bulk_create(
            [SectionVisit(user=user, section=section, first_visited_at=now)], ignore_conflicts=True
        )
