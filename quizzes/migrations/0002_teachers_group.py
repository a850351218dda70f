from django.db import migrations

# The group as it stood at this point in the project's history (see quizzes/teachers.py).
MANAGED = {
    "lessons": ["lesson", "section", "event", "term", "note"],
    "quizzes": ["quiz", "question", "choice", "acceptedanswer"],
}
VIEWED = {"quizzes": ["attempt", "response", "responseoption"]}


def create_teachers_group(apps, schema_editor):
    from quizzes.teachers import permission_codes, sync_teachers_group

    sync_teachers_group(apps, permission_codes(MANAGED, VIEWED))


def remove_teachers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Teachers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("lessons", "0001_initial"),
        ("quizzes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_teachers_group, remove_teachers_group)]
