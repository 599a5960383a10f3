"""The documentation page's content, read from the OpenAPI document itself, so the page cannot
describe an endpoint, parameter or response other than the one the API has."""
from __future__ import annotations

import json
from functools import cache

from drf_spectacular.generators import SchemaGenerator


@cache
def openapi() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def type_of(schema: dict, spec: dict) -> str:
    if len(schema.get("allOf", [])) == 1:
        return type_of(schema["allOf"][0], spec)
    if "$ref" in schema:
        target = _resolve(schema, spec)
        if target.get("type") == "object" or "properties" in target:
            return f"object ({schema['$ref'].rsplit('/', 1)[1]})"
        return type_of(target, spec)
    kind = schema.get("type", "any")
    names = kind if isinstance(kind, list) else [kind]
    if "array" in names:
        inner = type_of(schema.get("items", {}), spec)
        names = [f"array of {inner}" if n == "array" else n for n in names]
    text = " or ".join(n for n in names if n != "null") + (" or null" if "null" in names else "")
    if schema.get("format") in ("date", "date-time", "uri"):
        text += f" ({schema['format']})"
    if "enum" in schema:
        text += ": " + ", ".join(str(v) for v in schema["enum"] if v is not None)
    return text


def fields(schema: dict, spec: dict, prefix: str = "", depth: int = 0) -> list[dict]:
    """The response's fields, with those of nested objects as `period.from`, `tables[].key`."""
    schema = _resolve(schema.get("allOf", [schema])[0] if len(schema.get("allOf", [])) == 1 else schema, spec)
    required = set(schema.get("required", []))
    out = []
    for name, field in schema.get("properties", {}).items():
        inner = field["allOf"][0] if len(field.get("allOf", [])) == 1 else field
        description = field.get("description") or _resolve(inner, spec).get("description", "")
        out.append({"name": prefix + name, "type": type_of(field, spec), "required": name in required,
                    "description": description})
        target = _resolve(inner, spec)
        if depth < 2 and "properties" in target:
            out += fields(inner, spec, f"{prefix}{name}.", depth + 1)
        elif depth < 2 and "array" in _types(target) and "properties" in _resolve(target.get("items", {}), spec):
            out += fields(target["items"], spec, f"{prefix}{name}[].", depth + 1)
    return out


def _types(schema: dict) -> list:
    kind = schema.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def _example(content: dict) -> str | None:
    examples = content.get("examples") or {}
    for example in examples.values():
        return json.dumps(example["value"], indent=2, ensure_ascii=False)
    return None


def endpoints(request) -> list[dict]:
    spec = openapi()
    out = []
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        params = []
        example_path = path
        order = {name: i for i, name in enumerate(path.replace("}", "{").split("{")[1::2])}
        for p in sorted(operation.get("parameters", []),
                        key=lambda p: (p["in"] != "path", order.get(p["name"], 0), p["name"])):
            schema = p.get("schema", {})
            example = next(iter((p.get("examples") or {}).values()), {}).get("value")
            params.append({"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "type": type_of(schema, spec) + (f" matching {schema['pattern']}" if "pattern" in schema
                                                            else ""),
                           "description": p.get("description", "").split("\n\n")[0]})
            if p["in"] == "path":
                example_path = example_path.replace("{" + p["name"] + "}", str(example))
        responses = []
        for code, response in operation["responses"].items():
            content = response.get("content", {}).get("application/json", {})
            schema = content.get("schema", {})
            responses.append({"code": code, "description": response.get("description", ""),
                              "schema": type_of(schema, spec), "example": _example(content)})
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        body = _resolve(ok, spec)
        paginated = "results" in body.get("properties", {})
        item = body["properties"]["results"]["items"] if paginated else ok
        out.append({"id": operation["operationId"], "path": path, "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""), "params": params,
                    "example": request.build_absolute_uri(example_path),
                    "paginated": paginated, "fields": fields(item, spec), "responses": responses})
    return out
