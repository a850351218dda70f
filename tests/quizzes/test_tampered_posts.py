"""Tampered or broken answer posts get a clear message or a 400, never a 500, and save nothing.

Every refused post below also carries honest answers to other questions, so a
half-way save would show up in the attempt's rows.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from tests.factories import quiz_with_every_type
from tests.html import text_content
from tests.quizzes.papers import post_data, saved_state

pytestmark = pytest.mark.django_db

NOTHING_SAVED = "Some answers need correcting before they can be sent. Nothing was saved yet."


@pytest.fixture
def quiz():
    return quiz_with_every_type()


@pytest.fixture
def attempt(quiz, start):
    return start(quiz)


@pytest.fixture
def honest(quiz, attempt) -> dict:
    """Right answers to the single-choice and short-text questions (q1 and q4)."""
    return post_data(attempt, {quiz.questions.get(order=1): "Right", quiz.questions.get(order=4): "Mercader"})


@pytest.fixture
def send(student_client, attempt, honest):
    """POST the honest answers with the tampered fields on top; check that nothing was saved."""
    before = saved_state(attempt)

    def send(tampered: dict | None = None, **options):
        page = student_client.post(
            reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {**honest, **(tampered or {})}, **options
        )
        after = saved_state(attempt)
        assert after == before, "a refused post changed the attempt's rows"
        assert after.attempt[0] == Attempt.State.IN_PROGRESS
        return page

    return send


def shows_message(page, message: str) -> bool:
    return page.status_code == 200 and NOTHING_SAVED in text_content(page) and message in text_content(page)


# Clear messages ------------------------------------------------------------------------------------------


def test_a_choice_position_from_another_question_gets_a_message(send):
    # q1 shows two choices; q3 shows four, so "4" is a real position, just not q1's.
    page = send({"q1": "4"})

    assert shows_message(page, "Select a valid choice. 4 is not one of the available choices.")


def test_a_choice_position_out_of_range_gets_a_message(send):
    page = send({"q2": "0"})

    assert shows_message(page, "Select a valid choice. 0 is not one of the available choices.")


def test_a_multiple_answer_position_out_of_range_gets_a_message(send):
    page = send({"q3": ["1", "9"]})

    assert shows_message(page, "Select a valid choice. 9 is not one of the available choices.")


def test_a_choice_database_id_instead_of_a_position_gets_a_message(send, quiz):
    wrong_id = quiz.questions.get(order=1).choices.get(text="Wrong").pk + 1000

    page = send({"q1": str(wrong_id)})

    assert shows_message(page, "is not one of the available choices.")


def test_text_where_a_number_belongs_gets_a_message(send):
    page = send({"q5": "nineteen twenty-nine"})

    assert shows_message(page, "Enter a number, for example 1940")


def test_a_hundred_kilobytes_in_a_short_text_answer_gets_a_message(send):
    page = send({"q4": "Mercader " * 11_400})

    assert shows_message(page, "Ensure this value has at most 200 characters")


def test_a_hundred_kilobytes_in_a_numeric_answer_gets_a_message(send):
    page = send({"q5": "1" * 100_000})

    assert shows_message(page, "Ensure this value has at most 40 characters")


def test_a_null_character_in_a_text_answer_gets_a_message(send):
    page = send({"q4": "Merca\x00der"})

    assert shows_message(page, "Null characters are not allowed.")


def test_two_ordering_items_at_the_same_position_get_a_message(send):
    page = send({"q6-item1": "1", "q6-item2": "1", "q6-item3": "2"})

    assert shows_message(page, "Give each item a different position.")


def test_an_ordering_position_out_of_range_gets_a_message(send):
    page = send({"q6-item1": "4"})

    assert shows_message(page, "Select a valid choice. 4 is not one of the available choices.")


def test_a_matching_value_out_of_range_gets_a_message(send):
    page = send({"q7-match1": "3"})

    assert shows_message(page, "Select a valid choice. 3 is not one of the available choices.")


def test_a_matching_value_that_is_not_a_number_gets_a_message(send):
    page = send({"q7-match2": "Stalin"})

    assert shows_message(page, "Select a valid choice. Stalin is not one of the available choices.")


@pytest.mark.parametrize("position", ["²", "½", "Ⅱ", "01", " 1", "1" * 5000])
def test_an_ordering_position_that_only_looks_like_a_number_gets_a_message(send, position):
    # "²".isdigit() is true but int("²") fails; so does int() of a 5,000-digit number.
    page = send({"q6-item1": position})

    assert shows_message(page, "is not one of the available choices.")


@pytest.mark.parametrize("match", ["²", "١", "1" * 5000])
def test_a_matching_value_that_only_looks_like_a_number_gets_a_message(send, match):
    page = send({"q7-match1": match})

    assert shows_message(page, "is not one of the available choices.")


def test_a_refused_post_keeps_what_the_student_typed_on_the_page(send):
    page = send({"q5": "nineteen twenty-nine"})

    assert 'value="nineteen twenty-nine"' in page.content.decode()
    assert 'value="Mercader"' in page.content.decode()


def test_a_refused_post_shows_every_question_and_choice_again(send, quiz):
    page = text_content(send({"q5": "nineteen twenty-nine"}))

    for question in quiz.questions.prefetch_related("choices"):
        assert question.prompt in page
        for choice in question.choices.all():
            assert choice.text in page


# Bad requests ----------------------------------------------------------------------------------------------


def test_an_unknown_question_field_is_a_bad_request(send):
    assert send({"q99": "1"}).status_code == 400


def test_an_unknown_ordering_item_field_is_a_bad_request(send):
    assert send({"q6-item9": "1"}).status_code == 400


def test_a_matching_field_for_a_question_that_is_not_matching_is_a_bad_request(send):
    assert send({"q1-match1": "1"}).status_code == 400


def test_a_single_choice_field_sent_twice_is_a_bad_request(send):
    assert send({"q1": ["1", "2"]}).status_code == 400


def test_a_text_field_sent_twice_is_a_bad_request(send):
    assert send({"q4": ["Mercader", "Trotsky"]}).status_code == 400


def test_an_ordering_field_sent_twice_is_a_bad_request(send):
    assert send({"q6-item1": ["1", "2"]}).status_code == 400


def test_thousands_of_fields_are_a_bad_request(send):
    assert send({f"x{n}": "1" for n in range(2000)}).status_code == 400


# Posts that are odd but harmless -------------------------------------------------------------------------


def test_an_empty_post_submits_the_attempt_with_every_question_unanswered(student_client, attempt):
    page = student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {}, follow=True)

    assert page.redirect_chain == [(reverse("quizzes:result", kwargs={"pk": attempt.pk}), 302)]
    assert "7 questions were left unanswered and score 0." in text_content(page)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.max_score) == (Attempt.State.SUBMITTED, 0, 10)


def test_opening_the_question_page_of_a_submitted_attempt_shows_its_result(student_client, attempt):
    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {"action": "submit"})

    page = student_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}))

    assert page.status_code == 302
    assert page.url == reverse("quizzes:result", kwargs={"pk": attempt.pk})


def test_opening_the_result_page_of_an_unfinished_attempt_shows_its_questions(student_client, attempt):
    page = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))

    assert page.status_code == 302
    assert page.url == reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
