"""The teacher's workbench: quizzes, questions with their answers inline, and
students' attempts, read-only."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from lessons.admin import ReaderPagesAdminMixin
from quizzes.models import AcceptedAnswer, Attempt, Choice, Question, Quiz, Response
from quizzes.review import review_items
from quizzes.validation import AcceptedSpec, ChoiceSpec, answer_key_problems


def _kept_rows(formset) -> list[dict]:
    """The cleaned rows that will exist after saving: filled in, not marked for deletion.
    (An untouched extra row cleans to an empty dict.)"""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class AnswerKeyFormSet(BaseInlineFormSet):
    """Checks the whole answer key (choices and accepted answers together) against the question's type.

    The admin links the two inline formsets (see QuestionAdmin._create_formsets), so the
    choices formset can read the accepted answers too and report each problem once.
    """

    siblings: list = []

    def clean(self):
        super().clean()
        if self.model is not Choice or any(sibling.errors and any(sibling.errors) for sibling in self.siblings):
            return
        accepted_formset = next((s for s in self.siblings if s.model is AcceptedAnswer), None)
        choices = [
            ChoiceSpec(row.get("text", ""), bool(row.get("is_correct")), row.get("match_text", ""))
            for row in _kept_rows(self)
        ]
        accepted = [
            AcceptedSpec(row.get("text", ""), row.get("number"), row.get("tolerance") or 0)
            for row in (_kept_rows(accepted_formset) if accepted_formset else [])
        ]
        problems = answer_key_problems(self.instance.type, choices, accepted)
        if problems:
            raise ValidationError(problems)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = AnswerKeyFormSet
    fields = ("order", "text", "match_text", "is_correct", "feedback")
    extra = 0
    verbose_name_plural = _("Choices, ordering items (in the correct order) or matching pairs")


class AcceptedAnswerInline(admin.TabularInline):
    model = AcceptedAnswer
    formset = AnswerKeyFormSet
    fields = ("text", "number", "tolerance")
    extra = 0
    verbose_name_plural = _("Accepted answers (short-text and number questions)")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("short_prompt", "quiz", "order", "type", "points", "section")
    list_display_links = ("short_prompt",)
    list_filter = ("quiz", "section", "type")
    list_select_related = ("quiz", "section")
    search_fields = ("prompt", "explanation")
    ordering = ("quiz", "order", "pk")
    autocomplete_fields = ("quiz", "section")
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("quiz", "order", "type", "prompt", "points")}),
        (_("After submitting"), {"fields": ("explanation", "section", "passage")}),
        (_("Ordering questions"), {"fields": ("ordering_grading",), "classes": ("collapse",)}),
    )
    inlines = [ChoiceInline, AcceptedAnswerInline]

    @admin.display(description=_("question"), ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return str(question)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for formset in formsets:
            formset.siblings = formsets
        return formsets, inline_instances


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
    inlines = [QuestionInline]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_total")
    def question_count(self, quiz: Quiz) -> int:
        return quiz.question_total


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
