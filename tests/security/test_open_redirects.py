"""`?next=` cannot send anyone off the site: after logging in, signing up or logging out, a destination on
another host (or a script URL) is ignored and the usual page follows. Nor does a page carry it into a form."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example",
    "https://evil.example/accounts/login/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
]


def leaves_the_site(url: str) -> bool:
    """Whether a browser following `url` from this site could end up elsewhere or run a script.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so
    `/\\evil.example` means `//evil.example`; a scheme without `//` still names a host.
    """
    cleaned = "".join(url.split()).replace("\\", "/")
    if cleaned.startswith("//"):
        return True
    parts = urlsplit(cleaned)
    if parts.scheme:
        return not (parts.scheme in ("http", "https") and parts.hostname == "testserver")
    return False


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "action", "formaction"):
            if values.get(name):
                self.targets.append(values[name])
        if tag == "input" and values.get("name") == "next":
            self.targets.append(values.get("value") or "")


def off_site_targets(page) -> list[str]:
    reader = _Targets()
    reader.feed(page.content.decode())
    return [target for target in reader.targets if leaves_the_site(target)]


@pytest.fixture(params=OFF_SITE)
def evil(request) -> str:
    return request.param


def test_the_list_of_destinations_really_leaves_the_site(evil):
    assert leaves_the_site(evil)


def test_logging_in_ignores_an_off_site_destination_in_the_form(client, student, evil):
    page = client.post(reverse("login"), {"username": "ada", "password": PASSWORD, "next": evil})

    assert page.status_code == 302
    assert page.url == reverse("quizzes:list")


def test_logging_in_ignores_an_off_site_destination_in_the_address(client, student, evil):
    page = client.post(reverse("login") + f"?next={evil}", {"username": "ada", "password": PASSWORD})

    assert page.url == reverse("quizzes:list")


def test_the_log_in_page_does_not_carry_an_off_site_destination(client, evil):
    page = client.get(reverse("login"), {"next": evil})

    assert off_site_targets(page) == []


def test_signing_up_ignores_an_off_site_destination(evil):
    data = {"username": "carl", "email": "carl@example.org", "password1": PASSWORD, "password2": PASSWORD}

    page = Client().post(reverse("signup"), data | {"next": evil})

    assert page.status_code == 302
    assert page.url == reverse("quizzes:list")


def test_the_sign_up_page_does_not_carry_an_off_site_destination(client, evil):
    page = client.get(reverse("signup"), {"next": evil})

    assert off_site_targets(page) == []


def test_a_signed_in_student_sent_to_sign_up_is_not_sent_off_site(student_client, evil):
    page = student_client.get(reverse("signup"), {"next": evil})

    assert page.url == reverse("quizzes:list")


def test_logging_out_ignores_an_off_site_destination(student_client, evil):
    page = student_client.post(reverse("logout"), {"next": evil})

    assert page.status_code == 302
    assert page.url == reverse("lessons:home")


def test_the_admin_log_in_ignores_an_off_site_destination(client, teacher, evil):
    page = client.post(reverse("admin:login"), {"username": "teacher", "password": PASSWORD, "next": evil})

    assert page.status_code == 302
    assert not leaves_the_site(page.url)


def test_a_destination_on_the_site_is_still_followed(client, student):
    page = client.post(reverse("login"), {"username": "ada", "password": PASSWORD, "next": "/progress/?tab=1"})

    assert page.url == "/progress/?tab=1"


# A bare word is a relative address, as Django's own log-in treats it; "admin:index" reads as a scheme.
BARE_WORDS = {"quizzes": "quizzes", "ééé": "%C3%A9%C3%A9%C3%A9", "logout": "logout", "admin:index": "/quizzes/"}


@pytest.mark.parametrize("word", BARE_WORDS)
def test_signing_up_with_a_bare_word_as_destination_never_looks_it_up_as_a_url_name(word):
    # redirect() would have tried reverse(word): a 500 when no URL had the name, a jump when one did.
    data = {"username": "carl", "email": "carl@example.org", "password1": PASSWORD, "password2": PASSWORD}

    page = Client().post(reverse("signup"), data | {"next": word})

    assert page.status_code == 302
    assert page.url == BARE_WORDS[word]


@pytest.mark.parametrize("word", BARE_WORDS)
def test_a_signed_in_student_sent_to_sign_up_with_a_bare_word_is_not_sent_to_a_named_page(student_client, word):
    page = student_client.get(reverse("signup"), {"next": word})

    assert page.status_code == 302
    assert page.url == BARE_WORDS[word]
