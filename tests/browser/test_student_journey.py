"""A student's way through a quiz, in Chromium, answering with the keyboard alone.

Every answer is given with Tab, Shift+Tab, Space, the arrow keys and typing,
and every Tab is checked to land on the next control in reading order, so a
control that the keyboard cannot reach, or a trap, fails the test. Nothing on
the question page is clicked with the mouse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from quizzes.models import Attempt, Question, Quiz, Response
from quizzes.models.attempt import SUBMISSION_GRACE
from quizzes.services import attempt_start
from tests.factories import quiz_with_every_type

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 1940"

# One question's answer, given by keyboard: called with focus on the question's first control,
# it leaves focus on the question's last control.
KeyboardAnswer = Callable[[Page, Locator], None]


# Answering by keyboard --------------------------------------------------------------------------


def choose(label: str) -> KeyboardAnswer:
    """A radio button: the arrow keys move through the group and select; Space selects the first."""

    def answer(page: Page, question: Locator) -> None:
        radios = question.get_by_role("radio")
        labels = [text.strip() for text in question.locator(".form-check-label").all_inner_texts()]
        target = labels.index(label)
        focused = radios.evaluate_all("(radios) => radios.indexOf(document.activeElement)")
        assert focused >= 0, "Tab did not reach the radio group"
        if focused == target:
            page.keyboard.press("Space")
        for _ in range(abs(target - focused)):
            page.keyboard.press("ArrowDown" if target > focused else "ArrowUp")
        expect(radios.nth(target)).to_be_focused()
        expect(radios.nth(target)).to_be_checked()

    return answer


def tick(*labels: str) -> KeyboardAnswer:
    """Checkboxes: Tab from box to box, Space on those to tick (or untick)."""

    def answer(page: Page, question: Locator) -> None:
        boxes = question.get_by_role("checkbox")
        for n in range(boxes.count()):
            box = boxes.nth(n)
            if n:
                page.keyboard.press("Tab")
            expect(box).to_be_focused()
            label = question.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip()
            if (label in labels) != box.is_checked():
                page.keyboard.press("Space")
            expect(box).to_be_checked(checked=label in labels)

    return answer


def type_in(text: str) -> KeyboardAnswer:
    def answer(page: Page, question: Locator) -> None:
        box = question.get_by_role("textbox")
        expect(box).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        expect(box).to_have_value(text)

    return answer


def select(choices: Mapping[str, str]) -> KeyboardAnswer:
    """Plain <select>s (ordering, matching): the arrow keys change the option of a closed select.

    `choices` maps each select's label to the option to pick; a label left out keeps its option.
    """

    def answer(page: Page, question: Locator) -> None:
        selects = question.get_by_role("combobox")
        for n in range(selects.count()):
            box = selects.nth(n)
            if n:
                page.keyboard.press("Tab")
            expect(box).to_be_focused()
            label = question.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip()
            if label not in choices:
                continue
            options = [text.strip() for text in box.locator("option").all_inner_texts()]
            current, target = box.evaluate("(box) => box.selectedIndex"), options.index(choices[label])
            for _ in range(abs(target - current)):
                page.keyboard.press("ArrowDown" if target > current else "ArrowUp")
            expect(box.locator("option:checked")).to_have_text(choices[label])

    return answer


def leave_blank(page: Page, question: Locator) -> None:
    """Pass over the question: one Tab stop for a radio group, one for every other control."""
    stops = question.locator("input:not([type=radio]), select").count() + (
        1 if question.get_by_role("radio").count() else 0
    )
    for _ in range(stops - 1):
        page.keyboard.press("Tab")


def answer_by_keyboard(page: Page, answers: Mapping[int, KeyboardAnswer]) -> None:
    """From the skip link, through every question in order, to the buttons under the form.

    `answers` maps question numbers (positions on the page) to their answers; other questions are
    tabbed past. Ends with focus on "Save and finish later".
    """
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    questions = page.locator("fieldset.question")
    for n in range(questions.count()):
        page.keyboard.press("Tab")
        question = questions.nth(n)
        assert question.evaluate("(q) => q.contains(document.activeElement)"), f"Tab skipped question {n + 1}"
        answers.get(n + 1, leave_blank)(page, question)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save and finish later")).to_be_focused()


def submit_by_keyboard(page: Page) -> None:
    """From "Save and finish later": one more Tab to "Submit my answers", then Enter."""
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Submit my answers")).to_be_focused()
    page.keyboard.press("Enter")


# The answers, from the answer key --------------------------------------------------------------


def right_answer(question: Question) -> KeyboardAnswer:
    choices = list(question.choices.all())
    accepted = list(question.accepted_answers.all())
    match question.type:
        case Question.Type.SINGLE | Question.Type.TRUE_FALSE:
            return choose(next(c.text for c in choices if c.is_correct))
        case Question.Type.MULTIPLE:
            return tick(*(c.text for c in choices if c.is_correct))
        case Question.Type.SHORT_TEXT:
            return type_in(accepted[0].text)
        case Question.Type.NUMERIC:
            return type_in(f"{accepted[0].number.normalize():f}")
        case Question.Type.ORDERING:
            return select({c.text: str(n) for n, c in enumerate(choices, start=1)})
        case Question.Type.MATCHING:
            return select({c.text: c.match_text for c in choices if c.match_text})
    raise AssertionError(f"No keyboard answer for {question.type}")


def wrong_answer(question: Question) -> KeyboardAnswer:
    assert question.type in (Question.Type.SINGLE, Question.Type.TRUE_FALSE)
    return choose(next(c.text for c in question.choices.all() if not c.is_correct))


def shown(number: Decimal) -> str:
    """A number as the result page shows it (floatformat:"-2"): 6, 85.71."""
    return f"{number:.2f}".removesuffix(".00")


def percent(score: Decimal, maximum: Decimal) -> Decimal:
    return (score * 100 / maximum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# The journeys -----------------------------------------------------------------------------------


def test_a_new_student_signs_up_reads_section_1_and_takes_its_quiz_by_keyboard(live_server, page, question_bank):
    section = question_bank.sections.get(number=1)
    quiz = Quiz.objects.get(section=section)

    # Anonymous, the quizzes send the student to log in; from there, to create an account.
    page.goto(live_server.url + reverse("lessons:home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.get_by_label("Username").fill("new_student")
    page.get_by_label("E-mail address").fill("new_student@example.org")
    page.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill(PASSWORD)  # crispy marks required fields with *
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    # Back where they were going, signed in.
    expect(page).to_have_url(live_server.url + reverse("quizzes:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Quizzes")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # Read section 1, then follow its quiz link.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").click()
    page.get_by_role("link", name="What Did Stalin Do To Trotsky?").click()
    page.get_by_role("link", name=re.compile(r"^Begin with section 1")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(section.title)
    panel = page.get_by_role("region", name="Check your understanding")
    expect(panel.get_by_role("link", name=quiz.title)).to_be_visible()
    panel.get_by_role("link", name="Take the quiz").click()
    expect(page).to_have_url(live_server.url + quiz.get_absolute_url())
    page.get_by_role("button", name="Start the quiz").click()

    # The question page: every question answered right but the true/false one, by keyboard.
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))
    attempt = Attempt.objects.get(student__username="new_student", quiz=quiz)
    assert page.url == live_server.url + attempt.get_absolute_url()
    responses = list(Response.objects.filter(attempt=attempt).select_related("question").order_by("position"))
    assert {r.question.type for r in responses} >= {Question.Type.TRUE_FALSE, Question.Type.ORDERING}
    wrong = next(r for r in responses if r.question.type == Question.Type.TRUE_FALSE)
    answers = {r.position: wrong_answer(r.question) if r == wrong else right_answer(r.question) for r in responses}
    answer_by_keyboard(page, answers)
    submit_by_keyboard(page)

    maximum = sum(r.question.points for r in responses)
    score = maximum - wrong.question.points
    expected = f"{shown(score)} out of {shown(maximum)} ({shown(percent(score, maximum))} %)"
    result = reverse("quizzes:result", kwargs={"pk": attempt.pk})
    expect(page).to_have_url(live_server.url + result)
    expect(page.get_by_role("heading", level=2, name=expected)).to_be_visible()
    assert percent(score, maximum) >= quiz.pass_mark
    expect(page.get_by_text(f"Passed: the pass mark is {quiz.pass_mark} %.")).to_be_visible()

    reviews = page.get_by_role("article")
    expect(reviews).to_have_count(len(responses))
    for response, review in zip(responses, reviews.all(), strict=True):
        verdict = "incorrect" if response == wrong else "correct"
        expect(review.get_by_role("heading")).to_contain_text(f"Question {response.position}: {verdict}")
        expect(review.get_by_text(response.question.prompt)).to_be_visible()
        expect(review.get_by_text(response.question.explanation)).to_be_visible()
    correct_choice = next(c.text for c in wrong.question.choices.all() if c.is_correct)
    expect(reviews.nth(wrong.position - 1).get_by_text("Correct answer:")).to_be_visible()
    expect(reviews.nth(wrong.position - 1).get_by_role("listitem").last).to_have_text(correct_choice)

    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.max_score) == (Attempt.State.SUBMITTED, score, maximum)

    # My progress: the section read, the quiz's grade, the attempt linked.
    page.get_by_role("link", name="My progress").click()
    row = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=section.title))
    expect(row.get_by_text("Read", exact=True)).to_be_visible()
    expect(row).to_contain_text(f"grade {shown(percent(score, maximum))} %")
    expect(page.get_by_role("link", name=f"Attempt 1 ({quiz.title})")).to_have_attribute("href", result)


def test_every_question_type_is_answered_by_keyboard_and_scored(live_server, page, student, sign_in):
    quiz = quiz_with_every_type(title="Every type")
    sign_in(student)
    page.goto(live_server.url + quiz.get_absolute_url())
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("group")).to_have_count(7)

    answer_by_keyboard(
        page,
        {
            1: choose("Right"),
            2: choose("True"),
            3: tick("Turkey", "France", "Norway"),
            4: type_in("ramon mercader"),  # no capital, no accent: still right
            5: type_in("1929"),
            6: select({"Lenin dies": "1", "Trotsky is exiled": "2", "Trotsky is killed": "3"}),
            # Half right: Stalin's policy given to both.
            7: select({"Stalin": "Socialism in One Country", "Trotsky": "Socialism in One Country"}),
        },
    )
    submit_by_keyboard(page)

    # 1 + 1 + 2 + 1 + 1 + 2 + 1 of 2 on the matching question: 9 of 10.
    expect(page.get_by_role("heading", level=2, name="9 out of 10 (90 %)")).to_be_visible()
    reviews = page.get_by_role("article")
    for n, verdict in enumerate(["correct"] * 6 + ["partly correct"]):
        expect(reviews.nth(n).get_by_role("heading")).to_contain_text(f"Question {n + 1}: {verdict}")
        expect(reviews.nth(n).get_by_text("Why: Because the essay says so.")).to_be_visible()
    matching = reviews.nth(6)
    expect(matching.get_by_text("(1 of 2)")).to_be_visible()
    expect(matching.get_by_text("Trotsky → International revolution")).to_be_visible()
    expect(reviews.nth(3).get_by_text("ramon mercader")).to_be_visible()

    attempt = Attempt.objects.get(student=student, quiz=quiz)
    assert (attempt.state, attempt.score, attempt.percent) == (Attempt.State.SUBMITTED, Decimal(9), Decimal(90))


def test_saved_answers_are_still_there_after_a_reload_and_the_rest_can_be_finished(live_server, page, student, sign_in):
    quiz = quiz_with_every_type(title="Every type")
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    sign_in(student)
    page.goto(live_server.url + attempt.get_absolute_url())

    order = {"Lenin dies": "1", "Trotsky is exiled": "2", "Trotsky is killed": "3"}
    answer_by_keyboard(
        page, {1: choose("Right"), 3: tick("Turkey", "Norway"), 4: type_in("Mercader"), 6: select(order)}
    )
    page.keyboard.press("Enter")  # on "Save and finish later"

    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("radio", name="Right")).to_be_checked()
    expect(page.get_by_role("radio", name="Wrong")).not_to_be_checked()
    expect(page.locator("#q2").get_by_role("radio", checked=True)).to_have_count(0)
    for box, ticked in [("Turkey", True), ("France", False), ("Norway", True), ("Spain", False)]:
        expect(page.get_by_role("checkbox", name=box)).to_be_checked(checked=ticked)
    expect(page.locator("#q4").get_by_role("textbox")).to_have_value("Mercader")
    expect(page.locator("#q5").get_by_role("textbox")).to_have_value("")
    for item, position in order.items():
        expect(page.get_by_role("combobox", name=item).locator("option:checked")).to_have_text(position)
    expect(page.get_by_role("combobox", name="Stalin").locator("option:checked")).to_have_text("Choose a match")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS

    # Finish the rest, by keyboard, after the reload: the saved answers count with the new ones.
    matches = {"Stalin": "Socialism in One Country", "Trotsky": "International revolution"}
    answer_by_keyboard(
        page, {2: choose("True"), 3: tick("Turkey", "France", "Norway"), 5: type_in("1929"), 7: select(matches)}
    )
    submit_by_keyboard(page)

    expect(page.get_by_role("heading", level=2, name="10 out of 10 (100 %)")).to_be_visible()


def test_a_timed_quiz_counts_down_and_sends_the_answers_when_time_is_up(live_server, page, student, sign_in):
    quiz = quiz_with_every_type(title="Against the clock", time_limit_minutes=1)
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    # Most of the minute has gone: a few seconds are left, enough to answer two questions.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=8))
    sign_in(student)
    page.goto(live_server.url + attempt.get_absolute_url())

    clock = page.locator("#countdown")
    expect(clock.locator(".countdown__left")).to_have_text(re.compile(r"^0:0[0-8] left$"))
    expect(clock.locator("[aria-live]")).to_have_text("1 minute left")
    answer_by_keyboard(page, {1: choose("Right"), 5: type_in("1929")})
    assert "/result/" not in page.url, "the countdown ran out before the answers were in"

    # Nobody presses Submit: at zero the countdown sends the form, and the result shows.
    result = reverse("quizzes:result", kwargs={"pk": attempt.pk})
    expect(page).to_have_url(live_server.url + result, timeout=20_000)
    expect(page.get_by_role("heading", level=2, name="2 out of 10 (20 %)")).to_be_visible()
    expect(page.get_by_text("It was submitted after the time limit.")).to_have_count(0)
    attempt.refresh_from_db()
    # Sent at the deadline, inside the grace the server allows: on time, and nothing lost.
    assert (attempt.state, attempt.score) == (Attempt.State.SUBMITTED, Decimal(2))


def test_answers_sent_by_a_countdown_running_late_are_kept_and_marked_late(live_server, page, student, sign_in):
    quiz = quiz_with_every_type(title="Against the clock", time_limit_minutes=1)
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    # The server's deadline and its grace are past, but the browser's clock is behind:
    # its countdown still shows a few seconds. The server's clock decides.
    deadline = timezone.now() - SUBMISSION_GRACE - timedelta(seconds=10)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    page.clock.install(time=deadline - timedelta(seconds=5))
    sign_in(student)
    page.goto(live_server.url + attempt.get_absolute_url())

    expect(page.get_by_text("Time is up. Submit now")).to_be_visible()
    answer_by_keyboard(page, {1: choose("Right"), 5: type_in("1929")})
    page.clock.fast_forward(6_000)

    result = reverse("quizzes:result", kwargs={"pk": attempt.pk})
    expect(page).to_have_url(live_server.url + result)
    expect(page.get_by_text("It was submitted after the time limit.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="2 out of 10 (20 %)")).to_be_visible()
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (Attempt.State.OVERDUE, Decimal(2))


def test_the_error_summary_takes_the_keyboard_to_the_answer_to_correct(live_server, page, student, sign_in):
    quiz = quiz_with_every_type(title="Every type")
    attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
    sign_in(student)
    page.goto(live_server.url + attempt.get_absolute_url())

    answer_by_keyboard(page, {1: choose("Right"), 5: type_in("nineteen twenty-nine")})
    submit_by_keyboard(page)

    summary = page.get_by_role("alert").filter(has_text="Please check these answers")
    link = summary.get_by_role("link", name=re.compile(r"^Question 5: Enter a number"))
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    number = page.locator("#q5").get_by_role("textbox")
    expect(number).to_be_focused()
    expect(number).to_have_value("nineteen twenty-nine")
    expect(page.get_by_role("radio", name="Right")).to_be_checked()  # nothing typed was lost
    page.keyboard.press("Control+A")
    page.keyboard.type("1929")
    page.keyboard.press("Enter")  # Enter in a text box saves; it never submits the whole quiz

    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    expect(page.locator("#q5").get_by_role("textbox")).to_have_value("1929")
