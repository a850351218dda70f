"""The "Teachers" group: exactly what a teacher needs in the admin.

Teachers manage lessons, quizzes, questions and their answers, their classes
and students' accommodations; they view attempts, see reports and regrade.
They never manage users, groups or permissions. A
superuser makes someone a teacher by ticking "staff status" and adding them
to this group.
"""

from __future__ import annotations

TEACHERS_GROUP = "Teachers"

MANAGED = {
    "lessons": ["lesson", "section", "event", "term", "note"],
    "quizzes": ["quiz", "question", "choice", "acceptedanswer", "schoolclass", "classmembership", "accommodation"],
}
VIEWED = {
    "quizzes": ["attempt", "response", "responseoption", "regrade", "regradechange"],
}
EXTRA = {
    "quizzes": ["view_quiz_reports", "regrade_quiz"],
}


def permission_codes(
    managed: dict[str, list[str]], viewed: dict[str, list[str]], extra: dict[str, list[str]] | None = None
) -> set[tuple[str, str]]:
    """(app_label, codename) pairs: every action on `managed` models, viewing `viewed` ones, and `extra`."""
    codes = {
        (app, f"{action}_{model}")
        for app, models in managed.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    codes |= {(app, f"view_{model}") for app, models in viewed.items() for model in models}
    codes |= {(app, codename) for app, codenames in (extra or {}).items() for codename in codenames}
    return codes


def teacher_permission_codes() -> set[tuple[str, str]]:
    """Every permission the group holds now."""
    return permission_codes(MANAGED, VIEWED, EXTRA)


def sync_teachers_group(apps, codes: set[tuple[str, str]]) -> None:
    """Give the group exactly `codes` ((app_label, codename) pairs), creating it if needed.

    `apps` is a migration's app registry. Each migration passes the list as it
    stood then, so replaying history on a fresh database never names a model
    that does not exist yet; the latest list is `teacher_permission_codes()`.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations run; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = set(codes)
    permissions = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions not found for the Teachers group: {sorted(missing)}")
    group.permissions.set(permissions)
