"""Answering a quiz and seeing the result: the student's own attempts only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from quizzes.forms import AttemptForm, unanswered_message
from quizzes.models import Attempt, Response
from quizzes.progress import quiz_standings
from quizzes.review import review_items
from quizzes.services import AttemptClosed, attempt_save, attempt_submit


def student_attempt(request, pk: int) -> Attempt:
    """The access rule: students reach only their own attempts; any other is a 404."""
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=pk, student=request.user)


class AttemptView(LoginRequiredMixin, View):
    # GET queries: session, user, the attempt with its quiz, its responses with questions, their options.
    # POST adds: accepted answers, the attempt's lock, the updates (options, responses, attempt).
    template_name = "quizzes/attempt.html"

    def render_form(self, request, attempt: Attempt, form: AttemptForm, status: int = 200):
        now = timezone.now()
        context = {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "blocks": form.blocks(),
            "time_is_up": attempt.is_late(now),
            "nav_section": "quizzes",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        attempt = student_attempt(request, pk)
        if not attempt.is_in_progress:
            return redirect(attempt)
        responses = list(Response.objects.filter(attempt=attempt).for_paper())
        return self.render_form(request, attempt, AttemptForm(responses=responses))

    def post(self, request, pk: int):
        attempt = student_attempt(request, pk)
        if not attempt.is_in_progress:
            messages.info(request, _("This attempt was already submitted. Here is its result."))
            return redirect(attempt)
        responses = list(Response.objects.filter(attempt=attempt).for_grading())
        form = AttemptForm(request.POST, responses=responses)
        if not form.is_valid():
            messages.error(request, _("Some answers need correcting before they can be sent. Nothing was saved yet."))
            return self.render_form(request, attempt, form)
        now = timezone.now()
        if request.POST.get("action") == "save":
            try:
                attempt = attempt_save(attempt=attempt, answers=form.answers(), now=now, responses=responses)
            except AttemptClosed as closed:
                messages.info(request, str(closed))
                return redirect(attempt)
            if attempt.is_in_progress:
                messages.success(request, _("Your answers are saved. Come back to finish before the deadline."))
            else:
                messages.warning(request, _("Time was up, so your saved answers were submitted as late."))
            return redirect(attempt)
        unanswered = form.unanswered_count()
        outcome = attempt_submit(attempt=attempt, answers=form.answers(), now=now, responses=responses)
        if not outcome.graded_now:
            messages.info(request, _("This attempt was already submitted. Here is its result."))
        elif unanswered:
            messages.info(request, unanswered_message(unanswered))
        return redirect(outcome.attempt)


class AttemptResultView(LoginRequiredMixin, TemplateView):
    # Queries: session, user, the attempt with its quiz, the responses with questions and sections,
    # their options, accepted answers, the student's attempts at this quiz (attempts left).
    template_name = "quizzes/result.html"

    def get(self, request, *args, **kwargs):
        self.attempt = student_attempt(request, kwargs["pk"])
        if self.attempt.is_in_progress:
            return redirect(self.attempt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        attempt, quiz = self.attempt, self.attempt.quiz
        show_answers = quiz.shows_answers(timezone.now())
        responses = list(Response.objects.filter(attempt=attempt).for_review())
        for response in responses:
            response.attempt = attempt
        standing = quiz_standings(self.request.user, [quiz])[quiz.pk]
        return super().get_context_data(
            attempt=attempt,
            quiz=quiz,
            items=review_items(responses, show_answers=show_answers),
            show_answers=show_answers,
            standing=standing,
            closed_reason=quiz.closed_reason(timezone.now()),
            nav_section="quizzes",
            **kwargs,
        )
