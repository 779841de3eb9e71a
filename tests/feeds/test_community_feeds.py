"""The community feeds, read by independent parsers: the occurrences they expand to are the
database's, across both changes of the clocks, with cancelled dates gone and moved dates at
their new time."""

from datetime import UTC, date, datetime, time

import pytest

from booking.communities import schedule, services
from booking.extensions import db
from tests.factories import NOW
from tests.feeds.helpers import database_sessions, expand, feed_at, lines, parse, unfolded

YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
YEAR_END = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def chess(create_community, organiser):
    """Tuesdays 17:00–19:00 all year; the winter-holiday Tuesday cancelled; the first Tuesday
    of November moved to the Thursday (after the autumn change)."""
    community = create_community()
    schedule.cancel_date(organiser, community, date(2026, 2, 17), "Aflyst i vinterferien", NOW)
    schedule.move_date(
        organiser, community, date(2026, 11, 3), date(2026, 11, 5), time(18, 0), time(20, 0), "Flyttet til torsdag", NOW
    )
    db.session.commit()
    return community


def test_the_feed_expands_to_the_database_sessions_across_both_clock_changes(client, chess):
    body = feed_at(NOW)

    expanded = expand(body, YEAR_START, YEAR_END)

    assert expanded == database_sessions(chess, YEAR_START, YEAR_END)
    starts = [start for start, _end, _title in expanded]
    # 17:00 local is 16:00Z in winter and 15:00Z in summer, on both sides of each change.
    assert datetime(2026, 3, 24, 16, 0, tzinfo=UTC) in starts
    assert datetime(2026, 3, 31, 15, 0, tzinfo=UTC) in starts
    assert datetime(2026, 10, 20, 15, 0, tzinfo=UTC) in starts
    assert datetime(2026, 10, 27, 16, 0, tzinfo=UTC) in starts
    assert len(expanded) == 52 - 1  # 52 Tuesdays in 2026 from 6 January, one cancelled


def test_a_cancelled_date_is_gone_and_a_moved_date_is_at_its_new_time(client, chess):
    body = feed_at(NOW)
    starts = [start for start, _end, _title in expand(body, YEAR_START, YEAR_END)]

    assert datetime(2026, 2, 17, 16, 0, tzinfo=UTC) not in starts
    assert datetime(2026, 11, 3, 16, 0, tzinfo=UTC) not in starts
    assert datetime(2026, 11, 5, 17, 0, tzinfo=UTC) in starts  # 18:00 local, winter time
    text = unfolded(body)
    assert "EXDATE;TZID=Europe/Copenhagen:20260217T170000" in text
    assert "RECURRENCE-ID;TZID=Europe/Copenhagen:20261103T170000" in text
    assert not any(line.startswith("STATUS:CANCELLED") for line in text)


def test_the_override_has_no_rule_and_the_series_sequence(client, chess):
    calendar = parse(feed_at(NOW))
    events = calendar.walk("VEVENT")
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    override = next(e for e in events if "RECURRENCE-ID" in e)

    assert "RRULE" not in override
    assert override["UID"] == master["UID"]
    assert int(override["SEQUENCE"]) >= int(master["SEQUENCE"])
    assert override["RECURRENCE-ID"].dt.tzinfo.key == master["DTSTART"].dt.tzinfo.key == "Europe/Copenhagen"
    assert "Flyttet til torsdag" in str(override["DESCRIPTION"])


def test_an_event_at_0330_on_the_spring_forward_day_lands_at_0130z(client, create_community):
    create_community(
        title="Morgenfugle", recurrence="FREQ=WEEKLY;BYDAY=SU", start_time=time(3, 30), end_time=time(5, 0),
        valid_from=date(2026, 3, 1), room_id=None,  # no room is open at that hour
    )

    body = feed_at(NOW)
    weekend = (datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))
    starts = [start for start, _end, _t in expand(body, *weekend)]

    assert starts == [datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]


def test_editing_keeps_the_uid_and_raises_the_sequence(client, chess, organiser, place, room):
    before = parse(feed_at(NOW)).walk("VEVENT")[0]
    from tests.communities.conftest import community_data

    services.update_community(organiser, chess, community_data(place, room, title="Skakcafé for alle"), NOW)
    db.session.commit()
    after = parse(feed_at(NOW)).walk("VEVENT")[0]

    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["SUMMARY"]) == "Skakcafé for alle"


def test_text_with_special_characters_and_markup_round_trips(client, create_community):
    title = "Æblekage, strik; og <script>alert('x')</script>"
    description = "Første linje, med komma; og semikolon\nAnden linje: æøå ÆØÅ \\ slut"
    create_community(title=title, description=description)

    event = parse(feed_at(NOW)).walk("VEVENT")[0]

    assert str(event["SUMMARY"]) == title
    assert description in str(event["DESCRIPTION"])


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_a_character(client, create_community):
    create_community(title="Strikkecafé " + "æøå" * 40, description="Ø" * 400)

    body = feed_at(NOW)

    for line in lines(body):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8
        assert b"\n" not in line and b"\r" not in line


def test_calendar_properties_for_subscribing_clients(client, chess):
    text = unfolded(feed_at(NOW))

    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text
    assert "X-PUBLISHED-TTL:PT6H" in text
    assert any(line.startswith("NAME:") for line in text)
    assert any(line.startswith("X-WR-CALNAME:") for line in text)
    assert any(line.startswith("DESCRIPTION:") for line in text)
    assert any(line.startswith("X-WR-CALDESC:") for line in text)
    assert "X-WR-TIMEZONE:Europe/Copenhagen" in text
    events = text[text.index("BEGIN:VEVENT"):]
    assert not any(line.split(":", 1)[0] in ("DTSTART", "DTEND", "EXDATE") for line in events), "floating time"
    dtstamps = {line for line in text if line.startswith("DTSTAMP:")}
    assert dtstamps == {"DTSTAMP:" + chess.updated_at.strftime("%Y%m%dT%H%M%SZ")}


def test_every_tzid_has_a_vtimezone(client, chess):
    calendar = parse(feed_at(NOW))
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = {
        prop.params["TZID"]
        for event in calendar.walk("VEVENT")
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID")
        if (prop := event.get(name)) is not None
    }

    assert used == zones == {"Europe/Copenhagen"}


def test_feeds_per_location_category_and_community(client, chess, create_community, create_location):
    elsewhere = create_location("Lindved Bibliotek")
    knitting = create_community(title="Strikkecafé", category="crafts", location_id=elsewhere.id, room_id=None)

    def titles(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return sorted(str(e["SUMMARY"]) for e in parse(response.data).walk("VEVENT") if "RECURRENCE-ID" not in e)

    assert titles("/kalender/faellesskaber.ics") == ["Skakcafé", "Strikkecafé"]
    assert titles(f"/kalender/faellesskaber/steder/{elsewhere.slug}.ics") == ["Strikkecafé"]
    assert titles("/kalender/faellesskaber/kategorier/games.ics") == ["Skakcafé"]
    assert titles(f"/kalender/faellesskaber/{knitting.slug}.ics") == ["Strikkecafé"]
    assert client.get("/kalender/faellesskaber/kategorier/nonsense.ics").status_code == 404
    assert client.get("/kalender/faellesskaber/steder/nowhere.ics").status_code == 404
    assert client.get("/kalender/faellesskaber/nothing-here.ics").status_code == 404


def test_a_proposed_community_is_in_no_feed(client, create_community):
    proposed = create_community(approve=False, title="Endnu ikke godkendt")

    assert b"Endnu ikke godkendt" not in feed_at(NOW)
    assert client.get(f"/kalender/faellesskaber/{proposed.slug}.ics").status_code == 404


def test_a_community_that_ended_before_the_window_is_left_out(client, create_community):
    create_community(title="Gammel læsekreds", valid_from=date(2024, 1, 2), valid_until=date(2025, 6, 30))
    create_community(title="Ny læsekreds", valid_from=date(2025, 11, 4))

    body = feed_at(NOW)

    assert b"Gammel" not in body
    assert b"Ny l" in body


def test_an_ended_series_has_until_in_utc(client, create_community):
    create_community(valid_until=date(2026, 6, 30))

    rule = next(line for line in unfolded(feed_at(NOW)) if line.startswith("RRULE:FREQ=WEEKLY"))

    assert "UNTIL=20260630T150000Z" in rule
