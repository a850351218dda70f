"""Extra admin pages (import, reports, regrade, preview) routed like the admin's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper

from django.urls import URLPattern, path


def admin_page(model_admin, route: str, page: Callable, name: str) -> URLPattern:
    """A URL for `page(request, ..., model_admin=...)` behind the admin's login and staff check,
    named like the admin's own pages: "<app>_<model>_<name>" (so "admin:quizzes_quiz_regrade")."""

    def view(request, *args, **kwargs):
        return page(request, *args, model_admin=model_admin, **kwargs)

    opts = model_admin.opts
    wrapped = model_admin.admin_site.admin_view(update_wrapper(view, page))
    return path(route, wrapped, name=f"{opts.app_label}_{opts.model_name}_{name}")
