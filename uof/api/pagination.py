"""Page-number pagination: `?page=N` (from 1) and `?page_size=N` (up to a maximum)."""
from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

EXAMPLE_BASE = "https://uof.example/api/v1"


class Pages(PageNumberPagination):
    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    page_query_description = "Page number, from 1. A page past the last one is a 404."
    page_size_query_description = "Items per page (default 20, at most 100; a larger value gives 100)."
    example_path = "/publications/"

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "description": "Items on all pages.",
                          "example": 42},
                "next": {"type": ["string", "null"], "format": "uri", "description": "The next page, if any.",
                         "example": f"{EXAMPLE_BASE}{self.example_path}?page=3"},
                "previous": {"type": ["string", "null"], "format": "uri",
                             "description": "The previous page, if any.",
                             "example": f"{EXAMPLE_BASE}{self.example_path}?page=1"},
                "results": schema,
            },
        }


class TablePages(Pages):
    page_size = 20
    max_page_size = 50
    page_size_query_description = "Tables per page (default 20, at most 50; a larger value gives 50)."
    example_path = "/publications/force/cambridgeshire/2026-27-q1/tables/"


class ScopePages(Pages):
    example_path = "/scopes/"


class RecordPages(Pages):
    """Records, with the dataset's column names (its header row) on every page."""
    page_size = 100
    max_page_size = 1000
    page_size_query_description = "Records per page (default 100, at most 1000; a larger value gives 1000)."
    example_path = "/publications/force/cambridgeshire/2026-27-q1/records/"

    def paginate_records(self, columns: list[str], rows: list[dict], request, view=None):
        self.columns = columns
        return self.paginate_queryset(rows, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {"columns": self.columns, **response.data}
        return Response(response.data)

    def get_paginated_response_schema(self, schema):
        out = super().get_paginated_response_schema(schema)
        out["required"] = ["columns", *out["required"]]
        out["properties"] = {
            "columns": {"type": "array", "items": {"type": "string"},
                        "example": ["district", "month", "age_band", "gender", "ethnicity", "qi_withheld",
                                    "tactic: Compliant handcuffing"],
                        "description": "The dataset's columns, as in its CSV header row."},
            **out["properties"]}
        return out
