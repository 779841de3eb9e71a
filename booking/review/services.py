"""The annual room review: open, evaluate, decide, complete. Only staff read or write.

A completed review is frozen: its figures are a snapshot, and its evaluations and decisions'
texts can no longer change. A decision's status and follow-up note stay editable, because
following a decision up happens in the next year's review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Conflict, Invalid, NotFound
from booking.extensions import db
from booking.review.figures import compute_snapshot
from booking.review.models import (
    Decision,
    DecisionArea,
    DecisionStatus,
    ReviewProcedure,
    ReviewStatus,
    RoomEvaluation,
    RoomReview,
)
from booking.rooms.locations import location_by_id
from booking.rooms.models import Location, Room
from booking.timeutil import local_date
from booking.validation import clean_text

DEFAULT_PROCEDURE = _l(
    "How we collect: visitor counts every month, bookings and activities from the booking "
    "system, citizens' statements and 8–10 short interviews a year.\n"
    "How we evaluate: each spring the staff go through the figures and statements room by room "
    "and write what works and what does not.\n"
    "How we decide: adjustments (opening hours, equipment, furniture, booking rules, change of "
    "use) get an owner and a date; open decisions are followed up in the next review."
)


# --- procedure ---------------------------------------------------------------------------


def procedure_text(location: Location) -> str:
    found = db.session.scalar(select(ReviewProcedure).where(ReviewProcedure.location_id == location.id))
    return found.text if found is not None else str(DEFAULT_PROCEDURE)


def set_procedure(actor: User | None, location: Location, text: str | None, now: datetime) -> ReviewProcedure:
    require_staff(actor)
    cleaned = clean_text(text, "text", label=_("Procedure"), max_length=5000)
    found = db.session.scalar(select(ReviewProcedure).where(ReviewProcedure.location_id == location.id))
    if found is None:
        found = ReviewProcedure(location_id=location.id)
        db.session.add(found)
    found.text = cleaned  # type: ignore[assignment]
    found.updated_at = now
    found.updated_by_id = actor.id  # type: ignore[union-attr]
    db.session.flush()
    return found


# --- reviews -----------------------------------------------------------------------------


def open_review(actor: User | None, location_id: int | str | None, year: int | str | None, now: datetime) -> RoomReview:
    require_staff(actor)
    place = location_by_id(location_id)
    try:
        year = int(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Invalid(_("Give the year."), fields={"year": "invalid"}) from None
    if not 2000 <= year <= local_date(now).year:
        raise Invalid(_("A review can cover a year from 2000 up to this year."), fields={"year": "invalid"})
    if db.session.scalar(select(RoomReview.id).where(RoomReview.location_id == place.id, RoomReview.year == year)):
        raise Conflict(
            _("%(place)s already has a review for %(year)d.", place=place.name, year=year), fields={"year": "taken"}
        )
    review = RoomReview(location_id=place.id, year=year, status=ReviewStatus.DRAFT, opened_at=now,
                        opened_by_id=actor.id)  # type: ignore[union-attr]  # fmt: skip
    db.session.add(review)
    db.session.flush()
    return review


def get_review(actor: User | None, review_id: int) -> RoomReview:
    require_staff(actor)
    review = db.session.get(RoomReview, review_id)
    if review is None:
        raise NotFound(_("That review does not exist."))
    return review


def all_reviews(actor: User | None) -> list[RoomReview]:
    require_staff(actor)
    return list(db.session.scalars(select(RoomReview).order_by(RoomReview.year.desc(), RoomReview.location_id)))


def _draft(review: RoomReview) -> None:
    if review.is_completed:
        raise Conflict(_("The review is completed and can no longer be changed."))


def complete_review(actor: User | None, review: RoomReview, now: datetime) -> RoomReview:
    """Freeze the figures: later changes to bookings, counts or statements do not alter them."""
    require_staff(actor)
    _draft(review)
    review.snapshot = compute_snapshot(review.location, review.year)
    review.status = ReviewStatus.COMPLETED
    review.completed_at = now
    review.completed_by_id = actor.id  # type: ignore[union-attr]
    db.session.flush()
    return review


def set_summary(actor: User | None, review: RoomReview, text: str | None) -> RoomReview:
    require_staff(actor)
    _draft(review)
    review.summary = clean_text(text, "summary", label=_("Summary"), max_length=10_000, required=False)
    db.session.flush()
    return review


def _review_room(review: RoomReview, room_id: int | str | None, *, required: bool = True) -> Room | None:
    if room_id in (None, "") and not required:
        return None
    room = db.session.get(Room, int(room_id)) if str(room_id).isdigit() else None
    if room is None or room.location_id != review.location_id:
        raise Invalid(_("Choose a room of the review's location."), fields={"room_id": "invalid"})
    return room


def set_evaluation(
    actor: User | None, review: RoomReview, room_id: int | str | None, text: str | None, now: datetime
) -> RoomEvaluation | None:
    """Write (or clear, with an empty text) the evaluation of one room."""
    require_staff(actor)
    _draft(review)
    room = _review_room(review, room_id)
    cleaned = clean_text(text, "text", label=_("Evaluation"), max_length=10_000, required=False)
    found = next((item for item in review.evaluations if item.room_id == room.id), None)  # type: ignore[union-attr]
    if cleaned is None:
        if found is not None:
            review.evaluations.remove(found)
        db.session.flush()
        return None
    if found is None:
        found = RoomEvaluation(room_id=room.id, text=cleaned, updated_at=now)  # type: ignore[union-attr]
        review.evaluations.append(found)
    found.text = cleaned
    found.updated_at = now
    db.session.flush()
    return found


def evaluations_by_room(review: RoomReview) -> dict[int, str]:
    return {item.room_id: item.text for item in review.evaluations}


# --- decisions ---------------------------------------------------------------------------


@dataclass
class DecisionData:
    area: DecisionArea | str
    description: str | None
    owner: str | None
    room_id: int | str | None = None
    due_on: date | None = None
    status: DecisionStatus | str = DecisionStatus.OPEN


def _status(value: DecisionStatus | str) -> DecisionStatus:
    try:
        return DecisionStatus(value)
    except ValueError:
        raise Invalid(_("That choice is not valid."), fields={"status": "invalid"}) from None


def add_decision(actor: User | None, review: RoomReview, data: DecisionData, now: datetime) -> Decision:
    require_staff(actor)
    _draft(review)
    room = _review_room(review, data.room_id, required=False)
    try:
        area = DecisionArea(data.area)
    except ValueError:
        raise Invalid(_("That choice is not valid."), fields={"area": "invalid"}) from None
    decision = Decision(
        room_id=room.id if room else None,
        area=area,
        description=clean_text(data.description, "description", label=_("What we adjust"), max_length=5000),
        owner=clean_text(data.owner, "owner", label=_("Owner"), max_length=200),
        due_on=data.due_on,
        status=_status(data.status),
        created_at=now,
        updated_at=now,
    )
    review.decisions.append(decision)
    db.session.flush()
    return decision


def get_decision(actor: User | None, decision_id: int) -> Decision:
    require_staff(actor)
    decision = db.session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(_("That decision does not exist."))
    return decision


def follow_up_decision(
    actor: User | None, decision: Decision, status: DecisionStatus | str, note: str | None, now: datetime
) -> Decision:
    """Move a decision on (also one of a completed review: that is what follow-up means)."""
    require_staff(actor)
    decision.status = _status(status)
    decision.follow_up = clean_text(note, "follow_up", label=_("Follow-up"), max_length=5000, required=False)
    decision.updated_at = now
    db.session.flush()
    return decision


def remove_decision(actor: User | None, decision: Decision) -> None:
    require_staff(actor)
    _draft(decision.review)
    decision.review.decisions.remove(decision)
    db.session.flush()


def open_decisions_from_last_year(review: RoomReview) -> list[Decision]:
    """Decisions of the location's previous review that are not done or dropped yet."""
    return list(
        db.session.scalars(
            select(Decision)
            .join(RoomReview, Decision.review_id == RoomReview.id)
            .where(
                RoomReview.location_id == review.location_id,
                RoomReview.year == review.year - 1,
                Decision.status.in_((DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)),
            )
            .order_by(Decision.id)
        )
    )
