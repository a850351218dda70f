"""Request ids, one-line error logs, and the health check.

Every request carries an id (the proxy's X-Request-ID when it sends a sane one,
else a new one), returned in the response header and written on every log line
of that request, so one line in a log leads to the request in the proxy's log.
Error lines name the exception and where it was raised, never the request's
body: no passwords, no answers.
"""

from __future__ import annotations

import contextvars
import ipaddress
import logging
import re
import traceback
import uuid

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

REQUEST_ID_HEADER = "X-Request-ID"
AXES_USERNAME_LENGTH = 255  # axes.models.AccessBase.username
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        token = _current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a 4xx/5xx response after the middleware has returned, with the request on the record.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or _current_request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    """The message and, for an exception, its type, text and innermost frame, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        exc_info, record.exc_info, record.exc_text = record.exc_info, None, None
        line = super().format(record)
        record.exc_info = exc_info
        if exc_info and exc_info[1] is not None:
            error = exc_info[1]
            frames = traceback.extract_tb(error.__traceback__)
            where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
            text = " ".join(str(error).split())[:300]
            detail = f"{type(error).__name__}{': ' + text if text and text not in line else ''}"
            line += f" | {detail}{where}"
        return line.replace("\n", " ")


def client_ip(request: HttpRequest) -> str:
    """The client's address: the connection's, or behind DJANGO_TRUSTED_PROXY_COUNT proxies the
    address the outermost trusted proxy saw (X-Forwarded-For, counted from the right)."""
    from django.conf import settings

    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    count = settings.TRUSTED_PROXY_COUNT
    # Only a real address: axes stores it in an address column, which PostgreSQL checks.
    if count and len(forwarded) >= count and _is_address(forwarded[-count]):
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username axes counts log-in failures under, as it would read it, cut to what its table holds.

    Django's log-in forms do not limit the username's length, so any text reaches
    axes; on PostgreSQL a name longer than axes' 255-character column failed the
    insert, and the log-in page with it.
    """
    from django.conf import settings

    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 if this server can reach the database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; the log has the details
        logging.getLogger(__name__).exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
