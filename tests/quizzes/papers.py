"""Helpers that read and fill in an attempt's paper the way a browser would.

The question page names its fields by display position (`q3`, `q6-item2`,
`q7-match1`) and its values are option positions, so these helpers work from
the ResponseOption rows the attempt recorded, never from database ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from django.http import HttpResponse
from django.utils.datastructures import MultiValueDict

from quizzes import scoring
from quizzes.forms import AttemptForm
from quizzes.models import Attempt, Question, Response
from quizzes.paper import load_paper
from quizzes.services import attempt_submit

# What one answer looks like in a POST: a value, or a list of values for a multiple-answer field.
PostValue = str | list[str]


def paper(attempt: Attempt) -> list[Response]:
    """The attempt's responses in the order shown, with options, choices and accepted answers loaded."""
    return list(Response.objects.filter(attempt=attempt).for_grading())


def response_for(attempt: Attempt, question: Question) -> Response:
    return next(response for response in paper(attempt) if response.question_id == question.pk)


def _match_texts(response: Response) -> list[str]:
    """The matching question's answers as the form offers them: distinct, alphabetical."""
    return sorted({o.choice.match_text for o in response.options.all() if o.choice.match_text}, key=str.casefold)


def answer_fields(response: Response, answer: object) -> dict[str, PostValue]:
    """The POST fields for one response, from an answer written in plain terms.

    - single / true-false: the choice text ("Right"); multiple: a list of texts;
    - short text and numeric: the text typed;
    - ordering: the item texts in the order the student puts them;
    - matching: {prompt text: match text}.
    """
    name, kind = f"q{response.position}", response.question.type
    options = list(response.options.all())
    position_of = {o.choice.text: str(o.position) for o in options}
    if kind in (scoring.SINGLE, scoring.TRUE_FALSE):
        return {name: position_of[answer]}
    if kind == scoring.MULTIPLE:
        return {name: [position_of[text] for text in answer]}
    if kind in scoring.TYPED_TYPES:
        return {name: answer}
    if kind == scoring.ORDERING:
        return {f"{name}-item{position_of[text]}": str(rank) for rank, text in enumerate(answer, start=1)}
    texts = _match_texts(response)
    return {f"{name}-match{position_of[prompt]}": str(texts.index(match) + 1) for prompt, match in answer.items()}


def correct_answer(response: Response) -> object:
    """The right answer to a response's question, in the plain terms `answer_fields` takes."""
    question, options = response.question, list(response.options.all())
    kind = question.type
    if kind in (scoring.SINGLE, scoring.TRUE_FALSE):
        return next(o.choice.text for o in options if o.choice.is_correct)
    if kind == scoring.MULTIPLE:
        return [o.choice.text for o in options if o.choice.is_correct]
    if kind == scoring.SHORT_TEXT:
        return question.accepted_answers.all()[0].text
    if kind == scoring.NUMERIC:
        return f"{question.accepted_answers.all()[0].number.normalize():f}"
    if kind == scoring.ORDERING:
        return [o.choice.text for o in sorted(options, key=lambda o: (o.choice.order, o.choice_id))]
    return {o.choice.text: o.choice.match_text for o in options}


def post_data(attempt: Attempt, answers: dict[Question, object], *, action: str = "submit") -> dict[str, PostValue]:
    """A POST answering the given questions (others left blank), as the question page would send it."""
    data: dict[str, PostValue] = {"action": action}
    for response in paper(attempt):
        question = response.question
        if question in answers:
            data |= answer_fields(response, answers[question])
    return data


def all_correct(attempt: Attempt, *, action: str = "submit") -> dict[str, PostValue]:
    data: dict[str, PostValue] = {"action": action}
    for response in paper(attempt):
        data |= answer_fields(response, correct_answer(response))
    return data


def submit_at(attempt: Attempt, data: dict[str, PostValue], *, now: datetime) -> Attempt:
    """Submit a POST's answers at a chosen moment, through the same form and service as the page."""
    form = AttemptForm(
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()}),
        paper=load_paper(attempt.pk, with_keys=True),
    )
    assert form.is_valid(), form.errors
    return attempt_submit(attempt=attempt, answers=form.answers(), now=now).attempt


@dataclass(frozen=True)
class SavedState:
    """Everything a submission can change, to show that a refused one changed nothing."""

    attempt: tuple
    responses: tuple
    options: tuple


def saved_state(attempt: Attempt) -> SavedState:
    row = Attempt.objects.values_list(
        "state", "submitted_at", "score", "max_score", "percent", "passed", "deadline"
    ).get(pk=attempt.pk)
    responses = tuple(
        Response.objects.filter(attempt=attempt)
        .order_by("position")
        .values_list("pk", "question_id", "position", "text_answer", "points", "is_correct")
    )
    options = tuple(
        Response.objects.filter(attempt=attempt)
        .order_by("position", "options__position")
        .values_list(
            "options__pk",
            "options__choice_id",
            "options__position",
            "options__selected",
            "options__given_position",
            "options__matched_to_id",
        )
    )
    return SavedState(row, responses, options)


# Reading the question page -----------------------------------------------------------------------


@dataclass
class Control:
    """One form control on a page: an input, a select (with its options) or a textarea."""

    tag: str
    name: str
    type: str = ""
    value: str = ""
    checked: bool = False
    options: list[tuple[str, str, bool]] = field(default_factory=list)  # (value, text, selected)
    label: str = ""


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[Control] = []
        self.labels: dict[str, str] = {}
        self._select: Control | None = None
        self._option: list | None = None
        self._label_for: str | None = None
        self._label_text: list[str] = []
        self._ids: dict[str, Control] = {}

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in ("input", "textarea") and attrs.get("name"):
            control = Control(tag, attrs["name"], attrs.get("type", ""), attrs.get("value", ""), "checked" in attrs)
            self.controls.append(control)
            self._ids[attrs.get("id", "")] = control
        elif tag == "select":
            self._select = Control("select", attrs.get("name", ""))
            self.controls.append(self._select)
            self._ids[attrs.get("id", "")] = self._select
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value", ""), [], "selected" in attrs]
        elif tag == "label":
            self._label_for, self._label_text = attrs.get("for"), []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, words, selected = self._option
            self._select.options.append((value, " ".join("".join(words).split()), selected))
            self._option = None
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = " ".join("".join(self._label_text).split())
            self._label_for = None

    def handle_data(self, data):
        if self._option is not None:
            self._option[1].append(data)
        if self._label_for:
            self._label_text.append(data)

    def close(self):
        super().close()
        for control_id, control in self._ids.items():
            control.label = self.labels.get(control_id, "")


def answer_controls(page: HttpResponse | str) -> list[Control]:
    """The answer controls on a question page (those named q…), in document order, with their labels."""
    html = page if isinstance(page, str) else page.content.decode()
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return [control for control in reader.controls if control.name.startswith("q") and control.name[1:2].isdigit()]


def shown_order(page: HttpResponse | str) -> list[tuple[str, list[str]]]:
    """Each answer field's name with the labels of its choices or items as the page shows them."""
    order: dict[str, list[str]] = {}
    for control in answer_controls(page):
        base = control.name.split("-")[0]
        order.setdefault(base, [])
        if control.type in ("radio", "checkbox") or control.tag == "select":
            order[base].append(control.label)
    return list(order.items())
