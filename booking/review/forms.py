from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Optional

from booking.forms import Form
from booking.labels import choices
from booking.review.models import DecisionArea, DecisionStatus
from booking.rooms.forms import ChoiceField, DayField, OptionalIdField, WholeNumberField, at_most, required


class OpenReviewForm(Form):
    location_id = ChoiceField(_l("Location"), validators=[required()])
    year = WholeNumberField(_l("Year"), validators=[required()])


class ProcedureForm(Form):
    text = TextAreaField(_l("How we collect, evaluate and decide"), validators=[required(), at_most(5000)])


class SummaryForm(Form):
    summary = TextAreaField(_l("Summary of the review"), validators=[at_most(10_000)])


class EvaluationForm(Form):
    room_id = HiddenField()
    text = TextAreaField(_l("Evaluation"), validators=[at_most(10_000)])


class DecisionForm(Form):
    room_id = OptionalIdField(_l("Room"))
    area = ChoiceField(_l("What we adjust"), choices=lambda: choices(DecisionArea))
    description = TextAreaField(_l("Decision"), validators=[required(), at_most(5000)])
    owner = StringField(_l("Owner"), validators=[required(), at_most(200)])
    due_on = DayField(_l("Due date"), validators=[Optional()])
    status = ChoiceField(_l("Status"), choices=lambda: choices(DecisionStatus))


class FollowUpForm(Form):
    status = ChoiceField(_l("Status"), choices=lambda: choices(DecisionStatus))
    follow_up = TextAreaField(_l("Follow-up"), validators=[at_most(5000)])
