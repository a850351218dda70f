"""Fixtures for the security tests: students and teachers, signed in or not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from quizzes.teachers import TEACHERS_GROUP
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # what UserFactory sets


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher takes about half a second a user, by design; these tests are not about it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def student(db):
    return UserFactory(username="ada")


@pytest.fixture
def student_client(student) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def teacher(db):
    """A staff member in the Teachers group, as a superuser makes one."""
    teacher = UserFactory(username="teacher", is_staff=True)
    teacher.groups.add(Group.objects.get(name=TEACHERS_GROUP))
    return teacher


@pytest.fixture
def teacher_client(teacher) -> Client:
    client = Client()
    client.force_login(teacher)
    return client
