"""A record of each regrade: when, by whom, and which attempts' scores changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Regrade(models.Model):
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="regrades", verbose_name=_("quiz"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("performed by"),
    )
    performed_at = models.DateTimeField(_("performed"))
    attempts_checked = models.PositiveIntegerField(_("attempts checked"))
    attempts_changed = models.PositiveIntegerField(_("attempts changed"))

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = _("regrade")
        verbose_name_plural = _("regrades")

    def __str__(self) -> str:
        return f"{self.quiz} regraded {self.performed_at:%Y-%m-%d %H:%M}"


class RegradeChange(models.Model):
    regrade = models.ForeignKey(Regrade, on_delete=models.CASCADE, related_name="changes", verbose_name=_("regrade"))
    attempt = models.ForeignKey(
        "quizzes.Attempt", on_delete=models.CASCADE, related_name="regrade_changes", verbose_name=_("attempt")
    )
    old_score = models.DecimalField(_("old score"), max_digits=7, decimal_places=2)
    new_score = models.DecimalField(_("new score"), max_digits=7, decimal_places=2)
    old_percent = models.DecimalField(_("old percent"), max_digits=5, decimal_places=2)
    new_percent = models.DecimalField(_("new percent"), max_digits=5, decimal_places=2)
    old_passed = models.BooleanField(_("passed before"))
    new_passed = models.BooleanField(_("passed after"))

    class Meta:
        ordering = ["regrade", "attempt"]
        verbose_name = _("regrade change")
        verbose_name_plural = _("regrade changes")
        constraints = [models.UniqueConstraint(fields=["regrade", "attempt"], name="regrade_change_once_per_attempt")]

    def __str__(self) -> str:
        return f"{self.attempt}: {self.old_score} → {self.new_score}"
