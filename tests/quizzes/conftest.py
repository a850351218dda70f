"""Fixtures for the quiz pages: students, signed-in clients, attempts started on the server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from quizzes.services import attempt_start
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher takes about half a second a user, by design; these tests are not about it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def student(db):
    return UserFactory(username="ada")


@pytest.fixture
def other_student(db):
    return UserFactory(username="bob")


@pytest.fixture
def student_client(student) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def other_client(other_student) -> Client:
    client = Client()
    client.force_login(other_student)
    return client


@pytest.fixture
def start(student) -> Callable[..., Attempt]:
    """Start (or resume) an attempt on the server, by default for `student`, now."""

    def start(quiz: Quiz, *, student=student, now=None, **kwargs) -> Attempt:
        return attempt_start(student=student, quiz=quiz, now=now or timezone.now(), **kwargs)

    return start


# Reports: teachers in the Teachers group, and their signed-in clients ---------------------------


@pytest.fixture
def make_teacher(db) -> Callable[..., object]:
    """A staff member in the Teachers group, as a superuser makes one."""
    from django.contrib.auth.models import Group

    from quizzes.teachers import TEACHERS_GROUP

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
    client = Client()
    client.force_login(teacher)
    return client


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="head", is_staff=True, is_superuser=True))
    return client
