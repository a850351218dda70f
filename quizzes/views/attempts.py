"""Answering a quiz and seeing the result: the student's own attempts only."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from history_site.prepared import PreparedQuery
from quizzes.forms import AttemptForm, unanswered_message
from quizzes.models import Attempt, Response
from quizzes.paper import load_paper
from quizzes.progress import quiz_standings
from quizzes.question_page import question_views
from quizzes.review import review_items
from quizzes.services import AttemptClosed, attempt_save, attempt_submit

PAGE_CACHE_TIMEOUT = 3600  # seconds; the key changes whenever the answers are saved


# Every question page, save and submit looks the attempt up: prepared once (history_site/prepared.py).
_ATTEMPT = PreparedQuery(lambda pk, student: Attempt.objects.filter(pk=pk, student_id=student), model=Attempt)
_ATTEMPT_WITH_QUIZ = PreparedQuery(
    lambda pk, student: Attempt.objects.filter(pk=pk, student_id=student), model=Attempt, related=["quiz"]
)


def student_attempt(request, pk: int, *, with_quiz: bool = True) -> Attempt:
    """The access rule: students reach only their own attempts; any other is a 404."""
    attempt = (_ATTEMPT_WITH_QUIZ if with_quiz else _ATTEMPT).first(pk=pk, student=request.user.pk)
    if attempt is None:
        raise Http404(_("No such attempt of yours."))
    return attempt


def _questions_html(form: AttemptForm) -> str:
    views = question_views(form, position_label=_("Choose a position"), match_label=_("Choose a match"))
    return render_to_string("quizzes/includes/questions.html", {"questions": views})


# The CSRF token is the one part of a question page that changes from request to request.
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_SLOT = "\x00csrf\x00"


def _page_key(attempt: Attempt) -> str:
    saved = attempt.answers_saved_at.timestamp() if attempt.answers_saved_at else 0
    return f"quizzes:attempt-page:{attempt.pk}:{saved}"


class AttemptView(LoginRequiredMixin, View):
    # GET: session, user, the attempt; then its quiz and paper (responses with their options)
    # only when the page is not cached yet.
    # POST adds: accepted answers, the attempt's lock, the updates (options, responses, attempt).
    template_name = "quizzes/attempt.html"

    def render_page(self, request, attempt: Attempt, form: AttemptForm):
        context = {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions_html": mark_safe(_questions_html(form)),  # our own template, escaped there
            "question_count": len(form.paper),
            "form": form,
            "errors": [(q.position, form.errors[q.name][0]) for q in form.paper if q.name in form.errors],
            "time_is_up": attempt.is_late(timezone.now()),
            "nav_section": "quizzes",
        }
        return render(request, self.template_name, context)

    def get(self, request, pk: int):
        attempt = student_attempt(request, pk, with_quiz=False)  # a cached page needs no quiz
        if not attempt.is_in_progress:
            return redirect(attempt)
        # The rendered page is kept per attempt until its answers are saved again: a student's
        # reloads cost three queries and no rendering. Only the CSRF tokens are filled in anew.
        # A page with messages, or past the deadline (it warns that time is up), is never cached.
        now = timezone.now()
        cacheable = not attempt.is_late(now) and not len(messages.get_messages(request))
        if cacheable and (page := cache.get(_page_key(attempt))) is not None:
            return HttpResponse(page.replace(CSRF_SLOT, get_token(request)))
        response = self.render_page(request, attempt, AttemptForm(paper=load_paper(attempt.pk)))
        if cacheable:
            until_deadline = (attempt.deadline - now).total_seconds() if attempt.deadline else PAGE_CACHE_TIMEOUT
            page = CSRF_FIELD.sub(rf"\g<1>{CSRF_SLOT}\g<2>", response.content.decode())
            cache.set(_page_key(attempt), page, max(1, min(PAGE_CACHE_TIMEOUT, int(until_deadline))))
        return response

    def post(self, request, pk: int):
        attempt = student_attempt(request, pk)
        if not attempt.is_in_progress:
            messages.info(request, _("This attempt was already submitted. Here is its result."))
            return redirect(attempt)
        # Validating, recording and grading need no prompts or choice texts: read without them.
        paper = load_paper(attempt.pk, with_keys=True, with_texts=False)
        form = AttemptForm(request.POST, paper=paper)
        if not form.is_valid():
            messages.error(request, _("Some answers need correcting before they can be sent. Nothing was saved yet."))
            return self.render_page(request, attempt, AttemptForm(request.POST, paper=load_paper(attempt.pk)))
        now = timezone.now()
        if request.POST.get("action") == "save":
            try:
                attempt = attempt_save(attempt=attempt, answers=form.answers(), now=now, paper=paper)
            except AttemptClosed as closed:
                messages.info(request, str(closed))
                return redirect(attempt)
            if attempt.is_in_progress:
                messages.success(request, _("Your answers are saved. Come back to finish before the deadline."))
            else:
                messages.warning(request, _("Time was up, so your saved answers were submitted as late."))
            return redirect(attempt)
        unanswered = form.unanswered_count()
        outcome = attempt_submit(attempt=attempt, answers=form.answers(), now=now, paper=paper)
        if not outcome.graded_now:
            messages.info(request, _("This attempt was already submitted. Here is its result."))
        elif unanswered:
            messages.info(request, unanswered_message(unanswered))
        return redirect(outcome.attempt)


class AttemptResultView(LoginRequiredMixin, TemplateView):
    # Queries: session, user, the attempt with its quiz, the responses with questions and sections,
    # their options, accepted answers, the student's attempts at this quiz and accommodation on it (attempts left).
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
