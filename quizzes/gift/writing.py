"""Writing questions as Moodle's GIFT, in a form `parse_gift` reads back to the same questions.

Pure, apart from `question_to_export` and `quiz_as_gift`, which read rows.
Points have no GIFT syntax; we write them as a `// [points:2]` comment line, in the style
of Moodle's `// [id:…]` and `// [tag:…]` comments, which Moodle reads as a comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from quizzes import scoring
from quizzes.gift.reading import ALL_OR_NOTHING, HUNDRED, MOODLE_PAIRS_GRADING, PAIRS, GiftChoice
from quizzes.validation import AcceptedSpec

if TYPE_CHECKING:
    from quizzes.models import Question, Quiz


@dataclass(frozen=True)
class ExportQuestion:
    key: str  # becomes the ::title::, stable across exports
    type: str
    prompt: str
    points: Decimal = Decimal(1)
    explanation: str = ""
    choices: tuple[GiftChoice, ...] = ()  # in order; for ordering, the correct order
    accepted: tuple[AcceptedSpec, ...] = ()
    ordering_grading: str = PAIRS


def question_to_export(question: Question) -> ExportQuestion:
    """The plain values of a Question, from its prefetched choices and accepted answers."""
    choices = sorted(question.choices.all(), key=lambda choice: (choice.order, choice.pk))
    accepted = question.accepted_answers.all() if question.type in scoring.TYPED_TYPES else ()
    return ExportQuestion(
        key=question.source_key or f"q{question.pk}",
        type=question.type,
        prompt=question.prompt,
        points=question.points,
        explanation=question.explanation,
        choices=tuple(GiftChoice(c.text, c.is_correct, c.match_text, c.feedback) for c in choices),
        accepted=tuple(AcceptedSpec(a.text, a.number, a.tolerance) for a in accepted),
        ordering_grading=question.ordering_grading,
    )


def quiz_as_gift(quiz: Quiz) -> str:
    """A quiz's questions in order, under a $CATEGORY named after it, so that an import by
    category puts them back in this quiz (or in a new quiz of the same title elsewhere)."""
    questions = quiz.questions.with_answer_keys().order_by("order", "pk")
    return export_gift([question_to_export(q) for q in questions], category=category_path(quiz.title))


def export_gift(questions: Iterable[ExportQuestion], *, category: str = "") -> str:
    """GIFT that Moodle imports and `parse_gift` reads back to the same questions.

    Multiple answers carry weights of +100/k and −100/k so Moodle scores them as we do.
    Moodle's importer accepts only its own list of weights (100/k for k = 1–10 or 20),
    so with 11 to 19 correct choices choose "nearest grade" when importing there.
    GIFT has no way to write "->" in a matching question's left side or in a short
    answer, so such a question gets a warning comment.
    """
    blocks = [f"$CATEGORY: {category}"] if category else []
    blocks += [_export_question(question) for question in questions]
    return "\n\n".join(blocks) + "\n"


def category_path(name: str) -> str:
    """The `$CATEGORY:` path Moodle gives a course category called `name` (see `category_name`)."""
    return "$course$/top/" + name.replace("/", "//")


def _export_question(question: ExportQuestion) -> str:
    writer = _WRITERS.get(question.type)
    if writer is None:
        return f"// {_comment(question.key)}: not exported, unknown question type {_comment(question.type)}"
    lines = []
    if question.points != 1:
        lines.append(f"// [points:{_number(question.points)}]")
    unwritable = [c.text for c in question.choices] if question.type == scoring.MATCHING else []
    unwritable += [a.text for a in question.accepted] if question.type == scoring.SHORT_TEXT else []
    if any("->" in text for text in unwritable):
        lines.append("// warning: GIFT cannot write “->” here; this question will not import as it was.")
    lines.append(f"::{_escape(question.key)}::[plain]{_escape(question.prompt)}{writer(question)}")
    return "\n".join(lines)


def _block(lines: Iterable[str], question: ExportQuestion) -> str:
    body = "".join(f"\t{line}\n" for line in lines)
    if question.explanation:
        body += f"\t####{_text(question.explanation)}\n"
    return "{\n" + body + "}"


def _with_feedback(choice: GiftChoice) -> str:
    return _text(choice.text) + (f"#{_text(choice.feedback)}" if choice.feedback else "")


def _write_single(question: ExportQuestion) -> str:
    return _block(((("=" if c.correct else "~") + _with_feedback(c)) for c in question.choices), question)


def _write_multiple(question: ExportQuestion) -> str:
    k = sum(1 for choice in question.choices if choice.correct)
    share = _number((HUNDRED / k).quantize(Decimal("0.00001"))) if k else "0"
    return _block(
        (f"~%{'' if c.correct else '-'}{share}%{_with_feedback(c)}" for c in question.choices),
        question,
    )


def _write_true_false(question: ExportQuestion) -> str:
    by_text = {choice.text.strip().casefold(): choice for choice in question.choices}
    true, false = by_text.get("true"), by_text.get("false")
    if len(question.choices) != 2 or true is None or false is None or true.correct == false.correct:
        # Not the True/False pair GIFT can write: keep its choices as a multiple-choice question.
        return _write_single(question)
    right, wrong = (true, false) if true.correct else (false, true)
    answer = "T" if true.correct else "F"
    if wrong.feedback:
        answer += f"#{_text(wrong.feedback)}"
    elif right.feedback:
        answer += "#"
    if right.feedback:
        answer += f"#{_text(right.feedback)}"
    if question.explanation:
        answer += f"####{_text(question.explanation)}"
    return "{" + answer + "}"


def _write_short_text(question: ExportQuestion) -> str:
    return _block((f"={_text(a.text)}" for a in question.accepted if a.text), question)


def _write_numeric(question: ExportQuestion) -> str:
    numbers = [_range(a) for a in question.accepted if a.number is not None]
    if len(numbers) == 1:
        explanation = f"####{_text(question.explanation)}" if question.explanation else ""
        return "{#" + numbers[0] + explanation + "}"
    return "{#" + _block((f"={number}" for number in numbers), question)[1:]


def _write_matching(question: ExportQuestion) -> str:
    return _block((f"={_text(c.text)} -> {_escape(c.match)}" for c in question.choices), question)


def _write_ordering(question: ExportQuestion) -> str:
    # Every header word is written so that no item can be read as one of them.
    grading = "ALL_OR_NOTHING" if question.ordering_grading == ALL_OR_NOTHING else MOODLE_PAIRS_GRADING
    header = f">{len(question.choices)} ALL VERTICAL {grading} SHOW none"
    items = "".join(f"{_escape_item(choice.text)}\n" for choice in question.choices)
    explanation = f"####{_text(question.explanation)}\n" if question.explanation else ""
    return "{" + header + "\n" + items + explanation + "}"


_WRITERS: dict[str, Callable[[ExportQuestion], str]] = {
    scoring.SINGLE: _write_single,
    scoring.MULTIPLE: _write_multiple,
    scoring.TRUE_FALSE: _write_true_false,
    scoring.SHORT_TEXT: _write_short_text,
    scoring.NUMERIC: _write_numeric,
    scoring.MATCHING: _write_matching,
    scoring.ORDERING: _write_ordering,
}


def _range(accepted: AcceptedSpec) -> str:
    number = _number(accepted.number) if accepted.number is not None else "0"
    return f"{number}:{_number(accepted.tolerance)}" if accepted.tolerance else number


def _number(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _escape(text: str) -> str:
    """Moodle's repchar: every GIFT control character behind a backslash, newlines as \\n."""
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _text(text: str) -> str:
    # A leading "[" would read as a format tag and a leading "%" as a weight: an explicit
    # [plain] keeps the text as it is, in Moodle and here.
    return ("[plain]" if text.startswith(("[", "%")) else "") + _escape(text)


def _escape_item(text: str) -> str:
    # Moodle's ordering type reads items without undoing escapes, so escape only what
    # would otherwise end the item, the braces or start the general feedback.
    text = text.replace("\\", "\\\\")
    for char in "#{}":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _comment(text: str) -> str:
    return " ".join(text.split())
