"""Classes: a teacher runs their own in the admin; a student joins one with its code from "My progress",
and cannot guess their way into someone else's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from quizzes.classes import JOIN_FAILURES_PER_HOUR, AlreadyInClass, ClassJoinRefused, class_join, join_failures
from quizzes.models import ClassMembership, SchoolClass
from tests.factories import SchoolClassFactory, UserFactory
from tests.html import text_content

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
JOIN = reverse("quizzes:join_class")
PROGRESS = reverse("quizzes:progress")
CLASSES = reverse("admin:quizzes_schoolclass_changelist")
ADD_CLASS = reverse("admin:quizzes_schoolclass_add")


def class_url(school_class: SchoolClass) -> str:
    return reverse("admin:quizzes_schoolclass_change", args=[school_class.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def own_class(teacher):
    return SchoolClassFactory(name="10B History", teacher=teacher)


@pytest.fixture
def other_class(make_teacher):
    return SchoolClassFactory(name="11A History", teacher=make_teacher("colleague"))


def wrong_codes(student, count: int, *, now=NOW) -> None:
    for _ in range(count):
        with pytest.raises(ClassJoinRefused):
            class_join(student=student, code="ZZZZ-ZZZZ", now=now)


# The admin: each teacher their own classes ----------------------------------------------------------


def test_a_teacher_sees_only_their_own_classes(teacher_client, own_class, other_class):
    page = teacher_client.get(CLASSES)

    assert list(page.context["cl"].result_list) == [own_class]


def test_a_teacher_cannot_open_another_teachers_class(teacher_client, other_class):
    page = teacher_client.get(class_url(other_class))

    assert page.status_code == 302
    assert page.url == reverse("admin:index")


def test_a_teacher_cannot_edit_another_teachers_class(teacher_client, other_class):
    teacher_client.post(class_url(other_class), {"name": "Taken over"})

    other_class.refresh_from_db()
    assert other_class.name == "11A History"


def test_a_superuser_sees_every_class(superuser_client, own_class, other_class):
    page = superuser_client.get(CLASSES)

    assert set(page.context["cl"].result_list) == {own_class, other_class}


def test_the_class_list_shows_each_join_code_and_how_many_students_joined(teacher_client, own_class):
    ClassMembership.objects.create(school_class=own_class, student=UserFactory(), joined_at=NOW)
    ClassMembership.objects.create(school_class=own_class, student=UserFactory(), joined_at=NOW)

    page = teacher_client.get(CLASSES)

    row = text_content(page.content.decode().split('id="result_list"')[1])
    assert own_class.join_code_display in row
    assert "10B History" in row and " 2 " in f" {row} "


def test_the_class_page_shows_the_join_code_with_a_copy_button(teacher_client, own_class):
    page = teacher_client.get(class_url(own_class))

    html = page.content.decode()
    assert f'data-copy="{own_class.join_code_display}"' in html
    assert "admin/quizzes/join_code.js" in html


def test_the_class_list_stays_within_its_budget(teacher_client, teacher, django_assert_max_num_queries):
    for n in range(5):
        SchoolClassFactory(teacher=teacher, students=[UserFactory(username=f"s{n}-{k}") for k in range(3)])
    # session, user, the teacher's permissions (two), the counts (filtered and total), the classes
    # with their teachers and member counts: 7, however many classes and students.
    with django_assert_max_num_queries(7):
        page = teacher_client.get(CLASSES)
    assert page.status_code == 200


def test_a_new_class_belongs_to_the_teacher_who_creates_it(teacher_client, teacher):
    teacher_client.post(ADD_CLASS, {"name": "9C History", **members_form()})

    assert SchoolClass.objects.get(name="9C History").teacher == teacher


def test_a_teacher_cannot_give_a_new_class_to_someone_else(teacher_client, teacher, make_teacher):
    colleague = make_teacher("colleague")

    teacher_client.post(ADD_CLASS, {"name": "9C History", "teacher": colleague.pk, **members_form()})

    assert SchoolClass.objects.get(name="9C History").teacher == teacher


def test_a_superuser_chooses_the_classes_teacher(superuser_client, teacher):
    superuser_client.post(ADD_CLASS, {"name": "9C History", "teacher": teacher.pk, **members_form()})

    assert SchoolClass.objects.get(name="9C History").teacher == teacher


def test_a_teacher_is_told_when_they_already_have_a_class_with_that_name(teacher_client, own_class):
    page = teacher_client.post(ADD_CLASS, {"name": "10B History", **members_form()})

    assert page.status_code == 200
    assert "You already have a class called “10B History”" in text_content(page.content.decode())
    assert SchoolClass.objects.filter(name="10B History").count() == 1


def test_two_teachers_may_use_the_same_class_name(teacher_client, other_class):
    teacher_client.post(ADD_CLASS, {"name": "11A History", **members_form()})

    assert SchoolClass.objects.filter(name="11A History").count() == 2


def test_a_teacher_removes_a_student_from_their_class(teacher_client, own_class):
    leaving, staying = UserFactory(username="leaving"), UserFactory(username="staying")
    first = ClassMembership.objects.create(school_class=own_class, student=leaving, joined_at=NOW)
    second = ClassMembership.objects.create(school_class=own_class, student=staying, joined_at=NOW)
    data = {"name": own_class.name, **members_form([first, second])}
    data["memberships-0-DELETE"] = "on"

    teacher_client.post(class_url(own_class), data)

    assert list(own_class.students.all()) == [staying]


def members_form(memberships=()) -> dict:
    """The members inline's management form, with the existing rows (students are never added here)."""
    data = {
        "memberships-TOTAL_FORMS": len(memberships),
        "memberships-INITIAL_FORMS": len(memberships),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for n, membership in enumerate(memberships):
        data[f"memberships-{n}-id"] = membership.pk
        data[f"memberships-{n}-school_class"] = membership.school_class_id
    return data


# Joining: the service --------------------------------------------------------------------------------


def test_a_student_joins_the_class_whose_code_they_give(student, own_class):
    joined = class_join(student=student, code=own_class.join_code, now=NOW)

    assert joined == own_class
    assert ClassMembership.objects.get(student=student).joined_at == NOW


def test_capitals_spaces_and_dashes_in_a_code_do_not_matter(student, own_class):
    typed = f" {own_class.join_code[:4].lower()} - {own_class.join_code[4:].lower()} "

    assert class_join(student=student, code=typed, now=NOW) == own_class


def test_an_unknown_code_is_refused_with_a_message_saying_so(student, own_class):
    with pytest.raises(ClassJoinRefused, match="No class has the code"):
        class_join(student=student, code="ZZZZZZZZ", now=NOW)

    assert not ClassMembership.objects.exists()


def test_joining_twice_keeps_one_membership(student, own_class):
    class_join(student=student, code=own_class.join_code, now=NOW)

    with pytest.raises(AlreadyInClass, match="You are already in 10B History"):
        class_join(student=student, code=own_class.join_code, now=NOW + timedelta(days=1))

    assert ClassMembership.objects.get(student=student).joined_at == NOW


def test_a_teacher_cannot_join_their_own_class_as_a_student(teacher, own_class):
    with pytest.raises(ClassJoinRefused, match="You teach 10B History"):
        class_join(student=teacher, code=own_class.join_code, now=NOW)

    assert not ClassMembership.objects.exists()


def test_ten_wrong_codes_in_an_hour_refuse_even_the_right_one(student, own_class):
    wrong_codes(student, JOIN_FAILURES_PER_HOUR)

    with pytest.raises(ClassJoinRefused, match="Too many wrong class codes"):
        class_join(student=student, code=own_class.join_code, now=NOW)

    assert not ClassMembership.objects.exists()


def test_nine_wrong_codes_still_let_the_right_one_in(student, own_class):
    wrong_codes(student, JOIN_FAILURES_PER_HOUR - 1)

    assert class_join(student=student, code=own_class.join_code, now=NOW) == own_class


def test_a_refused_try_over_the_limit_is_not_counted_again(student, own_class):
    wrong_codes(student, JOIN_FAILURES_PER_HOUR)
    wrong_codes(student, 3)

    assert join_failures(student=student, now=NOW) == JOIN_FAILURES_PER_HOUR


def test_the_limit_lifts_in_the_next_hour(student, own_class):
    wrong_codes(student, JOIN_FAILURES_PER_HOUR)

    assert class_join(student=student, code=own_class.join_code, now=NOW + timedelta(hours=1)) == own_class


def test_one_students_wrong_codes_do_not_lock_out_another(student, other_student, own_class):
    wrong_codes(other_student, JOIN_FAILURES_PER_HOUR)

    assert class_join(student=student, code=own_class.join_code, now=NOW) == own_class


def test_the_right_code_is_not_counted_as_a_failure(student, own_class):
    class_join(student=student, code=own_class.join_code, now=NOW)

    assert join_failures(student=student, now=NOW) == 0


# Joining: the page -----------------------------------------------------------------------------------


def test_the_join_form_adds_the_student_and_says_so_on_the_progress_page(student_client, student, own_class):
    page = student_client.post(JOIN, {"code": own_class.join_code_display})

    assert page.status_code == 302
    assert page.url == f"{PROGRESS}#classes"
    assert messages_of(page) == ["You joined 10B History."]
    assert list(student.classes.all()) == [own_class]


def test_the_join_form_reports_an_unknown_code(student_client, own_class):
    page = student_client.post(JOIN, {"code": "ZZZZ-ZZZZ"})

    assert page.url == f"{PROGRESS}#classes"
    assert messages_of(page) == ["No class has the code ZZZZZZZZ. Check it with your teacher and try again."]


def test_the_join_form_says_a_code_of_the_wrong_length_is_not_a_class_code(student, student_client):
    page = student_client.post(JOIN, {"code": "ABC"})

    assert messages_of(page) == ["A class code has 8 letters and digits, for example KM4R-7TXB."]
    assert join_failures(student=student, now=timezone.now()) == 0


def test_the_join_form_reports_an_empty_code(student_client):
    page = student_client.post(JOIN, {"code": "  "})

    assert messages_of(page) == ["This field is required."]


def test_the_join_form_is_friendly_when_already_a_member(student_client, student, own_class):
    ClassMembership.objects.create(school_class=own_class, student=student, joined_at=NOW)

    page = student_client.post(JOIN, {"code": own_class.join_code})

    assert messages_of(page) == ["You are already in 10B History."]
    assert ClassMembership.objects.filter(student=student).count() == 1


def test_the_join_form_refuses_after_too_many_wrong_codes(student_client, own_class):
    for _ in range(JOIN_FAILURES_PER_HOUR):
        student_client.post(JOIN, {"code": "ZZZZ-ZZZZ"})

    page = student_client.post(JOIN, {"code": own_class.join_code})

    assert "Too many wrong class codes" in messages_of(page)[-1]
    assert not ClassMembership.objects.exists()


def test_the_join_page_only_accepts_posts(student_client):
    assert student_client.get(JOIN).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in_before_joining(client, own_class):
    page = client.post(JOIN, {"code": own_class.join_code})

    assert page.status_code == 302
    assert page.url.startswith(reverse("login"))
    assert not ClassMembership.objects.exists()


# The progress page -----------------------------------------------------------------------------------


def test_the_progress_page_lists_the_students_classes_and_teachers(student_client, student, own_class, other_class):
    ClassMembership.objects.create(school_class=own_class, student=student, joined_at=NOW)

    page = student_client.get(PROGRESS)

    text = text_content(page.content.decode())
    assert "10B History, taught by teacher" in text
    assert "11A History" not in text


def test_the_progress_page_says_when_the_student_is_in_no_class(student_client):
    page = student_client.get(PROGRESS)

    assert "You are not in a class yet." in text_content(page.content.decode())


def test_the_progress_page_offers_the_class_code_form(student_client):
    page = student_client.get(PROGRESS)

    html = page.content.decode()
    assert f'action="{JOIN}"' in html
    assert '<label class="form-label" for="id_code">Class code</label>' in html
