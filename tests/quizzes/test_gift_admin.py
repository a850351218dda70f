"""The admin's GIFT pages: upload → preview → confirm, and a quiz's GIFT download."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from quizzes.admin.gift import SESSION_KEY
from quizzes.gift import parse_gift
from quizzes.models import Choice, Question, Quiz
from quizzes.teachers import TEACHERS_GROUP
from tests.factories import QuizFactory, UserFactory, quiz_with_every_type

pytestmark = pytest.mark.django_db

GOOD = """\
::exile::Where was Trotsky exiled in 1928?{=Alma-Ata ~Paris ~Berlin}

::death::In which city was Trotsky killed?{=Coyoacán =Mexico City}

// [points:2]
::year::In which year did Lenin die?{#1924}
"""

BROKEN = """\
::fine::Who founded the Red Army?{=Trotsky ~Stalin}

::unclosed::Who was exiled first?{=Trotsky ~Zinoviev
"""

IMPORT = "admin:quizzes_quiz_import_gift"


def preview_url(token: str) -> str:
    return reverse("admin:quizzes_quiz_import_gift_preview", kwargs={"token": token})


def gift(text: str, name: str = "questions.gift") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.fixture
def quiz():
    return QuizFactory(title="Exile")


def upload(client: Client, text: str, target: str, name: str = "questions.gift"):
    return client.post(reverse(IMPORT), {"file": gift(text, name), "target": target})


def first_message(response) -> str:
    return str(next(iter(response.context["messages"])))


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


# Who may use it


def test_an_anonymous_visitor_is_sent_to_the_admin_login():
    response = Client().get(reverse(IMPORT))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_the_add_question_permission_are_refused():
    client = Client()
    client.force_login(UserFactory(username="clerk", is_staff=True))

    assert client.get(reverse(IMPORT)).status_code == 403


def test_staff_without_the_add_question_permission_cannot_preview_either(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))
    clerk = UserFactory(username="clerk", is_staff=True)
    teacher_client.force_login(clerk)  # the same session, another user: Django flushes it

    assert teacher_client.get(preview_url(token)).status_code == 403


def test_a_teacher_sees_the_upload_form(teacher_client):
    response = teacher_client.get(reverse(IMPORT))

    assert response.status_code == 200
    assert b'type="file"' in response.content


def test_without_permission_to_add_quizzes_the_by_category_choice_is_not_offered(quiz):
    user = UserFactory(username="author", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_question"))
    client = Client()
    client.force_login(user)

    response = upload(client, GOOD, "$CATEGORY")

    assert response.status_code == 200
    assert "$CATEGORY" not in [value for value, _ in response.context["form"].fields["target"].choices]
    assert Quiz.objects.count() == 1


# Upload → preview → confirm


def test_a_good_upload_leads_to_its_preview(teacher_client, quiz):
    response = upload(teacher_client, GOOD, quiz.slug)

    assert response.url == preview_url(token_of(response))


def test_the_preview_shows_every_question_with_its_answers(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    response = teacher_client.get(preview_url(token))

    page = response.content.decode()
    for words in ("Where was Trotsky exiled in 1928?", "In which city was Trotsky killed?", "Lenin die?"):
        assert words in page
    assert "Alma-Ata (correct)" in page
    assert "Confirming will create 3 questions" in page
    assert 'value="Import 3 questions"' in page


def test_the_preview_creates_nothing(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    teacher_client.get(preview_url(token))

    assert Question.objects.count() == 0


def test_confirming_creates_the_questions_and_goes_to_the_quiz(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    response = teacher_client.post(preview_url(token))

    assert response.status_code == 302
    assert response.url == reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    assert quiz.questions.count() == 3


def test_confirming_says_how_many_questions_were_created(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    response = teacher_client.post(preview_url(token), follow=True)

    assert "Imported 3 questions into “Exile”." in [str(m) for m in response.context["messages"]]


def test_confirming_by_category_creates_the_quizzes_and_lists_them(teacher_client):
    text = "$CATEGORY: $course$/top/Exile\n\n" + GOOD + "\n$CATEGORY: Death\n\nWho?{=Mercader}\n"
    token = token_of(upload(teacher_client, text, "$CATEGORY"))

    response = teacher_client.post(preview_url(token), follow=True)

    assert sorted(Quiz.objects.values_list("title", "is_published")) == [("Death", False), ("Exile", False)]
    assert response.redirect_chain[-1][0] == reverse("admin:quizzes_quiz_changelist")
    assert "2 quizzes are new and unpublished" in first_message(response)


def test_a_confirmed_token_cannot_be_used_again(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))
    teacher_client.post(preview_url(token), follow=True)

    response = teacher_client.post(preview_url(token), follow=True)

    assert quiz.questions.count() == 3
    assert response.redirect_chain[-1][0] == reverse(IMPORT)
    assert "expired or was already made" in first_message(response)


def test_the_preview_is_a_get_and_nothing_else_imports(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    teacher_client.get(preview_url(token))
    teacher_client.head(preview_url(token))

    assert Question.objects.count() == 0


# Files with errors


def test_errors_are_listed_with_their_line_and_title(teacher_client, quiz):
    token = token_of(upload(teacher_client, BROKEN, quiz.slug))

    response = teacher_client.get(preview_url(token))

    assert [(e.line, e.title) for e in response.context["report"].errors] == [(3, "unclosed")]
    assert "unclosed" in response.content.decode()


def test_a_file_with_errors_has_no_confirm_button_and_says_nothing_will_be_created(teacher_client, quiz):
    token = token_of(upload(teacher_client, BROKEN, quiz.slug))

    response = teacher_client.get(preview_url(token))

    assert "Nothing will be created" in response.content.decode()
    assert 'value="Import' not in response.content.decode()
    assert response.context["can_confirm"] is False


def test_confirming_a_file_with_errors_anyway_creates_nothing(teacher_client, quiz):
    token = token_of(upload(teacher_client, "$CATEGORY: New\n\n" + BROKEN, "$CATEGORY"))

    response = teacher_client.post(preview_url(token))

    assert response.status_code == 302
    assert (Quiz.objects.count(), Question.objects.count(), Choice.objects.count()) == (1, 0, 0)


def test_an_all_duplicate_file_has_nothing_to_confirm(teacher_client, quiz):
    teacher_client.post(preview_url(token_of(upload(teacher_client, GOOD, quiz.slug))))
    token = token_of(upload(teacher_client, GOOD, quiz.slug))

    response = teacher_client.get(preview_url(token))

    assert "every question in this file is already in its quiz" in response.content.decode()
    assert 'value="Import' not in response.content.decode()


# Bad uploads: a message, never a 500


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a text file."),
        ("Où est Coyoacán ?{=Mexique}".encode("latin-1"), "This file is not UTF-8 text"),
        ("Who?{=Trotsky}".encode("utf-16"), "This file is saved as UTF-16."),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_utf_8_text_is_refused_with_a_message(teacher_client, quiz, data, words):
    response = teacher_client.post(reverse(IMPORT), {"file": SimpleUploadedFile("q.gift", data), "target": quiz.slug})

    assert response.status_code == 200
    assert words in response.content.decode()


def test_a_file_over_1_mb_is_refused_with_a_message(teacher_client, quiz):
    big = ("Who?{=Trotsky}\n\n" * 70_000).encode()

    response = teacher_client.post(reverse(IMPORT), {"file": SimpleUploadedFile("big.gift", big), "target": quiz.slug})

    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert SESSION_KEY not in teacher_client.session


def test_an_upload_without_a_file_asks_for_one(teacher_client, quiz):
    response = teacher_client.post(reverse(IMPORT), {"target": quiz.slug})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_an_unknown_quiz_is_refused_by_the_form(teacher_client):
    response = upload(teacher_client, GOOD, "no-such-quiz")

    assert response.status_code == 200
    assert "target" in response.context["form"].errors


# Stale or foreign tokens


def test_an_unknown_token_sends_the_teacher_back_to_the_upload_with_a_message(teacher_client):
    response = teacher_client.get(preview_url("not-a-token"), follow=True)

    assert response.redirect_chain[-1][0] == reverse(IMPORT)
    assert "expired or was already made" in first_message(response)


def test_confirming_an_unknown_token_creates_nothing(teacher_client, quiz):
    response = teacher_client.post(preview_url("not-a-token"))

    assert response.status_code == 302
    assert Question.objects.count() == 0


def test_another_teachers_token_is_unknown(teacher_client, quiz):
    token = token_of(upload(teacher_client, GOOD, quiz.slug))
    other = UserFactory(username="other-teacher", is_staff=True)
    other.groups.add(Group.objects.get(name=TEACHERS_GROUP))
    client = Client()
    client.force_login(other)

    client.post(preview_url(token))

    assert Question.objects.count() == 0


def test_only_the_latest_uploads_are_kept_in_the_session(teacher_client, quiz):
    tokens = [token_of(upload(teacher_client, GOOD, quiz.slug)) for _ in range(4)]

    assert list(teacher_client.session[SESSION_KEY]) == tokens[1:]


# Links and export


def test_the_quiz_list_links_to_the_import_page(teacher_client):
    page = teacher_client.get(reverse("admin:quizzes_quiz_changelist")).content.decode()

    assert f'href="{reverse(IMPORT)}"' in page


def test_the_quiz_page_links_to_its_gift_export(teacher_client, quiz):
    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()

    assert f'href="{reverse("admin:quizzes_quiz_export_gift", args=[quiz.pk])}"' in page


def test_the_quiz_pages_import_link_chooses_that_quiz(teacher_client, quiz):
    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()
    link = f"{reverse(IMPORT)}?quiz={quiz.slug}"

    assert f'href="{link}"' in page
    assert teacher_client.get(link).context["form"]["target"].value() == quiz.slug


def test_the_export_downloads_a_utf_8_gift_file_named_after_the_quiz(teacher_client):
    quiz = quiz_with_every_type(title="Every type")

    response = teacher_client.get(reverse("admin:quizzes_quiz_export_gift", args=[quiz.pk]))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="every-type.gift"'
    assert len(parse_gift(response.content.decode("utf-8")).questions) == 7


def test_the_export_of_a_missing_quiz_is_not_found(teacher_client):
    assert teacher_client.get(reverse("admin:quizzes_quiz_export_gift", args=[999_999])).status_code == 404


def test_staff_who_cannot_see_quizzes_cannot_export(quiz):
    client = Client()
    client.force_login(UserFactory(username="clerk", is_staff=True))

    assert client.get(reverse("admin:quizzes_quiz_export_gift", args=[quiz.pk])).status_code == 403


def test_an_anonymous_visitor_cannot_export(quiz):
    response = Client().get(reverse("admin:quizzes_quiz_export_gift", args=[quiz.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# Query budget


@pytest.mark.parametrize("count", [1, 40])
def test_the_preview_takes_the_same_queries_for_one_question_or_forty(
    teacher_client, quiz, count, django_assert_num_queries
):
    text = "\n".join(f"::q{n}::Question {n}?{{=Right ~Wrong}}\n" for n in range(count))
    token = token_of(upload(teacher_client, text, quiz.slug))

    # The session, the user, the user's permissions (group and own), the savepoint around the
    # import and its release, the quiz (locked), its last order and its questions' prompts.
    with django_assert_num_queries(9):
        teacher_client.get(preview_url(token))
