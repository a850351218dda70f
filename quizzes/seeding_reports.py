"""Synthetic classes and finished attempts, written in bulk: data for the reports' benchmark and their
query-budget tests.

Not through the services: starting and submitting 1,000 attempts one by one
takes minutes, and these rows only need to look like graded attempts to the
reports. Each attempt gets one Response per question with its points, and
ResponseOption rows only for the choices a wrong answer ticked (what the
wrong-answer counts read). Marks follow each student's ability (a logistic
model, as bench_statistics does), so the statistics are not all noise.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from quizzes import scoring
from quizzes.models import Attempt, ClassMembership, Quiz, Response, ResponseOption, SchoolClass

WRONG_TEXTS = ("Trotsky", "1917", "1924", "Zinoviev", "")


def seed_class(*, teacher, name: str, students: int, prefix: str, now: datetime) -> SchoolClass:
    """A class of `students` new students (usernames `prefix`1, 2 …), who cannot sign in."""
    User = get_user_model()
    password = make_password(None)  # unusable, computed once
    users = User.objects.bulk_create(
        [
            User(username=f"{prefix}{n}", first_name=f"Student{n}", last_name=prefix.title(), password=password)
            for n in range(1, students + 1)
        ]
    )
    if not all(user.pk for user in users):  # backends that do not return ids from bulk_create
        users = list(User.objects.filter(username__in=[user.username for user in users]))
    school_class = SchoolClass.objects.create(teacher=teacher, name=name)
    ClassMembership.objects.bulk_create(
        [ClassMembership(school_class=school_class, student=user, joined_at=now) for user in users]
    )
    return school_class


def seed_attempts(*, quiz: Quiz, students: list, per_student: int, now: datetime, seed: int = 1940) -> int:
    """`per_student` finished attempts by each student, an hour apart; returns how many were made."""
    rng = random.Random(seed)
    questions = list(quiz.questions.order_by("order", "pk").prefetch_related("choices"))
    difficulty = {question.pk: rng.uniform(-1.5, 1.5) for question in questions}
    max_score = sum((question.points for question in questions), Decimal(0))
    attempts, papers = [], []
    for student in students:
        ability = rng.gauss(0, 1)
        for number in range(1, per_student + 1):
            started = now - timedelta(hours=per_student - number + 1, minutes=rng.randint(0, 50))
            paper = [
                _response(question, position, ability - difficulty[question.pk], rng)
                for position, question in enumerate(questions, start=1)
            ]
            score = sum((response.points for response, _options in paper), Decimal(0))
            percent = (score * 100 / max_score).quantize(scoring.CENT) if max_score else Decimal(0)
            attempts.append(
                Attempt(
                    student=student,
                    quiz=quiz,
                    number=number,
                    state=Attempt.State.SUBMITTED,
                    started_at=started,
                    submitted_at=started + timedelta(minutes=rng.randint(3, 40), seconds=rng.randint(0, 59)),
                    score=score,
                    max_score=max_score,
                    percent=percent,
                    passed=percent >= quiz.pass_mark,
                )
            )
            papers.append(paper)
    Attempt.objects.bulk_create(attempts)
    responses, options = [], []
    for attempt, paper in zip(attempts, papers, strict=True):
        for response, chosen in paper:
            response.attempt = attempt
            responses.append(response)
            options.append(chosen)
    Response.objects.bulk_create(responses, batch_size=2000)
    rows = []
    for response, chosen in zip(responses, options, strict=True):
        rows += [
            ResponseOption(response=response, choice=choice, position=n, selected=True)
            for n, choice in enumerate(chosen, start=1)
        ]
    ResponseOption.objects.bulk_create(rows, batch_size=2000)
    return len(attempts)


def _response(question, position: int, advantage: float, rng: random.Random) -> tuple[Response, list]:
    """A graded response (not saved) and the choices it ticked, if it is a wrong choice answer."""
    chance = 1 / (1 + math.exp(-1.2 * advantage))
    steps = int(question.points)
    earned = sum(rng.random() < chance for _ in range(steps))
    points = (question.points * earned / steps).quantize(scoring.CENT) if steps else Decimal(0)
    correct = points == question.points
    response = Response(question=question, position=position, points=points, is_correct=correct)
    ticked = []
    if not correct and question.type in scoring.CHOICE_TYPES:
        wrong = [choice for choice in question.choices.all() if not choice.is_correct]
        ticked = [rng.choice(wrong)] if wrong else []
    elif not correct and question.type in scoring.TYPED_TYPES:
        response.text_answer = rng.choice(WRONG_TEXTS)
    return response, ticked
