"""The result page: the score always; the correct answers only as the quiz's review setting allows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from tests.factories import quiz_with_every_type
from tests.html import links, text_content
from tests.quizzes.papers import all_correct, post_data, submit_at

pytestmark = pytest.mark.django_db

PASSAGE = "The second paragraph mentions an ice pick."


def make_quiz(**fields) -> Quiz:
    quiz = quiz_with_every_type(**fields)
    true_false = quiz.questions.get(order=2)
    true_false.explanation = "Trotsky was alive in 1930."
    true_false.passage = PASSAGE
    true_false.save()
    true_false.choices.filter(text="False").update(feedback="He died in 1940, not before.")
    return quiz


def some_answers(attempt, quiz) -> dict:
    """Right on question 1, wrong on 2 and 4, the rest left blank: 1 point of 10."""
    questions = {q.order: q for q in quiz.questions.all()}
    return post_data(attempt, {questions[1]: "Right", questions[2]: "False", questions[4]: "Trotsky"})


@pytest.fixture
def result_of(student_client, start):
    """Submit `answers(attempt, quiz)` now, through the page, and return the result page."""

    def result_of(quiz: Quiz, answers=some_answers):
        attempt = start(quiz)
        student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), answers(attempt, quiz))
        page = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))
        assert page.status_code == 200
        return page

    return result_of


def closed_quiz_result(student_client, start, **quiz_fields):
    """A quiz taken while open and reviewed after it closed."""
    now = timezone.now()
    quiz = make_quiz(closes_at=now - timedelta(hours=1), **quiz_fields)
    attempt = start(quiz, now=now - timedelta(hours=2))
    submit_at(attempt, some_answers(attempt, quiz), now=now - timedelta(hours=1, minutes=30))
    return student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))


# The score -----------------------------------------------------------------------------------------------


def test_the_result_shows_the_score_percent_and_a_fail(result_of):
    text = text_content(result_of(make_quiz(pass_mark=60)))

    assert "1 out of 10 (10 %)" in text
    assert "Not passed: the pass mark is 60 %." in text


def test_the_result_shows_a_pass(result_of):
    text = text_content(result_of(make_quiz(pass_mark=60), answers=lambda attempt, quiz: all_correct(attempt)))

    assert "10 out of 10 (100 %)" in text
    assert "Passed: the pass mark is 60 %." in text


def test_the_result_shows_each_answer_and_whether_it_was_right(result_of):
    quiz = make_quiz()
    text = text_content(result_of(quiz))

    prompt = quiz.questions.get(order=1).prompt
    assert f"Question 1: correct (1 of 1) {prompt} Your answer: Right" in text
    assert "Question 2: incorrect (0 of 1)" in text
    assert "Your answer: False" in text
    assert "Question 3: not answered (0 of 2)" in text
    assert "Question 4: incorrect (0 of 1)" in text
    assert "Your answer: Trotsky" in text


def test_the_result_shows_ordering_and_matching_answers_as_given(result_of):
    def answers(attempt, quiz):
        questions = {q.order: q for q in quiz.questions.all()}
        return post_data(
            attempt,
            {
                questions[6]: ["Lenin dies", "Trotsky is killed", "Trotsky is exiled"],
                questions[7]: {"Stalin": "Socialism in One Country", "Trotsky": "Socialism in One Country"},
            },
        )

    text = text_content(result_of(make_quiz(), answers=answers))

    assert "Question 6: partly correct (1.33 of 2)" in text
    assert "1. Lenin dies 2. Trotsky is killed 3. Trotsky is exiled" in text
    assert "Question 7: partly correct (1 of 2)" in text
    assert "Stalin → Socialism in One Country Trotsky → Socialism in One Country" in text


# Review: immediately ---------------------------------------------------------------------------------------


def test_an_immediate_review_shows_the_correct_answer(result_of):
    text = text_content(result_of(make_quiz(review=Quiz.Review.IMMEDIATELY)))

    assert "Your answer: False Correct answer: True" in text
    assert "Accepted answers: Ramón Mercader Mercader" in text


def test_an_immediate_review_shows_the_explanation_and_the_feedback(result_of):
    text = text_content(result_of(make_quiz(review=Quiz.Review.IMMEDIATELY)))

    assert "Why: Trotsky was alive in 1930." in text
    assert "He died in 1940, not before." in text


def test_an_immediate_review_quotes_the_passage_and_links_to_its_paragraph(result_of):
    quiz = make_quiz(review=Quiz.Review.IMMEDIATELY)
    page = result_of(quiz)

    assert PASSAGE in text_content(page)
    section_url = quiz.section.get_absolute_url()
    assert f"{section_url}#p2" in [link.href for link in links(page)]


def test_a_correct_answer_is_not_repeated_as_the_correct_answer(result_of):
    text = text_content(result_of(make_quiz(review=Quiz.Review.IMMEDIATELY)))

    assert "Your answer: Right Correct answer" not in text


# Review: after the quiz closes --------------------------------------------------------------------------------


def test_a_review_after_close_hides_the_answers_while_the_quiz_is_open(result_of):
    page = result_of(make_quiz(review=Quiz.Review.AFTER_CLOSE, closes_at=timezone.now() + timedelta(days=1)))
    text = text_content(page)

    assert "The correct answers and explanations will be shown after the quiz closes on" in text
    assert "Correct answer" not in text
    assert "Trotsky was alive in 1930." not in text
    assert "He died in 1940" not in text
    assert PASSAGE not in text
    assert "Mercader" not in text


def test_a_review_after_close_of_a_quiz_that_never_closes_hides_the_answers(result_of):
    text = text_content(result_of(make_quiz(review=Quiz.Review.AFTER_CLOSE)))

    assert "will be shown after your teacher closes the quiz" in text
    assert "Correct answer" not in text


def test_a_review_after_close_shows_the_answers_once_the_quiz_has_closed(student_client, start):
    page = closed_quiz_result(student_client, start, review=Quiz.Review.AFTER_CLOSE)
    text = text_content(page)

    assert "Your answer: False Correct answer: True" in text
    assert "Why: Trotsky was alive in 1930." in text
    assert PASSAGE in text


# Review: never ---------------------------------------------------------------------------------------------------


def test_a_quiz_that_never_shows_answers_keeps_them_hidden_even_after_it_closes(student_client, start):
    page = closed_quiz_result(student_client, start, review=Quiz.Review.NEVER)
    text = text_content(page)

    assert "Your teacher has chosen not to show the correct answers for this quiz." in text
    assert "Correct answer" not in text
    assert "Accepted answers" not in text
    assert "Trotsky was alive in 1930." not in text
    assert "He died in 1940" not in text
    assert PASSAGE not in text


def test_a_quiz_that_never_shows_answers_still_shows_the_score_and_each_verdict(result_of):
    text = text_content(result_of(make_quiz(review=Quiz.Review.NEVER)))

    assert "1 out of 10 (10 %)" in text
    assert "Question 2: incorrect (0 of 1)" in text
    assert "Your answer: False" in text


# The way back to the lesson -----------------------------------------------------------------------------------


@pytest.mark.parametrize("review", Quiz.Review.values)
def test_every_question_links_to_its_section_whatever_the_review_setting(result_of, review):
    quiz = make_quiz(review=review)
    page = result_of(quiz)

    section = quiz.section
    rereads = [link for link in links(page) if link.text.startswith(f"Reread section {section.number}:")]
    assert len(rereads) == 7
    assert all(link.href.startswith(section.get_absolute_url()) for link in rereads)


def test_the_section_link_points_at_the_passage_only_when_answers_are_shown(result_of):
    quiz = make_quiz(review=Quiz.Review.NEVER)
    page = result_of(quiz)

    hrefs = {link.href for link in links(page) if link.text.startswith("Reread section")}
    assert hrefs == {quiz.section.get_absolute_url()}


def test_an_overdue_result_says_it_was_late(student_client, start):
    quiz = make_quiz(time_limit_minutes=5)
    attempt = start(quiz, now=timezone.now() - timedelta(hours=1))
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), some_answers(attempt, quiz))

    text = text_content(student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk})))

    assert "It was submitted after the time limit." in text
    assert "1 out of 10 (10 %)" in text


def test_the_result_offers_another_attempt_while_attempts_are_left(result_of):
    page = result_of(make_quiz(max_attempts=2))

    assert "Try again" in text_content(page)


def test_the_result_offers_no_other_attempt_when_none_is_left(result_of):
    page = result_of(make_quiz(max_attempts=1))

    assert "Try again" not in text_content(page)
