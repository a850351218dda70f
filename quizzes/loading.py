"""Load the question bank into the database, in one transaction.

Quizzes and questions are matched by their key. A question a teacher edited in
the admin (its text or its answer key) is kept unless `force` is given, as with
the lesson content. A choice that attempts have shown is never deleted: the
load stops and says so, and nothing is changed. A passage missing from its
section is an error in the file, unless a teacher has since rewritten that
section in the admin: then the question is skipped and reported, as
`load_essay` does with the notes on such a section.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from lessons.caching import reader_pages_changed
from lessons.loading import ChildRows, ContentError, LoadReport, sync_sourced
from lessons.models import Lesson, Section
from quizzes.bank import NUMBER_PLACES, Bank, QuestionData
from quizzes.models import AcceptedAnswer, Choice, Question, Quiz


def _choices_now(question: Question) -> list[list[Any]]:
    return [[c.text, c.match_text, c.is_correct, c.feedback] for c in question.choices.order_by("order", "pk")]


def _accepted_now(question: Question) -> list[list[Any]]:
    return [[a.text, a.number, a.tolerance] for a in question.accepted_answers.order_by("pk")]


def _children(data: QuestionData) -> ChildRows:
    loaded_choices = [[c.text, c.match, c.correct, c.feedback] for c in data.choices]
    loaded_accepted = [[a.text, a.number, a.tolerance.quantize(NUMBER_PLACES)] for a in data.accepted]

    def write(question: Question) -> None:
        _replace_in_place(
            question.choices.order_by("order", "pk"),
            loaded_choices,
            Choice,
            question,
            lambda row, values, n: _set(
                row, text=values[0], match_text=values[1], is_correct=values[2], feedback=values[3], order=n
            ),
        )
        _replace_in_place(
            question.accepted_answers.order_by("pk"),
            loaded_accepted,
            AcceptedAnswer,
            question,
            lambda row, values, n: _set(row, text=values[0], number=values[1], tolerance=values[2]),
        )

    return ChildRows(
        loaded={"choices": loaded_choices, "accepted": loaded_accepted},
        current=lambda question: {"choices": _choices_now(question), "accepted": _accepted_now(question)},
        write=write,
    )


def _set(row: Any, **values: Any) -> Any:
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _replace_in_place(existing_rows, wanted: list, model, question: Question, apply) -> None:
    """Make the child rows match `wanted` while keeping the identity of rows attempts point to.

    A wanted row first takes an existing row with the same text (so reordering
    never turns one answer into another in old attempts), then any row left,
    in order (so a corrected typo stays the same choice); the rest are new.
    """
    existing = list(existing_rows)
    unused = list(existing)
    paired: list = [None] * len(wanted)
    for n, values in enumerate(wanted):
        same = next((row for row in unused if row.text == values[0]), None)
        if same is not None:
            paired[n] = same
            unused.remove(same)
    for n in range(len(wanted)):
        if paired[n] is None:
            paired[n] = unused.pop(0) if unused else model(question=question)
    for n, (row, values) in enumerate(zip(paired, wanted, strict=True), start=1):
        apply(row, values, n).save()
    try:
        for row in unused:
            row.delete()
    except ProtectedError:
        raise ContentError(
            f"Question {question.source_key!r}: cannot remove {model._meta.verbose_name} {str(unused[0])!r}, "
            "because students' attempts showed it. Change the question in the admin instead."
        ) from None


def question_bank_load(*, bank: Bank, force: bool = False) -> LoadReport:
    report = _question_bank_load(bank=bank, force=force)
    if report.changed:
        reader_pages_changed()  # section pages show their quiz
    return report


@transaction.atomic
def _question_bank_load(*, bank: Bank, force: bool) -> LoadReport:
    report = LoadReport()
    lesson = Lesson.objects.filter(slug=bank.lesson).first()
    if lesson is None:
        raise ContentError(f"There is no lesson {bank.lesson!r}: load the essay first (manage.py load_essay).")
    sections = {section.number: section for section in Section.objects.filter(lesson=lesson)}

    def section_for(number: int | None, what: str) -> Section | None:
        if number is None:
            return None
        if number not in sections:
            raise ContentError(f"{what}: the lesson has no section {number}.")
        return sections[number]

    quizzes: dict[str, Quiz] = {}
    for data in bank.quizzes:
        quizzes[data.key], _ = sync_sourced(
            Quiz,
            key=data.key,
            values={
                "title": data.title,
                "slug": data.key,
                "description": data.description,
                "section": section_for(data.section, f"Quiz {data.key!r}"),
                "is_published": True,
                "pass_mark": data.pass_mark,
                "max_attempts": data.max_attempts,
                "time_limit_minutes": data.time_limit_minutes,
                "shuffle_questions": data.shuffle_questions,
                "shuffle_choices": data.shuffle_choices,
                "review": data.review,
                "grading_method": data.grading_method,
            },
            force=force,
            report=report,
            label=data.title,
        )

    order_in_quiz: dict[str, int] = {}
    for data in bank.questions:
        what = f"Question {data.key!r}"
        section = section_for(data.section, what)
        passage = data.passage
        # Counted before any skip, so one skipped question does not renumber the rest.
        order_in_quiz[data.quiz] = order_in_quiz.get(data.quiz, 0) + 1
        if section is not None and passage and section.paragraph_number_of(passage) is None:
            if not section.edited_since_load():
                raise ContentError(f"{what}: the passage {passage!r} is not in section {section.number}'s text.")
            report.skipped.append(
                f"Skipped question {data.key!r}: its passage {passage!r} is no longer in section "
                f"{section.number}, which a teacher edited."
            )
            continue
        sync_sourced(
            Question,
            key=data.key,
            values={
                "quiz": quizzes[data.quiz],
                "order": order_in_quiz[data.quiz],
                "type": data.type,
                "prompt": data.prompt,
                "points": data.points,
                "explanation": data.explanation,
                "section": section,
                "passage": passage,
                "ordering_grading": data.ordering_grading,
            },
            force=force,
            report=report,
            label=data.key,
            children=_children(data),
        )
    return report
