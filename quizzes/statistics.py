"""Item statistics for a quiz, computed as Moodle's quiz statistics report does.

Pure: plain numbers in (a matrix of marks, one row per attempt and one column
per question, and each question's maximum), frozen dataclasses out. No ORM, no
request, no clock. Views fetch the marks, call `item_analysis`, and let the
templates format the numbers.

With s attempts, x an attempt's mark on question i, m_i that question's
maximum, X the attempt's total and Y = X − x (the rest of the test); variances
and covariances divide by s − 1:

- facility F_i = 100 · mean(x) / m_i; standard deviation of x, also as % of m_i;
- discrimination index D_i = 100 · Cov(x, Y) / √(Var(x) · Var(Y));
- discriminative efficiency = 100 · Cov(x, Y) / Cov_max, where Cov_max is the
  covariance of the sorted x with the sorted Y (both ascending): the largest
  covariance these marks could have with the rest of the test;
- whole test: mean, median, standard deviation, skewness, kurtosis,
  CIC = 100 · P/(P − 1) · (1 − Σ Var(x_i) / Var(X)) (Cronbach's α × 100),
  error ratio ER = 100 · √(1 − CIC/100), standard error = ER · SD / 100.

Sources read (moodle/moodle on GitHub):
- question/classes/statistics/questions/calculator.php, `initial_question_walker`
  (facility = markaverage / maxmark, null when maxmark is 0) and
  `secondary_steps_walker` / `secondary_question_walker` (the (s − 1) sums,
  Cov_max from the two sorted arrays, discrimination index null when
  Var(x) · Var(Y) is 0, discriminative efficiency null when Cov_max is 0);
  lines 442–452 in the Moodle 2.8 cross-reference.
- mod/quiz/report/statistics/classes/calculator.php, `calculate` (test SD,
  skewness, kurtosis, CIC, error ratio, standard error) and `median`, which
  point to docs.moodle.org/dev/Quiz_statistics_calculations_in_practice.
- mod/quiz/report/statistics/statistics_table.php (`col_facility` shows
  facility × 100, `col_sd` shows sd × 100 / maxmark, `is_dubious_question`).
- mod/quiz/report/reportlib.php, `quiz_report_grade_method_sql` (which
  attempts count for first, highest, last and all).

Where this module and Moodle differ, the issue's rules win:
- Moodle marks a question "dubious" when its discriminative efficiency is
  below 15 %. The issue flags facility outside 10–90 % or a discrimination
  index below 30 (see `review_flags`).
- Moodle computes CIC, error ratio and standard error only when s > 2 (they
  sit inside its skewness branch). The issue divides by s − 1, so here they
  exist from s = 2.
- Moodle reports facility 0 for a question nobody attempted (its average
  falls back to 0) and takes √ of a negative number (NaN) for the error ratio
  of a CIC above 100. Both are None here: undefined, shown as a dash.
- No question is flagged before MIN_ATTEMPTS_TO_FLAG (2) attempts are
  analysed: the tech lead's decision, as Moodle hides facility below 2.
- Moodle stores facility as a fraction and multiplies by 100 for display;
  here facility and every "_percent" field are already percentages.

Every value that cannot be computed (s < 2 for anything with a variance,
P < 2 for CIC, a zero variance or maximum, a negative 1 − CIC/100) is None,
never an exception. Nothing is rounded here: floats at full precision, for
the templates to format (Moodle shows two decimals).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol, TypeVar

Number = int | float | Decimal

# Review thresholds from the issue (percent; a value on the boundary passes).
FACILITY_MIN = 10.0
FACILITY_MAX = 90.0
DISCRIMINATION_MIN = 30.0
# The tech lead's rule: no question is flagged on fewer attempts than this. One
# attempt gives a facility of 0 or 100 % for every question, which says nothing
# about the question (Moodle hides facility below 2 attempts).
MIN_ATTEMPTS_TO_FLAG = 2

TOO_HARD = "too_hard"
TOO_EASY = "too_easy"
WEAK_DISCRIMINATION = "weak_discrimination"
FLAG_TEXT = {
    TOO_HARD: "Facility below 10 %: almost nobody earns the marks, so it tells students apart poorly.",
    TOO_EASY: "Facility above 90 %: almost everybody earns the marks, so it tells students apart poorly.",
    WEAK_DISCRIMINATION: (
        "Discrimination index below 30: students who do well on the rest of the quiz "
        "do not do clearly better on this question. Check the answer key and the wording."
    ),
}

NOTE_TOO_FEW = "Needs at least two attempts."
NOTE_SAME_MARK = "Every attempt earned the same mark on this question, so it cannot tell students apart."
NOTE_ONLY_QUESTION = "This is the only question, so there is no rest of the quiz to compare it with."
NOTE_SAME_REST = "Every attempt earned the same total on the rest of the quiz, so there is nothing to compare with."

FIRST, HIGHEST, LAST, ALL = "first", "highest", "last", "all"
METHODS = (FIRST, HIGHEST, LAST, ALL)

# Float noise: a total of 0.1 + 0.2 marks minus 0.2 is not exactly 0.1, so "all
# equal" and "on the boundary" allow a difference this small (relative to the
# values). Real marks differ by far more.
_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class QuestionStatistics:
    """One question (one column of the matrix). Percentages are 0–100."""

    column: int  # 0-based, the column in the matrix passed to `item_analysis`
    max_mark: float
    attempts: int
    mean: float | None  # in marks
    facility: float | None  # mean as % of max_mark
    sd: float | None  # in marks
    sd_percent: float | None  # sd as % of max_mark
    variance: float | None  # Var(x), its share of CIC
    covariance: float | None  # Cov(x, Y) with the rest of the test
    covariance_max: float | None  # Cov(sorted x, sorted Y)
    discrimination: float | None  # −100 … 100
    efficiency: float | None  # discriminative efficiency
    discrimination_note: str | None  # why discrimination is None, for the teacher
    flags: tuple[str, ...]  # keys of FLAG_TEXT

    @property
    def needs_review(self) -> bool:
        return bool(self.flags)

    @property
    def flag_texts(self) -> tuple[str, ...]:
        return tuple(FLAG_TEXT[flag] for flag in self.flags)


@dataclass(frozen=True, slots=True)
class QuizStatistics:
    """The whole test: totals X in marks, and as % of max_total."""

    attempts: int
    questions: int
    max_total: float
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None  # excess kurtosis: 0 for a normal distribution
    cic: float | None  # coefficient of internal consistency, %
    error_ratio: float | None  # %
    standard_error: float | None  # in marks
    mean_percent: float | None
    median_percent: float | None
    sd_percent: float | None
    standard_error_percent: float | None


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    quiz: QuizStatistics
    questions: tuple[QuestionStatistics, ...]

    @property
    def flagged(self) -> tuple[QuestionStatistics, ...]:
        return tuple(question for question in self.questions if question.needs_review)


@dataclass(frozen=True, slots=True)
class Bin:
    label: str  # "0–10"; the last bin includes its high end
    low: float
    high: float
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the distribution chart, in SVG user units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


class AttemptLike(Protocol):
    @property
    def student_id(self) -> object: ...
    @property
    def number(self) -> int: ...
    @property
    def started(self) -> datetime | float: ...  # a timestamp, or any number that orders the attempts
    @property
    def total(self) -> Number: ...


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """A plain attempt for `select_attempts`; any object with these attributes works."""

    student_id: object
    number: int
    started: datetime | float
    total: Number
    marks: tuple[Number, ...] = ()  # the attempt's row of the matrix, if the caller wants it carried along


Attempt = TypeVar("Attempt", bound=AttemptLike)


# --- item analysis -----------------------------------------------------------


def item_analysis(marks: Sequence[Sequence[Number]], max_marks: Sequence[Number]) -> ItemAnalysis:
    """Statistics for every question and for the whole test.

    `marks` has one row per attempt and one column per question (an unanswered
    question counts as its mark, usually 0, as in Moodle). O(s·P) plus one sort
    per question.
    """
    maxima = [float(value) for value in max_marks]
    count = len(maxima)
    rows = [[float(value) for value in row] for row in marks]
    for number, row in enumerate(rows, start=1):
        if len(row) != count:
            raise ValueError(f"Attempt {number} has {len(row)} marks for {count} questions.")
    totals = [math.fsum(row) for row in rows]
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in maxima]
    questions = tuple(
        _question(column_index, column, totals, maxima[column_index], count)
        for column_index, column in enumerate(columns)
    )
    sum_of_variances = math.fsum(question.variance or 0.0 for question in questions)
    quiz = _quiz(totals, math.fsum(maxima), count, sum_of_variances)
    return ItemAnalysis(quiz=quiz, questions=questions)


def _question(column: int, x: list[float], totals: list[float], max_mark: float, count: int) -> QuestionStatistics:
    s = len(x)
    mean = math.fsum(x) / s if s else None
    # 100 · Σx / (s · m) rather than 100 · mean / m: one rounding, so 1 right
    # answer in 10 gives exactly 10.0, on the boundary.
    facility = 100 * math.fsum(x) / (s * max_mark) if s and max_mark else None
    variance = sd = covariance = covariance_max = discrimination = efficiency = None
    note: str | None = NOTE_TOO_FEW
    if s >= 2:
        rest = [total - mark for total, mark in zip(totals, x, strict=True)]
        dx = _deviations(x)
        dy = _deviations(rest)
        variance = math.fsum(d * d for d in dx) / (s - 1)
        rest_variance = math.fsum(d * d for d in dy) / (s - 1)
        covariance = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / (s - 1)
        # Sorting deviations sorts the values: Moodle pairs sorted x with sorted Y.
        covariance_max = math.fsum(a * b for a, b in zip(sorted(dx), sorted(dy), strict=True)) / (s - 1)
        sd = math.sqrt(variance)
        if variance and rest_variance:
            discrimination = 100 * covariance / math.sqrt(variance * rest_variance)
            note = None
        elif not variance:
            note = NOTE_SAME_MARK
        else:
            note = NOTE_ONLY_QUESTION if count == 1 else NOTE_SAME_REST
        if covariance_max:
            efficiency = 100 * covariance / covariance_max
    return QuestionStatistics(
        column=column,
        max_mark=max_mark,
        attempts=s,
        mean=mean,
        facility=facility,
        sd=sd,
        sd_percent=_percent(sd, max_mark),
        variance=variance,
        covariance=covariance,
        covariance_max=covariance_max,
        discrimination=discrimination,
        efficiency=efficiency,
        discrimination_note=note,
        flags=review_flags(facility, discrimination) if s >= MIN_ATTEMPTS_TO_FLAG else (),
    )


def _quiz(totals: list[float], max_total: float, count: int, sum_of_variances: float) -> QuizStatistics:
    s = len(totals)
    mean = median = sd = skewness = kurtosis = cic = None
    if s:
        mean = math.fsum(totals) / s
        ordered = sorted(totals)
        middle = s // 2
        # Moodle's median: the middle total, or the mean of the two middle ones.
        median = ordered[middle] if s % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if s >= 2:
        deviations = _deviations(totals)
        power2 = math.fsum(d**2 for d in deviations)
        power3 = math.fsum(d**3 for d in deviations)
        power4 = math.fsum(d**4 for d in deviations)
        # Moodle's sample-corrected moments (k-statistics), quiz calculator.php:
        #   m_r = Σ(X − mean)^r / s,  k2 = s·m2/(s − 1) = Var(X)
        #   k3 = s²·m3 / ((s − 1)(s − 2)),                       skewness = k3 / k2^(3/2)   (s > 2)
        #   k4 = s²·((s + 1)·m4 − 3(s − 1)·m2²) / ((s − 1)(s − 2)(s − 3)),  kurtosis = k4 / k2²  (s > 3)
        # the same as a spreadsheet's SKEW() and KURT().
        m2, m3, m4 = power2 / s, power3 / s, power4 / s
        k2 = power2 / (s - 1)
        sd = math.sqrt(k2)
        if k2:
            if s > 2:
                k3 = s * s * m3 / ((s - 1) * (s - 2))
                skewness = k3 / k2**1.5
            if s > 3:
                k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
                kurtosis = k4 / (k2 * k2)
            if count >= 2:
                cic = 100 * count / (count - 1) * (1 - sum_of_variances / k2)
    ratio = error_ratio(cic)
    standard_error = ratio * sd / 100 if ratio is not None and sd is not None else None
    return QuizStatistics(
        attempts=s,
        questions=count,
        max_total=max_total,
        mean=mean,
        median=median,
        sd=sd,
        skewness=skewness,
        kurtosis=kurtosis,
        cic=cic,
        error_ratio=ratio,
        standard_error=standard_error,
        mean_percent=_percent(mean, max_total),
        median_percent=_percent(median, max_total),
        sd_percent=_percent(sd, max_total),
        standard_error_percent=_percent(standard_error, max_total),
    )


def error_ratio(cic: float | None) -> float | None:
    """100 · √(1 − CIC/100); None when CIC is None or above 100.

    CIC cannot exceed 100 in exact arithmetic, but a perfectly consistent test
    can land a hair above it in floats: that is read as exactly 100 (ratio 0).
    """
    if cic is None:
        return None
    radicand = 1 - cic / 100
    if radicand < 0:
        if radicand < -_TOLERANCE:
            return None
        radicand = 0.0
    return 100 * math.sqrt(radicand)


def review_flags(facility: float | None, discrimination: float | None) -> tuple[str, ...]:
    """Why a question needs review (keys of FLAG_TEXT); empty if it does not.

    Facility outside 10–90 % or discrimination below 30; exactly 10, 90 or 30
    passes. An undefined value raises no flag (its note says why it is undefined).
    `item_analysis` asks only from MIN_ATTEMPTS_TO_FLAG attempts up.
    """
    flags = []
    if facility is not None and facility < FACILITY_MIN - _TOLERANCE:
        flags.append(TOO_HARD)
    if facility is not None and facility > FACILITY_MAX + _TOLERANCE:
        flags.append(TOO_EASY)
    if discrimination is not None and discrimination < DISCRIMINATION_MIN - _TOLERANCE:
        flags.append(WEAK_DISCRIMINATION)
    return tuple(flags)


def _deviations(values: list[float]) -> list[float]:
    """Differences from the mean; exactly 0 when the values are all equal but for float noise,
    so that a zero variance is recognised as zero and not divided by."""
    low, high = min(values), max(values)
    if high - low <= _TOLERANCE * max(1.0, abs(low), abs(high)):
        return [0.0] * len(values)
    mean = math.fsum(values) / len(values)
    return [value - mean for value in values]


def _percent(value: float | None, maximum: float) -> float | None:
    return 100 * value / maximum if value is not None and maximum else None


# --- frequent wrong answers ------------------------------------------------------


def frequent_wrong_answers(answers: Iterable[tuple[str, bool]], limit: int = 3) -> list[tuple[str, int]]:
    """The wrong answers given most often, as (answer text as shown, how many gave it).

    Texts count as the same only when identical (the caller decides how an answer
    is shown, e.g. "" for no answer). Most frequent first, ties in text order.
    """
    counts = Counter(text for text, correct in answers if not correct)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[: max(limit, 0)]


# --- score distribution -----------------------------------------------------------


def distribution(percents: Iterable[float | Decimal], bins: int = 10) -> list[Bin]:
    """Attempts per band of percent: 0–10, 10–20 … 90–100 for bins=10.

    Each band includes its low end; the last also includes 100. A percent
    below 0 or above 100 (negative marking, bad data) lands in the first or
    last band, so every attempt is counted.
    """
    if bins < 1:
        raise ValueError("A distribution needs at least one bin.")
    counts = [0] * bins
    for percent in percents:
        # Multiply before dividing: 30 · 10 / 100 is exactly 3, 30 / 10.0 need not be.
        index = math.floor(float(percent) * bins / 100)
        counts[min(max(index, 0), bins - 1)] += 1
    edges = [100 * index / bins for index in range(bins + 1)]
    return [
        Bin(label=f"{_edge(edges[index])}–{_edge(edges[index + 1])}", low=edges[index], high=edges[index + 1], count=n)
        for index, n in enumerate(counts)
    ]


def _edge(value: float) -> str:
    # A label only: whole numbers bare, others to one decimal ("33.3–66.7").
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def chart_geometry(bins: Sequence[Bin], width: float, height: float, *, gap: float = 0.2) -> list[Bar]:
    """Bars for an SVG of `width` × `height` user units, one per bin, left to right.

    Each bin gets an equal slot; `gap` is the share of the slot left empty
    (half on each side). The tallest bar fills the height; bars stand on the
    bottom edge (SVG's y grows downwards). Axes and labels are the template's.
    """
    if width <= 0 or height <= 0:
        raise ValueError("A chart needs a positive width and height.")
    if not 0 <= gap < 1:
        raise ValueError("The gap is a share of each slot, from 0 up to (not including) 1.")
    if not bins:
        return []
    slot = width / len(bins)
    tallest = max(item.count for item in bins)
    bars = []
    for index, item in enumerate(bins):
        bar_height = height * item.count / tallest if tallest else 0.0
        bars.append(
            Bar(
                x=index * slot + slot * gap / 2,
                y=height - bar_height,
                width=slot * (1 - gap),
                height=bar_height,
                label=item.label,
                count=item.count,
            )
        )
    return bars


# --- which attempts to analyse -----------------------------------------------------------


def select_attempts(attempts: Iterable[Attempt], method: str) -> list[Attempt]:
    """The attempts the statistics are based on, in their original order.

    "first", "highest" and "last" keep one attempt per student; "all" keeps every
    attempt (Moodle then treats each as if by a different student). "Earlier"
    means an earlier start, then a lower attempt number; the highest total's
    ties go to the earliest attempt, as in Moodle's quiz_report_grade_method_sql
    (which orders by attempt number alone: the same when numbers follow start times).
    """
    if method not in METHODS:
        raise ValueError(f"Unknown attempt selection {method!r}; use one of {', '.join(METHODS)}.")
    attempts = list(attempts)
    if method == ALL:
        return attempts
    chosen: dict[object, int] = {}
    for position, attempt in enumerate(attempts):
        current = chosen.get(attempt.student_id)
        if current is None or _better(attempt, attempts[current], method):
            chosen[attempt.student_id] = position
    return [attempts[position] for position in sorted(chosen.values())]


def _better(candidate: AttemptLike, current: AttemptLike, method: str) -> bool:
    candidate_key = (candidate.started, candidate.number)
    current_key = (current.started, current.number)
    if method == FIRST:
        return candidate_key < current_key
    if method == LAST:
        return candidate_key > current_key
    return candidate.total > current.total or (candidate.total == current.total and candidate_key < current_key)
