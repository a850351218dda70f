"""Log-in throttling (django-axes): five wrong passwords for one account from one address pause
that pair for 15 minutes, with a page that says so. Not the address alone: a class shares one school IP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.html import text_content

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed log-ins"
SCHOOL = "198.51.100.7"  # the address the whole class shares


def log_in(client: Client, username: str, password: str, *, address: str = SCHOOL, url: str | None = None):
    return client.post(url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client: Client, username: str, times: int, *, address: str = SCHOOL) -> list[int]:
    return [log_in(client, username, "wrong password", address=address).status_code for _ in range(times)]


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_four_wrong_passwords_are_refused_without_a_lock(client, student):
    assert fail(client, student.username, 4) == [200] * 4

    page = log_in(client, student.username, PASSWORD)

    assert page.status_code == 302
    assert signed_in(client)


def test_the_fifth_wrong_password_locks_the_account_with_a_clear_page(client, student):
    statuses = fail(client, student.username, 5)

    assert statuses == [200, 200, 200, 200, 429]


def test_after_five_wrong_passwords_even_the_right_one_gets_the_lockout_page(client, student):
    fail(client, student.username, 5)

    page = log_in(client, student.username, PASSWORD)

    assert page.status_code == 429
    assert LOCKED in text_content(page)
    assert "logging in is paused for 15 minutes after several wrong passwords" in text_content(page)
    assert not signed_in(client)


def test_the_lockout_page_offers_a_password_reset(client, student):
    fail(client, student.username, 5)

    page = log_in(client, student.username, PASSWORD)

    assert f'href="{reverse("password_reset")}"' in page.content.decode()


@pytest.mark.parametrize(("minutes", "says"), [(30, "paused for 30 minutes after"), (1, "paused for 1 minute after")])
def test_the_lockout_page_gives_the_configured_pause(client, student, settings, minutes, says):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=minutes)
    fail(client, student.username, 5)

    page = log_in(client, student.username, PASSWORD)

    assert says in text_content(page)


def test_another_account_at_the_same_address_is_not_locked(client, student):
    classmate = UserFactory(username="bob")
    fail(client, student.username, 5)

    page = log_in(Client(), classmate.username, PASSWORD)

    assert page.status_code == 302
    assert page.url == reverse("quizzes:list")


def test_the_locked_account_can_still_log_in_from_another_address(client, student):
    fail(client, student.username, 5)

    page = log_in(client, student.username, PASSWORD, address="203.0.113.20")

    assert page.status_code == 302
    assert signed_in(client)


def test_a_successful_log_in_before_the_limit_resets_the_count(client, student):
    fail(client, student.username, 4)
    assert log_in(client, student.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    statuses = fail(client, student.username, 4)
    page = log_in(client, student.username, PASSWORD)

    assert statuses == [200] * 4
    assert page.status_code == 302


def test_the_lock_ends_after_the_pause(client, student):
    fail(client, student.username, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))  # time passes

    page = log_in(client, student.username, PASSWORD)

    assert page.status_code == 302
    assert signed_in(client)


def test_failures_for_an_unknown_username_lock_that_name_too(client):
    assert fail(client, "nobody-by-this-name", 5)[-1] == 429


def test_the_admin_log_in_is_throttled_the_same_way(client):
    UserFactory(username="head", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        log_in(client, "head", "wrong password", url=url)

    page = log_in(client, "head", PASSWORD, url=url)

    assert page.status_code == 429
    assert LOCKED in text_content(page)
    assert not signed_in(client)


# Odd log-ins that once broke the page on PostgreSQL ---------------------------------------------------------


def test_a_username_longer_than_any_account_is_refused_like_any_other(client):
    page = log_in(client, "x" * 300, "wrong password")

    assert page.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 255  # what axes' column holds


def test_five_failures_with_an_overlong_username_lock_it_too(client):
    assert fail(client, "x" * 300, 5)[-1] == 429


@pytest.mark.parametrize("forwarded", ["not-an-address", "999.1.1.1", "1.2.3.4, garbage", "x" * 300])
def test_behind_a_proxy_a_forwarded_value_that_is_not_an_address_counts_the_connections_address(
    client, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1

    page = client.post(
        reverse("login"), {"username": "ada", "password": "wrong"}, REMOTE_ADDR=SCHOOL, HTTP_X_FORWARDED_FOR=forwarded
    )

    assert page.status_code == 200
    assert AccessAttempt.objects.get().ip_address == SCHOOL


def test_behind_a_proxy_the_address_it_forwards_is_the_one_locked_out(client, settings, student):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("login"), {"username": "ada", "password": "wrong"}, REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )  # fmt: skip

    elsewhere = client.post(
        reverse("login"), {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )  # fmt: skip

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    assert elsewhere.status_code == 302
