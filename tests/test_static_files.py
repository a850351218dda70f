"""collectstatic works with the production storage (WhiteNoise's compressed manifest),
so Bootstrap and our CSS are served without a CDN."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from tests.processes import A_SECRET_KEY, manage


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """Run collectstatic once for the module, into a folder of its own."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    result = manage(
        "collectstatic",
        "--noinput",
        timeout=300,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=A_SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="history.example.org",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    return result, static_root


def manifest(static_root) -> dict[str, str]:
    return json.loads((static_root / "staticfiles.json").read_text(encoding="utf-8"))["paths"]


def test_collectstatic_succeeds_with_the_production_storage(collected):
    result, _ = collected

    assert result.returncode == 0, result.stderr


def test_the_manifest_lists_bootstrap_and_the_sites_stylesheets(collected):
    _, static_root = collected

    assert {"css/bootstrap.min.css", "css/site.css", "css/print.css"} <= set(manifest(static_root))


def test_the_stylesheets_are_stored_under_hashed_names_and_compressed(collected):
    _, static_root = collected
    hashed = manifest(static_root)["css/site.css"]

    assert hashed != "css/site.css"
    assert (static_root / hashed).exists()
    assert (static_root / f"{hashed}.gz").exists()


def test_the_static_root_defaults_to_the_projects_staticfiles_folder():
    result = manage("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.STATIC_ROOT)")

    assert result.stdout.strip() == str(settings.BASE_DIR / "staticfiles")
