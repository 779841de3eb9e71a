"""The OpenAPI 3 document, generated with apispec from the routes of the ``api`` blueprint
and the marshmallow schemas each declares with :func:`booking.api.spec.operation`. Every
route under /api/v1 appears; a route without a declaration would be a bug (a test checks)."""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from booking.api.schemas import ErrorSchema
from booking.api.spec import AUTH_NONE, AUTH_STAFF, Operation
from booking.api.views import PREFIX

DESCRIPTION = """Rooms, availability and bookings of the library's rooms.

Authenticate with a personal token (`Authorization: Bearer <token>`, made on your profile
page) or with the session of the web app (writes then need the `X-CSRFToken` header).
Instants are ISO 8601; without an offset they are read on the wall clock of `timezone`
(default Europe/Copenhagen). Errors are `{"error": {"code", "message", "fields"}}`."""

ERROR_TEXT = {
    400: "Invalid input (see error.fields)",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict: the slot is taken (error.details.clashes)",
}
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def openapi_path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []
    for converter, name in PARAM.findall(rule):
        kind = "integer" if converter == "int" else "string"
        params.append({"in": "path", "name": name, "required": True, "schema": {"type": kind}})
    return PARAM.sub(r"{\2}", rule), params


def _operation(op: Operation, path_params: list[dict[str, Any]], endpoint: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": endpoint.removeprefix("api."),
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": list(path_params),
        "responses": {},
    }
    if op.description:
        doc["description"] = op.description
    if op.query is not None:
        doc["parameters"].append({"in": "query", "schema": type(op.query)})
    if op.body is not None:
        doc["requestBody"] = {"required": True, "content": {"application/json": {"schema": type(op.body)}}}
    ok: dict[str, Any] = {"description": "OK" if op.status == 200 else "Created"}
    if op.response is not None:
        schema: Any = type(op.response)
        if op.response.many:
            schema = {"type": "array", "items": schema}
        ok["content"] = {"application/json": {"schema": schema}}
    doc["responses"][str(op.status)] = ok
    for status in op.errors:
        doc["responses"][str(status)] = {"$ref": f"#/components/responses/Error{status}"}
    if op.auth == AUTH_NONE:
        doc["security"] = [{}, {"token": []}, {"session": []}]
    else:
        doc["security"] = [{"token": []}, {"session": []}]
        if op.auth == AUTH_STAFF:
            doc["description"] = (doc.get("description", "") + "\n\nStaff only.").strip()
    return doc


def build(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Lokaler & Fællesskaber API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION},
        servers=[{"url": "/"}],
    )
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": "session"})
    spec.components.schema("Error", schema=ErrorSchema)
    for status, text in ERROR_TEXT.items():
        spec.components.response(
            f"Error{status}", {"description": text, "content": {"application/json": {"schema": "Error"}}}
        )
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(PREFIX) or rule.endpoint == "api.openapi":
            continue
        op = getattr(app.view_functions[rule.endpoint], "api_operation", None)
        if op is None:
            continue
        path, params = openapi_path(rule.rule)
        entry = paths.setdefault(path, {})
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            entry[method.lower()] = _operation(op, params, rule.endpoint)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    spec.path(
        path=PREFIX + "/openapi.json",
        operations={"get": {"operationId": "openapi", "summary": "This document", "tags": ["meta"],
                            "responses": {"200": {"description": "The OpenAPI document"}}}},
    )
    return spec.to_dict()


def document(app: Flask) -> dict[str, Any]:
    """Built once per app (the routes do not change while it runs)."""
    cache = app.extensions.setdefault("api_openapi", {})
    if "document" not in cache:
        cache["document"] = build(app)
    return cache["document"]
