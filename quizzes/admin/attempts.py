"""Students' attempts in the admin: evidence to read, never to edit.

A teacher sees the attempts of the students in their own classes; a superuser sees every attempt.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Response, SchoolClass
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


class SchoolClassListFilter(admin.SimpleListFilter):
    """The viewer's own classes (every class for a superuser)."""

    title = _("class")
    parameter_name = "school_class"

    def lookups(self, request, model_admin):
        return list(SchoolClass.objects.taught_by(request.user).values_list("pk", "name"))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        # Only a class from the list: another teacher's class would tell which of one's students are in it.
        if self.value() not in {str(pk) for pk, _name in self.lookup_choices}:
            return queryset.none()
        return queryset.in_class(int(self.value()))


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("student", "quiz", "number", "state", "score", "max_score", "percent", "passed", "submitted_at")
    list_filter = ("quiz", SchoolClassListFilter, "state", "passed")
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

    def get_queryset(self, request):
        # The change page looks the attempt up here too, so another teacher's student's attempt is "not found".
        return super().get_queryset(request).visible_to(request.user)
