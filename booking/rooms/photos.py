"""Room photos: JPEG or PNG, size-limited, stored under a random name in the upload folder.

The file system has no transactions, so files follow the database's: a photo written in a
transaction that rolls back is deleted again, and a replaced photo is deleted only once the
new one is committed. A page never points at a missing file.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms.models import Room
from booking.rooms.services import text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Recognised by content, not by the name or type the browser claims.
SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))
FILENAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")
LABELS = {"photo_alt": _l("What the photo shows")}

_WRITTEN = "rooms.photos_written"  # keys in Session.info
_REPLACED = "rooms.photos_replaced"


def max_bytes() -> int:
    return int(current_app.config.get("ROOM_PHOTO_MAX_BYTES") or DEFAULT_MAX_BYTES)


def photo_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "rooms"


def photo_path(filename: str) -> Path | None:
    """The stored file for a name we gave out, or None (which also refuses ``../`` tricks)."""
    if not FILENAME.fullmatch(filename or ""):
        return None
    path = photo_folder() / filename
    return path if path.is_file() else None


def image_extension(data: bytes) -> str | None:
    for signature, extension in SIGNATURES:
        if data.startswith(signature):
            return extension
    return None


def set_room_photo(actor: User, room: Room, *, data: bytes | None, alt: str | None) -> Room:
    """Store a new photo (``data``) with its description, or change only the description
    when no new photo is given."""
    require_staff(actor)
    alt_text = text(alt, "photo_alt", max_length=300, labels=LABELS)
    if not data:
        if not room.photo_filename:
            raise Invalid(_("Choose a photo to upload."), fields={"photo": "required"})
        room.photo_alt = alt_text
        db.session.flush()
        return room
    limit = max_bytes()
    if len(data) > limit:
        raise Invalid(
            _("The photo can be at most %(mb)d MB.", mb=max(limit // (1024 * 1024), 1)), fields={"photo": "too_large"}
        )
    extension = image_extension(data)
    if extension is None:
        raise Invalid(_("The photo must be a JPEG or PNG image."), fields={"photo": "type"})
    old = room.photo_filename
    room.photo_filename = _write(data, extension)
    room.photo_alt = alt_text
    if old:
        _remove_after_commit(old)
    db.session.flush()
    return room


def remove_room_photo(actor: User, room: Room) -> Room:
    require_staff(actor)
    if room.photo_filename:
        _remove_after_commit(room.photo_filename)
    room.photo_filename = None
    room.photo_alt = None
    db.session.flush()
    return room


def _write(data: bytes, extension: str) -> str:
    folder = photo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    filename = f"{secrets.token_hex(16)}.{extension}"
    path = folder / filename
    path.write_bytes(data)
    db.session.info.setdefault(_WRITTEN, []).append(path)
    return filename


def _remove_after_commit(filename: str) -> None:
    if FILENAME.fullmatch(filename):
        db.session.info.setdefault(_REPLACED, []).append(photo_folder() / filename)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    for path in session.info.pop(_REPLACED, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_REPLACED, None)
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)
