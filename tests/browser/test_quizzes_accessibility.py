"""axe-core finds no accessibility violations on the quiz and account pages, in
every state a student meets them in, and a phone shows them without scrolling
sideways."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from lessons.services import section_visit_record
from quizzes.models import Attempt, Quiz, Response
from quizzes.scoring import Answer
from quizzes.services import attempt_start, attempt_submit
from tests.factories import SubmittedAttemptFactory, quiz_with_every_type

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


# The pages, each in a state worth checking ------------------------------------------------------
# Each opens its page in `page` for a signed-in `student` (or anonymously, for the account pages).


def every_type_attempt(student) -> Attempt:
    """An unfinished attempt at a timed quiz with one question of each type: the countdown shows too."""
    quiz = quiz_with_every_type(title="Every type", time_limit_minutes=30)
    return attempt_start(student=student, quiz=quiz, now=timezone.now())


def submitted_with_every_outcome(student, *, review: str = Quiz.Review.IMMEDIATELY) -> Attempt:
    """Right, wrong, partly right and blank answers, so the review shows each kind of item."""
    attempt = every_type_attempt(student)
    Quiz.objects.filter(pk=attempt.quiz_id).update(review=review)
    questions = {r.position: r.question for r in Response.objects.filter(attempt=attempt).select_related("question")}

    def chosen(position: int, *texts: str) -> frozenset[int]:
        return frozenset(questions[position].choices.filter(text__in=texts).values_list("pk", flat=True))

    items = dict(questions[6].choices.values_list("text", "pk"))
    answers = {
        questions[1].pk: Answer(selected=chosen(1, "Right")),
        questions[2].pk: Answer(selected=chosen(2, "False")),
        questions[3].pk: Answer(selected=chosen(3, "Turkey", "France")),
        questions[4].pk: Answer(text="Trotsky"),
        # Question 5 left blank.
        questions[6].pk: Answer(
            positions={items["Trotsky is exiled"]: 1, items["Lenin dies"]: 2, items["Trotsky is killed"]: 3}
        ),
    }
    return attempt_submit(attempt=attempt, answers=answers, now=timezone.now()).attempt


def some_progress(student, lesson) -> None:
    """Two sections read, section 1's quiz passed, section 2's started: every badge on the progress pages."""
    for number in (1, 2):
        section_visit_record(user=student, section=lesson.sections.get(number=number), now=timezone.now())
    first = Quiz.objects.get(slug="section-1")
    SubmittedAttemptFactory(student=student, quiz=first, number=1, percent=Decimal("40.00"))
    SubmittedAttemptFactory(student=student, quiz=first, number=2, percent=Decimal("85.71"))
    attempt_start(student=student, quiz=Quiz.objects.get(slug="section-2"), now=timezone.now())


def quiz_list(page, url, student, lesson):
    some_progress(student, lesson)
    page.goto(url + reverse("quizzes:list"))


def quiz_page(page, url, student, lesson):
    some_progress(student, lesson)
    page.goto(url + Quiz.objects.get(slug="section-1").get_absolute_url())


def quiz_page_with_an_unfinished_attempt(page, url, student, lesson):
    some_progress(student, lesson)
    page.goto(url + Quiz.objects.get(slug="section-2").get_absolute_url())


def question_page(page, url, student, lesson):
    page.goto(url + every_type_attempt(student).get_absolute_url())
    expect(page.locator("#countdown .countdown__left")).to_contain_text("left")


def question_page_with_errors(page, url, student, lesson):
    question_page(page, url, student, lesson)
    page.locator("#q5").get_by_role("textbox").fill("nineteen twenty-nine")
    page.get_by_role("combobox", name="Lenin dies").select_option("1")
    page.get_by_role("combobox", name="Trotsky is killed").select_option("1")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Please check these answers")).to_be_visible()
    expect(page.get_by_role("alert").get_by_role("link")).to_have_count(2)


def question_page_after_saving(page, url, student, lesson):
    question_page(page, url, student, lesson)
    page.get_by_role("radio", name="Right").check()
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()


def result_page(page, url, student, lesson):
    page.goto(url + submitted_with_every_outcome(student).get_absolute_url())
    expect(page.get_by_text("Correct answer:").first).to_be_visible()


def result_page_without_answers(page, url, student, lesson):
    page.goto(url + submitted_with_every_outcome(student, review=Quiz.Review.NEVER).get_absolute_url())
    expect(page.get_by_text("Your teacher has chosen not to show the correct answers")).to_be_visible()


def result_page_late(page, url, student, lesson):
    attempt = every_type_attempt(student)
    late = timezone.now() + timedelta(hours=1)
    attempt = attempt_submit(attempt=attempt, answers={}, now=late).attempt
    page.goto(url + attempt.get_absolute_url())
    expect(page.get_by_text("It was submitted after the time limit.")).to_be_visible()


def progress_page(page, url, student, lesson):
    some_progress(student, lesson)
    page.goto(url + reverse("quizzes:progress"))


def progress_page_of_a_new_student(page, url, student, lesson):
    page.goto(url + reverse("quizzes:progress"))


def login_page(page, url, student, lesson):
    page.goto(url + reverse("login") + "?next=" + reverse("quizzes:list"))


def login_page_with_errors(page, url, student, lesson):
    login_page(page, url, student, lesson)
    page.get_by_label("Username").fill(student.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()


def signup_page(page, url, student, lesson):
    page.goto(url + reverse("signup") + "?next=" + reverse("quizzes:list"))


def signup_page_with_errors(page, url, student, lesson):
    signup_page(page, url, student, lesson)
    page.get_by_role("textbox", name="Username").fill(student.username)  # taken
    page.get_by_role("textbox", name="E-mail address").fill("not an address")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


SIGNED_IN = {
    "quiz-list": quiz_list,
    "quiz-page": quiz_page,
    "quiz-page-unfinished-attempt": quiz_page_with_an_unfinished_attempt,
    "question-page": question_page,
    "question-page-with-errors": question_page_with_errors,
    "question-page-after-saving": question_page_after_saving,
    "result-page": result_page,
    "result-page-without-answers": result_page_without_answers,
    "result-page-late": result_page_late,
    "progress-page": progress_page,
    "progress-page-new-student": progress_page_of_a_new_student,
}
ANONYMOUS = {
    "login-page": login_page,
    "login-page-with-errors": login_page_with_errors,
    "signup-page": signup_page,
    "signup-page-with-errors": signup_page_with_errors,
}
PAGES: dict[str, Callable[..., None]] = SIGNED_IN | ANONYMOUS


# Pages that list the lesson's quizzes and sections show the real ones; the others need only a factory quiz.
WITH_THE_QUESTION_BANK = {
    "quiz-list",
    "quiz-page",
    "quiz-page-unfinished-attempt",
    "progress-page",
    "progress-page-new-student",
}


@pytest.fixture
def open_page(request, live_server, page: Page, student, sign_in) -> Callable[[str], None]:
    def open_page(name: str) -> None:
        lesson = request.getfixturevalue("question_bank") if name in WITH_THE_QUESTION_BANK else None
        if name in SIGNED_IN:
            sign_in(student)
        PAGES[name](page, live_server.url, student, lesson)

    return open_page


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_accessibility_violations(page, open_page, axe, name):
    open_page(name)

    results = axe.run(page)

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", ["question-page", "question-page-with-errors", "result-page", "progress-page"])
def test_the_page_has_no_accessibility_violations_on_a_phone(page, open_page, axe, name):
    page.set_viewport_size(PHONE)
    open_page(name)

    results = axe.run(page)

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "name",
    ["quiz-list", "quiz-page", "question-page", "question-page-with-errors", "result-page", "progress-page"],
)
def test_a_phone_shows_the_page_without_scrolling_sideways(page, open_page, name):
    page.set_viewport_size(PHONE)
    open_page(name)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    assert scroll_width <= PHONE["width"]
