"""Who may see a quiz's reports, and whose students they show: anonymous visitors sign in first, staff
need the reports permission, a teacher sees the students of their own classes only (in the reports and
in the attempts admin), a superuser sees everyone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from quizzes.models import Quiz
from tests.factories import QuestionFactory, QuizFactory, SchoolClassFactory, UserFactory, graded_attempt
from tests.html import links, text_content

pytestmark = pytest.mark.django_db

REPORTS = ["statistics", "statistics_csv", "responses", "responses_csv"]


def report_url(name: str, quiz: Quiz) -> str:
    return reverse(f"admin:quizzes_quiz_{name}", args=[quiz.pk])


def attempts_url(**params) -> str:
    url = reverse("admin:quizzes_attempt_changelist")
    return url + "?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else url


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def quiz():
    quiz = QuizFactory(title="Exile and murder")
    QuestionFactory(quiz=quiz, order=1)
    return quiz


@pytest.fixture
def classes(teacher, make_teacher, quiz):
    """The teacher's 10B (ada) and another teacher's 10C (bob); cy is in no class. Each has an attempt."""
    ada, bob, cy = (UserFactory(username=name) for name in ("ada", "bob", "cy"))
    mine = SchoolClassFactory(teacher=teacher, name="10B", students=[ada])
    theirs = SchoolClassFactory(teacher=make_teacher("other-teacher"), name="10C", students=[bob])
    attempts = {student.username: graded_attempt(quiz, student, [1]) for student in (ada, bob, cy)}
    return mine, theirs, attempts


def usernames(page) -> list[str]:
    return [row.username for row in page.context["rows"]]


# Who may open the reports --------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_an_anonymous_visitor_is_sent_to_the_admin_login(client, quiz, name):
    url = report_url(name, quiz)

    page = client.get(url)

    assert page.status_code == 302
    assert page["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("name", REPORTS)
def test_a_signed_in_student_is_sent_to_the_admin_login(quiz, name):
    page = client_for(UserFactory(username="ada")).get(report_url(name, quiz))

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", REPORTS)
def test_staff_without_the_reports_permission_are_forbidden(quiz, name):
    staff = UserFactory(username="clerk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_quiz"))

    assert client_for(staff).get(report_url(name, quiz)).status_code == 403


@pytest.mark.parametrize("name", REPORTS)
def test_a_missing_quiz_is_not_found(teacher_client, name):
    assert teacher_client.get(reverse(f"admin:quizzes_quiz_{name}", args=[987654])).status_code == 404


def test_the_quiz_page_links_to_both_reports_for_a_teacher(teacher_client, quiz):
    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))

    hrefs = {link.href for link in links(page)}
    assert {report_url("statistics", quiz), report_url("responses", quiz)} <= hrefs


def test_the_quiz_page_hides_the_report_links_without_the_permission(quiz):
    staff = UserFactory(username="clerk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_quiz"))

    page = client_for(staff).get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))

    assert page.status_code == 200
    assert report_url("statistics", quiz) not in {link.href for link in links(page)}


# Whose students a teacher sees -------------------------------------------------------------------


def test_a_teacher_sees_only_the_students_of_their_own_classes(teacher_client, quiz, classes):
    assert usernames(teacher_client.get(report_url("responses", quiz))) == ["ada"]


def test_a_teachers_statistics_analyse_only_their_own_students(teacher_client, quiz, classes):
    assert teacher_client.get(report_url("statistics", quiz)).context["report"].quiz.attempts == 1


def test_a_teachers_csv_holds_only_their_own_students(teacher_client, quiz, classes):
    text = teacher_client.get(report_url("responses_csv", quiz)).content.decode()

    assert "ada" in text
    assert "bob" not in text and "cy" not in text


def test_the_class_filter_offers_only_the_teachers_own_classes(teacher_client, quiz, classes):
    form = teacher_client.get(report_url("responses", quiz)).context["form"]

    assert [label for _value, label in form.fields["school_class"].choices] == ["All my classes", "10B"]


def test_a_teacher_cannot_choose_another_teachers_class(teacher_client, quiz, classes):
    _mine, theirs, _attempts = classes

    page = teacher_client.get(report_url("responses", quiz), {"school_class": theirs.pk})

    assert "school_class" in page.context["form"].errors
    assert page.context["rows"] is None
    assert "bob" not in text_content(page)


def test_a_teacher_cannot_download_another_teachers_class(teacher_client, quiz, classes):
    _mine, theirs, _attempts = classes

    download = teacher_client.get(report_url("responses_csv", quiz), {"school_class": theirs.pk})

    assert download.status_code == 400


def test_a_superuser_sees_every_student_including_those_in_no_class(superuser_client, quiz, classes):
    assert usernames(superuser_client.get(report_url("responses", quiz))) == ["ada", "bob", "cy"]


def test_a_superuser_may_filter_by_any_class(superuser_client, quiz, classes):
    _mine, theirs, _attempts = classes

    page = superuser_client.get(report_url("responses", quiz), {"school_class": theirs.pk})

    assert [label for _value, label in page.context["form"].fields["school_class"].choices] == [
        "All students",
        "10B",
        "10C",
    ]
    assert usernames(page) == ["bob"]


# The attempts admin ---------------------------------------------------------------------------------------


def test_the_attempts_admin_lists_only_a_teachers_own_students(teacher_client, classes):
    page = teacher_client.get(attempts_url())

    assert [attempt.student.username for attempt in page.context["cl"].result_list] == ["ada"]


def test_a_teacher_cannot_open_another_teachers_students_attempt(teacher_client, classes):
    _mine, _theirs, attempts = classes

    page = teacher_client.get(reverse("admin:quizzes_attempt_change", args=[attempts["bob"].pk]))

    # The admin's answer to an attempt outside the teacher's queryset: "doesn't exist", back to the index.
    assert page.status_code == 302
    assert page["Location"] == reverse("admin:index")


def test_the_attempts_admin_filters_by_the_teachers_own_classes(teacher_client, classes):
    mine, _theirs, _attempts = classes

    page = teacher_client.get(attempts_url())

    spec = next(spec for spec in page.context["cl"].filter_specs if spec.parameter_name == "school_class")
    assert spec.lookup_choices == [(mine.pk, "10B")]


def test_the_attempts_admin_class_filter_narrows_the_list(superuser_client, classes):
    _mine, theirs, _attempts = classes

    page = superuser_client.get(attempts_url(school_class=theirs.pk))

    assert [attempt.student.username for attempt in page.context["cl"].result_list] == ["bob"]


def test_the_attempts_admin_ignores_another_teachers_class_in_the_filter(teacher_client, classes):
    _mine, theirs, _attempts = classes

    page = teacher_client.get(attempts_url(school_class=theirs.pk))

    assert list(page.context["cl"].result_list) == []


def test_a_superuser_sees_every_attempt_in_the_admin(superuser_client, classes):
    page = superuser_client.get(attempts_url())

    assert sorted(attempt.student.username for attempt in page.context["cl"].result_list) == ["ada", "bob", "cy"]
