"""Regrading: after a teacher corrects an answer key, every finished attempt is graded again with the
scoring module; what changed is stored and recorded in one transaction, or nothing is."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Question, Quiz, Regrade, RegradeChange, Response
from quizzes.paper import load_paper, load_papers
from quizzes.regrading import quiz_regrade
from quizzes.services import attempt_start
from tests.factories import QuestionFactory, QuizFactory, SchoolClassFactory, UserFactory, short_text_question
from tests.html import text_content
from tests.quizzes.papers import post_data, saved_state, submit_at

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
LATER = NOW + timedelta(days=2)


@pytest.fixture
def quiz() -> Quiz:
    """Two single-choice questions of 1 point; pass mark 60 %."""
    quiz = QuizFactory(title="Exile", pass_mark=60)
    QuestionFactory(
        quiz=quiz, order=1, prompt="Where did Trotsky land first?", choices=[("Turkey", True), ("Norway", False)]
    )
    QuestionFactory(quiz=quiz, order=2, prompt="Where did he die?", choices=[("Mexico", True), ("France", False)])
    return quiz


def questions(quiz: Quiz) -> list[Question]:
    return list(quiz.questions.order_by("order"))


def answered(quiz: Quiz, student, answers: list[str | None], *, now=NOW) -> Attempt:
    """A submitted attempt, through the services, answering each question with a choice text (None: blank)."""
    attempt = attempt_start(student=student, quiz=quiz, now=now)
    given = {q: a for q, a in zip(questions(quiz), answers, strict=True) if a is not None}
    return submit_at(attempt, post_data(attempt, given), now=now + timedelta(minutes=5))


def fix_first_key(quiz: Quiz) -> None:
    """The teacher's correction: the first question's right answer is "Norway", not "Turkey"."""
    first = questions(quiz)[0]
    first.choices.filter(text="Turkey").update(is_correct=False)
    first.choices.filter(text="Norway").update(is_correct=True)


def marks(attempt: Attempt) -> tuple:
    attempt.refresh_from_db()
    return attempt.score, attempt.percent, attempt.passed


@pytest.fixture
def students():
    return UserFactory(username="ada"), UserFactory(username="bob"), UserFactory(username="cy")


@pytest.fixture
def attempts(quiz, students) -> dict[str, Attempt]:
    ada, bob, cy = students
    return {
        "norway": answered(quiz, ada, ["Norway", "Mexico"]),  # 1/2 before, 2/2 after
        "turkey": answered(quiz, bob, ["Turkey", "Mexico"]),  # 2/2 before, 1/2 after
        "blank": answered(quiz, cy, [None, "France"]),  # 0/2 before and after
    }


@pytest.fixture
def head(db):
    return UserFactory(username="principal", is_staff=True, is_superuser=True)


# What a regrade changes ------------------------------------------------------------------------------


def test_a_corrected_key_raises_the_marks_of_those_who_gave_the_new_right_answer(quiz, attempts, head):
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert marks(attempts["norway"]) == (Decimal("2.00"), Decimal("100.00"), True)


def test_a_corrected_key_lowers_the_marks_of_those_who_gave_the_old_one(quiz, attempts, head):
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert marks(attempts["turkey"]) == (Decimal("1.00"), Decimal("50.00"), False)


def test_attempts_the_correction_does_not_touch_keep_their_marks(quiz, attempts, head):
    before = saved_state(attempts["blank"])
    fix_first_key(quiz)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert saved_state(attempts["blank"]) == before
    assert {change.attempt_id for change in report.changes} == {attempts["norway"].pk, attempts["turkey"].pk}


def test_the_regraded_questions_marks_are_stored_on_each_response(quiz, attempts, head):
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    first = questions(quiz)[0]
    rows = dict(Response.objects.filter(question=first).values_list("attempt_id", "points"))
    correct = dict(Response.objects.filter(question=first).values_list("attempt_id", "is_correct"))
    assert rows[attempts["norway"].pk] == Decimal("1.00") and correct[attempts["norway"].pk] is True
    assert rows[attempts["turkey"].pk] == Decimal("0.00") and correct[attempts["turkey"].pk] is False


def test_changed_points_change_the_maximum_and_the_percent(quiz, attempts, head):
    Question.objects.filter(pk=questions(quiz)[1].pk).update(points=Decimal(3))

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    attempts["norway"].refresh_from_db()
    assert (attempts["norway"].score, attempts["norway"].max_score, attempts["norway"].percent) == (
        Decimal("3.00"),
        Decimal("4.00"),
        Decimal("75.00"),
    )


def test_a_changed_pass_mark_changes_who_passed(quiz, attempts, head):
    Quiz.objects.filter(pk=quiz.pk).update(pass_mark=40)
    quiz.refresh_from_db()

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert [(c.attempt_id, c.old_passed, c.new_passed) for c in report.changes] == [
        (attempts["norway"].pk, False, True)
    ]


def test_a_short_text_answer_accepted_later_earns_its_points(head, students):
    quiz = QuizFactory()
    question = short_text_question(quiz, "Mercader")
    attempt = answered(quiz, students[0], ["Jacson"])
    question.accepted_answers.create(text="Frank Jacson")
    question.accepted_answers.create(text="Jacson")

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert marks(attempt)[0] == Decimal("1.00")


def test_attempts_in_progress_are_left_to_be_graded_on_submit(quiz, attempts, head, students):
    open_attempt = attempt_start(student=UserFactory(username="dee"), quiz=quiz, now=NOW)
    before = saved_state(open_attempt)
    fix_first_key(quiz)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert saved_state(open_attempt) == before
    assert report.checked == 3


def test_an_overdue_attempt_under_no_points_stays_at_zero(head, students):
    quiz = QuizFactory(time_limit_minutes=10, overdue_policy=Quiz.OverduePolicy.NO_POINTS)
    QuestionFactory(quiz=quiz, choices=[("Turkey", True), ("Norway", False)])
    attempt = attempt_start(student=students[0], quiz=quiz, now=NOW)
    late = submit_at(attempt, post_data(attempt, {questions(quiz)[0]: "Norway"}), now=NOW + timedelta(hours=1))
    assert late.state == Attempt.State.OVERDUE
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert marks(late) == (Decimal("0.00"), Decimal("0.00"), False)
    assert Response.objects.get(attempt=late).points == Decimal("1.00")  # the answer itself is re-marked


def test_an_overdue_attempt_under_score_as_usual_is_regraded_like_the_rest(head, students):
    quiz = QuizFactory(time_limit_minutes=10, overdue_policy=Quiz.OverduePolicy.SCORE)
    QuestionFactory(quiz=quiz, choices=[("Turkey", True), ("Norway", False)])
    attempt = attempt_start(student=students[0], quiz=quiz, now=NOW)
    late = submit_at(attempt, post_data(attempt, {questions(quiz)[0]: "Norway"}), now=NOW + timedelta(hours=1))
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert marks(late) == (Decimal("1.00"), Decimal("100.00"), True)


def test_a_second_regrade_finds_nothing_to_change(quiz, attempts, head):
    fix_first_key(quiz)
    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER + timedelta(minutes=1))

    assert (report.checked, report.changed) == (3, 0)


# The record ------------------------------------------------------------------------------------------


def test_a_regrade_records_who_ran_it_when_and_what_it_checked(quiz, attempts, head):
    fix_first_key(quiz)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    regrade = Regrade.objects.get()
    assert report.regrade == regrade
    assert (regrade.quiz, regrade.performed_by, regrade.performed_at) == (quiz, head, LATER)
    assert (regrade.attempts_checked, regrade.attempts_changed) == (3, 2)


def test_a_regrade_records_each_changed_attempts_old_and_new_marks(quiz, attempts, head):
    fix_first_key(quiz)

    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    change = RegradeChange.objects.get(attempt=attempts["turkey"])
    assert (change.old_score, change.new_score, change.old_percent, change.new_percent) == (
        Decimal("2.00"),
        Decimal("1.00"),
        Decimal("100.00"),
        Decimal("50.00"),
    )
    assert (change.old_passed, change.new_passed) == (True, False)
    assert RegradeChange.objects.count() == 2


def test_a_regrade_that_changes_nothing_is_recorded_too(quiz, attempts, head):
    quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert Regrade.objects.values_list("attempts_checked", "attempts_changed").get() == (3, 0)
    assert not RegradeChange.objects.exists()


# A dry run, and a crash ------------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_change(quiz, attempts, head):
    fix_first_key(quiz)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER, dry_run=True)

    assert [(c.student, c.old_score, c.new_score) for c in report.changes] == [
        ("ada", Decimal("1.00"), Decimal("2.00")),
        ("bob", Decimal("2.00"), Decimal("1.00")),
    ]


def test_a_dry_run_writes_nothing(quiz, attempts, head):
    before = [saved_state(attempt) for attempt in attempts.values()]
    fix_first_key(quiz)

    report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER, dry_run=True)

    assert [saved_state(attempt) for attempt in attempts.values()] == before
    assert report.regrade is None
    assert not Regrade.objects.exists()


def test_a_crash_part_way_leaves_every_stored_mark_as_it_was(quiz, attempts, head):
    before = [saved_state(attempt) for attempt in attempts.values()]
    fix_first_key(quiz)

    with (
        mock.patch.object(RegradeChange.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    assert [saved_state(attempt) for attempt in attempts.values()] == before
    assert not Regrade.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_the_regrade_locks_the_attempts_it_regrades(quiz, attempts, head):
    with CaptureQueriesContext(connection) as queries:
        quiz_regrade(quiz=quiz, performed_by=head, now=LATER)

    attempts_query = next(q["sql"] for q in queries if 'FROM "quizzes_attempt"' in q["sql"])
    assert 'FOR UPDATE OF "quizzes_attempt"' in attempts_query


# Efficiency ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_a_regrade_runs_a_fixed_number_of_queries_however_many_attempts(
    quiz, head, count, django_assert_max_num_queries
):
    for n in range(count):
        answered(quiz, UserFactory(username=f"s{n}"), ["Norway" if n % 2 else "Turkey", "Mexico"])
    fix_first_key(quiz)
    # savepoint, the attempts (locked), their papers (responses and options; accepted answers when a
    # question is typed), the stored marks, the responses updated, the attempts updated (one
    # executemany each), the record, its changes, the savepoint released: at most 10.
    with django_assert_max_num_queries(10):
        report = quiz_regrade(quiz=quiz, performed_by=head, now=LATER)
    assert report.changed == count


def test_load_papers_gives_each_attempt_the_paper_load_paper_gives(quiz, attempts):
    ids = [attempt.pk for attempt in attempts.values()]

    papers = load_papers(ids, with_keys=True)

    assert papers == {attempt_id: load_paper(attempt_id, with_keys=True) for attempt_id in ids}


def test_load_papers_reads_many_attempts_in_at_most_three_queries(quiz, attempts, django_assert_max_num_queries):
    short_text_question(quiz)  # so that the accepted answers are read
    typed = answered(quiz, UserFactory(username="dee"), ["Turkey", "Mexico", "Mercader"])

    with django_assert_max_num_queries(3):
        papers = load_papers([*(a.pk for a in attempts.values()), typed.pk], with_keys=True)

    assert papers[typed.pk][2].texts == ("Ramón Mercader",)
    assert [len(paper) for paper in papers.values()] == [2, 2, 2, 3]


def test_load_papers_gives_an_empty_paper_for_an_attempt_without_questions(quiz):
    assert load_papers([123456]) == {123456: []}


# The admin -------------------------------------------------------------------------------------------


def regrade_url(quiz: Quiz) -> str:
    return reverse("admin:quizzes_quiz_regrade", args=[quiz.pk])


@pytest.fixture
def teacher_of_ada(teacher, students):
    SchoolClassFactory(teacher=teacher, students=[students[0]])
    return teacher


def test_the_quiz_page_links_to_the_regrade_for_those_who_may(teacher_client, quiz):
    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))

    assert regrade_url(quiz) in page.content.decode()


def test_the_preview_shows_what_would_change_and_writes_nothing(superuser_client, quiz, attempts):
    fix_first_key(quiz)

    page = superuser_client.get(regrade_url(quiz))

    text = text_content(page.content.decode())
    assert "A regrade would change 2 of 3 finished attempts." in text
    assert "ada Attempt 1 1.00 / 2.00 → 2.00 / 2.00 50.00 % → 100.00 % no → yes 1" in text
    assert "bob Attempt 1 2.00 / 2.00 → 1.00 / 2.00 100.00 % → 50.00 % yes → no 1" in text
    assert not Regrade.objects.exists()
    assert marks(attempts["norway"])[0] == Decimal("1.00")


@pytest.mark.parametrize("count", [2, 10])
def test_the_preview_stays_within_its_budget(
    teacher_client, teacher_of_ada, quiz, count, django_assert_max_num_queries
):
    for n in range(count):
        answered(quiz, UserFactory(username=f"s{n}"), ["Norway", "Mexico"])
    fix_first_key(quiz)
    # session, user, the teacher's permissions (two), the quiz, a savepoint, the attempts, their papers
    # (and accepted answers when a question is typed), the stored marks, the savepoint released,
    # the teacher's students: at most 12, however many attempts.
    with django_assert_max_num_queries(12):
        page = teacher_client.get(regrade_url(quiz))
    assert page.context["report"].changed == count


def test_the_preview_says_when_nothing_would_change(superuser_client, quiz, attempts):
    page = superuser_client.get(regrade_url(quiz))

    text = text_content(page.content.decode())
    assert "Nothing would change: all 3 finished attempts already have the marks" in text
    assert "Regrade the attempts" not in text


def test_the_preview_says_when_there_is_nothing_to_regrade(superuser_client, quiz):
    page = superuser_client.get(regrade_url(quiz))

    assert "No attempt at this quiz has been submitted yet" in text_content(page.content.decode())


def test_a_teacher_sees_by_name_only_their_own_students_changes(teacher_client, teacher_of_ada, quiz, attempts):
    fix_first_key(quiz)

    page = teacher_client.get(regrade_url(quiz))

    text = text_content(page.content.decode())
    assert "ada Attempt 1" in text and "bob" not in text
    assert "1 of these attempts is by a student outside your classes; it is regraded too." in text


def test_confirming_regrades_and_shows_the_record(teacher_client, teacher_of_ada, quiz, attempts):
    fix_first_key(quiz)

    page = teacher_client.post(regrade_url(quiz))

    regrade = Regrade.objects.get()
    assert page.status_code == 302
    assert page.url == reverse("admin:quizzes_regrade_change", args=[regrade.pk])
    assert regrade.performed_by == teacher_of_ada
    assert marks(attempts["norway"])[0] == Decimal("2.00")


def test_the_record_lists_the_teachers_own_students_changes(teacher_client, teacher_of_ada, quiz, attempts):
    fix_first_key(quiz)
    teacher_client.post(regrade_url(quiz))

    page = teacher_client.get(reverse("admin:quizzes_regrade_change", args=[Regrade.objects.get().pk]))

    text = text_content(page.content.decode())
    assert "1.00 → 2.00" in text and "no → yes" in text
    assert "2.00 → 1.00" not in text  # bob is not in the teacher's classes


def test_the_regrade_list_shows_when_by_whom_and_how_many(teacher_client, teacher, quiz, attempts):
    quiz_regrade(quiz=quiz, performed_by=teacher, now=LATER)

    page = teacher_client.get(reverse("admin:quizzes_regrade_changelist") + f"?quiz__id__exact={quiz.pk}")

    assert list(page.context["cl"].result_list) == [Regrade.objects.get()]
    assert "teacher" in text_content(page.content.decode())


def test_regrade_records_cannot_be_added_changed_or_deleted(superuser_client, quiz, attempts, head):
    regrade = quiz_regrade(quiz=quiz, performed_by=head, now=LATER).regrade

    assert superuser_client.get(reverse("admin:quizzes_regrade_add")).status_code == 403
    assert superuser_client.get(reverse("admin:quizzes_regrade_delete", args=[regrade.pk])).status_code == 403
    page = superuser_client.post(reverse("admin:quizzes_regrade_change", args=[regrade.pk]), {"attempts_changed": 9})
    assert page.status_code == 403


def test_staff_without_the_regrade_permission_are_refused(client, quiz, attempts):
    staff = UserFactory(username="clerk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_quiz"))
    client.force_login(staff)

    assert client.get(regrade_url(quiz)).status_code == 403
    assert client.post(regrade_url(quiz)).status_code == 403
    assert not Regrade.objects.exists()


def test_anonymous_visitors_are_sent_to_the_admin_login(client, quiz):
    page = client.post(regrade_url(quiz))

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))


def test_a_missing_quiz_is_not_found(superuser_client):
    assert superuser_client.get(reverse("admin:quizzes_quiz_regrade", args=[999999])).status_code == 404
