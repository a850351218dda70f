"""The lesson content: the essay's text, and the study aids around it.

The essay's own words live in Lesson.introduction and Section.body as plain
text; they are escaped when shown, so nothing typed in the admin can run in a
reader's browser. Timeline events, glossary terms and editor's notes are rows a
teacher can edit, never hard-coded HTML.
"""

from __future__ import annotations

import hashlib
import json
import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

WORDS_PER_MINUTE = 200
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; line breaks inside one are spaces."""
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()]


def fingerprint(values: dict) -> str:
    """A checksum of field values (related rows by primary key), as the loaders record it."""
    plain = {name: (value.pk if isinstance(value, models.Model) else value) for name, value in values.items()}
    return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


class SourcedContent(models.Model):
    """Content that `load_essay` can create and later refresh.

    `source_checksum` fingerprints what the loader last wrote. If the row no
    longer matches it, a teacher has edited it in the admin, and the loader
    keeps the teacher's version unless told `--force`.
    """

    source_key = models.CharField(max_length=100, blank=True, editable=False)
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    # The fields a loader writes and fingerprints; set by models whose rows are loaded without child rows.
    sourced_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~models.Q(source_key=""),
                name="%(app_label)s_%(class)s_source_key_unique",
            )
        ]

    def edited_since_load(self) -> bool:
        """Whether a teacher changed the row since a loader last wrote it."""
        current = fingerprint({name: getattr(self, name) for name in self.sourced_fields})
        return bool(self.source_checksum) and current != self.source_checksum


class LessonQuerySet(models.QuerySet):
    def with_sections(self) -> LessonQuerySet:
        return self.prefetch_related(models.Prefetch("sections", queryset=Section.objects.in_order()))


class Lesson(SourcedContent):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Part of the lesson's web address."))
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Plain text shown before the first section. Separate paragraphs with a blank line."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["title"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lessons:lesson", kwargs={"slug": self.slug})

    @property
    def introduction_paragraphs(self) -> list[str]:
        return split_paragraphs(self.introduction)


class SectionQuerySet(models.QuerySet):
    def in_order(self) -> SectionQuerySet:
        return self.order_by("lesson_id", "number")

    def with_lesson(self) -> SectionQuerySet:
        return self.select_related("lesson")

    def search(self, terms: list[str]) -> SectionQuerySet:
        """Sections whose title or text contains every term (case-insensitive)."""
        queryset = self.with_lesson().in_order()
        for term in terms:
            queryset = queryset.filter(models.Q(title__icontains=term) | models.Q(body__icontains=term))
        return queryset


class Section(SourcedContent):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sections", verbose_name=_("lesson"))
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1)], help_text=_("Its place in the lesson: 1 comes first.")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Part of the section's web address."))
    body = models.TextField(
        _("text"),
        help_text=_("Plain text. Separate paragraphs with a blank line. HTML is shown as typed, never run."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SectionQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["lesson", "number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            *SourcedContent.Meta.constraints,
            models.UniqueConstraint(fields=["lesson", "number"], name="section_number_unique_in_lesson"),
            models.UniqueConstraint(fields=["lesson", "slug"], name="section_slug_unique_in_lesson"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="section_number_positive"),
        ]

    sourced_fields = ("lesson", "number", "title", "slug", "body")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("lessons:section", kwargs={"lesson_slug": self.lesson.slug, "slug": self.slug})

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))

    def paragraph_number_of(self, passage: str) -> int | None:
        """The 1-based paragraph that contains `passage`, or None."""
        wanted = " ".join(passage.split())
        for number, paragraph in enumerate(self.paragraphs, start=1):
            if wanted and wanted in paragraph:
                return number
        return None


def passage_must_appear(section: Section | None, passage: str) -> None:
    """Shared check for rows that quote a section: the quote must be exact."""
    if section is not None and passage and section.paragraph_number_of(passage) is None:
        # The code goes on the field's own error: a code beside a dict of errors is dropped.
        raise ValidationError(
            {
                "passage": ValidationError(
                    _("These words do not appear in the section's text; copy them exactly from one paragraph."),
                    code="passage_not_in_section",
                )
            }
        )


class EventQuerySet(models.QuerySet):
    def chronological(self) -> EventQuerySet:
        return self.select_related("section__lesson").order_by("year", "position", "pk")


class Event(SourcedContent):
    """A dated event on the timeline, linked to the section that tells it."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Orders the timeline. For a span, the year it began."),
    )
    position = models.PositiveSmallIntegerField(
        _("position in its year"), default=0, help_text=_("Orders events of the same year: lower comes first.")
    )
    date_label = models.CharField(
        _("date as shown"), max_length=60, help_text=_("What readers see, e.g. '21 January 1924' or 'Late 1920s'.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("One or two plain-text sentences."))
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="events", verbose_name=_("section that tells it")
    )
    passage = models.CharField(
        _("passage"),
        max_length=300,
        blank=True,
        help_text=_("Optional: words quoted exactly from the section, so the link lands on that paragraph."),
    )

    objects = EventQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["year", "position", "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.date_label}: {self.title}"

    def get_absolute_url(self) -> str:
        url = self.section.get_absolute_url()
        paragraph = self.section.paragraph_number_of(self.passage) if self.passage else None
        return f"{url}#p{paragraph}" if paragraph else url

    def clean(self) -> None:
        passage_must_appear(self.section if self.section_id else None, self.passage)


class TermQuerySet(models.QuerySet):
    def alphabetical(self) -> TermQuerySet:
        return self.order_by("name")


class Term(SourcedContent):
    """A glossary entry; its first use in each section links here."""

    name = models.CharField(_("term"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    definition = models.TextField(_("definition"), help_text=_("Plain text, shown on the glossary page."))

    objects = TermQuerySet.as_manager()

    class Meta(SourcedContent.Meta):
        ordering = ["name"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('lessons:glossary')}#{self.slug}"


class Note(SourcedContent):
    """An editor's note where the essay departs from the historical record.

    The note stands beside the passage it comments on; the essay's words
    themselves are never changed.
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="notes", verbose_name=_("section"))
    passage = models.CharField(
        _("passage"),
        max_length=300,
        help_text=_("Words quoted exactly from the section; the note is shown beside them."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("note"), help_text=_("Plain text. Separate paragraphs with a blank line."))

    class Meta(SourcedContent.Meta):
        ordering = ["section", "pk"]
        verbose_name = _("editor's note")
        verbose_name_plural = _("editor's notes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        passage_must_appear(self.section if self.section_id else None, self.passage)

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)


class SectionVisitQuerySet(models.QuerySet):
    def section_ids_read_by(self, user) -> set[int]:
        if not user.is_authenticated:
            return set()
        return set(self.filter(user=user).values_list("section_id", flat=True))


class SectionVisit(models.Model):
    """A signed-in reader opened this section: what "read" means on the progress page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="section_visits", verbose_name=_("reader")
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="visits", verbose_name=_("section"))
    first_visited_at = models.DateTimeField(_("first visited"))

    objects = SectionVisitQuerySet.as_manager()

    class Meta:
        ordering = ["first_visited_at"]
        verbose_name = _("section visit")
        verbose_name_plural = _("section visits")
        constraints = [models.UniqueConstraint(fields=["user", "section"], name="section_visit_once_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} read {self.section}"
