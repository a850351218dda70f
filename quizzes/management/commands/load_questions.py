"""manage.py load_questions: load the shipped question bank. Safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.loading import ContentError
from quizzes.bank import BankFormatError, parse_bank
from quizzes.loading import question_bank_load

DEFAULT_BANK = Path(settings.BASE_DIR) / "quizzes" / "content" / "question_bank.toml"


class Command(BaseCommand):
    help = (
        "Load the question bank (quizzes and their questions). Running it again changes nothing; "
        "questions a teacher edited are kept unless --force is given. Load the essay first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bank", type=Path, default=DEFAULT_BANK, help="The question bank file (TOML).")
        parser.add_argument("--force", action="store_true", help="Overwrite questions a teacher edited in the admin.")

    def handle(self, *args, bank: Path, force: bool, **options):
        try:
            text = bank.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No question bank at {bank}.") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read the question bank at {bank}: {error}.") from None
        try:
            report = question_bank_load(bank=parse_bank(text), force=force)
        except (BankFormatError, ContentError) as error:
            raise CommandError(f"{bank}:\n{error}\nNothing was changed.") from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("Question bank loaded.")
            if report.changed
            else "The question bank was already up to date."
        )
