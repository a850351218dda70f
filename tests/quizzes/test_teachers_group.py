"""The Teachers group made by the data migrations: lessons, quizzes and classes to manage, attempts to view,
reports and regrading; never users, groups or permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from quizzes.models import Attempt, Question
from quizzes.teachers import TEACHERS_GROUP
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

ACTIONS = ("add", "change", "delete", "view")
MANAGED_LESSONS = ("lesson", "section", "event", "term", "note")
MANAGED_QUIZZES = ("quiz", "question", "choice", "acceptedanswer", "schoolclass", "classmembership", "accommodation")
VIEWED_QUIZZES = ("attempt", "response", "responseoption", "regrade", "regradechange")
EXPECTED = (
    {("lessons", f"{action}_{model}") for model in MANAGED_LESSONS for action in ACTIONS}
    | {("quizzes", f"{action}_{model}") for model in MANAGED_QUIZZES for action in ACTIONS}
    | {("quizzes", f"view_{model}") for model in VIEWED_QUIZZES}
    | {("quizzes", "view_quiz_reports"), ("quizzes", "regrade_quiz")}
)


def group_permissions() -> set[tuple[str, str]]:
    group = Group.objects.get(name=TEACHERS_GROUP)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_group_exists_after_migrations():
    assert Group.objects.filter(name=TEACHERS_GROUP).count() == 1


def test_the_group_holds_exactly_the_teachers_permissions():
    assert group_permissions() == EXPECTED


def test_the_group_cannot_manage_users_groups_or_permissions():
    assert {app for app, _codename in group_permissions()} == {"lessons", "quizzes"}
    assert not Permission.objects.filter(group__name=TEACHERS_GROUP, content_type__app_label="auth").exists()


def test_the_group_may_only_view_attempts_responses_and_regrade_records():
    for model in VIEWED_QUIZZES:
        assert {codename for app, codename in group_permissions() if codename.endswith(f"_{model}")} == {
            f"view_{model}"
        }


def test_a_teacher_can_open_the_question_admin(teacher_client):
    question = QuestionFactory()

    assert teacher_client.get(admin_url(Question, "changelist")).status_code == 200
    assert teacher_client.get(admin_url(Question, "add")).status_code == 200
    assert teacher_client.get(admin_url(Question, "change", question.pk)).status_code == 200


def test_a_teacher_can_open_the_attempts_list(teacher_client):
    assert teacher_client.get(admin_url(Attempt, "changelist")).status_code == 200


def test_a_teacher_cannot_open_the_user_admin(teacher_client):
    assert teacher_client.get(admin_url(User, "changelist")).status_code == 403
    assert teacher_client.get(admin_url(Group, "changelist")).status_code == 403


def test_a_teacher_cannot_add_a_user(teacher_client):
    page = teacher_client.post(admin_url(User, "add"), {"username": "intruder", "password1": "x", "password2": "x"})

    assert page.status_code == 403
    assert not User.objects.filter(username="intruder").exists()
