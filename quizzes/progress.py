"""Where a student stands on each quiz: attempts used and left (their accommodation
included), the grade that counts, an unfinished attempt to resume. One query for any
number of quizzes, two when the quizzes were not read with their accommodations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from quizzes import scoring
from quizzes.models import Accommodation, Attempt, Quiz


@dataclass(frozen=True)
class Standing:
    quiz: Quiz
    finished: tuple[Attempt, ...] = ()  # oldest first
    in_progress: Attempt | None = None
    accommodation: Accommodation | None = None

    @property
    def used(self) -> int:
        return len(self.finished)

    @property
    def allowed(self) -> int | None:
        """Attempts this student may make in all, extra attempts included; None when unlimited."""
        return self.quiz.attempts_allowed(self.accommodation)

    @property
    def left(self) -> int | None:
        """Attempts the student may still start; None when unlimited."""
        return None if self.allowed is None else max(0, self.allowed - self.used)

    @property
    def time_limit_minutes(self) -> int | None:
        """This student's time limit, extra time included, to the nearest minute (the deadline
        itself is exact, and answers have a grace period of half a minute)."""
        limit = self.quiz.time_limit_with(self.accommodation)
        return None if limit is None else round(limit.total_seconds() / 60)

    @property
    def has_extra_time(self) -> bool:
        return self.quiz.time_limit_with(self.accommodation) != self.quiz.time_limit

    @property
    def grade(self) -> Decimal | None:
        """The percent that counts, by the quiz's grading method."""
        return scoring.overall_percent(self.quiz.grading_method, [a.percent for a in self.finished])

    @property
    def best(self) -> Decimal | None:
        return max((a.percent for a in self.finished), default=None)

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade >= self.quiz.pass_mark

    @property
    def can_start(self) -> bool:
        return self.in_progress is not None or self.left is None or self.left > 0


def _accommodations(student, quizzes: list[Quiz]) -> dict[int, Accommodation]:
    """The student's accommodations by quiz id: from the quizzes' own row when they were read
    with QuizQuerySet.with_accommodation_for, else in one query."""
    if not student.is_authenticated or not quizzes:
        return {}
    if all(quiz.accommodation_loaded_for(student) for quiz in quizzes):
        loaded = ((quiz.pk, quiz.loaded_accommodation()) for quiz in quizzes)
        return {quiz_id: accommodation for quiz_id, accommodation in loaded if accommodation is not None}
    return {a.quiz_id: a for a in Accommodation.objects.filter(student=student, quiz__in=quizzes)}


def quiz_standings(student, quizzes: Iterable[Quiz]) -> dict[int, Standing]:
    """A Standing for every quiz, keyed by quiz id (empty ones for anonymous visitors)."""
    quizzes = list(quizzes)
    by_quiz: dict[int, list[Attempt]] = defaultdict(list)
    if student.is_authenticated and quizzes:
        for attempt in Attempt.objects.filter(student=student, quiz__in=quizzes).order_by("started_at", "pk"):
            by_quiz[attempt.quiz_id].append(attempt)
    accommodations = _accommodations(student, quizzes)
    standings = {}
    for quiz in quizzes:
        attempts = by_quiz[quiz.pk]
        for attempt in attempts:
            attempt.quiz = quiz  # already loaded: spare a query per attempt
        standings[quiz.pk] = Standing(
            quiz=quiz,
            finished=tuple(a for a in attempts if not a.is_in_progress),
            in_progress=next((a for a in attempts if a.is_in_progress), None),
            accommodation=accommodations.get(quiz.pk),
        )
    return standings


def section_quiz_standings(student, sections: Iterable) -> dict[int, Standing]:
    """Each section's published quiz (the first by title) with the student's standing, by section id.

    Two queries: the quizzes with the student's accommodations, and the student's attempts
    (none for anonymous readers).
    """
    first: dict[int, Quiz] = {}
    quizzes = Quiz.objects.published().with_accommodation_for(student).filter(section__in=list(sections))
    for quiz in quizzes.order_by("title"):
        first.setdefault(quiz.section_id, quiz)
    standings = quiz_standings(student, first.values())
    return {section_id: standings[quiz.pk] for section_id, quiz in first.items()}
