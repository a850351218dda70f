"""A quiz's reports in the admin: item statistics and responses, on screen and as CSV.

Registered by QuizAdmin.get_urls (`report_urls`), each wrapped in the admin
site's `admin_view` (signed-in staff only) and requiring the
`quizzes.view_quiz_reports` permission. A teacher sees only the students of
their own classes; quizzes/reports.py reads the rows and computes the figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quizzes import statistics
from quizzes.admin.pages import admin_page
from quizzes.csv_export import csv_filename, csv_text
from quizzes.models import Quiz
from quizzes.reports import (
    QuestionColumn,
    ResponseRow,
    StatisticsReport,
    VisibleClasses,
    default_method,
    duration_text,
    figure,
    question_columns,
    report_attempts,
    responses_report,
    statistics_report,
    visible_classes,
)

REPORTS_PERMISSION = "quizzes.view_quiz_reports"

METHOD_CHOICES = [
    (statistics.FIRST, _("First attempt of each student")),
    (statistics.HIGHEST, _("Highest-scoring attempt of each student")),
    (statistics.LAST, _("Last attempt of each student")),
    (statistics.ALL, _("All attempts")),
]


class ReportFilterForm(forms.Form):
    """Whose attempts: one of the viewer's classes, and the days they were submitted (GET, so links keep them)."""

    school_class = forms.TypedChoiceField(label=_("Class"), coerce=int, empty_value=None, required=False)
    submitted_from = forms.DateField(
        label=_("Submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    submitted_to = forms.DateField(
        label=_("Submitted until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Both days included."),
    )

    def __init__(self, data=None, *, quiz: Quiz, classes: VisibleClasses, everyone: bool, **kwargs):
        super().__init__(data, **kwargs)
        every = _("All students") if everyone else _("All my classes")
        self.fields["school_class"].choices = [("", every), *classes.choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            raise ValidationError(
                _("The first day comes after the last one. Swap the two dates."), code="dates_reversed"
            )
        return data


class StatisticsFilterForm(ReportFilterForm):
    method = forms.ChoiceField(
        label=_("Attempts analysed"),
        choices=METHOD_CHOICES,
        required=False,
        help_text=_("The quiz's grading method chooses the default."),
    )

    field_order = ["method", "school_class", "submitted_from", "submitted_to"]

    def __init__(self, data=None, *, quiz: Quiz, **kwargs):
        # Without a choice (a link from the responses report), the quiz's default, and the menu shows it.
        method = default_method(quiz)
        if data is not None and not data.get("method"):
            data = data.copy()
            data["method"] = method
        super().__init__(data, quiz=quiz, initial={"method": method}, **kwargs)


def report_urls(model_admin) -> list[URLPattern]:
    """The report pages, named like the admin's own ("admin:quizzes_quiz_statistics")."""

    return [
        admin_page(model_admin, "<int:pk>/statistics/", statistics_page, "statistics"),
        admin_page(model_admin, "<int:pk>/statistics/csv/", statistics_csv, "statistics_csv"),
        admin_page(model_admin, "<int:pk>/responses/", responses_page, "responses"),
        admin_page(model_admin, "<int:pk>/responses/csv/", responses_csv, "responses_csv"),
    ]


# --- the pages -------------------------------------------------------------------------------------


def statistics_page(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    quiz, classes, form = _open(request, pk, StatisticsFilterForm)
    report = None
    if form.is_valid() or not form.is_bound:
        report = statistics_report(
            attempts=_attempts(request, quiz, form), columns=question_columns(quiz), method=_method(quiz, form)
        )
    context = {
        "csv_url": _url(model_admin, "statistics_csv", quiz),
        "report": report,
        "test_figures": _test_figures(report) if report else [],
        "method_label": dict(METHOD_CHOICES).get(report.method) if report else "",
    }
    return _render(
        request,
        model_admin,
        "admin/quizzes/statistics_report.html",
        quiz=quiz,
        form=form,
        classes=classes,
        title=_("Item statistics"),
        extra=context,
    )


def responses_page(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    quiz, classes, form = _open(request, pk, ReportFilterForm)
    columns, rows = question_columns(quiz), None
    if form.is_valid() or not form.is_bound:
        rows = responses_report(attempts=_attempts(request, quiz, form), columns=columns, classes=classes)
    context = {"csv_url": _url(model_admin, "responses_csv", quiz), "columns": columns, "rows": rows}
    return _render(
        request,
        model_admin,
        "admin/quizzes/responses_report.html",
        quiz=quiz,
        form=form,
        classes=classes,
        title=_("Responses"),
        extra=context,
    )


def statistics_csv(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    quiz, _classes, form = _open(request, pk, StatisticsFilterForm)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(gettext("Check the report's filters and try again."))
    report = statistics_report(
        attempts=_attempts(request, quiz, form), columns=question_columns(quiz), method=_method(quiz, form)
    )
    return _csv_response(statistics_csv_rows(quiz, report), quiz, "item statistics")


def responses_csv(request: HttpRequest, pk: int, *, model_admin) -> HttpResponse:
    quiz, classes, form = _open(request, pk, ReportFilterForm)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(gettext("Check the report's filters and try again."))
    columns = question_columns(quiz)
    rows = responses_report(attempts=_attempts(request, quiz, form), columns=columns, classes=classes)
    return _csv_response(responses_csv_rows(columns, rows), quiz, "responses")


# --- shared steps ----------------------------------------------------------------------------------


def _open(request: HttpRequest, pk: int, form_class: type[ReportFilterForm]):
    """The permission check, the quiz, the viewer's classes and the bound (or blank) filter form."""
    if not request.user.has_perm(REPORTS_PERMISSION):
        raise PermissionDenied
    quiz = get_object_or_404(Quiz, pk=pk)
    classes = visible_classes(request.user)
    form = form_class(request.GET or None, quiz=quiz, classes=classes, everyone=request.user.is_superuser)
    return quiz, classes, form


def _attempts(request: HttpRequest, quiz: Quiz, form: ReportFilterForm):
    data = form.cleaned_data if form.is_bound else {}
    return report_attempts(
        quiz=quiz,
        viewer=request.user,
        school_class=data.get("school_class"),
        submitted_from=data.get("submitted_from"),
        submitted_to=data.get("submitted_to"),
    )


def _method(quiz: Quiz, form: StatisticsFilterForm) -> str:
    return form.cleaned_data["method"] if form.is_bound else default_method(quiz)


def _render(request, model_admin, template: str, *, quiz: Quiz, form, classes: VisibleClasses, title, extra: dict):
    query = request.GET.urlencode()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": quiz,
        "quiz": quiz,
        "title": title,
        "subtitle": quiz.title,
        "form": form,
        # A teacher without a class has nobody to report on; the page says how to start one.
        "no_classes": not classes.choices and not request.user.is_superuser,
        "query": f"?{query}" if query else "",
        **extra,
    }
    return TemplateResponse(request, template, context)


def _url(model_admin, name: str, quiz: Quiz) -> str:
    opts = model_admin.opts
    return reverse(f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=[quiz.pk])


def _csv_response(rows, quiz: Quiz, name: str) -> HttpResponse:
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    filename = csv_filename(quiz.slug, name, day=timezone.localdate())
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


# --- the tables, for the page and the CSV ----------------------------------------------------------


def _test_figures(report: StatisticsReport) -> list[tuple[str, float | int | None, str]]:
    """The whole-test statistics as (label, value, unit); Moodle shows the marks as % of the maximum."""
    quiz = report.quiz
    return [
        (_("Attempts analysed"), quiz.attempts, ""),
        (_("Mean"), quiz.mean_percent, "%"),
        (_("Median"), quiz.median_percent, "%"),
        (_("Standard deviation"), quiz.sd_percent, "%"),
        (_("Skewness"), quiz.skewness, ""),
        (_("Kurtosis"), quiz.kurtosis, ""),
        (_("Coefficient of internal consistency (CIC)"), quiz.cic, "%"),
        (_("Error ratio"), quiz.error_ratio, "%"),
        (_("Standard error"), quiz.standard_error_percent, "%"),
    ]


def statistics_csv_rows(quiz: Quiz, report: StatisticsReport) -> Iterator[list]:
    """Two tables, one under the other: the whole test, then one row per question.

    An empty cell is a figure that cannot be computed (the page shows a dash).
    """
    yield [_("Quiz"), quiz.title]
    yield [_("Attempts analysed"), dict(METHOD_CHOICES)[report.method]]
    yield []
    yield [_("Statistic"), _("Value"), _("Unit")]
    for label, value, unit in _test_figures(report):
        yield [label, value if isinstance(value, int) else figure(value), unit]
    yield []
    wrong_headers = []
    for n in range(1, 4):
        wrong_headers += [_("Wrong answer %(n)d") % {"n": n}, _("Count %(n)d") % {"n": n}]
    yield [
        _("Question number"),
        _("Question"),
        _("Type"),
        _("Attempts"),
        _("Facility (%)"),
        _("Standard deviation (%)"),
        _("Discrimination index"),
        _("Discriminative efficiency (%)"),
        _("Needs review"),
        _("Why"),
        *wrong_headers,
    ]
    for question in report.questions:
        figures = question.figures
        wrong = []
        for text, count in question.wrong_answers:
            wrong += [text or _("(no answer)"), count]
        yield [
            question.column.number,
            question.column.excerpt,
            question.column.type_label,
            figures.attempts,
            figure(figures.facility),
            figure(figures.sd_percent),
            figure(figures.discrimination),
            figure(figures.efficiency),
            _("yes") if figures.needs_review else _("no"),
            " ".join(figures.flag_texts),
            *wrong,
        ]


def responses_csv_rows(columns: list[QuestionColumn], rows: list[ResponseRow]) -> Iterator[list]:
    """One row per attempt; times in the site's time zone; an empty question cell: not in that attempt."""
    yield [
        _("Student"),
        _("Username"),
        _("Classes"),
        _("Attempt"),
        _("Started"),
        _("Submitted"),
        _("Duration"),
        _("State"),
        _("Score"),
        _("Maximum"),
        _("Percent"),
        *(f"Q{column.number} (/{column.max_points})" for column in columns),
    ]
    for row in rows:
        yield [
            row.student,
            row.username,
            "; ".join(row.classes),
            row.number,
            f"{timezone.localtime(row.started):%Y-%m-%d %H:%M:%S}",
            f"{timezone.localtime(row.submitted):%Y-%m-%d %H:%M:%S}",
            duration_text(row.duration),
            row.state,
            row.score,
            row.max_score,
            row.percent,
            *row.points,
        ]
