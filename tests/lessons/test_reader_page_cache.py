"""Anonymous readers get lesson pages from the cache; every change a reader would see refreshes them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.urls import reverse

from lessons.caching import reader_pages_changed
from tests.factories import QuestionFactory, QuizFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionFactory(title="The first title", body="Some text about Trotsky.")


def test_a_second_anonymous_visit_is_served_without_queries(client, section, django_assert_num_queries):
    first = client.get(section.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(section.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content


def test_every_reader_page_is_cached(client, section, django_assert_num_queries):
    urls = [
        reverse("lessons:home"),
        section.lesson.get_absolute_url(),
        section.get_absolute_url(),
        reverse("lessons:timeline"),
        reverse("lessons:glossary"),
    ]
    for url in urls:
        client.get(url)

    with django_assert_num_queries(0):
        for url in urls:
            assert client.get(url).status_code == 200


def test_a_signed_in_student_gets_a_fresh_page_with_their_progress(client, section):
    client.get(section.lesson.get_absolute_url())  # cached for readers
    client.force_login(UserFactory())

    html = client.get(section.lesson.get_absolute_url()).content.decode()

    assert "Your progress" in html


def test_a_section_edited_in_the_admin_shows_at_once(client, section):
    client.get(section.get_absolute_url())
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    staff = client.__class__()
    staff.force_login(admin)
    data = {
        "lesson": section.lesson_id,
        "number": section.number,
        "title": "A new title",
        "slug": section.slug,
        "body": section.body,
        "notes-TOTAL_FORMS": "0",
        "notes-INITIAL_FORMS": "0",
    }

    response = staff.post(reverse("admin:lessons_section_change", args=[section.pk]), data)

    assert response.status_code == 302
    assert "A new title" in client.get(section.get_absolute_url()).content.decode()


def test_publishing_a_quiz_in_the_admin_shows_it_on_its_section(client, section):
    quiz = QuizFactory(section=section, is_published=False, title="The section quiz")
    QuestionFactory(quiz=quiz)
    client.get(section.get_absolute_url())
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    staff = client.__class__()
    staff.force_login(admin)

    staff.post(
        reverse("admin:quizzes_quiz_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": quiz.pk,
            "form-0-is_published": "on",
            "_save": "Save",
        },
    )

    assert "The section quiz" in client.get(section.get_absolute_url()).content.decode()


def test_a_change_announced_by_a_loader_refreshes_the_pages(client, section):
    client.get(section.get_absolute_url())
    type(section).objects.filter(pk=section.pk).update(title="Changed behind the cache's back")

    reader_pages_changed()

    assert "Changed behind the cache" in client.get(section.get_absolute_url()).content.decode()


def test_a_page_with_a_message_for_the_reader_is_neither_cached_nor_served_from_cache(client, section):
    client.get(section.get_absolute_url())
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.INFO, "You have been logged out.")
    response = client.get(reverse("lessons:home"))
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    html = client.get(section.get_absolute_url()).content.decode()

    assert "You have been logged out." in html
    assert "You have been logged out." not in client.get(section.get_absolute_url()).content.decode()


def test_a_missing_page_is_not_cached(client, section, django_assert_num_queries):
    url = reverse("lessons:section", kwargs={"lesson_slug": section.lesson.slug, "slug": "nowhere"})
    client.get(url)

    with django_assert_num_queries(1):  # asked again, the sections are fetched again
        assert client.get(url).status_code == 404


def test_a_page_served_from_the_cache_keeps_the_security_headers(client, section):
    client.get(section.get_absolute_url())

    cached = client.get(section.get_absolute_url())

    assert "'unsafe-inline'" not in cached["Content-Security-Policy"]
    assert "default-src 'self'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["Referrer-Policy"] == "same-origin"
    assert cached["Vary"] == "Cookie"
    assert cached["X-Request-ID"]


def test_pages_that_are_never_cached_are_never_looked_up(client, section, monkeypatch):
    looked_up = []
    monkeypatch.setattr("lessons.caching._cached_page", lambda request: looked_up.append(request.path))

    client.get(reverse("login"))
    client.get(reverse("lessons:search"), {"q": "Trotsky"})

    assert looked_up == []


def test_a_repeated_visit_is_answered_from_this_process_without_asking_the_shared_cache(client, section, monkeypatch):
    from django.core.cache import cache

    client.get(section.get_absolute_url())
    client.get(section.get_absolute_url())  # now in this process's memory too
    asked = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: asked.append(args[0]) or real_get(*args, **kwargs))

    assert client.get(section.get_absolute_url()).status_code == 200
    assert asked == []


def test_a_change_announced_by_another_server_shows_once_this_one_checks_the_version(client, section, monkeypatch):
    from django.core.cache import cache

    from lessons import caching

    client.get(section.get_absolute_url())
    type(section).objects.filter(pk=section.pk).update(title="Changed on another server")
    cache.incr(caching.VERSION_KEY)  # what reader_pages_changed() does there, without touching this process
    monkeypatch.setattr(caching, "VERSION_CHECK_SECONDS", 0.0)  # the second has passed

    assert "Changed on another server" in client.get(section.get_absolute_url()).content.decode()
