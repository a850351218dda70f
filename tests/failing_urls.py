"""The site's URLconf plus one view that fails, for the logging tests."""

from django.urls import include, path


def fail(request):
    raise RuntimeError("deliberate failure")


urlpatterns = [path("fail/", fail), path("", include("history_site.urls"))]
