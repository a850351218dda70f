"""What the teacher's reports show: rows read in a fixed number of queries, figures from statistics.py.

Each report reads plain values (`values()` / `values_list()`, no model
instances), one query per kind of row, so a report of 1,000 attempts runs the
same queries as a report of 10. The figures are computed in Python by the pure
functions of quizzes/statistics.py; templates and CSV files only format them.

Which attempts a report covers is decided in one place, `report_attempts`:
finished attempts at the quiz, by students the viewer teaches (every student
for a superuser), narrowed by class and by the day they were submitted.

"Highest" picks each student's attempt with the highest score as graded
(Attempt.score). The "wrong answers" of a flagged question are its responses
without full marks: wrong, partly right and blank ones ("" is shown as "No
answer"), counted over the attempts analysed.

Statistics read the marks the questions earned (Response.points). An attempt
scored 0 for being late under the "no points" policy keeps its marks there,
which is what an item analysis needs: how the questions were answered. A
question added after an attempt started has no response in it and counts as
0 for that attempt, as an unanswered question does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from quizzes import scoring, statistics
from quizzes.models import Attempt, Question, Quiz, Response, SchoolClass
from quizzes.models.attempt import AttemptQuerySet
from quizzes.review import ShownOption, answer_given

# The quiz's grading method names the attempt that counts; the statistics start from the same one.
# "average" has no single attempt, so every attempt is analysed, as Moodle does.
METHOD_FOR_GRADING = {
    scoring.FIRST: statistics.FIRST,
    scoring.HIGHEST: statistics.HIGHEST,
    scoring.LATEST: statistics.LAST,
    scoring.AVERAGE: statistics.ALL,
}

CHART_WIDTH, CHART_HEIGHT = 600, 200
WRONG_ANSWERS_SHOWN = 3


def default_method(quiz: Quiz) -> str:
    return METHOD_FOR_GRADING.get(quiz.grading_method, statistics.ALL)


# --- whose attempts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VisibleClasses:
    """The classes a viewer may filter by, and which of them each student belongs to."""

    choices: tuple[tuple[int, str], ...]  # (pk, name), in name order
    of_student: dict[int, tuple[str, ...]]  # student pk -> class names

    def names_for(self, student_id: int) -> tuple[str, ...]:
        return self.of_student.get(student_id, ())


def visible_classes(user) -> VisibleClasses:
    """One query: the viewer's classes (every class for a superuser), with their members."""
    rows = SchoolClass.objects.taught_by(user).order_by("name", "pk").values_list("pk", "name", "memberships__student")
    choices: dict[int, str] = {}
    of_student: dict[int, list[str]] = defaultdict(list)
    for pk, name, student_id in rows:
        choices[pk] = name
        if student_id is not None:
            of_student[student_id].append(name)
    return VisibleClasses(tuple(choices.items()), {student: tuple(names) for student, names in of_student.items()})


def report_attempts(
    *,
    quiz: Quiz,
    viewer,
    school_class: int | None = None,
    submitted_from: date | None = None,
    submitted_to: date | None = None,
) -> AttemptQuerySet:
    """The finished attempts a report covers. Not evaluated: reports use it as a subquery.

    `school_class` must be one of the viewer's classes (the filter form offers
    no other); even if it is not, `visible_to` keeps the viewer to their own students.
    The dates are whole days in the site's time zone, both included.
    """
    attempts = Attempt.objects.finished().filter(quiz=quiz).visible_to(viewer)
    if school_class is not None:
        attempts = attempts.in_class(school_class)
    if submitted_from is not None:
        attempts = attempts.filter(submitted_at__gte=_start_of(submitted_from))
    if submitted_to is not None:
        attempts = attempts.filter(submitted_at__lt=_start_of(submitted_to + timedelta(days=1)))
    return attempts


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- the quiz's questions and the marks matrix -------------------------------------------------------


@dataclass(frozen=True)
class QuestionColumn:
    pk: int
    number: int  # 1, 2, 3 … in the quiz's order
    type: str
    type_label: str
    excerpt: str  # the prompt on one line, cut at 80 characters
    max_points: Decimal


def question_columns(quiz: Quiz) -> list[QuestionColumn]:
    """One query: the quiz's questions in order, as the columns of both reports."""
    rows = quiz.questions.order_by("order", "pk").values_list("pk", "type", "prompt", "points")
    labels = dict(Question.Type.choices)
    return [
        QuestionColumn(pk, number, kind, str(labels.get(kind, kind)), str(Question(prompt=prompt)), points)
        for number, (pk, kind, prompt, points) in enumerate(rows, start=1)
    ]


def _marks(attempts: AttemptQuerySet) -> dict[int, dict[int, Decimal]]:
    """One query: attempt pk -> question pk -> points earned, for every response of the attempts."""
    marks: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = (
        Response.objects.filter(attempt__in=attempts.values("pk"))
        .order_by()
        .values_list("attempt_id", "question_id", "points")
    )
    for attempt_id, question_id, points in rows:
        marks[attempt_id][question_id] = points if points is not None else Decimal(0)
    return marks


# --- item statistics -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _AttemptRow:
    """An attempt as statistics.select_attempts needs it, with its pk to find its marks."""

    pk: int
    student_id: int
    number: int
    started: datetime
    total: Decimal


@dataclass(frozen=True)
class QuestionReport:
    column: QuestionColumn
    figures: statistics.QuestionStatistics
    wrong_answers: tuple[tuple[str, int], ...] = ()  # (answer as shown, how many gave it); "" is no answer


@dataclass(frozen=True)
class Chart:
    """The score distribution: the bins for the table, the bars for the SVG (in user units)."""

    width: int
    height: int
    bins: tuple[statistics.Bin, ...]
    bars: tuple[statistics.Bar, ...]

    @property
    def attempts(self) -> int:
        return sum(item.count for item in self.bins)

    @property
    def columns(self) -> list[dict]:
        """Each bar with where its labels go: the template cannot do arithmetic."""
        return [
            {"bar": bar, "centre": bar.x + bar.width / 2, "count_y": bar.y - 6, "label_y": self.height + 18}
            for bar in self.bars
        ]


@dataclass(frozen=True)
class StatisticsReport:
    method: str
    quiz: statistics.QuizStatistics
    questions: tuple[QuestionReport, ...]
    chart: Chart

    @property
    def flagged(self) -> tuple[QuestionReport, ...]:
        return tuple(question for question in self.questions if question.figures.needs_review)


def statistics_report(*, attempts: AttemptQuerySet, columns: list[QuestionColumn], method: str) -> StatisticsReport:
    """Three queries (attempts, marks, wrong answers of the flagged questions), then statistics.py."""
    rows = [
        _AttemptRow(*values)
        for values in attempts.order_by("started_at", "pk").values_list(
            "pk", "student_id", "number", "started_at", "score"
        )
    ]
    chosen = statistics.select_attempts(rows, method)
    marks = _marks(attempts)
    matrix = [[marks[row.pk].get(column.pk, Decimal(0)) for column in columns] for row in chosen]
    analysis = statistics.item_analysis(matrix, [column.max_points for column in columns])

    flagged = [column for column, figures in zip(columns, analysis.questions, strict=True) if figures.needs_review]
    wrong = _wrong_answers(attempts, flagged, {row.pk for row in chosen})
    questions = tuple(
        QuestionReport(
            column,
            figures,
            tuple(statistics.frequent_wrong_answers(wrong.get(column.pk, ()), limit=WRONG_ANSWERS_SHOWN)),
        )
        for column, figures in zip(columns, analysis.questions, strict=True)
    )
    max_total = sum(column.max_points for column in columns)
    percents = [100 * sum(row) / max_total for row in matrix] if max_total else []
    bins = statistics.distribution(percents)
    bars = statistics.chart_geometry(bins, CHART_WIDTH, CHART_HEIGHT)
    chart = Chart(CHART_WIDTH, CHART_HEIGHT, tuple(bins), tuple(bars))
    return StatisticsReport(method=method, quiz=analysis.quiz, questions=questions, chart=chart)


def _wrong_answers(
    attempts: AttemptQuerySet, questions: list[QuestionColumn], chosen: set[int]
) -> dict[int, list[tuple[str, bool]]]:
    """One query: question pk -> (answer as shown, False) for each response without full marks.

    Each response comes with the options its attempt showed (an outer join: one
    row per option, or one row with none for typed answers); `answer_shown`
    turns them into the text the attempt's review shows.
    """
    if not questions or not chosen:
        return {}
    kinds = {column.pk: column.type for column in questions}
    rows = (
        Response.objects.filter(attempt__in=attempts.values("pk"), question__in=list(kinds))
        .exclude(is_correct=True)
        .order_by("pk", "options__position")
        .values_list(
            "pk",
            "attempt_id",
            "question_id",
            "text_answer",
            "options__choice_id",
            "options__choice__text",
            "options__choice__match_text",
            "options__selected",
            "options__given_position",
            "options__matched_to_id",
        )
    )
    responses: dict[int, tuple[int, str, list[ShownOption]]] = {}
    for pk, attempt_id, question_id, text, choice_id, choice_text, match_text, selected, position, matched in rows:
        if attempt_id not in chosen:
            continue
        _question, _text, options = responses.setdefault(pk, (question_id, text, []))
        if choice_id is not None:
            options.append(ShownOption(choice_id, choice_text, match_text, selected, position, matched))
    answers: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for question_id, text, options in responses.values():
        answers[question_id].append((answer_shown(kinds[question_id], text, options), False))
    return answers


def answer_shown(kind: str, text_answer: str, options: list[ShownOption]) -> str:
    """The student's answer as the attempt's review shows it, on one line ("" for no answer)."""
    return "; ".join(answer_given(kind, text_answer, options))


# --- responses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRow:
    attempt_id: int
    student: str  # full name, or the username when there is none
    username: str
    classes: tuple[str, ...]
    number: int
    started: datetime
    submitted: datetime
    state: str
    score: Decimal
    max_score: Decimal
    percent: Decimal
    points: tuple[Decimal | None, ...]  # per question, in the columns' order; None: not in this attempt

    @property
    def duration(self) -> timedelta:
        return self.submitted - self.started


def responses_report(
    *, attempts: AttemptQuerySet, columns: list[QuestionColumn], classes: VisibleClasses
) -> list[ResponseRow]:
    """Two queries (attempts with their students, marks): one row per attempt, by student then attempt number."""
    states = dict(Attempt.State.choices)
    marks = _marks(attempts)
    rows = attempts.order_by(
        "student__last_name", "student__first_name", "student__username", "student_id", "number"
    ).values_list(
        "pk",
        "student_id",
        "student__username",
        "student__first_name",
        "student__last_name",
        "number",
        "started_at",
        "submitted_at",
        "state",
        "score",
        "max_score",
        "percent",
    )
    report = []
    for pk, student_id, username, first, last, number, started, submitted, state, score, max_score, percent in rows:
        earned = marks.get(pk, {})
        report.append(
            ResponseRow(
                attempt_id=pk,
                student=f"{first} {last}".strip() or username,
                username=username,
                classes=classes.names_for(student_id),
                number=number,
                started=started,
                submitted=submitted,
                state=str(states.get(state, state)),
                score=score,
                max_score=max_score,
                percent=percent,
                points=tuple(earned.get(column.pk) for column in columns),
            )
        )
    return report


# --- formatting, shared by the templates and the CSV files ---------------------------------------------


def figure(value: float | Decimal | None, places: int = 2) -> str:
    """A statistic to `places` decimals; "" when it cannot be computed (templates show a dash)."""
    return "" if value is None else f"{value:.{places}f}"


def duration_text(duration: timedelta) -> str:
    """H:MM:SS, which spreadsheets read as a duration."""
    seconds = max(int(duration.total_seconds()), 0)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
