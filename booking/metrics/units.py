"""How units are named on pages and in exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from booking import labels
from booking.metrics.registry import Unit

labels.register(
    Unit,
    {
        Unit.COUNT: _l("number"),
        Unit.HOURS: _l("hours"),
        Unit.PERCENT: _l("per cent"),
        Unit.PEOPLE: _l("people"),
        Unit.YES_NO: _l("yes/no"),
    },
)
