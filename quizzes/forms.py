"""The question page's form: one field per question, built from the attempt's paper.

Field names and values are display positions ("q3", option "2"), never
database ids: ids follow the order a teacher typed the choices in, which would
hint at the answer. Ordering and matching questions post one select per item
("q6-item2", "q7-match1"); their field gathers those into one value. The
template draws the inputs itself from the paper, so no widget is rendered here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quizzes import scoring
from quizzes.models.classes import JOIN_CODE_LENGTH, normalise_join_code
from quizzes.paper import PaperQuestion

MAX_TEXT_ANSWER = 200
MAX_NUMBER_ANSWER = 40
INVALID_CHOICE = forms.ChoiceField.default_error_messages["invalid_choice"]


class SubFieldsWidget(forms.Widget):
    """Reads `<name>-<kind><n>` for each option position n into {n: value} (only the ones sent)."""

    def __init__(self, kind: str, positions: Sequence[int]):
        super().__init__()
        self.kind, self.positions = kind, list(positions)

    def value_from_datadict(self, data, files, name) -> dict[int, str]:
        keys = ((n, f"{name}-{self.kind}{n}") for n in self.positions)
        return {n: data[key] for n, key in keys if data.get(key, "") != ""}

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False


class OptionPicksField(forms.Field):
    """For each option position, one value from 1..`choices` (a position, or a match number)."""

    def __init__(self, *, kind: str, positions: Sequence[int], choices: int, distinct: bool, **kwargs):
        self.choices, self.distinct = choices, distinct
        super().__init__(widget=SubFieldsWidget(kind, positions), required=False, **kwargs)

    def to_python(self, value: dict[int, str]) -> dict[int, int]:
        # Compared as text: str.isdigit() accepts "²" and int() refuses it, or a 5,000-digit number.
        offered = {str(number): number for number in range(1, self.choices + 1)}
        picks = {}
        for n, raw in value.items():
            if raw not in offered:
                raise ValidationError(INVALID_CHOICE, code="invalid_choice", params={"value": raw})
            picks[n] = offered[raw]
        return picks

    def validate(self, value: dict[int, int]) -> None:
        if self.distinct and len(set(value.values())) != len(value):
            raise ValidationError(_("Give each item a different position."), code="repeated_position")


class PositionField(forms.Field):
    """One option, by the position it was shown at ("2"); blank for none.

    ChoiceField's checks without its choices machinery (normalising a list of
    choices per question, per request): the template draws the inputs itself.
    """

    widget = forms.Select
    default_error_messages = {"invalid_choice": INVALID_CHOICE}

    def __init__(self, *, positions: Sequence[int]):
        self.positions = frozenset(str(position) for position in positions)
        super().__init__(required=False)

    def to_python(self, value) -> str:
        return "" if value in self.empty_values else str(value)

    def validate(self, value: str) -> None:
        if value and value not in self.positions:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class PositionsField(PositionField):
    """Any number of options, by position (MultipleChoiceField's checks)."""

    widget = forms.SelectMultiple
    default_error_messages = {"invalid_list": forms.MultipleChoiceField.default_error_messages["invalid_list"]}

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(position) for position in value]

    def validate(self, value: list[str]) -> None:
        for position in value:
            super().validate(position)


def field_for(question: PaperQuestion) -> forms.Field:
    positions = tuple(option.position for option in question.options)
    if question.type == scoring.MATCHING:
        prompts = tuple(option.position for option in question.options if option.match_text)
        return _field(question.type, prompts, len(question.match_texts()))
    return _field(question.type, positions, len(positions))


# A field depends only on its question's type and shape, and validating does not change it,
# so forms share one per shape: a 40-question form would otherwise build 40 on every submit.
@functools.lru_cache(maxsize=2048)
def _field(kind: str, positions: tuple[int, ...], choices: int) -> forms.Field:
    if kind in (scoring.SINGLE, scoring.TRUE_FALSE):
        return PositionField(positions=positions)
    if kind == scoring.MULTIPLE:
        return PositionsField(positions=positions)
    if kind == scoring.SHORT_TEXT:
        return forms.CharField(max_length=MAX_TEXT_ANSWER, required=False)
    if kind == scoring.NUMERIC:
        return forms.CharField(max_length=MAX_NUMBER_ANSWER, required=False)
    if kind == scoring.ORDERING:
        return OptionPicksField(kind="item", positions=positions, choices=choices, distinct=True)
    return OptionPicksField(kind="match", positions=positions, choices=choices, distinct=False)


class AttemptForm(forms.Form):
    def __init__(self, *args, paper: Sequence[PaperQuestion], **kwargs):
        self.paper = list(paper)
        self._answers: dict[int, scoring.Answer] | None = None
        super().__init__(*args, **kwargs)
        for question in self.paper:
            self.fields[question.name] = field_for(question)

    def full_clean(self):
        self._reject_tampering()
        super().full_clean()

    def _reject_tampering(self) -> None:
        """Keys no honest form sends are a bad request, not a validation message."""
        if not self.is_bound:
            return
        expected = set()
        for question in self.paper:
            if question.type == scoring.ORDERING:
                expected |= {f"{question.name}-item{o.position}" for o in question.options}
            elif question.type == scoring.MATCHING:
                expected |= {f"{question.name}-match{o.position}" for o in question.options if o.match_text}
            else:
                expected.add(question.name)
        multiple = {q.name for q in self.paper if q.type == scoring.MULTIPLE}
        for key in self.data:
            if key.startswith("q") and key not in expected:
                raise BadRequest(f"Unknown answer field {key!r}.")
            if key not in multiple and key in expected and len(self.data.getlist(key)) > 1:
                raise BadRequest(f"Answer field {key!r} was sent more than once.")

    def clean(self):
        cleaned = super().clean()
        for question in self.paper:
            value = cleaned.get(question.name)
            if question.type == scoring.NUMERIC and value and scoring.parse_number(value) is None:
                self.add_error(
                    question.name, _("Enter a number, for example 1940 (digits only, a decimal point if needed).")
                )
        return cleaned

    def answers(self) -> dict[int, scoring.Answer]:
        """The cleaned answers, keyed by question id, in the shape scoring reads."""
        if self._answers is None:
            self._answers = self._collect_answers()
        return self._answers

    def _collect_answers(self) -> dict[int, scoring.Answer]:
        answers = {}
        for question in self.paper:
            value = self.cleaned_data.get(question.name)
            by_position = {o.position: o for o in question.options}
            kind = question.type
            if kind in scoring.TYPED_TYPES:
                answer = scoring.Answer(text=(value or "").strip())
            elif kind in scoring.CHOICE_TYPES:
                picked = [value] if isinstance(value, str) else (value or [])
                answer = scoring.Answer(
                    selected=frozenset(by_position[int(p)].choice_id for p in picked if p and int(p) in by_position)
                )
            elif kind == scoring.ORDERING:
                answer = scoring.Answer(positions={by_position[n].choice_id: rank for n, rank in (value or {}).items()})
            else:
                texts, first_with = question.match_texts(), {}
                for option in question.in_correct_order():
                    first_with.setdefault(option.match_text, option.choice_id)
                answer = scoring.Answer(
                    matches={by_position[n].choice_id: first_with[texts[pick - 1]] for n, pick in (value or {}).items()}
                )
            answers[question.question_id] = answer
        return answers

    def unanswered_count(self) -> int:
        return sum(1 for answer in self.answers().values() if answer.is_blank)


def unanswered_message(count: int) -> str:
    return ngettext(
        "%(count)d question was left unanswered and scores 0.",
        "%(count)d questions were left unanswered and score 0.",
        count,
    ) % {"count": count}


class ClassJoinForm(forms.Form):
    """The class code a student types on their progress page; case, spaces and dashes do not matter."""

    code = forms.CharField(
        label=_("Class code"),
        max_length=20,
        help_text=_("Your teacher gives it to you, for example KM4R-7TXB."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = normalise_join_code(self.cleaned_data["code"])
        if len(code) != JOIN_CODE_LENGTH:
            raise ValidationError(
                _("A class code has %(length)d letters and digits, for example KM4R-7TXB."),
                code="join_code_length",
                params={"length": JOIN_CODE_LENGTH},
            )
        return code
