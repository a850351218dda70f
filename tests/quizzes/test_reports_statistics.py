"""The item statistics report: which attempts it analyses, the figures it shows (a dash when one
cannot be computed), the questions it flags with their most frequent wrong answers, the score
chart and its table, and the CSV file."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.csv_export import BOM
from quizzes.models import Attempt, Quiz, ResponseOption
from quizzes.reports import ShownOption, answer_shown
from quizzes.review import review_items
from quizzes.statistics import FLAG_TEXT, TOO_HARD
from tests.factories import (
    AttemptFactory,
    QuestionFactory,
    QuizFactory,
    SchoolClassFactory,
    UserFactory,
    graded_attempt,
    quiz_with_every_type,
    short_text_question,
)
from tests.html import text_content
from tests.quizzes.papers import paper

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def statistics_url(quiz: Quiz, *, csv: bool = False) -> str:
    return reverse("admin:quizzes_quiz_statistics_csv" if csv else "admin:quizzes_quiz_statistics", args=[quiz.pk])


@pytest.fixture
def quiz():
    """Q1 single choice (Right/Wrong), Q2 short text, each worth 1."""
    quiz = QuizFactory(title="Exile and murder", grading_method=Quiz.GradingMethod.HIGHEST)
    QuestionFactory(quiz=quiz, order=1, prompt="Who ordered the murder?")
    short_text_question(quiz, "Ramón Mercader", order=2, prompt="Who killed Trotsky?")
    return quiz


@pytest.fixture
def pupils(teacher):
    students = [UserFactory(username=name) for name in ("ada", "bob", "cy")]
    SchoolClassFactory(teacher=teacher, name="10B", students=students)
    return students


def report_of(client, quiz: Quiz, **params):
    page = client.get(statistics_url(quiz), params)
    assert page.status_code == 200
    return page


# Which attempts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grading_method", "expected"),
    [
        (Quiz.GradingMethod.FIRST, "first"),
        (Quiz.GradingMethod.HIGHEST, "highest"),
        (Quiz.GradingMethod.LATEST, "last"),
        (Quiz.GradingMethod.AVERAGE, "all"),
    ],
)
def test_the_quizs_grading_method_chooses_the_attempts_by_default(teacher_client, quiz, grading_method, expected):
    Quiz.objects.filter(pk=quiz.pk).update(grading_method=grading_method)

    page = report_of(teacher_client, quiz)

    assert page.context["report"].method == expected
    assert page.context["form"]["method"].value() == expected


def test_filters_without_a_choice_of_attempts_keep_the_quizs_default(teacher_client, quiz, pupils):
    Quiz.objects.filter(pk=quiz.pk).update(grading_method=Quiz.GradingMethod.LATEST)

    page = report_of(teacher_client, quiz, school_class="")

    assert page.context["report"].method == "last"
    assert page.context["form"]["method"].value() == "last"


@pytest.mark.parametrize(("method", "facility"), [("first", 0.0), ("last", 100.0), ("highest", 100.0)])
def test_the_selector_analyses_one_attempt_per_student(teacher_client, quiz, pupils, method, facility):
    ada, bob, _cy = pupils
    graded_attempt(quiz, ada, [0, 0], number=1, started_at=NOW - timedelta(hours=2))
    graded_attempt(quiz, ada, [1, 1], number=2, started_at=NOW - timedelta(hours=1))
    graded_attempt(quiz, bob, [0, 1], started_at=NOW - timedelta(hours=1))

    report = report_of(teacher_client, quiz, method=method).context["report"]

    assert report.quiz.attempts == 2
    assert report.questions[0].figures.facility == facility / 2  # bob never earns Q1


def test_all_attempts_analyses_every_attempt(teacher_client, quiz, pupils):
    ada, bob, _cy = pupils
    graded_attempt(quiz, ada, [0, 0], number=1, started_at=NOW - timedelta(hours=2))
    graded_attempt(quiz, ada, [1, 1], number=2)
    graded_attempt(quiz, bob, [0, 1])

    report = report_of(teacher_client, quiz, method="all").context["report"]

    assert report.quiz.attempts == 3
    assert report.questions[0].figures.facility == pytest.approx(100 / 3)


def test_an_unfinished_attempt_is_not_analysed(teacher_client, quiz, pupils):
    graded_attempt(quiz, pupils[0], [1, 1])
    AttemptFactory(quiz=quiz, student=pupils[1], number=1)

    assert report_of(teacher_client, quiz).context["report"].quiz.attempts == 1


def test_a_late_attempt_scored_zero_still_counts_the_marks_its_answers_earned(teacher_client, quiz, pupils):
    # The "no points" overdue policy zeroes the score; the item analysis is about the answers.
    attempt = graded_attempt(quiz, pupils[0], [1, 1])
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.OVERDUE, score=0, percent=0, passed=False)

    report = report_of(teacher_client, quiz).context["report"]

    assert report.quiz.mean_percent == 100.0


def test_a_quiz_without_finished_attempts_says_so(teacher_client, quiz, pupils):
    assert "No finished attempts match these filters." in text_content(report_of(teacher_client, quiz))


# The figures ----------------------------------------------------------------------------------------


def test_the_whole_quiz_table_shows_the_figures_as_percentages(teacher_client, quiz, pupils):
    for student, marks in zip(pupils, ([1, 1], [1, 0], [0, 0]), strict=True):
        graded_attempt(quiz, student, marks)

    text = text_content(report_of(teacher_client, quiz))

    # Totals 2, 1, 0 of 2: mean and median 50 %, SD 1 mark = 50 %, no skew.
    assert "Attempts analysed 3" in text
    assert "Mean 50.00 %" in text
    assert "Median 50.00 %" in text
    assert "Standard deviation 50.00 %" in text
    assert "Skewness 0.00" in text


def test_a_figure_that_cannot_be_computed_shows_a_dash(teacher_client, quiz, pupils):
    graded_attempt(quiz, pupils[0], [1, 0])

    text = text_content(report_of(teacher_client, quiz))

    assert "Standard deviation —" in text
    assert "Coefficient of internal consistency (CIC) —" in text


def test_each_question_shows_its_facility_and_discrimination(teacher_client, quiz, pupils):
    for student, marks in zip(pupils, ([1, 1], [1, 0], [0, 0]), strict=True):
        graded_attempt(quiz, student, marks)

    text = text_content(report_of(teacher_client, quiz))

    # Q1 = 1 1 0, Q2 = 1 0 0: facility 66.7 %; Cov = 1/6, both variances 1/3, D = 50.
    assert "1 Who ordered the murder? Single choice 66.7 % 57.7 % 50.00" in text
    assert "2 Who killed Trotsky? Short text 33.3 % 57.7 % 50.00" in text


def test_a_question_outside_the_facility_range_is_flagged_with_the_reason(teacher_client, quiz, pupils):
    for student in pupils:
        graded_attempt(quiz, student, [0, 1 if student.username == "ada" else 0])

    report = report_of(teacher_client, quiz)

    assert [question.column.number for question in report.context["report"].flagged] == [1]
    assert f"Needs review. {FLAG_TEXT[TOO_HARD]}" in text_content(report)


def test_no_question_is_flagged_on_a_single_attempt(teacher_client, quiz, pupils):
    graded_attempt(quiz, pupils[0], [0, 1])

    page = report_of(teacher_client, quiz)

    assert page.context["report"].flagged == ()
    assert "No question is flagged until at least two attempts are analysed." in text_content(page)


# Wrong answers -----------------------------------------------------------------------------------------


def test_a_flagged_question_lists_its_most_frequent_wrong_answers_with_counts(teacher_client, quiz, pupils):
    # Q2 is right only when Q1 is wrong: a negative discrimination flags it.
    ada, bob, cy = pupils
    graded_attempt(quiz, ada, [1, 0], typed={2: "Trotsky"})
    graded_attempt(quiz, bob, [1, 0], typed={2: "Trotsky"})
    graded_attempt(quiz, cy, [0, 1], typed={2: "Mercader"})

    report = report_of(teacher_client, quiz).context["report"]

    assert report.questions[1].wrong_answers == (("Trotsky", 2),)


def test_wrong_choices_are_shown_by_their_text_and_a_blank_as_no_answer(teacher_client, quiz, pupils):
    ada, bob, cy = pupils
    graded_attempt(quiz, ada, [0, 1], ticked={1: ["Wrong"]})
    graded_attempt(quiz, bob, [0, 1], ticked={1: ["Wrong"]})
    graded_attempt(quiz, cy, [0, 1])

    page = report_of(teacher_client, quiz)

    assert page.context["report"].questions[0].wrong_answers == (("Wrong", 2), ("", 1))
    assert "Answer given Attempts Wrong 2 No answer 1" in text_content(page)


def test_wrong_answers_come_only_from_the_attempts_analysed(teacher_client, quiz, pupils):
    ada, bob, _cy = pupils
    graded_attempt(quiz, ada, [0, 0], number=1, typed={2: "Zinoviev"}, started_at=NOW - timedelta(hours=1))
    graded_attempt(quiz, ada, [0, 0], number=2, typed={2: "Kamenev"})
    graded_attempt(quiz, bob, [0, 0], typed={2: "Kamenev"})

    report = report_of(teacher_client, quiz, method="last").context["report"]

    assert report.questions[1].wrong_answers == (("Kamenev", 2),)


def test_a_wrong_answer_reads_as_the_attempts_review_shows_it_for_every_type(pupils):
    quiz = quiz_with_every_type()
    attempt = graded_attempt(
        quiz, pupils[0], [0] * 7, ticked={1: ["Wrong"], 2: ["True"], 3: ["Turkey", "Spain"]}, typed={4: "Trotsky"}
    )
    items = {option.choice.text: option for option in ResponseOption.objects.filter(response__attempt=attempt)}
    ResponseOption.objects.filter(pk=items["Lenin dies"].pk).update(given_position=2)
    ResponseOption.objects.filter(pk=items["Trotsky is exiled"].pk).update(given_position=1)
    ResponseOption.objects.filter(pk=items["Stalin"].pk).update(matched_to=items["Trotsky"].choice)

    for response in paper(attempt):
        options = [
            ShownOption(o.choice_id, o.choice.text, o.choice.match_text, o.selected, o.given_position, o.matched_to_id)
            for o in response.options.all()
        ]
        shown = answer_shown(response.question.type, response.text_answer, options)

        assert shown == "; ".join(review_items([response], show_answers=False)[0].given), response.question.type


# The chart ------------------------------------------------------------------------------------------


def test_the_score_chart_is_an_svg_image_with_a_title_and_a_description(teacher_client, quiz, pupils):
    for student in pupils:
        graded_attempt(quiz, student, [1, 0])

    html = report_of(teacher_client, quiz).content.decode()

    assert 'role="img" aria-labelledby="score-chart-title score-chart-desc"' in html
    assert '<title id="score-chart-title">Score distribution</title>' in html
    assert '<desc id="score-chart-desc">' in html


def test_each_bar_of_the_chart_has_a_title_with_its_band_and_count(teacher_client, quiz, pupils):
    for student in pupils:
        graded_attempt(quiz, student, [1, 0])

    html = report_of(teacher_client, quiz).content.decode()

    assert html.count('<rect class="score-chart-bar"') == 10
    assert "<title>50–60 %: 3 attempts</title>" in html
    assert "<title>0–10 %: 0 attempts</title>" in html


def test_a_table_gives_the_charts_numbers_to_screen_readers(teacher_client, quiz, pupils):
    for student, marks in zip(pupils, ([1, 1], [1, 0], [1, 0]), strict=True):
        graded_attempt(quiz, student, marks)

    text = text_content(report_of(teacher_client, quiz))

    assert "Attempts in each band of score." in text
    assert "40–50 0 50–60 2 60–70 0" in text
    assert "90–100 1" in text


# Filters -----------------------------------------------------------------------------------------


def test_the_class_filter_analyses_only_that_classs_students(teacher, teacher_client, quiz, pupils):
    other = SchoolClassFactory(teacher=teacher, name="10C", students=[UserFactory(username="dora")])
    graded_attempt(quiz, pupils[0], [1, 1])
    graded_attempt(quiz, other.students.get(), [0, 0])

    report = report_of(teacher_client, quiz, school_class=other.pk).context["report"]

    assert report.quiz.attempts == 1
    assert report.quiz.mean == 0


def test_the_date_filter_keeps_attempts_submitted_between_the_two_days(teacher_client, quiz, pupils):
    day = timezone.localdate()
    graded_attempt(quiz, pupils[0], [1, 1], submitted_at=NOW - timedelta(days=10))
    graded_attempt(quiz, pupils[1], [0, 0], submitted_at=NOW)

    report = report_of(teacher_client, quiz, submitted_from=day.isoformat(), submitted_to=day.isoformat())

    assert report.context["report"].quiz.attempts == 1


def test_dates_in_the_wrong_order_are_explained_and_no_report_is_shown(teacher_client, quiz, pupils):
    page = report_of(teacher_client, quiz, submitted_from="2026-03-02", submitted_to="2026-03-01")

    assert page.context["form"].errors["__all__"] == ["The first day comes after the last one. Swap the two dates."]
    assert "Correct the filters above to see the report." in text_content(page)


def test_a_quiz_without_questions_says_so(teacher_client, pupils):
    quiz = QuizFactory()

    assert "This quiz has no questions yet." in text_content(report_of(teacher_client, quiz))


# The CSV file -----------------------------------------------------------------------------------


def csv_rows(download) -> list[list[str]]:
    text = download.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def test_the_statistics_csv_is_an_attachment_named_after_the_quiz(teacher_client, quiz, pupils):
    download = teacher_client.get(statistics_url(quiz, csv=True))

    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        f'attachment; filename="exile-and-murder-item-statistics-{timezone.localdate().isoformat()}.csv"'
    )


def test_the_statistics_csv_has_the_whole_quiz_then_one_row_per_question(teacher_client, quiz, pupils):
    for student, marks in zip(pupils, ([1, 1], [1, 0], [0, 0]), strict=True):
        graded_attempt(quiz, student, marks)

    rows = csv_rows(teacher_client.get(statistics_url(quiz, csv=True)))

    assert ["Mean", "50.00", "%"] in rows
    assert ["Kurtosis", "", ""] in rows  # needs four attempts: an empty cell, not a dash
    header = rows.index(next(row for row in rows if row[:2] == ["Question number", "Question"]))
    assert rows[header + 1][:9] == ["1", "Who ordered the murder?", "Single choice", "3", "66.67", "57.74", "50.00",
                                    "100.00", "no"]  # fmt: skip


def test_the_statistics_csv_neutralises_a_wrong_answer_that_looks_like_a_formula(teacher_client, quiz, pupils):
    for student in pupils:
        graded_attempt(quiz, student, [1, 0], typed={2: '=HYPERLINK("http://example.org")'})

    rows = csv_rows(teacher_client.get(statistics_url(quiz, csv=True)))

    assert rows[-1][10:12] == ['\'=HYPERLINK("http://example.org")', "3"]


def test_the_statistics_csv_neutralises_a_negative_figure(teacher_client, quiz, pupils):
    # Q2 is right exactly when the rest of the quiz (Q1) is wrong: discrimination −100.
    for student, marks in zip(pupils, ([1, 0], [0, 1], [1, 0]), strict=True):
        graded_attempt(quiz, student, marks)

    rows = csv_rows(teacher_client.get(statistics_url(quiz, csv=True)))

    assert rows[-1][6] == "'-100.00"


def test_the_statistics_csv_with_bad_filters_is_a_bad_request(teacher_client, quiz, pupils):
    download = teacher_client.get(statistics_url(quiz, csv=True), {"method": "median"})

    assert download.status_code == 400
