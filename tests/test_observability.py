"""Request ids, one-line error logs and the health check."""

from __future__ import annotations

import logging
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from history_site.observability import OneLineFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_health_check_answers_503_when_the_database_does_not(client):
    with mock.patch("history_site.observability.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_the_health_check_is_never_cached(client):
    assert "no-cache" in client.get(reverse("healthz"))["Cache-Control"]


def test_the_health_check_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_every_response_carries_a_request_id(client):
    assert len(client.get(reverse("lessons:home"))["X-Request-ID"]) == 32


def test_a_sane_request_id_from_the_proxy_is_kept(client):
    response = client.get(reverse("lessons:home"), headers={"X-Request-ID": "lb-0123456789abcdef"})

    assert response["X-Request-ID"] == "lb-0123456789abcdef"


def test_a_request_id_that_could_forge_log_lines_is_replaced(client):
    response = client.get(reverse("lessons:home"), headers={"X-Request-ID": "x\nERROR forged line"})

    assert "\n" not in response["X-Request-ID"]
    assert response["X-Request-ID"] != "x\nERROR forged line"


def _record_with_error() -> logging.LogRecord:
    try:
        raise ValueError("the answer key\nhas a problem")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x/", (), None)
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    return record


def test_an_error_is_logged_on_one_line_with_its_type_and_place():
    line = OneLineFormatter("%(levelname)s request_id=%(request_id)s %(message)s").format(_record_with_error())

    assert "\n" not in line
    assert line.startswith("ERROR request_id=- Internal Server Error: /x/ | ValueError: the answer key has a problem")
    assert "test_observability.py:" in line


def test_a_failing_request_is_logged_with_its_request_id_and_without_its_body(client, caplog, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post("/fail/", {"password": "hunter2-secret", "q1": "Ramón Mercader"})

    assert response.status_code == 500
    lines = [OneLineFormatter("%(request_id)s %(message)s").format(r) for r in caplog.records]
    assert any(response["X-Request-ID"] in line for line in lines)
    assert not any("hunter2-secret" in line or "Mercader" in line for line in lines)


def test_a_refused_request_is_logged_with_its_request_id(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/no-such-page/")

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 404
    assert records
    for record in records:
        RequestIdFilter().filter(record)
    assert records[-1].request_id == response["X-Request-ID"]
