"""My progress: sections read, the grade on each quiz, recent attempts, the student's classes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from lessons.models import Section, SectionVisit
from quizzes.forms import ClassJoinForm
from quizzes.models import Quiz, SchoolClass
from quizzes.progress import quiz_standings

RECENT_ATTEMPTS = 10


class ProgressView(LoginRequiredMixin, TemplateView):
    # Queries: session, user, sections with lessons, the student's section visits,
    # published quizzes with the student's accommodations, the student's attempts, their classes.
    template_name = "quizzes/progress.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        sections = list(Section.objects.with_lesson().in_order())
        read = SectionVisit.objects.section_ids_read_by(user)
        quizzes = list(Quiz.objects.published().in_reading_order().with_accommodation_for(user))
        standings = quiz_standings(user, quizzes)
        quiz_of_section = {}
        for quiz in quizzes:
            quiz_of_section.setdefault(quiz.section_id, quiz)
        section_rows = [
            (
                section,
                section.pk in read,
                standings[quiz_of_section[section.pk].pk] if section.pk in quiz_of_section else None,
            )
            for section in sections
        ]
        other_quizzes = [standings[quiz.pk] for quiz in quizzes if quiz.section_id is None]
        finished = [attempt for standing in standings.values() for attempt in standing.finished]
        recent = sorted(finished, key=lambda attempt: attempt.submitted_at, reverse=True)[:RECENT_ATTEMPTS]
        return super().get_context_data(
            nav_section="progress",
            section_rows=section_rows,
            other_quizzes=other_quizzes,
            sections_read=len(read & {section.pk for section in sections}),
            quizzes_passed=sum(1 for standing in standings.values() if standing.passed),
            quiz_count=len(quizzes),
            recent_attempts=recent,
            classes=list(SchoolClass.objects.filter(memberships__student=user).select_related("teacher")),
            join_form=ClassJoinForm(),
            **kwargs,
        )
