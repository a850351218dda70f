"""Questions in the admin: the answer key inline, validated per type across both inlines."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from quizzes.models import AcceptedAnswer, Choice, Question
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
