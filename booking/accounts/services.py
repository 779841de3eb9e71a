"""Accounts: sign-up, login, passwords, profiles and roles. Organisations are in
:mod:`booking.accounts.organisations`."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from booking.accounts.models import User, UserRole
from booking.accounts.permissions import require_admin, require_login
from booking.errors import Invalid, NotAllowed
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.validation import check_password_strength, clean_email, clean_phone, clean_text

# Compared against when the email is unknown, so a wrong email costs as much time as a
# wrong password and login timing does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password-0000")


def find_user_by_email(email: str | None) -> User | None:
    if not email:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def _clean_locale(locale: str | None) -> str:
    languages = current_app.config["LANGUAGES"]
    return locale if locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def register_user(
    *,
    email: str,
    name: str,
    password: str,
    now: datetime,
    phone: str | None = None,
    locale: str | None = None,
    role: UserRole = UserRole.CITIZEN,
) -> User:
    email_clean = clean_email(email)
    name_clean = clean_text(name, "name", label=_("Name"), max_length=200)
    phone_clean = clean_phone(phone)
    check_password_strength(password)
    if find_user_by_email(email_clean) is not None:
        raise Invalid(
            _("An account with that email address already exists. Log in, or reset your password."),
            fields={"email": "taken"},
        )
    user = User(
        email=email_clean,
        name=name_clean,
        phone=phone_clean,
        password_hash=generate_password_hash(password),
        locale=_clean_locale(locale),
        role=role,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str, now: datetime) -> User | None:
    """The active user with this email and password, or None (same answer, same effort, for
    an unknown email and a wrong password)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    user.last_login_at = now
    return user


def _set_password(user: User, new_password: str) -> None:
    check_password_strength(new_password, "new_password")
    user.password_hash = generate_password_hash(new_password)
    user.session_version += 1


def change_password(user: User, current_password: str, new_password: str) -> None:
    require_login(user)
    if not check_password_hash(user.password_hash, current_password or ""):
        raise Invalid(_("The current password is not correct."), fields={"current_password": "wrong"})
    _set_password(user, new_password)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    return _reset_serializer().dumps({"uid": user.id, "v": user.session_version})


def request_password_reset(email: str, now: datetime, reset_url_for) -> None:
    """Mail a reset link if the account exists. Says nothing either way, so the page cannot
    be used to find out who has an account. ``reset_url_for(token)`` builds the link."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token = make_reset_token(user)
    queue_mail(
        kind="password_reset",
        to_email=user.email,
        to_name=user.name,
        locale=user.locale,
        context={"reset_url": reset_url_for(token), "hours": current_app.config["PASSWORD_RESET_MAX_AGE"] // 3600},
        about=("user", user.id),
        now=now,
    )


def reset_password(token: str, new_password: str) -> User:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise Invalid(_("The reset link has expired. Please ask for a new one."), code="expired") from None
    except BadSignature:
        raise Invalid(_("The reset link is not valid. Please ask for a new one."), code="bad_token") from None
    user = db.session.get(User, data.get("uid")) if isinstance(data, dict) else None
    # The version changes when the password does, so a link works once.
    if user is None or not user.active or user.session_version != data.get("v"):
        raise Invalid(_("The reset link is not valid. Please ask for a new one."), code="bad_token")
    _set_password(user, new_password)
    return user


def update_profile(actor: User, user: User, *, name: str, phone: str | None, locale: str | None) -> User:
    require_login(actor)
    if actor.id != user.id and not actor.is_admin:
        raise NotAllowed(_("You can only change your own profile."))
    user.name = clean_text(name, "name", label=_("Name"), max_length=200)  # type: ignore[assignment]
    user.phone = clean_phone(phone)
    user.locale = _clean_locale(locale)
    return user


def set_role(actor: User, user: User, role: UserRole | str) -> User:
    require_admin(actor)
    try:
        role = UserRole(role)
    except ValueError:
        raise Invalid(_("Unknown role."), fields={"role": "invalid"}) from None
    if user.role == UserRole.ADMIN and role != UserRole.ADMIN and _admin_count() <= 1:
        raise Invalid(_("There must always be at least one administrator."))
    user.role = role
    return user


def set_active(actor: User, user: User, active: bool) -> User:
    require_admin(actor)
    if user.id == actor.id and not active:
        raise Invalid(_("You cannot deactivate your own account."))
    user.active = active
    if not active:
        user.session_version += 1  # ends the user's sessions at once
    return user


def _admin_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == UserRole.ADMIN, User.active.is_(True))
    ) or 0


def load_user_from_session_id(session_id: str) -> User | None:
    """Flask-Login loader: ``"<id>:<version>"``, so a password change logs out other sessions."""
    user_id, _sep, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
