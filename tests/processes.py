"""Run the project's commands in a fresh interpreter, as a deployment would.

Settings are read once at start-up, so checking how the site reacts to its
environment needs a new process with a clean copy of the environment: none of
the DJANGO_* variables (or DATABASE_URL) this test run happens to use.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

A_SECRET_KEY = "a-test-secret-key-that-is-long-and-random-enough-for-django-123456"


def clean_environment(**env: str) -> dict[str, str]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return {**clean, **env}


def run_python(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(*args: str, timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    """`python manage.py <args>` with only the given settings variables."""
    return run_python("manage.py", *args, env=env, timeout=timeout)
