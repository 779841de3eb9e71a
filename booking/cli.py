"""Command-line interface: ``flask --app booking <command>``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from booking import i18n

i18n_cli = AppGroup("i18n", help="Translations: extract, update and compile the Danish catalogues.")


def _features() -> list[str]:
    from booking import FEATURES

    return list(FEATURES)


@i18n_cli.command("update")
@click.argument("features", nargs=-1)
def i18n_update(features: tuple[str, ...]) -> None:
    """Extract messages and merge them into each feature's Danish catalogue."""
    for feature in features or _features():
        click.echo(f"updated {i18n.update(feature)}")


@i18n_cli.command("compile")
@click.argument("features", nargs=-1)
def i18n_compile(features: tuple[str, ...]) -> None:
    """Write the .mo files."""
    for feature in features or _features():
        if i18n.po_path(feature).exists():
            click.echo(f"compiled {i18n.compile_catalog(feature)}")


@i18n_cli.command("missing")
@click.argument("features", nargs=-1)
def i18n_missing(features: tuple[str, ...]) -> None:
    """List texts that have no Danish translation yet."""
    total = 0
    for feature in features or _features():
        for message_id in i18n.missing_translations(feature):
            click.echo(f"{feature}: {message_id}")
            total += 1
    if total:
        raise SystemExit(1)


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Seed even if the database already has users.")
@with_appcontext
def seed_demo(force: bool) -> None:
    """Load the demo municipality: libraries, rooms, associations, people and a year of use."""
    from booking.demo import seed_all
    from booking.extensions import db

    if not force and _has_users():
        click.echo("The database already has data; use --force to add the demo data anyway.")
        return
    seed_all()
    db.session.commit()
    click.echo("Demo data loaded.")


def _has_users() -> bool:
    from booking.accounts.models import User
    from booking.extensions import db

    return (db.session.scalar(select(func.count()).select_from(User)) or 0) > 0


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def demo(host: str, port: int) -> None:
    """Upgrade the database, load the demo data on first start, and serve the app."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    from booking.demo import DEMO_LOGINS, seed_all
    from booking.extensions import db

    upgrade()
    if not _has_users():
        click.echo("First start: loading the demo data (this takes a little while) ...")
        seed_all()
        db.session.commit()
    url = f"http://{host}:{port}/"
    click.echo("")
    click.echo(f"  Lokaler & Fællesskaber is running at {url}")
    click.echo("  Demo logins (email / password):")
    for role, email, password in DEMO_LOGINS:
        click.echo(f"    {role:<22} {email} / {password}")
    click.echo("  Stop with Ctrl+C.")
    click.echo("")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)


def register(app: Flask) -> None:
    from booking import FEATURES, feature_module

    app.cli.add_command(i18n_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(demo)
    for name in FEATURES:
        if name == "core":
            continue
        module = feature_module(name, "cli")
        if module is not None:
            module.register(app)
