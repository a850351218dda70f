"""Students' attempts in the admin: evidence to read, never to edit."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Response
from quizzes.review import review_items


class ReadOnlyAdminMixin:
    """Students' work is evidence: teachers look, nobody edits it here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ResponseInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Response
    fields = ("position", "question", "answer_given", "points", "is_correct")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).for_review()

    @admin.display(description=_("answer given"))
    def answer_given(self, response: Response) -> str:
        given = review_items([response], show_answers=False)[0].given
        return "; ".join(given) or "—"


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("student", "quiz", "number", "state", "score", "max_score", "percent", "passed", "submitted_at")
    list_filter = ("quiz", "state", "passed")
    list_select_related = ("student", "quiz")
    search_fields = ("student__username", "student__email", "quiz__title")
    date_hierarchy = "started_at"
    ordering = ("-started_at",)
    fields = (
        "student",
        "quiz",
        "number",
        "state",
        "started_at",
        "deadline",
        "submitted_at",
        "score",
        "max_score",
        "percent",
        "passed",
    )
    readonly_fields = fields
    inlines = [ResponseInline]
