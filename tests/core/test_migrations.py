"""The migrations build exactly the schema the models describe, and can be undone.

Each run starts from an empty scratch database: a temporary SQLite file, and on PostgreSQL
a database created for the test (``<test database>_scratch``, or ``TEST_SCRATCH_DATABASE``)
and dropped afterwards.
"""

import os
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import Date, MetaData, create_engine, inspect, text
from sqlalchemy.engine import make_url

from booking import create_app
from booking.extensions import db
from tests.conftest import base_config, postgres_url


@contextmanager
def scratch_database(kind: str, tmp_path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    url = make_url(postgres_url())
    name = os.environ.get("TEST_SCRATCH_DATABASE") or f"{url.database}_scratch"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def scratch_app(request, tmp_path):
    with scratch_database(request.param, tmp_path) as url:
        app = create_app(base_config(url))
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def drift(app, metadata: MetaData | None = None) -> list:
    """What ``flask db migrate`` would write now: empty when migrations and models agree."""
    compare_type = app.extensions["migrate"].configure_args["compare_type"]
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": compare_type})
        return compare_metadata(context, metadata if metadata is not None else db.metadata)


def tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def models_with_a_changed_column() -> MetaData:
    changed = MetaData()
    for table in db.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["user_account"].c.last_login_at.type = Date()
    return changed


def test_migrations_build_the_models_schema_and_can_be_undone(scratch_app):
    upgrade()
    assert drift(scratch_app) == []
    assert tables() == set(db.metadata.tables)
    # The comparison is not blind: a changed column type would show up.
    assert [diff[0][0] for diff in drift(scratch_app, models_with_a_changed_column())] == ["modify_type"]

    downgrade(revision="base")
    assert tables() == set()

    upgrade()
    assert drift(scratch_app) == []
