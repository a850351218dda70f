"""Joining a class with its code, and the guard against guessing codes.

A code is 8 characters from a 31-letter alphabet (about 8.5 × 10¹¹ codes), and
a student may get at most JOIN_FAILURES_PER_HOUR codes wrong in a clock hour
(counted in the cache, shared by every app server when REDIS_URL is set), so
guessing another class's code is hopeless. Once over the limit, even the right
code is refused until the hour is over: otherwise the limit would stop nothing.

A teacher cannot join their own class: they would appear as a student in their
own reports and item statistics. (Staff who want to try a quiz as a student do
it outside their classes.)
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from quizzes.models import ClassMembership, SchoolClass
from quizzes.models.classes import normalise_join_code

JOIN_FAILURES_PER_HOUR = 10


class ClassJoinRefused(Exception):
    """The student did not join; the message says why, in a sentence for them."""


class AlreadyInClass(ClassJoinRefused):
    """The student was already a member: nothing changed, and that is fine."""

    def __init__(self, message: str, school_class: SchoolClass):
        super().__init__(message)
        self.school_class = school_class


def _failures_key(student, now: datetime) -> str:
    return f"quizzes:class-join-failures:{student.pk}:{int(now.timestamp()) // 3600}"


def join_failures(*, student, now: datetime) -> int:
    """Wrong codes the student has sent in the current clock hour."""
    return cache.get(_failures_key(student, now), 0)


def _count_failure(student, now: datetime) -> None:
    key = _failures_key(student, now)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)


def class_join(*, student, code: str, now: datetime) -> SchoolClass:
    """Make `student` a member of the class whose join code is `code` (case, spaces and dashes ignored).

    Raises ClassJoinRefused (unknown code, too many wrong codes, the student's own class) or
    AlreadyInClass; never creates a second membership.
    """
    if join_failures(student=student, now=now) >= JOIN_FAILURES_PER_HOUR:
        raise ClassJoinRefused(
            _(
                "Too many wrong class codes: try again in an hour. "
                "Check the code with your teacher before you try again."
            )
        )
    with transaction.atomic():
        school_class = SchoolClass.objects.filter(join_code=normalise_join_code(code)).first()
        if school_class is None:
            _count_failure(student, now)
            raise ClassJoinRefused(
                _("No class has the code %(code)s. Check it with your teacher and try again.") % {"code": code.strip()}
            )
        if school_class.teacher_id == student.pk:
            raise ClassJoinRefused(
                _("You teach %(name)s, so you cannot join it as a student.") % {"name": school_class.name}
            )
        _membership, created = ClassMembership.objects.get_or_create(
            school_class=school_class, student=student, defaults={"joined_at": now}
        )
    if not created:
        raise AlreadyInClass(_("You are already in %(name)s.") % {"name": school_class.name}, school_class)
    return school_class
