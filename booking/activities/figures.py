"""Names and one-sentence definitions of the activity figures, shown wherever the figures are
(statistics, the room review, the strategy status). The figures themselves are computed in
:mod:`booking.metrics.activities`; the texts live here so they are in this feature's catalogue."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


def unknown_value(value: object, known: str) -> str:
    """The message for a target group or category the figures do not know."""
    return _("Unknown value %(value)s for this figure; use one of: %(known)s.", value=value, known=known)


# key -> (label, definition)
TEXTS = {
    "activities_planned": (_l("Activities planned"),
        _l("Activities starting in the period that were published, whatever happened to them later.")),
    "activities_held": (_l("Activities held"),
        _l("Activities starting in the period that took place and were completed with attendance.")),
    "activities_cancelled": (_l("Activities cancelled"),
        _l("Published activities starting in the period that were cancelled.")),
    "activities_sold_out": (_l("Activities sold out"),
        _l("Published activities starting in the period in which every seat was taken at some point.")),
    "registrations": (_l("Registrations"),
        _l("People who signed up for activities starting in the period (every seat, also on the waitlist "
           "and later cancelled).")),
    "waitlist_demand": (_l("Waitlist demand"),
        _l("People who signed up for activities starting in the period but never got a seat.")),
    "activity_participants": (_l("Participants in activities"),
        _l("Headcount of the completed activities starting in the period.")),
    "no_show_rate": (_l("No-show rate"),
        _l("Seats of completed activities whose registrants did not come, out of all seats checked.")),
    "fill_rate": (_l("Fill rate"),
        _l("Seats taken at completed activities with a seat limit, out of the seats offered.")),
    "engagement_overview": (_l("Engagement overview in use"),
        _l("Yes when at least one activity starting in the period had registrations.")),
}  # fmt: skip
