"""Security headers on every kind of page, public and signed in, and cookies scripts cannot read.

The Content-Security-Policy allows our own files only; the pages hold no
inline script, style or event handler, so the policy breaks nothing.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.services import attempt_start, attempt_submit
from tests.conftest import PASSWORD
from tests.factories import SectionFactory, TermFactory, quiz_with_every_type
from tests.security.pages import markup

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": lambda site: reverse("lessons:home"),
    "lesson": lambda site: site["section"].lesson.get_absolute_url(),
    "section": lambda site: site["section"].get_absolute_url(),
    "timeline": lambda site: reverse("lessons:timeline"),
    "glossary": lambda site: reverse("lessons:glossary"),
    "search": lambda site: reverse("lessons:search") + "?q=section",
    "login": lambda site: reverse("login"),
    "signup": lambda site: reverse("signup"),
    "password-reset": lambda site: reverse("password_reset"),
    "not-found": lambda site: "/no-such-page/",
    "admin-login": lambda site: reverse("admin:login"),
}
STUDENT_PAGES = {
    "quiz-list": lambda site: reverse("quizzes:list"),
    "quiz": lambda site: site["quiz"].get_absolute_url(),
    "questions": lambda site: reverse("quizzes:attempt", kwargs={"pk": site["attempt"].pk}),
    "result": lambda site: reverse("quizzes:result", kwargs={"pk": site["finished"].pk}),
    "progress": lambda site: reverse("quizzes:progress"),
    "section-with-quiz": lambda site: site["section"].get_absolute_url(),
}


@pytest.fixture
def section():
    TermFactory()
    return SectionFactory()


@pytest.fixture
def site(section, student) -> dict:
    """The section with its quiz (with a time limit, so the countdown script is on the question page),
    a finished attempt and an open one."""
    quiz = quiz_with_every_type(section=section, time_limit_minutes=30)
    finished = attempt_start(student=student, quiz=quiz, now=timezone.now())
    attempt_submit(attempt=finished, answers={}, now=timezone.now())
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    return {"section": section, "quiz": quiz, "finished": finished, "attempt": attempt}


@pytest.fixture(
    params=[("public", name) for name in PUBLIC_PAGES] + [("student", name) for name in STUDENT_PAGES],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def response(request, section, client):
    audience, name = request.param
    if audience == "public":
        answer = client.get(PUBLIC_PAGES[name]({"section": section}))
    else:
        answer = request.getfixturevalue("student_client").get(STUDENT_PAGES[name](request.getfixturevalue("site")))
    assert answer.status_code == (404 if name == "not-found" else 200)
    return answer


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def test_every_page_sends_a_content_security_policy_of_our_own_files_only(response):
    policy = directives(response)

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_no_page_allows_inline_or_evaluated_script(response):
    policy = response.headers["Content-Security-Policy"]

    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "'unsafe-hashes'" not in policy
    assert "*" not in policy


def test_no_page_holds_inline_script_style_or_event_handlers_the_policy_would_block(response):
    found = markup(response)

    assert (found.inline_scripts, found.inline_styles, found.handlers, found.script_urls) == ([], [], [], [])


def test_every_page_forbids_content_type_sniffing(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_page_sends_the_referrer_to_this_site_only(response):
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_page_can_be_framed_by_another_site(response):
    assert response.headers["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_the_session_cookie_set_at_log_in_cannot_be_read_by_scripts(client, student):
    page = client.post(reverse("login"), {"username": student.username, "password": PASSWORD})

    assert page.status_code == 302
    cookie = page.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_cookie_set_at_sign_up_cannot_be_read_by_scripts(client):
    data = {"username": "natalia", "email": "n@example.org", "password1": PASSWORD, "password2": PASSWORD}

    page = client.post(reverse("signup"), data)

    assert page.status_code == 302
    assert page.cookies[settings.SESSION_COOKIE_NAME]["httponly"] is True


def test_a_json_answer_forbids_sniffing_too():
    answer = Client().get(reverse("healthz"))

    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Type"] == "application/json"
