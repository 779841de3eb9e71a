"""Bad input: a clear message, nothing written, never a 500."""

from __future__ import annotations

from html import unescape

import pytest

from booking.allocation import applications as apps
from booking.allocation import services as rounds
from booking.errors import Invalid
from booking.extensions import db
from tests.allocation.conftest import AFTER_WINDOW, round_data, snapshot, wish, wish_form
from tests.factories import NOW


@pytest.fixture
def club(make_club):
    return make_club("Ørnereden")


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def refused(action, message: str) -> None:
    db.session.commit()
    before = snapshot()
    with pytest.raises(Invalid, match=message):
        action()
    db.session.rollback()
    assert snapshot() == before


CASES = {
    "outside opening hours": (lambda p: [wish([p.hall], "21:00", "23:00")], "Salen is not open Tuesday 21:00–23:00"),
    "end before start": (lambda p: [wish([p.hall], "19:00", "17:00")], "the end must be after the start"),
    "200 wishes": (lambda p: [wish([p.hall], "17:00", "18:00")] * 200, "at most 20 wished times"),
    "no wishes": (lambda p: [], "Add at least one wished time"),
    "no participants": (lambda p: [wish([p.hall], "17:00", "18:00", participants=0)], "at least 1"),
}  # fmt: skip


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", CASES)
def test_application(case, club, open_round, place):
    wishes, message = CASES[case]
    refused(lambda: apps.save_application(club.admin, open_round, club.organisation, wishes(place), None, NOW), message)


@pytest.mark.usefixtures("english")
def test_unknown_room(club, open_round, place, create_room):
    elsewhere = create_room("Kælderen")
    for room_id in (elsewhere.id, 987654):
        data = wish([place.hall], "17:00", "18:00")
        data.room_ids = [room_id]
        refused(lambda d=data: apps.save_application(club.admin, open_round, club.organisation, [d], None, NOW),
                "that room is not part of this round")  # fmt: skip


@pytest.mark.usefixtures("english")
def test_after_the_window(club, open_round, place):
    data = [wish([place.hall], "17:00", "18:00")]
    refused(lambda: apps.save_application(club.admin, open_round, club.organisation, data, None, AFTER_WINDOW),
            "not open for applications")  # fmt: skip


@pytest.mark.usefixtures("english")
def test_without_a_confirmed_profile(make_club, open_round, place):
    newcomer = make_club("Nye Forening", profile=False)
    data = [wish([place.hall], "17:00", "18:00")]
    refused(lambda: apps.save_application(newcomer.admin, open_round, newcomer.organisation, data, None, NOW),
            "Confirm the organisation's details for 2026")  # fmt: skip


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("overrides", "message"), [
    ({"season_end": None}, "Season ends is required"),
    ({"accept_by": rounds.date(2026, 4, 1)}, "Accept by cannot be before Decisions by"),
    ({"window_closes": rounds.date(2026, 9, 1), "decision_date": rounds.date(2026, 9, 2),
      "accept_by": rounds.date(2026, 9, 3)}, "Applications must close before the season starts"),
    ({"room_ids": []}, "at least one room"),
    ({"room_ids": [424242]}, "does not exist"),
])  # fmt: skip
def test_round(overrides, message, staff, place):
    refused(lambda: rounds.create_round(staff, round_data([place.hall], **overrides), NOW), message)


def test_application_page_shows_the_message_beside_the_wish(client, auth, make_club, live_round, place):
    club = make_club("Springeren")
    apps.confirm_profile(club.admin, club.organisation, live_round.season_start.year,
                         apps.ProfileData("A", "a@example.org", None, "B", 3), NOW)  # fmt: skip
    db.session.commit()
    auth.login(club.admin)
    url = f"/foreninger/{club.organisation.slug}/fordeling/{live_round.id}"
    before = snapshot()

    late = client.post(url, data=wish_form([place.hall], starts="21:30", ends="23:00"))
    backwards = client.post(url, data=wish_form([place.hall], starts="19:00", ends="17:00"))
    garbage = client.post(url, data=wish_form([place.hall], starts="nonsense", room_1="x"))

    assert late.status_code == backwards.status_code == garbage.status_code == 200
    assert "Salen is not open" in unescape(late.get_data(as_text=True))
    assert 'id="wishes-0-ends-error"' in backwards.get_data(as_text=True)
    assert '<a href="#wishes-0-starts">Wished time 1, From: Enter a time as hours and minutes' in page(garbage)
    assert snapshot() == before


def test_staff_forms_refuse_garbage_without_a_500(client, auth, staff, live_round, place):
    auth.login(staff)
    before = snapshot()
    garbage_round = client.post("/personale/fordeling/ny", data={
        "name": "", "season_start": "31-31-2026", "season_end": "x", "window_opens": "", "window_closes": "",
        "decision_date": "", "accept_by": "", "room_ids": ["abc", "99999"],
    })  # fmt: skip
    tiers = client.post(f"/personale/fordeling/{live_round.id}/prioriteter", data={"position_1": "første"})
    unknown_step = client.post(f"/personale/fordeling/{live_round.id}/trin/slet-alt", data={})
    too_early = client.post(f"/personale/fordeling/{live_round.id}/trin/close", data={})

    assert garbage_round.status_code == 200 and "Enter a date" in page(garbage_round)
    assert tiers.status_code == 200 and "each number once" in page(tiers)
    assert unknown_step.status_code == 404
    assert too_early.status_code == 302
    assert "Applications are open until" in page(client.get(too_early.headers["Location"]))
    assert snapshot() == before
