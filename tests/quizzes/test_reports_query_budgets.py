"""The report pages and their CSV files run a fixed number of queries, however many attempts there are.

Each is measured for a teacher (the most queries: their permissions are read
from the database) over 10 and over 1,000 attempts at a 40-question quiz; the
budget is the same for both, so a query inside a loop over attempts, questions
or answers fails here. The attempts are written in bulk (quizzes/seeding_reports.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Response
from quizzes.seeding_reports import seed_attempts, seed_class
from tests.factories import quiz_with_many_questions

pytestmark = pytest.mark.django_db

# session, user, the user's permissions, their groups' permissions, the quiz,
# the viewer's classes with their members, the questions, the attempts, the
# marks, and (statistics only) the wrong answers of the flagged questions: 10.
BUDGET = 10


@pytest.fixture(params=[10, 1000], ids=["10-attempts", "1000-attempts"])
def quiz(request, teacher):
    quiz = quiz_with_many_questions(40)
    now = timezone.now()
    pupils = seed_class(teacher=teacher, name="10B", students=request.param // 2, prefix="pupil", now=now)
    seed_attempts(quiz=quiz, students=list(pupils.students.all()), per_student=2, now=now)
    assert Attempt.objects.filter(quiz=quiz).count() == request.param
    # Nobody earns question 1's mark: it is flagged, so the wrong-answer query runs too.
    Response.objects.filter(attempt__quiz=quiz, question=quiz.questions.order_by("order").first()).update(
        points=0, is_correct=False
    )
    return quiz


@pytest.mark.parametrize("method", ["first", "all"])
def test_the_statistics_page_stays_within_its_budget(teacher_client, quiz, method, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        page = teacher_client.get(reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]), {"method": method})
    assert page.status_code == 200
    assert page.context["report"].flagged  # the wrong-answer query ran


def test_the_responses_page_stays_within_its_budget(teacher_client, quiz, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        page = teacher_client.get(reverse("admin:quizzes_quiz_responses", args=[quiz.pk]))
    assert page.status_code == 200


def test_the_statistics_csv_stays_within_its_budget(teacher_client, quiz, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        download = teacher_client.get(reverse("admin:quizzes_quiz_statistics_csv", args=[quiz.pk]))
    assert download.status_code == 200


def test_the_responses_csv_stays_within_its_budget(teacher_client, quiz, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        download = teacher_client.get(reverse("admin:quizzes_quiz_responses_csv", args=[quiz.pk]))
    assert download.status_code == 200
