"""The database foundation: one instant type for both databases, and enforced foreign keys."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from booking.accounts.models import Membership, User
from booking.extensions import db

SUMMER = timezone(timedelta(hours=2))  # Copenhagen in summer


def test_an_instant_with_an_offset_comes_back_as_the_same_instant_in_utc(create_user):
    user = create_user()
    user.last_login_at = datetime(2026, 6, 1, 12, 0, tzinfo=SUMMER)
    db.session.commit()
    db.session.expire_all()

    stored = db.session.get(User, user.id).last_login_at

    assert stored == datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)
    assert stored.tzinfo is UTC


def test_instants_compare_as_instants_in_queries(create_user):
    user = create_user()
    user.last_login_at = datetime(2026, 6, 1, 12, 0, tzinfo=SUMMER)
    db.session.commit()

    just_before = datetime(2026, 6, 1, 9, 59, tzinfo=UTC)
    just_after = datetime(2026, 6, 1, 12, 1, tzinfo=SUMMER)
    found = db.session.scalars(
        select(User.id).where(User.last_login_at > just_before, User.last_login_at < just_after)
    ).all()

    assert found == [user.id]


def test_the_database_holds_the_utc_instant(app, create_user):
    user = create_user()
    user.last_login_at = datetime(2026, 6, 1, 12, 0, tzinfo=SUMMER)
    db.session.commit()
    query = {
        "sqlite": "SELECT last_login_at FROM user_account WHERE id = :id",  # naive UTC text
        "postgresql": "SELECT to_char(last_login_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
        " FROM user_account WHERE id = :id",  # timestamptz, read on the UTC wall clock
    }[db.engine.dialect.name]

    raw = db.session.scalar(text(query), {"id": user.id})

    assert str(raw).startswith("2026-06-01 10:00:00")


def test_a_naive_datetime_is_refused(create_user):
    user = create_user()
    user.last_login_at = datetime(2026, 6, 1, 12, 0)

    with pytest.raises(StatementError, match="naive datetime"):
        db.session.flush()


def test_foreign_keys_are_enforced(app):
    if db.engine.dialect.name == "sqlite":
        assert db.session.scalar(text("PRAGMA foreign_keys")) == 1
    db.session.add(Membership(user_id=999_999, organisation_id=999_999, created_at=datetime.now(UTC)))

    with pytest.raises(IntegrityError):
        db.session.flush()
