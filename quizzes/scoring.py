"""Grade one answer against one question's answer key. Pure: no database, no
request, no clock; plain values in, a small frozen Grade out.

Every question type is graded here and nowhere else. The rules a teacher may
need to explain to a student:

- single choice, true/false: full points for the one correct choice, else 0.
- multiple answers: with k correct choices, each correct choice ticked earns
  1/k of the points and each wrong choice ticked takes 1/k away; the total
  never goes below 0. (Moodle's weights of +100/k and -100/k give the same.)
- short text: full points if the answer equals an accepted answer once case,
  accents, punctuation and surrounding or repeated spaces are ignored
  ("ramon mercader" matches "Ramón Mercader").
- numeric: full points if the number lies within value ± tolerance of any
  accepted number. "1940", " 1940 ", "+1940" and "1940.0" are all 1940.
- ordering: per question, either all or nothing, or partial credit: the share
  of pairs of items the student put in the right relative order.
- matching: the share of prompts matched to the right answer.

Malformed answers (unknown ids, repeated positions, text where a number
belongs) never raise: they earn what they are worth, usually nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from itertools import combinations

SINGLE = "single"
TRUE_FALSE = "true_false"
MULTIPLE = "multiple"
SHORT_TEXT = "short_text"
NUMERIC = "numeric"
ORDERING = "ordering"
MATCHING = "matching"

CHOICE_TYPES = frozenset({SINGLE, TRUE_FALSE, MULTIPLE})
TYPED_TYPES = frozenset({SHORT_TEXT, NUMERIC})
ALL_TYPES = CHOICE_TYPES | TYPED_TYPES | {ORDERING, MATCHING}

CENT = Decimal("0.01")
ALL, NONE = Fraction(1), Fraction(0)  # shares of the points; made once (a Fraction is slow to make)
NONE_POINTS = Decimal("0.00")
NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True)
class Option:
    """One choice, ordering item or matching prompt, as the key sees it."""

    id: int
    correct: bool = False  # single, true/false, multiple
    match: str = ""  # matching: the answer that belongs to this prompt


@dataclass(frozen=True)
class NumericRange:
    value: Decimal
    tolerance: Decimal = Decimal(0)

    def contains(self, number: Decimal) -> bool:
        return abs(number - self.value) <= self.tolerance


@dataclass(frozen=True)
class AnswerKey:
    type: str
    points: Decimal
    # In the teacher's order; for ordering questions, that is the correct order.
    options: tuple[Option, ...] = ()
    texts: tuple[str, ...] = ()  # short text: accepted answers
    numbers: tuple[NumericRange, ...] = ()  # numeric: accepted ranges
    all_or_nothing: bool = False  # ordering: no partial credit


@dataclass(frozen=True)
class Answer:
    """What a student gave. Only the part for the question's type is used."""

    selected: frozenset[int] = frozenset()  # choice ids ticked
    text: str = ""  # short text or numeric, as typed
    positions: Mapping[int, int] = field(default_factory=dict)  # ordering: item id -> position (1 = first)
    matches: Mapping[int, int] = field(default_factory=dict)  # matching: prompt id -> chosen option id

    @property
    def is_blank(self) -> bool:
        return not (self.selected or self.text.strip() or self.positions or self.matches)


@dataclass(frozen=True)
class Grade:
    points: Decimal
    max_points: Decimal
    answered: bool = True

    @property
    def correct(self) -> bool:
        return self.answered and self.points >= self.max_points

    @property
    def status(self) -> str:
        """'correct', 'partial', 'incorrect' or 'unanswered'."""
        if not self.answered:
            return "unanswered"
        if self.correct:
            return "correct"
        return "partial" if self.points > 0 else "incorrect"


@functools.lru_cache(maxsize=4096)  # the accepted answers come back on every submit
def normalise_text(text: str) -> str:
    """Fold case and accents, drop punctuation, squeeze spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining accent
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).casefold().split())


def parse_number(text: str) -> Decimal | None:
    """A decimal from what a student typed, or None. A comma may be the decimal mark."""
    cleaned = "".join(text.split()).replace("\u2212", "-")
    if not cleaned or len(cleaned) > 40 or not NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def _points(share: Fraction, points: Decimal) -> Decimal:
    # Most answers are wholly right or wrong: no fraction arithmetic for those
    # (compared by numerator and denominator, which are plain ints).
    if share.numerator >= share.denominator:
        return points.quantize(CENT, rounding=ROUND_HALF_UP)
    if share.numerator <= 0:
        return NONE_POINTS
    exact = Fraction(points) * share
    earned = Decimal(exact.numerator) / Decimal(exact.denominator)
    rounded = earned.quantize(CENT, rounding=ROUND_HALF_UP)
    if share < 1 and rounded >= points:
        # Rounding to cents must not turn a nearly right answer into a correct one.
        return earned.quantize(CENT, rounding=ROUND_DOWN)
    return rounded


def _share_single(key: AnswerKey, answer: Answer) -> Fraction:
    correct = {option.id for option in key.options if option.correct}
    return ALL if len(answer.selected) == 1 and answer.selected <= correct else NONE


def _share_multiple(key: AnswerKey, answer: Answer) -> Fraction:
    correct = {option.id for option in key.options if option.correct}
    if not correct:
        return NONE
    right = len(answer.selected & correct)
    wrong = len(answer.selected - correct)  # includes ids that are not options at all
    return Fraction(right - wrong, len(correct))


def _share_short_text(key: AnswerKey, answer: Answer) -> Fraction:
    given = normalise_text(answer.text)
    return ALL if given and any(given == normalise_text(text) for text in key.texts) else NONE


def _share_numeric(key: AnswerKey, answer: Answer) -> Fraction:
    number = parse_number(answer.text)
    return ALL if number is not None and any(r.contains(number) for r in key.numbers) else NONE


def _share_ordering(key: AnswerKey, answer: Answer) -> Fraction:
    order = [option.id for option in key.options]
    pairs = list(combinations(order, 2))  # each (earlier, later) in the correct order
    if not pairs:
        return NONE
    position = answer.positions
    right = sum(
        1 for first, second in pairs if first in position and second in position and position[first] < position[second]
    )
    if key.all_or_nothing:
        return ALL if right == len(pairs) else NONE
    return Fraction(right, len(pairs))


def _share_matching(key: AnswerKey, answer: Answer) -> Fraction:
    prompts = [option for option in key.options if option.match]
    if not prompts:
        return NONE
    match_of = {option.id: option.match for option in key.options}
    right = sum(1 for prompt in prompts if match_of.get(answer.matches.get(prompt.id, -1)) == prompt.match)
    return Fraction(right, len(prompts))


_SHARE = {
    SINGLE: _share_single,
    TRUE_FALSE: _share_single,
    MULTIPLE: _share_multiple,
    SHORT_TEXT: _share_short_text,
    NUMERIC: _share_numeric,
    ORDERING: _share_ordering,
    MATCHING: _share_matching,
}


def _is_blank(key: AnswerKey, answer: Answer) -> bool:
    # Only the part for the question's type counts: a stray field from a
    # tampered form does not make a skipped question "answered".
    if key.type in CHOICE_TYPES:
        return not answer.selected
    if key.type in TYPED_TYPES:
        return not answer.text.strip()
    if key.type == ORDERING:
        return not answer.positions
    return not answer.matches


def grade_response(key: AnswerKey, answer: Answer | None) -> Grade:
    """Points earned by `answer` on the question whose key is `key`."""
    if key.type not in _SHARE:
        raise ValueError(f"Unknown question type {key.type!r}.")
    if answer is None or _is_blank(key, answer):
        return Grade(Decimal(0).quantize(CENT), key.points, answered=False)
    return Grade(_points(_SHARE[key.type](key, answer), key.points), key.points)


@dataclass(frozen=True)
class AttemptScore:
    score: Decimal
    max_score: Decimal

    @property
    def percent(self) -> Decimal:
        if not self.max_score:
            return Decimal(0).quantize(CENT)
        return (self.score * 100 / self.max_score).quantize(CENT, rounding=ROUND_HALF_UP)


def total(grades: list[Grade]) -> AttemptScore:
    return AttemptScore(sum((g.points for g in grades), Decimal(0)), sum((g.max_points for g in grades), Decimal(0)))


HIGHEST, LATEST, FIRST, AVERAGE = "highest", "latest", "first", "average"


def overall_percent(method: str, percents_in_order: list[Decimal]) -> Decimal | None:
    """The percent that counts for a quiz, from the student's submitted attempts
    (oldest first), by the quiz's grading method. None if there are none."""
    if not percents_in_order:
        return None
    if method == HIGHEST:
        return max(percents_in_order)
    if method == LATEST:
        return percents_in_order[-1]
    if method == FIRST:
        return percents_in_order[0]
    if method == AVERAGE:
        mean = sum(percents_in_order, Decimal(0)) / len(percents_in_order)
        return mean.quantize(CENT, rounding=ROUND_HALF_UP)
    raise ValueError(f"Unknown grading method {method!r}.")
