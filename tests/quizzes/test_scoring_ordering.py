"""Ordering: partial credit for the share of pairs of items in the right
relative order, or all or nothing, chosen per question."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.scoring import ORDERING, Answer, AnswerKey, Grade, Option, grade_response

# In the right order: 1 Lenin dies (1924), 2 Trotsky is expelled from the party
# (1927), 3 he is deported to Turkey (1929), 4 he arrives in Mexico (1937).
LENIN, EXPELLED, DEPORTED, MEXICO = 1, 2, 3, 4


def key(*items: int, points: int = 2, all_or_nothing: bool = False) -> AnswerKey:
    return AnswerKey(
        type=ORDERING,
        points=Decimal(points),
        options=tuple(Option(item) for item in items),
        all_or_nothing=all_or_nothing,
    )


THREE_ITEMS = key(LENIN, EXPELLED, DEPORTED)
ALL_OR_NOTHING = key(LENIN, EXPELLED, DEPORTED, all_or_nothing=True)


def grade(answer_key: AnswerKey, *order: int) -> Grade:
    """The student's answer as the items in the order they put them."""
    return grade_response(answer_key, Answer(positions={item: n for n, item in enumerate(order, start=1)}))


def test_the_right_order_earns_full_points():
    result = grade(THREE_ITEMS, LENIN, EXPELLED, DEPORTED)

    assert result.points == Decimal("2.00")
    assert result.status == "correct"


def test_one_swap_among_three_items_earns_two_thirds_of_the_points():
    result = grade(THREE_ITEMS, LENIN, DEPORTED, EXPELLED)

    assert str(result.points) == "1.33"
    assert result.status == "partial"


@pytest.mark.parametrize(
    ("order", "points"),
    [
        ((LENIN, EXPELLED, DEPORTED), "2.00"),
        ((LENIN, DEPORTED, EXPELLED), "1.33"),
        ((EXPELLED, LENIN, DEPORTED), "1.33"),
        ((EXPELLED, DEPORTED, LENIN), "0.67"),
        ((DEPORTED, LENIN, EXPELLED), "0.67"),
        ((DEPORTED, EXPELLED, LENIN), "0.00"),
    ],
)
def test_every_order_of_three_items_earns_its_share_of_right_pairs(order, points):
    assert str(grade(THREE_ITEMS, *order).points) == points


def test_the_reverse_order_is_answered_but_earns_nothing():
    result = grade(THREE_ITEMS, DEPORTED, EXPELLED, LENIN)

    assert result.answered
    assert result.status == "incorrect"


def test_one_adjacent_swap_among_four_items_earns_five_sixths():
    answer_key = key(LENIN, EXPELLED, DEPORTED, MEXICO, points=1)

    assert grade(answer_key, LENIN, EXPELLED, MEXICO, DEPORTED).points == Decimal("0.83")


def test_all_or_nothing_gives_full_points_for_the_right_order():
    assert grade(ALL_OR_NOTHING, LENIN, EXPELLED, DEPORTED).points == Decimal("2.00")


def test_all_or_nothing_gives_nothing_for_one_swap():
    result = grade(ALL_OR_NOTHING, LENIN, DEPORTED, EXPELLED)

    assert result.points == 0
    assert result.status == "incorrect"


@pytest.mark.parametrize(
    "positions",
    [{LENIN: 10, EXPELLED: 20, DEPORTED: 30}, {LENIN: -5, EXPELLED: 0, DEPORTED: 7}],
    ids=["gaps", "zero and negative"],
)
def test_only_the_relative_order_of_positions_counts(positions):
    assert grade_response(THREE_ITEMS, Answer(positions=positions)).status == "correct"


def test_two_items_sharing_a_position_lose_the_pair_between_them():
    result = grade_response(THREE_ITEMS, Answer(positions={LENIN: 1, EXPELLED: 1, DEPORTED: 2}))

    assert str(result.points) == "1.33"


def test_every_item_in_the_same_position_earns_nothing():
    result = grade_response(THREE_ITEMS, Answer(positions={LENIN: 1, EXPELLED: 1, DEPORTED: 1}))

    assert result.answered
    assert result.points == 0


def test_repeated_positions_earn_nothing_under_all_or_nothing():
    result = grade_response(ALL_OR_NOTHING, Answer(positions={LENIN: 1, EXPELLED: 2, DEPORTED: 2}))

    assert result.points == 0


def test_a_missing_item_loses_every_pair_it_belongs_to():
    result = grade_response(THREE_ITEMS, Answer(positions={LENIN: 1, EXPELLED: 2}))

    assert str(result.points) == "0.67"
    assert result.status == "partial"


def test_a_single_placed_item_is_answered_but_earns_nothing():
    result = grade_response(THREE_ITEMS, Answer(positions={EXPELLED: 1}))

    assert result.answered
    assert result.points == 0


def test_a_missing_item_earns_nothing_under_all_or_nothing():
    assert grade_response(ALL_OR_NOTHING, Answer(positions={LENIN: 1, EXPELLED: 2})).points == 0


def test_an_item_from_outside_the_question_is_ignored():
    result = grade_response(THREE_ITEMS, Answer(positions={99: 0, LENIN: 1, EXPELLED: 2, DEPORTED: 3}))

    assert result.status == "correct"


def test_only_items_from_outside_the_question_earn_nothing():
    result = grade_response(THREE_ITEMS, Answer(positions={98: 1, 99: 2}))

    assert result.answered
    assert result.points == 0


@pytest.mark.parametrize("answer", [None, Answer()], ids=["no answer", "empty answer"])
def test_placing_nothing_is_unanswered(answer):
    result = grade_response(THREE_ITEMS, answer)

    assert result.points == 0
    assert not result.answered
    assert result.status == "unanswered"


def test_choices_ticked_instead_of_items_placed_is_unanswered():
    assert grade_response(THREE_ITEMS, Answer(selected=frozenset({LENIN}))).status == "unanswered"


def test_one_swap_in_a_long_list_does_not_round_up_to_full_marks():
    items = list(range(1, 22))
    answer_key = key(*items, points=1)  # 210 pairs: 209 right is 0.995 of a point

    result = grade(answer_key, *items[:-2], items[-1], items[-2])

    assert result.points == Decimal("0.99")
    assert not result.correct
    assert result.status == "partial"
