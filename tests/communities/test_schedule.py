"""The schedule: expansion in wall-clock time, cancelled and moved dates, and their rules."""

from datetime import UTC, date, datetime, time

import pytest
from flask_babel import force_locale

from booking.communities import schedule
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db
from tests.factories import NOW


def starts(sessions):
    return [s.starts_at for s in sessions]


def test_weekly_meetings_keep_their_wall_clock_across_the_spring_change(create_community):
    community = create_community()  # Tuesdays 17:00–19:00

    found = schedule.sessions_on_days(community, date(2026, 3, 24), date(2026, 3, 31))

    assert starts(found) == [datetime(2026, 3, 24, 16, 0, tzinfo=UTC), datetime(2026, 3, 31, 15, 0, tzinfo=UTC)]
    assert all((s.ends_at - s.starts_at).total_seconds() == 7200 for s in found)


def test_monthly_and_every_other_week_rules(create_community):
    monthly = create_community(title="Læsekreds", recurrence="FREQ=MONTHLY;BYDAY=-1TH")
    biweekly = create_community(title="Brætspil", recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
                                valid_from=date(2026, 1, 7))

    assert [s.original_date for s in schedule.sessions_on_days(monthly, date(2026, 1, 1), date(2026, 3, 31))] == [
        date(2026, 1, 29), date(2026, 2, 26), date(2026, 3, 26)
    ]
    assert [s.original_date for s in schedule.sessions_on_days(biweekly, date(2026, 1, 1), date(2026, 1, 31))] == [
        date(2026, 1, 7), date(2026, 1, 21)
    ]


def test_a_cancelled_date_is_kept_with_its_note_for_the_page(create_community, organiser):
    community = create_community()

    schedule.cancel_date(organiser, community, date(2026, 2, 17), "Aflyst i vinterferien", NOW)

    found = schedule.sessions_on_days(community, date(2026, 2, 10), date(2026, 2, 24))
    assert [(s.original_date, s.cancelled, s.note) for s in found] == [
        (date(2026, 2, 10), False, None),
        (date(2026, 2, 17), True, "Aflyst i vinterferien"),
        (date(2026, 2, 24), False, None),
    ]
    assert date(2026, 2, 17) not in [
        s.original_date for s in schedule.sessions_on_days(community, date(2026, 2, 10), date(2026, 2, 24),
                                                           include_cancelled=False)
    ]


def test_a_moved_date_is_found_at_its_new_time_even_from_outside_the_window(create_community, organiser):
    community = create_community()
    # 2 April is Maundy Thursday (closed): the held room moves with the date, so 1 April.
    schedule.move_date(organiser, community, date(2026, 3, 31), date(2026, 4, 1), time(10, 0), time(12, 0), None, NOW)

    april = schedule.sessions_on_days(community, date(2026, 4, 1), date(2026, 4, 5))

    assert [(s.original_date, s.starts_at, s.moved) for s in april] == [
        (date(2026, 3, 31), datetime(2026, 4, 1, 8, 0, tzinfo=UTC), True)
    ]
    assert schedule.sessions_on_days(community, date(2026, 3, 31), date(2026, 3, 31)) == []


def test_each_change_raises_the_sequence(create_community, organiser):
    community = create_community()
    before = community.sequence

    schedule.cancel_date(organiser, community, date(2026, 2, 17), None, NOW)
    schedule.restore_date(organiser, community, date(2026, 2, 17), NOW)

    assert community.sequence == before + 2
    assert community.exceptions == []


def test_only_scheduled_dates_can_be_cancelled_or_moved(create_community, organiser, english):
    community = create_community()

    with pytest.raises(Invalid, match="does not meet"):
        schedule.cancel_date(organiser, community, date(2026, 2, 18), None, NOW)  # a Wednesday
    with pytest.raises(Invalid, match="end after"):
        schedule.move_date(organiser, community, date(2026, 2, 17), date(2026, 2, 18), time(12), time(11), None, NOW)
    with pytest.raises(Invalid, match="does not exist"):
        schedule.move_date(organiser, community, date(2026, 3, 24), date(2026, 3, 29), time(2, 30), time(4), None, NOW)
    with pytest.raises(NotFound):
        schedule.restore_date(organiser, community, date(2026, 2, 17), NOW)


@pytest.mark.parametrize("role", ["citizen", "member", "other_org_admin"])
def test_others_cannot_cancel_dates(create_community, person, role):
    community = create_community()

    with pytest.raises(NotAllowed):
        schedule.cancel_date(person(role), community, date(2026, 2, 17), None, NOW)
    db.session.rollback()


@pytest.mark.parametrize(
    ("rule", "ok"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", True),
        ("freq=weekly;byday=mo,th", True),
        ("FREQ=MONTHLY;BYDAY=-1FR", True),
        ("FREQ=DAILY", False),
        ("FREQ=WEEKLY", False),
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20300101", False),
        ("FREQ=WEEKLY;BYDAY=XX", False),
        ("", False),
    ],
)
def test_rules_are_checked(app, rule, ok):
    if ok:
        assert schedule.clean_rule(rule)
    else:
        with pytest.raises(Invalid):
            schedule.clean_rule(rule)


def test_the_schedule_in_words(create_community):
    weekly = create_community()
    monthly = create_community(title="Læsekreds", recurrence="FREQ=MONTHLY;BYDAY=1TH")

    with force_locale("da"):
        assert schedule.describe(weekly) == "Hver tirsdag, 17.00–19.00"
        assert schedule.describe(monthly) == "Den første torsdag i måneden, 17.00–19.00"
    with force_locale("en"):
        assert schedule.describe(weekly) == "Every Tuesday, 5:00\u202fPM–7:00\u202fPM"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE",
        "FREQ=MONTHLY;BYDAY=1TU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=2SA,4SA",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE",
        "FREQ=MONTHLY;BYDAY=TH",
    ],
)
@pytest.mark.parametrize("valid_from", [date(2025, 12, 31), date(2026, 3, 29), date(2026, 10, 25)])
def test_the_direct_date_check_agrees_with_dateutil(app, rule, valid_from):
    """is_scheduled and first_date answer without iterating the rule (the feeds ask them for
    every exception of every series); dateutil.rrule is the reference."""
    from datetime import timedelta

    from dateutil.rrule import rrulestr

    from booking.communities.models import Community

    community = Community(recurrence=rule, valid_from=valid_from, valid_until=date(2027, 12, 31),
                          start_time=time(17), end_time=time(19))
    reference = {
        moment.date()
        for moment in rrulestr(rule, dtstart=datetime.combine(valid_from, time())).between(
            datetime.combine(valid_from, time()), datetime(2027, 12, 31), inc=True
        )
    }
    days = [valid_from + timedelta(days=n) for n in range(-3, 720)]

    assert {day for day in days if schedule.is_scheduled(community, day)} == {d for d in reference if d in days}
    assert schedule.first_date(community) == min(reference)
    assert set(schedule.series_dates(community, valid_from, date(2027, 12, 31))) == reference
