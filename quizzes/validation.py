"""What each question type needs in its answer key, in sentences a teacher understands.

One set of rules for every way a question is written: the admin's inline
forms, the shipped question bank and imported files all call
`answer_key_problems`. Pure: plain values in, ValidationErrors (with codes) out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from quizzes import scoring


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    correct: bool = False
    match: str = ""


@dataclass(frozen=True)
class AcceptedSpec:
    text: str = ""
    number: Decimal | None = None
    tolerance: Decimal = Decimal(0)


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def answer_key_problems(
    question_type: str, choices: Sequence[ChoiceSpec], accepted: Sequence[AcceptedSpec]
) -> list[ValidationError]:
    problems: list[ValidationError] = []
    correct = sum(1 for choice in choices if choice.correct)
    texts = [a for a in accepted if a.text.strip()]
    numbers = [a for a in accepted if a.number is not None]

    if question_type in scoring.CHOICE_TYPES | {scoring.ORDERING, scoring.MATCHING}:
        if accepted:
            problems.append(
                _error(
                    _("This type uses choices, not accepted answers: remove the accepted answers."), "accepted_not_used"
                )
            )
    elif choices:
        problems.append(
            _error(_("This type uses accepted answers, not choices: remove the choices."), "choices_not_used")
        )

    if question_type != scoring.MATCHING and any(choice.match.strip() for choice in choices):
        problems.append(_error(_("Only matching questions use the “matches” column: clear it."), "match_not_used"))
    if question_type in (scoring.ORDERING, scoring.MATCHING) and correct:
        problems.append(
            _error(_("Ordering and matching questions have no “correct” choices: untick them."), "correct_not_used")
        )

    if question_type == scoring.SINGLE:
        if len(choices) < 2:
            problems.append(_error(_("A single-choice question needs at least two choices."), "too_few_choices"))
        if correct != 1:
            problems.append(
                _error(
                    _("A single-choice question needs exactly one correct choice (%(count)d ticked).")
                    % {"count": correct},
                    "one_correct",
                )
            )
    elif question_type == scoring.TRUE_FALSE:
        if len(choices) != 2:
            problems.append(
                _error(_("A true-or-false question needs exactly two choices: True and False."), "two_choices")
            )
        if correct != 1:
            problems.append(_error(_("Tick exactly one of True and False as correct."), "one_correct"))
    elif question_type == scoring.MULTIPLE:
        if len(choices) < 2:
            problems.append(_error(_("A multiple-answer question needs at least two choices."), "too_few_choices"))
        if correct < 1:
            problems.append(_error(_("A multiple-answer question needs at least one correct choice."), "no_correct"))
    elif question_type == scoring.SHORT_TEXT:
        if not texts:
            problems.append(_error(_("A short-text question needs at least one accepted answer."), "no_accepted_text"))
        if numbers:
            problems.append(
                _error(
                    _("A short-text question accepts text, not numbers: clear the number column."), "number_not_used"
                )
            )
    elif question_type == scoring.NUMERIC:
        if not numbers:
            problems.append(_error(_("A number question needs at least one accepted number."), "no_accepted_number"))
        if texts:
            problems.append(
                _error(_("A number question accepts numbers, not text: clear the text column."), "text_not_used")
            )
        if any(a.tolerance < 0 for a in accepted):
            problems.append(_error(_("A tolerance cannot be negative."), "negative_tolerance"))
    elif question_type == scoring.ORDERING:
        if len(choices) < 3:
            problems.append(
                _error(
                    _("An ordering question needs at least three items, listed in the correct order."), "too_few_items"
                )
            )
    elif question_type == scoring.MATCHING:
        pairs = [choice for choice in choices if choice.text.strip() and choice.match.strip()]
        if len(pairs) < 2:
            problems.append(
                _error(
                    _("A matching question needs at least two pairs, each with a prompt and its match."),
                    "too_few_pairs",
                )
            )
        if len(pairs) != len(choices):
            problems.append(
                _error(_("Every matching prompt needs its match, and every match its prompt."), "incomplete_pair")
            )
        prompts = [choice.text.strip().casefold() for choice in choices]
        if len(prompts) != len(set(prompts)):
            problems.append(_error(_("Two matching prompts are the same; make each one different."), "repeated_prompt"))
    else:
        problems.append(_error(_("Unknown question type %(type)r.") % {"type": question_type}, "unknown_type"))

    option_texts = [choice.text.strip().casefold() for choice in choices]
    if question_type in scoring.CHOICE_TYPES | {scoring.ORDERING} and len(option_texts) != len(set(option_texts)):
        problems.append(_error(_("Two choices have the same text; make each one different."), "repeated_choice"))
    if any(not choice.text.strip() for choice in choices):
        problems.append(_error(_("A choice has no text."), "empty_choice"))
    return problems
