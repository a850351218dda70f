"""A quiz: a section's quiz, or the final quiz over the whole essay, and the
rules its attempts follow."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from lessons.models import SourcedContent
from quizzes import scoring
from quizzes.models.classes import Accommodation


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        return self.filter(is_published=True)

    def in_reading_order(self) -> QuizQuerySet:
        """Section quizzes in the order of their sections, then the final quiz."""
        return self.select_related("section__lesson").order_by(
            models.F("section__number").asc(nulls_last=True), "title"
        )

    def with_question_count(self) -> QuizQuerySet:
        return self.annotate(question_count=models.Count("questions"))

    def with_accommodation_for(self, user) -> QuizQuerySet:
        """Each quiz with `user`'s accommodation on it, read in the same query (see Quiz.loaded_accommodation).

        Subqueries rather than a second query: pages that list quizzes with the student's
        standing (the quiz list, progress, section and lesson pages) keep their query counts.
        """
        if not user.is_authenticated:
            return self
        own = Accommodation.objects.filter(quiz=models.OuterRef("pk"), student=user)
        return self.annotate(
            accommodation_for=models.Value(user.pk),
            accommodation_pk=models.Subquery(own.values("pk")[:1]),
            accommodation_extra_minutes=models.Subquery(own.values("extra_minutes")[:1]),
            accommodation_time_multiplier=models.Subquery(own.values("time_multiplier")[:1]),
            accommodation_extra_attempts=models.Subquery(own.values("extra_attempts")[:1]),
        )


class Quiz(SourcedContent):
    class Review(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately after submitting")
        AFTER_CLOSE = "after_close", _("After the quiz closes")
        NEVER = "never", _("Never")

    class GradingMethod(models.TextChoices):
        HIGHEST = scoring.HIGHEST, _("Highest attempt")
        LATEST = scoring.LATEST, _("Latest attempt")
        FIRST = scoring.FIRST, _("First attempt")
        AVERAGE = scoring.AVERAGE, _("Average of all attempts")

    class OverduePolicy(models.TextChoices):
        SCORE = "score", _("Score it as usual and mark it overdue")
        NO_POINTS = "no_points", _("Keep the answers, mark it overdue and award no points")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Part of the quiz's web address."))
    description = models.TextField(_("description"), blank=True, help_text=_("Plain text shown before starting."))
    section = models.ForeignKey(
        "lessons.Section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quizzes",
        verbose_name=_("section"),
        help_text=_("The section this quiz is about. Leave empty for the final quiz over the whole lesson."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Students see only published quizzes.")
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: open from now."))
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, help_text=_("Empty: never closes."))
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: no time limit."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: unlimited."),
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=60, validators=[MaxValueValidator(100)])
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    review = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=Review.choices,
        default=Review.IMMEDIATELY,
        help_text=_("When students see the correct answers and explanations. They always see their score."),
    )
    grading_method = models.CharField(
        _("attempt that counts"), max_length=20, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    overdue_policy = models.CharField(
        _("answers sent after the time limit"),
        max_length=20,
        choices=OverduePolicy.choices,
        default=OverduePolicy.SCORE,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuizQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["title"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        permissions = [
            ("view_quiz_reports", _("Can see a quiz's results and item statistics")),
            ("regrade_quiz", _("Can regrade a quiz's attempts")),
        ]
        constraints = [
            *SourcedContent.Meta.constraints,
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="quiz_pass_mark_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(max_attempts__isnull=True) | models.Q(max_attempts__gte=1),
                name="quiz_max_attempts_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(time_limit_minutes__isnull=True) | models.Q(time_limit_minutes__gte=1),
                name="quiz_time_limit_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", kwargs={"slug": self.slug})

    @property
    def time_limit(self) -> timedelta | None:
        return timedelta(minutes=self.time_limit_minutes) if self.time_limit_minutes else None

    def time_limit_with(self, accommodation: Accommodation | None) -> timedelta | None:
        """The time limit a student with `accommodation` gets. No limit stays no limit."""
        base = self.time_limit
        return accommodation.time_limit(base) if base is not None and accommodation is not None else base

    def deadline_for(self, start: datetime, accommodation: Accommodation | None) -> datetime | None:
        """When an attempt started at `start` must be in: the time limit, capped by the closing time."""
        limit = self.time_limit_with(accommodation)
        ends = [moment for moment in (start + limit if limit else None, self.closes_at) if moment]
        return min(ends) if ends else None

    def attempts_allowed(self, accommodation: Accommodation | None) -> int | None:
        """The attempts a student with `accommodation` may make; None when unlimited."""
        if self.max_attempts is None:
            return None
        return self.max_attempts + (accommodation.extra_attempts if accommodation is not None else 0)

    def accommodation_loaded_for(self, user) -> bool:
        """Whether this quiz was read by QuizQuerySet.with_accommodation_for(user)."""
        return getattr(self, "accommodation_for", None) == user.pk

    def loaded_accommodation(self) -> Accommodation | None:
        """The accommodation read by QuizQuerySet.with_accommodation_for, with every field that counts."""
        if self.accommodation_pk is None:
            return None
        return Accommodation(
            pk=self.accommodation_pk,
            quiz=self,
            student_id=self.accommodation_for,
            extra_minutes=self.accommodation_extra_minutes,
            time_multiplier=self.accommodation_time_multiplier,
            extra_attempts=self.accommodation_extra_attempts,
        )

    def closed_reason(self, now: datetime) -> str | None:
        """Why nobody can start an attempt now, in a sentence for students; None if open."""
        if not self.is_published:
            return str(_("This quiz is not open to students yet."))
        if self.opens_at and now < self.opens_at:
            return str(
                _("This quiz opens on %(when)s.") % {"when": date_format(localtime(self.opens_at), "j F Y, H:i T")}
            )
        if self.closes_at and now >= self.closes_at:
            return str(
                _("This quiz closed on %(when)s.") % {"when": date_format(localtime(self.closes_at), "j F Y, H:i T")}
            )
        return None

    def shows_answers(self, now: datetime) -> bool:
        """Whether a submitted attempt's review may show correct answers and explanations."""
        if self.review == self.Review.IMMEDIATELY:
            return True
        if self.review == self.Review.AFTER_CLOSE:
            return self.closes_at is not None and now >= self.closes_at
        return False
