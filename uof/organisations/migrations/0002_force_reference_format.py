from django.db import migrations, models


class Migration(migrations.Migration):
    """Each force's incident log number format (example and optional pattern) for the references page.

    On SQLite these AddFields rebuild organisations_force; no trigger is installed on that table
    (the append-only triggers are on audit_auditevent and publish_publication), and
    uof/reports/tests/test_reference_migration.py checks those survive this migration."""

    dependencies = (("organisations", "0001_initial"),)

    operations = (
        migrations.AddField(
            model_name="force",
            name="cad_reference_example",
            field=models.CharField(blank=True, default="", help_text="An incident log number in the force's format, shown as the example, e.g. 'CC1-260412-000187'.", max_length=40),
        ),
        migrations.AddField(
            model_name="force",
            name="cad_reference_pattern",
            field=models.CharField(blank=True, default="", help_text="Optional regular expression the whole number matches once normalised (upper case, '-' for dashes), e.g. 'CC\\d+-\\d{6}-\\d{6}'. A number that does not match is queried, never refused.", max_length=200),
        ),
    )
