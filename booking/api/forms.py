from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from booking.forms import Form


class TokenForm(Form):
    name = StringField(
        _l("Name of the token"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("Where you will use it, e.g. “Our club's calendar”."),
    )
