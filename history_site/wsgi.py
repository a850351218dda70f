"""WSGI entry point (gunicorn history_site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from gunicorn.errors import AppImportError

from history_site.env import SettingsError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "history_site.settings")

try:
    application = get_wsgi_application()
except SettingsError as error:
    # gunicorn prints an AppImportError as one line and stops, instead of a
    # traceback from every worker it tries to boot.
    raise AppImportError(f"Configuration error: {error}") from None
