"""Forms for the allocation pages. They read and type the input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, FieldList, FormField, HiddenField, RadioField, StringField, TextAreaField
from wtforms import Form as PlainForm

from booking.allocation import applications as apps
from booking.allocation import services as rounds
from booking.allocation.decisions import Decision
from booking.allocation.models import AgeGroup, AllocationRound, Frequency
from booking.labels import choices
from booking.rooms.forms import (
    CheckboxesField,
    ChoiceField,
    ClockField,
    DayField,
    OptionalIdField,
    WholeNumberField,
    at_most,
    required,
)

RANKS = (1, 2, 3)


def weekday_choices() -> list[tuple[int, Any]]:
    return [(day, rounds.weekday_name(day)) for day in range(7)]


def room_choices(round_: AllocationRound, blank: Any) -> list[tuple[Any, Any]]:
    return [("", blank)] + [(room.id, f"{room.name} ({room.location.name})") for room in round_.rooms]


class RoundForm(FlaskForm):
    name = StringField(rounds.LABELS["name"], validators=[required(), at_most(200)])
    season_start = DayField(rounds.LABELS["season_start"], validators=[required()])
    season_end = DayField(rounds.LABELS["season_end"], validators=[required()])
    window_opens = DayField(rounds.LABELS["window_opens"], validators=[required()])
    window_closes = DayField(rounds.LABELS["window_closes"], validators=[required()])
    decision_date = DayField(rounds.LABELS["decision_date"], validators=[required()])
    accept_by = DayField(rounds.LABELS["accept_by"], validators=[required()])
    room_ids = CheckboxesField(rounds.LABELS["room_ids"], coerce=int)
    suited_room_ids = CheckboxesField(rounds.LABELS["suited_room_ids"], coerce=int)

    def to_data(self) -> rounds.RoundData:
        return rounds.RoundData(
            name=self.name.data,
            season_start=self.season_start.data,
            season_end=self.season_end.data,
            window_opens=self.window_opens.data,
            window_closes=self.window_closes.data,
            decision_date=self.decision_date.data,
            accept_by=self.accept_by.data,
            room_ids=self.room_ids.data or [],
            suited_room_ids=self.suited_room_ids.data or [],
        )


class ProfileForm(FlaskForm):
    contact_name = StringField(_l("Contact person"), validators=[required(), at_most(200)])
    contact_email = EmailField(_l("Contact email"), validators=[required(), at_most(254)])
    contact_phone = StringField(_l("Contact phone"), validators=[at_most(40)])
    board_member = StringField(
        _l("Board member"), validators=[required(), at_most(200)],
        description=_l("The member of the board who answers for the application."),
    )  # fmt: skip
    member_count = WholeNumberField(_l("Number of members"), validators=[required()])
    cvr = StringField(_l("CVR number"), validators=[at_most(20)], description=_l("If the organisation has one."))

    def to_data(self) -> apps.ProfileData:
        return apps.ProfileData(
            contact_name=self.contact_name.data,
            contact_email=self.contact_email.data,
            contact_phone=self.contact_phone.data,
            board_member=self.board_member.data,
            member_count=self.member_count.data,
            cvr=self.cvr.data,
        )


class WishForm(PlainForm):
    """One wished slot (a sub-form: the application form carries the CSRF token)."""

    id = HiddenField()
    weekday = ChoiceField(_l("Weekday"), coerce=int, choices=weekday_choices)
    starts = ClockField(_l("From"), validators=[required()])
    ends = ClockField(_l("To"), validators=[required()])
    frequency = ChoiceField(_l("How often"), choices=lambda: choices(Frequency))
    room_1 = OptionalIdField(_l("First choice of room"))
    room_2 = OptionalIdField(_l("Second choice"))
    room_3 = OptionalIdField(_l("Third choice"))
    participants = WholeNumberField(_l("Participants"), validators=[required()])
    age_group = ChoiceField(_l("Age group"), choices=lambda: choices(AgeGroup))
    purpose = StringField(_l("Activity"), validators=[required(), at_most(300)])
    for_disabilities = BooleanField(_l("The activity is for people with disabilities"))
    remove = BooleanField(_l("Remove this wish"))

    def to_data(self) -> apps.WishData:
        return apps.WishData(
            id=int(self.id.data) if (self.id.data or "").isdigit() else None,
            weekday=self.weekday.data,
            starts=self.starts.data,
            ends=self.ends.data,
            room_ids=[getattr(self, f"room_{rank}").data for rank in RANKS],
            participants=self.participants.data,
            age_group=self.age_group.data,
            purpose=self.purpose.data,
            frequency=self.frequency.data,
            for_disabilities=bool(self.for_disabilities.data),
        )


class ApplicationForm(FlaskForm):
    wishes = FieldList(FormField(WishForm), min_entries=1)
    note = TextAreaField(_l("Note to the library"), validators=[at_most(2000)])

    def for_round(self, round_: AllocationRound) -> ApplicationForm:
        for entry in self.wishes:
            for rank in RANKS:
                blank = _l("Choose a room") if rank == 1 else _l("No other choice")
                getattr(entry.form, f"room_{rank}").choices = room_choices(round_, blank)
        return self

    def kept_wishes(self) -> list[apps.WishData]:
        return [entry.form.to_data() for entry in self.wishes if not entry.form.remove.data]


class FreeTimeForm(FlaskForm):
    """One wished time asked for first-come after the decisions."""

    wish = FormField(WishForm)

    def for_round(self, round_: AllocationRound) -> FreeTimeForm:
        for rank in RANKS:
            blank = _l("Choose a room") if rank == 1 else _l("No other choice")
            getattr(self.wish.form, f"room_{rank}").choices = room_choices(round_, blank)
        return self


class DecisionForm(FlaskForm):
    grant = RadioField(
        _l("Decision"), choices=[("1", _l("Grant")), ("0", _l("Decline"))], default="1", validators=[required()]
    )
    room_id = OptionalIdField(_l("Room"))
    weekday = ChoiceField(_l("Weekday"), coerce=int, choices=weekday_choices)
    starts = ClockField(_l("From"))
    ends = ClockField(_l("To"))
    reason = TextAreaField(
        _l("Reason"), validators=[at_most(500)], description=_l("Required when declining; shown to the organisation.")
    )

    def to_decision(self) -> Decision:
        return Decision(
            grant=self.grant.data == "1",
            room_id=self.room_id.data,
            weekday=self.weekday.data,
            starts=self.starts.data,
            ends=self.ends.data,
            reason=self.reason.data,
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.grant.data == "0":
            # Room, day and times matter only when granting (the service checks them then).
            for field in (self.room_id, self.weekday, self.starts, self.ends):
                field.errors = []
            return not (self.grant.errors or self.reason.errors or self.csrf_token.errors)
        return valid


class TierForm(FlaskForm):
    tier_id = OptionalIdField(_l("Priority tier"))
    reason = TextAreaField(_l("Reason for the correction"), validators=[at_most(500)])
