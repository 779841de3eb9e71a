"""iCalendar feeds: a reusable writer (:mod:`booking.feeds.ical`) and the public and personal feeds."""
