"""A teacher imports a GIFT file in the admin, in Chromium: upload, preview, confirm; axe finds nothing wrong."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from playwright.sync_api import Page, expect

from quizzes.models import Question
from quizzes.teachers import TEACHERS_GROUP, teacher_permission_codes
from tests.factories import QuizFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

GIFT = """\
::exile::Where was Trotsky exiled in 1928?{=Alma-Ata ~Paris ~Berlin}

::death::In which city was Trotsky killed?{=Coyoacán =Mexico City}

::partial::Who sat in the first Politburo?{~%50%Lenin ~%50%Trotsky ~%-100%Mercader}

::essay::Why did Stalin win?{}
"""


@pytest.fixture
def teacher(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Browser tests flush the database after each test, and with it the Teachers group the data
    # migration made; the group is made again here with the permissions the migration gives it.
    group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = teacher_permission_codes()
    group.permissions.set(
        [
            p
            for p in Permission.objects.select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
    )
    user = UserFactory(username="teacher", is_staff=True)
    user.groups.add(group)
    return user


def assert_no_violations(page: Page) -> None:
    # Django's own breadcrumbs fail axe's link-in-text-block rule (white links in pale-blue text,
    # told apart by colour alone) on every admin page; that is the admin's stylesheet, not ours.
    results = Axe().run(page, context={"exclude": [[".breadcrumbs"]]})
    assert results.violations_count == 0, results.generate_report()


def test_a_teacher_uploads_previews_and_confirms_an_import(live_server, page: Page, sign_in, teacher):
    quiz = QuizFactory(title="Exile")
    sign_in(teacher)

    page.goto(live_server.url + reverse("admin:quizzes_quiz_changelist"))
    page.get_by_role("link", name="Import questions (GIFT)").click()
    expect(page.get_by_role("heading", name="Import questions (GIFT)")).to_be_visible()
    assert_no_violations(page)

    page.get_by_label("GIFT file").set_input_files(
        {"name": "exile.gift", "mimeType": "text/plain", "buffer": GIFT.encode("utf-8")}
    )
    page.get_by_label("Import into").select_option(label="Exile")
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Preview of exile.gift")).to_be_visible()
    questions = page.get_by_role("table", name="Questions to create")
    for prompt in ("Where was Trotsky exiled in 1928?", "In which city was Trotsky killed?", "first Politburo"):
        expect(questions).to_contain_text(prompt)
    expect(page.get_by_role("table", name="Skipped")).to_contain_text("An essay question")
    expect(page.get_by_role("table", name="Warnings")).to_contain_text("Partial-credit weights converted")
    assert Question.objects.count() == 0
    assert_no_violations(page)

    page.get_by_role("button", name="Import 3 questions").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("admin:quizzes_quiz_change", args=[quiz.pk])) + "$"))
    expect(page.get_by_text("Imported 3 questions into “Exile”.")).to_be_visible()
    assert list(quiz.questions.order_by("order").values_list("prompt", flat=True)) == [
        "Where was Trotsky exiled in 1928?",
        "In which city was Trotsky killed?",
        "Who sat in the first Politburo?",
    ]


def test_a_file_with_errors_shows_them_without_a_confirm_button(live_server, page: Page, sign_in, teacher):
    QuizFactory(title="Exile")
    sign_in(teacher)
    page.goto(live_server.url + reverse("admin:quizzes_quiz_import_gift"))

    page.get_by_label("GIFT file").set_input_files(
        {"name": "broken.gift", "mimeType": "text/plain", "buffer": b"::unclosed::Who?{=Trotsky ~Stalin\n"}
    )
    page.get_by_label("Import into").select_option(label="Exile")
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_text("Nothing will be created")).to_be_visible()
    expect(page.get_by_role("table", name="Errors")).to_contain_text("unclosed")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    assert_no_violations(page)
