"""The demo: visitor counts for the demo year, about thirty statements, eight interviews, and
last year's completed review with decisions that this year's draft follows up; the staff
pages render in Danish."""

from __future__ import annotations

from sqlalchemy import func, select

from booking.extensions import db
from booking.review import services as reviews
from booking.review.models import ReviewStatus, RoomReview
from booking.statements.models import Statement, StatementKind
from booking.strategy.demo_history import HISTORY_TAG
from booking.visitors.models import VisitorCount


def test_the_demo_has_the_figures_and_a_review_to_follow_up(runner, client, auth):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0

    # The action plan's demo adds what was recorded for the plan's earlier half years, tagged.
    own = ~Statement.tags.like(f"%,{HISTORY_TAG},%")
    kinds = dict(db.session.execute(select(Statement.kind, func.count()).where(own).group_by(Statement.kind)).all())
    assert kinds[StatementKind.STATEMENT] == 30
    assert kinds[StatementKind.INTERVIEW] == 8
    assert kinds[StatementKind.PRACTICE_STORY] >= 1
    assert all(s.citizen_name is None or s.consent_to_quote for s in db.session.scalars(select(Statement)))
    assert db.session.scalar(select(func.count()).select_from(VisitorCount)) > 1000
    done, draft = db.session.scalars(select(RoomReview).order_by(RoomReview.year)).all()
    assert done.status == ReviewStatus.COMPLETED and done.snapshot and done.decisions
    assert draft.status == ReviewStatus.DRAFT and reviews.open_decisions_from_last_year(draft)

    auth.login("personale@folkebiblioteket.example", "demo-personale")
    page = client.get(f"/personale/gennemgang/{draft.id}").get_data(as_text=True)
    assert "Åbne beslutninger fra gennemgangen" in page
    assert "Besøgende" in client.get("/personale/statistik").get_data(as_text=True)
    for url in ("/personale/udsagn", "/personale/besoegstal", "/personale/statistik/tal",
                f"/personale/gennemgang/{done.id}/udskrift"):  # fmt: skip
        assert client.get(url).status_code == 200, url
