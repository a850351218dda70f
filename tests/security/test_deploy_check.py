"""`manage.py check --deploy` in production mode: no warnings, directly or behind a TLS-ending proxy.

Run in a fresh process with a clean environment (tests/processes.py), as a
deployment starts: settings are read once, at start-up.
"""

from __future__ import annotations

import secrets

import pytest

from tests.processes import manage

NO_ISSUES = "System check identified no issues (0 silenced)."


@pytest.fixture(scope="module")
def production() -> dict[str, str]:
    """The documented production variables, with a fresh random secret of more than 50 characters."""
    secret = secrets.token_urlsafe(48)  # 64 characters
    assert len(secret) >= 50
    return {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secret, "DJANGO_ALLOWED_HOSTS": "history.example.org"}


def test_the_deploy_checks_find_nothing_in_production(production):
    result = manage("check", "--deploy", **production)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES
    assert result.stderr == ""


def test_the_deploy_checks_find_nothing_behind_a_proxy_that_ends_tls(production):
    result = manage("check", "--deploy", DJANGO_SECURE_PROXY_SSL_HEADER="1", **production)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES
    assert result.stderr == ""


def test_the_deploy_checks_pass_even_at_the_strictest_failure_level(production):
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **production)

    assert result.returncode == 0, result.stderr + result.stdout


def test_the_deploy_checks_would_notice_a_weakened_setting(production):
    # Not a vacuous pass: turning HSTS off in production is reported.
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_HSTS_SECONDS="0", **production)

    assert result.returncode != 0
    assert "security.W004" in result.stderr
