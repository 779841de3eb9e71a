"""Forms of the activity pages. Times are entered on the library's wall clock and turned into
UTC here; the rules themselves are checked in the services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateTimeLocalField, EmailField, StringField, TelField, TextAreaField
from wtforms.validators import Optional

from booking.activities.models import ActivityCategory, TargetGroup
from booking.activities.queries import ProgrammeFilter
from booking.activities.services import LABELS, ActivityData
from booking.forms import Form
from booking.labels import choices
from booking.rooms.forms import (
    CheckboxesField,
    ChoiceField,
    ClockField,
    DayField,
    OptionalIdField,
    OwnParseMessage,
    WholeNumberField,
    at_most,
    between,
    required,
)
from booking.timeutil import local_naive_to_utc, local_to_utc


class LocalDateTimeField(OwnParseMessage, DateTimeLocalField):
    parse_message = _l("Enter a date and time, e.g. 2026-12-24T14:30.")


def to_utc(value: datetime | None) -> datetime | None:
    return local_naive_to_utc(value) if value is not None else None


class ActivityForm(Form):
    title = StringField(LABELS["title"], validators=[required(), at_most(200)])
    description = TextAreaField(LABELS["description"], validators=[Optional(), at_most(5000)])
    category = ChoiceField(LABELS["category"], choices=lambda: choices(ActivityCategory))
    target_group = ChoiceField(LABELS["target_group"], choices=lambda: choices(TargetGroup))
    location_id = OptionalIdField(LABELS["location_id"], validators=[required()])
    room_id = OptionalIdField(LABELS["room_id"], description=_l("The room is reserved for the activity."))
    partner_ids = CheckboxesField(LABELS["partner_ids"], coerce=int)
    day = DayField(_l("Date"), validators=[required()])
    starts = ClockField(LABELS["starts_at"], validators=[required()])
    ends = ClockField(LABELS["ends_at"], validators=[required()])
    registration_required = BooleanField(LABELS["registration_required"], default=True)
    capacity = WholeNumberField(LABELS["capacity"], validators=[Optional()],
                                description=_l("Needed when sign-up is required."))  # fmt: skip
    max_seats_per_registration = WholeNumberField(
        LABELS["max_seats_per_registration"], validators=[Optional()], default=1,
        description=_l("More than 1 lets a family sign up together."),
    )  # fmt: skip
    registration_opens_at = LocalDateTimeField(
        LABELS["registration_opens_at"], validators=[Optional()], description=_l("Empty: at once when published.")
    )
    registration_closes_at = LocalDateTimeField(
        LABELS["registration_closes_at"], validators=[Optional()], description=_l("Empty: when the activity starts.")
    )
    price_kr = WholeNumberField(LABELS["price_kr"], validators=[Optional()], default=0)
    repeat_weeks = WholeNumberField(
        LABELS["repeat_weeks"], validators=[Optional(), between(0, 52)], default=0,
        description=_l("Number of following weeks with the same activity at the same time (0: only once)."),
    )  # fmt: skip

    # The services name the fields "starts_at" and "ends_at": show their messages at the clocks.
    @property
    def starts_at(self) -> Any:
        return self.starts

    @property
    def ends_at(self) -> Any:
        return self.ends

    def fill(self, activity: Any) -> None:
        from booking.timeutil import to_local

        start, end = to_local(activity.starts_at), to_local(activity.ends_at)
        self.day.data, self.starts.data, self.ends.data = start.date(), start.time(), end.time()
        for name in ("registration_opens_at", "registration_closes_at"):
            value = getattr(activity, name)
            self[name].data = to_local(value).replace(tzinfo=None) if value else None
        self.partner_ids.data = [org.id for org in activity.partners]

    def to_data(self) -> ActivityData:
        """Raises Invalid for a time that does not exist (the spring-forward hour)."""
        day: date = self.day.data
        return ActivityData(
            title=self.title.data,
            description=self.description.data,
            category=self.category.data,
            target_group=self.target_group.data,
            location_id=self.location_id.data,
            room_id=self.room_id.data,
            starts_at=local_to_utc(day, self.starts.data),
            ends_at=local_to_utc(day, self.ends.data),
            registration_required=self.registration_required.data,
            capacity=self.capacity.data,
            max_seats_per_registration=self.max_seats_per_registration.data,
            registration_opens_at=to_utc(self.registration_opens_at.data),
            registration_closes_at=to_utc(self.registration_closes_at.data),
            price_kr=self.price_kr.data,
            partner_ids=self.partner_ids.data or [],
        )


class SignUpForm(Form):
    name = StringField(_l("Your name"), validators=[required(), at_most(200)])
    email = EmailField(
        _l("Email"), validators=[required(), at_most(254)],
        description=_l("We send the confirmation and a link to cancel here."),
    )  # fmt: skip
    seats = WholeNumberField(_l("Number of seats"), validators=[required()], default=1)
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), at_most(40)])


class CapacityForm(Form):
    capacity = WholeNumberField(LABELS["capacity"], validators=[required()])


class CancelActivityForm(Form):
    cancel_reason = StringField(
        LABELS["cancel_reason"], validators=[required(), at_most(500)],
        description=_l("Shown on the activity's page and in the mail to everyone signed up."),
    )  # fmt: skip


class AttendanceForm(Form):
    """The ticked registrations come as a list ``attended`` (one checkbox per registration)."""

    attendance_count = WholeNumberField(
        LABELS["attendance_count"], validators=[Optional()],
        description=_l("Everybody who came, drop-in guests too. Empty: the ticked seats."),
    )  # fmt: skip


class MessageForm(Form):
    subject = StringField(LABELS["subject"], validators=[required(), at_most(200)])
    body = TextAreaField(LABELS["body"], validators=[required(), at_most(5000)])
    waitlist = BooleanField(_l("Also write to the waitlist"))


class ProgrammeFilterForm(Form):
    """A GET form: a search can be bookmarked and shared."""

    class Meta:
        csrf = False

    sted = OptionalIdField(_l("Place"), validators=[Optional()], default="")
    maalgruppe = ChoiceField(_l("Target group"), validators=[Optional()], default="")
    kategori = ChoiceField(_l("Category"), validators=[Optional()], default="")
    fra = DayField(_l("From"), validators=[Optional()])
    til = DayField(_l("To"), validators=[Optional()])

    def set_choices(self, places: list[Any]) -> None:
        self.sted.choices = [("", _l("All places"))] + [(place.id, place.name) for place in places]
        self.maalgruppe.choices = choices(TargetGroup, blank=_l("All target groups"))
        self.kategori.choices = choices(ActivityCategory, blank=_l("All categories"))

    def to_filter(self) -> ProgrammeFilter:
        def ok(field: Any) -> Any:
            return field.data if not field.errors and field.data not in ("", None) else None

        return ProgrammeFilter(
            location_id=ok(self.sted),
            target_group=TargetGroup(ok(self.maalgruppe)) if ok(self.maalgruppe) else None,
            category=ActivityCategory(ok(self.kategori)) if ok(self.kategori) else None,
            first_day=ok(self.fra),
            last_day=ok(self.til),
        )


class OverviewForm(Form):
    class Meta:
        csrf = False

    fra = DayField(_l("From"), validators=[Optional()])
    til = DayField(_l("To"), validators=[Optional()])
    sted = OptionalIdField(_l("Place"), validators=[Optional()], default="")
