"""The admin: a teacher can list, search and add every kind of lesson content,
and cannot attach a note or an event to words the section does not contain."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from lessons.models import Event, Lesson, Note, Section, Term
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

MODELS = [Lesson, Section, Event, Term, Note]
NOT_IN_SECTION = "These words do not appear in the section&#x27;s text; copy them exactly from one paragraph."


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_list_opens(admin_client, essay_lesson, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_list_can_be_searched(admin_client, essay_lesson, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "Trotsky"})

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_add_form_opens(admin_client, essay_lesson, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_change_form_opens(admin_client, essay_lesson, model):
    response = admin_client.get(admin_url(model, "change", model.objects.first().pk))

    assert response.status_code == 200


def test_searching_sections_finds_words_in_their_text(admin_client, essay_lesson):
    response = admin_client.get(admin_url(Section, "changelist"), {"q": "Mercader"})

    assert [section.number for section in response.context["cl"].result_list] == [4]


def test_the_section_list_shows_the_reading_time(admin_client, essay_lesson):
    response = admin_client.get(admin_url(Section, "changelist"))

    assertContains(response, "Reading time (min)")


def test_the_section_picker_for_events_and_notes_finds_sections_by_title(admin_client, essay_lesson):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "lessons", "model_name": "note", "field_name": "section", "term": "Purge"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        "3. The Great Purge: Stalin's Campaign of Terror"
    ]


def test_the_admin_is_closed_to_visitors(client, essay_lesson):
    response = client.get(admin_url(Section, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Notes and events must quote their section exactly


def note_form(section, passage: str) -> dict[str, str]:
    return {"section": str(section.pk), "passage": passage, "title": "A note", "body": "What historians say."}


def event_form(section, passage: str) -> dict[str, str]:
    return {
        "year": "1940",
        "position": "0",
        "date_label": "20 August 1940",
        "title": "An event",
        "summary": "Something happened.",
        "section": str(section.pk),
        "passage": passage,
    }


@pytest.mark.parametrize(("model", "form"), [(Note, note_form), (Event, event_form)], ids=["note", "event"])
def test_a_passage_not_in_the_section_is_refused_with_an_explanation(admin_client, model, form):
    section = SectionFactory(body="Mercader struck him with an ice pick.")

    response = admin_client.post(admin_url(model, "add"), form(section, "an ice axe"))

    assert response.status_code == 200
    assertContains(response, NOT_IN_SECTION)
    assert not model.objects.exists()


@pytest.mark.parametrize(("model", "form"), [(Note, note_form), (Event, event_form)], ids=["note", "event"])
def test_a_passage_copied_from_the_section_is_saved(admin_client, model, form):
    section = SectionFactory(body="Mercader struck him with an\nice pick.")

    response = admin_client.post(admin_url(model, "add"), form(section, "with an ice pick"))

    assert response.status_code == 302
    assert model.objects.get().section == section


def test_an_event_may_have_no_passage(admin_client):
    section = SectionFactory()

    response = admin_client.post(admin_url(Event, "add"), event_form(section, ""))

    assert response.status_code == 302
    assert Event.objects.get().get_absolute_url() == section.get_absolute_url()


def test_a_note_cannot_be_moved_to_a_section_that_lacks_its_passage(admin_client, essay_lesson):
    note = Note.objects.get(title="Ice pick or ice axe?")
    elsewhere = essay_lesson.sections.get(number=1)

    response = admin_client.post(admin_url(Note, "change", note.pk), note_form(elsewhere, note.passage))

    assertContains(response, NOT_IN_SECTION)
    note.refresh_from_db()
    assert note.section.number == 4
