"""The public API's views: thin. Reads go through uof/publish/selectors.py and .selectors; every
response is shaped by a serializer in .serializers from the data .present builds."""
from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from uof.publish import selectors as published
from uof.publish.snapshot import PUBLIC_TABLES, table_by_key

from . import examples, present, selectors
from .pagination import Pages, RecordPages, ScopePages, TablePages
from .serializers import (
    BadRequestSerializer,
    ErrorSerializer,
    PublicationDetailSerializer,
    PublicationFilterSerializer,
    PublicationListItemSerializer,
    RecordSerializer,
    RevisionQuerySerializer,
    RootSerializer,
    ScopeSerializer,
    TableSerializer,
)

NOT_PUBLISHED = "Nothing is published for this scope and period"


def exception_handler(exc, context):
    """Every error as JSON: {"detail": ..., "status": ...}, and for a 400 the invalid parameters."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        errors = {name: [str(m) for m in (v if isinstance(v, list) else [v])] for name, v in data.items()}
        response.data = {"detail": f"Invalid query parameter(s): {', '.join(errors)}.", "status": 400,
                         "errors": errors}
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        response.data = {"detail": str(detail or response.status_text), "status": response.status_code}
    return response


class PublicView(GenericAPIView):
    """Read-only, no sign-in, JSON only."""
    authentication_classes = ()
    permission_classes = (AllowAny,)
    renderer_classes = (JSONRenderer,)
    http_method_names = ["get", "head", "options"]
    pagination_class = None

    def get_exception_handler(self):
        return exception_handler

    def publication(self, kind: str, scope: str, period: str):
        """The publication the URL names (?revision=N, or the latest); 404 if nothing is published."""
        query = RevisionQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        if kind not in selectors.KINDS:
            raise exceptions.NotFound("No such kind of publication: use force or collaboration")
        if not (selectors.is_slug(scope) and selectors.is_period_slug(period)):
            raise exceptions.NotFound(NOT_PUBLISHED)
        revision = query.validated_data.get("revision")
        item = published.publication(kind, scope, period, revision)  # Http404 becomes a JSON 404
        return item, selectors.revisions(item)


BAD_REQUEST = {400: OpenApiResponse(BadRequestSerializer,
                                    "A query parameter is invalid: `errors` says which, and why.")}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, "Not found: nothing is published for this scope and period "
                                                   "(or revision), or there is no such table or page.")}
PAGE_NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, "A page past the last one, or a page that is not a number.")}


def ok(serializer, description: str) -> dict:
    return {200: OpenApiResponse(serializer, description)}


TAGS = ["publications"]
PUBLICATION_PATH = [
    OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=selectors.KINDS,
                     description="force or collaboration.", examples=[OpenApiExample("force", value="force")]),
    OpenApiParameter("scope", str, OpenApiParameter.PATH, pattern=selectors.SLUG_PATTERN,
                     description="The force's or collaboration's slug (see /api/v1/scopes/).",
                     examples=[OpenApiExample("cambridgeshire", value="cambridgeshire")]),
    OpenApiParameter("period", str, OpenApiParameter.PATH, pattern=selectors.PERIOD_SLUG_PATTERN,
                     description="The period's slug: 2026-27-q1 (a quarter) or 2026-27 (a financial year).",
                     examples=[OpenApiExample("2026-27-q1", value="2026-27-q1")]),
]
REVISION_QUERY = [RevisionQuerySerializer]
KEY_PATH = OpenApiParameter("key", str, OpenApiParameter.PATH, enum=PUBLIC_TABLES,
                            description="The table's key, as listed in the publication's tables.",
                            examples=[OpenApiExample("tactics", value="tactics")])


class ApiRoot(PublicView):
    @extend_schema(operation_id="api_root", summary="What this API has", tags=["about"],
                   description="Links to the API's lists, its OpenAPI document and its documentation.",
                   responses=ok(RootSerializer, "The API's addresses."), examples=[examples.ROOT])
    def get(self, request):
        data = {"version": "1", "publications": present.api_url(request, "publications"),
                "scopes": present.api_url(request, "scopes"), "schema": present.api_url(request, "schema"),
                "docs": present.api_url(request, "docs")}
        return Response(RootSerializer(data).data)


class PublicationList(ListModelMixin, PublicView):  # ListModelMixin: documented as a list
    pagination_class = Pages

    @extend_schema(
        operation_id="publications_list", summary="List publications", tags=TAGS,
        description="The latest revision of every published scope and period, most recently published first. "
                    "Filter by scope_kind, scope and period; an unknown value is a 400 that says which.",
        parameters=[PublicationFilterSerializer],
        responses={**ok(PublicationListItemSerializer(many=True), "A page of publications."), **BAD_REQUEST,
                   **PAGE_NOT_FOUND},
        examples=[examples.PUBLICATION_ITEM, examples.BAD_REQUEST, examples.INVALID_PAGE])
    def get(self, request):
        filters = PublicationFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        found = selectors.latest(wanted.get("scope_kind"), wanted.get("scope"), wanted.get("period"))
        page = self.paginate_queryset(found)
        data = [present.list_item(request, p) for p in page]
        return self.get_paginated_response(PublicationListItemSerializer(data, many=True).data)


class PublicationDetail(PublicView):
    @extend_schema(
        operation_id="publication_detail", summary="One publication", tags=TAGS,
        description="The latest revision (or ?revision=N): its metadata, disclosure rule, licence, source, "
                    "written summary, revisions, changes since the previous revision, and its tables.",
        parameters=[*PUBLICATION_PATH, *REVISION_QUERY],
        responses={**ok(PublicationDetailSerializer, "The publication."), **BAD_REQUEST, **NOT_FOUND},
        examples=[examples.PUBLICATION_DETAIL, examples.BAD_REVISION, examples.NOT_FOUND])
    def get(self, request, kind: str, scope: str, period: str):
        item, revisions = self.publication(kind, scope, period)
        return Response(PublicationDetailSerializer(present.detail(request, item, revisions)).data)


class TableList(ListModelMixin, PublicView):
    pagination_class = TablePages

    @extend_schema(
        operation_id="publication_tables", summary="A publication's tables, with their rows", tags=TAGS,
        description="Every table of the publication (or of ?revision=N) in full, in the order the public "
                    "page shows them.",
        parameters=[*PUBLICATION_PATH, *REVISION_QUERY],
        responses={**ok(TableSerializer(many=True), "A page of tables."), **BAD_REQUEST, **NOT_FOUND},
        examples=[examples.TABLE, examples.BAD_REVISION, examples.NOT_FOUND])
    def get(self, request, kind: str, scope: str, period: str):
        item, revisions = self.publication(kind, scope, period)
        page = self.paginate_queryset(item.content["tables"])
        data = [present.table(request, item, t, revisions[0].revision) for t in page]
        return self.get_paginated_response(TableSerializer(data, many=True).data)


class TableDetail(PublicView):
    @extend_schema(
        operation_id="publication_table", summary="One table", tags=TAGS,
        description="One table: its columns, rows, withheld cells, counting unit, denominator and notes.",
        parameters=[*PUBLICATION_PATH, KEY_PATH, *REVISION_QUERY],
        responses={**ok(TableSerializer, "The table."), **BAD_REQUEST, **NOT_FOUND},
        examples=[examples.TABLE, examples.BAD_REVISION, examples.NO_TABLE])
    def get(self, request, kind: str, scope: str, period: str, key: str):
        item, revisions = self.publication(kind, scope, period)
        found = table_by_key(item.content, key)
        if found is None:
            raise exceptions.NotFound(f"This publication has no table '{key}'")
        return Response(TableSerializer(present.table(request, item, found, revisions[0].revision)).data)


class RecordList(ListModelMixin, PublicView):
    pagination_class = RecordPages

    @extend_schema(
        operation_id="publication_records", summary="The record-level open dataset", tags=TAGS,
        description="One row per report, generalised and with withheld values as [c], paginated; `columns` "
                    "are the dataset's own (its CSV header). A 404 if the publication has no such dataset.",
        parameters=[*PUBLICATION_PATH, *REVISION_QUERY],
        responses={**ok(RecordSerializer(many=True), "A page of records."), **BAD_REQUEST, **NOT_FOUND},
        examples=[examples.RECORD, examples.BAD_REVISION, examples.NO_RECORDS])
    def get(self, request, kind: str, scope: str, period: str):
        item, _ = self.publication(kind, scope, period)
        if not item.records_csv:
            raise exceptions.NotFound("This publication has no record-level open dataset")
        columns, rows = selectors.records(item)
        page = self.paginator.paginate_records(columns, rows, request, self)
        return self.get_paginated_response(RecordSerializer(page, many=True).data)


class ScopeList(ListModelMixin, PublicView):
    pagination_class = ScopePages

    @extend_schema(operation_id="scopes_list", summary="Forces and collaborations with publications",
                   tags=["scopes"], description="Each with its published periods, newest first.",
                   responses={**ok(ScopeSerializer(many=True), "A page of scopes."), **PAGE_NOT_FOUND},
                   examples=[examples.SCOPE, examples.INVALID_PAGE])
    def get(self, request):
        page = self.paginate_queryset(selectors.scopes())
        return self.get_paginated_response(ScopeSerializer([present.scope(request, s) for s in page],
                                                           many=True).data)


class Schema(SpectacularJSONAPIView):
    """The OpenAPI 3.1 document (JSON)."""
    authentication_classes = ()
    permission_classes = (AllowAny,)
    http_method_names = ["get", "head", "options"]


def docs(request):
    from .docs import endpoints

    return render(request, "api/docs.html", {
        "title": "Public data API", "nav_active": "public", "endpoints": endpoints(request),
        "base": present.absolute(request, "/api/v1/")})


def not_found(request, unmatched: str = ""):
    return JsonResponse({"detail": "No such API address: see /api/v1/docs/", "status": 404}, status=404)
