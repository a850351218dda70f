"""history_site/settings.py: a misconfigured deployment stops with one clear line, no traceback."""

from __future__ import annotations

import pytest

from tests.processes import A_SECRET_KEY, manage, run_python


def test_production_without_a_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "Configuration error: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0 (use 50 or more random characters)."
    ]


def test_production_with_a_blank_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="   ")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=A_SECRET_KEY)

    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "Configuration error: DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=0 (comma-separated host names)."
    ]


@pytest.mark.parametrize("value", ["maybe", "flase", "2"])
def test_a_debug_value_that_is_not_yes_or_no_refuses_to_start(value):
    result = manage("check", DJANGO_DEBUG=value)

    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        f"Configuration error: DJANGO_DEBUG must be 1 or 0 (also true/false, yes/no, on/off), not {value!r}."
    ]


def test_a_connection_age_that_is_not_a_number_refuses_to_start():
    result = manage("check", DJANGO_CONN_MAX_AGE="forever")

    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "Configuration error: DJANGO_CONN_MAX_AGE must be a whole number, not 'forever'."
    ]


def test_a_configuration_error_prints_no_traceback():
    result = manage("check", DJANGO_DEBUG="0")

    assert "Traceback" not in result.stderr + result.stdout


def test_production_with_everything_set_passes_the_checks():
    result = manage(
        "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=A_SECRET_KEY, DJANGO_ALLOWED_HOSTS="history.example.org"
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_needs_no_variables_at_all():
    result = manage("check")

    assert result.returncode == 0, result.stderr


def test_every_command_refuses_to_start_with_the_same_line():
    result = manage("load_essay", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_gunicorn_stops_with_the_one_line_instead_of_a_traceback():
    result = run_python(
        "-m", "gunicorn", "--bind=127.0.0.1:0", "--no-control-socket", "history_site.wsgi", env={"DJANGO_DEBUG": "0"}
    )

    assert result.returncode != 0
    assert "Configuration error: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0" in result.stderr
    assert "Traceback" not in result.stderr
