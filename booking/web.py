"""Helpers for HTML views: run a service, commit once, or show its error on the form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from werkzeug.routing import IntegerConverter, Map

from booking.errors import DomainError, NotAllowed
from booking.extensions import db
from booking.forms import Form

T = TypeVar("T")


class ConfirmForm(Form):
    """A form with nothing but its CSRF token, for POST buttons (delete, approve, ...)."""


def attach_error(form: FlaskForm | None, error: DomainError) -> None:
    """Show a service's error beside the field it names, or above the form."""
    placed = False
    if form is not None:
        for name in error.fields or {}:
            field = getattr(form, name, None)
            if field is not None and hasattr(field, "errors"):
                field.errors = [*list(field.errors or []), error.message]
                placed = True
                break
    if not placed:
        flash(error.message, "error")


def run(form: FlaskForm | None, action: Callable[[], T]) -> T | None:
    """Run ``action`` (a service call), commit, and return its result; on a domain error roll
    back, show the message and return None (a ``NotAllowed`` is raised on, for the 403 page).
    The request never sees a half-written change."""
    try:
        result = action()
        db.session.commit()
        return result
    except NotAllowed:
        # A denial is nothing the user can correct on the form: it becomes the 403 page
        # (booking.errorpages), with the service's message.
        db.session.rollback()
        raise
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return None
    except IntegrityError:
        db.session.rollback()
        flash(_("That could not be saved because it clashes with existing data. Nothing was changed."), "error")
        return None


def is_safe_next(target: str | None) -> bool:
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def redirect_next(default_endpoint: str, **values):
    target = request.form.get("next") or request.args.get("next")
    if is_safe_next(target):
        return redirect(target)
    return redirect(url_for(default_endpoint, **values))


def public_url(endpoint: str, **values) -> str:
    """An absolute link for mails and feeds, on the configured ``PUBLIC_BASE_URL``. Never
    ``url_for(..., _external=True)`` there: that takes the host from the request's Host
    header, which the client chooses, so a password reset asked for with a forged header
    would mail the victim a link to someone else's site."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def staff_required(view):
    """Anonymous visitors are sent to log in; signed-in non-staff get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        if not current_user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


class DatabaseIntConverter(IntegerConverter):
    """``<int:...>`` limited to what an integer primary key can hold, so a huge id in a URL is a
    404 like any unknown id instead of a database error."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)
