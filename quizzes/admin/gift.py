"""GIFT in the admin: upload a file, preview every question, confirm; and a quiz's GIFT download.

Registered by QuizAdmin.get_urls (`gift_urls`), each view wrapped in the admin site's
`admin_view` (signed-in staff only). Importing needs `quizzes.add_question` (and
`quizzes.add_quiz` to create quizzes by category); exporting needs to see the quiz.

Between the preview and the confirmation the file's text waits in the teacher's own
session, under a random token in the preview's address: nothing the browser sends back
can change what is imported, and another session's token is simply unknown. Confirming
parses the text again and imports it with the same service (quizzes.gift.importing), so
the preview and the import follow the same rules; the token is then forgotten.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from quizzes.admin.pages import admin_page
from quizzes.gift import parse_gift, quiz_as_gift
from quizzes.gift.importing import (
    MAX_FILE_BYTES,
    GiftFileError,
    ImportReport,
    ImportTarget,
    decode_gift,
    gift_import,
)
from quizzes.models import Quiz

IMPORT_PERMISSION = "quizzes.add_question"
CREATE_QUIZZES_PERMISSION = "quizzes.add_quiz"
SESSION_KEY = "quizzes:gift-uploads"
KEPT_UPLOADS = 3  # previews a teacher may have open at once; older ones are forgotten
BY_CATEGORY = "$CATEGORY"  # never a slug, so it cannot be mistaken for a quiz


class GiftUploadForm(forms.Form):
    file = forms.FileField(
        label=_("GIFT file"),
        help_text=_("A .gift or .txt file saved as UTF-8 text, up to 1 MB, such as Moodle's “Export questions”."),
    )
    target = forms.ChoiceField(
        label=_("Import into"),
        help_text=_(
            "One quiz: every question goes there. One quiz per $CATEGORY: each question goes to the quiz its "
            "$CATEGORY line names (by title or slug); a new, unpublished quiz is made when there is none, in the "
            "section the name gives (“Section 2”). Questions above the first $CATEGORY go to a quiz named like "
            "the file."
        ),
    )

    def __init__(self, *args, can_create_quizzes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        quizzes = [(quiz.slug, quiz.title) for quiz in Quiz.objects.order_by("title", "pk")]
        choices: list = [("", _("Choose…"))]
        if can_create_quizzes:
            choices.append((BY_CATEGORY, _("One quiz per $CATEGORY line (new quizzes are unpublished)")))
        choices.append((_("One quiz"), quizzes))
        self.fields["target"].choices = choices
        self.file_name = ""

    def clean_file(self) -> str:
        """Cleans to the file's text."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("This file is %(size)s; the limit is 1 MB. Split it into smaller files."),
                code="too_big",
                params={"size": filesizeformat(upload.size)},
            )
        try:
            text = decode_gift(upload.read())
        except GiftFileError as error:
            raise ValidationError(str(error), code="not_text") from None
        self.file_name = Path(upload.name).name
        return text


def gift_urls(model_admin) -> list[URLPattern]:
    """The import and export pages, named like the admin's own ("admin:quizzes_quiz_import_gift")."""

    return [
        admin_page(model_admin, "import-gift/", import_page, "import_gift"),
        admin_page(model_admin, "import-gift/<str:token>/", preview_page, "import_gift_preview"),
        admin_page(model_admin, "<int:pk>/export-gift/", export_download, "export_gift"),
    ]


# The pages -------------------------------------------------------------------------------------


def import_page(request: HttpRequest, *, model_admin) -> HttpResponse:
    """Step 1: choose the file and where its questions go."""
    _require(request, IMPORT_PERMISSION)
    form = GiftUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        can_create_quizzes=request.user.has_perm(CREATE_QUIZZES_PERMISSION),
        initial={"target": request.GET.get("quiz", "")},
    )
    if form.is_valid():
        token = _remember(
            request, text=form.cleaned_data["file"], name=form.file_name, target=form.cleaned_data["target"]
        )
        return redirect(f"admin:{_prefix(model_admin)}_import_gift_preview", token=token)
    return _render(
        request, model_admin, "admin/quizzes/gift_import.html", title=gettext("Import questions (GIFT)"), form=form
    )


def preview_page(request: HttpRequest, token: str, *, model_admin) -> HttpResponse:
    """Step 2 (GET): what the file would create. Step 3 (POST): create it, then go to the quiz."""
    _require(request, IMPORT_PERMISSION)
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if upload is None:
        messages.error(
            request, gettext("That import has expired or was already made. Upload the file again to see its preview.")
        )
        return redirect(f"admin:{_prefix(model_admin)}_import_gift")
    if upload["target"] == BY_CATEGORY:
        _require(request, CREATE_QUIZZES_PERMISSION)
    target = (
        ImportTarget.per_category(uncategorised=Path(upload["name"]).stem)
        if upload["target"] == BY_CATEGORY
        else ImportTarget.into_quiz(upload["target"])
    )
    confirming = request.method == "POST"
    report = gift_import(parsed=parse_gift(upload["text"]), target=target, dry_run=not confirming)
    if confirming:
        if not report.ok:
            messages.error(request, gettext("Nothing was imported: the file has errors, listed below."))
            return redirect(request.path)
        _forget(request, token)
        messages.success(request, _outcome(report))
        return redirect(_landing(report, model_admin))
    return _render(
        request,
        model_admin,
        "admin/quizzes/gift_preview.html",
        title=gettext("Preview of %(file)s") % {"file": upload["name"]},
        report=report,
        file_name=upload["name"],
        can_confirm=report.ok and bool(report.questions),
    )


def export_download(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    quiz = get_object_or_404(Quiz, pk=pk)
    if not model_admin.has_view_permission(request, quiz):
        raise PermissionDenied
    response = HttpResponse(quiz_as_gift(quiz), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{quiz.slug}.gift")
    return response


# Helpers ---------------------------------------------------------------------------------------


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _prefix(model_admin) -> str:
    return f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"


def _remember(request: HttpRequest, *, text: str, name: str, target: str) -> str:
    uploads = request.session.get(SESSION_KEY, {})
    while len(uploads) >= KEPT_UPLOADS:
        uploads.pop(next(iter(uploads)))  # the oldest: dicts keep their order, in the session too
    token = secrets.token_urlsafe(16)
    uploads[token] = {"text": text, "name": name, "target": target}
    request.session[SESSION_KEY] = uploads
    return token


def _forget(request: HttpRequest, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads


def _outcome(report: ImportReport) -> str:
    count = len(report.questions)
    if not count:
        return gettext("Nothing new to import: every question in the file is already in its quiz.")
    if len(report.quizzes) == 1:
        message = ngettext(
            "Imported %(count)d question into “%(quiz)s”.", "Imported %(count)d questions into “%(quiz)s”.", count
        ) % {"count": count, "quiz": report.quizzes[0].title}
    else:
        message = ngettext(
            "Imported %(count)d question into %(quizzes)d quizzes.",
            "Imported %(count)d questions into %(quizzes)d quizzes.",
            count,
        ) % {"count": count, "quizzes": len(report.quizzes)}
    if report.new_quizzes:
        message += " " + ngettext(
            "%(count)d quiz is new and unpublished: publish it when it is ready.",
            "%(count)d quizzes are new and unpublished: publish them when they are ready.",
            len(report.new_quizzes),
        ) % {"count": len(report.new_quizzes)}
    if report.duplicates:
        message += " " + ngettext(
            "%(count)d question was already there and was not imported again.",
            "%(count)d questions were already there and were not imported again.",
            len(report.duplicates),
        ) % {"count": len(report.duplicates)}
    return message


def _landing(report: ImportReport, model_admin) -> str:
    if len(report.quizzes) == 1 and report.quizzes[0].pk:
        return reverse(f"admin:{_prefix(model_admin)}_change", args=[report.quizzes[0].pk])
    return reverse(f"admin:{_prefix(model_admin)}_changelist")


def _render(request: HttpRequest, model_admin, template: str, *, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "title": title, **context},
    )
