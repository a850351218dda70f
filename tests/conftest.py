"""Shared fixtures. Browser set-up lives in tests/browser/conftest.py."""

from __future__ import annotations

import os

# Playwright runs an event loop in the test thread; pytest-django's database
# set-up is synchronous and must be allowed there (see ../shared/TOOLING.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings

from lessons.companion import parse_companion
from lessons.essay import parse_essay
from lessons.loading import essay_load

CONTENT_DIR = settings.BASE_DIR / "lessons" / "content"


@pytest.fixture
def essay_text() -> str:
    return (CONTENT_DIR / "essay.txt").read_text(encoding="utf-8")


@pytest.fixture
def essay_lesson(db, essay_text):
    """The real essay, its timeline, glossary and notes, loaded as `make run` does."""
    companion = parse_companion((CONTENT_DIR / "companion.toml").read_text(encoding="utf-8"))
    essay_load(essay=parse_essay(essay_text), companion=companion)
    from lessons.models import Lesson

    return Lesson.objects.get()
