# A report's history (status changes, corrected answers) moved to the reports app, which writes it.
# Only Django's record of the models moves: the tables keep their names and rows (db_table).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0002_status_change_time"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("StatusChange"), migrations.DeleteModel("FieldChange")],
            database_operations=[],
        ),
    ]
