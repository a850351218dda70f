"""The question page's form, built from what the attempt presented.

Field names and values are display positions ("q3", option "2"), never
database ids: ids follow the order a teacher typed the choices in, which would
hint at the answer. Nothing about correctness is on the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quizzes import scoring
from quizzes.models import Response, ResponseOption

MAX_TEXT_ANSWER = 200


def _ordinal_choices(count: int) -> list[tuple[str, str]]:
    return [("", _("Choose a position"))] + [(str(n), str(n)) for n in range(1, count + 1)]


@dataclass
class QuestionBlock:
    """One question as the template shows it: the response, and its bound fields."""

    response: Response
    fields: list  # BoundFields: one for choice and typed questions, one per item or prompt otherwise
    options: list[ResponseOption]

    @property
    def question(self):
        return self.response.question

    @property
    def name(self) -> str:
        return f"q{self.response.position}"

    @property
    def errors(self) -> list[str]:
        return [error for field in self.fields for error in field.errors]


def _match_texts(options: Sequence[ResponseOption]) -> list[str]:
    """The distinct answers a matching question offers, alphabetically (this order reveals nothing)."""
    return sorted({option.choice.match_text for option in options if option.choice.match_text}, key=str.casefold)


class AttemptForm(forms.Form):
    def __init__(self, *args, responses: Sequence[Response], **kwargs):
        self.responses = list(responses)
        kwargs.setdefault("initial", self._initial())
        super().__init__(*args, **kwargs)
        for response in self.responses:
            self._add_fields(response)

    # Building ---------------------------------------------------------------------------------

    def _add_fields(self, response: Response) -> None:
        question, name = response.question, f"q{response.position}"
        options = list(response.options.all())
        labelled = [(str(option.position), option.choice.text) for option in options]
        if question.type in (scoring.SINGLE, scoring.TRUE_FALSE):
            self.fields[name] = forms.ChoiceField(
                choices=labelled, widget=forms.RadioSelect(attrs={"class": "form-check-input"}), required=False
            )
        elif question.type == scoring.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                choices=labelled,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                required=False,
            )
        elif question.type == scoring.SHORT_TEXT:
            self.fields[name] = forms.CharField(
                max_length=MAX_TEXT_ANSWER,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
            )
        elif question.type == scoring.NUMERIC:
            self.fields[name] = forms.CharField(
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal", "autocomplete": "off"}),
            )
        elif question.type == scoring.ORDERING:
            for option in options:
                self.fields[f"{name}-item{option.position}"] = forms.TypedChoiceField(
                    label=option.choice.text,
                    choices=_ordinal_choices(len(options)),
                    coerce=int,
                    required=False,
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
        elif question.type == scoring.MATCHING:
            answers = [("", _("Choose a match"))] + [(str(n), text) for n, text in enumerate(_match_texts(options), 1)]
            for option in options:
                if option.choice.match_text:
                    self.fields[f"{name}-match{option.position}"] = forms.ChoiceField(
                        label=option.choice.text,
                        choices=answers,
                        required=False,
                        widget=forms.Select(attrs={"class": "form-select"}),
                    )

    def _initial(self) -> dict:
        """Answers saved earlier, so a resumed attempt shows them again."""
        initial: dict = {}
        for response in self.responses:
            name, options = f"q{response.position}", list(response.options.all())
            kind = response.question.type
            if kind in scoring.TYPED_TYPES:
                initial[name] = response.text_answer
            elif kind in scoring.CHOICE_TYPES:
                picked = [str(o.position) for o in options if o.selected]
                initial[name] = picked if kind == scoring.MULTIPLE else (picked[0] if picked else "")
            elif kind == scoring.ORDERING:
                initial |= {f"{name}-item{o.position}": o.given_position for o in options if o.given_position}
            elif kind == scoring.MATCHING:
                texts = _match_texts(options)
                chosen = {o.choice_id: o.choice.match_text for o in options}
                for o in options:
                    if o.matched_to_id in chosen:
                        initial[f"{name}-match{o.position}"] = str(texts.index(chosen[o.matched_to_id]) + 1)
        return initial

    # Checking ---------------------------------------------------------------------------------

    def full_clean(self):
        self._reject_tampering()
        super().full_clean()

    def _reject_tampering(self) -> None:
        """Keys no honest form sends are a bad request, not a validation message."""
        if not self.is_bound:
            return
        for key in self.data:
            if key.startswith("q") and key not in self.fields:
                raise BadRequest(f"Unknown answer field {key!r}.")
            repeatable = isinstance(self.fields.get(key), forms.MultipleChoiceField)
            if key in self.fields and not repeatable and len(self.data.getlist(key)) > 1:
                raise BadRequest(f"Answer field {key!r} was sent more than once.")

    def clean_numeric(self, name: str) -> None:
        value = self.cleaned_data.get(name, "")
        if value.strip() and scoring.parse_number(value) is None:
            self.add_error(name, _("Enter a number, for example 1940 (digits only, a decimal point if needed)."))

    def clean(self):
        cleaned = super().clean()
        for response in self.responses:
            name = f"q{response.position}"
            if response.question.type == scoring.NUMERIC and name in cleaned:
                self.clean_numeric(name)
            if response.question.type == scoring.ORDERING:
                given = [cleaned.get(f"{name}-item{o.position}") for o in response.options.all()]
                chosen = [position for position in given if position]
                if len(chosen) != len(set(chosen)):
                    self.add_error(
                        f"{name}-item1" if f"{name}-item1" in self.fields else None,
                        _("Give each item a different position."),
                    )
        return cleaned

    # Reading ----------------------------------------------------------------------------------

    def blocks(self) -> list[QuestionBlock]:
        blocks = []
        for response in self.responses:
            name = f"q{response.position}"
            fields = [self[key] for key in self.fields if key == name or key.startswith(f"{name}-")]
            blocks.append(QuestionBlock(response, fields, list(response.options.all())))
        return blocks

    def answers(self) -> dict[int, scoring.Answer]:
        """The cleaned answers, keyed by question id, in the shape scoring reads."""
        data, answers = self.cleaned_data, {}
        for response in self.responses:
            name, kind = f"q{response.position}", response.question.type
            by_position = {str(o.position): o for o in response.options.all()}
            if kind in scoring.TYPED_TYPES:
                answer = scoring.Answer(text=data.get(name, "").strip())
            elif kind in scoring.CHOICE_TYPES:
                picked = data.get(name) or []
                picked = [picked] if isinstance(picked, str) else picked
                answer = scoring.Answer(
                    selected=frozenset(by_position[p].choice_id for p in picked if p in by_position)
                )
            elif kind == scoring.ORDERING:
                answer = scoring.Answer(
                    positions={
                        o.choice_id: data[f"{name}-item{p}"]
                        for p, o in by_position.items()
                        if data.get(f"{name}-item{p}")
                    }
                )
            else:
                texts = _match_texts(list(by_position.values()))
                first_with = {}
                for o in sorted(by_position.values(), key=lambda o: (o.choice.order, o.choice_id)):
                    first_with.setdefault(o.choice.match_text, o.choice_id)
                answer = scoring.Answer(
                    matches={
                        o.choice_id: first_with[texts[int(data[f"{name}-match{p}"]) - 1]]
                        for p, o in by_position.items()
                        if data.get(f"{name}-match{p}")
                    }
                )
            answers[response.question_id] = answer
        return answers

    def unanswered_count(self) -> int:
        return sum(1 for answer in self.answers().values() if answer.is_blank)


def unanswered_message(count: int) -> str:
    return ngettext(
        "%(count)d question was left unanswered and scores 0.",
        "%(count)d questions were left unanswered and score 0.",
        count,
    ) % {"count": count}
