"""The JSON API, /api/v1: the index, the OpenAPI document, rooms, availability and the
free-room search. Bookings are in :mod:`booking.api.booking_views`, the token section of the
profile page in :mod:`booking.api.tokens_views`; both register on this blueprint."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from booking.api import schemas as s
from booking.api.auth import actor, authenticate
from booking.api.spec import operation
from booking.bookings import availability, searches, services
from booking.db import utcnow
from booking.errorpages import HTTP_CODES, render_error
from booking.errors import DomainError, Invalid, NotFound
from booking.extensions import csrf, db
from booking.rooms import locations
from booking.rooms import services as room_services
from booking.rooms.models import Equipment, Location, Room, RoomKind

PREFIX = "/api/v1"
bp = Blueprint("api", __name__)
csrf.exempt(bp)  # token requests need none; session writes are checked in auth.authenticate


def error_response(status: int, code: str, message: str, fields=None, details=None):
    body: dict = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    if details is not None:
        body["details"] = details
    return jsonify(error=body), status


def is_api_request() -> bool:
    from flask import request

    return request.path.startswith(PREFIX + "/") or request.path == PREFIX


@bp.before_request
def _authenticate():
    if is_api_request():
        authenticate()


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    db.session.rollback()
    if not is_api_request():
        return render_error(error.status_code, error.message)
    status, code = error.status_code, error.code
    if code == "login_required":
        status, code = 401, "unauthorized"
    return error_response(status, code, error.message, error.fields, error.details)


@bp.errorhandler(ValidationError)
def _validation_error(error: ValidationError):
    db.session.rollback()
    fields = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    names = ", ".join(sorted(fields))
    return error_response(400, "invalid", _("Please check these fields: %(names)s.", names=names), fields)


@bp.errorhandler(CSRFError)
def _csrf_error(error: CSRFError):
    db.session.rollback()
    if not is_api_request():
        return render_error(400, code="csrf")
    message = _("Send the page's CSRF token in the X-CSRFToken header, or use a personal API token.")
    return error_response(403, "csrf", message)


@bp.errorhandler(IntegrityError)
def _integrity_error(error: IntegrityError):
    db.session.rollback()
    return error_response(409, "conflict", _("That clashes with existing data. Nothing was changed."))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    db.session.rollback()
    status = error.code or 500
    if not is_api_request():
        return render_error(status)
    return error_response(status, HTTP_CODES.get(status, "error"), error.description or "")


@bp.errorhandler(Exception)
def _unexpected(error: Exception):  # the last resort: logged, JSON, nothing kept
    db.session.rollback()
    current_app.logger.exception("Unhandled API error", exc_info=error)
    if not is_api_request():
        return render_error(500)
    return error_response(500, "server_error", _("An error occurred on our side. Nothing was saved."))


@bp.route(PREFIX + "/")
@operation(summary="About the API", tag="meta", response=s.IndexSchema)
def index():
    """The API's name and version, where its OpenAPI document is, and who you are."""
    user = actor()
    return {
        "name": "Lokaler & Fællesskaber",
        "version": "1",
        "openapi": url_for("api.openapi"),
        "user_id": user.id if user else None,
    }


@bp.route(PREFIX + "/openapi.json")
def openapi():
    from booking.api.openapi import document

    return jsonify(document(current_app))


# --- rooms ----------------------------------------------------------------------------------


def location_by_slug(slug: str | None) -> Location | None:
    return locations.get_location(slug) if slug else None


def equipment_by_slugs(slugs: list[str] | None) -> list[Equipment]:
    if not slugs:
        return []
    found = list(db.session.scalars(select(Equipment).where(Equipment.slug.in_(slugs))))
    unknown = sorted(set(slugs) - {item.slug for item in found})
    if unknown:
        raise Invalid(_("Unknown equipment: %(names)s.", names=", ".join(unknown)), fields={"equipment": unknown})
    return found


@bp.route(PREFIX + "/rooms")
@operation(summary="List rooms", tag="rooms", query=s.RoomListQuery, response=s.RoomSchema, many=True, errors=(400,))
def rooms(params):
    """Active rooms of active places, filtered by place, capacity, equipment and kind."""
    equipment_by_slugs(params.get("equipment"))
    kind = RoomKind(params["kind"]) if params.get("kind") else None
    found = room_services.find_rooms(
        room_services.RoomFilter(
            location_slug=params.get("location"),
            min_capacity=params.get("min_capacity"),
            equipment_slugs=params.get("equipment") or (),
            kind=kind,
        )
    )
    return found


def active_room(room_id: int) -> Room:
    room = services.get_room(room_id)
    if not room.location.active:
        raise NotFound(_("No such room."))
    return room


@bp.route(PREFIX + "/rooms/<int:room_id>")
@operation(summary="One room", tag="rooms", response=s.RoomSchema, errors=(404,))
def room(room_id: int):
    """A room with its place, parts, equipment and booking rules."""
    return active_room(room_id)


@bp.route(PREFIX + "/rooms/<int:room_id>/availability")
@operation(
    summary="When a room is taken", tag="availability", query=s.RangeQuery, response=s.AvailabilitySchema,
    errors=(400, 404),
)
def room_availability(room_id: int, params):
    """The room's taken slots in the range (a hall is taken when a part is, and the other way
    round). Title and booking are shown only to those who may see them."""
    target = active_room(room_id)
    return _availability([target], params)


def _availability(targets: list[Room], params) -> dict:
    busy = availability.busy_intervals(targets, params["start"], params["end"], viewer=actor())
    return {
        "start": params["start"],
        "end": params["end"],
        "rooms": [{"room_id": room.id, "busy": busy[room.id]} for room in targets],
    }


@bp.route(PREFIX + "/availability")
@operation(
    summary="When many rooms are taken", tag="availability", query=s.AvailabilityQuery,
    response=s.AvailabilitySchema, errors=(400, 404),
)
def many_availability(params):
    """Taken slots of the given rooms (default: every bookable room, or those of a place)."""
    place = location_by_slug(params.get("location"))
    targets = availability.bookable_rooms(location=place, with_equipment=False)
    wanted = params.get("rooms")
    if wanted:
        by_id = {room.id: room for room in targets}
        missing = sorted(set(wanted) - set(by_id))
        if missing:
            raise NotFound(_("No such room: %(ids)s.", ids=", ".join(map(str, missing))), fields={"rooms": missing})
        targets = [by_id[room_id] for room_id in dict.fromkeys(wanted)]
    return _availability(targets, params)


@bp.route(PREFIX + "/free-rooms")
@operation(
    summary="Find a free room", tag="availability", query=s.FreeRoomsQuery, response=s.FreeRoomsSchema,
    errors=(400, 404),
)
def free_rooms(params):
    """Rooms open, big enough, with all the equipment, and free for the whole range."""
    found = searches.search_free_rooms(
        params["start"],
        params["end"],
        now=utcnow(),
        people=params.get("people"),
        equipment=equipment_by_slugs(params.get("equipment")),
        location=location_by_slug(params.get("location")),
    )
    db.session.commit()  # an empty answer is logged as unmet demand
    return {"start": params["start"], "end": params["end"], "rooms": found}


from booking.api import booking_views, tokens_views  # noqa: E402, F401  (routes on bp)
