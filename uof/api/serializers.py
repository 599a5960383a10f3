"""What the API returns, field by field: these serializers document the responses (OpenAPI) and
shape them. They only pass published values through (from a publication's `content` or its
metadata); nothing here counts or works anything out."""
from __future__ import annotations

from django.core.validators import RegexValidator
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from uof.publish.snapshot import PUBLIC_TABLES

from .selectors import KINDS, PERIOD_PATTERN, SLUG_PATTERN

CELL_SCHEMA = {"type": ["string", "number", "null"],
               "description": "A label, a count, a percentage, or null (withheld, or nothing applies)."}
URI = {"type": "string", "format": "uri"}
URI_OR_NULL = {"type": ["string", "null"], "format": "uri"}


@extend_schema_field(CELL_SCHEMA)
class CellField(serializers.Field):
    """A table cell exactly as published: no conversion at all."""

    def to_representation(self, value):
        return value


@extend_schema_field(URI_OR_NULL)
class OptionalUrlField(serializers.Field):
    def to_representation(self, value):
        return value


@extend_schema_field({
    "type": "object", "additionalProperties": True,
    "required": ["threshold", "rounding", "small_force_counts"],
    "properties": {
        "threshold": {"type": "integer", "description": "Counts from 1 to threshold - 1 are withheld."},
        "rounding": {"type": "integer", "description": "Shown counts are rounded to a multiple of this (1: exact)."},
        "small_force_counts": {"type": "boolean",
                               "description": "Whether small force-wide counts of one characteristic are shown."},
        "tables": {"type": "array", "items": {"type": "string"}, "description": "The tables published."},
    },
    "description": "The disclosure rule the publication applied (rule_text says it in words).",
})
class RuleField(serializers.Field):
    def to_representation(self, value):
        return value


def _period_fields(cls):
    # "from" and "to" are the names the JSON download uses; "from" is a Python keyword.
    cls._declared_fields["from"] = serializers.DateField(help_text="First day of the period (inclusive).")
    cls._declared_fields["to"] = serializers.DateField(help_text="Last day of the period (inclusive).")
    return cls


@_period_fields
class PeriodSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="e.g. 2026/27-Q1 (a quarter) or 2026/27 (a financial year).")
    slug = serializers.CharField(help_text="The period as in URLs, e.g. 2026-27-q1.")
    words = serializers.CharField(help_text="The dates in words, as the public pages say them, "
                                            "e.g. 'July to September 2026'.")
    code = serializers.CharField(allow_blank=True, help_text="The period's code shown beside its dates, e.g. "
                                                             "'2026/27 Q2'; empty for a period of chosen dates.")


@_period_fields
class PeriodDetailSerializer(PeriodSerializer):
    text = serializers.CharField(help_text="The period in words.")


class PublicationLinksSerializer(serializers.Serializer):
    api = serializers.URLField(help_text="This publication in the API.")
    page = OptionalUrlField(help_text="The public page (HTML).")
    csv = OptionalUrlField(help_text="Every table as one CSV file (long form).")
    json = OptionalUrlField(help_text="Every table as one JSON file.")


class PublicationListItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS, help_text="force or collaboration.")
    scope = serializers.CharField(help_text="The force's or collaboration's slug.")
    scope_name = serializers.CharField(help_text="The force's or collaboration's name.")
    period = PeriodSerializer()
    revision = serializers.IntegerField(min_value=1, help_text="Revision number (1 = first published).")
    published_at = serializers.DateTimeField(help_text="When it was published.")
    links = PublicationLinksSerializer()


class ScopeRefSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS, help_text="force or collaboration.")
    slug = serializers.CharField(help_text="As in URLs.")
    name = serializers.CharField()
    forces = serializers.ListField(child=serializers.CharField(), help_text="Slugs of the forces covered.")


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class RevisionSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1)
    published_at = serializers.DateTimeField(help_text="When it was published.")
    url = serializers.URLField(help_text="That revision in the API.")


class ChangeSerializer(serializers.Serializer):
    table = serializers.CharField(help_text="Table title.")
    row = serializers.CharField(help_text="Row label ('(whole table)' when a table was added or removed).")
    column = serializers.CharField()
    before = CellField(help_text="The figure in the previous revision ([c] if withheld).")
    after = CellField(help_text="The figure in this revision ([c] if withheld).")


class TableRefSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=PUBLIC_TABLES)
    title = serializers.CharField()
    unit = serializers.CharField(help_text="The counting unit.")
    url = serializers.URLField(help_text="The table in the API.")


class DetailLinksSerializer(PublicationLinksSerializer):
    tables = serializers.URLField(help_text="Every table with its rows, paginated.")
    records = OptionalUrlField(help_text="The record-level open dataset, paginated (null if not published).")


class PublicationDetailSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS, help_text="force or collaboration.")
    scope = ScopeRefSerializer()
    period = PeriodDetailSerializer()
    revision = serializers.IntegerField(min_value=1, help_text="This revision's number (1 = first published).")
    latest_revision = serializers.IntegerField(min_value=1, help_text="The newest revision of this scope and period.")
    published_at = serializers.DateTimeField(help_text="When it was published.")
    rule = RuleField()
    rule_text = serializers.ListField(child=serializers.CharField(), help_text="The disclosure rule in words.")
    licence = LicenceSerializer(help_text="The licence the data are published under.")
    source = serializers.CharField(help_text="Where the figures come from.")
    summary = serializers.ListField(child=serializers.CharField(), help_text="The written summary, by paragraph.")
    withheld_cells = serializers.IntegerField(min_value=0, help_text="How many counts are withheld in all tables.")
    revisions = RevisionSerializer(many=True, help_text="Every revision, newest first.")
    changes = ChangeSerializer(many=True, help_text="Shown figures changed since the previous revision.")
    tables = TableRefSerializer(many=True)
    links = DetailLinksSerializer()


class TableLinksSerializer(serializers.Serializer):
    api = serializers.URLField()
    csv = OptionalUrlField(help_text="The table as CSV (withheld counts as [c]).")
    json = OptionalUrlField(help_text="The table as JSON.")


class TableSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=PUBLIC_TABLES)
    title = serializers.CharField()
    unit = serializers.CharField(help_text="The counting unit.")
    columns = serializers.ListField(child=serializers.CharField(),
                                    help_text="Column names: labels first, then figures.")
    rows = serializers.ListField(child=serializers.ListField(child=CellField()),
                                 help_text="One list per row, in column order.")
    keys = serializers.ListField(child=serializers.CharField(), help_text=(
        "Each row's stable code, in row order (option codes, district codes, measure names): the same in "
        "every publication however the row is worded. Empty for publications made before rows had codes."))
    withheld = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=2, max_length=2),
        help_text="[row, column] (from 0) of every withheld count; those cells are null in rows.")
    no_data = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=2, max_length=2),
        help_text="[row, column] (from 0) of every comparison figure for a period with nothing published "
                  "(no data, not zero); those cells are null in rows.")
    denominator = serializers.CharField(allow_blank=True, help_text="What the percentages are shares of.")
    notes = serializers.ListField(child=serializers.CharField(), help_text="Notes on reading the table.")
    links = TableLinksSerializer()


RECORD_SCHEMA = {"type": "object", "additionalProperties": {"type": "string"},
                 "description": "One record: column name to value, all as text ([c] = withheld)."}


class RecordSerializer(serializers.Serializer):
    """One row of the record-level open dataset, as its CSV has it."""

    def to_representation(self, instance):
        return dict(instance)


class RecordSchema(OpenApiSerializerExtension):
    target_class = RecordSerializer

    def map_serializer(self, auto_schema, direction):
        return dict(RECORD_SCHEMA)


class ScopePublicationSerializer(serializers.Serializer):
    period = PeriodSerializer()
    revision = serializers.IntegerField(min_value=1)
    published_at = serializers.DateTimeField(help_text="When it was published.")
    url = serializers.URLField(help_text="The publication in the API.")


class ScopeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS, help_text="force or collaboration.")
    slug = serializers.CharField()
    name = serializers.CharField()
    publications = ScopePublicationSerializer(many=True, help_text="Newest period first.")
    links = serializers.DictField(child=serializers.URLField(),
                                  help_text="api: its publications; page: its public page.")


class RootSerializer(serializers.Serializer):
    version = serializers.CharField()
    publications = serializers.URLField()
    scopes = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")
    status = serializers.IntegerField(help_text="The HTTP status code.")


class BadRequestSerializer(ErrorSerializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Each invalid query parameter with what is wrong with it.")


# --- query parameters --------------------------------------------------------------------------

class PublicationFilterSerializer(serializers.Serializer):
    scope_kind = serializers.ChoiceField(choices=KINDS, required=False,
                                         help_text="Only forces or only collaborations.")
    scope = serializers.CharField(required=False, max_length=120,
                                  validators=[RegexValidator(SLUG_PATTERN, "Scopes are slugs, like cambridgeshire.")],
                                  help_text="A force's or collaboration's slug, as listed by /api/v1/scopes/. "
                                            "Unknown: 400.")
    period = serializers.CharField(required=False, max_length=40,
                                   validators=[RegexValidator(PERIOD_PATTERN, "Periods are like 2026-27-q1.")],
                                   help_text="A published period: its slug (2026-27-q1) or label (2026/27-Q1). "
                                             "Unknown: 400.")

    def validate(self, data):
        from . import selectors

        errors = {}
        kind = data.get("scope_kind")
        if "scope" in data and data["scope"] not in selectors.known_scopes(kind):
            errors["scope"] = [f"Nothing is published for '{data['scope']}'"
                               + (f" as a {kind}" if kind else "") + ": GET /api/v1/scopes/ lists what is."]
        if "period" in data:
            data["period"] = selectors.period_slug(data["period"])
            if data["period"] not in selectors.known_periods():
                errors["period"] = [f"Nothing is published for the period '{data['period']}'."]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class RevisionQuerySerializer(serializers.Serializer):
    revision = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000,
                                        help_text="A revision number (default: the latest). Unknown: 404.")
