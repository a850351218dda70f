"""The site's URLs plus a bare page, used only by `make bench` (DJANGO_BENCHMARK=1).

The bare page renders a small template through the whole middleware stack with
no database and no cache: the ceiling every real page is measured against.
"""

from django.template.response import TemplateResponse
from django.urls import include, path


def bare(request):
    return TemplateResponse(request, "benchmark/bare.html", {"title": "A bare page"})


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("history_site.urls")),
]
