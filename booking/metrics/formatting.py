"""Figures as people read them: "37.065" and "12,5" in Danish, "37,065" and "12.5" in English."""

from __future__ import annotations

from flask_babel import format_decimal

from booking.labels import label
from booking.metrics.registry import FigureValue, Unit


def format_figure(value: FigureValue) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return label(value)
    return format_decimal(value, format="#,##0.#")


def unit_label(unit: Unit | str) -> str:
    try:
        return label(Unit(unit))
    except ValueError:
        return str(unit)
