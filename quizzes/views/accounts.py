"""Sign-up. Log in, log out and password reset are Django's own auth views."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import UserCreationForm
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView

from history_site.observability import client_ip


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("Used only to reset your password if you forget it.")
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account already uses this e-mail address. Log in, or reset its password."), code="email_taken"
            )
        return email


def requested_next(request) -> str:
    """Where the user was going, if it is on this site; otherwise ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def safe_next(request, fallback: str) -> str:
    """Where the user was going, if it is on this site; otherwise `fallback` (a URL or URL name).

    A URL, ready for HttpResponseRedirect: redirect() would try the student's text as a URL name
    first, and fail with a 500 on a word such as "quizzes".
    """
    return requested_next(request) or resolve_url(fallback)


def _signup_budget_key(request) -> str:
    hour = int(time.time() // 3600)
    return f"accounts:signups:{client_ip(request)}:{hour}"


class SignUpView(CreateView):
    form_class = SignUpForm
    template_name = "registration/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return HttpResponseRedirect(safe_next(request, "quizzes:list"))
        if request.method == "POST" and (cache.get(_signup_budget_key(request)) or 0) >= settings.SIGNUP_LIMIT_PER_HOUR:
            # Throttled before the form runs: a bot learns nothing about which names exist.
            return render(request, "registration/signup_throttled.html", status=429)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        key = _signup_budget_key(self.request)
        cache.add(key, 0, timeout=3600)
        cache.incr(key)
        user = form.save()
        login(self.request, user, backend="history_site.auth.ModelBackend")
        return HttpResponseRedirect(safe_next(self.request, "quizzes:list"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=requested_next(self.request), **kwargs)
