"""What a scope can be chosen from: for each kind of scope, its choices and their names.

The statistics pages offer a kind of scope only when some registered figure supports it, so
when a feature registers figures per organisation, community or target group, those choices
appear on their own. A feature whose scope values live in its own tables registers them here:

    @scope_choices(ScopeKind.COMMUNITY, _l("Open communities"))
    def communities() -> list[tuple[int, str]]: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.accounts.models import Organisation, OrgKind
from booking.errors import Invalid
from booking.extensions import db
from booking.labels import label
from booking.metrics import registry
from booking.metrics.registry import Scope, ScopeKind
from booking.rooms.models import Location, Room

ChoicesFn = Callable[[], list[tuple[Any, str]]]


@dataclass(frozen=True)
class ScopeChoices:
    kind: ScopeKind
    label: Any
    choices: ChoicesFn


_CHOICES: dict[ScopeKind, ScopeChoices] = {}


def scope_choices(kind: ScopeKind, label_: Any) -> Callable[[ChoicesFn], ChoicesFn]:
    def register(fn: ChoicesFn) -> ChoicesFn:
        _CHOICES[kind] = ScopeChoices(kind, label_, fn)
        return fn

    return register


@scope_choices(ScopeKind.LOCATION, _l("Places"))
def _locations() -> list[tuple[Any, str]]:
    return [(place.id, place.name) for place in db.session.scalars(select(Location).order_by(Location.name))]


@scope_choices(ScopeKind.ROOM, _l("Rooms"))
def _rooms() -> list[tuple[Any, str]]:
    rooms = db.session.scalars(select(Room).join(Location).order_by(Location.name, Room.name))
    return [(room.id, f"{room.name} ({room.location.name})") for room in rooms]


@scope_choices(ScopeKind.ORGANISATION, _l("Organisations"))
def _organisations() -> list[tuple[Any, str]]:
    return [(org.id, org.name) for org in db.session.scalars(select(Organisation).order_by(Organisation.name))]


@scope_choices(ScopeKind.ORGANISATION_TYPE, _l("Kinds of organisation"))
def _organisation_kinds() -> list[tuple[Any, str]]:
    return [(kind.value, label(kind)) for kind in OrgKind]


def offered() -> list[tuple[ScopeChoices, list[tuple[str, str]]]]:
    """The kinds of scope some figure supports, each with its choices as form values."""
    supported = {kind for found in registry.all_metrics() for kind in found.scopes}
    return [
        (entry, [(f"{kind.value}:{value}", name) for value, name in entry.choices()])
        for kind, entry in _CHOICES.items()
        if kind in supported
    ]


def parse(value: str | None) -> Scope:
    """A form value ("all", "location:3", "organisation_type:club") as a scope, or Invalid."""
    if not value or value == "all":
        return registry.ALL_SCOPES
    kind_value, _sep, ident = value.partition(":")
    try:
        entry = _CHOICES[ScopeKind(kind_value)]
    except (ValueError, KeyError):
        entry = None
    if entry is not None:
        for choice, _name in entry.choices():
            if str(choice) == ident:
                return Scope(entry.kind, choice)
    raise Invalid(_("Choose what the figures cover."), fields={"scope": "invalid"})


def form_value(scope: Scope) -> str:
    return "all" if scope.kind == ScopeKind.ALL else f"{scope.kind.value}:{scope.value}"


def describe(scope: Scope) -> str:
    if scope.kind == ScopeKind.ALL:
        return _("All places")
    entry = _CHOICES.get(scope.kind)
    names = dict(entry.choices()) if entry else {}
    return names.get(scope.value, str(scope.value))
