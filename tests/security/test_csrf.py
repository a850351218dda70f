"""CSRF: every POST the site accepts needs the form's token. Without it: 403, our own page, nothing done.

Django's test client skips the check unless asked (`enforce_csrf_checks=True`),
which every client here does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lessons.models import Term
from quizzes.models import ClassMembership, Question
from quizzes.services import attempt_start
from tests.conftest import PASSWORD
from tests.factories import SchoolClassFactory, UserFactory, quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import all_correct, saved_state

pytestmark = pytest.mark.django_db

EXPIRED = "This form has expired"


@dataclass(frozen=True)
class Endpoint:
    """A POST: who sends it, where, with what, and what it would change if it went through."""

    who: str  # "visitor", "student" or "teacher"
    url: Callable[[dict], str]
    data: Callable[[dict], dict]
    state: Callable[[dict], object]


def signed_in_as(client: Client) -> object:
    return client.session.get("_auth_user_id")


def set_password_url(world: dict) -> str:
    """The page a reset link leads to (the link's token is swapped for a session one on the way)."""
    student = world["student"]
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(student.pk)),
            "token": default_token_generator.make_token(student),
        },
    )
    return world["client"].get(link).url


ENDPOINTS = {
    "login": Endpoint(
        "visitor",
        lambda w: reverse("login"),
        lambda w: {"username": "ada", "password": PASSWORD},
        lambda w: signed_in_as(w["client"]),
    ),
    "logout": Endpoint("student", lambda w: reverse("logout"), lambda w: {}, lambda w: signed_in_as(w["client"])),
    "signup": Endpoint(
        "visitor",
        lambda w: reverse("signup"),
        lambda w: {"username": "carl", "email": "c@example.org", "password1": PASSWORD, "password2": PASSWORD},
        lambda w: get_user_model().objects.count(),
    ),
    "password-reset": Endpoint(
        "visitor",
        lambda w: reverse("password_reset"),
        lambda w: {"email": w["student"].email},
        lambda w: len(mail.outbox),
    ),
    "set-new-password": Endpoint(
        "visitor",
        set_password_url,
        lambda w: {"new_password1": "a brand new secret", "new_password2": "a brand new secret"},
        lambda w: get_user_model().objects.get(pk=w["student"].pk).password,
    ),
    "password-change": Endpoint(
        "student",
        lambda w: reverse("password_change"),
        lambda w: {"old_password": PASSWORD, "new_password1": "a brand new one", "new_password2": "a brand new one"},
        lambda w: get_user_model().objects.get(pk=w["student"].pk).password,
    ),
    "quiz-start": Endpoint(
        "student",
        lambda w: reverse("quizzes:start", kwargs={"slug": w["other_quiz"].slug}),
        lambda w: {},
        lambda w: w["other_quiz"].attempts.count(),
    ),
    "attempt-save": Endpoint(
        "student",
        lambda w: reverse("quizzes:attempt", kwargs={"pk": w["attempt"].pk}),
        lambda w: all_correct(w["attempt"], action="save"),
        lambda w: saved_state(w["attempt"]),
    ),
    "attempt-submit": Endpoint(
        "student",
        lambda w: reverse("quizzes:attempt", kwargs={"pk": w["attempt"].pk}),
        lambda w: all_correct(w["attempt"]),
        lambda w: saved_state(w["attempt"]),
    ),
    "class-join": Endpoint(
        "student",
        lambda w: reverse("quizzes:join_class"),
        lambda w: {"code": w["school_class"].join_code},
        lambda w: ClassMembership.objects.count(),
    ),
    "admin-login": Endpoint(
        "visitor",
        lambda w: reverse("admin:login"),
        lambda w: {"username": "teacher", "password": PASSWORD},
        lambda w: signed_in_as(w["client"]),
    ),
    "admin-add": Endpoint(
        "teacher",
        lambda w: reverse("admin:lessons_term_add"),
        lambda w: {"name": "Planted", "slug": "planted", "definition": "Planted by a forged form."},
        lambda w: Term.objects.count(),
    ),
    "admin-gift-import": Endpoint(
        "teacher",
        lambda w: reverse("admin:quizzes_quiz_import_gift"),
        lambda w: {
            "file": SimpleUploadedFile("q.gift", b"::q::Who?{=Trotsky ~Stalin}\n"),
            "target": w["quiz"].slug,
        },
        lambda w: (Question.objects.count(), sorted(w["client"].session.keys())),
    ),
}


@pytest.fixture
def world(student, teacher) -> dict:
    quiz = quiz_with_every_type()
    return {
        "student": student,
        "teacher": teacher,
        "quiz": quiz,
        "other_quiz": quiz_with_every_type(),
        "attempt": attempt_start(student=student, quiz=quiz, now=timezone.now()),
        "school_class": SchoolClassFactory(teacher=teacher),
    }


@pytest.fixture(params=ENDPOINTS, ids=list(ENDPOINTS))
def forged(request, world) -> tuple[object, object, object]:
    """The endpoint's POST sent without a token: (response, state before, state after)."""
    endpoint = ENDPOINTS[request.param]
    client = Client(enforce_csrf_checks=True)
    if endpoint.who != "visitor":
        client.force_login(world[endpoint.who])
    world = {**world, "client": client}
    url = endpoint.url(world)
    before = endpoint.state(world)
    response = client.post(url, endpoint.data(world))
    return response, before, endpoint.state(world)


def test_a_post_without_a_token_is_forbidden(forged):
    response, _before, _after = forged

    assert response.status_code == 403


def test_a_post_without_a_token_gets_our_own_page(forged):
    response, _before, _after = forged

    assert EXPIRED in text_content(response)
    assert "Go back, reload the page and send the form again." in text_content(response)


def test_a_post_without_a_token_changes_nothing(forged):
    _response, before, after = forged

    assert after == before


class _TokenReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.tokens.append(values.get("value") or "")


def token_on(page) -> str:
    reader = _TokenReader()
    reader.feed(page.content.decode())
    return reader.tokens[0]


def test_the_same_log_in_with_the_pages_token_goes_through(student):
    client = Client(enforce_csrf_checks=True)
    token = token_on(client.get(reverse("login")))

    page = client.post(reverse("login"), {"username": "ada", "password": PASSWORD, "csrfmiddlewaretoken": token})

    assert page.status_code == 302
    assert signed_in_as(client) == str(student.pk)


def test_the_same_submit_with_the_pages_token_goes_through(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["student"])
    attempt = world["attempt"]
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    token = token_on(client.get(url))

    page = client.post(url, all_correct(attempt) | {"csrfmiddlewaretoken": token})

    assert page.status_code == 302
    assert page.url == reverse("quizzes:result", kwargs={"pk": attempt.pk})


def test_a_token_taken_from_another_browser_is_refused(world):
    attacker, victim = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    attacker_token = token_on(attacker.get(reverse("login")))
    victim.force_login(world["student"])
    victim.get(reverse("quizzes:progress"))  # the victim has a CSRF cookie of their own
    before = saved_state(world["attempt"])

    page = victim.post(
        reverse("quizzes:attempt", kwargs={"pk": world["attempt"].pk}),
        all_correct(world["attempt"]) | {"csrfmiddlewaretoken": attacker_token},
    )

    assert page.status_code == 403
    assert saved_state(world["attempt"]) == before


def test_a_logged_in_teacher_cannot_be_made_to_create_a_user(teacher):
    # Even if a teacher could add users (they cannot), a forged post would stop at the token.
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="head", is_staff=True, is_superuser=True))

    page = client.post(reverse("admin:auth_user_add"), {"username": "planted", "password1": "x", "password2": "x"})

    assert page.status_code == 403
    assert not get_user_model().objects.filter(username="planted").exists()
