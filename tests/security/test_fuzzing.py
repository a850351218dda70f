"""Random and hostile posts to every endpoint that takes one: never a 500, never a partial write.

Property-based (hypothesis): Unicode of every kind, NUL characters, lone
surrogates sent as raw bytes, values up to 100 KB, missing keys, repeated keys,
wrong types (files, JSON, binary bodies), nested-looking and unknown field
names. After each example the database must hold either nothing new or a
whole, consistent write: an attempt still in progress and unchanged, or saved
without points, or graded in full; no account without a name.

The examples share one test transaction, so each one starts from whatever the
previous ones left (a fresh attempt is started when the last was submitted)
and checks its own before-and-after.
"""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizzes.models import Attempt, ClassMembership, Question, Quiz, Response
from quizzes.services import attempt_start
from tests.conftest import PASSWORD
from tests.factories import QuizFactory, SchoolClassFactory, SectionFactory, quiz_with_every_type
from tests.quizzes.papers import saved_state

pytestmark = pytest.mark.django_db

ALLOWED = {200, 302, 400, 403, 404, 405, 429}


def fuzz(examples: int):
    """Few examples each, so the whole file runs in well under 30 seconds; a failure prints its example."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,  # no .hypothesis folder in the project
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Strategies ------------------------------------------------------------------------------------------------

ODD_TEXT = [
    "",
    " ",
    "\x00",
    "Merca\x00der",
    "\r\n",
    "\u202eredro",  # right-to-left override
    "\ufeff1929",  # byte order mark
    "１９２９",  # full-width digits
    "١٩٢٩",  # Arabic-Indic digits
    "²",  # a digit to str.isdigit, not to int()
    "½",
    "-1",
    "0",
    "99999999999999999999999",
    "1e999999",
    "NaN",
    "Infinity",
    "1,5",
    "𝕋rotsky 🧊",
    "Ramón Mercader",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "q1[0]",
    "null",
    "[]",
    "{}",
]

huge_text = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["x", "é", "𝕏", "\x00", "<", "1", "q", "1 "]),
    st.integers(min_value=1_000, max_value=100_000),
)
text = st.one_of(st.text(max_size=40), st.sampled_from(ODD_TEXT), huge_text)
# A list is sent as the same key repeated.
value = st.one_of(text, st.lists(text, min_size=2, max_size=4))
odd_key = st.one_of(
    st.sampled_from(["q", "q0", "q99", "Q1", "q1[0]", "q1[]", "q[1]", "q1.0", "q-1", "q1-item", "q 1", "q\x001"]),
    st.text(max_size=12).map(lambda rest: "q" + rest),
    st.text(min_size=1, max_size=12),
)
# Bytes that are not UTF-8: lone surrogates (as CESU-8 would write them), overlong forms, stray bytes.
BAD_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\xaf", b"\xff\xfe", b"\x80", b"\x00"]
raw_bytes = st.one_of(st.binary(max_size=200), st.sampled_from(BAD_BYTES))


@st.composite
def mostly(draw, usual: st.SearchStrategy, odd: st.SearchStrategy):
    """`usual` three times in four, else `odd`: hostile input should also get past the first check."""
    return draw(odd if draw(st.integers(min_value=1, max_value=4)) == 1 else usual)


@st.composite
def form_data(draw, fields: st.SearchStrategy[dict]) -> dict:
    """Some of the endpoint's own fields (any of them may be missing), and in one example in three a few
    stray ones (a stray answer field stops a post early, which would leave the rest untried)."""
    data = draw(fields)
    if draw(st.integers(min_value=1, max_value=3)) == 1:
        data.update(draw(st.dictionaries(odd_key, value, max_size=3)))
    return data


@st.composite
def raw_form(draw, keys: st.SearchStrategy[str]) -> bytes:
    """An urlencoded body whose values are arbitrary bytes, surrogates and broken UTF-8 included."""
    pairs = draw(st.lists(st.tuples(keys, raw_bytes), max_size=6))
    return "&".join(f"{quote(key)}={quote_from_bytes(raw)}" for key, raw in pairs).encode()


ENCODINGS = st.sampled_from(["multipart", "urlencoded", "json", "file"])


def send(client: Client, url: str, data: dict, how: str, **extra):
    """POST `data` the way `how` says; "file" sends each text value as an uploaded file instead."""
    if how == "multipart":
        return client.post(url, data, **extra)
    if how == "urlencoded":
        return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **extra)
    if how == "json":
        return client.post(url, json.dumps(data), content_type="application/json", **extra)
    files = {
        key: SimpleUploadedFile("answer.txt", val.encode()) if isinstance(val, str) else val
        for key, val in data.items()
    }
    return client.post(url, files, **extra)


def send_raw(client: Client, url: str, body: bytes, **extra):
    return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra)


def no_server_error(response) -> None:
    """The one property every endpoint shares; the status is also counted (pytest --hypothesis-show-statistics)."""
    event(f"status {response.status_code}")
    assert response.status_code in ALLOWED, f"{response.status_code}: {response.content[:500]!r}"


def no_nameless_accounts() -> None:
    names = list(get_user_model().objects.values_list("username", flat=True))
    assert all(name.strip() and "\x00" not in name for name in names)


# Sign-up, log-in, log-out, password reset ------------------------------------------------------------------

PLAUSIBLE_NAME = st.from_regex(r"\A[a-z]{3,12}\Z")
signup_fields = st.fixed_dictionaries(
    {},
    optional={
        "username": mostly(PLAUSIBLE_NAME, value),
        "email": mostly(PLAUSIBLE_NAME.map(lambda name: f"{name}@example.org"), value),
        "password1": mostly(st.just(PASSWORD), value),
        "password2": mostly(st.just(PASSWORD), value),
        "next": value,
    },
)
# Half the time, a whole sign-up with one field made odd (or none): the account may really be created.
whole_signup = st.fixed_dictionaries(
    {
        "username": mostly(PLAUSIBLE_NAME, value),
        "email": mostly(PLAUSIBLE_NAME.map(lambda name: f"{name}@example.org"), value),
        "password1": st.just(PASSWORD),
        "password2": mostly(st.just(PASSWORD), value),
    },
    optional={"next": value},
)


@fuzz(60)
@given(data=form_data(st.one_of(whole_signup, signup_fields)), how=mostly(st.just("multipart"), ENCODINGS))
def test_sign_up_never_fails_and_creates_one_whole_account_or_none(data, how):
    User = get_user_model()
    before = set(User.objects.values_list("pk", flat=True))
    client = Client()

    response = send(client, reverse("signup"), data, how)

    no_server_error(response)
    created = set(User.objects.values_list("pk", flat=True)) - before
    assert len(created) <= 1
    event("account created" if created else "no account created")
    if created:
        assert response.status_code == 302
        user = User.objects.get(pk=created.pop())
        assert user.username and user.email and user.has_usable_password()
        assert client.session["_auth_user_id"] == str(user.pk)
    else:
        assert "_auth_user_id" not in client.session
    no_nameless_accounts()


@fuzz(20)
@given(body=raw_form(st.sampled_from(["username", "email", "password1", "password2", "next"])))
def test_sign_up_with_undecodable_bytes_never_fails(body):
    count = get_user_model().objects.count()

    no_server_error(send_raw(Client(), reverse("signup"), body))

    assert get_user_model().objects.count() - count in (0, 1)
    no_nameless_accounts()


login_fields = st.fixed_dictionaries(
    {}, optional={"username": st.one_of(st.just("ada"), value), "password": value, "next": value}
)


@fuzz(50)
@given(data=form_data(login_fields), how=ENCODINGS)
def test_log_in_with_anything_but_the_password_never_fails_and_never_signs_in(student, data, how):
    client = Client()

    response = send(client, reverse("login"), data, how)

    no_server_error(response)
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session
    # Checked in Python: SQLite's LIKE stops at a NUL, and PostgreSQL refuses one in a query.
    assert not any("\x00" in (name or "") for name in AccessAttempt.objects.values_list("username", flat=True))


@fuzz(20)
@given(body=raw_form(st.sampled_from(["username", "password", "next"])))
def test_log_in_with_undecodable_bytes_never_fails(student, body):
    client = Client()

    no_server_error(send_raw(client, reverse("login"), body))

    assert "_auth_user_id" not in client.session


@fuzz(20)
@given(data=form_data(st.fixed_dictionaries({}, optional={"next": value})), how=ENCODINGS)
def test_log_out_with_anything_never_fails(student, data, how):
    client = Client()
    client.force_login(student)

    response = send(client, reverse("logout"), data, how)

    no_server_error(response)
    assert "_auth_user_id" not in client.session


@fuzz(30)
@given(data=form_data(st.fixed_dictionaries({}, optional={"email": value})), how=ENCODINGS)
def test_password_reset_with_anything_never_fails(student, data, how):
    no_server_error(send(Client(), reverse("password_reset"), data, how))


# Starting a quiz, joining a class ---------------------------------------------------------------------------


@pytest.fixture
def quiz():
    return quiz_with_every_type()


slug = st.one_of(st.just("real"), st.text(min_size=1, max_size=30), st.sampled_from(ODD_TEXT[1:]))


@fuzz(30)
@given(target=slug, data=form_data(st.just({})), how=ENCODINGS)
def test_starting_a_quiz_with_anything_never_fails_and_never_half_starts(
    student, student_client, quiz, target, data, how
):
    url = (
        reverse("quizzes:start", kwargs={"slug": quiz.slug})
        if target == "real"
        else f"/quizzes/{quote(target, safe='')}/start/"
    )

    no_server_error(send(student_client, url, data, how))

    assert Attempt.objects.in_progress().filter(student=student).count() <= 1
    for attempt in Attempt.objects.filter(student=student):
        assert attempt.responses.count() == 7


@fuzz(30)
@given(code=st.one_of(st.just("REAL"), value), how=ENCODINGS)
def test_joining_a_class_with_anything_never_fails(student, student_client, code, how):
    school_class = SchoolClassFactory.create() if not ClassMembership.objects.exists() else None
    real = (school_class or ClassMembership.objects.first().school_class).join_code
    data = {"code": real.lower() if code == "REAL" else code}

    no_server_error(send(student_client, reverse("quizzes:join_class"), data, how))

    assert ClassMembership.objects.filter(student=student).count() <= 1


# Answering: the question page's save and submit ------------------------------------------------------------

# The quiz's own field names (questions at positions 1-7 in quiz_with_every_type's order) and their values.
ANSWER_KEYS = ["q1", "q2", "q3", "q4", "q5", "q6-item1", "q6-item2", "q6-item3", "q7-match1", "q7-match2"]
# Digits of every script (Nd), and numbers that are not digits to int() (No: ², ½; Nl: Ⅻ).
numberish = st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=3)
answer_value = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "Mercader", "1929"]), numberish, st.sampled_from(ODD_TEXT), text, value
)
answer_fields = st.dictionaries(st.sampled_from(ANSWER_KEYS), answer_value, max_size=len(ANSWER_KEYS))


def current_attempt(student, quiz) -> Attempt:
    """The open attempt, or a new one when the last example submitted it."""
    return attempt_start(student=student, quiz=quiz, now=timezone.now())


def assert_whole(attempt: Attempt, before, response) -> None:
    """In progress and unchanged; or saved, with no points anywhere; or graded in full."""
    attempt.refresh_from_db()
    event(f"attempt {attempt.state}")
    responses = list(Response.objects.filter(attempt=attempt).select_related("question"))
    assert len(responses) == 7
    if attempt.state == Attempt.State.IN_PROGRESS:
        assert all(r.points is None and r.is_correct is None for r in responses)
        if response.status_code != 302:
            assert saved_state(attempt) == before, "a refused post changed the attempt's rows"
    else:
        assert response.status_code == 302
        assert all(r.points is not None and r.is_correct is not None for r in responses)
        assert attempt.score == sum((r.points for r in responses), Decimal(0))
        assert attempt.max_score == sum((r.question.points for r in responses), Decimal(0)) == 10


@fuzz(60)
@given(fields=form_data(answer_fields), action=st.one_of(st.just("submit"), value), how=ENCODINGS)
def test_submitting_anything_never_fails_and_grades_all_or_nothing(student, student_client, quiz, fields, action, how):
    attempt = current_attempt(student, quiz)
    before = saved_state(attempt)
    if action != "save":
        fields["action"] = action

    response = send(student_client, reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), fields, how)

    no_server_error(response)
    assert_whole(attempt, before, response)


@fuzz(60)
@given(fields=form_data(answer_fields), how=st.sampled_from(["multipart", "urlencoded"]))
def test_saving_anything_never_fails_and_saves_all_or_nothing(student, student_client, quiz, fields, how):
    attempt = current_attempt(student, quiz)
    before = saved_state(attempt)
    saved_at = attempt.answers_saved_at

    response = send(
        student_client, reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), fields | {"action": "save"}, how
    )

    no_server_error(response)
    assert_whole(attempt, before, response)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert (attempt.answers_saved_at != saved_at) == (response.status_code == 302)


@fuzz(30)
@given(body=raw_form(st.one_of(st.sampled_from([*ANSWER_KEYS, "action"]), odd_key)))
def test_answers_in_undecodable_bytes_never_fail(student, student_client, quiz, body):
    attempt = current_attempt(student, quiz)
    before = saved_state(attempt)

    response = send_raw(student_client, reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), body)

    no_server_error(response)
    assert_whole(attempt, before, response)


@fuzz(40)
@given(
    picks=st.dictionaries(
        st.sampled_from(["q6-item1", "q6-item2", "q6-item3", "q7-match1", "q7-match2"]),
        st.one_of(numberish, text, st.integers().map(str)),
        min_size=1,
    )
)
def test_any_ordering_position_or_match_number_never_fails(student, student_client, quiz, picks):
    attempt = current_attempt(student, quiz)
    before = saved_state(attempt)

    response = student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), picks)

    no_server_error(response)
    assert_whole(attempt, before, response)


# Search ----------------------------------------------------------------------------------------------------


@pytest.fixture
def section():
    return SectionFactory(body="Trotsky was exiled to Alma-Ata in 1928.\n\nHe was killed in Coyoacán in 1940.")


@fuzz(50)
@given(params=st.dictionaries(st.one_of(st.just("q"), odd_key), value, max_size=3))
def test_searching_for_anything_never_fails(client, section, params):
    response = client.get(reverse("lessons:search"), params)

    no_server_error(response)
    assert response.status_code == 200


@fuzz(20)
@given(raw=raw_bytes)
def test_searching_for_undecodable_bytes_never_fails(client, section, raw):
    response = client.get(f"{reverse('lessons:search')}?q={quote_from_bytes(raw)}")

    no_server_error(response)


# The admin's GIFT import ------------------------------------------------------------------------------------

GIFT_PIECES = [
    "::", "{", "}", "=", "~", "#", "->", "%50%", "%-100%", "$CATEGORY: ", "$CATEGORY: $course$/", "//", "\n",
    "\n\n", "[html]", "[markdown]", "\\", "\\{", ":", "TRUE", "T", "F", "FALSE", "1..2", "1929:0", "1e400",
    "Trotsky", "Stalin", " ", "@", "<b>", "&amp;", "####", "// [points:2]", "// [points:x]", "~%200%",
]  # fmt: skip
gift_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(GIFT_PIECES), st.text(max_size=8)), max_size=40).map("".join),
    st.sampled_from(
        [
            "::q::Who?{=Trotsky ~Stalin}\n",
            "$CATEGORY: Exile\n\n::q::When?{#1929}\n",
            "::long::" + "x" * 600 + "{=" + "y" * 600 + " ~z}\n",
        ]
    ),
)
gift_file = st.one_of(gift_text.map(lambda text: text.encode("utf-8")), st.binary(max_size=300))


@pytest.fixture
def gift_quiz():
    return QuizFactory(title="Exile")


@fuzz(40)
@given(
    content=mostly(gift_text.map(lambda text: text.encode("utf-8")), gift_file),
    name=mostly(st.just("questions.gift"), st.text(min_size=1, max_size=40)),
    target=mostly(st.sampled_from(["exile", "$CATEGORY"]), value),
)
def test_a_gift_upload_of_anything_never_fails_and_imports_all_or_nothing(
    teacher_client, gift_quiz, content, name, target
):
    questions, quizzes = Question.objects.count(), Quiz.objects.count()
    upload = SimpleUploadedFile(name.replace("/", "_").replace("\x00", "_") or "x", content)

    response = teacher_client.post(reverse("admin:quizzes_quiz_import_gift"), {"file": upload, "target": target})

    no_server_error(response)
    assert (Question.objects.count(), Quiz.objects.count()) == (questions, quizzes)
    if response.status_code != 302:
        return
    preview = teacher_client.get(response.url)
    no_server_error(preview)
    assert (Question.objects.count(), Quiz.objects.count()) == (questions, quizzes)
    if preview.status_code != 200:
        return
    report = preview.context["report"]
    event(f"preview: {len(report.questions)} questions, {'no errors' if report.ok else 'errors'}")

    confirmed = teacher_client.post(response.url)

    no_server_error(confirmed)
    planned = len(report.questions) if report.ok else 0
    assert Question.objects.count() - questions == planned
    assert Quiz.objects.count() - quizzes == (len(report.new_quizzes) if report.ok and planned else 0)
