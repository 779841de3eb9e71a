"""Forms for the rooms pages. They check types and lengths for the user's comfort; the rules
themselves are in the services, which also name the field a problem belongs to.

WTForms ships no Danish messages, so the fields below carry their own translated ones.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from booking.labels import choices
from booking.rooms import locations as locs
from booking.rooms.models import BookingPolicy, LocationKind, RoomKind
from booking.rooms.services import LABELS, SLOT_STEPS, RoomData, RoomFilter, RoomRules, all_equipment

# --- fields with Danish-capable messages -----------------------------------------------------


def required() -> InputRequired:
    return InputRequired(message=_l("This field is required."))


def at_most(n: int) -> Length:
    return Length(max=n, message=_l("At most %(max)d characters."))


def between(low: int, high: int):
    """Like NumberRange, but silent when the field could not be read as a number at all (its
    own message says so already)."""
    message = _l("Enter a number from %(low)d to %(high)d.", low=low, high=high)

    def check(form: Any, field: Any) -> None:
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(message)

    return check


class OwnParseMessage:
    """A field whose "could not read that" message is ours, hence translated."""

    parse_message: Any = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)  # type: ignore[misc]
        except ValueError:
            raise ValueError(self.parse_message) from None


class WholeNumberField(OwnParseMessage, IntegerField):
    parse_message = _l("Enter a whole number, e.g. 12.")


class ClockField(OwnParseMessage, TimeField):
    parse_message = _l("Enter a time as hours and minutes, e.g. 09:30.")


class DayField(OwnParseMessage, DateField):
    parse_message = _l("Enter a date, e.g. 2026-12-24.")


class ChoiceField(SelectField):
    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("That choice is not valid.")) from None


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes; the template puts them in a fieldset with a legend."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        known = {value for value, _label, *_rest in self.iter_choices()}
        if any(value not in known for value in self.data or []):
            raise ValidationError(_l("That choice is not valid."))


def optional_int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


class OptionalIdField(ChoiceField):
    """A select of database ids whose first option, "", means none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, coerce=optional_int, **kwargs)


# --- staff forms -----------------------------------------------------------------------------


class LocationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required(), at_most(200)])
    kind = ChoiceField(_l("Kind of place"), choices=lambda: choices(LocationKind))
    address = StringField(locs.LABELS["address"], validators=[required(), at_most(300)])
    postal_code = StringField(locs.LABELS["postal_code"], validators=[required(), at_most(10)])
    city = StringField(locs.LABELS["city"], validators=[required(), at_most(100)])
    email = EmailField(_l("Email (optional)"), validators=[Optional(), at_most(254)])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), at_most(40)])
    description = TextAreaField(
        _l("Description for the public"),
        validators=[Optional(), at_most(5000)],
        description=_l("How to find the place, staffed hours, parking, access. Shown on the place's page."),
    )
    closed_on_public_holidays = BooleanField(_l("Closed on public holidays"), default=True)

    def to_data(self) -> locs.LocationData:
        return locs.LocationData(
            name=self.name.data,
            kind=self.kind.data,
            address=self.address.data,
            postal_code=self.postal_code.data,
            city=self.city.data,
            description=self.description.data,
            email=self.email.data,
            phone=self.phone.data,
            closed_on_public_holidays=self.closed_on_public_holidays.data,
        )


class OpeningHoursForm(FlaskForm):
    """The whole week in one form: per weekday up to two periods, ``d<weekday>_opens<n>`` and
    ``d<weekday>_closes<n>`` (the names the service uses for its messages)."""

    @classmethod
    def for_week(cls, week: dict[int, list[tuple[Any, Any]]]) -> OpeningHoursForm:
        data = {}
        for weekday, intervals in week.items():
            for n, (opens, closes) in enumerate(intervals, start=1):
                data[f"d{weekday}_opens{n}"] = opens
                data[f"d{weekday}_closes{n}"] = closes
        return cls(data=data)

    def day(self, weekday: int) -> list[tuple[Any, Any]]:
        return [(self[f"d{weekday}_opens{n}"], self[f"d{weekday}_closes{n}"]) for n in (1, 2)]

    def to_week(self) -> dict[int, list[tuple[Any, Any]]]:
        return {weekday: [(opens.data, closes.data) for opens, closes in self.day(weekday)] for weekday in range(7)}


def _add_week_fields(form_class: type[FlaskForm]) -> None:
    labels = ((_l("Opens"), _l("Closes")), (_l("Opens again"), _l("Closes again")))
    for weekday in range(7):
        for n, (opens_label, closes_label) in enumerate(labels, start=1):
            setattr(form_class, f"d{weekday}_opens{n}", ClockField(opens_label, validators=[Optional()]))
            setattr(form_class, f"d{weekday}_closes{n}", ClockField(closes_label, validators=[Optional()]))


_add_week_fields(OpeningHoursForm)


class ClosureForm(FlaskForm):
    starts_on = DayField(_l("First closed day"), validators=[required()])
    ends_on = DayField(_l("Last closed day"), validators=[Optional()], description=_l("Leave empty for a single day."))
    reason = StringField(
        locs.LABELS["reason"],
        validators=[required(), at_most(200)],
        description=_l("Shown to the public, e.g. “Christmas Eve” or “Renovation”."),
    )
    room_id = OptionalIdField(
        _l("Only this room"), description=_l("Choose a room only if the rest of the place stays open.")
    )


class RoomForm(FlaskForm):
    location_id = OptionalIdField(LABELS["location_id"], validators=[required()])
    name = StringField(LABELS["name"], validators=[required(), at_most(200)])
    kind = ChoiceField(LABELS["kind"], choices=lambda: choices(RoomKind))
    capacity = WholeNumberField(LABELS["capacity"], validators=[required()])
    description = TextAreaField(LABELS["description"], validators=[Optional(), at_most(5000)])
    accessibility = TextAreaField(
        LABELS["accessibility"],
        validators=[Optional(), at_most(2000)],
        description=_l("Step-free access, lift, accessible toilet, hearing loop ..."),
    )
    equipment_ids = CheckboxesField(LABELS["equipment_ids"], coerce=int)
    parent_id = OptionalIdField(
        LABELS["parent_id"], description=_l("For a hall that can be divided: choose the whole hall on each part.")
    )
    booking_policy = ChoiceField(LABELS["booking_policy"], choices=lambda: choices(BookingPolicy))
    requires_approval = BooleanField(LABELS["requires_approval"], default=RoomRules.requires_approval)
    min_duration_minutes = WholeNumberField(
        LABELS["min_duration_minutes"], validators=[required()], default=RoomRules.min_duration_minutes
    )
    max_duration_minutes = WholeNumberField(
        LABELS["max_duration_minutes"], validators=[required()], default=RoomRules.max_duration_minutes
    )
    slot_step_minutes = ChoiceField(
        LABELS["slot_step_minutes"],
        choices=lambda: [(step, str(step)) for step in SLOT_STEPS],
        coerce=int,
        default=RoomRules.slot_step_minutes,
        description=_l("Bookings start and end on these steps, e.g. every 15 minutes."),
    )
    min_notice_hours = WholeNumberField(
        LABELS["min_notice_hours"],
        validators=[required()],
        default=RoomRules.min_notice_hours,
        description=_l("How long before the start a booking must be made. 0 means right up to the start."),
    )
    horizon_days = WholeNumberField(
        LABELS["horizon_days"],
        validators=[required()],
        default=RoomRules.horizon_days,
        description=_l("How far ahead the room can be booked."),
    )
    buffer_minutes = WholeNumberField(
        LABELS["buffer_minutes"],
        validators=[required()],
        default=RoomRules.buffer_minutes,
        description=_l("Kept free after each booking for clearing up and setting up."),
    )
    max_future_bookings_per_org = WholeNumberField(
        LABELS["max_future_bookings_per_org"],
        validators=[Optional()],
        description=_l("The most upcoming bookings one organisation may hold. Leave empty for no limit."),
    )

    def to_data(self) -> RoomData:
        rules = RoomRules(
            **{name: self[name].data for name in RoomRules.__dataclass_fields__}  # same names as the form
        )
        return RoomData(
            location_id=self.location_id.data,
            name=self.name.data,
            kind=self.kind.data,
            capacity=self.capacity.data,
            description=self.description.data,
            accessibility=self.accessibility.data,
            equipment_ids=self.equipment_ids.data or [],
            parent_id=self.parent_id.data,
            rules=rules,
        )


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photo (JPEG or PNG)"), render_kw={"accept": "image/jpeg,image/png"})
    photo_alt = StringField(
        _l("What the photo shows"),
        validators=[required(), at_most(300)],
        description=_l("A short description for people who cannot see the photo, e.g. “Long table with 12 chairs”."),
    )


class EquipmentForm(FlaskForm):
    name_da = StringField(LABELS["name_da"], validators=[required(), at_most(100)])
    name_en = StringField(LABELS["name_en"], validators=[required(), at_most(100)])


# --- the public room search ------------------------------------------------------------------


class RoomFilterForm(FlaskForm):
    """A GET form: its values are in the address, so a search can be bookmarked and shared."""

    class Meta:
        csrf = False

    sted = ChoiceField(_l("Place"), validators=[Optional()], default="")
    kapacitet = WholeNumberField(
        _l("At least this many people"),
        validators=[Optional(), between(1, 10000)],
    )
    type = ChoiceField(_l("Kind of room"), validators=[Optional()], default="")
    udstyr = CheckboxesField(_l("Equipment"), validators=[Optional()])

    def set_choices(self, locale: str) -> None:
        self.sted.choices = [("", _l("All places"))] + [(loc.slug, loc.name) for loc in locs.active_locations()]
        self.type.choices = choices(RoomKind, blank=_l("All kinds"))
        self.udstyr.choices = [(item.slug, item.name(locale)) for item in all_equipment()]

    def to_filter(self) -> RoomFilter:
        """The filter from the fields that are valid; a wrong value is shown and ignored."""

        def ok(field: Any) -> Any:
            return field.data if not field.errors else None

        return RoomFilter(
            location_slug=ok(self.sted) or None,
            min_capacity=ok(self.kapacitet),
            equipment_slugs=[slug for slug in ok(self.udstyr) or [] if slug],
            kind=RoomKind(self.type.data) if ok(self.type) else None,
        )
