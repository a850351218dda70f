"""Parse the question bank file (TOML) into validated plain values.

The file a teacher reviews in a diff:

    lesson = "what-did-stalin-do-to-trotsky"

    [[quiz]]
    key = "section-1"                 # becomes the quiz's slug
    title = "Section 1: …"
    section = 1                       # omit for the final quiz
    description = "…"                 # optional settings: pass_mark, max_attempts,
                                      # time_limit_minutes, shuffle_questions,
                                      # shuffle_choices, review, grading_method
    [[question]]
    key = "lenin-death-year"          # identity across loads
    quiz = "section-1"
    type = "numeric"                  # single, true_false, multiple, short_text,
                                      # numeric, ordering, matching
    prompt = "In which year did Lenin die?"
    section = 1                       # where the answer is
    passage = "After Lenin's death in 1924"   # optional, copied exactly
    explanation = "…"
    numbers = [{ value = 1924 }]      # numeric: value, optional tolerance
    # choices = [{ text = "…", correct = true, feedback = "…" }]   choice types
    # answers = ["Ramón Mercader", "Mercader"]                     short_text
    # items = ["first", "second", "third"]    ordering, in the correct order
    # pairs = [{ prompt = "…", match = "…" }]                      matching
    # ordering_grading = "all_or_nothing"     ordering; default "pairs"

Pure: no database. Every problem is reported with the question's key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from quizzes import scoring
from quizzes.validation import AcceptedSpec, ChoiceSpec, answer_key_problems

POINTS = Decimal("0.01")
ONE_POINT = Decimal("1.00")
NUMBER_PLACES = Decimal("0.0001")
REVIEW = ("immediately", "after_close", "never")
GRADING = (scoring.HIGHEST, scoring.LATEST, scoring.FIRST, scoring.AVERAGE)
ORDERING_GRADING = ("pairs", "all_or_nothing")
# What the database columns hold (quizzes/models): a longer value is a problem
# in the file, not a database error half-way through a load.
KEY_LENGTH, TITLE_LENGTH, TEXT_LENGTH, ACCEPTED_LENGTH = 100, 200, 500, 200
MAX_POINTS = Decimal("999.99")
MAX_NUMBER = Decimal("9999999999.9999")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class BankFormatError(ValueError):
    """The question bank is malformed; the message lists every problem found."""


@dataclass(frozen=True)
class QuizData:
    key: str
    title: str
    section: int | None
    description: str = ""
    pass_mark: int = 60
    max_attempts: int | None = None
    time_limit_minutes: int | None = None
    shuffle_questions: bool = False
    shuffle_choices: bool = True
    review: str = "immediately"
    grading_method: str = scoring.HIGHEST


@dataclass(frozen=True)
class ChoiceData:
    text: str
    correct: bool = False
    match: str = ""
    feedback: str = ""


@dataclass(frozen=True)
class QuestionData:
    key: str
    quiz: str
    type: str
    prompt: str
    section: int | None
    points: Decimal = ONE_POINT
    passage: str = ""
    explanation: str = ""
    ordering_grading: str = "pairs"
    choices: tuple[ChoiceData, ...] = ()
    accepted: tuple[AcceptedSpec, ...] = ()


@dataclass(frozen=True)
class Bank:
    lesson: str
    quizzes: tuple[QuizData, ...]
    questions: tuple[QuestionData, ...]


class _Reader:
    """Reads one table, collecting problems instead of stopping at the first."""

    def __init__(self, table: Any, label: str, problems: list[str]):
        self.table = table if isinstance(table, dict) else {}
        self.label, self.problems, self.used = label, problems, set()
        if not isinstance(table, dict):
            problems.append(f"{label}: must be a table.")

    def _get(self, name: str, kinds: tuple[type, ...], kind_name: str, default: Any, required: bool) -> Any:
        self.used.add(name)
        if name not in self.table:
            if required:
                self.problems.append(f"{self.label}: missing {name!r}.")
            return default
        value = self.table[name]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            self.problems.append(f"{self.label}: {name!r} must be {kind_name}.")
            return default
        return value

    def text(self, name: str, default: str = "", required: bool = False, max_length: int | None = None) -> str:
        value = self._get(name, (str,), "text", default, required)
        if required and isinstance(value, str) and not value.strip():
            self.problems.append(f"{self.label}: {name!r} is empty.")
        if max_length is not None and isinstance(value, str) and len(value.strip()) > max_length:
            self.problems.append(f"{self.label}: {name!r} is longer than {max_length} characters.")
        return value.strip() if isinstance(value, str) else default

    def integer(self, name: str, default: int | None = None, required: bool = False) -> int | None:
        return self._get(name, (int,), "a whole number", default, required)

    def flag(self, name: str, default: bool) -> bool:
        return self._get(name, (bool,), "true or false", default, False)

    def decimal(self, name: str, default: Decimal, places: Decimal) -> Decimal:
        value = self._get(name, (int, float, str), "a number", None, False)
        if value is None:
            return default
        try:
            number = Decimal(str(value)).quantize(places)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():  # TOML allows nan and inf
            self.problems.append(f"{self.label}: {name!r} must be a number.")
            return default
        return number

    def items(self, name: str) -> list:
        return self._get(name, (list,), "a list", [], False)

    def one_of(self, name: str, allowed: tuple[str, ...], default: str, required: bool = False) -> str:
        value = self.text(name, default, required=required)
        if required and name not in self.table:
            return default
        if value not in allowed:
            self.problems.append(f"{self.label}: {name!r} must be one of {', '.join(allowed)}; not {value!r}.")
            return default
        return value

    def finish(self) -> None:
        for name in sorted(set(self.table) - self.used):
            self.problems.append(f"{self.label}: unknown field {name!r}.")


def _quiz(raw: Any, index: int, problems: list[str]) -> QuizData:
    r = _Reader(raw, f"[[quiz]] {raw.get('key', index) if isinstance(raw, dict) else index}", problems)
    quiz = QuizData(
        key=r.text("key", required=True, max_length=KEY_LENGTH),
        title=r.text("title", required=True, max_length=TITLE_LENGTH),
        section=r.integer("section"),
        description=r.text("description"),
        pass_mark=r.integer("pass_mark", 60),
        max_attempts=r.integer("max_attempts"),
        time_limit_minutes=r.integer("time_limit_minutes"),
        shuffle_questions=r.flag("shuffle_questions", False),
        shuffle_choices=r.flag("shuffle_choices", True),
        review=r.one_of("review", REVIEW, "immediately"),
        grading_method=r.one_of("grading_method", GRADING, scoring.HIGHEST),
    )
    r.finish()
    if quiz.pass_mark is not None and not 0 <= quiz.pass_mark <= 100:
        problems.append(f"{r.label}: 'pass_mark' must be between 0 and 100.")
    if quiz.key and not SLUG.match(quiz.key):
        problems.append(f"{r.label}: 'key' becomes the quiz's web address: use only letters, digits, - and _.")
    for name in ("max_attempts", "time_limit_minutes"):
        if getattr(quiz, name) is not None and getattr(quiz, name) < 1:
            problems.append(f"{r.label}: {name!r} must be at least 1 (leave it out for no limit).")
    return quiz


def _question(raw: Any, index: int, problems: list[str]) -> QuestionData:
    label = f"[[question]] {raw.get('key', index) if isinstance(raw, dict) else index!r}"
    r = _Reader(raw, label, problems)
    kind = r.one_of("type", tuple(sorted(scoring.ALL_TYPES)), scoring.SINGLE, required=True)
    choices: list[ChoiceData] = []
    for n, item in enumerate(r.items("choices"), start=1):
        c = _Reader(item, f"{label} choice {n}", problems)
        choices.append(
            ChoiceData(
                c.text("text", required=True, max_length=TEXT_LENGTH),
                c.flag("correct", False),
                "",
                c.text("feedback", max_length=TEXT_LENGTH),
            )
        )
        c.finish()
    for item in r.items("items"):
        if not isinstance(item, str):
            problems.append(f"{label}: every ordering item must be text.")
            continue
        if len(item.strip()) > TEXT_LENGTH:
            problems.append(f"{label}: an ordering item is longer than {TEXT_LENGTH} characters.")
        choices.append(ChoiceData(item.strip()))
    for n, item in enumerate(r.items("pairs"), start=1):
        p = _Reader(item, f"{label} pair {n}", problems)
        choices.append(
            ChoiceData(
                p.text("prompt", required=True, max_length=TEXT_LENGTH),
                False,
                p.text("match", required=True, max_length=TEXT_LENGTH),
            )
        )
        p.finish()
    accepted: list[AcceptedSpec] = []
    for item in r.items("answers"):
        if not isinstance(item, str):
            problems.append(f"{label}: every accepted answer must be text.")
            continue
        if len(item.strip()) > ACCEPTED_LENGTH:
            problems.append(f"{label}: an accepted answer is longer than {ACCEPTED_LENGTH} characters.")
        accepted.append(AcceptedSpec(text=item.strip()))
    for n, item in enumerate(r.items("numbers"), start=1):
        a = _Reader(item, f"{label} number {n}", problems)
        value = a.decimal("value", Decimal(0), NUMBER_PLACES)
        a.used.add("value")
        if isinstance(item, dict) and "value" not in item:
            problems.append(f"{label} number {n}: missing 'value'.")
        accepted.append(AcceptedSpec(number=value, tolerance=a.decimal("tolerance", Decimal(0), NUMBER_PLACES)))
        a.finish()
    question = QuestionData(
        key=r.text("key", required=True, max_length=KEY_LENGTH),
        quiz=r.text("quiz", required=True),
        type=kind,
        prompt=r.text("prompt", required=True),
        section=r.integer("section"),
        points=r.decimal("points", ONE_POINT, POINTS),
        passage=r.text("passage", max_length=TEXT_LENGTH),
        explanation=r.text("explanation"),
        ordering_grading=r.one_of("ordering_grading", ORDERING_GRADING, "pairs"),
        choices=tuple(choices),
        accepted=tuple(accepted),
    )
    r.finish()
    if not 0 < question.points <= MAX_POINTS:
        problems.append(f"{label}: 'points' must be more than 0 and at most {MAX_POINTS}.")
    if any(a.number is not None and max(abs(a.number), a.tolerance) > MAX_NUMBER for a in accepted):
        problems.append(f"{label}: an accepted number or tolerance is too large (at most {MAX_NUMBER}).")
    if question.passage and question.section is None:
        problems.append(f"{label}: a 'passage' needs the 'section' it is quoted from.")
    specs = [ChoiceSpec(c.text, c.correct, c.match) for c in choices]
    for error in answer_key_problems(kind, specs, accepted):
        problems.extend(f"{label}: {message}" for message in error.messages)
    return question


def _repeated(keys: list[str]) -> list[str]:
    return sorted({key for key in keys if keys.count(key) > 1})


def parse_bank(text: str) -> Bank:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BankFormatError(f"Not valid TOML: {error}.") from None
    problems: list[str] = []
    top = _Reader(table, "The bank", problems)
    lesson = top.text("lesson", required=True)
    quizzes = tuple(_quiz(raw, n, problems) for n, raw in enumerate(top.items("quiz"), start=1))
    questions = tuple(_question(raw, n, problems) for n, raw in enumerate(top.items("question"), start=1))
    top.used |= {"quiz", "question"}
    top.finish()
    problems += [f"Two quizzes share the key {key!r}." for key in _repeated([q.key for q in quizzes])]
    problems += [f"Two questions share the key {key!r}." for key in _repeated([q.key for q in questions])]
    quiz_keys = {quiz.key for quiz in quizzes}
    problems += [
        f"[[question]] {q.key!r}: no quiz has the key {q.quiz!r}." for q in questions if q.quiz not in quiz_keys
    ]
    if problems:
        raise BankFormatError("\n".join(problems))
    return Bank(lesson=lesson, quizzes=quizzes, questions=questions)
