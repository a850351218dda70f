"""quizzes/bulk.py: the statements a submit writes with, checked against what the ORM reads back."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.bulk import update_row, update_rows
from quizzes.models import Attempt, Response, ResponseOption
from tests.factories import AttemptFactory, ChoiceFactory, QuestionFactory, QuizFactory, SubmittedAttemptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def responses():
    quiz = QuizFactory()
    attempt = AttemptFactory(quiz=quiz)
    rows = []
    for position in (1, 2, 3):
        question = QuestionFactory(quiz=quiz)
        response = Response.objects.create(attempt=attempt, question=question, position=position)
        for n in (1, 2):
            ResponseOption.objects.create(response=response, choice=ChoiceFactory(question=question), position=n)
        rows.append(response)
    return rows


def test_update_rows_sets_each_row_its_own_values(responses):
    update_rows(
        Response,
        ["text_answer", "points", "is_correct"],
        [("Mercader", Decimal("1.50"), False, responses[0].pk), ("1940", Decimal("2.00"), True, responses[2].pk)],
    )

    first, second, third = (Response.objects.get(pk=r.pk) for r in responses)
    assert (first.text_answer, first.points, first.is_correct) == ("Mercader", Decimal("1.50"), False)
    assert (third.text_answer, third.points, third.is_correct) == ("1940", Decimal("2.00"), True)
    assert (second.text_answer, second.points, second.is_correct) == ("", None, None)


def test_update_rows_writes_nulls_and_foreign_keys(responses):
    options = list(ResponseOption.objects.filter(response=responses[0]).order_by("position"))
    update_rows(
        ResponseOption,
        ["selected", "given_position", "matched_to"],
        [(True, 2, options[1].choice_id, options[0].pk), (False, None, None, options[1].pk)],
    )

    first, second = (ResponseOption.objects.get(pk=o.pk) for o in options)
    assert (first.selected, first.given_position, first.matched_to_id) == (True, 2, options[1].choice_id)
    assert (second.selected, second.given_position, second.matched_to_id) == (False, None, None)


def test_update_rows_with_no_rows_sends_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        update_rows(Response, ["text_answer"], [])


def test_update_rows_splits_more_rows_than_one_statement_may_carry(responses, monkeypatch):
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite is written row by row (executemany): no statement carries several rows")
    monkeypatch.setattr(connection.features, "max_query_params", 4)  # two rows of (pk, value) per statement
    update_rows(Response, ["text_answer"], [(f"answer {r.position}", r.pk) for r in responses])

    assert [r.text_answer for r in Response.objects.order_by("position")] == ["answer 1", "answer 2", "answer 3"]


def test_update_row_changes_the_row_when_its_condition_holds():
    attempt = AttemptFactory()
    submitted = timezone.now().replace(microsecond=123456)

    changed = update_row(
        Attempt,
        attempt.pk,
        {
            "state": Attempt.State.SUBMITTED,
            "submitted_at": submitted,
            "score": Decimal("7.50"),
            "max_score": Decimal("10.00"),
            "percent": Decimal("75.00"),
            "passed": True,
        },
        only_if={"state": Attempt.State.IN_PROGRESS},
    )

    attempt.refresh_from_db()
    assert changed == 1
    assert (attempt.state, attempt.submitted_at, attempt.score, attempt.percent, attempt.passed) == (
        Attempt.State.SUBMITTED,
        submitted,
        Decimal("7.50"),
        Decimal("75.00"),
        True,
    )


def test_update_row_changes_nothing_when_its_condition_fails():
    attempt = SubmittedAttemptFactory(submitted_at=timezone.now() - timedelta(minutes=5))
    before = Attempt.objects.values().get(pk=attempt.pk)

    changed = update_row(
        Attempt, attempt.pk, {"passed": not attempt.passed}, only_if={"state": Attempt.State.IN_PROGRESS}
    )

    assert changed == 0
    assert Attempt.objects.values().get(pk=attempt.pk) == before


def test_update_row_of_a_missing_row_changes_nothing():
    assert update_row(Attempt, 10**9, {"passed": True}, only_if={"state": Attempt.State.IN_PROGRESS}) == 0
