"""Jinja filters and globals shared by every page."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_skeleton
from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_time, get_locale

from booking.labels import label
from booking.timeutil import to_local


def _dt(value: datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return format_datetime(value, fmt)


def _date(value: date | datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return format_date(value, fmt)


def _time(value: datetime | None, fmt: str = "short") -> str:
    if value is None:
        return ""
    return format_time(value, fmt)


def _day(value: date) -> str:
    """'tirs. 3. mar. 2026' in Danish, 'Tue, Mar 3, 2026' in English."""
    return format_skeleton("yMMMEd", value, locale=get_locale())


def _timerange(start: datetime, end: datetime) -> str:
    """'tirs. 3. mar. 2026 17.00–19.00' in the library's time zone."""
    local_start, local_end = to_local(start), to_local(end)
    if local_start.date() == local_end.date():
        return f"{_day(local_start.date())} {format_time(start, 'short')}–{format_time(end, 'short')}"
    return (
        f"{_day(local_start.date())} {format_time(start, 'short')} – "
        f"{_day(local_end.date())} {format_time(end, 'short')}"
    )


def _local_iso(value: datetime | None) -> str:
    """Value for ``<input type=datetime-local>``."""
    if value is None:
        return ""
    return to_local(value).strftime("%Y-%m-%dT%H:%M")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        datetime=_dt,
        date=_date,
        time=_time,
        timerange=_timerange,
        local_iso=_local_iso,
        label=label,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    def has_endpoint(name: str) -> bool:
        """Menu entries of features that are switched off (or not built yet) are left out."""
        return name in app.view_functions

    app.jinja_env.globals["has_endpoint"] = has_endpoint

    @app.context_processor
    def _globals() -> dict[str, object]:
        return {
            "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "languages": current_app.config["LANGUAGES"],
            # Mails are rendered from jobs and the CLI too, where there is no request.
            "endpoint": (request.endpoint or "") if has_request_context() else "",
        }
