"""Shared fixtures. Browser set-up lives in tests/browser/conftest.py."""

from __future__ import annotations

import os

# Playwright runs an event loop in the test thread; pytest-django's database
# set-up is synchronous and must be allowed there (see ../shared/TOOLING.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from lessons.companion import parse_companion
from lessons.essay import parse_essay
from lessons.loading import essay_load
from quizzes.teachers import TEACHERS_GROUP
from tests.factories import UserFactory

CONTENT_DIR = settings.BASE_DIR / "lessons" / "content"


def _database_order(item: pytest.Item) -> int:
    """0: tests in a rolled-back transaction; 1: tests that commit and then flush; 2: no database."""
    marker = item.get_closest_marker("django_db")
    commits = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    commits = commits or bool({"transactional_db", "live_server"} & set(item.fixturenames))
    if commits:
        return 1
    return 0 if marker is not None or "db" in item.fixturenames else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep Django's order: tests that flush the database (browser tests) run after the others.

    pytest-django sorts the tests this way, but pytest then regroups them by
    pytest-playwright's session-wide browser parameter, which put browser tests
    in the middle. Their flush empties what data migrations made (the Teachers
    group) for every database test that came after.
    """
    items.sort(key=_database_order)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages must never leak between tests."""
    from django.core.cache import cache

    from lessons.caching import forget_local_pages

    cache.clear()
    forget_local_pages()
    yield
    cache.clear()
    forget_local_pages()


# People ---------------------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"  # what UserFactory sets


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher takes about half a second a user, by design; the tests are not about it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="history_site.auth.ModelBackend")  # as a password sign-in records
    return client


@pytest.fixture
def student(db):
    return UserFactory(username="ada")


@pytest.fixture
def other_student(db):
    return UserFactory(username="bob")


@pytest.fixture
def student_client(student) -> Client:
    return signed_in(student)


@pytest.fixture
def other_client(other_student) -> Client:
    return signed_in(other_student)


@pytest.fixture
def make_teacher(db) -> Callable[..., object]:
    """A staff member in the Teachers group, as a superuser makes one."""

    def make_teacher(username: str = "teacher"):
        teacher = UserFactory(username=username, is_staff=True)
        teacher.groups.add(Group.objects.get(name=TEACHERS_GROUP))
        return teacher

    return make_teacher


@pytest.fixture
def teacher(make_teacher):
    return make_teacher("teacher")


@pytest.fixture
def teacher_client(teacher) -> Client:
    return signed_in(teacher)


@pytest.fixture
def superuser_client(db) -> Client:
    return signed_in(UserFactory(username="head", is_staff=True, is_superuser=True))


# Content --------------------------------------------------------------------------------------


@pytest.fixture
def essay_text() -> str:
    return (CONTENT_DIR / "essay.txt").read_text(encoding="utf-8")


@pytest.fixture
def essay_lesson(db, essay_text):
    """The real essay, its timeline, glossary and notes, loaded as `make run` does."""
    companion = parse_companion((CONTENT_DIR / "companion.toml").read_text(encoding="utf-8"))
    essay_load(essay=parse_essay(essay_text), companion=companion)
    from lessons.models import Lesson

    return Lesson.objects.get()
