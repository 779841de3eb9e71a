"""Lokaler & Fællesskaber: the application factory."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from booking import extensions as ext
from booking.config import DEFAULTS

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Feature packages, in dependency order. Each may provide ``views.bp`` (a blueprint),
# ``translations/`` (its Danish catalogue), ``cli.register(app)`` and ``demo.seed``.
FEATURES: tuple[str, ...] = (
    "core",
    "accounts",
    "notifications",
    "rooms",
    "bookings",
    "allocation",
    "communities",
    "activities",
    "visitors",
    "statements",
    "metrics",
    "stats",
    "review",
    "feeds",
    "api",
    "strategy",
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    configure(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_templating(app)
    register_security(app)
    register_commands(app)
    return app


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    uri = str(app.config["SQLALCHEMY_DATABASE_URI"])
    if uri.startswith(("postgres://", "postgresql://")):
        # psycopg 3 is the driver we ship; accept the common URL spellings.
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.split("://", 1)[1]
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["BOOKING_TIMEZONE"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_directories())
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _development_secret_key(app)
    logging.basicConfig(level=app.config.get("LOG_LEVEL", "INFO"))


def _development_secret_key(app: Flask) -> str:
    """A random key kept in the instance folder, so a development server keeps its sessions
    across restarts. Production sets FLASK_SECRET_KEY (and every server shares it)."""
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        os.chmod(key_file, 0o600)
        app.logger.warning("No FLASK_SECRET_KEY set: made a development key in %s", key_file)
    return key_file.read_text().strip()


def translation_directories() -> list[str]:
    base = Path(__file__).resolve().parent
    dirs = [str(base / "translations")]
    dirs += [str(base / name / "translations") for name in FEATURES if name != "core"]
    return [d for d in dirs if Path(d).is_dir()]


def feature_module(name: str, module: str) -> Any:
    """Import ``booking.<feature>.<module>`` if the feature has one, else None."""
    import importlib
    import importlib.util

    package = "booking" if name == "core" else f"booking.{name}"
    if importlib.util.find_spec(f"{package}.{module}") is None:
        return None
    return importlib.import_module(f"{package}.{module}")


def register_extensions(app: Flask) -> None:
    from booking.i18n import select_locale

    # (``booking.db`` is the module with the column types; the extension is ``ext.db``.)
    ext.db.init_app(app)
    ext.migrate.init_app(app, ext.db, directory=str(PROJECT_ROOT / "migrations"))
    ext.login_manager.init_app(app)
    ext.csrf.init_app(app)
    ext.babel.init_app(app, locale_selector=select_locale)
    ext.limiter.init_app(app)
    # Import every feature's models so metadata (and Alembic) sees all tables.
    for name in FEATURES:
        feature_module(name, "models")


def register_blueprints(app: Flask) -> None:
    from booking.web import DatabaseIntConverter

    app.url_map.converters["int"] = DatabaseIntConverter
    for name in FEATURES:
        views = feature_module(name, "views")
        if views is not None:
            app.register_blueprint(views.bp)


def register_errorhandlers(app: Flask) -> None:
    from booking.errorpages import register

    register(app)


def register_templating(app: Flask) -> None:
    from booking.templating import register

    register(app)


def register_security(app: Flask) -> None:
    from booking.security import register

    register(app)


def register_commands(app: Flask) -> None:
    from booking.cli import register

    register(app)
