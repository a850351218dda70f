"""Fixtures for the integrity tests: fast passwords, and PostgreSQL for the ones that need real connections."""

from __future__ import annotations

import pytest
from django.db import connection

POSTGRESQL_ONLY = (
    "needs real PostgreSQL connections: SQLite has no row locks and lets one writer in at a time, "
    "so threads would only queue; run with DATABASE_URL=postgres://… (.ci/run's PostgreSQL pass does)"
)


@pytest.fixture
def postgresql():
    """Skips the test, saying why, unless the database is PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip(POSTGRESQL_ONLY)
