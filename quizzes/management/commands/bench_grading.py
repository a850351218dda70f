"""manage.py bench_grading: time grading one 40-question attempt (scoring and the save).

A benchmark, not a test: it builds a quiz, starts attempts and submits them
through the same code as the submit view (form validation, then
services.attempt_submit), and prints the best and median times. Everything it
creates is rolled back.
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from quizzes.forms import AttemptForm
from quizzes.models import Response
from quizzes.paper import load_paper
from quizzes.seeding import correct_post, seed_quiz
from quizzes.services import attempt_start, attempt_submit


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time grading a 40-question attempt: scoring module plus saving, as a submit does."

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=int, default=40)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, questions: int, runs: int, **options):
        try:
            with transaction.atomic():
                self._run(questions, runs)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, questions: int, runs: int) -> None:
        quiz = seed_quiz(slug="bench-grading", questions=questions)
        User = get_user_model()
        grade_times, total_times = [], []
        for run in range(runs):
            student = User.objects.create_user(f"bench-grading-{run}")
            attempt = attempt_start(student=student, quiz=quiz, now=timezone.now())
            data = QueryDict(mutable=True)
            for key, value in correct_post(list(Response.objects.filter(attempt=attempt).for_paper())).items():
                data.setlist(key, value if isinstance(value, list) else [value])

            started = time.perf_counter()
            paper = load_paper(attempt.pk, with_keys=True)
            form = AttemptForm(data, paper=paper)
            assert form.is_valid(), form.errors
            answers = form.answers()
            graded = time.perf_counter()
            outcome = attempt_submit(attempt=attempt, answers=answers, now=timezone.now(), paper=paper)
            finished = time.perf_counter()
            assert outcome.attempt.percent == 100, outcome.attempt.percent
            grade_times.append(finished - graded)
            total_times.append(finished - started)

        def ms(values):
            return f"best {min(values) * 1000:.1f} ms, median {statistics.median(values) * 1000:.1f} ms"

        self.stdout.write(f"{questions}-question attempt, {runs} runs:")
        self.stdout.write(f"  grading and saving (services.attempt_submit): {ms(grade_times)}")
        self.stdout.write(f"  whole submit (load paper, validate form, grade, save): {ms(total_times)}")
