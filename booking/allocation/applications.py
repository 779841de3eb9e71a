"""Organisations' side before the decisions: the yearly profile and the application with its
wished weekly slots. Only the organisation's administrators write here; staff correct tiers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import MemberRole, Membership, Organisation, User
from booking.accounts.permissions import is_org_admin, require_login, require_staff
from booking.allocation import services as rounds
from booking.allocation.models import (
    AgeGroup,
    AllocationRound,
    Application,
    Frequency,
    OrganisationProfile,
    PriorityTier,
    RoundState,
    Wish,
    WishRoom,
)
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.validation import clean_cvr, clean_email, clean_int, clean_phone, clean_text

MAX_WISHES = 20
MAX_ROOMS_PER_WISH = 5
MAX_PARTICIPANTS = 2000


def require_applicant(actor: User | None, organisation: Organisation) -> User:
    """Applying, confirming the profile and answering decisions are the organisation's own
    acts: its administrators, not staff on its behalf."""
    require_login(actor)
    if not is_org_admin(actor, organisation):
        raise NotAllowed(_("Only the organisation's administrators can do that."))
    return actor  # type: ignore[return-value]


# --- profile ---------------------------------------------------------------------------------


@dataclass
class ProfileData:
    contact_name: str
    contact_email: str
    contact_phone: str | None
    board_member: str
    member_count: int | str | None
    cvr: str | None = None


def get_profile(organisation: Organisation, year: int) -> OrganisationProfile | None:
    return db.session.scalar(
        select(OrganisationProfile).where(
            OrganisationProfile.organisation_id == organisation.id, OrganisationProfile.year == year
        )
    )


def confirm_profile(
    actor: User, organisation: Organisation, year: int, data: ProfileData, now: datetime
) -> OrganisationProfile:
    require_applicant(actor, organisation)
    values = {
        "contact_name": clean_text(data.contact_name, "contact_name", label=_("Contact person"), max_length=200),
        "contact_email": clean_email(data.contact_email, "contact_email"),
        "contact_phone": clean_phone(data.contact_phone, "contact_phone"),
        "board_member": clean_text(data.board_member, "board_member", label=_("Board member"), max_length=200),
        "member_count": clean_int(
            data.member_count, "member_count", label=_("Number of members"), minimum=0, maximum=1_000_000
        ),
        "cvr": clean_cvr(data.cvr),
    }
    profile = get_profile(organisation, year)
    if profile is None:
        profile = OrganisationProfile(organisation_id=organisation.id, year=year)
        db.session.add(profile)
    for key, value in values.items():
        setattr(profile, key, value)
    profile.confirmed_at = now
    profile.confirmed_by_id = actor.id
    if values["cvr"] and values["cvr"] != organisation.cvr:
        organisation.cvr = values["cvr"]  # type: ignore[assignment]
        organisation.verified = False  # a new CVR number is checked again by staff
    db.session.flush()
    return profile


# --- applications ----------------------------------------------------------------------------


@dataclass
class WishData:
    weekday: int | str | None
    starts: time | None
    ends: time | None
    room_ids: Sequence[int | None] = field(default_factory=list)
    participants: int | str | None = None
    age_group: AgeGroup | str | None = None
    purpose: str | None = None
    frequency: Frequency | str = Frequency.WEEKLY
    for_disabilities: bool = False
    id: int | None = None


def get_application(round_: AllocationRound, organisation: Organisation) -> Application | None:
    return db.session.scalar(
        select(Application).where(
            Application.round_id == round_.id, Application.organisation_id == organisation.id
        )
    )


def _wish_error(n: int, message: str, field_name: str) -> Invalid:
    return Invalid(
        _("Wish %(n)d: %(message)s", n=n, message=message), fields={f"wishes-{n - 1}-{field_name}": "invalid"}
    )


def clean_wish(round_: AllocationRound, n: int, data: WishData) -> dict[str, object]:
    try:
        weekday = int(data.weekday)  # type: ignore[arg-type]
        if not 0 <= weekday <= 6:
            raise ValueError
    except (TypeError, ValueError):
        raise _wish_error(n, _("choose a weekday."), "weekday") from None
    if not isinstance(data.starts, time) or not isinstance(data.ends, time):
        raise _wish_error(n, _("give a start and an end time."), "starts")
    if data.ends <= data.starts:
        raise _wish_error(n, _("the end must be after the start."), "ends")
    try:
        age_group, frequency = AgeGroup(data.age_group), Frequency(data.frequency)
    except ValueError:
        raise _wish_error(n, _("choose an age group and how often."), "age_group") from None
    room_ids = [int(r) for r in data.room_ids if r not in (None, "")]
    if not room_ids:
        raise _wish_error(n, _("choose at least one room."), "room_1")
    if len(room_ids) > MAX_ROOMS_PER_WISH or len(set(room_ids)) != len(room_ids):
        raise _wish_error(n, _("choose each room once, at most %(max)d.", max=MAX_ROOMS_PER_WISH), "room_1")
    rooms = []
    for room_id in room_ids:
        try:
            rooms.append(rounds.round_room(round_, room_id).room)
        except Invalid:
            raise _wish_error(n, _("that room is not part of this round."), "room_1") from None
    for room in rooms:
        if not rounds.fits_opening_hours(room, weekday, data.starts, data.ends):
            raise _wish_error(
                n,
                _("%(room)s is not open %(day)s %(start)s–%(end)s.", room=room.name, day=rounds.weekday_name(weekday),
                  start=data.starts.strftime("%H:%M"), end=data.ends.strftime("%H:%M")),
                "starts",
            )
    try:
        participants = clean_int(data.participants, "participants", label=_("Participants"), minimum=1,
                                 maximum=MAX_PARTICIPANTS)
        purpose = clean_text(data.purpose, "purpose", label=_("Purpose"), max_length=300)
    except Invalid as error:
        raise _wish_error(n, error.message, next(iter(error.fields), "purpose")) from None
    return {
        "weekday": weekday, "starts": data.starts, "ends": data.ends, "frequency": frequency,
        "participants": participants, "age_group": age_group, "purpose": purpose,
        "for_disabilities": bool(data.for_disabilities), "rooms": rooms,
    }  # fmt: skip


def save_application(
    actor: User,
    round_: AllocationRound,
    organisation: Organisation,
    wishes: Sequence[WishData],
    note: str | None,
    now: datetime,
) -> Application:
    """Create or replace the organisation's application in an open window, and mail a receipt.

    Wishes that carry the id of an existing wish keep it (and a staff correction of its tier);
    wishes left out are withdrawn. The whole application is checked before anything is written.
    """
    require_applicant(actor, organisation)
    if not rounds.window_is_open(round_, now):
        raise Invalid(_("The round is not open for applications now."))
    if get_profile(organisation, round_.season_start.year) is None:
        raise Invalid(_("Confirm the organisation's details for %(year)d first.", year=round_.season_start.year))
    if not wishes:
        raise Invalid(_("Add at least one wished time."))
    if len(wishes) > MAX_WISHES:
        raise Invalid(_("An application can have at most %(max)d wished times.", max=MAX_WISHES))
    cleaned = [clean_wish(round_, n, data) for n, data in enumerate(wishes, start=1)]
    note_clean = clean_text(note, "note", label=_("Note to the library"), max_length=2000, required=False)

    application = get_application(round_, organisation)
    if application is None:
        application = Application(round=round_, organisation=organisation, submitted_at=now)
        db.session.add(application)
    application.applied_by_id, application.updated_at, application.note = actor.id, now, note_clean
    existing = {wish.id: wish for wish in application.wishes}
    for position, (data, values) in enumerate(zip(wishes, cleaned, strict=True), start=1):
        wish = existing.pop(data.id, None) if data.id is not None else None
        # A new wish is complete only when filled: no flush may send it half-made.
        with db.session.no_autoflush:
            if wish is None:
                wish = Wish()
                application.wishes.append(wish)
            fill_wish(round_, organisation, wish, position, values)
    for wish in existing.values():
        application.wishes.remove(wish)
    db.session.flush()
    _queue_receipt(actor, application, now)
    return application


def fill_wish(
    round_: AllocationRound, organisation: Organisation, wish: Wish, position: int, values: dict[str, object]
) -> None:
    rooms = values.pop("rooms")
    for key, value in values.items():
        setattr(wish, key, value)
    wish.position = position
    wish.applied_minutes = rounds.season_minutes(round_, wish.weekday, wish.starts, wish.ends, wish.frequency)
    derived = rounds.tier_for(round_, rounds.derive_rule(organisation.kind, wish.age_group))
    if wish.tier_reason is None:
        wish.tier = derived
    wish.derived_tier = derived
    if wish.wish_rooms:
        # The old choices go first: the new ones may name the same rooms and ranks.
        wish.wish_rooms.clear()
        db.session.flush()
    for rank, room in enumerate(rooms, start=1):  # type: ignore[arg-type]
        wish.wish_rooms.append(WishRoom(room=room, rank=rank))


def _queue_receipt(actor: User, application: Application, now: datetime) -> None:
    queue_mail(
        kind="allocation_receipt",
        to_email=actor.email,
        to_name=actor.name,
        locale=actor.locale,
        context={"application": application, "round": application.round, "weekday_name": rounds.weekday_name},
        about=("allocation_application", application.id),
        now=now,
    )


def correct_tier(actor: User, wish: Wish, tier_id: int | None, reason: str | None, now: datetime) -> Wish:
    """Staff put a wish in another tier, with the reason shown to the applicant; choosing the
    derived tier again removes the correction."""
    require_staff(actor)
    round_ = wish.application.round
    if round_.state not in (RoundState.OPEN, RoundState.ALLOCATING):
        raise Invalid(_("Tiers can be corrected only until the decisions are sent."))
    tier = db.session.get(PriorityTier, tier_id) if tier_id else None
    if tier is None or tier.round_id != round_.id:
        raise Invalid(_("Choose one of the round's tiers."), fields={"tier_id": "unknown"})
    if tier.id == wish.derived_tier_id:
        wish.tier, wish.tier_reason, wish.tier_corrected_by_id = tier, None, None
    else:
        wish.tier_reason = clean_text(reason, "reason", label=_("Reason"), max_length=500)
        wish.tier, wish.tier_corrected_by_id = tier, actor.id
    db.session.flush()
    return wish


def get_wish(round_: AllocationRound, wish_id: int) -> Wish:
    wish = db.session.get(Wish, wish_id)
    if wish is None or wish.application.round_id != round_.id:
        raise NotFound(_("No such wish."))
    return wish


def admins_of(organisation: Organisation) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == organisation.id, Membership.role == MemberRole.ADMIN)
            .order_by(User.id)
        )
    )
