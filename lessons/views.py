"""Read-only lesson pages: thin generic views over QuerySet methods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from lessons.forms import SearchForm
from lessons.models import Event, Lesson, Section, Term
from lessons.rendering import AnchoredNote, TermLink, render_paragraphs, snippet, term_pattern


class LessonNavMixin:
    """What every lesson page tells the layout: which part of the site it is in
    (for the header's aria-current) and the breadcrumb trail above its title."""

    nav_section = "lessons"

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        """The trail after Home, as (label, url); the last one is this page."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        trail = self.get_breadcrumbs()
        breadcrumbs = [(_("Home"), reverse("lessons:home")), *trail] if trail else []
        return super().get_context_data(  # type: ignore[misc]
            nav_section=self.nav_section, breadcrumbs=breadcrumbs, **kwargs
        )


class HomeView(LessonNavMixin, ListView):
    # Queries: lessons, their sections.
    template_name = "lessons/home.html"
    context_object_name = "lessons"

    def get_queryset(self):
        return Lesson.objects.with_sections()


class LessonDetailView(LessonNavMixin, DetailView):
    # Queries: the lesson, its sections.
    template_name = "lessons/lesson_detail.html"
    context_object_name = "lesson"

    def get_queryset(self):
        return Lesson.objects.with_sections()

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(self.object.title, self.object.get_absolute_url())]


class SectionDetailView(LessonNavMixin, DetailView):
    # Queries: the section with its lesson, its notes, the lesson's sections, the glossary terms.
    template_name = "lessons/section_detail.html"
    context_object_name = "section"

    def get_queryset(self):
        return Section.objects.with_lesson().prefetch_related("notes").filter(lesson__slug=self.kwargs["lesson_slug"])

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        lesson = self.object.lesson
        return [(lesson.title, lesson.get_absolute_url()), (self.object.title, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        section = self.object
        sections = list(section.lesson.sections.in_order().only("lesson", "number", "title", "slug"))
        position = next(i for i, s in enumerate(sections) if s.pk == section.pk)
        terms = [TermLink(term.name, term.get_absolute_url()) for term in Term.objects.only("name", "slug")]
        notes = [AnchoredNote(note.passage, f"note-{note.pk}", note) for note in section.notes.all()]
        return super().get_context_data(
            sections=sections,
            position=position + 1,
            previous_section=sections[position - 1] if position > 0 else None,
            next_section=sections[position + 1] if position + 1 < len(sections) else None,
            paragraphs=render_paragraphs(section.paragraphs, terms=terms, notes=notes),
            **kwargs,
        )


class TimelineView(LessonNavMixin, ListView):
    # Queries: the events with their sections and lessons.
    nav_section = "timeline"
    template_name = "lessons/timeline.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.chronological()

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Timeline"), reverse("lessons:timeline"))]


class GlossaryView(LessonNavMixin, ListView):
    # Queries: the terms, the sections (to show where each term is used).
    nav_section = "glossary"
    template_name = "lessons/glossary.html"
    context_object_name = "terms"

    def get_queryset(self):
        return Term.objects.alphabetical()

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Glossary"), reverse("lessons:glossary"))]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sections = list(Section.objects.with_lesson().in_order())
        for term in self.object_list:
            pattern = term_pattern(term.name)
            term.used_in = [section for section in sections if pattern.search(section.body)]
        return super().get_context_data(**kwargs)


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    context: str
    excerpt: SafeString


class SearchView(LessonNavMixin, TemplateView):
    # Queries: matching sections with their lessons, matching lesson introductions.
    nav_section = "search"
    template_name = "lessons/search.html"

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Search"), reverse("lessons:search"))]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = SearchForm(self.request.GET or None)
        words = form.words()
        results: list[SearchResult] = []
        if words:
            lessons = Lesson.objects.all()
            for word in words:
                lessons = lessons.filter(introduction__icontains=word)
            results += [
                SearchResult(
                    lesson.title, lesson.get_absolute_url(), _("Introduction"), snippet(lesson.introduction, words)
                )
                for lesson in lessons
            ]
            results += [
                SearchResult(
                    str(section),
                    section.get_absolute_url(),
                    section.lesson.title,
                    snippet(" ".join(section.paragraphs), words),
                )
                for section in Section.objects.search(words)
            ]
        return super().get_context_data(
            form=form, query=form.data.get("q", "") if form.is_bound else "", words=words, results=results, **kwargs
        )
