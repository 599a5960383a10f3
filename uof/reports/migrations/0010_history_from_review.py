# The models of review_statuschange and review_fieldchange now belong to reports (see
# review 0003): the tables, their rows and their append-only triggers stay as they are.
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0009_columns_named_not_worded"),
        ("review", "0003_history_moved_to_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StatusChange",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("from_status", models.CharField(max_length=20)),
                        ("to_status", models.CharField(max_length=20)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("comment", models.TextField(blank=True, default="", help_text="The reviewer's comment when returning.")),
                        ("by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="status_changes", to="reports.report")),
                    ],
                    options={"ordering": ["at", "pk"], "db_table": "review_statuschange"},
                ),
                migrations.CreateModel(
                    name="FieldChange",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("field", models.CharField(max_length=60)),
                        ("old_value", models.JSONField(null=True)),
                        ("new_value", models.JSONField(null=True)),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("reason", models.TextField()),
                        ("version", models.PositiveIntegerField(help_text="The report version this change produced.")),
                        ("by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="field_changes", to="reports.report")),
                    ],
                    options={"ordering": ["at", "pk"], "db_table": "review_fieldchange"},
                ),
            ],
            database_operations=[],
        ),
    ]
