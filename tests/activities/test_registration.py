"""Signing up, the ordered waitlist, automatic promotion (the family-seats rule), capacity
changes and the cancel link."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking.activities import registration as reg
from booking.activities import services
from booking.activities.models import RegistrationStatus
from booking.errors import Conflict, Invalid, NotAllowed, NotFound
from tests.activities.conftest import registrant_mail
from tests.factories import NOW

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED


def statuses(registrations):
    return [r.status for r in registrations]


def test_seats_then_waitlist_in_order(make_activity, sign_up):
    activity = make_activity(capacity=3)

    people = [sign_up(activity) for _ in range(5)]

    assert statuses(people) == [CONFIRMED] * 3 + [WAITLISTED] * 2
    assert [reg.waitlist_position(r) for r in people[3:]] == [1, 2]
    seats = reg.availability(activity)
    assert (seats.free, seats.sold_out, seats.waiting) == (0, True, 2)
    assert activity.sold_out_at == NOW
    kinds = [m.kind for m in registrant_mail()]
    assert kinds == ["activity_confirmed"] * 3 + ["activity_waitlisted"] * 2
    assert "number 2 on the waitlist" in registrant_mail()[-1].body or "nummer 2" in registrant_mail()[-1].body


def test_cancelling_a_seat_promotes_exactly_the_first_waitlisted(make_activity, sign_up, staff):
    activity = make_activity(capacity=2)
    first, second, wait1, wait2 = (sign_up(activity) for _ in range(4))

    promoted = reg.cancel_registration(None, first, NOW, token=reg.cancel_token(first))

    assert promoted == [wait1]
    assert statuses([first, second, wait1, wait2]) == [CANCELLED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert wait1.confirmed_at == NOW and wait2.confirmed_at is None
    assert reg.waitlist_position(wait2) == 1
    mails = [(m.kind, m.to_email) for m in registrant_mail()[4:]]
    assert mails == [("activity_registration_cancelled", first.email), ("activity_promoted", wait1.email)]


def test_a_family_is_promoted_only_when_all_its_seats_are_free(make_activity, sign_up):
    """The rule: strict first come, first served; a party is never split and nobody overtakes it."""
    activity = make_activity(capacity=4)
    single1, single2, pair = sign_up(activity), sign_up(activity), sign_up(activity, seats=2)
    family = sign_up(activity, seats=3)
    latecomer = sign_up(activity)  # one seat; waits behind the family
    assert statuses([single1, single2, pair, family, latecomer]) == [CONFIRMED] * 3 + [WAITLISTED] * 2

    assert reg.cancel_registration(None, single1, NOW, token=reg.cancel_token(single1)) == []
    assert family.status == WAITLISTED and latecomer.status == WAITLISTED  # 1 seat free: nobody jumps the queue

    assert reg.cancel_registration(None, single2, NOW, token=reg.cancel_token(single2)) == []
    assert reg.availability(activity).free == 2

    promoted = reg.cancel_registration(None, pair, NOW, token=reg.cancel_token(pair))
    assert promoted == [family, latecomer]  # 4 free: the family of 3 first, then the single
    assert reg.availability(activity).free == 0


def test_a_new_sign_up_waits_when_others_are_waiting(make_activity, sign_up):
    activity = make_activity(capacity=3)
    sign_up(activity, seats=2)
    family = sign_up(activity, seats=2)  # 1 seat free: waits
    single = sign_up(activity)  # would fit, but someone is waiting

    assert (family.status, single.status) == (WAITLISTED, WAITLISTED)


def test_raising_capacity_promotes_and_lowering_never_drops(make_activity, sign_up, staff):
    activity = make_activity(capacity=3)
    people = [sign_up(activity) for _ in range(6)]

    promoted = services.set_capacity(staff, activity, 5, NOW)
    assert promoted == people[3:5]

    assert services.set_capacity(staff, activity, 4, NOW) == []
    assert statuses(people) == [CONFIRMED] * 5 + [WAITLISTED]
    seats = reg.availability(activity)
    assert (seats.taken, seats.free, seats.sold_out) == (5, 0, True)

    reg.cancel_registration(staff, people[0], NOW)  # 4 taken of 4: still no free seat
    assert people[5].status == WAITLISTED
    reg.cancel_registration(staff, people[1], NOW)
    assert people[5].status == CONFIRMED


def test_same_email_cannot_sign_up_twice(make_activity, english):
    activity = make_activity()
    reg.register(None, activity, reg.SignUp("Karen", "karen@example.dk"), NOW)

    with pytest.raises(Conflict, match="already signed up"):
        reg.register(None, activity, reg.SignUp("Karen S.", "Karen@Example.dk"), NOW)


@pytest.mark.parametrize(
    ("overrides", "now", "message"),
    [
        ({"registration_opens_at": NOW + timedelta(days=1)}, NOW, "has not opened yet"),
        ({"registration_closes_at": NOW + timedelta(hours=1)}, NOW + timedelta(hours=2), "closed"),
        ({}, NOW + timedelta(days=30), "closed"),
        ({"registration_required": False, "capacity": None}, NOW, "just come"),
    ],
)
def test_sign_up_only_while_open(make_activity, english, overrides, now, message):
    activity = make_activity(**overrides)

    with pytest.raises(Invalid, match=message):
        reg.register(None, activity, reg.SignUp("Karen", "karen@example.dk"), now)


def test_drafts_and_cancelled_activities_take_no_sign_ups(make_activity, staff, english):
    draft = make_activity(publish=False)
    with pytest.raises(Invalid, match="closed"):
        reg.register(None, draft, reg.SignUp("Karen", "karen@example.dk"), NOW)
    cancelled = make_activity(when=NOW + timedelta(days=20))
    services.cancel_activity(staff, cancelled, "Sygdom", NOW)
    with pytest.raises(Invalid, match="cancelled"):
        reg.register(None, cancelled, reg.SignUp("Karen", "karen@example.dk"), NOW)


def test_a_logged_in_citizen_is_linked_to_the_registration(make_activity, person):
    citizen = person("citizen")
    registration = reg.register(citizen, make_activity(), reg.SignUp(citizen.name, citizen.email), NOW)

    assert registration.user_id == citizen.id


def test_the_cancel_link_works_only_for_its_own_registration(make_activity, sign_up, english):
    activity = make_activity()
    mine, other = sign_up(activity), sign_up(activity)

    assert reg.registration_by_token(mine.id, reg.cancel_token(mine)) is mine
    with pytest.raises(NotFound):
        reg.registration_by_token(other.id, reg.cancel_token(mine))
    with pytest.raises(NotAllowed):
        reg.cancel_registration(None, other, NOW, token=reg.cancel_token(mine))
    with pytest.raises(NotAllowed):
        reg.cancel_registration(None, other, NOW)
    assert other.status == CONFIRMED


def test_the_confirmation_mail_carries_the_cancel_link(make_activity, sign_up, client):
    registration = sign_up(make_activity())

    message = registrant_mail()[0]
    assert message.to_email == registration.email
    assert reg.cancel_url(registration) in message.body
    assert message.subject.startswith("Du har en plads")


def test_a_cancelled_registration_cannot_be_cancelled_again(make_activity, sign_up, staff, english):
    registration = sign_up(make_activity())
    reg.cancel_registration(staff, registration, NOW)

    with pytest.raises(Invalid, match="already cancelled"):
        reg.cancel_registration(staff, registration, NOW)


def test_registrations_are_for_staff_only(make_activity, sign_up, person):
    activity = make_activity()
    sign_up(activity)

    for role in ("anonymous", "citizen", "member", "org_admin"):
        with pytest.raises(NotAllowed):
            reg.registrations(person(role), activity)
    assert len(reg.registrations(person("staff"), activity)) == 1
