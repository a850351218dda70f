"""The question page never sends the answers: not in its text, its attributes, its values or its order."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import Choice
from tests.factories import QuestionFactory, quiz_with_every_type
from tests.quizzes.papers import answer_controls, paper

pytestmark = pytest.mark.django_db

PASSAGE = "The second paragraph mentions an ice pick."


@pytest.fixture
def quiz():
    # Choices made first push the quiz's choice ids well above any position it shows,
    # so an id used as a value could not pass for a position.
    QuestionFactory(choices=[(f"Filler {n}", n == 0) for n in range(40)])
    quiz = quiz_with_every_type(shuffle_choices=True)
    for question in quiz.questions.all():
        question.explanation = f"Explanation number {question.order}, only for review."
        question.passage = PASSAGE
        question.save()
    for choice in Choice.objects.filter(question__quiz=quiz):
        choice.feedback = f"Feedback on {choice.text}, only for review."
        choice.save()
    return quiz


@pytest.fixture
def attempt(quiz, start):
    return start(quiz)


@pytest.fixture
def page(student_client, attempt):
    page = student_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}))
    assert page.status_code == 200
    return page


def html_of(page) -> str:
    return page.content.decode()


def test_the_page_never_says_which_answer_is_correct(page):
    assert "correct" not in html_of(page).casefold()


def test_the_page_holds_no_explanation(page):
    assert "Explanation number" not in html_of(page)


def test_the_page_holds_no_feedback(page):
    assert "only for review" not in html_of(page)


def test_the_page_holds_no_supporting_passage(page):
    assert "ice pick" not in html_of(page)


def test_the_page_holds_no_accepted_answer(page):
    html = html_of(page)
    assert "Mercader" not in html
    assert "1929" not in html


def test_the_answer_form_has_no_data_attributes(page):
    form = html_of(page).split('id="attempt-form"', 1)[1].split("</form>", 1)[0]

    assert re.findall(r"\sdata-[\w-]+", form) == []


def test_the_page_runs_no_inline_script(page):
    scripts = re.findall(r"<script\b[^>]*>", html_of(page))

    assert all("src=" in tag for tag in scripts)
    assert "<script>" not in html_of(page)


def test_choice_values_are_positions_not_database_ids(page, quiz):
    ids = {str(pk) for pk in Choice.objects.filter(question__quiz=quiz).values_list("pk", flat=True)}
    boxes = [c for c in answer_controls(page) if c.type in ("radio", "checkbox")]

    by_field: dict[str, list[str]] = {}
    for box in boxes:
        by_field.setdefault(box.name, []).append(box.value)
    assert sorted(by_field) == ["q1", "q2", "q3"]
    for values in by_field.values():
        assert sorted(values) == [str(n) for n in range(1, len(values) + 1)]
        assert not ids & set(values)


def test_select_values_are_positions_not_database_ids(page, quiz):
    ids = {str(pk) for pk in Choice.objects.filter(question__quiz=quiz).values_list("pk", flat=True)}
    selects = [c for c in answer_controls(page) if c.tag == "select"]

    assert selects
    for select in selects:
        values = [value for value, _text, _selected in select.options]
        assert values == [""] + [str(n) for n in range(1, len(values))]
        assert not ids & set(values)


def test_ordering_items_are_not_shown_in_the_correct_order(page):
    items = [c.label for c in answer_controls(page) if c.name.startswith("q6-item")]

    assert sorted(items) == sorted(["Lenin dies", "Trotsky is exiled", "Trotsky is killed"])
    assert items != ["Lenin dies", "Trotsky is exiled", "Trotsky is killed"]


def test_matching_answers_are_offered_in_alphabetical_order_for_every_prompt(page):
    selects = [c for c in answer_controls(page) if c.name.startswith("q7-match")]

    assert sorted(s.label for s in selects) == ["Stalin", "Trotsky"]
    for select in selects:
        offered = [text for value, text, _selected in select.options if value]
        assert offered == ["International revolution", "Socialism in One Country"]


def test_nothing_is_preselected_on_a_new_attempt(page):
    controls = answer_controls(page)

    assert not any(c.checked for c in controls)
    assert not any(selected for c in controls if c.tag == "select" for value, _t, selected in c.options if value)
    assert all(c.value == "" for c in controls if c.type == "text")


def test_field_names_are_display_positions(page, attempt):
    names = {c.name.split("-")[0] for c in answer_controls(page)}

    assert names == {f"q{response.position}" for response in paper(attempt)}
