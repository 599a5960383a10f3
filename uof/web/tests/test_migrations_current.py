"""The committed migrations describe the models as declared: nothing is left for makemigrations,
and a question's wording (fieldset.py) is not part of any column, so rewording needs none."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from uof.reports.fieldset import report_fields
from uof.reports.models import Report


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration (run `uof makemigrations`):\n{out.getvalue()}"
                    f" (exit {exit_.code})")


def test_columns_do_not_carry_the_question_text():
    for spec in report_fields():
        column = Report._meta.get_field(spec.name)
        assert column.verbose_name == spec.name.replace("_", " "), spec.name
        assert column.verbose_name != spec.label
