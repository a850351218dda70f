from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lessons.models import Event, Lesson, Note, Section, Term


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("number", "title", "slug")
    extra = 0
    show_change_link = True


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")
    search_fields = ("title", "subtitle", "introduction")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SectionInline]


class NoteInline(admin.StackedInline):
    model = Note
    fields = ("passage", "title", "body")
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
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
class EventAdmin(admin.ModelAdmin):
    list_display = ("date_label", "title", "year", "position", "section")
    list_display_links = ("date_label", "title")
    list_filter = ("section",)
    search_fields = ("title", "summary", "date_label")
    ordering = ("year", "position")
    list_select_related = ("section__lesson",)
    autocomplete_fields = ("section",)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "definition")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("title", "section", "passage")
    list_filter = ("section",)
    search_fields = ("title", "body", "passage")
    ordering = ("section", "pk")
    list_select_related = ("section__lesson",)
    autocomplete_fields = ("section",)
