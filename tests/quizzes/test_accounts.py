"""Accounts: sign up, log in, log out and reset a password, landing where the student was going."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import QuizFactory, UserFactory
from tests.html import links, text_content

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new secret for Coyoacán"


def sign_up(client, *, next_url: str | None = None, **fields):
    data = {"username": "natalia", "email": "natalia@example.org", "password1": PASSWORD, "password2": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("signup"), data | fields)


def signed_in_user(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


# Signing up --------------------------------------------------------------------------------------------------


def test_the_sign_up_page_opens(client):
    page = client.get(reverse("signup"))

    assert page.status_code == 200
    assert "Create an account" in text_content(page)


def test_signing_up_creates_the_account_and_logs_in(client):
    page = sign_up(client)

    user = get_user_model().objects.get(username="natalia")
    assert user.email == "natalia@example.org"
    assert user.check_password(PASSWORD)
    assert signed_in_user(client) == user
    assert page.url == reverse("quizzes:list")


def test_signing_up_lands_where_the_student_was_going(client):
    quiz = QuizFactory()

    page = sign_up(client, next_url=quiz.get_absolute_url())

    assert page.url == quiz.get_absolute_url()


def test_the_sign_up_page_carries_the_destination_into_its_form(client):
    page = client.get(reverse("signup"), {"next": "/progress/"})

    assert '<input type="hidden" name="next" value="/progress/">' in page.content.decode()


def test_signing_up_ignores_a_destination_on_another_site(client):
    page = sign_up(client, next_url="https://evil.example/")

    assert page.url == reverse("quizzes:list")


def test_signing_up_ignores_a_scheme_relative_destination(client):
    page = sign_up(client, next_url="//evil.example/")

    assert page.url == reverse("quizzes:list")


def test_an_e_mail_address_already_in_use_is_refused(client):
    UserFactory(username="existing", email="Natalia@Example.org")

    page = sign_up(client)

    assert page.status_code == 200
    assert "An account already uses this e-mail address. Log in, or reset its password." in text_content(page)
    assert not get_user_model().objects.filter(username="natalia").exists()
    assert signed_in_user(client) is None


def test_a_username_already_in_use_is_refused(client):
    UserFactory(username="natalia", email="other@example.org")

    page = sign_up(client)

    assert page.status_code == 200
    assert "A user with that username already exists." in text_content(page)


def test_mismatched_passwords_are_refused(client):
    page = sign_up(client, password2="something else entirely")

    assert page.status_code == 200
    assert not get_user_model().objects.filter(username="natalia").exists()


def test_a_student_already_signed_in_is_sent_on_from_the_sign_up_page(student_client):
    page = student_client.get(reverse("signup"))

    assert page.url == reverse("quizzes:list")


# Logging in and out -----------------------------------------------------------------------------------------------


def test_logging_in_lands_where_the_student_was_going(client, student):
    page = client.post(
        reverse("login"), {"username": student.username, "password": PASSWORD, "next": reverse("quizzes:progress")}
    )

    assert page.url == reverse("quizzes:progress")
    assert signed_in_user(client) == student


def test_logging_in_without_a_destination_lands_on_the_quiz_list(client, student):
    page = client.post(reverse("login"), {"username": student.username, "password": PASSWORD})

    assert page.url == reverse("quizzes:list")


def test_logging_in_ignores_a_destination_on_another_site(client, student):
    page = client.post(
        reverse("login"), {"username": student.username, "password": PASSWORD, "next": "https://evil.example/"}
    )

    assert page.url == reverse("quizzes:list")


def test_a_wrong_password_is_refused_with_a_message(client, student):
    page = client.post(reverse("login"), {"username": student.username, "password": "wrong"})

    assert page.status_code == 200
    assert "Please enter a correct username and password." in text_content(page)
    assert signed_in_user(client) is None


def test_the_log_in_page_offers_sign_up_with_the_same_destination(client):
    page = client.get(reverse("login"), {"next": "/progress/"})

    assert f"{reverse('signup')}?next=/progress/" in [link.href for link in links(page)]


def test_logging_out_takes_a_post(student_client):
    page = student_client.post(reverse("logout"))

    assert page.url == reverse("lessons:home")
    assert signed_in_user(student_client) is None


def test_logging_out_refuses_a_get(student_client, student):
    page = student_client.get(reverse("logout"))

    assert page.status_code == 405
    assert signed_in_user(student_client) == student


# Resetting a password ---------------------------------------------------------------------------------------------


def reset_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_password_reset_sends_an_e_mail_with_a_link(client, student):
    page = client.post(reverse("password_reset"), {"email": student.email})

    assert page.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [student.email]
    assert reset_link(mail.outbox[0])


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    page = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)

    assert mail.outbox == []
    assert "Check your e-mail" in text_content(page)


def test_the_link_in_the_e_mail_lets_the_student_choose_a_new_password(client, student):
    client.post(reverse("password_reset"), {"email": student.email})

    form = client.get(reset_link(mail.outbox[0]), follow=True)
    assert "Choose a new password" in text_content(form)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    assert "Your password has been changed" in text_content(done)
    student.refresh_from_db()
    assert student.check_password(NEW_PASSWORD)


def test_a_reset_link_works_only_once(client, student):
    client.post(reverse("password_reset"), {"email": student.email})
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert "This link no longer works" in text_content(again)


def test_a_reset_link_with_a_bad_token_says_it_no_longer_works(client, student):
    client.post(reverse("password_reset"), {"email": student.email})
    uidb64 = reset_link(mail.outbox[0]).split("/")[-3]

    page = client.get(reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": "bad-token"}))

    assert page.status_code == 200
    assert "This link no longer works" in text_content(page)
    assert "Send me a new link" in text_content(page)
