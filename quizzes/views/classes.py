"""A student joins a class with the code their teacher gave them, from their progress page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from quizzes.classes import AlreadyInClass, ClassJoinRefused, class_join
from quizzes.forms import ClassJoinForm


class ClassJoinView(LoginRequiredMixin, View):
    """POST only; every outcome is a message on the progress page."""

    http_method_names = ["post"]

    def post(self, request):
        form = ClassJoinForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["code"][0])
        else:
            try:
                joined = class_join(student=request.user, code=form.cleaned_data["code"], now=timezone.now())
            except AlreadyInClass as already:
                messages.info(request, str(already))
            except ClassJoinRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("You joined %(name)s.") % {"name": joined.name})
        return redirect(reverse("quizzes:progress") + "#classes")
