"""Error handlers: one look for every failure, HTML for pages and JSON for the API."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from booking.errors import DomainError
from booking.extensions import db

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "too_many_requests",
    500: "server_error",
}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood. Please check what you entered.")),
        401: (_("Please log in"), _("You need to log in to do that.")),
        403: (_("Not allowed"), _("You do not have permission to do that.")),
        404: (_("Page not found"), _("We could not find the page you asked for.")),
        405: (_("Not allowed"), _("That action is not possible here.")),
        409: (_("Conflict"), _("That clashes with something else.")),
        413: (_("Too large"), _("What you sent is too large. Please send something smaller.")),
        429: (_("Too many attempts"), _("Too many attempts. Please wait a little and try again.")),
        500: (_("Something went wrong"), _("An error occurred on our side. Nothing was saved. Please try again.")),
    }


def render_error(status: int, message: str | None = None, *, code: str | None = None, fields=None):
    title, default_message = _messages().get(status, (_("Error"), _("An error occurred.")))
    message = message or default_message
    if wants_json():
        body = {"code": code or HTTP_CODES.get(status, "error"), "message": message}
        if fields:
            body["fields"] = fields
        return jsonify(error=body), status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error.to_dict()), error.status_code
        return render_error(error.status_code, error.message)

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError):
        db.session.rollback()
        return render_error(
            400,
            _("The form had expired or was sent from elsewhere. Please go back, reload the page and try again."),
            code="csrf",
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        db.session.rollback()
        status = error.code or 500
        body, code = render_error(status)
        headers = {}
        if status == 405 and getattr(error, "valid_methods", None):
            headers["Allow"] = ", ".join(error.valid_methods)
        return body, code, headers

    @app.errorhandler(InternalServerError)
    def _server_error(error: InternalServerError):
        db.session.rollback()
        original = getattr(error, "original_exception", None)
        if original is not None:
            app.logger.exception("Unhandled error on %s %s", request.method, request.path, exc_info=original)
        return render_error(500)
