from django.db import migrations

# The group as it stands from here (see quizzes/teachers.py): classes, accommodations, reports, regrades.
MANAGED = {
    "lessons": ["lesson", "section", "event", "term", "note"],
    "quizzes": ["quiz", "question", "choice", "acceptedanswer", "schoolclass", "classmembership", "accommodation"],
}
VIEWED = {"quizzes": ["attempt", "response", "responseoption", "regrade", "regradechange"]}
EXTRA = {"quizzes": ["view_quiz_reports", "regrade_quiz"]}


def update_teachers_group(apps, schema_editor):
    from quizzes.teachers import permission_codes, sync_teachers_group

    sync_teachers_group(apps, permission_codes(MANAGED, VIEWED, EXTRA))


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0003_classes_accommodations_regrades")]

    operations = [migrations.RunPython(update_teachers_group, migrations.RunPython.noop)]
