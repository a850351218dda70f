from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the lessons"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please search for at most %(limit_value)d characters (you typed %(show_value)d).")
        },
    )

    def words(self) -> list[str]:
        """The distinct words searched for (a page of results needs every one)."""
        if not self.is_valid():
            return []
        seen: dict[str, None] = {}
        for word in self.cleaned_data["q"].split():
            seen.setdefault(word.strip("\"'“”‘’"), None)
        return [word for word in seen if word][:MAX_QUERY_WORDS]
