"""Regrading a quiz from the admin, and the record of past regrades.

"Regrade attempts" on a quiz's page (quizzes.regrade_quiz) first shows what a regrade
would change (a dry run), then runs it when the teacher confirms (a POST) and shows
the record. The records are evidence, read-only like attempts. A regrade covers every
student's attempts, but a teacher sees the names and marks of their own students only.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quizzes.admin.attempts import ReadOnlyAdminMixin
from quizzes.admin.pages import admin_page
from quizzes.models import Quiz, Regrade, RegradeChange
from quizzes.models.classes import ClassMembership
from quizzes.regrading import quiz_regrade

REGRADE_PERMISSION = "quizzes.regrade_quiz"


def _visible_student_ids(user) -> set[int] | None:
    """The students whose marks `user` may see by name; None for everyone (a superuser)."""
    if user.is_superuser:
        return None
    return set(ClassMembership.objects.filter(school_class__teacher=user).values_list("student", flat=True))


def regrade_urls(model_admin) -> list[URLPattern]:
    """The regrade page, named like the admin's own ("admin:quizzes_quiz_regrade")."""

    return [admin_page(model_admin, "<int:pk>/regrade/", regrade_page, "regrade")]


def regrade_page(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    """GET: what a regrade would change. POST: regrade, then show the record."""
    if not request.user.has_perm(REGRADE_PERMISSION):
        raise PermissionDenied
    quiz = get_object_or_404(Quiz, pk=pk)
    if request.method == "POST":
        report = quiz_regrade(quiz=quiz, performed_by=request.user, now=timezone.now())
        messages.success(
            request,
            ngettext(
                "Regraded: %(changed)d of %(checked)d finished attempt changed.",
                "Regraded: %(changed)d of %(checked)d finished attempts changed.",
                report.checked,
            )
            % {"changed": report.changed, "checked": report.checked},
        )
        return redirect(_record_url(request, model_admin, report.regrade, quiz))
    report = quiz_regrade(quiz=quiz, performed_by=request.user, now=timezone.now(), dry_run=True)
    visible = _visible_student_ids(request.user)
    shown = [change for change in report.changes if visible is None or change.student_id in visible]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": quiz,
        "quiz": quiz,
        "title": _("Regrade attempts"),
        "subtitle": quiz.title,
        "report": report,
        "shown_changes": shown,
        "hidden_changes": report.changed - len(shown),
        "history_url": reverse("admin:quizzes_regrade_changelist") + f"?quiz__id__exact={quiz.pk}",
    }
    return TemplateResponse(request, "admin/quizzes/quiz/regrade.html", context)


def _record_url(request, model_admin, regrade: Regrade, quiz: Quiz) -> str:
    if request.user.has_perm("quizzes.view_regrade"):
        return reverse(f"{model_admin.admin_site.name}:quizzes_regrade_change", args=[regrade.pk])
    return reverse(f"{model_admin.admin_site.name}:quizzes_quiz_change", args=[quiz.pk])


class RegradeChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RegradeChange
    fields = ("attempt_link", "student", "score_change", "percent_change", "passed_change")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Attempts whose marks changed")

    def get_queryset(self, request):
        changes = super().get_queryset(request).select_related("attempt__student")
        visible = _visible_student_ids(request.user)
        return changes if visible is None else changes.filter(attempt__student__in=visible)

    @admin.display(description=_("attempt"))
    def attempt_link(self, change: RegradeChange) -> str:
        url = reverse("admin:quizzes_attempt_change", args=[change.attempt_id])
        return format_html('<a href="{}">{}</a>', url, _("Attempt %(number)d") % {"number": change.attempt.number})

    @admin.display(description=_("student"))
    def student(self, change: RegradeChange) -> str:
        return str(change.attempt.student)

    @admin.display(description=_("score"))
    def score_change(self, change: RegradeChange) -> str:
        return f"{change.old_score} → {change.new_score}"

    @admin.display(description=_("percent"))
    def percent_change(self, change: RegradeChange) -> str:
        return f"{change.old_percent} % → {change.new_percent} %"

    @admin.display(description=_("passed"))
    def passed_change(self, change: RegradeChange) -> str:
        def word(passed: bool) -> str:
            return str(_("yes") if passed else _("no"))

        if change.old_passed == change.new_passed:
            return word(change.new_passed)
        return f"{word(change.old_passed)} → {word(change.new_passed)}"


@admin.register(Regrade)
class RegradeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("quiz", "performed_at", "performed_by", "attempts_checked", "attempts_changed")
    list_filter = ("quiz",)
    list_select_related = ("quiz", "performed_by")
    date_hierarchy = "performed_at"
    fields = ("quiz", "performed_at", "performed_by", "attempts_checked", "attempts_changed")
    readonly_fields = fields
    inlines = [RegradeChangeInline]
