"""State changes of attempts: start, save answers, submit.

Each runs in one transaction and locks what it changes, so a double click,
two tabs or two app servers never grade an attempt twice or half-save it.
Views, the admin and management commands all go through these functions.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from history_site.prepared import PreparedQuery
from quizzes import scoring
from quizzes.bulk import update_row, update_rows
from quizzes.models import Accommodation, Attempt, Quiz, Response, ResponseOption
from quizzes.paper import PaperQuestion, load_paper


class QuizUnavailable(Exception):
    """The student cannot start this quiz now; the message says why."""


class AttemptClosed(Exception):
    """The attempt was already submitted; nothing was changed."""


@dataclass(frozen=True)
class SubmitOutcome:
    attempt: Attempt
    graded_now: bool  # False when an earlier request had already graded it


def attempts_used(*, student, quiz: Quiz) -> int:
    return Attempt.objects.finished().filter(student=student, quiz=quiz).count()


def accommodation_of(*, student, quiz: Quiz) -> Accommodation | None:
    return Accommodation.objects.filter(student=student, quiz=quiz).first()


def attempt_deadline(*, quiz: Quiz, student, now: datetime) -> datetime | None:
    """When an attempt started now must be in: the time limit with the student's extra time,
    capped by the closing time."""
    return quiz.deadline_for(now, accommodation_of(student=student, quiz=quiz))


def attempt_start(*, student, quiz: Quiz, now: datetime, rng: random.Random | None = None) -> Attempt:
    """Resume the student's unfinished attempt, or start a new one if the quiz allows it."""
    _finish_abandoned(student=student, quiz=quiz, now=now)
    try:
        return _attempt_start(student=student, quiz=quiz, now=now, rng=rng or random.Random())
    except IntegrityError:
        # A concurrent start for the same student and quiz won the race; the
        # one-in-progress constraint stopped this one. Resume theirs.
        existing = Attempt.objects.in_progress().filter(student=student, quiz=quiz).first()
        if existing is None:
            raise
        return existing


def _lock_student(student) -> None:
    # Serialise this student's starts (double click, two tabs): lock their row.
    list(get_user_model().objects.select_for_update().filter(pk=student.pk).values_list("pk"))


@transaction.atomic
def _finish_abandoned(*, student, quiz: Quiz, now: datetime) -> None:
    """Finish, as overdue, an attempt left open past its deadline.

    Its own transaction: the attempt stays finished even when the start that
    follows is refused (no attempts left, quiz closed), which would roll back
    everything done in the start's transaction.
    """
    _lock_student(student)
    current = Attempt.objects.select_for_update().in_progress().filter(student=student, quiz=quiz).first()
    if current is not None and current.is_late(now):
        current.quiz = quiz
        _finish(current, paper=load_paper(current.pk, with_keys=True, with_texts=False), now=now)


@transaction.atomic
def _attempt_start(*, student, quiz: Quiz, now: datetime, rng: random.Random) -> Attempt:
    _lock_student(student)
    current = Attempt.objects.in_progress().filter(student=student, quiz=quiz).first()
    if current is not None:
        if not current.is_late(now):
            return current
        _finish(
            current, paper=load_paper(current.pk, with_keys=True, with_texts=False), now=now
        )  # abandoned past its deadline

    reason = quiz.closed_reason(now)
    if reason:
        raise QuizUnavailable(reason)
    accommodation = accommodation_of(student=student, quiz=quiz)
    allowed = quiz.attempts_allowed(accommodation)
    if allowed is not None and attempts_used(student=student, quiz=quiz) >= allowed:
        raise QuizUnavailable(_("You have used all %(count)d of your attempts at this quiz.") % {"count": allowed})
    questions = list(quiz.questions.prefetch_related("choices"))
    if not questions:
        raise QuizUnavailable(_("This quiz has no questions yet."))

    last = Attempt.objects.filter(student=student, quiz=quiz).aggregate(last=Max("number"))["last"] or 0
    attempt = Attempt.objects.create(
        student=student,
        quiz=quiz,
        number=last + 1,
        started_at=now,
        deadline=quiz.deadline_for(now, accommodation),
    )
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    responses = Response.objects.bulk_create(
        [Response(attempt=attempt, question=question, position=n) for n, question in enumerate(questions, start=1)]
    )
    options = []
    for response, question in zip(responses, questions, strict=True):
        choices = _presentation_order(question, shuffle=quiz.shuffle_choices, rng=rng)
        options += [ResponseOption(response=response, choice=c, position=n) for n, c in enumerate(choices, start=1)]
    ResponseOption.objects.bulk_create(options)
    return attempt


def _presentation_order(question, *, shuffle: bool, rng: random.Random) -> list:
    choices = list(question.choices.all())
    if question.type == scoring.ORDERING:
        # Shown in the right order, the question would answer itself.
        correct = list(choices)
        while len(choices) > 1 and choices == correct:
            rng.shuffle(choices)
    elif shuffle and question.type != scoring.TRUE_FALSE:
        rng.shuffle(choices)
    return choices


def answer_paper(paper: Sequence[PaperQuestion], answers: Mapping[int, scoring.Answer]) -> list[PaperQuestion]:
    """The paper with the answers (question id -> Answer) in place; a question missing from them is blank. Pure."""
    blank = scoring.Answer()
    return [question.answered_with(answers.get(question.question_id, blank)) for question in paper]


def _write_answers(before: Sequence[PaperQuestion], after: Sequence[PaperQuestion], *, write_texts: bool) -> None:
    """Write the answers of the answered paper `after` onto the attempt's rows, as they were in `before`.

    Only the options whose answer changed are written; typed answers too when
    `write_texts` (a submit writes them with the points instead, in one statement).
    """
    options = [
        (new.selected, new.given_position, new.matched_to_id, new.id)
        for old_question, new_question in zip(before, after, strict=True)
        for old, new in zip(old_question.options, new_question.options, strict=True)
        if (old.selected, old.given_position, old.matched_to_id)
        != (new.selected, new.given_position, new.matched_to_id)
    ]
    update_rows(ResponseOption, ["selected", "given_position", "matched_to"], options)
    if write_texts:
        texts = [
            (new.text_answer, new.response_id)
            for old, new in zip(before, after, strict=True)
            if old.text_answer != new.text_answer
        ]
        update_rows(Response, ["text_answer"], texts)


# What decides a save or submit, read again under the attempt's lock: prepared, as every save
# and submit takes it. No join: FOR UPDATE over a join would also lock the quiz row, and
# every submit to that quiz would wait for the one before it.
_LOCKED_STATE = PreparedQuery(
    lambda pk: Attempt.objects.select_for_update().filter(pk=pk).values_list("state", "deadline")
)


def _lock(attempt: Attempt) -> Attempt:
    """Lock the attempt's row; the attempt as it stands. An open attempt is `attempt` itself with
    its state and deadline refreshed (its other fields change only when it closes); a closed one
    is read whole, for its result."""
    rows = _LOCKED_STATE.rows(pk=attempt.pk)
    if not rows:
        raise Attempt.DoesNotExist(f"Attempt {attempt.pk} no longer exists.")
    state, deadline = rows[0]
    if state != Attempt.State.IN_PROGRESS:
        return Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    attempt.state, attempt.deadline = state, deadline
    return attempt


def grade_paper(paper: Sequence[PaperQuestion]) -> list[scoring.Grade]:
    """Grade every question of a paper loaded with keys, as it stands. Pure: no writes."""
    return [scoring.grade_response(question.answer_key(), question.saved_answer()) for question in paper]


def attempt_result(grades: Sequence[scoring.Grade], *, quiz: Quiz, overdue: bool) -> tuple[scoring.AttemptScore, bool]:
    """An attempt's score and whether it passed, by the quiz's rules (overdue policy, pass mark). Pure."""
    result = scoring.total(list(grades))
    if overdue and quiz.overdue_policy == Quiz.OverduePolicy.NO_POINTS:
        result = scoring.AttemptScore(Decimal("0.00"), result.max_score)
    return result, result.percent >= quiz.pass_mark


def _finish(
    attempt: Attempt,
    *,
    paper: Sequence[PaperQuestion],
    now: datetime,
    grades: Sequence[scoring.Grade] | None = None,
) -> None:
    """Grade the recorded answers (unless `grades` of them are given) and close the attempt.
    Call inside a transaction, attempt locked."""
    grades = grade_paper(paper) if grades is None else grades
    update_rows(
        Response,
        ["text_answer", "points", "is_correct"],
        [
            (question.text_answer, grade.points, grade.correct, question.response_id)
            for question, grade in zip(paper, grades, strict=True)
        ],
    )
    late = attempt.is_late(now)
    result, passed = attempt_result(grades, quiz=attempt.quiz, overdue=late)
    attempt.state = Attempt.State.OVERDUE if late else Attempt.State.SUBMITTED
    attempt.submitted_at = now
    attempt.score, attempt.max_score, attempt.percent = result.score, result.max_score, result.percent
    attempt.passed = passed
    # The conditional update is a second guard behind the row lock: it changes
    # nothing unless the attempt is still open.
    updated = update_row(
        Attempt,
        attempt.pk,
        {
            "state": attempt.state,
            "submitted_at": now,
            "score": attempt.score,
            "max_score": attempt.max_score,
            "percent": attempt.percent,
            "passed": attempt.passed,
        },
        only_if={"state": Attempt.State.IN_PROGRESS},
    )
    if updated != 1:
        raise AttemptClosed(_("This attempt was already submitted."))


def attempt_save(
    *,
    attempt: Attempt,
    answers: Mapping[int, scoring.Answer],
    now: datetime,
    paper: Sequence[PaperQuestion] | None = None,
) -> Attempt:
    """Keep the answers without grading, to finish later. Past the deadline, submits instead.

    `paper` may be the attempt's paper already loaded with keys: what an
    attempt presented never changes, so it need not be read again under the lock.
    """
    with transaction.atomic():
        locked = _lock(attempt)
        if not locked.is_in_progress:
            raise AttemptClosed(_("This attempt was already submitted; your earlier answers stand."))
        late = locked.is_late(now)
        paper = paper if paper is not None else load_paper(locked.pk, with_keys=True, with_texts=False)
        answered = answer_paper(paper, answers)
        _write_answers(paper, answered, write_texts=not late)
        if late:
            _finish(locked, paper=answered, now=now)
        else:
            locked.answers_saved_at = now
            Attempt.objects.filter(pk=locked.pk).update(answers_saved_at=now)
    return locked


def attempt_submit(
    *,
    attempt: Attempt,
    answers: Mapping[int, scoring.Answer],
    now: datetime,
    paper: Sequence[PaperQuestion] | None = None,
) -> SubmitOutcome:
    """Record and grade every answer, once. A repeated submit changes nothing and returns the result.

    `paper` may be the attempt's paper already loaded with keys (see attempt_save); it is
    then answered and graded before the transaction, which only checks the attempt under
    its lock and writes: SQLite lets one writer in at a time, so every millisecond
    spent holding the lock is one that other submits wait.
    """
    answered = grades = None
    if paper is not None:
        answered = answer_paper(paper, answers)
        grades = grade_paper(answered)
    try:
        with transaction.atomic():
            locked = _lock(attempt)
            if not locked.is_in_progress:
                return SubmitOutcome(locked, graded_now=False)
            if paper is None:
                paper = load_paper(locked.pk, with_keys=True, with_texts=False)
                answered = answer_paper(paper, answers)
                grades = grade_paper(answered)
            _write_answers(paper, answered, write_texts=False)
            _finish(locked, paper=answered, grades=grades, now=now)
    except AttemptClosed:
        return SubmitOutcome(Attempt.objects.get(pk=attempt.pk), graded_now=False)
    return SubmitOutcome(locked, graded_now=True)
