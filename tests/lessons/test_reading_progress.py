"""Signed-in readers: opening a section records it as read, and the pages show their quiz standing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import SectionVisit
from quizzes.services import attempt_start
from tests.factories import QuestionFactory, QuizFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionFactory()


@pytest.fixture
def quiz(section):
    quiz = QuizFactory(section=section, title="Section quiz")
    QuestionFactory(quiz=quiz)
    return quiz


def test_opening_a_section_records_it_as_read_for_a_signed_in_student(client, section):
    student = UserFactory()
    client.force_login(student)

    client.get(section.get_absolute_url())

    assert SectionVisit.objects.filter(user=student, section=section).exists()


def test_opening_a_section_twice_records_one_visit_with_the_first_time(client, section):
    student = UserFactory()
    client.force_login(student)
    client.get(section.get_absolute_url())
    first = SectionVisit.objects.get().first_visited_at

    client.get(section.get_absolute_url())

    assert SectionVisit.objects.get().first_visited_at == first


def test_an_anonymous_reader_leaves_no_trace(client, section):
    client.get(section.get_absolute_url())

    assert not SectionVisit.objects.exists()


def test_the_section_page_links_to_its_quiz(client, quiz, section):
    html = client.get(section.get_absolute_url()).content.decode()

    assert quiz.get_absolute_url() in html
    assert "Section quiz" in html


def test_an_unpublished_quiz_is_not_offered_on_its_section(client, quiz, section):
    quiz.is_published = False
    quiz.save()

    html = client.get(section.get_absolute_url()).content.decode()

    assert "Check your understanding" not in html


def test_an_anonymous_reader_is_invited_to_log_in_and_come_back_to_the_quiz(client, quiz, section):
    html = client.get(section.get_absolute_url()).content.decode()

    assert f"{reverse('login')}?next={quiz.get_absolute_url()}" in html


def test_a_student_with_an_unfinished_attempt_is_offered_to_resume_it(client, quiz, section):
    student = UserFactory()
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    client.force_login(student)

    html = client.get(section.get_absolute_url()).content.decode()

    assert "Resume your attempt" in html
    assert attempt.get_absolute_url() in html


def test_the_lesson_page_counts_the_sections_a_student_read(client, section):
    other = SectionFactory(lesson=section.lesson)
    student = UserFactory()
    client.force_login(student)
    client.get(other.get_absolute_url())

    html = client.get(section.lesson.get_absolute_url()).content.decode()

    assert "Your progress: 1 of 2 sections read." in html


def test_the_lesson_page_shows_no_progress_to_anonymous_readers(client, section):
    html = client.get(section.lesson.get_absolute_url()).content.decode()

    assert "Your progress" not in html
