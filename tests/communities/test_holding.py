"""A community with a room holds it through a booking series, kept in step with its schedule:
approval books the coming dates (closed days become cancelled dates, a taken date refuses the
approval and writes nothing), and date changes, pausing, ending and schedule edits follow."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from booking.bookings import services as bookings
from booking.bookings.models import Booking, BookingStatus
from booking.bookings.rules import local_slot
from booking.communities import holding, schedule, services
from booking.communities.models import CommunityStatus, ExceptionKind
from booking.errors import Conflict
from booking.extensions import db
from tests.communities.conftest import community_data
from tests.factories import NOW


def held(community) -> list[tuple[datetime, datetime]]:
    """The active dates of the community's series from NOW on."""
    booking = community.booking
    if booking is None:
        return []
    return sorted((o.starts_at, o.ends_at) for o in booking.occurrences if o.active and o.starts_at >= NOW)


def shown(community) -> list[tuple[datetime, datetime]]:
    """What the pages and feeds show (the schedule module), over the same span."""
    if community.status != CommunityStatus.ACTIVE:
        return []
    end = NOW + timedelta(days=holding.HORIZON_DAYS)
    return sorted((s.starts_at, s.ends_at) for s in schedule.sessions(community, NOW, end, include_cancelled=False))


def other_booking(staff, room, day: date, start=time(17), end=time(19)):
    starts_at, ends_at = local_slot(day, start, end)
    result = bookings.create_booking(staff, room, starts_at, ends_at, title="Bestyrelsesmøde", now=NOW,
                                     allocated=True)
    db.session.commit()
    return result.booking


def test_approval_books_the_coming_dates_for_the_organiser(create_community, club, room, staff):
    community = create_community()

    booking = community.booking
    assert booking is not None and booking.status == BookingStatus.APPROVED
    assert booking.organisation == club and booking.room == room and booking.public
    assert held(community) == shown(community)
    assert held(community)[0] == (datetime(2026, 3, 3, 16, 0, tzinfo=UTC), datetime(2026, 3, 3, 18, 0, tzinfo=UTC))
    # Across the change to summer time the meeting stays 17:00 local.
    assert (datetime(2026, 3, 31, 15, 0, tzinfo=UTC), datetime(2026, 3, 31, 17, 0, tzinfo=UTC)) in held(community)
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in booking.recurrence_rule


def test_closed_days_are_not_booked_and_show_as_cancelled(create_community):
    community = create_community(recurrence="FREQ=WEEKLY;BYDAY=TH")

    closed = {e.original_date: e for e in community.exceptions}
    assert closed[date(2026, 4, 2)].kind == ExceptionKind.CANCELLED  # Maundy Thursday
    assert closed[date(2026, 5, 14)].kind == ExceptionKind.CANCELLED  # Ascension Day
    assert held(community) == shown(community)
    assert all(start.date() != date(2026, 4, 2) for start, _end in held(community))


def test_a_taken_date_refuses_the_approval_naming_it_and_writes_nothing(create_community, room, staff):
    taken = other_booking(staff, room, date(2026, 3, 17))
    community = create_community(approve=False)

    with pytest.raises(Conflict) as refused:
        services.approve(staff, community, NOW)
    db.session.rollback()

    assert "17.03.2026 17:00" in refused.value.message
    assert refused.value.details["clashes"][0]["starts_at"].startswith("2026-03-17T16:00")
    db.session.refresh(community)
    assert community.status == CommunityStatus.PROPOSED and community.booking_id is None
    assert community.exceptions == []
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 1
    assert taken.status == BookingStatus.APPROVED


def test_staff_may_hold_only_the_free_dates(create_community, room, staff):
    other_booking(staff, room, date(2026, 3, 17))
    community = create_community(approve=False)

    services.approve(staff, community, NOW, free_dates_only=True)

    assert community.status == CommunityStatus.ACTIVE
    skipped = [e for e in community.exceptions if e.original_date == date(2026, 3, 17)]
    assert skipped and skipped[0].kind == ExceptionKind.CANCELLED
    assert held(community) == shown(community)
    assert all(start.date() != date(2026, 3, 17) for start, _end in held(community))


def test_the_approval_page_shows_the_clash_and_nothing_is_published(client, auth, create_community, room, staff):
    other_booking(staff, room, date(2027, 1, 12))  # the view works with the real clock
    community = create_community(approve=False)
    auth.login(staff)

    response = client.post(f"/personale/faellesskaber/{community.slug}/moderer", data={"action": "approve"},
                           follow_redirects=True)

    assert response.status_code == 200
    assert "12.01.2027" in response.get_data(as_text=True)
    db.session.expire_all()
    assert community.status == CommunityStatus.PROPOSED and community.booking_id is None


def test_cancelling_moving_and_restoring_a_date_follow_in_the_booking(create_community, organiser):
    community = create_community()
    day = date(2026, 3, 10)

    schedule.cancel_date(organiser, community, day, "Aflyst: generalforsamling", NOW)
    occurrence = holding.occurrence_for(community, day)
    assert occurrence is not None and not occurrence.active
    assert occurrence.cancel_reason == "Aflyst: generalforsamling"
    assert held(community) == shown(community)

    schedule.restore_date(organiser, community, day, NOW)
    assert held(community) == shown(community)
    assert holding.occurrence_for(community, day).active

    schedule.move_date(organiser, community, day, date(2026, 3, 11), time(18), time(20), "Onsdag denne gang", NOW)
    moved = holding.occurrence_for(community, day)
    assert moved.active and moved.starts_at == datetime(2026, 3, 11, 17, 0, tzinfo=UTC)
    assert held(community) == shown(community)


def test_moving_a_date_onto_a_taken_slot_changes_nothing(create_community, organiser, room, staff):
    community = create_community()
    other_booking(staff, room, date(2026, 3, 11), time(18), time(20))

    with pytest.raises(Conflict):
        schedule.move_date(organiser, community, date(2026, 3, 10), date(2026, 3, 11), time(18), time(20), None, NOW)
    db.session.rollback()

    db.session.refresh(community)
    assert community.exceptions == []
    assert held(community) == shown(community)


def test_pausing_frees_the_room_and_resuming_holds_it_again(create_community, organiser):
    community = create_community()

    services.set_status(organiser, community, "paused", NOW)
    assert held(community) == []

    services.set_status(organiser, community, "active", NOW)
    assert held(community) == shown(community) != []


def test_ending_frees_the_following_dates(create_community, organiser):
    community = create_community()

    services.set_status(organiser, community, "ended", NOW)

    assert held(community) == []
    assert community.valid_until == date(2026, 3, 2)


def test_editing_the_schedule_replans_the_series(create_community, organiser, place, room):
    community = create_community()
    booking = community.booking

    services.update_community(organiser, community, community_data(place, room, recurrence="FREQ=WEEKLY;BYDAY=WE",
                                                                   start_time=time(10), end_time=time(12)), NOW)

    assert community.booking is booking
    assert held(community) == shown(community)
    assert all(start.weekday() == 2 for start, _end in held(community))


def test_an_edit_that_clashes_is_refused_and_the_old_series_stays(create_community, organiser, place, room, staff):
    community = create_community()
    before = held(community)
    other_booking(staff, room, date(2026, 3, 18), time(10), time(12))

    with pytest.raises(Conflict):
        services.update_community(organiser, community, community_data(
            place, room, recurrence="FREQ=WEEKLY;BYDAY=WE", start_time=time(10), end_time=time(12)), NOW)
    db.session.rollback()

    db.session.refresh(community)
    assert community.recurrence == "FREQ=WEEKLY;BYDAY=TU"
    assert held(community) == before


def test_moving_the_community_to_another_room_moves_the_hold(create_community, organiser, place, create_room):
    community = create_community()
    old = community.booking
    other = create_room("Mødelokale 3", location=place)

    services.update_community(organiser, community, community_data(place, other), NOW)

    assert old.status == BookingStatus.CANCELLED
    assert community.booking.room == other
    assert held(community) == shown(community)


def test_a_community_without_a_room_holds_nothing(create_community):
    community = create_community(room_id=None)

    assert community.booking is None


def test_staff_can_approve_holding_only_the_free_dates_on_the_page(client, auth, create_community, room, staff):
    other_booking(staff, room, date(2027, 1, 12))
    community = create_community(approve=False)
    auth.login(staff)

    client.post(f"/personale/faellesskaber/{community.slug}/moderer", data={"action": "approve_free"})

    db.session.expire_all()
    assert community.status == CommunityStatus.ACTIVE and community.booking is not None
    assert any(e.original_date == date(2027, 1, 12) and e.kind == ExceptionKind.CANCELLED for e in community.exceptions)


@pytest.mark.parametrize("role", ["anonymous", "citizen", "member", "org_admin", "other_org_admin"])
def test_only_staff_can_approve_with_or_without_the_taken_dates(client, auth, create_community, person, role):
    community = create_community(approve=False)
    user = person(role)
    if user is not None:
        auth.login(user)

    response = client.post(f"/personale/faellesskaber/{community.slug}/moderer", data={"action": "approve_free"})

    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"] or "/log-ind" in response.headers["Location"]
    db.session.expire_all()
    assert community.status == CommunityStatus.PROPOSED and community.booking_id is None


def test_the_weekly_job_extends_the_holds(app, create_community, staff):
    community = create_community()
    last = max(o.starts_at for o in community.booking.occurrences)

    result = app.test_cli_runner().invoke(args=["communities", "extend-holds", "--staff", staff.email])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert max(o.starts_at for o in community.booking.occurrences) > last  # the real clock is later than NOW
    refused = app.test_cli_runner().invoke(args=["communities", "extend-holds", "--staff", "nobody@example.org"])
    assert refused.exit_code != 0
