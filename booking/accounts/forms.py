from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from booking.accounts.models import MemberRole, OrgKind, UserRole
from booking.forms import Form
from booking.labels import choices
from booking.validation import MIN_PASSWORD_LENGTH


def language_choices():
    return [("da", "Dansk"), ("en", "English")]


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class SignupForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    password_again = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )
    locale = SelectField(_l("Language"), choices=language_choices, default="da")


class ProfileForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Language"), choices=language_choices)


class PasswordChangeForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    new_password_again = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
    )


class ForgotPasswordForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(Form):
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    new_password_again = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
    )


class OrganisationForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=lambda: choices(OrgKind))
    cvr = StringField(_l("CVR number (optional)"), validators=[Optional(), Length(max=12)])
    email = EmailField(_l("Contact email"), validators=[Optional(), Email(), Length(max=254)])
    phone = TelField(_l("Contact phone"), validators=[Optional(), Length(max=40)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(_l("About the organisation"), validators=[Optional(), Length(max=5000)])


class InviteForm(Form):
    email = EmailField(_l("Email of the person to invite"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=lambda: choices(MemberRole), default=MemberRole.MEMBER.value)


class MemberRoleForm(Form):
    role = SelectField(_l("Role"), choices=lambda: choices(MemberRole))


class UserRoleForm(Form):
    role = SelectField(_l("Role"), choices=lambda: choices(UserRole))
