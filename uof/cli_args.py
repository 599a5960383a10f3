"""Argument parsing shared by the `uof` commands."""
import datetime as dt

from django.core.management.base import CommandError


def iso_date(value: str) -> dt.date:
    """A YYYY-MM-DD option value, or a clear error naming it."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"‘{value}’ is not a date: use YYYY-MM-DD") from None
