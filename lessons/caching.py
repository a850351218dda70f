"""Whole-page cache for anonymous readers of the lesson pages.

Lesson pages are the same for every anonymous reader until a teacher changes
the content, so they are served from the cache (shared by every app server when
REDIS_URL is set). Each cached page's key carries a content version; the admin
and the loaders call `reader_pages_changed()` after any change a reader would
see, which moves every page to a new key at once. The timeout bounds staleness
for changes made elsewhere (a shell, or per-process caches without Redis).

Signed-in readers, non-GET requests and requests with pending messages always
get a freshly rendered page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "lessons:reader-pages:version"
PAGE_TIMEOUT = 300  # seconds


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def reader_pages_changed() -> None:
    """Make every cached reader page stale (call after a change readers would see)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored yet (or evicted): any new value will do
        cache.set(VERSION_KEY, 2, timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated and not len(get_messages(request))


def cached_for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"lessons:reader-page:{_version()}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(lambda rendered: cache.set(key, rendered, PAGE_TIMEOUT))
            else:
                cache.set(key, response, PAGE_TIMEOUT)
        return response

    return wrapper
