"""Fixtures for the quiz pages: attempts started on the server. People are in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from quizzes.services import attempt_start


@pytest.fixture
def start(student) -> Callable[..., Attempt]:
    """Start (or resume) an attempt on the server, by default for `student`, now."""

    def start(quiz: Quiz, *, student=student, now=None, **kwargs) -> Attempt:
        return attempt_start(student=student, quiz=quiz, now=now or timezone.now(), **kwargs)

    return start
