"""Sign-up throttling: SIGNUP_LIMIT_PER_HOUR new accounts from one address, then a clear 429 page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.html import text_content

pytestmark = pytest.mark.django_db

SCHOOL = "198.51.100.7"
THROTTLED = "Too many new accounts from here"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.SIGNUP_LIMIT_PER_HOUR = 2


def sign_up(username: str, *, address: str = SCHOOL, **fields):
    """A sign-up from a fresh browser (signing up logs in, and a signed-in visitor is sent on)."""
    data = {"username": username, "email": f"{username}@example.org", "password1": PASSWORD, "password2": PASSWORD}
    return Client().post(reverse("signup"), data | fields, REMOTE_ADDR=address)


def usernames() -> set[str]:
    return set(get_user_model().objects.values_list("username", flat=True))


def test_sign_ups_within_the_limit_create_their_accounts():
    assert [sign_up(name).status_code for name in ("ada", "bob")] == [302, 302]
    assert usernames() == {"ada", "bob"}


def test_a_sign_up_over_the_limit_gets_a_clear_429_page():
    sign_up("ada"), sign_up("bob")

    page = sign_up("carl")

    assert page.status_code == 429
    assert THROTTLED in text_content(page)
    assert "Please try again later, or ask your teacher." in text_content(page)


def test_a_sign_up_over_the_limit_creates_no_account_and_logs_no_one_in():
    sign_up("ada"), sign_up("bob")
    client = Client()

    client.post(
        reverse("signup"),
        {"username": "carl", "email": "carl@example.org", "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=SCHOOL,
    )

    assert "carl" not in usernames()
    assert "_auth_user_id" not in client.session


def test_another_address_may_still_sign_up():
    sign_up("ada"), sign_up("bob")

    assert sign_up("carl", address="203.0.113.20").status_code == 302
    assert "carl" in usernames()


def test_refused_sign_up_forms_do_not_use_up_the_limit():
    for name in ("ada", "bob", "carl"):
        assert sign_up(name, password2="a different password").status_code == 200

    assert sign_up("dora").status_code == 302


def test_the_throttled_page_reveals_nothing_about_existing_names():
    sign_up("ada"), sign_up("bob")

    taken, free = sign_up("ada"), sign_up("zoe")

    assert (taken.status_code, free.status_code) == (429, 429)
    assert text_content(taken) == text_content(free)


def test_the_sign_up_page_itself_still_opens_when_throttled():
    sign_up("ada"), sign_up("bob")

    assert Client().get(reverse("signup"), REMOTE_ADDR=SCHOOL).status_code == 200
