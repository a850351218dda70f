"""Who may open each quiz page: the owner, another student, an anonymous visitor, and nobody for a missing object."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from tests.factories import quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import all_correct, saved_state

pytestmark = pytest.mark.django_db

MISSING = 999_999


@pytest.fixture
def quiz():
    return quiz_with_every_type()


@pytest.fixture
def attempt(quiz, start):
    """The student's unfinished attempt."""
    return start(quiz)


@pytest.fixture
def finished(start, student_client):
    """The student's submitted attempt (on another quiz, so it can sit beside `attempt`)."""
    attempt = start(quiz_with_every_type())
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), all_correct(attempt))
    return attempt


def login_url(next_path: str) -> str:
    return f"{reverse('login')}?next={next_path}"


# Anonymous visitors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs_of"),
    [
        ("quizzes:list", lambda quiz, attempt: {}),
        ("quizzes:quiz", lambda quiz, attempt: {"slug": quiz.slug}),
        ("quizzes:attempt", lambda quiz, attempt: {"pk": attempt.pk}),
        ("quizzes:result", lambda quiz, attempt: {"pk": attempt.pk}),
        ("quizzes:progress", lambda quiz, attempt: {}),
    ],
    ids=["list", "quiz", "attempt", "result", "progress"],
)
def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, quiz, attempt, name, kwargs_of):
    url = reverse(name, kwargs=kwargs_of(quiz, attempt))

    page = client.get(url)

    assert page.status_code == 302
    assert page.url == login_url(url)


def test_an_anonymous_visitor_cannot_start_a_quiz(client, quiz):
    url = reverse("quizzes:start", kwargs={"slug": quiz.slug})

    page = client.post(url)

    assert page.url == login_url(url)
    assert not Attempt.objects.exists()


def test_an_anonymous_visitor_cannot_submit_answers(client, attempt):
    before = saved_state(attempt)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})

    page = client.post(url, all_correct(attempt))

    assert page.url == login_url(url)
    assert saved_state(attempt) == before


# The owner -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quizzes:list", "quizzes:progress"], ids=lambda name: name.removeprefix("quizzes:"))
def test_a_student_can_open_their_own_pages(student_client, name):
    assert student_client.get(reverse(name)).status_code == 200


def test_a_student_can_open_a_quiz_page(student_client, quiz):
    assert student_client.get(reverse("quizzes:quiz", kwargs={"slug": quiz.slug})).status_code == 200


def test_a_student_can_open_their_attempt(student_client, attempt):
    assert student_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk})).status_code == 200


def test_a_student_can_open_their_result(student_client, finished):
    assert student_client.get(reverse("quizzes:result", kwargs={"pk": finished.pk})).status_code == 200


# Another student ------------------------------------------------------------------------------------------


def test_another_students_attempt_is_not_found(other_client, attempt):
    assert other_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk})).status_code == 404


def test_another_students_attempt_cannot_be_answered(other_client, attempt):
    before = saved_state(attempt)

    page = other_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), all_correct(attempt))

    assert page.status_code == 404
    assert saved_state(attempt) == before


def test_another_students_attempt_cannot_be_saved(other_client, attempt):
    before = saved_state(attempt)

    page = other_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), all_correct(attempt, action="save"))

    assert page.status_code == 404
    assert saved_state(attempt) == before


def test_another_students_result_is_not_found(other_client, finished):
    assert other_client.get(reverse("quizzes:result", kwargs={"pk": finished.pk})).status_code == 404


def test_another_students_submitted_attempt_is_not_found(other_client, finished):
    assert other_client.get(reverse("quizzes:attempt", kwargs={"pk": finished.pk})).status_code == 404


def test_starting_a_quiz_another_student_has_open_gives_a_new_attempt_of_ones_own(
    other_client, other_student, quiz, attempt
):
    page = other_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}))

    theirs = Attempt.objects.get(student=other_student)
    assert theirs.pk != attempt.pk and theirs.number == 1
    assert page.url == reverse("quizzes:attempt", kwargs={"pk": theirs.pk})


def test_another_students_attempts_are_not_on_the_quiz_or_progress_pages(other_client, quiz, finished):
    result_url = reverse("quizzes:result", kwargs={"pk": finished.pk})

    for url in (reverse("quizzes:quiz", kwargs={"slug": finished.quiz.slug}), reverse("quizzes:progress")):
        assert result_url not in other_client.get(url).content.decode()


# Missing objects and wrong methods ------------------------------------------------------------------------


def test_a_missing_quiz_is_not_found(student_client):
    assert student_client.get(reverse("quizzes:quiz", kwargs={"slug": "no-such-quiz"})).status_code == 404


def test_starting_a_missing_quiz_is_not_found(student_client):
    assert student_client.post(reverse("quizzes:start", kwargs={"slug": "no-such-quiz"})).status_code == 404


def test_a_missing_attempt_is_not_found(student_client):
    assert student_client.get(reverse("quizzes:attempt", kwargs={"pk": MISSING})).status_code == 404


def test_answering_a_missing_attempt_is_not_found(student_client):
    assert student_client.post(reverse("quizzes:attempt", kwargs={"pk": MISSING}), {"q1": "1"}).status_code == 404


def test_a_missing_result_is_not_found(student_client):
    assert student_client.get(reverse("quizzes:result", kwargs={"pk": MISSING})).status_code == 404


def test_the_start_address_refuses_a_get(student_client, quiz):
    page = student_client.get(reverse("quizzes:start", kwargs={"slug": quiz.slug}))

    assert page.status_code == 405
    assert not Attempt.objects.exists()


def test_an_unpublished_quiz_page_says_it_is_not_open_and_offers_no_start(student_client):
    quiz = quiz_with_every_type(is_published=False)

    page = student_client.get(reverse("quizzes:quiz", kwargs={"slug": quiz.slug}))

    assert "This quiz is not open to students yet." in text_content(page)
    assert reverse("quizzes:start", kwargs={"slug": quiz.slug}) not in page.content.decode()
