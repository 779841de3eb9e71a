"""``flask seed-demo``: believable open communities, last year's overview published, this
year's a draft, and every page and feed of them works."""

from sqlalchemy import select

from booking.communities import editions
from booking.communities.models import Community, CommunityStatus, EditionStatus
from booking.db import utcnow
from booking.extensions import db
from booking.timeutil import local_date
from tests.feeds.helpers import parse


def test_seed_demo_has_communities_editions_and_feeds(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output

    communities = db.session.scalars(select(Community)).all()
    statuses = [c.status for c in communities]
    assert 20 <= len(communities) <= 30
    assert statuses.count(CommunityStatus.ACTIVE) >= 18
    assert {CommunityStatus.PROPOSED, CommunityStatus.CHANGES_REQUESTED, CommunityStatus.PAUSED} <= set(statuses)
    assert len({c.location_id for c in communities}) >= 5
    assert any(e.note == "Aflyst i vinterferien" for c in communities for e in c.exceptions)

    year = local_date(utcnow()).year
    assert editions.published_edition(year - 1).status == EditionStatus.PUBLISHED
    assert [e.status for e in editions.editions_of(year)] == [EditionStatus.DRAFT]

    assert client.get("/faellesskaber").status_code == 200
    for community in communities:
        if community.is_public:
            assert client.get(f"/faellesskaber/{community.slug}").status_code == 200, community.slug
    assert client.get(f"/faellesskaber/{year - 1}").status_code == 200
    assert client.get(f"/faellesskaber/{year - 1}/print").status_code == 200
    feed = client.get("/kalender/faellesskaber.ics")
    assert len(parse(feed.data).walk("VEVENT")) >= statuses.count(CommunityStatus.ACTIVE)
    assert len(feed.data) < 200_000
