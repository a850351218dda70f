"""Whole-page cache for anonymous readers of the lesson pages.

Lesson pages are the same for every anonymous reader until a teacher changes
the content, so they are served from the cache (shared by every app server when
REDIS_URL is set). The views marked `cached_for_readers` store their rendered
page under its path, with the content version it was rendered at; the admin and
the loaders call `reader_pages_changed()` after any change a reader would see,
which makes every stored page stale at once. The timeout bounds staleness for
changes made elsewhere (a shell, or per-process caches without Redis).

`ReaderPageCacheMiddleware` answers from the cache before sessions, CSRF and
authentication run (Django's own per-site cache works the same way), for
requests without a session or messages cookie: those belong to anonymous
readers with nothing pending. Every other request reaches the view, which serves anonymous
readers from the same cache; signed-in readers, non-GET requests and requests
with pending messages always get a freshly rendered page.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

VERSION_KEY = "lessons:reader-pages:version"
PAGE_TIMEOUT = 300  # seconds


# Each process also keeps the pages it served last in memory, in front of the shared
# cache, and asks the shared cache for the content version at most once a second:
# a hit then needs no network at all, and other servers see a change within a second.
LOCAL_PAGES = 256
VERSION_CHECK_SECONDS = 1.0


class _LocalPages:
    """This process's copy of recently served pages and of the content version."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.version: int | None = None
        self.checked_at = 0.0


_local = _LocalPages()


def forget_local_pages() -> None:
    """Drop this process's in-memory pages and version (after a change made here, and in tests)."""
    with _local.lock:
        _local.forget()


def _current_version() -> int | None:
    now = time.monotonic()
    if _local.version is None or now - _local.checked_at > VERSION_CHECK_SECONDS:
        version = cache.get(VERSION_KEY)
        with _local.lock:
            _local.version, _local.checked_at = version, now
    return _local.version


def reader_pages_changed() -> None:
    """Make every cached reader page stale (call after a change readers would see)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored yet (or evicted): any new value will do
        cache.set(VERSION_KEY, 2, timeout=None)
    forget_local_pages()


def _page_key(request: HttpRequest) -> str:
    return "lessons:reader-page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()


def _cached_page(request: HttpRequest) -> HttpResponse | None:
    key, version = _page_key(request), _current_version()
    if version is None:
        return None
    entry = _local.pages.get(key)
    if entry is None or entry[0] != version:
        entry = cache.get(key)
        if entry is None or entry[0] != version:
            return None
        with _local.lock:
            _local.pages[key] = entry
            if len(_local.pages) > LOCAL_PAGES:
                _local.pages.popitem(last=False)
    _version, content, content_type = entry
    response = HttpResponse(content, content_type=content_type)
    response["Vary"] = "Cookie"  # served only to requests without a session: shared caches must tell them apart
    return response


def _store_page(request: HttpRequest, response: HttpResponse) -> None:
    version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    entry = (version, response.content, response["Content-Type"])
    cache.set(_page_key(request), entry, PAGE_TIMEOUT)


def _cacheable(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.user.is_authenticated and not len(get_messages(request))


def cached_for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        cached = _cached_page(request)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(lambda rendered: _store_page(request, rendered))
            else:
                _store_page(request, response)
        return response

    wrapper.reader_page_cache = True  # the middleware looks for this on the resolved view
    return wrapper


def _is_reader_page(path: str) -> bool:
    try:
        view = resolve(path).func
    except Resolver404:
        return False
    view = getattr(getattr(view, "view_class", None), "dispatch", view)
    return getattr(view, "reader_page_cache", False)


class ReaderPageCacheMiddleware:
    """Answers anonymous readers from the page cache before the session and auth middleware run."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only reader pages are looked up: other pages (the log-in page, say) never pay for it.
        if (
            request.method == "GET"
            and not self.cookies.intersection(request.COOKIES)
            and _is_reader_page(request.path_info)
        ):
            cached = _cached_page(request)
            if cached is not None:
                return cached
        return self.get_response(request)
