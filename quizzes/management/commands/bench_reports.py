"""manage.py bench_reports: time a quiz's report pages over 1,000 attempts × 40 questions.

A benchmark, not a test: it writes a 40-question quiz, a teacher's class and
1,000 finished attempts in bulk (quizzes/seeding_reports.py), requests each
report as that teacher through the whole stack (middleware, the admin, the
queries, the template), and prints the best and median of the runs with the
number of queries. Everything it writes is rolled back.
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes.seeding import seed_quiz
from quizzes.seeding_reports import seed_attempts, seed_class
from quizzes.teachers import TEACHERS_GROUP

REPORTS = (
    ("statistics", "admin:quizzes_quiz_statistics"),
    ("responses", "admin:quizzes_quiz_responses"),
    ("statistics CSV", "admin:quizzes_quiz_statistics_csv"),
    ("responses CSV", "admin:quizzes_quiz_responses_csv"),
)


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the item statistics and responses reports (pages and CSV) on 1,000 attempts × 40 questions."

    def add_arguments(self, parser):
        parser.add_argument("--attempts", type=int, default=1000, help="An even number: two attempts per student.")
        parser.add_argument("--questions", type=int, default=40)
        parser.add_argument("--repeat", type=int, default=5, help="Runs per report; the best one is reported.")

    def handle(self, *args, attempts: int, questions: int, repeat: int, **options):
        if attempts < 2 or questions < 1 or repeat < 1:
            raise CommandError("--attempts must be at least 2, --questions and --repeat at least 1.")
        try:
            with transaction.atomic():
                self._run(attempts, questions, repeat)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, attempts: int, questions: int, repeat: int) -> None:
        now = timezone.now()
        started = time.perf_counter()
        teacher = get_user_model().objects.create_user("bench-reports-teacher", is_staff=True)
        teacher.groups.add(Group.objects.get(name=TEACHERS_GROUP))
        quiz = seed_quiz(slug="bench-reports", questions=questions)
        pupils = seed_class(teacher=teacher, name="Benchmark class", students=attempts // 2, prefix="bench", now=now)
        made = seed_attempts(quiz=quiz, students=list(pupils.students.all()), per_student=2, now=now)
        self.stdout.write(
            f"Wrote {made} attempts × {questions} questions in {time.perf_counter() - started:.1f} s (rolled back)."
        )

        client = Client(HTTP_HOST="localhost")
        client.force_login(teacher)
        for label, name in REPORTS:
            url = reverse(name, args=[quiz.pk])
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise CommandError(f"{label}: HTTP {response.status_code}")
            self.stdout.write(
                f"{label}: best of {repeat} = {min(timings) * 1000:.0f} ms "
                f"(median {statistics.median(timings) * 1000:.0f} ms), {len(queries.captured_queries)} queries, "
                f"{len(response.content) / 1024:.0f} KiB."
            )
