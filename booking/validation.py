"""Small validators shared by services. Forms validate for the user's comfort; services
validate again because the API and the CLI call them too."""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from booking.errors import Invalid

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})


def slugify(text: str, max_length: int = 80) -> str:
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:max_length].strip("-") or "x"


def clean_text(
    value: str | None, field: str, *, label: str, max_length: int, required: bool = True
) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise Invalid(_("%(label)s is required.", label=label), fields={field: "required"})
        return None
    if len(value) > max_length:
        raise Invalid(
            _("%(label)s can be at most %(n)d characters.", label=label, n=max_length),
            fields={field: "too_long"},
        )
    return value


def clean_email(value: str | None, field: str = "email", *, required: bool = True) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise Invalid(_("Email address is required."), fields={field: "required"})
        return None
    if len(value) > 254:
        raise Invalid(_("That email address is too long."), fields={field: "too_long"})
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise Invalid(_("That is not a valid email address."), fields={field: "invalid"}) from None
    return result.normalized.lower()


def clean_phone(value: str | None, field: str = "phone") -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 40 or not re.fullmatch(r"\+?[0-9 ()-]{6,}", value):
        raise Invalid(_("That is not a valid phone number."), fields={field: "invalid"})
    return value


def clean_cvr(value: str | None, field: str = "cvr") -> str | None:
    value = re.sub(r"\s", "", value or "")
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{8}", value):
        raise Invalid(_("A CVR number has 8 digits."), fields={field: "invalid"})
    return value


def clean_int(
    value: int | str | None, field: str, *, label: str, minimum: int | None = None,
    maximum: int | None = None, required: bool = True,
) -> int | None:
    if value is None or value == "":
        if required:
            raise Invalid(_("%(label)s is required.", label=label), fields={field: "required"})
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(_("%(label)s must be a whole number.", label=label), fields={field: "invalid"}) from None
    if minimum is not None and number < minimum:
        raise Invalid(_("%(label)s must be at least %(n)d.", label=label, n=minimum), fields={field: "too_small"})
    if maximum is not None and number > maximum:
        raise Invalid(_("%(label)s can be at most %(n)d.", label=label, n=maximum), fields={field: "too_large"})
    return number


MIN_PASSWORD_LENGTH = 10


def check_password_strength(password: str | None, field: str = "password") -> str:
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            _("The password must be at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            fields={field: "too_short"},
        )
    if len(password) > 200:
        raise Invalid(_("The password can be at most 200 characters."), fields={field: "too_long"})
    return password
