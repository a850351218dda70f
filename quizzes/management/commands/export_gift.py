"""manage.py export_gift --quiz SLUG [--output FILE]: a quiz's questions as Moodle GIFT, in UTF-8."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import quiz_as_gift
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Write a quiz's questions in GIFT, Moodle's plain-text question format (UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("--quiz", metavar="SLUG", required=True, help="The quiz to export.")
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args, quiz: str, output: Path | None, **options):
        found = Quiz.objects.filter(slug=quiz).first()
        if found is None:
            raise CommandError(f"There is no quiz with the slug “{quiz}”.")
        text = quiz_as_gift(found)
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
            self.stderr.write(f"Wrote {found.questions.count()} question(s) to {output}.")
            return
        stream = options.get("stdout") or sys.stdout
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text stream with no bytes underneath (call_command's StringIO)
            stream.write(text)
        else:  # UTF-8 whatever the terminal's locale says
            stream.flush()
            binary.write(text.encode("utf-8"))
            binary.flush()
