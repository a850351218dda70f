"""Starting an attempt: what it records, when it resumes, and when it is refused."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Question, Response, ResponseOption
from quizzes.services import QuizUnavailable, attempt_start, attempt_submit
from tests.factories import QuestionFactory, QuizFactory, UserFactory, ordering_question, quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import shown_order

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def submit_blank(attempt, *, now=NOW):
    return attempt_submit(attempt=attempt, answers={}, now=now).attempt


def shuffled_quiz() -> tuple:
    quiz = QuizFactory(shuffle_questions=True, shuffle_choices=True)
    questions = [
        QuestionFactory(quiz=quiz, order=n, choices=[(f"Q{n} choice {c}", c == 1) for c in range(1, 6)])
        for n in range(1, 7)
    ]
    return quiz, questions


# What a new attempt records ------------------------------------------------------------------------


def test_the_first_start_creates_attempt_number_one_in_progress(student, start):
    quiz = quiz_with_every_type()

    attempt = start(quiz, now=NOW)

    assert (attempt.number, attempt.state, attempt.started_at) == (1, Attempt.State.IN_PROGRESS, NOW)
    assert attempt.submitted_at is None and attempt.score is None


def test_a_new_attempt_records_every_question_in_the_teachers_order(start):
    quiz = quiz_with_every_type()

    attempt = start(quiz)

    presented = list(Response.objects.filter(attempt=attempt).order_by("position").values_list("question", "position"))
    expected = list(quiz.questions.order_by("order").values_list("pk", flat=True))
    assert presented == list(zip(expected, range(1, 8), strict=True))


def test_a_new_attempt_records_the_choices_of_each_question_in_order_when_not_shuffled(start):
    quiz = QuizFactory(shuffle_choices=False)
    question = QuestionFactory(quiz=quiz, choices=[("Alma-Ata", True), ("Prinkipo", False), ("Coyoacán", False)])

    attempt = start(quiz)

    options = ResponseOption.objects.filter(response__attempt=attempt).order_by("position")
    assert [(o.position, o.choice.text) for o in options] == [(1, "Alma-Ata"), (2, "Prinkipo"), (3, "Coyoacán")]
    assert {o.choice.question_id for o in options} == {question.pk}
    assert not any(o.selected or o.given_position or o.matched_to_id for o in options)


def test_a_shuffled_attempt_records_the_order_it_drew(start):
    quiz, questions = shuffled_quiz()

    attempt = start(quiz, rng=random.Random(7))

    drawn = [r.question_id for r in Response.objects.filter(attempt=attempt).order_by("position")]
    assert sorted(drawn) == sorted(q.pk for q in questions)
    assert drawn != [q.pk for q in questions], "seed 7 should shuffle the questions"
    first = Response.objects.get(attempt=attempt, position=1)
    texts = [o.choice.text for o in first.options.order_by("position")]
    assert texts != sorted(texts), "seed 7 should shuffle the choices"


def test_the_same_seed_draws_the_same_order(student, other_student):
    quiz, _questions = shuffled_quiz()

    one = attempt_start(student=student, quiz=quiz, now=NOW, rng=random.Random(3))
    two = attempt_start(student=other_student, quiz=quiz, now=NOW, rng=random.Random(3))

    def order(attempt):
        return list(
            ResponseOption.objects.filter(response__attempt=attempt)
            .order_by("response__position", "position")
            .values_list("choice", flat=True)
        )

    assert order(one) == order(two)


def test_the_question_page_shows_the_shuffled_order_again_on_reload(student_client, start):
    quiz, _questions = shuffled_quiz()
    attempt = start(quiz, rng=random.Random(11))
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})

    first, second = student_client.get(url), student_client.get(url)

    recorded = [
        (f"q{r.position}", [o.choice.text for o in r.options.order_by("position")])
        for r in Response.objects.filter(attempt=attempt).order_by("position")
    ]
    assert shown_order(first) == recorded
    assert shown_order(second) == recorded


def test_ordering_items_are_never_presented_in_the_correct_order(student):
    quiz = QuizFactory(shuffle_choices=False)
    question = ordering_question(quiz, "Lenin dies", "Trotsky is exiled", "Trotsky is killed")
    correct = list(question.choices.order_by("order").values_list("pk", flat=True))

    for seed in range(30):
        attempt = attempt_start(student=student, quiz=quiz, now=NOW, rng=random.Random(seed))
        shown = list(
            ResponseOption.objects.filter(response__attempt=attempt)
            .order_by("position")
            .values_list("choice", flat=True)
        )
        assert shown != correct, f"seed {seed} showed the answer"
        submit_blank(attempt)


def test_an_ordering_question_of_two_items_is_still_shown_swapped(student):
    quiz = QuizFactory(shuffle_choices=True)
    ordering_question(quiz, "Lenin dies", "Trotsky is killed")

    for seed in range(10):
        attempt = attempt_start(student=student, quiz=quiz, now=NOW, rng=random.Random(seed))
        shown = [o.choice.text for o in ResponseOption.objects.filter(response__attempt=attempt).order_by("position")]
        assert shown == ["Trotsky is killed", "Lenin dies"]
        submit_blank(attempt)


def test_true_or_false_keeps_true_first_even_when_choices_are_shuffled(start):
    quiz = QuizFactory(shuffle_choices=True)
    QuestionFactory(quiz=quiz, type=Question.Type.TRUE_FALSE)

    attempt = start(quiz, rng=random.Random(1))

    shown = [o.choice.text for o in ResponseOption.objects.filter(response__attempt=attempt).order_by("position")]
    assert shown == ["True", "False"]


# Resuming and numbering ------------------------------------------------------------------------------


def test_starting_again_resumes_the_unfinished_attempt(start):
    quiz = quiz_with_every_type()
    first = start(quiz, now=NOW)

    again = start(quiz, now=NOW + timedelta(minutes=5))

    assert again.pk == first.pk
    assert Attempt.objects.filter(quiz=quiz).count() == 1
    assert Response.objects.filter(attempt__quiz=quiz).count() == 7


def test_the_start_button_resumes_the_unfinished_attempt(student_client, start):
    quiz = quiz_with_every_type()
    attempt = start(quiz)

    page = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}))

    assert page.status_code == 302
    assert page.url == reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_the_start_button_creates_an_attempt_and_opens_its_questions(student_client, student):
    quiz = quiz_with_every_type()

    page = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    attempt = Attempt.objects.get(student=student, quiz=quiz)
    assert page.redirect_chain == [(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), 302)]
    assert page.status_code == 200
    assert "Question 7" in text_content(page)


def test_attempt_numbers_increase_with_each_new_attempt(start):
    quiz = quiz_with_every_type()

    numbers = []
    for minutes in range(3):
        attempt = start(quiz, now=NOW + timedelta(minutes=minutes))
        numbers.append(attempt.number)
        submit_blank(attempt, now=NOW + timedelta(minutes=minutes, seconds=30))

    assert numbers == [1, 2, 3]


def test_attempt_numbers_are_counted_per_student(student, start):
    quiz = quiz_with_every_type()
    submit_blank(start(quiz))

    theirs = attempt_start(student=UserFactory(), quiz=quiz, now=NOW)

    assert theirs.number == 1


# Refusals --------------------------------------------------------------------------------------------


def test_a_student_who_used_every_attempt_cannot_start_another(start):
    quiz = quiz_with_every_type(max_attempts=2)
    submit_blank(start(quiz))
    submit_blank(start(quiz))

    with pytest.raises(QuizUnavailable, match="You have used all 2 of your attempts at this quiz"):
        start(quiz)
    assert Attempt.objects.filter(quiz=quiz).count() == 2


def test_the_start_button_explains_that_every_attempt_is_used(student_client, start):
    quiz = quiz_with_every_type(max_attempts=1)
    submit_blank(start(quiz))

    page = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    assert page.redirect_chain == [(reverse("quizzes:quiz", kwargs={"slug": quiz.slug}), 302)]
    assert "You have used all 1 of your attempts at this quiz." in text_content(page)
    assert Attempt.objects.filter(quiz=quiz).count() == 1


@pytest.mark.parametrize(
    ("quiz_fields", "message"),
    [
        ({"is_published": False}, "This quiz is not open to students yet."),
        ({"opens_at": NOW + timedelta(days=1)}, "This quiz opens on"),
        ({"closes_at": NOW - timedelta(days=1)}, "This quiz closed on"),
    ],
    ids=["unpublished", "not-yet-open", "closed"],
)
def test_a_quiz_that_is_not_open_refuses_to_start_with_the_reason(student_client, quiz_fields, message):
    quiz = quiz_with_every_type(**quiz_fields)

    page = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    assert page.redirect_chain == [(reverse("quizzes:quiz", kwargs={"slug": quiz.slug}), 302)]
    assert message in text_content(page)
    assert not Attempt.objects.filter(quiz=quiz).exists()


def test_a_quiz_opens_at_its_opening_time(start):
    quiz = quiz_with_every_type(opens_at=NOW)

    assert start(quiz, now=NOW).is_in_progress


def test_a_quiz_is_closed_from_its_closing_time(start):
    quiz = quiz_with_every_type(closes_at=NOW)

    with pytest.raises(QuizUnavailable, match="This quiz closed on"):
        start(quiz, now=NOW)


def test_a_quiz_with_no_questions_refuses_to_start(student_client):
    quiz = QuizFactory()

    page = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    assert "This quiz has no questions yet." in text_content(page)
    assert not Attempt.objects.filter(quiz=quiz).exists()


# Deadlines -----------------------------------------------------------------------------------------------


def test_the_deadline_is_the_start_plus_the_time_limit(start):
    quiz = quiz_with_every_type(time_limit_minutes=20)

    assert start(quiz, now=NOW).deadline == NOW + timedelta(minutes=20)


def test_the_deadline_is_capped_by_the_closing_time(start):
    quiz = quiz_with_every_type(time_limit_minutes=20, closes_at=NOW + timedelta(minutes=5))

    assert start(quiz, now=NOW).deadline == NOW + timedelta(minutes=5)


def test_a_quiz_that_closes_has_a_deadline_even_without_a_time_limit(start):
    quiz = quiz_with_every_type(closes_at=NOW + timedelta(hours=2))

    assert start(quiz, now=NOW).deadline == NOW + timedelta(hours=2)


def test_an_untimed_quiz_that_never_closes_has_no_deadline(start):
    quiz = quiz_with_every_type()

    assert start(quiz, now=NOW).deadline is None


def test_an_attempt_abandoned_past_its_deadline_is_finished_as_overdue_when_the_student_starts_again(start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    abandoned = start(quiz, now=NOW)

    fresh = start(quiz, now=NOW + timedelta(hours=1))

    abandoned.refresh_from_db()
    assert abandoned.state == Attempt.State.OVERDUE
    assert abandoned.submitted_at == NOW + timedelta(hours=1)
    assert (abandoned.score, abandoned.max_score, abandoned.percent) == (0, 10, 0)
    assert (fresh.number, fresh.state) == (2, Attempt.State.IN_PROGRESS)


def test_an_abandoned_attempt_is_finished_as_overdue_even_when_no_attempt_is_left(start):
    quiz = quiz_with_every_type(time_limit_minutes=10, max_attempts=1)
    abandoned = start(quiz, now=NOW)

    with pytest.raises(QuizUnavailable, match="You have used all 1 of your attempts"):
        start(quiz, now=NOW + timedelta(hours=1))

    abandoned.refresh_from_db()
    assert abandoned.state == Attempt.State.OVERDUE
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_an_abandoned_attempt_is_finished_as_overdue_even_when_the_quiz_has_closed(start):
    quiz = quiz_with_every_type(closes_at=NOW + timedelta(minutes=30))
    abandoned = start(quiz, now=NOW)

    with pytest.raises(QuizUnavailable, match="This quiz closed on"):
        start(quiz, now=NOW + timedelta(hours=1))

    abandoned.refresh_from_db()
    assert abandoned.state == Attempt.State.OVERDUE


def test_starting_again_tells_the_student_their_expired_attempt_was_submitted_as_late(start, student_client):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    start(quiz, now=timezone.now() - timedelta(hours=1))

    response = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    assert "Your attempt 1 ran out of time; its saved answers were submitted as late." in text_content(response)
    assert response.redirect_chain[-1][0] == Attempt.objects.get(quiz=quiz, number=2).get_absolute_url()


def test_a_refused_start_still_says_the_expired_attempt_was_submitted(start, student_client):
    quiz = quiz_with_every_type(time_limit_minutes=10, max_attempts=1)
    start(quiz, now=timezone.now() - timedelta(hours=1))

    response = student_client.post(reverse("quizzes:start", kwargs={"slug": quiz.slug}), follow=True)

    page = text_content(response)
    assert "ran out of time; its saved answers were submitted as late." in page
    assert "You have used all 1 of your attempts" in page


def test_an_attempt_within_its_grace_period_is_resumed_not_finished(start):
    quiz = quiz_with_every_type(time_limit_minutes=10)
    attempt = start(quiz, now=NOW)

    again = start(quiz, now=NOW + timedelta(minutes=10, seconds=20))

    assert again.pk == attempt.pk and again.is_in_progress
