"""Nothing a teacher types in the admin, or a student types in an answer, can run in a student's browser.

Every field a teacher edits for a quiz (title, description, question prompt,
choices, matching answers, feedback, explanation, accepted answers, the quoted
passage, the section's title, a class's name) and the student's own typed
answer get a payload that would run if it reached the page as markup. Every
student page must show each one as text. The lesson pages have their own
test (tests/lessons/test_xss.py).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from quizzes.models import AcceptedAnswer, Choice, Question
from quizzes.services import attempt_start
from tests.factories import (
    QuestionFactory,
    QuizFactory,
    SchoolClassFactory,
    SectionFactory,
    matching_question,
    numeric_question,
    ordering_question,
)
from tests.quizzes.papers import post_data
from tests.security.pages import markup

pytestmark = pytest.mark.django_db

ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>")


def hostile(field: str) -> str:
    """A payload naming its field, so each field's escaped copy can be looked for on the page."""
    return f"[{field}]" + "".join(ATTACKS)


def shown_as_text(field: str) -> str:
    return escape(hostile(field))


@pytest.fixture
def quiz(student):
    """A quiz with every teacher-edited field hostile, a submitted attempt whose review shows them all,
    and an open attempt with a hostile answer saved."""
    passage = hostile("passage")
    section = SectionFactory(title=hostile("section title"), body=f"First paragraph.\n\nIt says {passage} here.")
    quiz = QuizFactory(title=hostile("quiz title"), description=hostile("quiz description"), section=section)
    common = {"quiz": quiz, "explanation": hostile("explanation"), "section": section, "passage": passage}
    single = QuestionFactory(
        order=1,
        prompt=hostile("single prompt"),
        choices=[(hostile("right choice"), True), (hostile("wrong choice"), False)],
        **common,
    )
    Choice.objects.filter(question=single).update(feedback=hostile("feedback"))
    QuestionFactory(order=2, type=Question.Type.TRUE_FALSE, prompt=hostile("true-false prompt"), **common)
    typed = QuestionFactory(order=3, type=Question.Type.SHORT_TEXT, prompt=hostile("short prompt"), **common)
    AcceptedAnswer.objects.create(question=typed, text=hostile("accepted"))
    numeric_question(quiz, order=4, prompt=hostile("numeric prompt"))
    ordering_question(quiz, hostile("item one"), hostile("item two"), order=5, prompt=hostile("ordering prompt"))
    matching_question(
        quiz, (hostile("match prompt"), hostile("match answer")), ("Trotsky", "Exile"), order=6, prompt="Match"
    )
    SchoolClassFactory(name=hostile("class"), students=[student])
    return quiz


@pytest.fixture
def attempts(quiz, student, student_client) -> dict:
    """The first attempt submitted with the wrong choice (its feedback shows) and a hostile typed answer;
    the second open, with another hostile answer saved."""
    finished = attempt_start(student=student, quiz=quiz, now=timezone.now())
    questions = {q.order: q for q in quiz.questions.all()}
    answers = {
        questions[1]: hostile("wrong choice"),
        questions[3]: hostile("typed answer"),
        questions[5]: [hostile("item two"), hostile("item one")],
        questions[6]: {hostile("match prompt"): "Exile", "Trotsky": hostile("match answer")},
    }
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": finished.pk}), post_data(finished, answers))
    current = attempt_start(student=student, quiz=quiz, now=timezone.now())
    saved = post_data(current, {questions[3]: hostile("saved answer")}, action="save")
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": current.pk}), saved)
    return {"finished": finished, "current": current}


STUDENT_PAGES = {
    "quiz-list": (
        lambda quiz, attempts: reverse("quizzes:list"),
        ["quiz title"],
    ),
    "quiz": (
        lambda quiz, attempts: quiz.get_absolute_url(),
        ["quiz title", "quiz description", "section title"],
    ),
    "questions": (
        lambda quiz, attempts: reverse("quizzes:attempt", kwargs={"pk": attempts["current"].pk}),
        [
            "quiz title",
            "single prompt",
            "right choice",
            "wrong choice",
            "true-false prompt",
            "short prompt",
            "saved answer",
            "numeric prompt",
            "ordering prompt",
            "item one",
            "item two",
            "match prompt",
            "match answer",
        ],
    ),
    "result": (
        lambda quiz, attempts: reverse("quizzes:result", kwargs={"pk": attempts["finished"].pk}),
        [
            "quiz title",
            "single prompt",
            "right choice",
            "wrong choice",
            "feedback",
            "explanation",
            "passage",
            "section title",
            "short prompt",
            "typed answer",
            "accepted",
            "item one",
            "item two",
            "match prompt",
            "match answer",
        ],
    ),
    "progress": (
        lambda quiz, attempts: reverse("quizzes:progress"),
        ["quiz title", "section title", "class"],
    ),
    "section-quiz-panel": (
        lambda quiz, attempts: quiz.section.get_absolute_url(),
        ["quiz title", "section title"],
    ),
}


@pytest.fixture(params=STUDENT_PAGES, ids=list(STUDENT_PAGES))
def student_page(request, quiz, attempts, student_client) -> tuple[str, list[str]]:
    url, fields = STUDENT_PAGES[request.param]
    response = student_client.get(url(quiz, attempts))
    assert response.status_code == 200
    return response.content.decode(), fields


def test_no_payload_reaches_a_student_page_as_markup(student_page):
    html, _fields = student_page

    assert [attack for attack in ATTACKS if attack in html] == []
    assert markup(html).runnable == []


def test_every_hostile_field_on_a_student_page_is_shown_as_text(student_page):
    html, fields = student_page

    missing = [field for field in fields if shown_as_text(field) not in html]
    assert missing == []


def test_the_section_quiz_panel_shows_a_hostile_quiz_title_as_text_to_visitors_too(quiz):
    html = Client().get(quiz.section.get_absolute_url()).content.decode()

    assert shown_as_text("quiz title") in html
    assert markup(html).runnable == []


def test_a_hostile_value_in_a_refused_answer_is_shown_escaped_in_the_error(student_client, attempts):
    attempt = attempts["current"]
    position = next(r.position for r in attempt.responses.select_related("question") if r.question.order == 6)

    page = student_client.post(
        reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {f"q{position}-match1": ATTACKS[1], "action": "save"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert f"Select a valid choice. {escape(ATTACKS[1])} is not one of the available choices." in html
    assert markup(html).runnable == []


def test_a_hostile_typed_answer_refused_for_its_length_is_shown_back_escaped(student_client, attempts):
    attempt = attempts["current"]
    position = next(r.position for r in attempt.responses.select_related("question") if r.question.order == 4)

    page = student_client.post(
        reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {f"q{position}": "1" + ATTACKS[2] * 3}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{escape("1" + ATTACKS[2] * 3)}"' in html
    assert markup(html).runnable == []
