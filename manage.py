#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "history_site.settings")
    from django.core.management import execute_from_command_line

    from history_site.env import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as error:
        # A misconfigured deployment gets one line, not a traceback.
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()
