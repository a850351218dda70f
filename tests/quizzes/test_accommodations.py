"""Accommodations: extra time and extra attempts for one student on one quiz, honoured by the server
(the deadline it sets, the starts it allows) and shown to the student, at no cost in queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import SectionVisit
from quizzes.models import Accommodation
from quizzes.progress import quiz_standings
from quizzes.services import QuizUnavailable, attempt_deadline, attempt_submit
from tests.factories import (
    AccommodationFactory,
    QuestionFactory,
    QuizFactory,
    SchoolClassFactory,
    SubmittedAttemptFactory,
    UserFactory,
    lesson_with_sections,
)
from tests.html import text_content

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def timed_quiz():
    quiz = QuizFactory(time_limit_minutes=30, max_attempts=1)
    QuestionFactory(quiz=quiz)
    return quiz


def finish(attempt, *, now=NOW):
    return attempt_submit(attempt=attempt, answers={}, now=now).attempt


# Extra time --------------------------------------------------------------------------------------


def test_without_an_accommodation_the_deadline_is_the_time_limit(student, timed_quiz):
    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=30)


def test_a_time_multiplier_stretches_the_time_limit(student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, time_multiplier=Decimal("1.5"))

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=45)


def test_extra_minutes_are_added_to_the_time_limit(student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_minutes=10)

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=40)


def test_extra_minutes_are_added_after_the_multiplier(student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, time_multiplier=Decimal("1.5"), extra_minutes=10)

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=55)


def test_extra_time_never_runs_past_the_closing_time(student, timed_quiz):
    timed_quiz.closes_at = NOW + timedelta(minutes=35)
    timed_quiz.save()
    AccommodationFactory(quiz=timed_quiz, student=student, time_multiplier=Decimal("2"))

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=35)


def test_extra_time_on_a_quiz_without_a_time_limit_adds_no_limit(student):
    quiz = QuizFactory(time_limit_minutes=None)
    AccommodationFactory(quiz=quiz, student=student, extra_minutes=20)

    assert attempt_deadline(quiz=quiz, student=student, now=NOW) is None


def test_another_students_accommodation_does_not_apply(student, other_student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=other_student, extra_minutes=20)

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=30)


def test_an_accommodation_on_another_quiz_does_not_apply(student, timed_quiz):
    AccommodationFactory(quiz=QuizFactory(), student=student, extra_minutes=20)

    assert attempt_deadline(quiz=timed_quiz, student=student, now=NOW) == NOW + timedelta(minutes=30)


def test_a_started_attempt_gets_the_extended_deadline(student, timed_quiz, start):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_minutes=15)

    attempt = start(timed_quiz, now=NOW)

    assert attempt.deadline == NOW + timedelta(minutes=45)


def test_answers_sent_within_the_extra_time_are_on_time(student, timed_quiz, start):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_minutes=15)
    attempt = start(timed_quiz, now=NOW)

    finished = finish(attempt, now=NOW + timedelta(minutes=40))

    assert finished.state == "submitted"


# Extra attempts ----------------------------------------------------------------------------------


def test_extra_attempts_let_the_student_start_again(student, timed_quiz, start):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=1)
    finish(start(timed_quiz, now=NOW))

    second = start(timed_quiz, now=NOW + timedelta(hours=1))

    assert second.number == 2


def test_extra_attempts_run_out_too(student, timed_quiz, start):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=1)
    finish(start(timed_quiz, now=NOW))
    finish(start(timed_quiz, now=NOW + timedelta(hours=1)), now=NOW + timedelta(hours=1))

    with pytest.raises(QuizUnavailable, match="You have used all 2 of your attempts"):
        start(timed_quiz, now=NOW + timedelta(hours=2))


def test_without_extra_attempts_the_quizs_maximum_holds(student, timed_quiz, start):
    finish(start(timed_quiz, now=NOW))

    with pytest.raises(QuizUnavailable, match="You have used all 1 of your attempts"):
        start(timed_quiz, now=NOW + timedelta(hours=1))


def test_extra_attempts_on_an_unlimited_quiz_leave_it_unlimited(student):
    quiz = QuizFactory(max_attempts=None)
    AccommodationFactory(quiz=quiz, student=student, extra_attempts=2)

    assert quiz_standings(student, [quiz])[quiz.pk].left is None


def test_attempts_left_count_the_extra_attempts(student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=2)
    SubmittedAttemptFactory(student=student, quiz=timed_quiz, number=1)

    assert quiz_standings(student, [timed_quiz])[timed_quiz.pk].left == 2


# What the student is shown -----------------------------------------------------------------------


def test_the_quiz_page_shows_the_attempts_left_with_the_extra_ones(student_client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=2)

    page = student_client.get(timed_quiz.get_absolute_url())

    text = text_content(page.content.decode())
    assert "You may make 3 attempts. This includes your extra attempts." in text
    assert "Attempts left 3" in text


def test_the_quiz_page_shows_the_students_own_time_limit(student_client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, time_multiplier=Decimal("1.5"))

    page = student_client.get(timed_quiz.get_absolute_url())

    assert "Time limit: 45 minutes, counted from when you start. This includes your extra time." in text_content(
        page.content.decode()
    )


def test_the_quiz_page_shows_the_usual_rules_to_other_students(other_client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, time_multiplier=Decimal("1.5"), extra_attempts=2)

    text = text_content(other_client.get(timed_quiz.get_absolute_url()).content.decode())

    assert "Time limit: 30 minutes, counted from when you start." in text
    assert "You may make 1 attempt." in text
    assert "extra" not in text


def test_the_quiz_page_offers_a_new_attempt_while_extra_attempts_remain(student_client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=1)
    SubmittedAttemptFactory(student=student, quiz=timed_quiz, number=1)

    page = student_client.get(timed_quiz.get_absolute_url())

    assert "Start a new attempt" in text_content(page.content.decode())


def test_the_quiz_list_shows_the_attempts_left_with_the_extra_ones(student_client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=4)

    page = student_client.get(reverse("quizzes:list"))

    assert dict(page.context["rows"])[timed_quiz].left == 5


def test_the_progress_page_shows_the_attempts_left_with_the_extra_ones(student_client, student):
    final = QuizFactory(section=None, title="Final quiz", max_attempts=2)
    AccommodationFactory(quiz=final, student=student, extra_attempts=1)

    page = student_client.get(reverse("quizzes:progress"))

    assert "Attempts left 3" in text_content(page.content.decode())


def test_the_section_page_shows_the_attempts_left_with_the_extra_ones(client, student, timed_quiz):
    AccommodationFactory(quiz=timed_quiz, student=student, extra_attempts=2)
    client.force_login(student)

    page = client.get(timed_quiz.section.get_absolute_url())

    assert page.context["quiz_standing"].left == 3


# Budgets: the accommodations come with the quizzes, not one query per quiz -------------------------


@pytest.fixture
def accommodated(student):
    """Seven quizzes, each with an accommodation and finished attempts for the student."""
    _lesson, sections = lesson_with_sections(6)
    quizzes = [QuizFactory(section=section, max_attempts=3) for section in sections]
    quizzes.append(QuizFactory(section=None, title="Final quiz", max_attempts=1))
    for quiz in quizzes:
        AccommodationFactory(quiz=quiz, student=student, extra_attempts=1, extra_minutes=5)
        SubmittedAttemptFactory(student=student, quiz=quiz, number=1)
    for section in sections:
        SectionVisit.objects.create(user=student, section=section, first_visited_at=timezone.now())
    return quizzes


def test_the_quiz_list_keeps_its_budget_with_accommodations(student_client, accommodated, django_assert_num_queries):
    # session, user, the published quizzes with sections, lessons, question counts and the
    # student's accommodations, the student's attempts: 4 (the budget in test_query_budgets is 6).
    with django_assert_num_queries(4):
        page = student_client.get(reverse("quizzes:list"))
    assert page.status_code == 200


def test_the_quiz_page_keeps_its_budget_with_an_accommodation(student_client, accommodated, django_assert_num_queries):
    # session, user, the quiz with its section, lesson, question count and the student's
    # accommodation, the student's attempts: 4.
    with django_assert_num_queries(4):
        page = student_client.get(accommodated[0].get_absolute_url())
    assert page.status_code == 200


def test_the_progress_page_keeps_its_budget_with_accommodations(
    student_client, accommodated, django_assert_num_queries
):
    # session, user, sections with lessons, the sections read, published quizzes with the student's
    # accommodations, the student's attempts, the student's classes: 7 (the budget is 8).
    with django_assert_num_queries(7):
        page = student_client.get(reverse("quizzes:progress"))
    assert page.status_code == 200


def test_the_section_page_keeps_its_budget_with_an_accommodation(
    client, student, accommodated, django_assert_num_queries
):
    client.force_login(student)
    section = accommodated[0].section
    # session, user, the sections, notes, terms, the quiz with the student's accommodation,
    # the student's attempts, recording the visit: 8.
    with django_assert_num_queries(8):
        page = client.get(section.get_absolute_url())
    assert page.status_code == 200


# The admin: each teacher their own students ----------------------------------------------------------


@pytest.fixture
def own_student(teacher):
    pupil = UserFactory(username="pupil", first_name="Pia", last_name="Pupil")
    SchoolClassFactory(teacher=teacher, students=[pupil])
    return pupil


@pytest.fixture
def colleagues_student(make_teacher):
    pupil = UserFactory(username="stranger")
    SchoolClassFactory(teacher=make_teacher("colleague"), students=[pupil])
    return pupil


def test_a_teacher_chooses_only_among_their_own_students(teacher_client, own_student, colleagues_student):
    page = teacher_client.get(reverse("admin:quizzes_accommodation_add"))

    choices = list(page.context["adminform"].form.fields["student"].queryset)
    assert choices == [own_student]


def test_a_student_is_shown_by_name_and_username(teacher_client, own_student):
    page = teacher_client.get(reverse("admin:quizzes_accommodation_add"))

    assert "Pia Pupil (pupil)" in page.content.decode()


def test_a_teacher_sees_only_their_own_students_accommodations(teacher_client, own_student, colleagues_student):
    quiz = QuizFactory()
    mine = AccommodationFactory(quiz=quiz, student=own_student, extra_minutes=5)
    AccommodationFactory(quiz=quiz, student=colleagues_student, extra_minutes=5)

    page = teacher_client.get(reverse("admin:quizzes_accommodation_changelist"))

    assert list(page.context["cl"].result_list) == [mine]


def test_a_teacher_cannot_give_an_accommodation_to_another_teachers_student(
    teacher_client, own_student, colleagues_student
):
    quiz = QuizFactory()

    page = teacher_client.post(
        reverse("admin:quizzes_accommodation_add"),
        {"quiz": quiz.pk, "student": colleagues_student.pk, "time_multiplier": "1", "extra_minutes": 10,
         "extra_attempts": 0, "reason": ""},
    )  # fmt: skip

    assert page.status_code == 200
    assert not Accommodation.objects.exists()


def test_a_teacher_gives_their_student_extra_time(teacher_client, own_student):
    quiz = QuizFactory()

    teacher_client.post(
        reverse("admin:quizzes_accommodation_add"),
        {"quiz": quiz.pk, "student": own_student.pk, "time_multiplier": "1.25", "extra_minutes": 10,
         "extra_attempts": 1, "reason": "Reader"},
    )  # fmt: skip

    accommodation = Accommodation.objects.get()
    assert (accommodation.student, accommodation.time_multiplier, accommodation.extra_attempts) == (
        own_student,
        Decimal("1.25"),
        1,
    )


def test_the_quiz_page_in_the_admin_lists_its_accommodations_for_the_teachers_students(
    teacher_client, own_student, colleagues_student
):
    quiz = QuizFactory()
    AccommodationFactory(quiz=quiz, student=own_student, extra_minutes=5)
    AccommodationFactory(quiz=quiz, student=colleagues_student, extra_minutes=5)

    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))

    formset = next(f for f in page.context["inline_admin_formsets"] if f.opts.model is Accommodation)
    assert [form.instance.student for form in formset.formset.forms if form.instance.pk] == [own_student]


def test_the_accommodation_list_stays_within_its_budget(teacher_client, teacher, django_assert_max_num_queries):
    for n in range(5):
        pupil = UserFactory(username=f"pupil{n}")
        SchoolClassFactory(teacher=teacher, students=[pupil])
        AccommodationFactory(quiz=QuizFactory(), student=pupil, extra_minutes=5)
    # session, user, the teacher's permissions (two), the quizzes for the filter, the counts (filtered
    # and total), the accommodations with their students and quizzes: 8.
    with django_assert_max_num_queries(8):
        page = teacher_client.get(reverse("admin:quizzes_accommodation_changelist"))
    assert len(page.context["cl"].result_list) == 5
