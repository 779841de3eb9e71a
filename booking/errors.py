"""Domain errors raised by services and how the boundaries show them.

Services raise a :class:`DomainError` subclass with a user-readable, already translated
message. HTML views catch it to show a form error (or let the handler below render an error
page); the JSON API renders ``{"error": {"code", "message", "fields"}}`` with the status.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, Any] | None = None,
        details: Any = None,
        code: str | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.fields = fields or {}
        self.details = details
        if code:
            self.code = code

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        if self.details is not None:
            body["details"] = self.details
        return {"error": body}


class Invalid(DomainError):
    status_code = 400
    code = "invalid"


class NotAllowed(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
