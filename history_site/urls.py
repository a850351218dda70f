from django.contrib import admin
from django.urls import include, path

from history_site.observability import healthz
from quizzes.views.accounts import SignUpView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/signup/", SignUpView.as_view(), name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("quizzes.urls")),
    path("", include("lessons.urls")),
]
