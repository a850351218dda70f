"""Browser tests: Playwright driving Debian's Chromium against the live server.

Playwright's own browser download cannot work on this network, so the tests
launch /usr/bin/chromium. Without it they skip with the reason; with
REQUIRE_BROWSER=1 (as in CI) a missing Chromium fails the run instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
QUIET_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(f"Browser tests skipped: {reason}")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": QUIET_ARGS}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Quiz pages -------------------------------------------------------------------------------------


@pytest.fixture
def question_bank(essay_lesson):
    """The real essay and the question bank we ship, loaded as `make run` does."""
    call_command("load_questions", verbosity=0)
    return essay_lesson


@pytest.fixture
def sign_in(live_server, page) -> Callable[..., None]:
    """Sign a user in by handing the browser a session made on the server.

    The login form has its own tests; going through it every time would only slow the others down.
    """

    def sign_in(user) -> None:
        client = Client()
        client.force_login(user)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return sign_in
