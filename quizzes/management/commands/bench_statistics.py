"""manage.py bench_statistics: time the item statistics on a large random quiz.

A benchmark, not a test: the issue asks for 1,000 attempts × 40 questions in
well under a second, and timings belong in a closing note, not in a CI assertion.
"""

from __future__ import annotations

import math
import random
import time

from django.core.management.base import BaseCommand, CommandError

from quizzes.statistics import (
    HIGHEST,
    AttemptRecord,
    chart_geometry,
    distribution,
    frequent_wrong_answers,
    item_analysis,
    select_attempts,
)

WRONG_ANSWERS = ("1917", "1924", "1927", "1929", "1936", "1938")


def random_attempts(attempts: int, questions: int, seed: int) -> tuple[list[AttemptRecord], list[int]]:
    """Attempts whose marks correlate through each student's ability (a 2-parameter
    logistic model), with half and quarter marks on the 2- and 3-mark questions."""
    rng = random.Random(seed)
    maxima = [rng.choice((1, 1, 1, 2, 3)) for _ in range(questions)]
    items = [(rng.uniform(0.3, 2.0), rng.uniform(-1.5, 1.5)) for _ in range(questions)]  # discrimination, difficulty
    students = max(attempts * 2 // 3, 1)  # a third of the students try twice
    abilities = [rng.gauss(0, 1) for _ in range(students)]
    records = []
    for index in range(attempts):
        student = index % students
        marks = []
        for maximum, (slope, difficulty) in zip(maxima, items, strict=True):
            chance = 1 / (1 + math.exp(-slope * (abilities[student] - difficulty)))
            steps = maximum * 4 if maximum > 1 else 1
            marks.append(maximum * sum(rng.random() < chance for _ in range(steps)) / steps)
        records.append(
            AttemptRecord(
                student_id=student,
                number=index // students + 1,
                started=index,
                total=sum(marks),
                marks=tuple(marks),
            )
        )
    return records, maxima


class Command(BaseCommand):
    help = "Time the item statistics (selection, analysis, distribution, chart) on a seeded random quiz."

    def add_arguments(self, parser):
        parser.add_argument("--attempts", type=int, default=1000)
        parser.add_argument("--questions", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1940)
        parser.add_argument("--repeat", type=int, default=5, help="Runs; the best one is reported.")

    def handle(self, *args, attempts: int, questions: int, seed: int, repeat: int, **options):
        if attempts < 1 or questions < 1 or repeat < 1:
            raise CommandError("--attempts, --questions and --repeat must be at least 1.")
        records, maxima = random_attempts(attempts, questions, seed)
        answers = [(text, False) for text in WRONG_ANSWERS * (attempts // len(WRONG_ANSWERS))]
        max_total = sum(maxima)

        def run():
            chosen = select_attempts(records, "all")
            select_attempts(records, HIGHEST)
            analysis = item_analysis([record.marks for record in chosen], maxima)
            bins = distribution([100 * float(record.total) / max_total for record in chosen])
            chart_geometry(bins, 600, 240)
            for _ in range(questions):
                frequent_wrong_answers(answers)
            return analysis

        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            analysis = run()
            timings.append(time.perf_counter() - start)
        quiz = analysis.quiz
        self.stdout.write(
            f"{attempts} attempts × {questions} questions (seed {seed}): "
            f"best of {repeat} = {min(timings) * 1000:.1f} ms "
            f"(median {sorted(timings)[len(timings) // 2] * 1000:.1f} ms)."
        )
        self.stdout.write(
            f"Mean {_figure(quiz.mean_percent)} %, SD {_figure(quiz.sd_percent)} %, "
            f"CIC {_figure(quiz.cic)} %, {len(analysis.flagged)} questions flagged for review."
        )


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
