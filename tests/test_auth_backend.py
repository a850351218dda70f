"""The sign-in backend (history_site/auth.py): Django's ModelBackend, its per-request user lookup prepared.

get_user must answer as Django's own ModelBackend answers, in one query.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, backends
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from history_site.auth import ModelBackend
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend() -> ModelBackend:
    return ModelBackend()


def field_values(user) -> dict:
    return {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields}


def test_an_active_user_is_found_by_their_number(backend, student):
    found = backend.get_user(student.pk)

    assert found == student
    assert field_values(found) == field_values(type(student).objects.get(pk=student.pk))


def test_the_user_found_is_the_one_djangos_backend_finds(backend, student):
    assert field_values(backend.get_user(student.pk)) == field_values(backends.ModelBackend().get_user(student.pk))


def test_an_inactive_user_is_not_found(backend):
    inactive = UserFactory(is_active=False)

    assert backend.get_user(inactive.pk) is None


def test_a_missing_user_is_not_found(backend, student):
    assert backend.get_user(student.pk + 1000) is None


def test_a_user_number_beyond_64_bits_is_not_found_without_a_query(backend, student, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert backend.get_user(2**70) is None


def test_a_user_number_given_as_text_is_found_by_djangos_own_lookup(backend, student):
    assert backend.get_user(str(student.pk)) == student


def test_an_inactive_user_given_as_text_is_not_found(backend):
    inactive = UserFactory(is_active=False)

    assert backend.get_user(str(inactive.pk)) is None


def test_finding_a_user_is_one_query(backend, student, django_assert_num_queries):
    with django_assert_num_queries(1):
        backend.get_user(student.pk)


def test_signing_in_with_a_password_keeps_this_backend_in_the_session(client, student):
    client.post(reverse("login"), {"username": student.username, "password": PASSWORD})

    assert client.session[BACKEND_SESSION_KEY] == "history_site.auth.ModelBackend"


def test_a_signed_in_request_loads_its_user_in_one_query(client, student):
    client.force_login(student, backend="history_site.auth.ModelBackend")

    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("quizzes:list"))

    assert page.wsgi_request.user == student
    user_table = connection.ops.quote_name(student._meta.db_table)
    assert len([query for query in captured if f"FROM {user_table}" in query["sql"]]) == 1
