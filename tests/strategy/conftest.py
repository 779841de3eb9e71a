"""Fixtures for the strategy tests: people in every role, the real action plan imported, figures
of our own registered in the metrics registry (so bound points have something to show without
depending on other features), and a snapshot of every strategy table."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from booking.accounts.models import Membership, User, UserRole
from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.strategy import importing
from booking.strategy.models import Plan
from booking.strategy.planfile import read_plan_file
from tests.factories import NOW

# People in every role and English messages, as the rooms tests make them.
from tests.rooms.conftest import ALLOWED, ROLES, english, login_as, person, staff  # noqa: F401

PLAN_FILE = Path(__file__).resolve().parents[2] / "booking" / "strategy" / "data" / "handlingsplan_2023_2025.csv"
SHARED_PLAN_FILE = Path("/work/shared/data/handlingsplan_2023_2025.csv")
STRATEGY_TABLES = (
    "strategy_plan", "strategy_checkpoint", "strategy_theme", "strategy_action", "strategy_action_theme",
    "strategy_point", "strategy_external_figure", "strategy_reference_figure", "strategy_status",
    "strategy_status_edit", "strategy_frozen_figure",
)  # fmt: skip

# --- figures of the tests' own, computed from real rows -------------------------------------------

NEW_USERS = "test_strategy_new_users"
MEMBERSHIPS = "test_strategy_memberships"
ADMIN_EXISTS = "test_strategy_admin_created"
NEVER_REGISTERED = "test_strategy_never_registered"


def _created_between(model, period: Period):
    start, end = period.utc_bounds()
    return select(func.count()).select_from(model).where(model.created_at >= start, model.created_at < end)


@metric(NEW_USERS, label="New users", unit=Unit.PEOPLE, definition="Accounts created in the period.")
def _new_users(period: Period, scope: Scope) -> int:
    return db.session.scalar(_created_between(User, period)) or 0


@metric(
    MEMBERSHIPS, label="Memberships", unit=Unit.COUNT, definition="Memberships made in the period.",
    scopes=(ScopeKind.ALL, ScopeKind.ORGANISATION),
)  # fmt: skip
def _memberships(period: Period, scope: Scope) -> int:
    query = _created_between(Membership, period)
    if scope.kind == ScopeKind.ORGANISATION:
        query = query.where(Membership.organisation_id == scope.value)
    return db.session.scalar(query) or 0


@metric(ADMIN_EXISTS, label="An administrator was made", unit=Unit.YES_NO, definition="Yes/no.")
def _admin_created(period: Period, scope: Scope) -> bool:
    return bool(db.session.scalar(_created_between(User, period).where(User.role == UserRole.ADMIN)))


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def users_created_on(create_user):
    """``users_created_on(date, n)`` makes n citizens whose accounts date from that day."""

    def make(day: date, n: int = 1, role: UserRole = UserRole.CITIZEN) -> None:
        for _ in range(n):
            create_user(role=role).created_at = at(day)
        db.session.flush()

    return make


# --- the plan -------------------------------------------------------------------------------------


@pytest.fixture
def plan_bytes() -> bytes:
    return PLAN_FILE.read_bytes()


def source_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(PLAN_FILE.read_text(encoding="utf-8"), newline="")))


@pytest.fixture
def plan(staff, plan_bytes) -> Plan:  # noqa: F811
    """The real action plan 2023–2025, imported by a member of staff."""
    summary = importing.import_plan(staff, read_plan_file(plan_bytes, "handlingsplan.csv"), NOW)
    db.session.commit()
    return summary.plan


def snapshot() -> dict[str, list[str]]:
    db.session.expire_all()
    return {
        name: sorted(repr(tuple(row)) for row in db.session.execute(select(db.metadata.tables[name])))
        for name in STRATEGY_TABLES
    }


def csv_with(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    columns = columns or list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
