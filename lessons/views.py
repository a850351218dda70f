"""Read-only lesson pages: thin generic views over QuerySet methods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from lessons.caching import cached_for_readers
from lessons.forms import SearchForm
from lessons.models import Event, Lesson, Section, SectionVisit, Term
from lessons.rendering import AnchoredNote, TermLink, render_paragraphs, snippet, term_pattern
from lessons.services import section_visit_record
from quizzes.progress import section_quiz_standings


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


@method_decorator(cached_for_readers, name="dispatch")
class HomeView(LessonNavMixin, ListView):
    # Queries: lessons, their sections.
    template_name = "lessons/home.html"
    context_object_name = "lessons"

    def get_queryset(self):
        return Lesson.objects.with_sections()


@method_decorator(cached_for_readers, name="dispatch")
class LessonDetailView(LessonNavMixin, DetailView):
    # Queries: the lesson, its sections, their quizzes; signed in, also the session, the user,
    # the sections they read and their attempts.
    template_name = "lessons/lesson_detail.html"
    context_object_name = "lesson"

    def get_queryset(self):
        return Lesson.objects.with_sections()

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(self.object.title, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, sections = self.request.user, list(self.object.sections.all())
        read = SectionVisit.objects.section_ids_read_by(user)
        quizzes = section_quiz_standings(user, sections)
        for section in sections:
            section.is_read = section.pk in read
            section.quiz_standing = quizzes.get(section.pk)
        return super().get_context_data(
            sections=sections, sections_read=sum(1 for section in sections if section.is_read), **kwargs
        )


@method_decorator(cached_for_readers, name="dispatch")
class SectionDetailView(LessonNavMixin, DetailView):
    # Queries: the lesson's sections with the lesson, the section's notes, the glossary terms, its quiz;
    # signed in, also the session, the user, their attempts and the visit it records.
    template_name = "lessons/section_detail.html"
    context_object_name = "section"

    def get_object(self, queryset=None) -> Section:
        # One query brings the section and its neighbours (previous/next, "N of M", contents).
        self.sections = list(Section.objects.with_lesson().filter(lesson__slug=self.kwargs["lesson_slug"]).in_order())
        section = next((s for s in self.sections if s.slug == self.kwargs["slug"]), None)
        if section is None:
            raise Http404(_("No such section in this lesson."))
        prefetch_related_objects([section], "notes")
        return section

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        section_visit_record(user=request.user, section=self.object, now=timezone.now())
        return response

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        lesson = self.object.lesson
        return [(lesson.title, lesson.get_absolute_url()), (self.object.title, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        section, sections = self.object, self.sections
        position = sections.index(section)
        terms = [TermLink(term.name, term.get_absolute_url()) for term in Term.objects.only("name", "slug")]
        notes = [AnchoredNote(note.passage, f"note-{note.pk}", note) for note in section.notes.all()]
        return super().get_context_data(
            sections=sections,
            position=position + 1,
            previous_section=sections[position - 1] if position > 0 else None,
            next_section=sections[position + 1] if position + 1 < len(sections) else None,
            paragraphs=render_paragraphs(section.paragraphs, terms=terms, notes=notes),
            quiz_standing=section_quiz_standings(self.request.user, [section]).get(section.pk),
            **kwargs,
        )


@method_decorator(cached_for_readers, name="dispatch")
class TimelineView(LessonNavMixin, ListView):
    # Queries: the events with their sections and lessons.
    nav_section = "timeline"
    template_name = "lessons/timeline.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.chronological()

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Timeline"), reverse("lessons:timeline"))]


@method_decorator(cached_for_readers, name="dispatch")
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
