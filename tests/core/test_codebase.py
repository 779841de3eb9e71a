"""Rules for the code itself: small modules, templates a strict CSP can serve, finished
translations, and personal data that is tagged."""

import re
from pathlib import Path

import pytest

import booking
from booking import i18n
from booking.db import personal_data_columns

ROOT = Path(booking.__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
MODULES = sorted((ROOT / "booking").rglob("*.py"))
MAX_LINES = 400


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_modules_stay_small(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())

    assert lines <= MAX_LINES, f"{_name(module)} has {lines} lines; split it by concern"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


@pytest.mark.parametrize("template", TEMPLATES, ids=_name)
def test_templates_need_no_unsafe_inline(template):
    """The Content-Security-Policy forbids inline code; these would silently stop working."""
    source = template.read_text(encoding="utf-8")

    assert not INLINE_SCRIPT.search(source), "inline <script>: move it to static/js"
    assert not STYLE_ATTRIBUTE.search(source), 'style="...": use a class in static/css'
    assert not STYLE_ELEMENT.search(source), "<style> element: move it to static/css"
    assert not EVENT_HANDLER.search(source), "on...= event handler: attach it in static/js"
    assert not JAVASCRIPT_URL.search(source), "javascript: URL: attach a handler in static/js"


def test_the_template_guard_catches_what_it_should():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/app.js" defer></script>')
    assert STYLE_ATTRIBUTE.search('<p style="color: red">')
    assert EVENT_HANDLER.search('<button onclick="go()">')
    assert not EVENT_HANDLER.search('<button class="online">')


FEATURES = [name for name in booking.FEATURES if name == "core" or (ROOT / "booking" / name).is_dir()]


def _catalogue(feature: str) -> Path:
    po = i18n.po_path(feature)
    if not po.exists():
        pytest.skip(f"{feature} has no Danish catalogue yet: run `flask i18n update {feature}` and translate it")
    return po


@pytest.mark.parametrize("feature", FEATURES)
def test_every_text_has_a_danish_translation(feature):
    _catalogue(feature)
    missing = list(i18n.missing_translations(feature))

    assert not missing, f"run `flask i18n update {feature}` and translate: {missing}"


@pytest.mark.parametrize("feature", FEATURES)
def test_compiled_translations_are_up_to_date(feature):
    mo = _catalogue(feature).with_suffix(".mo")

    assert mo.exists(), f"run `flask i18n compile {feature}`"
    assert mo.read_bytes() == i18n.compiled_bytes(feature), f"stale {_name(mo)}: run `flask i18n compile {feature}`"


def test_a_text_has_one_danish_translation_across_catalogues():
    # The catalogues are merged into one at run time, so two translations of one text would
    # let the feature order decide which one every page shows.
    from babel.messages.pofile import read_po

    seen: dict[str, dict[str, str]] = {}
    for feature in FEATURES:
        po = i18n.po_path(feature)
        if not po.exists():
            continue
        with po.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    key = f"{message.context or ''}|{message.id if isinstance(message.id, str) else message.id[0]}"
                    text = message.string if isinstance(message.string, str) else message.string[0]
                    seen.setdefault(key, {})[feature] = text
    clashes = {key: by for key, by in seen.items() if len(set(by.values())) > 1}

    assert not clashes, f"translate these the same way everywhere (or give them a msgctxt): {clashes}"


def test_mail_templates_are_in_a_catalogue():
    ids = {message.id for message in i18n.extract("notifications")}

    assert "Choose a new password" in ids  # templates/notifications/password_reset.txt


def test_personal_data_is_tagged(app):
    tagged = {(table, column): tag for table, column, tag in personal_data_columns()}

    expected = {
        ("user_account", "email"),
        ("user_account", "name"),
        ("user_account", "phone"),
        ("invitation", "email"),
        ("outbox_message", "to_email"),
        ("outbox_message", "to_name"),
        ("registration", "name"),
        ("registration", "email"),
        ("registration", "phone"),
        ("statement", "citizen_name"),
        ("strategy_action", "owner_text"),
        ("strategy_action", "working_group"),
        ("allocation_profile", "contact_name"),
        ("allocation_profile", "contact_email"),
        ("allocation_profile", "contact_phone"),
        ("allocation_profile", "board_member"),
        ("community", "contact_name"),
        ("community", "contact_email"),
        ("community", "contact_phone"),
        ("api_token", "name"),
        ("api_token", "last_used_at"),
    }
    assert expected <= set(tagged)
    for tag in tagged.values():
        assert tag["purpose"]
        assert tag["retention"]
