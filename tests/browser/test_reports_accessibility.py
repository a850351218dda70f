"""axe-core finds no accessibility violations on a quiz's report pages in the admin, for a teacher
(a staff member with the reports permission), in the light and the dark theme, in each state a
teacher meets them in: full reports, no class yet, and filters in error.

The whole page is checked, the admin's own header, sidebar and breadcrumbs included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from quizzes.models import Quiz
from tests.factories import SchoolClassFactory, UserFactory, graded_attempt, quiz_with_every_type

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def a_teacher(username: str):
    """A staff member with the permissions of a teacher's reports (the Teachers group is made by a data
    migration, which the browser tests' flush removes)."""
    teacher = UserFactory(username=username, is_staff=True)
    teacher.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_quiz_reports", "view_quiz", "view_attempt"])
    )
    return teacher


def results(teacher) -> Quiz:
    """Five students' attempts at a quiz with one question of each type: flags, wrong answers, a chart."""
    quiz = quiz_with_every_type(title="Exile and murder")
    students = [UserFactory(username=name, first_name=name.title()) for name in ("ada", "bob", "cy", "dora", "eve")]
    SchoolClassFactory(teacher=teacher, name="10B", students=students)
    marks = [
        [1, 1, 2, 1, 1, 2, 2],
        [1, 0, 1, 0, 1, 2, 1],
        [1, 1, 0, 0, 0, 1, 2],
        [0, 0, "0.5", 0, 1, 0, 0],
        [1, 0, 0, 0, 0, 0, 0],
    ]
    for number, (student, row) in enumerate(zip(students, marks, strict=True)):
        graded_attempt(
            quiz,
            student,
            row,
            started_at=timezone.now() - timedelta(hours=number + 1),
            ticked={1: ["Right" if row[0] else "Wrong"], 2: ["True" if row[1] else "False"]},
            typed={4: "Ramón Mercader" if row[3] else "Trotsky", 5: "1929" if row[4] else "1940"},
        )
    return quiz


@pytest.fixture
def open_report(live_server, page: Page, sign_in) -> Callable[..., None]:
    def open_report(name: str, *, with_classes: bool = True, query: str = "") -> None:
        teacher = a_teacher("teacher")
        quiz = results(teacher) if with_classes else quiz_with_every_type()
        sign_in(teacher)
        page.goto(live_server.url + reverse(f"admin:quizzes_quiz_{name}", args=[quiz.pk]) + query)

    return open_report


@pytest.fixture(params=["light", "dark"])
def theme(request, page: Page) -> str:
    page.emulate_media(color_scheme=request.param)
    return request.param


def assert_no_violations(axe: Axe, page: Page) -> None:
    result = axe.run(page)
    assert result.violations_count == 0, result.generate_report()


def test_the_statistics_report_has_no_violations(axe, page, open_report, theme):
    open_report("statistics", query="?method=all")
    expect(page.get_by_role("heading", name="Questions to review")).to_be_visible()
    expect(page.get_by_role("img", name="Score distribution")).to_be_visible()

    assert_no_violations(axe, page)


def test_the_responses_report_has_no_violations(axe, page, open_report, theme):
    open_report("responses")
    expect(page.get_by_role("link", name="Ada (attempt 1)")).to_be_visible()

    assert_no_violations(axe, page)


def test_a_report_for_a_teacher_without_a_class_has_no_violations(axe, page, open_report):
    open_report("responses", with_classes=False)
    expect(page.get_by_role("heading", name="You have no classes yet")).to_be_visible()

    assert_no_violations(axe, page)


def test_a_report_with_filters_in_error_has_no_violations(axe, page, open_report):
    open_report("statistics", query="?submitted_from=2026-03-02&submitted_to=2026-03-01")
    expect(page.get_by_text("The first day comes after the last one.")).to_be_visible()

    assert_no_violations(axe, page)


def test_the_filters_are_labelled_and_work_from_the_keyboard(page, open_report):
    open_report("statistics")

    page.get_by_role("combobox", name="Attempts analysed").select_option("all")
    page.get_by_role("button", name="Show").press("Enter")

    expect(page.get_by_text("Based on 5 attempts (All attempts).")).to_be_visible()


def test_the_wide_responses_table_scrolls_in_its_own_region_on_a_phone(page, open_report):
    page.set_viewport_size({"width": 375, "height": 800})
    open_report("responses")

    region = page.get_by_role("region", name="finished attempts")
    expect(region).to_be_visible()
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
