"""Usage figures: the one place that computes them (DESIGN §7).

Every figure is registered in :mod:`booking.metrics.registry` with its name, unit and
definition; the statistics pages, the room review, the exports and the strategy module read
figures only through that registry. Modules that define figures are imported here so that
importing ``booking.metrics`` registers all of them.
"""

from booking.metrics import (  # noqa: F401
    activities,
    allocation,
    booking_figures,
    capacity,
    communities,
    demand_figures,
    scope_options,
    statement_figures,
    units,
    visitor_figures,
)
