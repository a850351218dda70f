"""The responses report: one row per finished attempt with each question's points, filtered by class
and by the day submitted, each student linked to the attempt's review; and its CSV file."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.csv_export import BOM
from quizzes.models import Attempt, Quiz, Response
from tests.factories import (
    AttemptFactory,
    QuestionFactory,
    QuizFactory,
    SchoolClassFactory,
    UserFactory,
    graded_attempt,
    short_text_question,
)
from tests.html import links, text_content

pytestmark = pytest.mark.django_db

STARTED = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


def responses_url(quiz: Quiz, *, csv: bool = False) -> str:
    return reverse("admin:quizzes_quiz_responses_csv" if csv else "admin:quizzes_quiz_responses", args=[quiz.pk])


@pytest.fixture
def quiz():
    """Q1 single choice worth 1, Q2 short text worth 2."""
    quiz = QuizFactory(title="Exile and murder")
    QuestionFactory(quiz=quiz, order=1, prompt="Who ordered the murder?")
    short_text_question(quiz, "Ramón Mercader", order=2, points=2, prompt="Who killed Trotsky?")
    return quiz


@pytest.fixture
def ada(teacher):
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    SchoolClassFactory(teacher=teacher, name="10B", students=[ada])
    return ada


def rows_of(client, quiz: Quiz, **params):
    page = client.get(responses_url(quiz), params)
    assert page.status_code == 200
    return page.context["rows"]


def test_a_row_shows_the_attempt_and_each_questions_points(teacher_client, quiz, ada):
    graded_attempt(quiz, ada, [1, "1.5"], started_at=STARTED, submitted_at=STARTED + timedelta(minutes=12, seconds=5))

    text = text_content(teacher_client.get(responses_url(quiz)))

    assert (
        "Ada Lovelace (attempt 1) 10B 1 2026-03-02 09:00 2026-03-02 09:12 0:12:05 Submitted 2.50 / 3.00 83.33 % "
        "1.00 1.50"
    ) in text


def test_the_question_columns_follow_the_quiz_order_with_their_maximum(teacher_client, quiz, ada):
    graded_attempt(quiz, ada, [1, 2])

    text = text_content(teacher_client.get(responses_url(quiz)))

    assert "Percent Q1 /1.00 Q2 /2.00" in text


def test_points_follow_the_question_not_the_position_it_was_shown_at(teacher_client, quiz, ada):
    attempt = graded_attempt(quiz, ada, [1, 0])
    # The attempt showed the questions the other way round.
    Response.objects.filter(attempt=attempt, position=1).update(position=3)
    Response.objects.filter(attempt=attempt, position=2).update(position=1)

    assert rows_of(teacher_client, quiz)[0].points == (1, 0)


def test_a_question_added_after_the_attempt_shows_a_dash(teacher_client, quiz, ada):
    graded_attempt(quiz, ada, [1, 2])
    QuestionFactory(quiz=quiz, order=3)

    page = teacher_client.get(responses_url(quiz))

    assert page.context["rows"][0].points[2] is None
    assert "1.00 2.00 —" in text_content(page)


def test_every_finished_attempt_has_a_row_and_an_unfinished_one_none(teacher_client, quiz, ada):
    graded_attempt(quiz, ada, [1, 2], number=1)
    graded_attempt(quiz, ada, [0, 0], number=2)
    AttemptFactory(quiz=quiz, student=ada, number=3)

    assert [row.number for row in rows_of(teacher_client, quiz)] == [1, 2]


def test_rows_are_ordered_by_student_name_then_attempt(teacher, teacher_client, quiz, ada):
    zed = UserFactory(username="aaron", first_name="Zed", last_name="Abbot")
    SchoolClassFactory(teacher=teacher, students=[zed])
    graded_attempt(quiz, ada, [1, 2], number=2)
    graded_attempt(quiz, ada, [1, 2], number=1)
    graded_attempt(quiz, zed, [1, 2])

    assert [(row.student, row.number) for row in rows_of(teacher_client, quiz)] == [
        ("Zed Abbot", 1),
        ("Ada Lovelace", 1),
        ("Ada Lovelace", 2),
    ]


def test_an_overdue_attempt_says_so(teacher_client, quiz, ada):
    attempt = graded_attempt(quiz, ada, [1, 2])
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.OVERDUE)

    assert rows_of(teacher_client, quiz)[0].state == "Submitted late"


def test_the_student_links_to_the_attempts_review_in_the_admin(teacher_client, quiz, ada):
    attempt = graded_attempt(quiz, ada, [1, 2])
    review = reverse("admin:quizzes_attempt_change", args=[attempt.pk])

    page = teacher_client.get(responses_url(quiz))

    assert any(link.href == review and link.text.startswith("Ada Lovelace") for link in links(page))
    assert teacher_client.get(review).status_code == 200


def test_a_student_in_two_classes_has_one_row_listing_both(teacher, teacher_client, quiz, ada):
    SchoolClassFactory(teacher=teacher, name="History club", students=[ada])
    graded_attempt(quiz, ada, [1, 2])

    rows = rows_of(teacher_client, quiz)

    assert [row.classes for row in rows] == [("10B", "History club")]


def test_a_student_without_a_name_is_shown_by_username(teacher, teacher_client, quiz):
    bob = UserFactory(username="bob")
    SchoolClassFactory(teacher=teacher, students=[bob])
    graded_attempt(quiz, bob, [1, 2])

    assert rows_of(teacher_client, quiz)[0].student == "bob"


# Filters --------------------------------------------------------------------------------------------


def test_the_class_filter_lists_only_that_classs_students(teacher, teacher_client, quiz, ada):
    dora = UserFactory(username="dora")
    other = SchoolClassFactory(teacher=teacher, name="10C", students=[dora])
    graded_attempt(quiz, ada, [1, 2])
    graded_attempt(quiz, dora, [1, 2])

    assert [row.username for row in rows_of(teacher_client, quiz, school_class=other.pk)] == ["dora"]


def test_the_date_filter_keeps_attempts_submitted_between_the_two_days_inclusive(teacher_client, quiz, ada):
    for number, day in enumerate((1, 2, 3, 4), start=1):
        moment = timezone.make_aware(datetime(2026, 3, day, 23, 59))
        graded_attempt(quiz, ada, [1, 2], number=number, started_at=moment, submitted_at=moment)

    rows = rows_of(teacher_client, quiz, submitted_from="2026-03-02", submitted_to="2026-03-03")

    assert [row.number for row in rows] == [2, 3]


def test_the_filters_are_kept_in_the_links_to_the_other_report_and_the_csv(teacher_client, quiz, ada):
    page = teacher_client.get(responses_url(quiz), {"submitted_from": "2026-03-02"})

    hrefs = {link.href for link in links(page)}
    assert reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]) + "?submitted_from=2026-03-02" in hrefs
    assert responses_url(quiz, csv=True) + "?submitted_from=2026-03-02" in hrefs


def test_a_teacher_without_a_class_sees_how_to_create_one(make_teacher, quiz):
    client = Client()
    client.force_login(make_teacher("newcomer"))

    page = client.get(responses_url(quiz))

    assert page.context["no_classes"]
    assert "You have no classes yet" in text_content(page)
    assert "give your students its join code: they type it on their progress page." in text_content(page)


# The CSV file ---------------------------------------------------------------------------------------------


def csv_rows(download) -> list[list[str]]:
    text = download.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def test_the_responses_csv_is_an_attachment_named_after_the_quiz(teacher_client, quiz, ada):
    download = teacher_client.get(responses_url(quiz, csv=True))

    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        f'attachment; filename="exile-and-murder-responses-{timezone.localdate().isoformat()}.csv"'
    )


def test_the_responses_csv_has_a_header_and_a_row_per_attempt(teacher_client, quiz, ada):
    graded_attempt(quiz, ada, [1, "1.5"], started_at=STARTED, submitted_at=STARTED + timedelta(minutes=12, seconds=5))

    rows = csv_rows(teacher_client.get(responses_url(quiz, csv=True)))

    assert rows == [
        ["Student", "Username", "Classes", "Attempt", "Started", "Submitted", "Duration", "State", "Score", "Maximum",
         "Percent", "Q1 (/1.00)", "Q2 (/2.00)"],
        ["Ada Lovelace", "ada", "10B", "1", "2026-03-02 09:00:00", "2026-03-02 09:12:05", "0:12:05", "Submitted",
         "2.50", "3.00", "83.33", "1.00", "1.50"],
    ]  # fmt: skip


def test_the_responses_csv_neutralises_a_name_that_looks_like_a_formula(teacher, teacher_client, quiz):
    mallory = UserFactory(username="mallory", first_name="=cmd|' /C calc'!A0", last_name="")
    SchoolClassFactory(teacher=teacher, name="@class", students=[mallory])
    graded_attempt(quiz, mallory, [1, 2])

    row = csv_rows(teacher_client.get(responses_url(quiz, csv=True)))[1]

    assert row[:3] == ["'=cmd|' /C calc'!A0", "mallory", "'@class"]


def test_the_responses_csv_keeps_the_filters(teacher, teacher_client, quiz, ada):
    dora = UserFactory(username="dora")
    other = SchoolClassFactory(teacher=teacher, name="10C", students=[dora])
    graded_attempt(quiz, ada, [1, 2])
    graded_attempt(quiz, dora, [1, 2])

    rows = csv_rows(teacher_client.get(responses_url(quiz, csv=True), {"school_class": other.pk}))

    assert [row[1] for row in rows[1:]] == ["dora"]
