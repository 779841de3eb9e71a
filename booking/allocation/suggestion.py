"""The suggested allocation: a deterministic rule that staff then adjust by hand.

Every (wish, wished room) pair is a candidate, ranked by
1. a room especially suited for people with disabilities goes first to activities for them;
2. the wish's priority tier;
3. the organisation held the same slot (room, weekday, times) last season and accepted it;
4. the room's rank in the wish (everyone's first choices before anyone's second);
5. the application time, then the application and the wish's own order as the last ties.
Candidates are taken in that order: a wish not yet placed gets the room if the room (or a
hall part it shares) is free on that weekday at that time. Wishes already decided by hand
stay as they are and hold their slots. A fortnightly wish holds its slot every week, because
which weeks it will use is not known yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.allocation import services as rounds
from booking.allocation.models import AllocationRound, Answer, Outcome, RoundState, Wish
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms.models import Room


@dataclass(frozen=True)
class Slot:
    room_ids: frozenset[int]  # the rooms a booking of the room claims (hall parts)
    weekday: int
    starts: time
    ends: time

    def clashes(self, other: Slot) -> bool:
        return (
            self.weekday == other.weekday
            and bool(self.room_ids & other.room_ids)
            and self.starts < other.ends
            and other.starts < self.ends
        )


def slot(room: Room, weekday: int, starts: time, ends: time) -> Slot:
    return Slot(frozenset(room.claim_room_ids), weekday, starts, ends)


def granted_slot(wish: Wish) -> Slot | None:
    if not wish.is_granted or wish.granted_room is None:
        return None
    return slot(wish.granted_room, wish.granted_weekday, wish.granted_starts, wish.granted_ends)  # type: ignore[arg-type]


def round_wishes(round_: AllocationRound) -> list[Wish]:
    return [wish for application in round_.applications for wish in application.wishes]


def held_last_season(round_: AllocationRound) -> set[tuple[int, int, int, time, time]]:
    """(organisation, room, weekday, start, end) of the slots accepted in the season before."""
    previous = rounds.previous_round(round_)
    if previous is None:
        return set()
    found: set[tuple[int, int, int, time, time]] = set()
    for wish in round_wishes(previous):
        if wish.is_granted and wish.answer == Answer.ACCEPTED:
            org = wish.application.organisation_id
            found.add((org, wish.granted_room_id, wish.granted_weekday, wish.granted_starts, wish.granted_ends))  # type: ignore[arg-type]
    return found


@dataclass(frozen=True)
class Placement:
    wish_id: int
    room_id: int | None  # None: declined, no wished room free
    rank: int | None
    held: bool = False


def suggest(round_: AllocationRound) -> dict[int, Placement]:
    """The suggested room of every undecided wish. Pure: reads, never writes."""
    suited = {rr.room_id for rr in round_.round_rooms if rr.suited_for_disabilities}
    held = held_last_season(round_)
    wishes = round_wishes(round_)
    taken = [s for s in (granted_slot(w) for w in wishes if w.outcome != Outcome.PENDING) if s is not None]
    candidates = []
    for wish in wishes:
        if wish.outcome != Outcome.PENDING:
            continue
        application = wish.application
        for wish_room in wish.wish_rooms:
            is_held = (application.organisation_id, wish_room.room_id, wish.weekday, wish.starts, wish.ends) in held
            key = (
                0 if wish.for_disabilities and wish_room.room_id in suited else 1,
                wish.tier.position,
                0 if is_held else 1,
                wish_room.rank,
                application.submitted_at,
                application.id,
                wish.position,
                wish.id,
            )
            candidates.append((key, wish, wish_room, is_held))
    candidates.sort(key=lambda candidate: candidate[0])
    placements: dict[int, Placement] = {}
    for _key, wish, wish_room, is_held in candidates:
        if wish.id in placements:
            continue
        wanted = slot(wish_room.room, wish.weekday, wish.starts, wish.ends)
        if any(wanted.clashes(other) for other in taken):
            continue
        taken.append(wanted)
        placements[wish.id] = Placement(wish.id, wish_room.room_id, wish_room.rank, is_held)
    for wish in wishes:
        if wish.outcome == Outcome.PENDING and wish.id not in placements:
            placements[wish.id] = Placement(wish.id, None, None)
    return placements


def apply_suggestion(actor: User, round_: AllocationRound, now: datetime, *, start_over: bool = False) -> int:
    """Decide every undecided wish as suggested (``start_over`` first undoes every decision).
    Returns how many wishes were decided."""
    require_staff(actor)
    if round_.state != RoundState.ALLOCATING:
        raise Invalid(_("Close the application window before allocating."))
    if start_over:
        for wish in round_wishes(round_):
            reset_decision(wish)
        db.session.flush()
    placements = suggest(round_)
    wishes = {wish.id: wish for wish in round_wishes(round_)}
    for placement in placements.values():
        wish = wishes[placement.wish_id]
        if placement.room_id is None:
            # No reason written: the pages and mails give the rule's reason in the reader's language.
            wish.outcome, wish.decision_reason = Outcome.DECLINED, None
        else:
            wish.outcome = Outcome.GRANTED
            wish.granted_room_id, wish.granted_weekday = placement.room_id, wish.weekday
            wish.granted_starts, wish.granted_ends = wish.starts, wish.ends
            wish.granted_minutes = wish.applied_minutes
            wish.decision_reason = None
        wish.decided_at, wish.decided_by_id = now, actor.id
    db.session.flush()
    return len(placements)


def reset_decision(wish: Wish) -> None:
    wish.outcome = Outcome.PENDING
    wish.granted_room_id = wish.granted_weekday = wish.granted_starts = wish.granted_ends = None
    wish.granted_minutes = 0
    wish.decision_reason = wish.decided_at = wish.decided_by_id = None


def unmet_demand(round_: AllocationRound) -> list[Wish]:
    """Declined wishes: demand the rooms could not meet, kept for the next season's planning
    and counted by the figure ``allocation.hours_declined``."""
    declined = [wish for wish in round_wishes(round_) if wish.outcome == Outcome.DECLINED]
    return sorted(declined, key=lambda wish: (wish.weekday, wish.starts, wish.tier.position, wish.id))


@dataclass
class BoardRow:
    wish: Wish
    rank: int
    clashes_with: list[Wish]
    placed_here: bool


def board(round_: AllocationRound) -> dict[int, dict[int, list[BoardRow]]]:
    """Per room and weekday: the wishes asking for the room, in time order, with the other
    wishes for the room whose time overlaps, and whether the wish was given this room."""
    wishes = round_wishes(round_)
    wanted_slots = {
        wish.id: [slot(wr.room, wish.weekday, wish.starts, wish.ends) for wr in wish.wish_rooms] for wish in wishes
    }
    by_room: dict[int, dict[int, list[BoardRow]]] = {rr.room_id: {} for rr in round_.round_rooms}
    for wish in wishes:
        for wish_room in wish.wish_rooms:
            wanted = slot(wish_room.room, wish.weekday, wish.starts, wish.ends)
            others = [
                other
                for other in wishes
                if other.id != wish.id and any(s.clashes(wanted) for s in wanted_slots[other.id])
            ]
            placed = wish.is_granted and wish.granted_room_id == wish_room.room_id
            by_room.setdefault(wish_room.room_id, {}).setdefault(wish.weekday, []).append(
                BoardRow(wish, wish_room.rank, others, placed)
            )
    for days in by_room.values():
        for rows in days.values():
            rows.sort(key=lambda row: (row.wish.starts, row.wish.tier.position, row.rank, row.wish.id))
    return by_room
