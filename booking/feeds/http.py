"""Serving a feed: the headers calendar clients and caches rely on.

``text/calendar; charset=utf-8`` whatever the client asks for (Google sends no Accept header),
never compressed (a gzipped feed broke Outlook subscriptions), a strong ETag from the bytes and
Last-Modified from the data, answered with 304 when the client already has them. Flask answers
HEAD with the same headers and no body.
"""

from __future__ import annotations

import hashlib

from flask import Response, request

from booking.feeds.ical import CalendarFeed, write_calendar

PUBLIC_MAX_AGE = 3600
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(feed: CalendarFeed, *, filename: str, private: bool = False) -> Response:
    body = write_calendar(feed)
    response = Response(body, status=200, content_type=CONTENT_TYPE)
    response.set_etag(hashlib.sha256(body).hexdigest()[:40])
    if feed.last_modified is not None:
        response.last_modified = feed.last_modified
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # A personal feed must not be kept by a shared cache, nor its address by a referrer.
        response.headers["Cache-Control"] = "private, max-age=0, must-revalidate"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response.make_conditional(request)
