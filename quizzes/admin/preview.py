"""A question's preview in the admin: the question as a student sees it, and a try graded for real.

Nothing is saved: the paper is built in memory (quizzes/authoring.py), drawn by the question
page's own form, rows and template, and a try is graded by the scoring module. When the quiz
shuffles, the shuffle's seed travels in the form, so a try is graded against the order shown.
"""

from __future__ import annotations

import random
import secrets

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quizzes.admin.pages import admin_page
from quizzes.authoring import preview_grade, preview_paper
from quizzes.forms import AttemptForm
from quizzes.models import Question
from quizzes.question_page import question_views

MAX_SEED = 2**31


def preview_urls(model_admin) -> list[URLPattern]:
    """The preview page, named like the admin's own ("admin:quizzes_question_preview")."""

    return [admin_page(model_admin, "<int:pk>/preview/", preview_page, "preview")]


def _seed(request: HttpRequest) -> int:
    if request.method != "POST":
        return secrets.randbelow(MAX_SEED)
    raw = request.POST.get("seed", "")
    if not raw.isdigit() or int(raw) >= MAX_SEED:
        raise BadRequest("The preview's shuffle seed is missing or malformed.")
    return int(raw)


def preview_page(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    question = get_object_or_404(Question.objects.with_answer_keys().select_related("quiz"), pk=pk)
    if not model_admin.has_view_permission(request, question):
        raise PermissionDenied
    seed = _seed(request)
    form = AttemptForm(
        request.POST if request.method == "POST" else None, paper=preview_paper(question, rng=random.Random(seed))
    )
    grade = preview_grade(question, form.answers()[question.pk]) if form.is_bound and form.is_valid() else None
    views = question_views(form, position_label=_("Choose a position"), match_label=_("Choose a match"))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": question,
        "question": question,
        "title": _("Preview"),
        "subtitle": str(question),
        # Rendered by the students' own template, which escapes what it shows.
        "questions_html": mark_safe(render_to_string("quizzes/includes/questions.html", {"questions": views})),
        "seed": seed,
        "grade": grade,
    }
    return TemplateResponse(request, "admin/quizzes/question/preview.html", context)
