"""Classes a teacher runs, and the accommodations a student has on a quiz."""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: a code read aloud in a classroom or copied from a board must survive it.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """What students type, in the form codes are stored: capitals, no spaces or dashes."""
    return "".join(char for char in text.upper() if char.isalnum())


class SchoolClassQuerySet(models.QuerySet):
    def taught_by(self, user) -> SchoolClassQuerySet:
        """The classes a user may see: their own, or every class for a superuser."""
        return self if user.is_superuser else self.filter(teacher=user)


class SchoolClass(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("For example: 10B History, spring term."))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="taught_classes", verbose_name=_("teacher")
    )
    join_code = models.CharField(
        _("join code"),
        max_length=JOIN_CODE_LENGTH,
        unique=True,
        default=new_join_code,
        editable=False,
        help_text=_("Students type this on their progress page to join the class."),
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ClassMembership",
        related_name="classes",
        blank=True,
        verbose_name=_("students"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SchoolClassQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [models.UniqueConstraint(fields=["teacher", "name"], name="class_name_unique_per_teacher")]

    def __str__(self) -> str:
        return self.name

    @property
    def join_code_display(self) -> str:
        """The code in two halves, easier to read aloud and to copy from a board ("KM4R-7TXB")."""
        half = len(self.join_code) // 2
        return f"{self.join_code[:half]}-{self.join_code[half:]}"


class ClassMembership(models.Model):
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("class")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships", verbose_name=_("student")
    )
    joined_at = models.DateTimeField(_("joined"))

    class Meta:
        ordering = ["school_class", "student__username"]
        verbose_name = _("class member")
        verbose_name_plural = _("class members")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "student"], name="class_membership_once_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.school_class}"


def students_of(user):
    """The users `user` teaches, as a subquery of user ids (every user for a superuser: None)."""
    if user.is_superuser:
        return None
    return ClassMembership.objects.filter(school_class__teacher=user).values("student")


class AccommodationQuerySet(models.QuerySet):
    def visible_to(self, user) -> AccommodationQuerySet:
        """A teacher's students' accommodations (a student in one of their classes); all for a superuser."""
        students = students_of(user)
        return self if students is None else self.filter(student__in=students)


class Accommodation(models.Model):
    """Extra time and extra attempts for one student on one quiz, honoured by the server."""

    quiz = models.ForeignKey(
        "quizzes.Quiz", on_delete=models.CASCADE, related_name="accommodations", verbose_name=_("quiz")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accommodations", verbose_name=_("student")
    )
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra minutes"), default=0, help_text=_("Added to the time limit (after any multiplier).")
    )
    time_multiplier = models.DecimalField(
        _("time multiplier"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(5))],
        help_text=_("1.5 gives half as much time again. 1 leaves the time limit as it is."),
    )
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=0, help_text=_("Added to the quiz's maximum number of attempts.")
    )
    reason = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Optional, for other teachers."))

    objects = AccommodationQuerySet.as_manager()

    class Meta:
        ordering = ["quiz", "student__username"]
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "student"], name="accommodation_once_per_student_quiz"),
            models.CheckConstraint(
                condition=models.Q(time_multiplier__gte=1) & models.Q(time_multiplier__lte=5),
                name="accommodation_multiplier_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.quiz}"

    def time_limit(self, base: timedelta) -> timedelta:
        return base * float(self.time_multiplier) + timedelta(minutes=self.extra_minutes)
