"""The benchmark's helpers (manage.py bench_site, quizzes/benchmark.py): reading wrk, rates, scripts, sessions.

The benchmark itself needs wrk and gunicorn and takes minutes; these are the
parts of it that can be wrong without either.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from quizzes.benchmark import students_with_sessions
from quizzes.management.commands.bench_site import (
    Result,
    grading_window,
    parse_wrk,
    rotating_get_script,
    submit_once_script,
    submit_rate,
)

# What wrk 4.x prints with --latency (here for the submit: some answers timed out or failed).
WRK_OUTPUT = """\
Running 8s test @ http://127.0.0.1:41235
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.52ms    1.03ms  21.36ms   89.12%
    Req/Sec     1.45k   102.34     1.62k    71.25%
  Latency Distribution
     50%    5.38ms
     75%    5.91ms
     90%    6.52ms
     99%    7.24ms
  23081 requests in 8.00s, 7.12MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   2885.12
Transfer/sec:    911.29KB
"""

# A clean run: no error lines at all, and latencies in microseconds and seconds.
WRK_OUTPUT_IN_OTHER_UNITS = """\
Running 8s test @ http://127.0.0.1:41235/bench/bare/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   851.20us    1.20s    3.10s    98.01%
    Req/Sec     9.41k   412.10    10.02k    80.00%
  Latency Distribution
     50%  812.00us
     75%    0.91ms
     90%    1.02ms
     99%    1.50s
  150000 requests in 8.00s, 30.10MB read
Requests/sec:  18750.00
Transfer/sec:      3.76MB
"""


# submit_rate: attempts graded per second by the server's clock ------------------------------


@pytest.fixture
def measured() -> Result:
    return Result("submit", rps=125.0, p50_ms=12.5, p99_ms=80.0, requests=3010, errors=1, queries=9)


def test_the_submit_rate_counts_the_gradings_in_the_window_over_its_seconds(measured):
    assert submit_rate(measured, {"graded": 3001, "counted": 2700, "seconds": 6.0}).rps == 450.0


def test_the_submit_rate_keeps_wrks_other_figures(measured):
    rated = submit_rate(measured, {"graded": 3001, "counted": 2700, "seconds": 6.0})

    assert rated == replace(measured, rps=450.0)


def test_the_submit_rate_needs_gradings_in_its_window(measured):
    with pytest.raises(CommandError, match="Too few submits"):
        submit_rate(measured, {"graded": 1, "counted": 0, "seconds": 0.0})


@pytest.mark.parametrize("seconds", [0.0, -1.0])
def test_the_submit_rate_needs_gradings_spread_over_some_time(measured, seconds):
    with pytest.raises(CommandError, match="Too few submits"):
        submit_rate(measured, {"graded": 3000, "counted": 2700, "seconds": seconds})


def _every(milliseconds: int, count: int, start: datetime | None = None) -> list[datetime]:
    start = start or datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    return [start + timedelta(milliseconds=milliseconds * n) for n in range(count)]


def test_the_grading_window_spans_the_5th_to_the_95th_percentile_grading():
    window = grading_window(_every(10, 101))  # one grading every 10 ms

    assert window == {"graded": 101, "counted": 90, "seconds": 0.9}


def test_a_last_straggler_does_not_stretch_the_grading_window():
    times = _every(10, 100)
    straggler = times[-1] + timedelta(seconds=2)

    assert grading_window([*times, straggler])["seconds"] == grading_window([*times, times[-1]])["seconds"]


def test_the_grading_window_reads_times_in_any_order():
    times = _every(10, 101)

    assert grading_window(list(reversed(times))) == grading_window(times)


@pytest.mark.parametrize("count", [0, 1])
def test_the_grading_window_of_fewer_than_two_gradings_counts_nothing(count):
    assert grading_window(_every(10, count))["counted"] == 0


# parse_wrk ---------------------------------------------------------------------------------------


def test_wrks_requests_per_second_are_read():
    assert parse_wrk("submit", WRK_OUTPUT).rps == 2885.12


def test_wrks_median_and_99th_percentile_latencies_are_read_in_milliseconds():
    result = parse_wrk("submit", WRK_OUTPUT)

    assert (result.p50_ms, result.p99_ms) == (5.38, 7.24)


def test_wrks_request_count_is_read():
    assert parse_wrk("submit", WRK_OUTPUT).requests == 23081


def test_the_result_carries_the_measurements_name():
    assert parse_wrk("submit", WRK_OUTPUT).name == "submit"


def test_failed_responses_and_socket_errors_are_counted_as_errors():
    assert parse_wrk("submit", WRK_OUTPUT).errors == 3 + 1 + 2


def test_a_run_without_error_lines_has_no_errors():
    assert parse_wrk("bare", WRK_OUTPUT_IN_OTHER_UNITS).errors == 0


def test_latencies_in_microseconds_are_converted_to_milliseconds():
    assert parse_wrk("bare", WRK_OUTPUT_IN_OTHER_UNITS).p50_ms == pytest.approx(0.812)


def test_latencies_in_seconds_are_converted_to_milliseconds():
    assert parse_wrk("bare", WRK_OUTPUT_IN_OTHER_UNITS).p99_ms == pytest.approx(1500.0)


@pytest.mark.parametrize(
    "output",
    [
        "",
        "unable to connect to 127.0.0.1:41235 Connection refused\n",
        # Without --latency wrk prints no percentiles.
        WRK_OUTPUT.replace("     50%    5.38ms\n", "").replace("     99%    7.24ms\n", ""),
        WRK_OUTPUT.replace("Requests/sec:   2885.12\n", ""),
    ],
    ids=["empty", "connection-refused", "no-percentiles", "no-rate"],
)
def test_output_that_is_not_a_wrk_report_is_refused(output):
    with pytest.raises(CommandError, match="Could not read wrk's output for section"):
        parse_wrk("section", output)


# wrk's Lua scripts -------------------------------------------------------------------------------

TARGETS = [
    ("/attempts/1/", "sessionid=abc; csrftoken=xyz"),
    ("/attempts/2/", "sessionid=def; csrftoken=xyz"),
]
AWKWARD = [('/odd/"quoted"/back\\slash/', 'sessionid="q"; note=a\\b')]


def test_the_reading_script_lists_every_page_with_its_cookie_in_order():
    script = rotating_get_script(TARGETS)

    first = script.index('{"/attempts/1/", "sessionid=abc; csrftoken=xyz"}')
    second = script.index('{"/attempts/2/", "sessionid=def; csrftoken=xyz"}')
    assert first < second


def test_the_reading_script_gets_each_page_with_its_cookie():
    assert 'wrk.format("GET", targets[i][1], {["Cookie"] = targets[i][2]})' in rotating_get_script(TARGETS)


def test_the_reading_script_escapes_quotes_and_backslashes():
    script = rotating_get_script(AWKWARD)

    assert r'{"/odd/\"quoted\"/back\\slash/", "sessionid=\"q\"; note=a\\b"}' in script


def test_the_submitting_script_lists_every_attempt_with_its_cookie():
    script = submit_once_script(TARGETS, "a=1", threads=2)

    assert '{"/attempts/1/", "sessionid=abc; csrftoken=xyz"}' in script
    assert '{"/attempts/2/", "sessionid=def; csrftoken=xyz"}' in script


def test_the_submitting_script_posts_the_body_it_is_given():
    script = submit_once_script(TARGETS, "csrfmiddlewaretoken=bbb&q1=2", threads=2)

    assert 'local body = "csrfmiddlewaretoken=bbb&q1=2"' in script
    assert 'wrk.format("POST", target[1]' in script


def test_the_submitting_script_shares_the_attempts_among_its_threads():
    assert "local threads = 3" in submit_once_script(TARGETS, "a=1", threads=3)


def test_the_submitting_script_escapes_quotes_and_backslashes():
    script = submit_once_script(AWKWARD, 'say="hi"\\', threads=2)

    assert r'{"/odd/\"quoted\"/back\\slash/", "sessionid=\"q\"; note=a\\b"}' in script
    assert r'local body = "say=\"hi\"\\"' in script


# Seeded students' sessions -----------------------------------------------------------------------

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-tests"}}
CACHED_DB = "django.contrib.sessions.backends.cached_db"
DB = "django.contrib.sessions.backends.db"


@pytest.fixture
def session_cache(settings):
    settings.CACHES = LOCAL_CACHE
    cache = caches[settings.SESSION_CACHE_ALIAS]
    cache.clear()
    yield cache
    cache.clear()


def seed(count: int = 3):
    return students_with_sessions(count, prefix="bench", now=timezone.now())


@pytest.mark.django_db
def test_each_seeded_student_has_a_session_of_their_own(session_cache):
    students = seed()

    assert [user.username for user, _ in students] == ["bench0", "bench1", "bench2"]
    assert Session.objects.filter(session_key__in=[key for _, key in students]).count() == 3


@pytest.mark.django_db
def test_a_seeded_session_signs_its_student_in(settings, session_cache, client):
    settings.SESSION_ENGINE = DB
    [(user, key)] = seed(1)
    client.cookies[settings.SESSION_COOKIE_NAME] = key

    page = client.get(reverse("quizzes:progress"))

    assert page.status_code == 200
    assert page.wsgi_request.user == user


@pytest.mark.django_db
def test_a_seeded_session_names_the_last_backend_and_the_students_password_hash(session_cache):
    [(user, key)] = seed(1)

    data = Session.objects.get(session_key=key).get_decoded()

    assert data[SESSION_KEY] == str(user.pk)
    assert data[BACKEND_SESSION_KEY] == settings.AUTHENTICATION_BACKENDS[-1]
    assert data[HASH_SESSION_KEY] == user.get_session_auth_hash()


@pytest.mark.django_db
def test_with_cached_db_sessions_each_seeded_session_loads_from_the_cache(
    settings, session_cache, django_assert_num_queries
):
    settings.SESSION_ENGINE = CACHED_DB
    students = seed()

    with django_assert_num_queries(0):
        loaded = [CachedDbSessionStore(key).load() for _, key in students]

    assert [data[SESSION_KEY] for data in loaded] == [str(user.pk) for user, _ in students]


@pytest.mark.django_db
def test_with_database_sessions_nothing_is_put_in_the_cache(settings, session_cache):
    settings.SESSION_ENGINE = DB
    students = seed()

    cached_db_keys = [CachedDbSessionStore.cache_key_prefix + key for _, key in students]
    assert session_cache.get_many(cached_db_keys) == {}
    assert len(session_cache._cache) == 0  # nor under any other key
