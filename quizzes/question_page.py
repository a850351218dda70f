"""What the question page draws for each question: plain rows built from the paper and the form.

The template writes the inputs itself from these rows; Django's widgets would
render each of a 40-question paper's ~200 inputs through a template of its own.
Only texts the student sees and positions are here: nothing about which
answer is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizzes import scoring
from quizzes.forms import AttemptForm
from quizzes.paper import PaperQuestion


@dataclass(frozen=True)
class Tick:
    """A radio button or checkbox."""

    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class Pick:
    """A select for one ordering item (its position) or one matching prompt (its match)."""

    id: str
    name: str
    label: str
    options: tuple[tuple[str, str, bool], ...]  # (value, label, selected)


@dataclass(frozen=True)
class QuestionView:
    name: str
    number: int
    type: str
    prompt: str
    points: object
    errors: tuple[str, ...] = ()
    ticks: tuple[Tick, ...] = ()
    text: str = ""
    picks: tuple[Pick, ...] = field(default=())

    @property
    def is_choice(self) -> bool:
        return self.type in scoring.CHOICE_TYPES

    @property
    def is_typed(self) -> bool:
        return self.type in scoring.TYPED_TYPES


def _current(question: PaperQuestion, form: AttemptForm):
    """What the inputs show: what was just sent when redisplaying a form, else what was saved."""
    if form.is_bound:
        return form[question.name].value()
    saved = question.saved_answer()
    kind = question.type
    if kind in scoring.TYPED_TYPES:
        return question.text_answer
    if kind in scoring.CHOICE_TYPES:
        return [str(o.position) for o in question.options if o.selected]
    if kind == scoring.ORDERING:
        return {o.position: str(o.given_position) for o in question.options if o.given_position}
    texts = question.match_texts()
    match_of = {o.choice_id: o.match_text for o in question.options}
    return {
        o.position: str(texts.index(match_of[saved.matches[o.choice_id]]) + 1)
        for o in question.options
        if o.choice_id in saved.matches and match_of.get(saved.matches[o.choice_id]) in texts
    }


def question_views(form: AttemptForm, *, position_label: str, match_label: str) -> list[QuestionView]:
    views = []
    for question in form.paper:
        name, kind, current = question.name, question.type, _current(question, form)
        common = {
            "name": name,
            "number": question.position,
            "type": kind,
            "prompt": question.prompt,
            "points": question.points,
            "errors": tuple(form.errors.get(name, ())),
        }
        if kind in scoring.CHOICE_TYPES:
            chosen = {current} if isinstance(current, str) else set(current or ())
            ticks = tuple(
                Tick(f"{name}-{o.position}", str(o.position), o.text, str(o.position) in chosen)
                for o in question.options
            )
            views.append(QuestionView(**common, ticks=ticks))
        elif kind in scoring.TYPED_TYPES:
            views.append(QuestionView(**common, text=current or ""))
        elif kind == scoring.ORDERING:
            numbers = [str(n) for n in range(1, len(question.options) + 1)]
            picks = tuple(
                Pick(
                    f"{name}-item{o.position}",
                    f"{name}-item{o.position}",
                    o.text,
                    (("", position_label, False), *((v, v, (current or {}).get(o.position) == v) for v in numbers)),
                )
                for o in question.options
            )
            views.append(QuestionView(**common, picks=picks))
        else:
            texts = question.match_texts()
            picks = tuple(
                Pick(
                    f"{name}-match{o.position}",
                    f"{name}-match{o.position}",
                    o.text,
                    (
                        ("", match_label, False),
                        *((str(n), t, (current or {}).get(o.position) == str(n)) for n, t in enumerate(texts, 1)),
                    ),
                )
                for o in question.options
                if o.match_text
            )
            views.append(QuestionView(**common, picks=picks))
    return views
