from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Optional

from booking.forms import Form
from booking.labels import choices
from booking.rooms.forms import ChoiceField, DayField, WholeNumberField, required
from booking.visitors.models import CountSpan


class CountForm(Form):
    location_id = ChoiceField(_l("Location"), validators=[required()])
    span = ChoiceField(_l("The count covers"), choices=lambda: choices(CountSpan))
    day = DayField(
        _l("Date"), validators=[required()], description=_l("For a whole month, any day of the month.")
    )
    visitors = WholeNumberField(_l("Visitors"), validators=[required()])


class UploadForm(Form):
    file = FileField(
        _l("People-counter file (CSV)"),
        description=_l("Columns date, location and count (dato;sted;antal). Nothing is imported before you confirm."),
    )


class ConfirmImportForm(Form):
    filename = HiddenField()
    content = TextAreaField(validators=[Optional()])
