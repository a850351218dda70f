"""The "Teachers" group: exactly what a teacher needs in the admin.

Teachers manage lessons, quizzes, questions and their answers, and view
students' attempts. They never manage users, groups or permissions. A
superuser makes someone a teacher by ticking "staff status" and adding them
to this group.
"""

from __future__ import annotations

TEACHERS_GROUP = "Teachers"

MANAGED = {
    "lessons": ["lesson", "section", "event", "term", "note"],
    "quizzes": ["quiz", "question", "choice", "acceptedanswer"],
}
VIEWED = {
    "quizzes": ["attempt", "response", "responseoption"],
}


def teacher_permission_codes() -> set[tuple[str, str]]:
    """(app_label, codename) for every permission the group holds."""
    codes = {
        (app, f"{action}_{model}")
        for app, models in MANAGED.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    codes |= {(app, f"view_{model}") for app, models in VIEWED.items() for model in models}
    return codes


def sync_teachers_group(apps) -> None:
    """Create or update the group. `apps` is a migration's app registry (or django.apps.apps)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations run; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = teacher_permission_codes()
    permissions = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions not found for the Teachers group: {sorted(missing)}")
    group.permissions.set(permissions)
