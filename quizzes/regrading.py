"""Regrading a quiz after a teacher corrects an answer key.

Every finished attempt is graded again, from the answers it recorded, by the same
scoring module that graded it on submit, with the quiz's current rules: answer keys,
points, pass mark and overdue policy (an overdue attempt under "no points" keeps a
score of 0, as it had). Attempts still in progress are left alone: they are graded
with the corrected key when submitted.

A regrade covers every student's attempts, whichever teacher asked for it: one
answer key, one set of marks. It runs in one transaction with the attempts locked,
so it changes every score that needs it or, if anything fails, none; and it is
recorded (Regrade, one RegradeChange per changed attempt) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from quizzes.bulk import update_rows
from quizzes.models import Attempt, Quiz, Regrade, RegradeChange, Response
from quizzes.paper import load_papers
from quizzes.services import attempt_result, grade_paper

# Attempts graded per batch of queries: bounds memory (a 40-question attempt is ~250 rows) for big quizzes.
BATCH = 500


@dataclass(frozen=True)
class AttemptChange:
    """One attempt whose stored marks differ from a fresh grading."""

    attempt_id: int
    student_id: int
    student: str
    number: int
    old_score: Decimal
    new_score: Decimal
    old_max_score: Decimal
    new_max_score: Decimal
    old_percent: Decimal
    new_percent: Decimal
    old_passed: bool
    new_passed: bool
    responses_changed: int  # questions whose points or correctness changed

    @property
    def passed_changed(self) -> bool:
        return self.old_passed != self.new_passed


@dataclass(frozen=True)
class RegradeReport:
    quiz: Quiz
    checked: int
    changes: tuple[AttemptChange, ...]
    regrade: Regrade | None  # the record; None for a dry run

    @property
    def changed(self) -> int:
        return len(self.changes)


@dataclass(frozen=True)
class _Regraded:
    change: AttemptChange | None
    responses: list[tuple]  # (points, is_correct, response id) to write
    attempt: tuple | None  # (score, max_score, percent, passed, attempt id) to write


ATTEMPT_COLUMNS = (
    "pk",
    "student_id",
    "student__username",
    "number",
    "state",
    "score",
    "max_score",
    "percent",
    "passed",
)


def quiz_regrade(*, quiz: Quiz, performed_by, now: datetime, dry_run: bool = False) -> RegradeReport:
    """Grade every finished attempt at `quiz` again and store what changed (nothing, with `dry_run`).

    A dry run reads without locking and writes nothing, not even the record: it is the preview.
    """
    with transaction.atomic():
        attempts = Attempt.objects.finished().filter(quiz=quiz).order_by("pk")
        if not dry_run:
            attempts = attempts.select_for_update(of=("self",))
        rows = list(attempts.values_list(*ATTEMPT_COLUMNS))
        regraded = list(_regrade_all(quiz, rows))
        changes = tuple(item.change for item in regraded if item.change is not None)
        if dry_run:
            return RegradeReport(quiz=quiz, checked=len(rows), changes=changes, regrade=None)
        update_rows(Response, ["points", "is_correct"], [row for item in regraded for row in item.responses])
        update_rows(
            Attempt,
            ["score", "max_score", "percent", "passed"],
            [item.attempt for item in regraded if item.attempt is not None],
        )
        regrade = Regrade.objects.create(
            quiz=quiz,
            performed_by=performed_by,
            performed_at=now,
            attempts_checked=len(rows),
            attempts_changed=len(changes),
        )
        RegradeChange.objects.bulk_create(
            RegradeChange(
                regrade=regrade,
                attempt_id=change.attempt_id,
                old_score=change.old_score,
                new_score=change.new_score,
                old_percent=change.old_percent,
                new_percent=change.new_percent,
                old_passed=change.old_passed,
                new_passed=change.new_passed,
            )
            for change in changes
        )
    return RegradeReport(quiz=quiz, checked=len(rows), changes=changes, regrade=regrade)


def _regrade_all(quiz: Quiz, rows: Sequence[tuple]) -> Iterator[_Regraded]:
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = [row[0] for row in batch]
        papers = load_papers(ids, with_keys=True)
        stored = _stored_marks(ids)
        for row in batch:
            yield _regrade_one(quiz, row, papers[row[0]], stored)


def _stored_marks(attempt_ids: list[int]) -> dict[int, tuple]:
    """Each response's stored (points, is_correct), by response id."""
    marks = Response.objects.filter(attempt_id__in=attempt_ids).values_list("pk", "points", "is_correct")
    return {pk: (points, is_correct) for pk, points, is_correct in marks}


def _regrade_one(quiz: Quiz, row: tuple, paper, stored: dict[int, tuple]) -> _Regraded:
    attempt_id, student_id, username, number, state, score, max_score, percent, passed = row
    grades = grade_paper(paper)
    responses = [
        (grade.points, grade.correct, question.response_id)
        for question, grade in zip(paper, grades, strict=True)
        if stored[question.response_id] != (grade.points, grade.correct)
    ]
    result, new_passed = attempt_result(grades, quiz=quiz, overdue=state == Attempt.State.OVERDUE)
    new = (result.score, result.max_score, result.percent, new_passed)
    if (score, max_score, percent, passed) == new and not responses:
        return _Regraded(None, [], None)
    change = AttemptChange(
        attempt_id=attempt_id,
        student_id=student_id,
        student=username,
        number=number,
        old_score=score,
        new_score=result.score,
        old_max_score=max_score,
        new_max_score=result.max_score,
        old_percent=percent,
        new_percent=result.percent,
        old_passed=passed,
        new_passed=new_passed,
        responses_changed=len(responses),
    )
    attempt = (*new, attempt_id) if (score, max_score, percent, passed) != new else None
    return _Regraded(change, responses, attempt)
