"""Browser tests: Playwright driving Debian's Chromium against the live server.

Playwright's own browser download cannot work on this network, so the tests
launch /usr/bin/chromium. Without it they skip with the reason; with
REQUIRE_BROWSER=1 (as in CI) a missing Chromium fails the run instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
