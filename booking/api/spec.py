"""Each endpoint declares its schemas once with :func:`operation`: the query and body schemas
validate the request, the response schema shapes the answer, and :mod:`booking.api.openapi`
reads the same declaration to write the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import current_app, request
from flask_babel import gettext as _
from marshmallow import Schema

from booking.errors import Invalid
from booking.extensions import db

AUTH_NONE, AUTH_USER, AUTH_STAFF = "none", "user", "staff"


@dataclass
class Operation:
    summary: str
    tag: str
    description: str = ""
    query: Schema | None = None
    body: Schema | None = None
    response: Schema | None = None
    status: int = 200
    errors: tuple[int, ...] = ()
    auth: str = AUTH_NONE
    extra: dict[str, Any] = field(default_factory=dict)


def read_json() -> Any:
    """The request's JSON object (an empty body counts as ``{}``), or ``Invalid`` (400) when
    it is malformed or not an object."""
    if not request.get_data(cache=True):
        return {}
    data = request.get_json(force=True, silent=True)
    if data is None:
        raise Invalid(_("Send a JSON object in the request body."), code="malformed_json")
    if not isinstance(data, dict):
        raise Invalid(_("The request body must be a JSON object."), code="malformed_json")
    return data


def operation(
    *,
    summary: str,
    tag: str,
    query: type[Schema] | None = None,
    body: type[Schema] | None = None,
    response: type[Schema] | None = None,
    many: bool = False,
    status: int = 200,
    errors: tuple[int, ...] = (),
    auth: str = AUTH_NONE,
    commit: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view receives ``params`` (validated query) and/or ``body`` (validated JSON) and
    returns the object the response schema dumps (or a ready response). With ``commit`` the
    answer is written out first and the transaction committed once, after the service has
    flushed everything (so the dump needs no reload of what the commit expired)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        op = Operation(
            summary=summary,
            tag=tag,
            description=(view.__doc__ or "").strip(),
            query=query() if query else None,
            body=body() if body else None,
            response=response(many=many) if response else None,
            status=status,
            errors=errors,
            auth=auth,
        )

        @wraps(view)
        def wrapper(**kwargs: Any) -> Any:
            if op.query is not None:
                kwargs["params"] = op.query.load(request.args.to_dict(flat=True))
            if op.body is not None:
                kwargs["body"] = op.body.load(read_json())
            result = view(**kwargs)
            payload = op.response.dump(result) if op.response is not None else result
            if commit:
                db.session.commit()
            if op.response is None:
                return payload
            return current_app.json.response(payload), op.status

        wrapper.api_operation = op  # type: ignore[attr-defined]
        return wrapper

    return decorate
