"""A student's attempt at a quiz, and their response to each question it presented.

An attempt records what it presented: one Response per question, at the
position shown, and one ResponseOption per choice, item or prompt, at the
position shown. Shuffles therefore survive a reload, and a teacher can regrade
an old attempt against a corrected answer key. The student's answer lives in
the same rows (Response.text_answer; ResponseOption.selected, .given_position,
.matched_to), so grading reads and writes one attempt's rows and nothing else.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quizzes.models.classes import ClassMembership, students_of

# Requests take time to arrive: answers sent this long after the deadline still count as on time.
SUBMISSION_GRACE = timedelta(seconds=30)


class AttemptQuerySet(models.QuerySet):
    def finished(self) -> AttemptQuerySet:
        return self.exclude(state=Attempt.State.IN_PROGRESS)

    def in_progress(self) -> AttemptQuerySet:
        return self.filter(state=Attempt.State.IN_PROGRESS)

    def of(self, student) -> AttemptQuerySet:
        return self.filter(student=student)

    def visible_to(self, user) -> AttemptQuerySet:
        """What a teacher may see: attempts by students in their own classes. A superuser sees every attempt."""
        # A subquery, not a join: a student in two of the teacher's classes still counts once.
        students = students_of(user)
        return self if students is None else self.filter(student__in=students)

    def in_class(self, school_class) -> AttemptQuerySet:
        """Attempts by the class's current members (a SchoolClass or its pk)."""
        return self.filter(student__in=ClassMembership.objects.filter(school_class=school_class).values("student"))


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        OVERDUE = "overdue", _("Submitted late")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("student")
    )
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz"))
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    answers_saved_at = models.DateTimeField(
        _("answers last saved"), null=True, blank=True, help_text=_("When the student last saved without submitting.")
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum"), max_digits=7, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "quiz", "number"], name="attempt_number_unique_per_student_quiz"
            ),
            models.UniqueConstraint(
                fields=["student", "quiz"],
                condition=models.Q(state="in_progress"),
                name="attempt_one_in_progress_per_student_quiz",
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="attempt_number_positive"),
            # A finished attempt has its time and its whole result; an open one has neither.
            models.CheckConstraint(
                condition=(
                    models.Q(state="in_progress", submitted_at__isnull=True, score__isnull=True, percent__isnull=True)
                    | models.Q(
                        state__in=["submitted", "overdue"],
                        submitted_at__isnull=False,
                        score__isnull=False,
                        max_score__isnull=False,
                        percent__isnull=False,
                        passed__isnull=False,
                    )
                ),
                name="attempt_result_matches_state",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["in_progress", "submitted", "overdue"]), name="attempt_state_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.quiz} · #{self.number}"

    def get_absolute_url(self) -> str:
        if self.is_in_progress:
            return reverse("quizzes:attempt", kwargs={"pk": self.pk})
        return reverse("quizzes:result", kwargs={"pk": self.pk})

    @property
    def is_in_progress(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    def is_late(self, now: datetime) -> bool:
        """Past the deadline and its grace: answers sent now are overdue."""
        return self.deadline is not None and now > self.deadline + SUBMISSION_GRACE

    @property
    def duration(self) -> timedelta | None:
        return self.submitted_at - self.started_at if self.submitted_at else None


class ResponseQuerySet(models.QuerySet):
    def for_paper(self) -> ResponseQuerySet:
        """What the question page needs: questions and the options as shown."""
        return self.select_related("question").prefetch_related(
            models.Prefetch("options", queryset=ResponseOption.objects.select_related("choice"))
        )

    def for_grading(self) -> ResponseQuerySet:
        """The paper, plus what short-text and numeric keys accept."""
        return self.for_paper().prefetch_related("question__accepted_answers")

    def for_review(self) -> ResponseQuerySet:
        """The graded paper, plus the sections to reread."""
        return self.for_grading().select_related("question__section__lesson")


class Response(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses", verbose_name=_("attempt"))
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.PROTECT, related_name="responses", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("Where the attempt showed the question."))
    text_answer = models.TextField(_("typed answer"), blank=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, null=True, blank=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="response_one_per_attempt_question"),
            models.UniqueConstraint(fields=["attempt", "position"], name="response_position_unique_in_attempt"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · Q{self.position}"


class ResponseOption(models.Model):
    """One choice, ordering item or matching prompt as an attempt showed it, with what the student did with it."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="options", verbose_name=_("response"))
    choice = models.ForeignKey("quizzes.Choice", on_delete=models.PROTECT, related_name="+", verbose_name=_("choice"))
    position = models.PositiveSmallIntegerField(_("position shown"))
    selected = models.BooleanField(_("selected"), default=False)
    given_position = models.PositiveSmallIntegerField(_("position given"), null=True, blank=True)
    matched_to = models.ForeignKey(
        "quizzes.Choice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matched to"),
    )

    class Meta:
        ordering = ["response", "position"]
        verbose_name = _("response option")
        verbose_name_plural = _("response options")
        constraints = [
            models.UniqueConstraint(fields=["response", "choice"], name="response_option_unique_choice"),
            models.UniqueConstraint(fields=["response", "position"], name="response_option_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.response} · option {self.position}"
