"""Quizzes in the admin: settings, and their questions listed inline."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from lessons.admin import ReaderPagesAdminMixin
from quizzes.admin.classes import AccommodationInline
from quizzes.admin.gift import gift_urls
from quizzes.admin.regrades import regrade_urls
from quizzes.admin.reports import report_urls
from quizzes.models import Question, Quiz


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("order", "type", "prompt", "points")
    extra = 0
    show_change_link = True
    ordering = ("order", "pk")


@admin.register(Quiz)
class QuizAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("title", "section", "is_published", "question_count", "opens_at", "closes_at")
    list_filter = ("is_published", "section")
    list_editable = ("is_published",)
    list_select_related = ("section",)
    search_fields = ("title", "description")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("section",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "section", "is_published")}),
        (_("When and how often"), {"fields": ("opens_at", "closes_at", "time_limit_minutes", "max_attempts")}),
        (_("Grading and review"), {"fields": ("pass_mark", "grading_method", "overdue_policy", "review")}),
        (_("Presentation"), {"fields": ("shuffle_questions", "shuffle_choices")}),
    )
    inlines = [QuestionInline, AccommodationInline]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_total")
    def question_count(self, quiz: Quiz) -> int:
        return quiz.question_total

    def get_urls(self):
        # Before the admin's own: its "<path:object_id>/" would catch "<pk>/statistics/" first.
        return [*report_urls(self), *gift_urls(self), *regrade_urls(self), *super().get_urls()]
