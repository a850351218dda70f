"""Data for `make bench`: many students, signed in, each with an attempt in progress.

Created in bulk (a few thousand attempts of 40 questions in seconds), in the
shape attempt_start gives them, without shuffling: every attempt presents the
same paper, so one set of answers fits all of them. Used by the benchmark
command only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.utils.crypto import get_random_string

from quizzes import scoring
from quizzes.models import Attempt, Quiz, Response, ResponseOption
from quizzes.seeding import correct_post

BATCH = 2000


def students_with_sessions(count: int, *, prefix: str, now: datetime) -> list[tuple[object, str]]:
    """`count` students with unusable passwords, each signed in: (user, session key).

    As after a real sign-in, a session engine with a cache (cached_db) finds each
    session there too: the students measured have just loaded their question pages.
    """
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"{prefix}{n}", password="!") for n in range(count)], BATCH)
    store = SessionStore()
    sessions = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(
                session_key=get_random_string(32), session_data=store.encode(data), expire_date=now + timedelta(days=1)
            )
        )
    Session.objects.bulk_create(sessions, BATCH)
    engine = import_module(settings.SESSION_ENGINE)
    if hasattr(engine.SessionStore, "cache_key_prefix"):
        caches[settings.SESSION_CACHE_ALIAS].set_many(
            {engine.SessionStore.cache_key_prefix + s.session_key: store.decode(s.session_data) for s in sessions},
            timeout=int(timedelta(days=1).total_seconds()),
        )
    return [(user, session.session_key) for user, session in zip(users, sessions, strict=True)]


@transaction.atomic
def attempts_in_progress(quiz: Quiz, students: list, *, now: datetime) -> list[Attempt]:
    """One attempt in progress per student, presenting the quiz in the teacher's order
    (ordering items reversed: shown in the right order, they would answer themselves)."""
    questions = list(quiz.questions.prefetch_related("choices"))
    attempts = Attempt.objects.bulk_create(
        [Attempt(student=student, quiz=quiz, number=1, started_at=now) for student in students], BATCH
    )
    responses = Response.objects.bulk_create(
        [Response(attempt=a, question=q, position=n) for a in attempts for n, q in enumerate(questions, start=1)],
        BATCH,
    )
    orders = {
        q.pk: list(reversed(q.choices.all())) if q.type == scoring.ORDERING else list(q.choices.all())
        for q in questions
    }
    ResponseOption.objects.bulk_create(
        (
            ResponseOption(response=r, choice=c, position=n)
            for r in responses
            for n, c in enumerate(orders[r.question_id], start=1)
        ),
        BATCH,
    )
    return attempts


def submit_body(attempt: Attempt, csrf_token: str) -> str:
    """The form-encoded body of a submit answering every question right (fits every seeded attempt)."""
    data = correct_post(list(Response.objects.filter(attempt=attempt).for_paper()))
    pairs = [("csrfmiddlewaretoken", csrf_token)]
    for key, value in data.items():
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return urlencode(pairs)
