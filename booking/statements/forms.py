from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField

from booking.forms import Form
from booking.labels import choices
from booking.rooms.forms import ChoiceField, DayField, OptionalIdField, at_most, required
from booking.statements.models import AgeGroup, Channel, StatementKind
from booking.statements.services import LABELS, StatementData


class StatementForm(Form):
    kind = ChoiceField(LABELS["kind"], choices=lambda: choices(StatementKind))
    said_on = DayField(LABELS["said_on"], validators=[required()])
    location_id = ChoiceField(LABELS["location_id"], validators=[required()])
    room_id = OptionalIdField(LABELS["room_id"])
    community_id = OptionalIdField(LABELS["community_id"])
    age_group = ChoiceField(LABELS["age_group"], choices=lambda: choices(AgeGroup))
    channel = ChoiceField(LABELS["channel"], choices=lambda: choices(Channel))
    text = TextAreaField(LABELS["text"], validators=[required(), at_most(10_000)])
    tags = StringField(
        LABELS["tags"], validators=[at_most(500)], description=_l("Separated by commas, e.g. quiet zone, light.")
    )
    consent_to_quote = BooleanField(LABELS["consent_to_quote"])
    citizen_name = StringField(
        LABELS["citizen_name"],
        validators=[at_most(200)],
        description=_l("Leave it empty unless the citizen agreed to be quoted by name."),
    )

    def to_data(self) -> StatementData:
        return StatementData(
            kind=self.kind.data,
            said_on=self.said_on.data,
            location_id=self.location_id.data,
            room_id=self.room_id.data,
            community_id=self.community_id.data,
            age_group=self.age_group.data,
            channel=self.channel.data,
            text=self.text.data,
            tags=self.tags.data,
            consent_to_quote=self.consent_to_quote.data,
            citizen_name=self.citizen_name.data,
        )
