"""Classes and accommodations in the admin.

A teacher sees and edits only their own classes and the accommodations of their own
students; a superuser sees all, and chooses a class's teacher. Students join a class
with its code from their progress page (quizzes/classes.py), so members are only
listed and removed here, never added.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quizzes.models import Accommodation, ClassMembership, SchoolClass
from quizzes.models.classes import students_of


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


def student_choices(user):
    """Whom `user` may give an accommodation to: their own students (anyone, for a superuser)."""
    students = get_user_model().objects.order_by("last_name", "first_name", "username")
    taught = students_of(user)
    return students if taught is None else students.filter(pk__in=taught)


# Classes --------------------------------------------------------------------------------------


class SchoolClassForm(forms.ModelForm):
    # The class's teacher when the form has no teacher field: set by SchoolClassAdmin.get_form.
    default_teacher = None

    class Meta:
        model = SchoolClass
        fields = ["name", "teacher"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "teacher" not in self.fields:
            self.instance.teacher = self.default_teacher

    def clean(self):
        cleaned = super().clean()
        # With the teacher field hidden, the model's name-per-teacher constraint is not checked by
        # the form (Django skips constraints on fields a form leaves out); a duplicate would crash.
        name = cleaned.get("name")
        if "teacher" not in self.fields and name:
            mine = SchoolClass.objects.filter(teacher=self.instance.teacher, name=name).exclude(pk=self.instance.pk)
            if mine.exists():
                error = _("You already have a class called “%(name)s”. Give this one another name.")
                self.add_error("name", ValidationError(error, code="duplicate_class_name", params={"name": name}))
        return cleaned


class ClassMembershipInline(admin.TabularInline):
    model = ClassMembership
    fields = ("username", "student_name", "joined_at")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("Students (they join with the class code; tick “Delete” to remove one)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("student")

    @admin.display(description=_("username"))
    def username(self, membership: ClassMembership) -> str:
        # Text, not the admin's link to the user: teachers do not manage users.
        return membership.student.get_username()

    @admin.display(description=_("name"))
    def student_name(self, membership: ClassMembership) -> str:
        return membership.student.get_full_name() or "—"


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    form = SchoolClassForm
    list_display = ("name", "teacher", "join_code_column", "member_count", "created_at")
    list_select_related = ("teacher",)
    search_fields = ("name",)
    ordering = ("name",)
    readonly_fields = ("join_code_box",)
    inlines = [ClassMembershipInline]

    class Media:
        css = {"all": ["admin/quizzes/classes.css"]}
        js = ["admin/quizzes/join_code.js"]

    def get_queryset(self, request):
        # The change page looks the class up here too: another teacher's class is "not found".
        classes = super().get_queryset(request).annotate(member_total=Count("memberships"))
        return classes.taught_by(request.user)

    def get_fields(self, request, obj=None):
        fields = ["name"]
        if request.user.is_superuser:
            fields.append("teacher")
        if obj is not None:
            fields.append("join_code_box")  # made when the class is saved
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"default_teacher": request.user})

    def get_changeform_initial_data(self, request):
        return {"teacher": request.user.pk, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "teacher":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("students"), ordering="member_total")
    def member_count(self, school_class: SchoolClass) -> int:
        return school_class.member_total

    @admin.display(description=_("join code"), ordering="join_code")
    def join_code_column(self, school_class: SchoolClass) -> str:
        return self._code(school_class, size="")

    @admin.display(description=_("join code"))
    def join_code_box(self, school_class: SchoolClass) -> str:
        return format_html(
            '{}<span class="join-code__help">{}</span>',
            self._code(school_class, size=" join-code--large"),
            _("Students type it on their progress page. Capitals, spaces and the dash do not matter."),
        )

    @staticmethod
    def _code(school_class: SchoolClass, *, size: str) -> str:
        return format_html(
            '<span class="join-code{}"><code>{}</code> <button type="button" class="join-code__copy" '
            'data-copy="{}" data-copied="{}">{}</button></span>',
            size,
            school_class.join_code_display,
            school_class.join_code_display,
            _("Copied"),
            _("Copy"),
        )


# Accommodations ---------------------------------------------------------------------------------


class AccommodationAdminMixin:
    """What the admin page and the quiz's inline share: whose accommodations, and for whom."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).select_related("student", "quiz")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "student":
            kwargs["queryset"] = student_choices(request.user)
            kwargs["form_class"] = StudentChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Accommodation)
class AccommodationAdmin(AccommodationAdminMixin, admin.ModelAdmin):
    list_display = ("student", "quiz", "time_multiplier", "extra_minutes", "extra_attempts", "reason")
    list_filter = ("quiz",)
    search_fields = ("student__username", "student__first_name", "student__last_name", "quiz__title")
    autocomplete_fields = ("quiz",)
    fields = ("quiz", "student", "time_multiplier", "extra_minutes", "extra_attempts", "reason")


class AccommodationInline(AccommodationAdminMixin, admin.TabularInline):
    """On the quiz's page: its accommodations for the viewer's students."""

    model = Accommodation
    fields = ("student", "time_multiplier", "extra_minutes", "extra_attempts", "reason")
    extra = 0
    verbose_name_plural = _("Accommodations (extra time and attempts for your students)")
