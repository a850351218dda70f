"""The admin: students are sent to its log-in; teachers (staff in the Teachers group) may not touch users,
groups or permissions, and cannot give themselves more rights through any admin page.

tests/quizzes/test_teachers_group.py checks the group's permissions and the user and group lists.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from quizzes.models import SchoolClass
from quizzes.teachers import TEACHERS_GROUP
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_login_url(next_url: str) -> str:
    return f"{reverse('admin:login')}?next={next_url}"


# Students ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/quizzes/quiz/",
        "/admin/quizzes/attempt/",
        "/admin/auth/user/",
        "/admin/quizzes/quiz/import-gift/",
    ],
)
def test_a_signed_in_student_is_sent_to_the_admin_log_in(student_client, url):
    page = student_client.get(url)

    assert page.status_code == 302
    assert page.url == admin_login_url(url)


def test_the_admin_log_in_refuses_a_students_right_password(client, student):
    page = client.post(reverse("admin:login"), {"username": "ada", "password": PASSWORD, "next": "/admin/"})

    assert page.status_code == 200
    assert "Please enter the correct username and password for a staff account." in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_student_cannot_post_to_an_admin_page(student_client):
    page = student_client.post(reverse("admin:lessons_term_add"), {"name": "x", "slug": "x", "definition": "x"})

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))


def test_a_staff_member_made_inactive_is_sent_to_the_admin_log_in(client):
    client.force_login(UserFactory(username="gone", is_staff=True, is_active=False))

    assert client.get("/admin/").status_code == 302


# Teachers: no users, groups or permissions -------------------------------------------------------

FORBIDDEN_PAGES = {
    "user-add": lambda ids: reverse("admin:auth_user_add"),
    "user-change": lambda ids: reverse("admin:auth_user_change", args=[ids["student"]]),
    "own-user-change": lambda ids: reverse("admin:auth_user_change", args=[ids["teacher"]]),
    "user-password": lambda ids: reverse("admin:auth_user_password_change", args=[ids["student"]]),
    "user-delete": lambda ids: reverse("admin:auth_user_delete", args=[ids["student"]]),
    "user-history": lambda ids: reverse("admin:auth_user_history", args=[ids["student"]]),
    "group-add": lambda ids: reverse("admin:auth_group_add"),
    "group-change": lambda ids: reverse("admin:auth_group_change", args=[ids["group"]]),
    "group-delete": lambda ids: reverse("admin:auth_group_delete", args=[ids["group"]]),
    "user-picker": lambda ids: reverse("admin:auth_user_changelist") + "?_popup=1&_to_field=id",
}


@pytest.fixture
def ids(student, teacher) -> dict[str, int]:
    return {"student": student.pk, "teacher": teacher.pk, "group": Group.objects.get(name=TEACHERS_GROUP).pk}


@pytest.mark.parametrize("name", FORBIDDEN_PAGES)
def test_a_teacher_cannot_open_a_user_or_group_page(teacher_client, ids, name):
    assert teacher_client.get(FORBIDDEN_PAGES[name](ids)).status_code == 403


def test_permissions_have_no_admin_pages_at_all(teacher_client):
    assert teacher_client.get("/admin/auth/permission/").status_code == 404
    assert teacher_client.get("/admin/auth/permission/add/").status_code == 404


def test_the_admin_index_offers_a_teacher_no_user_or_group_links(teacher_client):
    html = teacher_client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:auth_user_changelist") not in html
    assert reverse("admin:auth_group_changelist") not in html


def test_a_teacher_cannot_make_themselves_a_superuser(teacher_client, teacher):
    data = {
        "username": "teacher",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }

    page = teacher_client.post(reverse("admin:auth_user_change", args=[teacher.pk]), data)

    assert page.status_code == 403
    teacher.refresh_from_db()
    assert teacher.is_superuser is False


def test_a_teacher_cannot_give_themselves_a_permission(teacher_client, teacher):
    change_user = Permission.objects.get(codename="change_user")
    data = {"username": "teacher", "is_active": "on", "is_staff": "on", "user_permissions": [change_user.pk]}

    page = teacher_client.post(reverse("admin:auth_user_change", args=[teacher.pk]), data)

    assert page.status_code == 403
    assert not teacher.user_permissions.exists()
    assert not User.objects.get(pk=teacher.pk).has_perm("auth.change_user")


def test_a_teacher_cannot_add_permissions_to_the_teachers_group(teacher_client, ids):
    group = Group.objects.get(pk=ids["group"])
    before = set(group.permissions.values_list("pk", flat=True))
    every = list(Permission.objects.values_list("pk", flat=True))

    page = teacher_client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": TEACHERS_GROUP, "permissions": every}
    )

    assert page.status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == before


def test_a_teacher_cannot_create_a_group_with_every_permission(teacher_client):
    every = list(Permission.objects.values_list("pk", flat=True))

    page = teacher_client.post(reverse("admin:auth_group_add"), {"name": "Everything", "permissions": every})

    assert page.status_code == 403
    assert not Group.objects.filter(name="Everything").exists()


def test_a_teacher_cannot_reset_a_students_password(teacher_client, student):
    page = teacher_client.post(
        reverse("admin:auth_user_password_change", args=[student.pk]),
        {"password1": "taken over", "password2": "taken over", "usable_password": "true"},
    )

    assert page.status_code == 403
    student.refresh_from_db()
    assert student.check_password(PASSWORD)


def test_a_teacher_cannot_delete_a_student(teacher_client, student):
    page = teacher_client.post(reverse("admin:auth_user_delete", args=[student.pk]), {"post": "yes"})

    assert page.status_code == 403
    assert User.objects.filter(pk=student.pk).exists()


def test_a_teacher_cannot_make_a_class_in_another_teachers_name(teacher_client, teacher):
    head = UserFactory(username="head", is_staff=True, is_superuser=True)

    members = {
        f"memberships-{name}": "0" for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    }

    page = teacher_client.post(reverse("admin:quizzes_schoolclass_add"), {"name": "10B", "teacher": head.pk, **members})

    assert page.status_code == 302
    assert SchoolClass.objects.get(name="10B").teacher == teacher
