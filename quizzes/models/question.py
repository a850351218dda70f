"""Questions and their answer keys, as rows a teacher edits in the admin.

Choice-based types (single choice, true/false, multiple answers), ordering and
matching keep their options in Choice; short text and numeric keep what they
accept in AcceptedAnswer. Question.answer_key() turns the rows into the plain
values quizzes/scoring.py grades against.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lessons.models import SourcedContent, passage_must_appear
from quizzes import scoring


class QuestionQuerySet(models.QuerySet):
    def with_answer_keys(self) -> QuestionQuerySet:
        return self.prefetch_related("choices", "accepted_answers")


class Question(SourcedContent):
    class Type(models.TextChoices):
        SINGLE = scoring.SINGLE, _("Single choice")
        TRUE_FALSE = scoring.TRUE_FALSE, _("True or false")
        MULTIPLE = scoring.MULTIPLE, _("Multiple answers")
        SHORT_TEXT = scoring.SHORT_TEXT, _("Short text")
        NUMERIC = scoring.NUMERIC, _("Number")
        ORDERING = scoring.ORDERING, _("Ordering")
        MATCHING = scoring.MATCHING, _("Matching")

    class OrderingGrading(models.TextChoices):
        PAIRS = "pairs", _("Partial credit for each pair of items in the right order")
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")

    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz"))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.SINGLE)
    prompt = models.TextField(_("question"), help_text=_("Plain text, as students will read it."))
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal("0.01"))]
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown with the correct answer when the quiz's review setting allows."),
    )
    section = models.ForeignKey(
        "lessons.Section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("section with the answer"),
        help_text=_("The lesson section a student should reread."),
    )
    passage = models.CharField(
        _("supporting passage"),
        max_length=500,
        blank=True,
        help_text=_("Optional: the sentence that holds the answer, copied exactly from that section."),
    )
    ordering_grading = models.CharField(
        _("ordering: grading"),
        max_length=20,
        choices=OrderingGrading.choices,
        default=OrderingGrading.PAIRS,
        help_text=_("Ordering questions only."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["quiz", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            *SourcedContent.Meta.constraints,
            models.CheckConstraint(condition=models.Q(points__gt=0), name="question_points_positive"),
            models.CheckConstraint(condition=models.Q(type__in=sorted(scoring.ALL_TYPES)), name="question_type_known"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.prompt.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", kwargs={"slug": self.quiz.slug})

    def clean(self) -> None:
        passage_must_appear(self.section if self.section_id else None, self.passage)

    @property
    def passage_url(self) -> str | None:
        """The section, at the paragraph holding the passage when there is one."""
        if not self.section_id:
            return None
        url = self.section.get_absolute_url()
        paragraph = self.section.paragraph_number_of(self.passage) if self.passage else None
        return f"{url}#p{paragraph}" if paragraph else url

    def answer_key(self) -> scoring.AnswerKey:
        """The plain-value key for scoring, from prefetched choices and answers (an attempt's
        paper has its own, over the options it presented: see quizzes/paper.py)."""
        choices = sorted(self.choices.all(), key=lambda c: (c.order, c.pk))
        accepted = self.accepted_answers.all() if self.type in scoring.TYPED_TYPES else ()
        return scoring.AnswerKey(
            type=self.type,
            points=self.points,
            options=tuple(scoring.Option(c.pk, c.is_correct, c.match_text) for c in choices),
            texts=tuple(a.text for a in accepted if a.text),
            numbers=tuple(scoring.NumericRange(a.number, a.tolerance) for a in accepted if a.number is not None),
            all_or_nothing=self.ordering_grading == self.OrderingGrading.ALL_OR_NOTHING,
        )


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    text = models.CharField(_("text"), max_length=500)
    match_text = models.CharField(
        _("matches"),
        max_length=500,
        blank=True,
        help_text=_("Matching questions only: the answer that belongs with this prompt."),
    )
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(
        _("feedback"), max_length=500, blank=True, help_text=_("Shown on review to a student who chose it.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Display order; for ordering questions, the correct order.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return f"{self.text} → {self.match_text}" if self.match_text else self.text


class AcceptedAnswer(models.Model):
    """What a short-text question accepts (text), or a numeric one (number ± tolerance)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="accepted_answers", verbose_name=_("question")
    )
    text = models.CharField(
        _("accepted text"),
        max_length=200,
        blank=True,
        help_text=_("Short-text questions. Case, accents and punctuation are ignored when comparing."),
    )
    number = models.DecimalField(
        _("accepted number"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Number questions."),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=14,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Number questions: how far from the number an answer may be and still count."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(number__isnull=True) & ~models.Q(text=""))
                | (models.Q(number__isnull=False) & models.Q(text="")),
                name="accepted_answer_is_text_or_number",
            ),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0), name="accepted_answer_tolerance_not_negative"),
        ]

    def __str__(self) -> str:
        if self.number is None:
            return self.text
        number = f"{self.number.normalize():f}"
        return f"{number} ± {self.tolerance.normalize():f}" if self.tolerance else number
