"""The quiz list and a quiz's own page: what is open, the student's grade, attempts left, the way back in."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from tests.factories import (
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    SectionFactory,
    SubmittedAttemptFactory,
    UserFactory,
)
from tests.html import links, text_content

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def list_page(client):
    page = client.get(reverse("quizzes:list"))
    assert page.status_code == 200
    return page


def quiz_page(client, quiz):
    page = client.get(reverse("quizzes:quiz", kwargs={"slug": quiz.slug}))
    assert page.status_code == 200
    return page


def quiz_titles(page) -> list[str]:
    """The quizzes linked from the page, in order (the navigation's "Quizzes" link left out)."""
    everything = reverse("quizzes:list")
    return [link.text for link in links(page) if link.href.startswith(everything) and link.href != everything]


def finished(student, quiz, *percents):
    """Finished attempts with these percents, oldest first."""
    for number, percent in enumerate(percents, start=1):
        SubmittedAttemptFactory(
            student=student,
            quiz=quiz,
            number=number,
            percent=Decimal(percent),
            started_at=NOW - timedelta(days=10 - number),
        )


# The list ------------------------------------------------------------------------------------------------


def test_with_no_published_quiz_the_list_says_so(student_client):
    QuizFactory(is_published=False)

    assert "No quizzes are open yet." in text_content(list_page(student_client))


def test_the_list_shows_only_published_quizzes(student_client):
    QuizFactory(title="Exile", is_published=True)
    QuizFactory(title="Draft", is_published=False)

    assert quiz_titles(list_page(student_client)) == ["Exile"]


def test_the_list_shows_section_quizzes_in_reading_order_then_the_final_quiz(student_client):
    lesson = LessonFactory()
    second, first = SectionFactory(lesson=lesson, number=2), SectionFactory(lesson=lesson, number=1)
    QuizFactory(title="A final quiz", section=None)
    QuizFactory(title="Zinoviev", section=first)
    QuizFactory(title="Alma-Ata", section=second)

    page = list_page(student_client)

    assert quiz_titles(page) == ["Zinoviev", "Alma-Ata", "A final quiz"]
    assert "About section 1 · " in text_content(page)
    assert "Final quiz over the whole lesson" in text_content(page)


def test_the_list_shows_how_many_questions_a_quiz_has(student_client):
    quiz = QuizFactory()
    QuestionFactory.create_batch(3, quiz=quiz)

    assert "3 questions" in text_content(list_page(student_client))


def test_a_quiz_not_yet_taken_shows_no_grade_and_unlimited_attempts(student_client):
    QuizFactory()

    text = text_content(list_page(student_client))

    assert "Your grade Not taken yet" in text
    assert "Attempts left Unlimited" in text


@pytest.mark.parametrize(
    ("method", "grade"),
    [
        (Quiz.GradingMethod.HIGHEST, "80"),
        (Quiz.GradingMethod.LATEST, "62.50"),
        (Quiz.GradingMethod.FIRST, "40"),
        (Quiz.GradingMethod.AVERAGE, "60.83"),
    ],
)
def test_the_grade_follows_the_quizs_grading_method(student_client, student, method, grade):
    quiz = QuizFactory(grading_method=method, pass_mark=60)
    finished(student, quiz, "40", "80", "62.5")

    assert f"Your grade {grade} %" in text_content(list_page(student_client))


def test_a_grade_at_the_pass_mark_is_a_pass(student_client, student):
    quiz = QuizFactory(pass_mark=60)
    finished(student, quiz, "60")

    assert "Your grade 60 % Passed" in text_content(list_page(student_client))


def test_a_grade_below_the_pass_mark_is_not_yet_a_pass(student_client, student):
    quiz = QuizFactory(pass_mark=60)
    finished(student, quiz, "59.99")

    assert "Your grade 59.99 % Not passed yet" in text_content(list_page(student_client))


def test_the_list_counts_the_attempts_left(student_client, student):
    quiz = QuizFactory(max_attempts=3)
    finished(student, quiz, "10", "20")

    assert "Attempts left 1" in text_content(list_page(student_client))


def test_an_unfinished_attempt_is_not_counted_as_used_and_can_be_resumed(student_client, student, start):
    quiz = QuizFactory(max_attempts=3)
    QuestionFactory(quiz=quiz)
    attempt = start(quiz)

    page = list_page(student_client)

    assert "Attempts left 3" in text_content(page)
    resume = [link for link in links(page) if link.text.startswith("Resume it")]
    assert [link.href for link in resume] == [reverse("quizzes:attempt", kwargs={"pk": attempt.pk})]


def test_another_students_attempts_do_not_count(student_client):
    quiz = QuizFactory(max_attempts=2)
    finished(UserFactory(), quiz, "90", "95")

    text = text_content(list_page(student_client))

    assert "Your grade Not taken yet" in text
    assert "Attempts left 2" in text


# A quiz's own page ------------------------------------------------------------------------------------------


def test_the_quiz_page_offers_to_start(student_client):
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz)

    assert "Start the quiz" in text_content(quiz_page(student_client, quiz))


def test_the_quiz_page_offers_to_resume_an_unfinished_attempt(student_client, start):
    quiz = QuizFactory()
    QuestionFactory(quiz=quiz)
    start(quiz)

    text = text_content(quiz_page(student_client, quiz))

    assert "Resume your attempt" in text
    assert "Start" not in text


def test_the_quiz_page_offers_a_new_attempt_after_one_is_finished(student_client, student):
    quiz = QuizFactory()
    finished(student, quiz, "50")

    assert "Start a new attempt" in text_content(quiz_page(student_client, quiz))


def test_the_quiz_page_says_when_every_attempt_is_used(student_client, student):
    quiz = QuizFactory(max_attempts=1)
    finished(student, quiz, "50")

    text = text_content(quiz_page(student_client, quiz))

    assert "You have used all your attempts at this quiz." in text
    assert "Start" not in text


def test_the_quiz_page_lists_the_students_attempts_newest_first_with_links_to_results(student_client, student):
    quiz = QuizFactory()
    finished(student, quiz, "40", "80")

    page = quiz_page(student_client, quiz)

    attempts = [link for link in links(page) if link.text.startswith("Attempt ")]
    assert [link.text for link in attempts] == ["Attempt 2", "Attempt 1"]
    assert all(link.href.endswith("/result/") for link in attempts)


def test_the_quiz_page_explains_the_rules(student_client):
    quiz = QuizFactory(time_limit_minutes=15, max_attempts=2, pass_mark=70, review=Quiz.Review.NEVER)
    QuestionFactory.create_batch(4, quiz=quiz)

    text = text_content(quiz_page(student_client, quiz))

    assert "4 questions, all on one page." in text
    assert "Time limit: 15 minutes, counted from when you start." in text
    assert "You may make 2 attempts." in text
    assert "Pass mark: 70 %." in text
    assert "You will see your score, but not the correct answers." in text
