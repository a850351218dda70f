"""A question page is rendered once per attempt and reused until the student saves again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt
from tests.factories import quiz_with_every_type
from tests.quizzes.papers import all_correct

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def attempt(start):
    return start(quiz_with_every_type())


def page_url(attempt: Attempt) -> str:
    return reverse("quizzes:attempt", kwargs={"pk": attempt.pk})


def test_a_reload_reads_neither_the_paper_nor_the_templates_again(student_client, attempt, django_assert_num_queries):
    student_client.get(page_url(attempt))

    # 1. session  2. user  3. the attempt (whose it is, its state, when its answers were saved)
    with django_assert_num_queries(3):
        response = student_client.get(page_url(attempt))

    assert response.status_code == 200
    assert 'id="q7"' in response.content.decode()


def test_a_reloaded_page_carries_fresh_csrf_tokens_that_work(attempt, student):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    client.get(page_url(attempt))
    html = client.get(page_url(attempt)).content.decode()
    tokens = TOKEN.findall(html)

    response = client.post(page_url(attempt), {**all_correct(attempt), "csrfmiddlewaretoken": tokens[-1]})

    assert "\x00" not in html
    assert len(tokens) == 2  # the log-out form and the answers
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_saved_answers_show_at_once_on_the_next_view(student_client, attempt):
    student_client.get(page_url(attempt))
    data = all_correct(attempt, action="save")

    student_client.post(page_url(attempt), data)
    student_client.get(page_url(attempt))  # the one with the "saved" message
    html = student_client.get(page_url(attempt)).content.decode()

    assert "Your answers were last saved" in html
    assert 'value="Ramón Mercader"' in html


def test_a_page_cached_before_the_deadline_warns_once_time_is_up(student_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(minutes=10))
    student_client.get(page_url(attempt))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))

    html = student_client.get(page_url(attempt)).content.decode()

    assert "Time is up" in html


def test_a_submitted_attempt_never_shows_its_cached_page(student_client, attempt):
    student_client.get(page_url(attempt))
    student_client.post(page_url(attempt), all_correct(attempt))

    response = student_client.get(page_url(attempt))

    assert response.status_code == 302
    assert response.url == reverse("quizzes:result", kwargs={"pk": attempt.pk})


def test_another_student_never_gets_the_cached_page(student_client, other_client, attempt):
    student_client.get(page_url(attempt))

    assert other_client.get(page_url(attempt)).status_code == 404
