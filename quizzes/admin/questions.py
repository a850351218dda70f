"""Questions in the admin: the answer key inline, validated per type across both inlines; a preview,
where the question is used, and copying questions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quizzes.admin.preview import preview_urls
from quizzes.authoring import question_duplicate, question_usage
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
    actions = ["duplicate"]

    @admin.display(description=_("question"), ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return str(question)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for formset in formsets:
            formset.siblings = formsets
        return formsets, inline_instances

    def get_urls(self):
        # Before the admin's own: its "<path:object_id>/" would catch "<pk>/preview/" first.
        return [*preview_urls(self), *super().get_urls()]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quiz", "section__lesson")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["usage"] = question_usage(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        key_fields = {"type", "points", "ordering_grading"}
        key_changed = key_fields & set(form.changed_data) or any(formset.has_changed() for formset in formsets)
        if change and key_changed and question_usage(form.instance).attempts:
            messages.warning(
                request,
                _(
                    "Students have already answered this question, and their stored marks follow the old "
                    "answer key. Regrade the quiz's attempts to apply the new one (“Regrade attempts” on "
                    "the quiz's page)."
                ),
            )

    @admin.action(description=_("Duplicate the selected questions"), permissions=["add"])
    def duplicate(self, request, queryset):
        with transaction.atomic():
            copies = [question_duplicate(question=q) for q in queryset.order_by("quiz", "order", "pk")]
        self.message_user(
            request,
            ngettext(
                "Copied %(count)d question. The copy comes right after its original, in the same quiz, and "
                "its prompt starts with “Copy of”. Students taking the quiz see it: edit it or move it.",
                "Copied %(count)d questions. Each copy comes right after its original, in the same quiz, and "
                "its prompt starts with “Copy of”. Students taking the quiz see them: edit them or move them.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
