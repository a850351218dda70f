"""Formatting for the report pages: the same figures as the CSV files, with a dash for "cannot be computed"."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from quizzes import reports

register = template.Library()

DASH = "—"


@register.filter
def figure(value: float | Decimal | None, places: int = 2) -> str:
    return reports.figure(value, int(places)) or DASH


@register.filter
def duration(value: timedelta | None) -> str:
    return DASH if value is None else reports.duration_text(value)


@register.simple_tag
def points_cells(points: tuple[Decimal | None, ...]) -> str:
    """A row's points, one <td> per question.

    Joined here rather than looped over in the template: 1,000 attempts × 40
    questions is 40,000 cells, which the template loop took seconds to render.
    Nothing needs escaping: `figure` writes only digits, a point, a minus sign or the dash.
    """
    return mark_safe("".join(f'<td class="number">{reports.figure(value) or DASH}</td>' for value in points))
