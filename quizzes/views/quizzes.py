"""The quiz list and a quiz's own page, and starting an attempt."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from quizzes.models import Attempt, Quiz
from quizzes.progress import quiz_standings
from quizzes.services import QuizUnavailable, attempt_start


class QuizNavMixin:
    nav_section = "quizzes"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(nav_section=self.nav_section, **kwargs)  # type: ignore[misc]


class QuizListView(LoginRequiredMixin, QuizNavMixin, ListView):
    # Queries: session, user, the quizzes with their sections, question counts and the student's
    # accommodations, the student's attempts.
    template_name = "quizzes/quiz_list.html"
    context_object_name = "quizzes"

    def get_queryset(self):
        return (
            Quiz.objects.published().in_reading_order().with_question_count().with_accommodation_for(self.request.user)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        standings = quiz_standings(self.request.user, self.object_list)
        rows = [(quiz, standings[quiz.pk]) for quiz in self.object_list]
        return super().get_context_data(rows=rows, **kwargs)


class QuizDetailView(LoginRequiredMixin, QuizNavMixin, DetailView):
    # Queries: session, user, the quiz with its section, question count and the student's accommodation,
    # the student's attempts.
    template_name = "quizzes/quiz_detail.html"
    context_object_name = "quiz"

    def get_queryset(self):
        return (
            Quiz.objects.select_related("section__lesson")
            .with_question_count()
            .with_accommodation_for(self.request.user)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        standing = quiz_standings(self.request.user, [self.object])[self.object.pk]
        return super().get_context_data(
            standing=standing,
            closed_reason=self.object.closed_reason(timezone.now()),
            attempts=list(reversed(standing.finished)),
            **kwargs,
        )


class AttemptStartView(LoginRequiredMixin, SingleObjectMixin, View):
    """POST only: start a new attempt or resume the unfinished one."""

    model = Quiz
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        quiz = self.get_object()
        now = timezone.now()
        unfinished = Attempt.objects.in_progress().filter(student=request.user, quiz=quiz).first()
        try:
            attempt = attempt_start(student=request.user, quiz=quiz, now=now)
        except QuizUnavailable as reason:
            messages.error(request, str(reason))
            attempt = None
        if unfinished is not None and unfinished.is_late(now):
            # attempt_start has just submitted it, as late: say so, with where to see it.
            messages.info(
                request,
                _("Your attempt %(number)d ran out of time; its saved answers were submitted as late.")
                % {"number": unfinished.number},
            )
        return redirect(attempt or quiz)
