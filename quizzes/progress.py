"""Where a student stands on each quiz: attempts used and left, the grade that
counts, an unfinished attempt to resume. One query for any number of quizzes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from quizzes import scoring
from quizzes.models import Attempt, Quiz


@dataclass(frozen=True)
class Standing:
    quiz: Quiz
    finished: tuple[Attempt, ...] = ()  # oldest first
    in_progress: Attempt | None = None

    @property
    def used(self) -> int:
        return len(self.finished)

    @property
    def left(self) -> int | None:
        """Attempts the student may still start; None when unlimited."""
        return None if self.quiz.max_attempts is None else max(0, self.quiz.max_attempts - self.used)

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


def quiz_standings(student, quizzes: Iterable[Quiz]) -> dict[int, Standing]:
    """A Standing for every quiz, keyed by quiz id (empty ones for anonymous visitors)."""
    quizzes = list(quizzes)
    by_quiz: dict[int, list[Attempt]] = defaultdict(list)
    if student.is_authenticated and quizzes:
        for attempt in Attempt.objects.filter(student=student, quiz__in=quizzes).order_by("started_at", "pk"):
            by_quiz[attempt.quiz_id].append(attempt)
    standings = {}
    for quiz in quizzes:
        attempts = by_quiz[quiz.pk]
        for attempt in attempts:
            attempt.quiz = quiz  # already loaded: spare a query per attempt
        standings[quiz.pk] = Standing(
            quiz=quiz,
            finished=tuple(a for a in attempts if not a.is_in_progress),
            in_progress=next((a for a in attempts if a.is_in_progress), None),
        )
    return standings


def section_quiz_standings(student, sections: Iterable) -> dict[int, Standing]:
    """Each section's published quiz (the first by title) with the student's standing, by section id.

    Two queries: the quizzes, and the student's attempts (none for anonymous readers).
    """
    first: dict[int, Quiz] = {}
    for quiz in Quiz.objects.published().filter(section__in=list(sections)).order_by("title"):
        first.setdefault(quiz.section_id, quiz)
    standings = quiz_standings(student, first.values())
    return {section_id: standings[quiz.pk] for section_id, quiz in first.items()}
