"""Bad input on the staff pages gives a message on the form, never a 500, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from booking.extensions import db
from booking.review import services as reviews
from tests.factories import NOW

TABLES = ("visitor_count", "visitor_import", "statement", "room_review", "room_evaluation", "review_decision",
          "review_procedure")  # fmt: skip


def snapshot() -> dict[str, list[str]]:
    db.session.expire_all()
    return {name: sorted(repr(tuple(row)) for row in db.session.execute(select(db.metadata.tables[name])))
            for name in TABLES}  # fmt: skip


def statement(place, **overrides):
    data = {"kind": "statement", "said_on": "2026-01-05", "location_id": str(place.id), "room_id": "",
            "age_group": "adult", "channel": "email", "text": "Hej", "tags": "", "citizen_name": ""}  # fmt: skip
    data.update(overrides)
    return data


CASES = {
    "negative count": lambda w: ("/personale/besoegstal", {"location_id": w.place.id, "span": "day",
                                                           "day": "2026-01-05", "visitors": "-3"}),
    "count not a number": lambda w: ("/personale/besoegstal", {"location_id": w.place.id, "span": "day",
                                                               "day": "2026-01-05", "visitors": "mange"}),
    "count for no place": lambda w: ("/personale/besoegstal", {"location_id": "999999", "span": "day",
                                                               "day": "2026-01-05", "visitors": "3"}),
    "count bad date": lambda w: ("/personale/besoegstal", {"location_id": w.place.id, "span": "day",
                                                           "day": "5. januar", "visitors": "3"}),
    "statement without text": lambda w: ("/personale/udsagn/nyt", statement(w.place, text="")),
    "statement in the future": lambda w: ("/personale/udsagn/nyt", statement(w.place, said_on="2027-01-01")),
    "statement room elsewhere": lambda w: ("/personale/udsagn/nyt", statement(w.place, room_id=w.night_room.id)),
    "statement name no consent": lambda w: ("/personale/udsagn/nyt", statement(w.place, citizen_name="Anna")),
    "statement unknown channel": lambda w: ("/personale/udsagn/nyt", statement(w.place, channel="brevdue")),
    "review year too early": lambda w: ("/personale/gennemgang/ny", {"location_id": w.place.id, "year": "1999"}),
    "review year in the future": lambda w: ("/personale/gennemgang/ny", {"location_id": w.place.id, "year": "2031"}),
    "review twice": lambda w: ("/personale/gennemgang/ny", {"location_id": w.place.id, "year": "2025"}),
    "decision without owner": lambda w: (f"/personale/gennemgang/{w.review}/beslutninger",
                                         {"room_id": "", "area": "equipment", "description": "Kabel", "owner": "",
                                          "due_on": "", "status": "open"}),
    "decision bad area": lambda w: (f"/personale/gennemgang/{w.review}/beslutninger",
                                    {"room_id": "", "area": "magi", "description": "Kabel", "owner": "Drift",
                                     "due_on": "", "status": "open"}),
    "procedure empty": lambda w: (f"/personale/gennemgang/procedure/{w.place.id}", {"text": " "}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_a_message(client, auth, world, staff, case):
    world.review = reviews.open_review(staff, world.place.id, 2025, NOW).id
    auth.login(staff)
    url, data = CASES[case](world)
    before = snapshot()

    response = client.post(url, data=data)

    assert response.status_code in (200, 400), response.status_code
    assert 'class="error' in response.get_data(as_text=True) or "error-summary" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_completed_review_refuses_changes_with_a_message(client, auth, world, staff):
    review = reviews.open_review(staff, world.place.id, 2025, NOW)
    reviews.complete_review(staff, review, NOW)
    auth.login(staff)
    before = snapshot()
    url = f"/personale/gennemgang/{review.id}/evaluering"
    response = client.post(url, data={"room_id": world.room.id, "text": "x"})
    assert response.status_code == 302
    assert snapshot() == before
    assert "can no longer be changed" in client.get(f"/personale/gennemgang/{review.id}").get_data(as_text=True)
