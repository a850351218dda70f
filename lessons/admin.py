from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lessons.caching import reader_pages_changed
from lessons.models import Event, Lesson, Note, Section, Term


class ReaderPagesAdminMixin:
    """Changes made here show on reader pages, so the cached ones are refreshed after each."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reader_pages_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reader_pages_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        reader_pages_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        reader_pages_changed()


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("number", "title", "slug")
    extra = 0
    show_change_link = True


@admin.register(Lesson)
class LessonAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")
    search_fields = ("title", "subtitle", "introduction")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SectionInline]


class NoteInline(admin.StackedInline):
    model = Note
    fields = ("passage", "title", "body")
    extra = 0


@admin.register(Section)
class SectionAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("number", "title", "lesson", "reading_minutes", "updated_at")
    list_display_links = ("number", "title")
    list_filter = ("lesson",)
    search_fields = ("title", "body")
    ordering = ("lesson", "number")
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ("lesson",)
    inlines = [NoteInline]
    view_on_site = True

    @admin.display(description=_("reading time (min)"))
    def reading_minutes(self, section: Section) -> int:
        return section.reading_minutes


@admin.register(Event)
class EventAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("date_label", "title", "year", "position", "section")
    list_display_links = ("date_label", "title")
    list_filter = ("section",)
    search_fields = ("title", "summary", "date_label")
    ordering = ("year", "position")
    list_select_related = ("section__lesson",)
    autocomplete_fields = ("section",)


@admin.register(Term)
class TermAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "definition")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Note)
class NoteAdmin(ReaderPagesAdminMixin, admin.ModelAdmin):
    list_display = ("title", "section", "passage")
    list_filter = ("section",)
    search_fields = ("title", "body", "passage")
    ordering = ("section", "pk")
    list_select_related = ("section__lesson",)
    autocomplete_fields = ("section",)
