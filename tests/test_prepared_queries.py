"""Prepared queries (history_site/prepared.py): compiled once per connection, run with new keys.

A PreparedQuery must answer exactly what the QuerySet it was built from answers,
converted as the ORM converts it, in one query, for whichever keys it is given.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.urls import reverse
from django.utils import timezone

from history_site.prepared import PreparedQuery
from quizzes.models import Attempt, Quiz, Response
from tests.factories import (
    AttemptFactory,
    QuestionFactory,
    QuizFactory,
    SubmittedAttemptFactory,
    UserFactory,
    graded_attempt,
)

pytestmark = pytest.mark.django_db

HUGE = 2**70  # what a URL with 22 digits gives: beyond any 64-bit column

RESULT_COLUMNS = ("pk", "score", "percent", "passed", "started_at", "submitted_at", "state")


def result_rows(pk):
    return Attempt.objects.filter(pk=pk).values_list(*RESULT_COLUMNS)


def attempts_by_pk() -> PreparedQuery:
    return PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk), model=Attempt)


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


@pytest.fixture
def submitted():
    return SubmittedAttemptFactory(percent=Decimal("75.00"), max_score=Decimal("8.00"))


# Rows ------------------------------------------------------------------------------------------


def test_rows_are_the_rows_values_list_gives(submitted):
    SubmittedAttemptFactory()  # another attempt, not asked for

    rows = PreparedQuery(result_rows).rows(pk=submitted.pk)

    assert rows == list(result_rows(submitted.pk))


def test_a_decimal_column_comes_back_as_a_decimal(submitted):
    [row] = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk).values_list("score")).rows(pk=submitted.pk)

    assert row[0] == Decimal("6.00")
    assert type(row[0]) is Decimal


def test_a_boolean_column_comes_back_as_a_bool(submitted):
    [row] = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk).values_list("passed")).rows(pk=submitted.pk)

    assert row[0] is True


def test_a_datetime_column_comes_back_as_an_aware_datetime(submitted):
    [row] = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk).values_list("started_at")).rows(pk=submitted.pk)

    assert isinstance(row[0], datetime)
    assert timezone.is_aware(row[0])
    assert row[0] == submitted.started_at


def test_rows_follow_the_querysets_joins_and_order():
    quiz = QuizFactory()
    first, second = QuestionFactory(quiz=quiz, order=1), QuestionFactory(quiz=quiz, order=2)
    attempt = graded_attempt(quiz, UserFactory(), [1, 0])

    def papers(attempt):
        return (
            Response.objects.filter(attempt_id=attempt)
            .order_by("position", "options__position")
            .values_list("position", "question_id", "points", "is_correct", "options__choice__text")
        )

    rows = PreparedQuery(papers).rows(attempt=attempt.pk)

    assert rows == list(papers(attempt.pk))
    assert [(row[0], row[1]) for row in rows] == [(1, first.pk), (1, first.pk), (2, second.pk), (2, second.pk)]


def test_rows_are_empty_when_nothing_matches():
    assert PreparedQuery(result_rows).rows(pk=123456) == []


# Keys ------------------------------------------------------------------------------------------


def test_the_same_prepared_query_answers_for_each_key_it_is_given():
    ada, bob = AttemptFactory(number=1), AttemptFactory(number=2)
    numbers = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk).values_list("pk", "number"))

    assert numbers.rows(pk=ada.pk) == [(ada.pk, 1)]
    assert numbers.rows(pk=bob.pk) == [(bob.pk, 2)]
    assert numbers.rows(pk=ada.pk) == [(ada.pk, 1)]


def test_the_sql_is_compiled_once_and_reused_with_new_keys():
    ada, bob = AttemptFactory(), AttemptFactory()
    prepared = attempts_by_pk()

    with mock.patch.object(PreparedQuery, "_compile", autospec=True, side_effect=PreparedQuery._compile) as compile:
        assert prepared.first(pk=ada.pk) == ada
        assert prepared.first(pk=bob.pk) == bob

    assert compile.call_count == 1


def test_each_key_goes_to_its_own_place_in_the_sql():
    student, other = UserFactory(), UserFactory()
    mine = AttemptFactory(student=student)
    prepared = PreparedQuery(lambda pk, student: Attempt.objects.filter(pk=pk, student_id=student), model=Attempt)

    assert prepared.first(pk=mine.pk, student=student.pk) == mine
    assert prepared.first(pk=mine.pk, student=other.pk) is None


def test_a_key_that_does_not_reach_the_sql_is_refused_when_first_run():
    ignores_its_key = PreparedQuery(lambda pk: Attempt.objects.all())

    with pytest.raises(ValueError, match="pk"):
        ignores_its_key.rows(pk=1)


def test_a_key_changed_before_it_reaches_the_sql_is_refused():
    computes_from_its_key = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk + 1))

    with pytest.raises(ValueError, match="pk"):
        computes_from_its_key.rows(pk=1)


def test_the_refusal_names_only_the_keys_left_out():
    one_key_unused = PreparedQuery(lambda pk, student: Attempt.objects.filter(pk=pk))

    with pytest.raises(ValueError, match=r"\['student'\]"):
        one_key_unused.rows(pk=1, student=2)


# Keys no row can have ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", [HUGE, -HUGE, 2**63], ids=["huge", "hugely-negative", "just-past-64-bits"])
def test_a_key_beyond_64_bits_finds_nothing_without_a_query(key, django_assert_num_queries):
    AttemptFactory()
    prepared = attempts_by_pk()

    with django_assert_num_queries(0):
        assert prepared.rows(pk=key) == []
        assert prepared.first(pk=key) is None


def test_the_largest_64_bit_key_is_looked_up(django_assert_num_queries):
    prepared = attempts_by_pk()

    with django_assert_num_queries(1):
        assert prepared.first(pk=2**63 - 1) is None


def test_first_is_none_when_no_row_matches():
    AttemptFactory()

    assert attempts_by_pk().first(pk=987654) is None


# Instances -------------------------------------------------------------------------------------


def test_instances_are_what_the_orm_makes(submitted):
    [found] = attempts_by_pk().instances(pk=submitted.pk)

    expected = Attempt.objects.get(pk=submitted.pk)
    assert found == expected
    assert field_values(found) == field_values(expected)


def test_first_gives_the_instance_the_orm_gives(submitted):
    found = attempts_by_pk().first(pk=submitted.pk)

    assert field_values(found) == field_values(Attempt.objects.get(pk=submitted.pk))


def test_instances_are_loaded_from_the_database_as_the_orm_loads_them(submitted):
    found = attempts_by_pk().first(pk=submitted.pk)

    assert found._state.adding is False
    assert found._state.db == "default"


def test_a_related_object_comes_with_the_instance_without_another_query(submitted, django_assert_num_queries):
    prepared = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk), model=Attempt, related=["quiz"])

    with django_assert_num_queries(1):
        found = prepared.first(pk=submitted.pk)
        quiz = found.quiz

    real = Quiz.objects.get(pk=submitted.quiz_id)
    assert quiz == real
    assert field_values(quiz) == field_values(real)


def test_a_missing_optional_related_object_is_none_without_a_query(django_assert_num_queries):
    quiz = QuizFactory(section=None)
    prepared = PreparedQuery(lambda pk: Quiz.objects.filter(pk=pk), model=Quiz, related=["section"])

    with django_assert_num_queries(1):
        found = prepared.first(pk=quiz.pk)
        assert found.section is None


def test_instances_need_a_model():
    rows_only = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk))

    with pytest.raises(TypeError, match="model="):
        rows_only.instances(pk=1)


# Queries ---------------------------------------------------------------------------------------


def test_each_run_is_one_query_including_the_first(submitted, django_assert_num_queries):
    other = AttemptFactory()
    prepared = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk), model=Attempt, related=["quiz"])

    with django_assert_num_queries(1):
        prepared.first(pk=submitted.pk)
    with django_assert_num_queries(1):
        prepared.first(pk=other.pk)


def test_rows_are_tuples_even_when_a_column_is_converted(submitted):
    rows = PreparedQuery(lambda pk: Attempt.objects.filter(pk=pk).values_list("pk", "score")).rows(pk=submitted.pk)

    assert type(rows[0]) is tuple


def test_a_key_on_a_column_too_small_for_any_id_is_refused_clearly():
    # Attempt.number is a positive small integer: no stand-in key can reach it.
    numbered = PreparedQuery(lambda number: Attempt.objects.filter(number=number).values_list("pk"))

    with pytest.raises(ValueError, match="integer columns of 32 bits or more"):
        numbered.rows(number=1)


@pytest.mark.django_db(transaction=True)
def test_a_select_for_update_query_is_refused_outside_a_transaction_also_once_compiled():
    attempt = SubmittedAttemptFactory()
    locking = PreparedQuery(lambda pk: Attempt.objects.select_for_update().filter(pk=pk).values_list("pk"))
    with transaction.atomic():
        locking.rows(pk=attempt.pk)

    with pytest.raises(TransactionManagementError):
        locking.rows(pk=attempt.pk)


def test_a_select_for_update_query_runs_inside_a_transaction(submitted, django_assert_num_queries):
    locking = PreparedQuery(lambda pk: Attempt.objects.select_for_update().filter(pk=pk), model=Attempt)

    with transaction.atomic(), django_assert_num_queries(1) as captured:
        locked = locking.first(pk=submitted.pk)

    assert field_values(locked) == field_values(submitted)
    if connection.features.has_select_for_update:  # SQLite has no row locks; Django leaves the clause out there
        assert "FOR UPDATE" in captured.captured_queries[0]["sql"]


# Pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quizzes:attempt", "quizzes:result"])
def test_an_attempt_address_with_a_huge_number_is_not_found(student_client, name):
    page = student_client.get(reverse(name, kwargs={"pk": 99999999999999999999999}))

    assert page.status_code == 404


def test_submitting_to_an_attempt_address_with_a_huge_number_is_not_found(student_client):
    page = student_client.post(reverse("quizzes:attempt", kwargs={"pk": 99999999999999999999999}), {})

    assert page.status_code == 404
