"""Write a parsed GIFT file into quizzes: the one service behind `manage.py import_gift` and the
admin's import page.

The rules, as a teacher meets them:
- Into one quiz (`ImportTarget.into_quiz(slug)`): every question goes to that existing quiz;
  `$CATEGORY` lines are ignored, with a warning when they would have split the questions up.
- One quiz per category (`ImportTarget.per_category(...)`): a question goes to the quiz its
  last `$CATEGORY` line names; the name is the path's last part (`$course$/top/Section 2` →
  "Section 2", Moodle's "//" standing for a "/" in a name). The name picks the existing quiz
  whose slug or title it is (ignoring case); several quizzes with that title is an error.
  Otherwise a new, unpublished quiz of that title is created. A new quiz's section is the one
  the name gives, if any: "Section 2", "2", "2. …" or "Section 2: …" (by number), or a
  section's title or slug; a name that fits sections of several lessons sets none, with a
  warning. Questions above the first `$CATEGORY` line go to the quiz named like the file
  (`uncategorised`, resolved by the same rules); with no such name they are errors.
- A question with the same type and prompt (ignoring spacing) as one already in its quiz,
  or met earlier in the file, is a duplicate: listed, not created. Importing a file twice
  therefore adds nothing the second time.
- New questions come after the quiz's existing ones, as teacher content (no source key),
  with the quiz's section. Every row is checked with `full_clean()` before anything is
  saved, since the parser does not know the columns' lengths.
- Any error, in the file or from those checks, and nothing is created, not even the new
  quizzes. A dry run reports the same and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst, slugify

from lessons.caching import reader_pages_changed
from lessons.models import Section
from quizzes import scoring
from quizzes.gift.reading import GiftError, GiftParse, GiftQuestion, Skipped, category_name
from quizzes.models import AcceptedAnswer, Choice, Question, Quiz

MAX_FILE_BYTES = 1024 * 1024  # 1 MB: thousands of questions, far more than any quiz holds
SLUG_LENGTH = Quiz._meta.get_field("slug").max_length
_SECTION_NUMBER = re.compile(r"(?:section\s*)?(\d{1,5})(?:\s*[.:–—-].*)?", re.IGNORECASE | re.DOTALL)


class GiftFileError(ValueError):
    """The upload is not a GIFT file we can read at all; the message says what to do."""


def decode_gift(data: bytes) -> str:
    """The text of an uploaded or given file: UTF-8 (a BOM is fine), never binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GiftFileError("This file is saved as UTF-16. Save it as UTF-8 text and try again.")
    if b"\0" in data:
        raise GiftFileError("This is not a text file. A GIFT file is plain text (.gift or .txt), as Moodle exports it.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GiftFileError(
            f"This file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as UTF-8 in your editor and try again."
        ) from None


@dataclass(frozen=True)
class ImportTarget:
    """Where the questions go: one existing quiz, or one quiz per `$CATEGORY` (see the module's docstring)."""

    quiz_slug: str = ""
    by_category: bool = False
    uncategorised: str = ""  # by category: the quiz for questions before any $CATEGORY (the file's name)

    def __post_init__(self) -> None:
        if bool(self.quiz_slug) == self.by_category:
            raise ValueError("An import goes either into one quiz (quiz_slug) or by category, not both.")

    @classmethod
    def into_quiz(cls, slug: str) -> ImportTarget:
        return cls(quiz_slug=slug)

    @classmethod
    def per_category(cls, *, uncategorised: str = "") -> ImportTarget:
        return cls(by_category=True, uncategorised=uncategorised.strip())


@dataclass(frozen=True)
class TargetQuiz:
    title: str
    slug: str
    section: str  # as the admin shows it ("2. Ideological differences…"), or ""
    is_new: bool
    pk: int | None  # None for a quiz not created (yet)


@dataclass(frozen=True)
class PlannedQuestion:
    line: int
    title: str  # the question's ::title:: or its first words
    quiz: str
    type: str
    type_label: str
    prompt: str
    points: Decimal
    answers: tuple[str, ...]  # one line per choice, pair, item or accepted answer


@dataclass(frozen=True)
class Duplicate:
    line: int
    title: str
    quiz: str
    prompt: str


@dataclass(frozen=True)
class GiftWarning:
    line: int  # 0: about the whole file
    title: str
    message: str


@dataclass(frozen=True)
class ImportReport:
    questions: tuple[PlannedQuestion, ...]  # created, or to create when the report is a dry run
    duplicates: tuple[Duplicate, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[GiftWarning, ...]
    errors: tuple[GiftError, ...]  # line 0: about the whole file
    quizzes: tuple[TargetQuiz, ...]  # every quiz that receives questions, and every new one
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> bool:
        """Whether this import wrote anything."""
        return self.ok and not self.dry_run and bool(self.questions)

    @property
    def new_quizzes(self) -> tuple[TargetQuiz, ...]:
        return tuple(quiz for quiz in self.quizzes if quiz.is_new)

    def lines(self) -> list[str]:
        """The report as text, errors last (a command shows them on stderr)."""
        lines: list[str] = []
        if self.new_quizzes:
            lines.append(f"New quizzes, unpublished ({len(self.new_quizzes)}):")
            for quiz in self.new_quizzes:
                section = f", section {quiz.section}" if quiz.section else ", no section"
                lines.append(f"  {quiz.title} (slug {quiz.slug}{section})")
        lines.append(f"Questions{' to create' if self.dry_run or not self.ok else ''} ({len(self.questions)}):")
        for question in self.questions:
            lines.append(f"  {_where(question.line, question.title)} → {question.quiz}: {question.type_label}")
            lines.append(f"    {_one_line(question.prompt)}")
            lines.extend(f"    - {answer}" for answer in question.answers)
        if self.duplicates:
            lines.append(f"Already in the quiz, not imported again ({len(self.duplicates)}):")
            lines.extend(f"  {_where(d.line, d.title)} → {d.quiz}" for d in self.duplicates)
        if self.skipped:
            lines.append(f"Skipped ({len(self.skipped)}):")
            lines.extend(f"  {_where(s.line, s.title)}: {s.reason}" for s in self.skipped)
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines.extend(f"  {_where(w.line, w.title)}: {w.message}" for w in self.warnings)
        return lines

    def error_lines(self) -> list[str]:
        return [f"{_where(e.line, e.title)}: {e.message}" for e in self.errors]


def _where(line: int, title: str) -> str:
    if not line:
        return "The file"
    return f"Line {line} ({title})" if title else f"Line {line}"


def _one_line(text: str, limit: int = 100) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def answers_summary(question: GiftQuestion) -> tuple[str, ...]:
    """What a teacher checks in a preview: the answer key, one line per choice or answer."""
    if question.type == scoring.MATCHING:
        return tuple(f"{c.text} → {c.match}" for c in question.choices)
    if question.type == scoring.ORDERING:
        return tuple(f"{n}. {c.text}" for n, c in enumerate(question.choices, start=1))
    if question.type in scoring.TYPED_TYPES:
        return tuple(a.text if a.number is None else _number(a.number, a.tolerance) for a in question.accepted)
    return tuple(f"{c.text} (correct)" if c.correct else c.text for c in question.choices)


def _number(number: Decimal, tolerance: Decimal) -> str:
    value = f"{number.normalize():f}"
    return f"{value} ± {tolerance.normalize():f}" if tolerance else value


def gift_import(*, parsed: GiftParse, target: ImportTarget, dry_run: bool = False) -> ImportReport:
    """Create the file's questions where `target` says, all of them or (on any error) none."""
    report = _gift_import(parsed=parsed, target=target, dry_run=dry_run)
    if report.created:
        reader_pages_changed()  # section pages show their quiz and its questions
    return report


@transaction.atomic
def _gift_import(*, parsed: GiftParse, target: ImportTarget, dry_run: bool) -> ImportReport:
    plan = _Plan(parsed)
    if target.quiz_slug:
        destination = plan.existing_quiz(target.quiz_slug)
        if len({category_name(question.category) for question in parsed.questions}) > 1:
            where = f"“{destination.quiz.title}”" if destination else "the chosen quiz"
            plan.warn(0, "", f"The file's $CATEGORY lines were ignored: every question goes to {where}.")
        for question in parsed.questions:
            if destination:
                plan.add(question, destination)
    else:
        for question in parsed.questions:
            name = category_name(question.category) or target.uncategorised
            if not name:
                plan.fail(
                    question.line,
                    question.label,
                    "This question comes before any $CATEGORY line, so it has no quiz: add a $CATEGORY line "
                    "above it, or import the file into one quiz.",
                )
                continue
            destination = plan.quiz_named(name, question)
            if destination:
                plan.add(question, destination)
    if not parsed.questions and not parsed.errors:
        plan.fail(0, "", "The file holds no questions that this site can import.")
    if plan.errors or dry_run:
        return plan.report(dry_run=dry_run)
    plan.save()
    return plan.report(dry_run=False)


@dataclass
class _Destination:
    quiz: Quiz
    is_new: bool
    next_order: int
    seen: set[tuple[str, str]]  # (type, prompt) of its questions, and of those planned for it

    def describe(self) -> TargetQuiz:
        section = str(self.quiz.section) if self.quiz.section_id else ""
        return TargetQuiz(self.quiz.title, self.quiz.slug, section, self.is_new, self.quiz.pk)


@dataclass
class _Row:
    source: GiftQuestion
    destination: _Destination
    question: Question
    choices: list[Choice]
    accepted: list[AcceptedAnswer]


def _same(prompt: str) -> str:
    return " ".join(prompt.split())


@dataclass
class _Plan:
    """The rows an import would create, built and checked before any is saved."""

    parsed: GiftParse
    rows: list[_Row] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[GiftWarning] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)
    destinations: dict[str, _Destination | None] = field(default_factory=dict)  # by casefolded name or slug
    new_slugs: set[str] = field(default_factory=set)
    sections: list[Section] | None = None

    def __post_init__(self) -> None:
        self.errors.extend(self.parsed.errors)

    def warn(self, line: int, title: str, message: str) -> None:
        self.warnings.append(GiftWarning(line, title, message))

    def fail(self, line: int, title: str, message: str) -> None:
        self.errors.append(GiftError(line, title, message))

    # Where questions go

    def _locked(self) -> models.QuerySet:
        # Locked until the import ends, so two imports into one quiz cannot both take the same order numbers.
        return Quiz.objects.select_for_update(of=("self",)).select_related("section")

    def _existing(self, quiz: Quiz) -> _Destination:
        questions = quiz.questions.all()
        last = questions.aggregate(last=models.Max("order"))["last"] or 0
        seen = {(kind, _same(prompt)) for kind, prompt in questions.values_list("type", "prompt")}
        return _Destination(quiz, is_new=False, next_order=last + 1, seen=seen)

    def existing_quiz(self, slug: str) -> _Destination | None:
        quiz = self._locked().filter(slug=slug).first()
        if quiz is None:
            self.fail(0, "", f"There is no quiz with the slug “{slug}”.")
            return None
        destination = self.destinations[slug.casefold()] = self._existing(quiz)
        return destination

    def quiz_named(self, name: str, question: GiftQuestion) -> _Destination | None:
        key = name.casefold()
        if key not in self.destinations:
            self.destinations[key] = self._resolve(name, question)
        return self.destinations[key]

    def _resolve(self, name: str, question: GiftQuestion) -> _Destination | None:
        matches = list(self._locked().filter(models.Q(slug__iexact=name) | models.Q(title__iexact=name)))
        by_slug = [quiz for quiz in matches if quiz.slug.casefold() == name.casefold()]
        if by_slug:
            return self._existing(by_slug[0])
        if len(matches) > 1:
            self.fail(
                question.line,
                question.label,
                f"{len(matches)} quizzes are called “{name}”: rename one, or use a quiz's slug as the category.",
            )
            return None
        if matches:
            return self._existing(matches[0])
        quiz = Quiz(title=name, slug=self._free_slug(name), section=self._section(name, question), is_published=False)
        try:
            quiz.full_clean(exclude=["section"])
        except ValidationError as error:
            for message in _messages(quiz, error):
                self.fail(question.line, question.label, f"The new quiz “{_one_line(name, 60)}”: {message}")
            return None
        self.new_slugs.add(quiz.slug)
        return _Destination(quiz, is_new=True, next_order=1, seen=set())

    def _free_slug(self, name: str) -> str:
        base = slugify(name)[:SLUG_LENGTH].strip("-") or "quiz"
        slug, number = base, 1
        while slug in self.new_slugs or Quiz.objects.filter(slug=slug).exists():
            number += 1
            suffix = f"-{number}"
            slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        return slug

    def _section(self, name: str, question: GiftQuestion) -> Section | None:
        if self.sections is None:
            self.sections = list(Section.objects.with_lesson().in_order())
        wanted = name.casefold()
        number = _SECTION_NUMBER.fullmatch(name.strip())
        found = [s for s in self.sections if number and s.number == int(number.group(1))]
        found = found or [s for s in self.sections if wanted in (s.title.casefold(), s.slug.casefold())]
        if len(found) > 1:
            lessons = ", ".join(f"“{section.lesson}”" for section in found)
            self.warn(
                question.line,
                question.label,
                f"“{name}” names a section in more than one lesson ({lessons}), so the new quiz has no "
                "section: choose it in the quiz's settings.",
            )
            return None
        return found[0] if found else None

    # The rows

    def add(self, source: GiftQuestion, destination: _Destination) -> None:
        key = (source.type, _same(source.prompt))
        if key in destination.seen:
            self.duplicates.append(Duplicate(source.line, source.label, destination.quiz.title, source.prompt))
            return
        destination.seen.add(key)
        question = Question(
            quiz=destination.quiz,
            order=destination.next_order,
            type=source.type,
            prompt=source.prompt,
            points=source.points,
            explanation=source.explanation,
            section=destination.quiz.section,
            ordering_grading=source.ordering_grading,
            source_key="",
        )
        destination.next_order += 1
        choices = [
            Choice(
                question=question, text=c.text, match_text=c.match, is_correct=c.correct, feedback=c.feedback, order=n
            )
            for n, c in enumerate(source.choices, start=1)
        ]
        accepted = [
            AcceptedAnswer(question=question, text=a.text, number=a.number, tolerance=a.tolerance)
            for a in source.accepted
        ]
        # The quiz (perhaps not saved yet) and the section were read from the database: nothing to check there.
        problems = _check(question, "", ["quiz", "section"])
        problems += [p for n, c in enumerate(choices, start=1) for p in _check(c, f"Choice {n}", ["question"])]
        problems += [
            p for n, a in enumerate(accepted, start=1) for p in _check(a, f"Accepted answer {n}", ["question"])
        ]
        for message in problems:
            self.fail(source.line, source.label, message)
        self.warnings.extend(GiftWarning(source.line, source.label, message) for message in source.warnings)
        self.rows.append(_Row(source, destination, question, choices, accepted))

    def save(self) -> None:
        for destination in self._destinations():
            if destination.is_new:
                destination.quiz.save()
        # Each question takes its quiz's new id, and then each choice its question's: Django fills a
        # foreign key from the saved object, and both databases we run on return new ids from a bulk insert.
        Question.objects.bulk_create([row.question for row in self.rows])
        Choice.objects.bulk_create([choice for row in self.rows for choice in row.choices])
        AcceptedAnswer.objects.bulk_create([answer for row in self.rows for answer in row.accepted])

    def _destinations(self) -> Iterable[_Destination]:
        unique: dict[int, _Destination] = {}
        for destination in self.destinations.values():
            if destination is not None:
                unique.setdefault(id(destination), destination)
        return unique.values()

    def report(self, *, dry_run: bool) -> ImportReport:
        questions = tuple(
            PlannedQuestion(
                line=row.source.line,
                title=row.source.label,
                quiz=row.destination.quiz.title,
                type=row.source.type,
                type_label=str(Question.Type(row.source.type).label),
                prompt=row.source.prompt,
                points=row.source.points,
                answers=answers_summary(row.source),
            )
            for row in self.rows
        )
        return ImportReport(
            questions=questions,
            duplicates=tuple(self.duplicates),
            skipped=self.parsed.skipped,
            warnings=tuple(sorted(self.warnings, key=lambda warning: warning.line)),
            errors=tuple(sorted(self.errors, key=lambda error: error.line)),
            quizzes=tuple(destination.describe() for destination in self._destinations()),
            dry_run=dry_run,
        )


def _check(row: models.Model, what: str, exclude: list[str]) -> list[str]:
    # Not the check constraints: they repeat the fields' own validators (points at least 0.01, a
    # known type, a tolerance not below 0) and the parser's answer-key rules, and each costs a
    # query (three with its savepoint) per row; the database still enforces them on saving.
    try:
        row.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return [f"{what}, {message[0].lower()}{message[1:]}" if what else message for message in _messages(row, error)]
    return []


def _messages(row: models.Model, error: ValidationError) -> list[str]:
    """Each problem as a sentence that names the field as the admin labels it."""
    messages = []
    for name, problems in error.message_dict.items():
        label = "" if name == NON_FIELD_ERRORS else f"{capfirst(row._meta.get_field(name).verbose_name)}: "
        messages.extend(f"{label}{problem}" for problem in problems)
    return messages
