"""An activity's life: draft, published, moved, repeated, cancelled (everyone told, room
freed), completed with attendance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from booking.activities import queries, services
from booking.activities import registration as reg
from booking.activities.models import Activity, ActivityStatus, RegistrationStatus
from booking.bookings.models import BookingStatus
from booking.bookings.services import create_booking
from booking.errors import Conflict, Invalid, NotAllowed, NotFound
from booking.extensions import db
from booking.timeutil import to_local
from tests.activities.conftest import ROLES, STARTS, registrant_mail
from tests.factories import NOW


def test_a_new_activity_is_a_draft_until_published(make_activity, staff):
    activity = make_activity(publish=False)
    assert activity.status == ActivityStatus.DRAFT
    assert queries.programme(queries.ProgrammeFilter(), NOW) == []

    services.publish_activity(staff, activity, NOW)

    assert (activity.status, activity.published_at) == (ActivityStatus.PUBLISHED, NOW)
    assert queries.programme(queries.ProgrammeFilter(), NOW) == [activity]


def test_cancelling_tells_every_registrant_and_frees_the_room(make_activity, sign_up, staff, english):
    activity = make_activity(capacity=2)
    people = [sign_up(activity) for _ in range(3)]  # two seats, one waiting
    reg.cancel_registration(staff, people[0], NOW)  # promotes the third
    before = len(registrant_mail())

    told = services.cancel_activity(staff, activity, "Forfatteren er syg", NOW)

    assert told == 2
    mails = [m for m in registrant_mail()[before:] if m.kind == "activity_cancelled"]
    assert sorted(m.to_email for m in mails) == sorted(p.email for p in people[1:])
    assert all("Forfatteren er syg" in m.body for m in mails)
    assert (activity.status, activity.cancelled_by, activity.cancelled_at) == (ActivityStatus.CANCELLED, staff, NOW)
    assert activity.booking.status == BookingStatus.CANCELLED
    # The slot is free again: another activity can use the same room at the same time.
    other = make_activity(title="Strikkecafé")
    assert other.room_id == activity.room_id


def test_an_activity_holds_its_room_through_a_booking(make_activity, room, person, english):
    activity = make_activity()

    booking = activity.booking
    assert (booking.room, booking.status, booking.public, booking.title) == (
        room, BookingStatus.APPROVED, True, activity.title)  # fmt: skip
    assert [(o.starts_at, o.ends_at) for o in booking.active_occurrences()] == [(activity.starts_at, activity.ends_at)]
    with pytest.raises(Conflict):
        create_booking(person("citizen"), room, STARTS + timedelta(minutes=30), STARTS + timedelta(hours=2),
                       title="Bestyrelsesmøde", now=NOW)  # fmt: skip


def test_a_room_is_never_double_booked_by_activities(make_activity, create_room, room, english):
    make_activity()
    with pytest.raises(Conflict):
        make_activity(title="Sangstund", when=STARTS + timedelta(minutes=30))
    make_activity(title="Bagefter", when=STARTS + timedelta(minutes=90))  # ends are exclusive


def test_an_activity_cannot_take_a_booked_room(make_activity, room, person, english):
    create_booking(person("citizen"), room, STARTS, STARTS + timedelta(hours=1), title="Skakklub", now=NOW)
    with pytest.raises(Conflict):
        make_activity()


def test_moving_an_activity_moves_its_booking_and_tells_the_registrants(
    make_activity, staff, create_room, place, room, sign_up
):
    activity = make_activity()
    people = [sign_up(activity) for _ in range(2)]
    other_room = create_room("Mødelokalet", location=place)
    later = STARTS + timedelta(days=1)
    data = services.ActivityData(
        activity.title, activity.category, activity.target_group, place.id, later, later + timedelta(hours=2),
        room_id=other_room.id, capacity=10,
    )  # fmt: skip

    services.update_activity(staff, activity, data, NOW)

    occurrence = activity.booking.active_occurrences()[0]
    assert (occurrence.room, occurrence.starts_at) == (other_room, later)
    assert occurrence.ends_at == later + timedelta(hours=2)
    make_activity(title="Nu er Salen fri")  # the old slot is free
    changed = [m for m in registrant_mail() if m.kind == "activity_changed"]
    assert sorted(m.to_email for m in changed) == sorted(p.email for p in people)
    assert "Mødelokalet" in changed[0].body


def test_a_hall_and_its_parts_clash(make_activity, create_room, room, english):
    part = create_room("Sal A", parent=room, capacity=30)
    make_activity(room_id=part.id)
    with pytest.raises(Conflict):
        make_activity(title="Koncert", room_id=room.id)


def test_repeating_keeps_the_local_time_across_daylight_saving(make_activity, staff, place, room):
    data = services.ActivityData(
        title="Sangstund for de mindste", category="reading", target_group="age_0_6", location_id=place.id,
        room_id=room.id, starts_at=STARTS, ends_at=STARTS + timedelta(hours=1), capacity=20,
    )  # fmt: skip
    first = services.create_activity(staff, data, NOW, repeat_weeks=3)

    series = list(db.session.scalars(select(Activity).order_by(Activity.starts_at)))
    assert [to_local(a.starts_at).strftime("%d/%m %H:%M") for a in series] == [
        "10/03 16:00", "17/03 16:00", "24/03 16:00", "31/03 16:00",  # summer time from 29 March
    ]  # fmt: skip
    assert series[-1].starts_at == datetime(2026, 3, 31, 14, 0, tzinfo=UTC)
    assert {a.series_id for a in series[1:]} == {first.id}


def test_completing_records_attendance(make_activity, sign_up, staff):
    activity = make_activity(capacity=4)
    came, stayed_home, family = sign_up(activity), sign_up(activity), sign_up(activity, seats=2)
    waiting = sign_up(activity)
    later = STARTS + timedelta(hours=2)

    services.complete_activity(staff, activity, [came.id, family.id], None, later)

    assert activity.status == ActivityStatus.COMPLETED
    assert activity.attendance_count == 3  # the ticked seats
    assert [r.status for r in (came, stayed_home, family, waiting)] == [
        RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW, RegistrationStatus.ATTENDED,
        RegistrationStatus.WAITLISTED,
    ]  # fmt: skip

    services.complete_activity(staff, activity, [came.id, stayed_home.id, family.id], "7", later)  # drop-ins
    assert (activity.attendance_count, stayed_home.status) == (7, RegistrationStatus.ATTENDED)
    assert activity.booking.active_occurrences()[0].attendance == 7  # the room's figures agree


def test_attendance_waits_for_the_activity(make_activity, staff, english):
    with pytest.raises(Invalid, match="has started"):
        services.complete_activity(staff, make_activity(), [], 5, NOW)


def test_a_drop_in_activity_needs_a_headcount(make_activity, staff, english):
    activity = make_activity(registration_required=False, capacity=None)
    with pytest.raises(Invalid, match="Headcount is required"):
        services.complete_activity(staff, activity, [], None, STARTS + timedelta(hours=2))
    services.complete_activity(staff, activity, [], 23, STARTS + timedelta(hours=2))
    assert activity.attendance_count == 23


def test_staff_can_message_the_registrants(make_activity, sign_up, staff):
    activity = make_activity(capacity=1)
    seated, waiting = sign_up(activity), sign_up(activity)
    before = len(registrant_mail())

    assert services.message_registrants(staff, activity, "Husk madpakke", "Vi spiser kl. 17.", NOW) == 1
    assert services.message_registrants(staff, activity, "Ny dato?", "Måske.", NOW, waitlist=True) == 2

    mails = registrant_mail()[before:]
    assert [m.to_email for m in mails] == [seated.email, seated.email, waiting.email]
    assert mails[0].subject == "Husk madpakke" and "Vi spiser kl. 17." in mails[0].body


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("staff", "admin")])
def test_only_staff_manage_activities(make_activity, person, role, place):
    actor = person(role)
    activity = make_activity(publish=False)
    data = services.ActivityData("X", "talk", "adults", place.id, STARTS, STARTS + timedelta(hours=1), capacity=5)
    for action in (
        lambda: services.create_activity(actor, data, NOW),
        lambda: services.update_activity(actor, activity, data, NOW),
        lambda: services.publish_activity(actor, activity, NOW),
        lambda: services.set_capacity(actor, activity, 20, NOW),
        lambda: services.cancel_activity(actor, activity, "Nej", NOW),
        lambda: services.complete_activity(actor, activity, [], 3, STARTS + timedelta(hours=2)),
        lambda: services.message_registrants(actor, activity, "Hej", "Hej", NOW),
        lambda: queries.staff_activities(actor, now=NOW),
    ):
        with pytest.raises(NotAllowed):
            action()
    assert activity.status == ActivityStatus.DRAFT


def test_drafts_are_hidden_from_the_public(make_activity, person):
    draft = make_activity(publish=False)

    with pytest.raises(NotFound):
        queries.get_public_activity(person("citizen"), draft.id)
    assert queries.get_public_activity(person("staff"), draft.id) is draft
