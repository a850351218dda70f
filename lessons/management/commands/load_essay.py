"""manage.py load_essay: load the essay and its study aids. Safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.companion import CompanionFormatError, parse_companion
from lessons.essay import EssayFormatError, parse_essay
from lessons.loading import ContentError, essay_load

CONTENT_DIR = Path(settings.BASE_DIR) / "lessons" / "content"


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"No {what} at {path}.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read the {what} at {path}: {error}.") from None


class Command(BaseCommand):
    help = (
        "Load the essay (one lesson, its sections) and its timeline, glossary and editor's notes. "
        "Running it again changes nothing; rows a teacher edited are kept unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--essay", type=Path, default=CONTENT_DIR / "essay.txt", help="The essay text file.")
        parser.add_argument(
            "--companion", type=Path, default=CONTENT_DIR / "companion.toml", help="Timeline, glossary and notes."
        )
        parser.add_argument("--force", action="store_true", help="Overwrite rows a teacher edited in the admin.")

    def handle(self, *args, essay: Path, companion: Path, force: bool, **options):
        try:
            parsed = parse_essay(_read(essay, "essay"))
            extras = parse_companion(_read(companion, "companion file"))
            report = essay_load(essay=parsed, companion=extras, force=force)
        except EssayFormatError as error:
            raise CommandError(f"{essay}: {error} Nothing was changed.") from None
        except (CompanionFormatError, ContentError) as error:
            raise CommandError(f"{companion}: {error} Nothing was changed.") from None
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Loaded {parsed.title!r}."))
        else:
            self.stdout.write(f"{parsed.title!r} was already up to date.")
