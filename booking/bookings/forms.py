"""Forms for the booking pages. They read and type the input; the rules themselves (opening
hours, clashes, who may book) are the services', which name the field a problem belongs to."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from booking.bookings.recurrence import Frequency, Recurrence
from booking.bookings.rules import local_slot
from booking.forms import Form
from booking.rooms.forms import (
    CheckboxesField,
    ChoiceField,
    ClockField,
    DayField,
    OptionalIdField,
    WholeNumberField,
    at_most,
    between,
    required,
)

REPEAT_CHOICES = (
    ("", _l("Only once")),
    (Frequency.WEEKLY.value, _l("Every week (or every few weeks)")),
    (Frequency.MONTHLY_WEEKDAY.value, _l("Monthly on the same weekday (e.g. 2nd Tuesday)")),
)


def end_after_start(form: Any, field: Any) -> None:
    start = form.start.data
    if start is not None and field.data is not None and field.data <= start:
        raise ValidationError(_l("The end must be after the start."))


class SlotMixin:
    """A day and a wall-clock time range, turned into UTC by :func:`rules.local_slot`."""

    day = DayField(_l("Date"), validators=[required()])
    start = ClockField(_l("From"), validators=[required()])
    end = ClockField(_l("To"), validators=[required(), end_after_start])

    def slot(self) -> tuple[datetime, datetime]:
        return local_slot(self.day.data, self.start.data, self.end.data)  # type: ignore[attr-defined]


class FindRoomForm(SlotMixin, Form):
    """The free-room search; a GET form, so no CSRF token (it changes nothing)."""

    class Meta(Form.Meta):
        csrf = False

    people = WholeNumberField(_l("Number of people"), validators=[Optional(), between(1, 1000)])
    location = OptionalIdField(_l("Place"), validate_choice=True)
    equipment = CheckboxesField(_l("Equipment"), coerce=int)


class BookingForm(SlotMixin, Form):
    title = StringField(
        _l("Title"),
        validators=[required(), at_most(200)],
        description=_l("Shown in the room's calendar if the booking is public."),
    )
    purpose = TextAreaField(_l("Purpose (optional)"), validators=[Optional(), at_most(2000)])
    expected_attendees = WholeNumberField(_l("Expected attendees"), validators=[Optional(), between(1, 10000)])
    public = BooleanField(_l("Show the title in the public calendar"))
    organisation = OptionalIdField(_l("Book on behalf of"))
    repeat = ChoiceField(_l("How often"), choices=REPEAT_CHOICES, default="")
    interval = WholeNumberField(
        _l("Every how many weeks or months"), default=1, validators=[Optional(), between(1, 52)]
    )
    until = DayField(_l("Last date (optional)"), validators=[Optional()])
    count = WholeNumberField(_l("Number of dates (optional)"), validators=[Optional(), between(1, 200)])

    def recurrence(self) -> Recurrence | None:
        if not self.repeat.data:
            return None
        return Recurrence(
            frequency=self.repeat.data,
            interval=self.interval.data or 1,
            until=self.until.data,
            count=self.count.data,
        )


class EditBookingForm(Form):
    title = BookingForm.title
    purpose = BookingForm.purpose
    expected_attendees = BookingForm.expected_attendees
    public = BookingForm.public


class MoveForm(SlotMixin, Form):
    room = OptionalIdField(_l("Room"), validate_choice=True)


class ReasonForm(Form):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), at_most(2000)])


class CancelDateForm(ReasonForm):
    scope = ChoiceField(
        _l("Which dates"),
        choices=(("one", _l("Only this date")), ("following", _l("This date and every later one"))),
        default="one",
    )


class RejectForm(Form):
    reason = TextAreaField(
        _l("Reason for the rejection"),
        validators=[required(), at_most(2000)],
        description=_l("The booker is told this reason by email."),
    )


class BulkApproveForm(Form):
    booking_ids = CheckboxesField(_l("Bookings to approve"), coerce=int)


class AttendanceForm(Form):
    attendance = WholeNumberField(_l("People who came"), validators=[Optional(), between(0, 10000)])
    no_show = BooleanField(_l("Nobody came (no-show)"))


class QueueFilterForm(Form):
    class Meta(Form.Meta):
        csrf = False

    location = OptionalIdField(_l("Place"), validate_choice=True)
    day = DayField(_l("Date"), validators=[Optional()])
    organisation = OptionalIdField(_l("Organisation"), validate_choice=True)


class CalendarForm(Form):
    class Meta(Form.Meta):
        csrf = False

    location = OptionalIdField(_l("Place"), validate_choice=True)
    day = DayField(_l("Date"), validators=[Optional()])
    view = ChoiceField(_l("Show"), choices=(("day", _l("One day")), ("week", _l("A week"))), default="day")


def parse_day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def parse_clock(value: str | None) -> time | None:
    try:
        return time.fromisoformat(value) if value else None
    except ValueError:
        return None
