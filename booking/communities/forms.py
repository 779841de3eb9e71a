"""Forms for the community pages. The rules are in the services; these check types and
lengths for the user's comfort."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, StringField, TelField, TextAreaField
from wtforms.validators import Optional

from booking.communities import editions, schedule
from booking.communities.models import Category, Community, TargetGroup
from booking.communities.services import LABELS, CommunityData, CommunityFilter, ScheduleData
from booking.forms import Form
from booking.labels import choices
from booking.rooms import locations as locs
from booking.rooms.forms import ChoiceField, ClockField, DayField, OptionalIdField, WholeNumberField, at_most, required

FREQUENCIES = {
    "weekly": ("FREQ=WEEKLY", ""),
    "biweekly": ("FREQ=WEEKLY;INTERVAL=2", ""),
    "monthly1": ("FREQ=MONTHLY", "1"),
    "monthly2": ("FREQ=MONTHLY", "2"),
    "monthly3": ("FREQ=MONTHLY", "3"),
    "monthly4": ("FREQ=MONTHLY", "4"),
    "monthlylast": ("FREQ=MONTHLY", "-1"),
}


def frequency_choices() -> list[tuple[str, Any]]:
    return [
        ("weekly", _l("Every week")),
        ("biweekly", _l("Every other week")),
        ("monthly1", _l("Once a month: the first")),
        ("monthly2", _l("Once a month: the second")),
        ("monthly3", _l("Once a month: the third")),
        ("monthly4", _l("Once a month: the fourth")),
        ("monthlylast", _l("Once a month: the last")),
    ]


def weekday_choices(blank: Any = None) -> list[tuple[Any, Any]]:
    days: list[tuple[Any, Any]] = [(str(day), locs.weekday_name(day)) for day in range(7)]
    return [("", blank), *days] if blank is not None else days


def rule_for(frequency: str | None, weekday: str | int | None) -> str:
    base, nth = FREQUENCIES.get(frequency or "", ("", ""))
    if not base or weekday in (None, ""):
        return base
    return f"{base};BYDAY={nth}{schedule.WEEKDAY_CODES[int(weekday)]}"


def frequency_of(rule: str) -> tuple[str, str]:
    """The form's frequency and weekday for a stored rule."""
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    byday = parts.get("BYDAY", "MO").split(",")[0]
    weekday = str(schedule.WEEKDAY_CODES.index(byday[-2:]))
    if parts.get("FREQ") == "MONTHLY":
        nth = byday[:-2] or "1"
        return ("monthlylast" if nth == "-1" else f"monthly{nth}"), weekday
    return ("biweekly" if parts.get("INTERVAL") == "2" else "weekly"), weekday


class CommunityForm(Form):
    organisation_id = OptionalIdField(_l("Organiser"), validators=[required()])
    title = StringField(LABELS["title"], validators=[required(), at_most(200)])
    summary = StringField(
        LABELS["summary"],
        validators=[required(), at_most(300)],
        description=_l("One sentence for the list and the printed overview."),
    )
    description = TextAreaField(
        LABELS["description"],
        validators=[required(), at_most(5000)],
        description=_l("What you do and what to bring. You may use Markdown: *italics*, **bold**, lists and links."),
    )
    category = ChoiceField(LABELS["category"], choices=lambda: choices(Category))
    target_group = ChoiceField(LABELS["target_group"], choices=lambda: choices(TargetGroup))
    languages = StringField(
        LABELS["languages"], validators=[Optional(), at_most(100)], default="da",
        description=_l("Language codes separated by commas, e.g. da, en, uk."),
    )
    accessibility = TextAreaField(LABELS["accessibility"], validators=[Optional(), at_most(2000)])
    price = StringField(
        LABELS["price"], validators=[Optional(), at_most(100)], description=_l("Leave empty if it is free.")
    )
    drop_in = BooleanField(_l("Drop in: no need to sign up"), default=True)
    signup_info = StringField(LABELS["signup_info"], validators=[Optional(), at_most(300)])
    contact_name = StringField(LABELS["contact_name"], validators=[required(), at_most(200)])
    contact_email = EmailField(_l("Contact email"), validators=[Optional(), at_most(254)])
    contact_phone = TelField(_l("Contact phone"), validators=[Optional(), at_most(40)])
    contact_public = BooleanField(
        _l("Show the email and phone on the public pages"),
        description=_l("The contact person has agreed to this. The name is always shown."),
    )
    location_id = OptionalIdField(LABELS["location_id"], validators=[required()])
    room_id = OptionalIdField(LABELS["room_id"], description=_l("Leave empty if the library assigns the room."))
    frequency = ChoiceField(_l("How often"), choices=frequency_choices, default="weekly")
    weekday = ChoiceField(_l("Weekday"), choices=weekday_choices)
    start_time = ClockField(LABELS["start_time"], validators=[required()])
    end_time = ClockField(LABELS["end_time"], validators=[required()])
    valid_from = DayField(LABELS["valid_from"], validators=[required()])
    valid_until = DayField(LABELS["valid_until"], validators=[Optional()], description=_l("Leave empty if it goes on."))

    @classmethod
    def for_community(cls, community: Community | None, **kwargs: Any) -> CommunityForm:
        if community is None:
            return cls(**kwargs)
        frequency, weekday = frequency_of(community.recurrence)
        return cls(obj=community, frequency=frequency, weekday=weekday, **kwargs)

    def set_choices(self, organisations: list[Any]) -> None:
        self.organisation_id.choices = [(org.id, org.name) for org in organisations]
        places = locs.active_locations()
        self.location_id.choices = [("", _l("Choose a place"))] + [(p.id, p.name) for p in places]
        self.room_id.choices = [("", _l("No particular room"))] + [
            (room.id, f"{place.name}: {room.name}") for place in places for room in place.rooms if room.active
        ]

    def to_data(self) -> CommunityData:
        return CommunityData(
            title=self.title.data,
            summary=self.summary.data,
            description=self.description.data,
            category=self.category.data,
            target_group=self.target_group.data,
            languages=self.languages.data,
            accessibility=self.accessibility.data,
            price=self.price.data,
            drop_in=self.drop_in.data,
            signup_info=self.signup_info.data,
            contact_name=self.contact_name.data,
            contact_email=self.contact_email.data,
            contact_phone=self.contact_phone.data,
            contact_public=self.contact_public.data,
            location_id=self.location_id.data,
            room_id=self.room_id.data,
            schedule=ScheduleData(
                recurrence=rule_for(self.frequency.data, self.weekday.data),
                start_time=self.start_time.data,
                end_time=self.end_time.data,
                valid_from=self.valid_from.data,
                valid_until=self.valid_until.data,
            ),
        )


class ModerationForm(Form):
    comment = TextAreaField(
        LABELS["comment"],
        validators=[Optional(), at_most(2000)],
        description=_l("Needed when you request changes or decline. The organiser sees it."),
    )


class CancelDateForm(Form):
    original_date = DayField(_l("Date"), validators=[required()])
    note = StringField(
        LABELS["note"], validators=[Optional(), at_most(300)], description=_l("E.g. “Cancelled in the winter holiday”.")
    )


class MoveDateForm(Form):
    original_date = DayField(_l("Planned date"), validators=[required()])
    new_date = DayField(_l("New date"), validators=[required()])
    start_time = ClockField(LABELS["start_time"], validators=[required()])
    end_time = ClockField(LABELS["end_time"], validators=[required()])
    note = StringField(LABELS["note"], validators=[Optional(), at_most(300)])


class CommunityFilterForm(Form):
    """A GET form: the filters are in the address, so a list can be bookmarked and shared."""

    class Meta:
        csrf = False

    sted = ChoiceField(_l("Place"), validators=[Optional()], default="")
    kategori = ChoiceField(LABELS["category"], validators=[Optional()], default="")
    maalgruppe = ChoiceField(LABELS["target_group"], validators=[Optional()], default="")
    ugedag = ChoiceField(_l("Weekday"), validators=[Optional()], default="")

    def set_choices(self) -> None:
        self.sted.choices = [("", _l("All places"))] + [(p.slug, p.name) for p in locs.active_locations()]
        self.kategori.choices = choices(Category, blank=_l("All categories"))
        self.maalgruppe.choices = choices(TargetGroup, blank=_l("Everyone"))
        self.ugedag.choices = weekday_choices(blank=_l("Any day"))

    def to_filter(self) -> CommunityFilter:
        def ok(field: Any) -> Any:
            return field.data if field.data and not field.errors else None

        return CommunityFilter(
            location_slug=ok(self.sted),
            category=Category(ok(self.kategori)) if ok(self.kategori) else None,
            target_group=TargetGroup(ok(self.maalgruppe)) if ok(self.maalgruppe) else None,
            weekday=int(ok(self.ugedag)) if ok(self.ugedag) else None,
        )


# --- editions ----------------------------------------------------------------------------------


class NewEditionForm(Form):
    year = WholeNumberField(_l("Year"), validators=[required()])


class EditionForm(Form):
    title = StringField(_l("Title"), validators=[required(), at_most(200)])
    introduction = TextAreaField(editions.ENTRY_LABELS["introduction"], validators=[Optional(), at_most(5000)])


class PublishForm(Form):
    change_note = TextAreaField(
        editions.ENTRY_LABELS["change_note"],
        validators=[Optional(), at_most(2000)],
        description=_l("Needed for a new version of a year that has been published."),
    )


class EntryForm(Form):
    title = StringField(editions.ENTRY_LABELS["title"], validators=[required(), at_most(200)])
    summary = StringField(editions.ENTRY_LABELS["summary"], validators=[required(), at_most(300)])
    description = TextAreaField(editions.ENTRY_LABELS["description"], validators=[required(), at_most(5000)])
    category = ChoiceField(LABELS["category"], choices=lambda: choices(Category))
    target_group = ChoiceField(LABELS["target_group"], choices=lambda: choices(TargetGroup))
    organiser = StringField(editions.ENTRY_LABELS["organiser"], validators=[required(), at_most(200)])
    location_name = StringField(editions.ENTRY_LABELS["location_name"], validators=[required(), at_most(200)])
    place = StringField(editions.ENTRY_LABELS["place"], validators=[required(), at_most(300)])
    schedule = StringField(editions.ENTRY_LABELS["schedule"], validators=[required(), at_most(300)])
    contact = StringField(editions.ENTRY_LABELS["contact"], validators=[Optional(), at_most(300)])
    price = StringField(editions.ENTRY_LABELS["price"], validators=[Optional(), at_most(100)])
    drop_in = BooleanField(_l("Drop in: no need to sign up"))

    def to_data(self) -> editions.EntryData:
        return editions.EntryData(**{name: self[name].data for name in editions.EntryData.__dataclass_fields__})
