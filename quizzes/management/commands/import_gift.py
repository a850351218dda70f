"""manage.py import_gift FILE (--quiz SLUG | --by-category) [--dry-run]: questions from a Moodle GIFT file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import parse_gift
from quizzes.gift.importing import GiftFileError, ImportTarget, decode_gift, gift_import


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT file (Moodle's plain-text question format), into one quiz or into one "
        "quiz per $CATEGORY. A file with any error creates nothing; every error is listed with its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The GIFT file, UTF-8 text.")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--quiz", metavar="SLUG", help="Put every question into this existing quiz.")
        target.add_argument(
            "--by-category",
            action="store_true",
            help=(
                "Put each question into the quiz its $CATEGORY names (by slug or title), creating an unpublished "
                "quiz when there is none. Questions before any $CATEGORY go to the quiz named like the file."
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created; change nothing.")

    def handle(self, *args, file: Path, quiz: str | None, by_category: bool, dry_run: bool, **options):
        try:
            text = decode_gift(file.read_bytes())
        except FileNotFoundError:
            raise CommandError(f"No file at {file}.") from None
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except GiftFileError as error:
            raise CommandError(f"{file}: {error}") from None
        target = ImportTarget.into_quiz(quiz) if quiz else ImportTarget.per_category(uncategorised=file.stem)
        report = gift_import(parsed=parse_gift(text), target=target, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            errors = "\n".join(f"  {line}" for line in report.error_lines())
            raise CommandError(f"{file} has {len(report.errors)} error(s):\n{errors}\nNothing was created.")
        if dry_run:
            self.stdout.write("Dry run: nothing was created.")
        elif report.created:
            quizzes = f" and {len(report.new_quizzes)} new quiz(zes)" if report.new_quizzes else ""
            self.stdout.write(self.style.SUCCESS(f"Created {len(report.questions)} question(s){quizzes}."))
        else:
            self.stdout.write("Nothing new to import: every question is already in its quiz.")
