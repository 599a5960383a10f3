"""The "discard" action (an officer discarding their own draft).

Only the field's choices change, which Django applies without touching the table on SQLite and
PostgreSQL alike, so the append-only triggers of 0002 stay in place (uof/review/tests/test_discard.py
migrates a database with the triggers on and checks they still refuse UPDATE and DELETE)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_publish_action'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('view', 'Viewed private fields'), ('create', 'Started a report'), ('change', 'Changed answers'), ('status', 'Changed status'), ('delete', 'Deleted (soft)'), ('export', 'Exported records'), ('reminder', 'Sent a reminder'), ('publish', 'Published figures'), ('discard', 'Discarded a draft')], max_length=20),
        ),
    ]
