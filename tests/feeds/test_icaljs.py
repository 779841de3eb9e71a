"""The feed read by ical.js, the parser inside Thunderbird, which is not built on icalendar:
its expansion must equal the database's sessions across both changes of the clocks.

Needs node and ``npm install --prefix tests/feeds/js`` (ical.js, pinned in package.json)."""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from booking.communities import schedule
from booking.extensions import db
from tests.factories import NOW
from tests.feeds.helpers import database_sessions, feed_at

SCRIPT = Path(__file__).parent / "js" / "expand.mjs"
NODE = shutil.which("node")
INSTALLED = (SCRIPT.parent / "node_modules" / "ical.js").is_dir()

pytestmark = pytest.mark.skipif(
    not (NODE and INSTALLED), reason="needs node and `npm install --prefix tests/feeds/js`"
)


def icaljs_expand(body: bytes, start: datetime, end: datetime) -> list[tuple[datetime, datetime, str]]:
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    result = subprocess.run(
        [NODE, str(SCRIPT), start.strftime(fmt), end.strftime(fmt)],
        input=body, capture_output=True, check=True, timeout=60,
    )
    parsed = json.loads(result.stdout)
    return sorted(
        (datetime.fromisoformat(a).replace(tzinfo=UTC), datetime.fromisoformat(b).replace(tzinfo=UTC), title)
        for a, b, title in parsed
    )


def test_icaljs_expands_to_the_database_sessions(create_community, organiser):
    # No room: these meetings move into the night of the clock change, when no room is open.
    chess = create_community(title="Skakcafé, æøå; \"test\"", room_id=None)
    schedule.cancel_date(organiser, chess, date(2026, 2, 17), "Vinterferie", NOW)
    schedule.cancel_date(organiser, chess, date(2026, 10, 27), None, NOW)
    schedule.move_date(organiser, chess, date(2026, 3, 31), date(2026, 4, 1), time(2, 30), time(4, 0), None, NOW)
    early = create_community(
        title="Morgenfugle", recurrence="FREQ=WEEKLY;BYDAY=SU", start_time=time(3, 30), end_time=time(5, 0),
        valid_from=date(2026, 3, 1), valid_until=date(2026, 11, 29), room_id=None,
    )
    db.session.commit()
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)

    expanded = icaljs_expand(feed_at(NOW), start, end)

    assert expanded == sorted(database_sessions(chess, start, end) + database_sessions(early, start, end))
    spring = (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), datetime(2026, 3, 29, 3, 0, tzinfo=UTC), "Morgenfugle")
    assert spring in expanded
    assert datetime(2026, 10, 27, 16, 0, tzinfo=UTC) not in [s for s, _e, _t in expanded]
