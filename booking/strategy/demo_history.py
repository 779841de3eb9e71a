"""Demo: the plan's earlier years, as the library recorded them before the system's own
data begins — monthly visitor counts from the people counters, and the statements, interviews
and practice stories written down then. Only the years and kinds the other features' demo data
leave empty (per half year) are filled, so the signed-off checkpoints freeze real figures."""

from __future__ import annotations

from datetime import date

from booking.demo import DemoContext
from booking.metrics.registry import Period, Scope, ScopeKind, compute
from booking.statements.models import AgeGroup, Channel, StatementKind
from booking.statements.services import StatementData, record_statement
from booking.strategy.models import Plan
from booking.timeutil import local_date
from booking.visitors.demo import BASE, SEASON
from booking.visitors.models import CountSpan
from booking.visitors.services import CountData, enter_count

# Roughly the visitors of a month: 22 weekdays, 4 Saturdays and 4 Sundays of a weekday's count.
DAYS_PER_MONTH = 22 + 4 * 0.6 + 4 * 0.35

# kind -> (days of the year it was recorded, channel, texts used in turn)
RECORDED: dict[StatementKind, tuple[list[tuple[int, int]], Channel, list[str]]] = {
    StatementKind.STATEMENT: (
        [(2, 8), (3, 14), (5, 3), (6, 11), (9, 6), (10, 19), (11, 23)],
        Channel.CONVERSATION,
        [
            "Det er dejligt, at man kan sidde her og læse avis uden at skulle købe noget.",
            "Vi mangler et sted at øve med bandet om aftenen.",
            "Studiepladserne på første sal er altid optaget i eksamensperioden.",
            "Godt, at der er åbent om søndagen – så kan hele familien komme.",
        ],
    ),
    StatementKind.INTERVIEW: (
        [(3, 2), (4, 11), (5, 16), (6, 7), (8, 29), (9, 19), (10, 10), (11, 14), (12, 5)],
        Channel.INTERVIEW,
        [
            "Biblioteket er mit andet hjem, siden jeg gik på pension.",
            "Her møder jeg andre forældre, mens børnene leger i børneafdelingen.",
            "Jeg bruger mødelokalet til lektiecafé for mine naboers børn.",
        ],
    ),
    StatementKind.PRACTICE_STORY: (
        [(4, 20), (6, 2), (10, 3), (11, 28)],
        Channel.OBSERVATION,
        [
            "En gruppe unge lånte lokalet til at planlægge en koncert og inviterede selv deres venner.",
            "To foreninger delte et lokale og fandt ud af, at de kunne lave et arrangement sammen.",
        ],
    ),
}
# Marks what was recorded for the plan's follow-up before the system's own data.
HISTORY_TAG = "handlingsplan"
METRIC_OF = {
    StatementKind.STATEMENT: "statements",
    StatementKind.INTERVIEW: "interviews",
    StatementKind.PRACTICE_STORY: "practice_stories",
}


def seed_history(ctx: DemoContext, plan: Plan, staff) -> None:
    today = local_date(ctx.now)
    years = range(plan.checkpoints[0].due_on.year, today.year)
    places = list(ctx.locations.values())
    for year in years:
        _visitors(ctx, year, places, staff)
        for kind, (days, channel, texts) in RECORDED.items():
            for half in (1, 2):
                period = Period.half_year(year, half)
                if period.start > today or compute(METRIC_OF[kind], period).value:
                    continue
                for index, (month, day) in enumerate(days):
                    said_on = date(year, month, day)
                    if said_on < period.start or said_on > min(period.end, today):
                        continue
                    data = StatementData(
                        kind=kind, said_on=said_on, location_id=places[index % len(places)].id,
                        text=texts[index % len(texts)], channel=channel,
                        age_group=list(AgeGroup)[index % (len(AgeGroup) - 1)], tags=HISTORY_TAG,
                    )  # fmt: skip
                    record_statement(staff, data, ctx.now)


def _visitors(ctx: DemoContext, year: int, places, staff) -> None:
    """Monthly counts for the locations that have no count at all in ``year``."""
    for place in places:
        base = BASE.get(place.slug)
        if base is None or compute("visitors", Period.year(year), Scope(ScopeKind.LOCATION, place.id)).value:
            continue
        for month in range(1, 13):
            visitors = int(base * DAYS_PER_MONTH * SEASON[month] * ctx.rng.uniform(0.9, 1.1))
            enter_count(staff, CountData(place.id, CountSpan.MONTH, date(year, month, 1), visitors), ctx.now)
