"""JSON API ``/api/v1`` over the same services as the pages, and personal API tokens.

- ``views`` (blueprint ``api``): rooms, availability, free-room search; ``booking_views``:
  bookings, cancellation, approval; ``tokens_views``: the token section of the profile page.
- ``spec.operation`` declares each endpoint's marshmallow schemas once: they validate the
  request and make the OpenAPI document (``openapi.py``, served at /api/v1/openapi.json).
- ``auth``: a request is authenticated by ``Authorization: Bearer <token>`` (no CSRF check,
  no cookies read) or by the session (writes then need the ``X-CSRFToken`` header).
- ``tokens``: create, list, revoke and check personal tokens; only a SHA-256 hash is stored.
"""
