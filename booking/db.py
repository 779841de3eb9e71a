"""Database foundation: declarative base, the one datetime type, SQLite settings."""

from __future__ import annotations

import enum
import sqlite3
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, Enum, MetaData, String, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored as UTC.

    PostgreSQL keeps it as ``timestamptz``; SQLite cannot keep an offset, so the value is
    stored as naive UTC. Both return aware UTC datetimes. Naive input is refused: a naive
    value has no defined instant and silently guessing its zone is how hours go missing.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"UTCDateTime needs a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} refused: give it a timezone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def enum_column(enum_cls: type[enum.Enum], length: int = 32) -> Enum:
    """Store a Python enum by value as a plain string column (no native ENUM types, which
    make migrations on PostgreSQL painful when a value is added)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    # Every ``Mapped[datetime]`` is a UTCDateTime, so no column can store a naive time.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime(), str: String(255)},
    )


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own handling
    # would start transactions late and always DEFERRED).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(conn: Any) -> None:
    # Every SQLite transaction takes the write lock up front. A check-then-insert (the
    # booking conflict check) is therefore atomic, and two writers can never deadlock
    # on a lock upgrade. SQLite allows one writer at a time in any case.
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def personal(purpose: str, retention: str) -> dict[str, Any]:
    """Column ``info`` marking personal data: why it is kept and for how long.

    ``mapped_column(..., info=personal("contact about the booking", "until 1 year after"))``.
    :func:`personal_data_columns` lists every such column, for retention jobs, data exports
    and the record of processing.
    """
    return {"personal_data": {"purpose": purpose, "retention": retention}}


def personal_data_columns() -> list[tuple[str, str, dict[str, str]]]:
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            tag = column.info.get("personal_data")
            if tag:
                found.append((table.name, column.name, tag))
    return found
