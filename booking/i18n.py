"""Languages: locale selection and the per-feature Danish catalogues.

Message ids are English; Danish is the default language, so every feature ships a Danish
catalogue in ``booking/<feature>/translations/da/LC_MESSAGES/messages.po`` (the core's in
``booking/translations``). Keeping one catalogue per feature lets features change their
texts without touching each other's files. ``flask i18n update`` extracts and merges,
``flask i18n compile`` writes the ``.mo`` files; a test fails when a Danish text is missing
or a ``.mo`` is stale.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import current_app, has_request_context, request, session
from flask_login import current_user

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR.parent / "templates"
JINJA_OPTIONS = {"extensions": "jinja2.ext.do", "trimmed": "true"}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        # CLI commands, jobs and tests call services (whose messages are translated) with
        # no request, hence no session or user: they speak the default language.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated:
        user_locale = getattr(current_user, "locale", None)
        if user_locale in languages:
            return user_locale
    if request and request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


# --- catalogues -------------------------------------------------------------------------


def catalog_sources(feature: str) -> list[tuple[Path, list[tuple[str, str]]]]:
    """(directory, method map) pairs whose messages belong to ``feature``'s catalogue."""
    if feature == "core":
        return [
            (PACKAGE_DIR, [("*.py", "python")]),
            (TEMPLATE_DIR, [("*.html", "jinja2.ext:babel_extract")]),
            (TEMPLATE_DIR / "errors", [("**.html", "jinja2.ext:babel_extract")]),
            (TEMPLATE_DIR / "core", [("**.html", "jinja2.ext:babel_extract")]),
        ]
    return [
        (PACKAGE_DIR / feature, [("**.py", "python")]),
        (TEMPLATE_DIR / feature, [("**.html", "jinja2.ext:babel_extract")]),
    ]


def catalog_dir(feature: str) -> Path:
    base = PACKAGE_DIR if feature == "core" else PACKAGE_DIR / feature
    return base / "translations"


def po_path(feature: str, locale: str = "da") -> Path:
    return catalog_dir(feature) / locale / "LC_MESSAGES" / "messages.po"


def extract(feature: str) -> Catalog:
    template = Catalog(project="lokaler", charset="utf-8")
    for directory, method_map in catalog_sources(feature):
        if not directory.is_dir():
            continue
        options = {pattern: JINJA_OPTIONS for pattern, method in method_map if "jinja" in method}
        for filename, lineno, message, comments, context in extract_from_dir(
            str(directory), method_map, options_map=options, keywords=KEYWORDS, comment_tags=("NOTE",)
        ):
            if feature == "core" and directory == PACKAGE_DIR and "/" in filename:
                continue  # top-level modules only; subpackages are features of their own
            template.add(
                message,
                None,
                [(str(directory.relative_to(PACKAGE_DIR.parent) / filename), lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def load_po(feature: str, locale: str = "da") -> Catalog:
    path = po_path(feature, locale)
    if not path.exists():
        return Catalog(locale=locale, project="lokaler", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def update(feature: str, locale: str = "da") -> Path:
    catalog = load_po(feature, locale)
    catalog.update(extract(feature), no_fuzzy_matching=True)
    path = po_path(feature, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, ignore_obsolete=True, sort_output=True)
    return path


def compiled_bytes(feature: str, locale: str = "da") -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, load_po(feature, locale), use_fuzzy=False)
    return buffer.getvalue()


def compile_catalog(feature: str, locale: str = "da") -> Path:
    path = po_path(feature, locale).with_suffix(".mo")
    path.write_bytes(compiled_bytes(feature, locale))
    return path


def missing_translations(feature: str, locale: str = "da") -> Iterator[str]:
    """Message ids used by the feature without a finished translation."""
    catalog = load_po(feature, locale)
    for message in extract(feature):
        if not message.id:
            continue
        translated = catalog.get(message.id, context=message.context)
        strings = translated.string if translated else None
        done = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if translated is None or not done or translated.fuzzy:
            yield message.id if isinstance(message.id, str) else message.id[0]
