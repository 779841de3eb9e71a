"""Serving a feed: the headers calendar clients and caches rely on.

``text/calendar; charset=utf-8`` whatever the client asks for (Google sends no Accept header),
never compressed (a gzipped feed broke Outlook subscriptions), a strong ETag from the bytes and
Last-Modified from the data, answered with 304 when the client already has them. Flask answers
HEAD with the same headers and no body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from flask import Response, request
from werkzeug.http import is_resource_modified

from booking.feeds.ical import CalendarFeed, write_calendar

PUBLIC_MAX_AGE = 3600
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(feed: CalendarFeed, *, filename: str, private: bool = False) -> Response:
    """Serve a built feed; the ETag is a hash of its bytes."""
    body = write_calendar(feed)
    response = _headers(Response(body, status=200, content_type=CONTENT_TYPE), filename, private)
    response.set_etag(hashlib.sha256(body).hexdigest()[:40])
    if feed.last_modified is not None:
        response.last_modified = feed.last_modified
    return response.make_conditional(request)


def conditional_calendar_response(
    validator: str,
    last_modified: datetime | None,
    build: Callable[[], CalendarFeed],
    *,
    filename: str,
    private: bool = False,
) -> Response:
    """Serve a feed whose ETag (``validator``) and Last-Modified are known from the data: a
    client that has them gets 304 and the feed is not built at all. The validator must
    change whenever the bytes would."""
    if not is_resource_modified(request.environ, etag=validator, last_modified=last_modified):
        response = _headers(Response(status=304, content_type=CONTENT_TYPE), filename, private)
    else:
        response = _headers(Response(write_calendar(build()), status=200, content_type=CONTENT_TYPE), filename, private)
    response.set_etag(validator)
    if last_modified is not None:
        response.last_modified = last_modified
    return response


class FeedSource(Protocol):
    """Anything that can say cheaply whether its feed changed, and build it when it did."""

    def validator(self, now: datetime) -> tuple[str, datetime | None]:
        """(ETag, Last-Modified) from the data; the ETag must change whenever the bytes would."""
        ...

    def feed(self, now: datetime) -> CalendarFeed: ...


def serve_feed(source: FeedSource, now: datetime, *, filename: str, private: bool = False) -> Response:
    """The usual way to serve a feed: 304 from the validator, or the built feed."""
    validator, last_modified = source.validator(now)
    return conditional_calendar_response(
        validator, last_modified, lambda: source.feed(now), filename=filename, private=private
    )


def _headers(response: Response, filename: str, private: bool) -> Response:
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # A personal feed must not be kept by a shared cache, nor its address by a referrer.
        response.headers["Cache-Control"] = "private, max-age=0, must-revalidate"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response
