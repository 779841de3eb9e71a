"""Recording and reading citizens' statements, interviews and practice stories.

Only staff read or write them. A name is kept only when the citizen consented to being
quoted; a name given without consent is refused rather than quietly dropped, so the person
recording it knows it was not kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.communities.models import Community
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.rooms.locations import location_by_id
from booking.rooms.models import Room
from booking.statements.models import AgeGroup, Channel, Statement, StatementKind
from booking.timeutil import local_date
from booking.validation import clean_text

# Action 18 of the plan: 8-10 short interviews a year.
INTERVIEW_TARGET = (8, 10)
MAX_TAGS = 12

LABELS = {
    "kind": _l("Kind"),
    "said_on": _l("Date"),
    "location_id": _l("Location"),
    "room_id": _l("Room"),
    "community_id": _l("Open community"),
    "age_group": _l("Age group"),
    "channel": _l("Channel"),
    "text": _l("What was said"),
    "tags": _l("Tags"),
    "consent_to_quote": _l("The citizen agrees to be quoted"),
    "citizen_name": _l("Name (only with consent)"),
}


@dataclass
class StatementData:
    kind: StatementKind | str
    said_on: date | None
    location_id: int | str | None
    text: str | None
    channel: Channel | str
    age_group: AgeGroup | str = AgeGroup.UNKNOWN
    room_id: int | str | None = None
    community_id: int | str | None = None
    tags: str | None = ""
    consent_to_quote: bool = False
    citizen_name: str | None = None


def _enum(enum_cls, value, field_name: str):
    try:
        return enum_cls(value)
    except ValueError:
        raise Invalid(_("That choice is not valid."), fields={field_name: "invalid"}) from None


def clean_tags(value: str | None) -> str:
    """"Stillezone, lys;  Lys" -> ",stillezone,lys," (stored so one tag matches with LIKE)."""
    tags: list[str] = []
    for raw in re.split(r"[,;]", value or ""):
        tag = " ".join(raw.split()).casefold()[:40]
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise Invalid(_("At most %(n)d tags.", n=MAX_TAGS), fields={"tags": "too_many"})
    return "," + ",".join(tags) + "," if tags else ""


def _clean(data: StatementData, now: datetime) -> dict[str, object]:
    if data.said_on is None:
        raise Invalid(_("Give the date."), fields={"said_on": "required"})
    if data.said_on > local_date(now):
        raise Invalid(_("The date cannot be in the future."), fields={"said_on": "future"})
    place = location_by_id(data.location_id)
    room_id = None
    if data.room_id not in (None, ""):
        room = db.session.get(Room, int(data.room_id)) if str(data.room_id).isdigit() else None
        if room is None or room.location_id != place.id:
            raise Invalid(_("Choose a room of the chosen location."), fields={"room_id": "invalid"})
        room_id = room.id
    community_id = None
    if data.community_id not in (None, ""):
        community = db.session.get(Community, int(data.community_id)) if str(data.community_id).isdigit() else None
        if community is None:
            raise Invalid(_("Choose one of the open communities."), fields={"community_id": "invalid"})
        community_id = community.id
    name = clean_text(data.citizen_name, "citizen_name", label=str(LABELS["citizen_name"]), max_length=200,
                      required=False)  # fmt: skip
    if name and not data.consent_to_quote:
        raise Invalid(
            _("A name is kept only when the citizen agrees to be quoted. Remove the name or tick the consent."),
            fields={"citizen_name": "needs_consent"},
        )
    return {
        "kind": _enum(StatementKind, data.kind, "kind"),
        "said_on": data.said_on,
        "location_id": place.id,
        "room_id": room_id,
        "community_id": community_id,
        "age_group": _enum(AgeGroup, data.age_group or AgeGroup.UNKNOWN, "age_group"),
        "channel": _enum(Channel, data.channel, "channel"),
        "text": clean_text(data.text, "text", label=str(LABELS["text"]), max_length=10_000),
        "tags": clean_tags(data.tags),
        "consent_to_quote": bool(data.consent_to_quote),
        "citizen_name": name,
    }


def record_statement(actor: User | None, data: StatementData, now: datetime) -> Statement:
    require_staff(actor)
    statement = Statement(**_clean(data, now), recorded_by_id=actor.id, created_at=now, updated_at=now)  # type: ignore[union-attr]
    db.session.add(statement)
    db.session.flush()
    return statement


def update_statement(actor: User | None, statement: Statement, data: StatementData, now: datetime) -> Statement:
    require_staff(actor)
    for key, value in _clean(data, now).items():
        setattr(statement, key, value)
    statement.updated_at = now
    db.session.flush()
    return statement


def delete_statement(actor: User | None, statement: Statement) -> None:
    require_staff(actor)
    db.session.delete(statement)
    db.session.flush()


def get_statement(actor: User | None, statement_id: int) -> Statement:
    require_staff(actor)
    statement = db.session.get(Statement, statement_id)
    if statement is None:
        raise NotFound(_("That statement does not exist."))
    return statement


def list_statements(
    actor: User | None,
    *,
    year: int | None = None,
    location_id: int | None = None,
    room_id: int | None = None,
    kind: StatementKind | None = None,
    tag: str | None = None,
    limit: int = 500,
) -> list[Statement]:
    require_staff(actor)
    query = select(Statement).order_by(Statement.said_on.desc(), Statement.id.desc()).limit(limit)
    if year:
        query = query.where(Statement.said_on.between(date(year, 1, 1), date(year, 12, 31)))
    if location_id:
        query = query.where(Statement.location_id == location_id)
    if room_id:
        query = query.where(Statement.room_id == room_id)
    if kind:
        query = query.where(Statement.kind == kind)
    cleaned = clean_tags(tag)
    if cleaned:
        query = query.where(Statement.tags.contains(cleaned, autoescape=True))
    return list(db.session.scalars(query))


@dataclass
class YearCounts:
    year: int
    by_kind: dict[StatementKind, int]
    target_low: int = INTERVIEW_TARGET[0]
    target_high: int = INTERVIEW_TARGET[1]

    @property
    def interviews(self) -> int:
        return self.by_kind.get(StatementKind.INTERVIEW, 0)

    @property
    def interviews_missing(self) -> int:
        return max(0, self.target_low - self.interviews)


def year_counts(actor: User | None, year: int, location_id: int | None = None) -> YearCounts:
    """How many of each kind were recorded in ``year``, and the interviews against the target."""
    require_staff(actor)
    query = (
        select(Statement.kind, func.count(Statement.id))
        .where(Statement.said_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Statement.kind)
    )
    if location_id:
        query = query.where(Statement.location_id == location_id)
    found = {StatementKind(kind): int(n) for kind, n in db.session.execute(query)}
    return YearCounts(year, {kind: found.get(kind, 0) for kind in StatementKind})
