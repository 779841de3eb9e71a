"""Charts drawn on the server as SVG: no script, no internet, and they print sharp.

Each chart is an image with a text alternative; the page puts a table with the same numbers
beside it, which is what screen readers and spreadsheets use. Colours come from classes in
``static/css/stats.css`` (the Content-Security-Policy allows no inline styles), and the bars
carry their value as text too, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from booking.metrics.formatting import format_figure

WIDTH = 720
MARGIN = 50  # room on the right for the last slanted label
BAR_AREA_HEIGHT = 180
LABEL_HEIGHT = 80
HEAT_CELL = 22


def _number(value: float | int | None) -> str:
    return str(escape(format_figure(value)))


def bar_chart(title: str, points: Sequence[tuple[str, float | int | None]], unit: str = "") -> Markup:
    """Vertical bars, one per point, with the value above each bar and the label below."""
    count = max(len(points), 1)
    slot = WIDTH / count
    bar_width = max(slot * 0.7, 1)
    highest = max((float(value or 0) for _label, value in points), default=0) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH + MARGIN} {BAR_AREA_HEIGHT + LABEL_HEIGHT + 20}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="0" y1="{BAR_AREA_HEIGHT + 20}" x2="{WIDTH}" y2="{BAR_AREA_HEIGHT + 20}"/>',
    ]
    show_labels = count <= 40
    for index, (label, value) in enumerate(points):
        height = BAR_AREA_HEIGHT * float(value or 0) / highest
        x = index * slot + (slot - bar_width) / 2
        y = BAR_AREA_HEIGHT + 20 - height
        text = f"{escape(label)}: {_number(value)} {escape(unit)}".strip()
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{height:.1f}">'
            f"<title>{text}</title></rect>"
        )
        if show_labels:
            centre = x + bar_width / 2
            parts.append(f'<text class="value" x="{centre:.1f}" y="{y - 4:.1f}">{_number(value)}</text>')
            parts.append(
                f'<text class="label" x="{centre:.1f}" y="{BAR_AREA_HEIGHT + 34}" '
                f'transform="rotate(35 {centre:.1f} {BAR_AREA_HEIGHT + 34})">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text in it is escaped above)


def heatmap(title: str, cells: dict[tuple[int, int], float | int | None], weekday_names: Sequence[str]) -> Markup:
    """Weekday (rows, Monday first) × hour (columns); darker = more, in five steps, and the
    value is in each cell's tooltip and in the table beside the chart."""
    highest = max((float(v or 0) for v in cells.values()), default=0) or 1
    left = 90
    parts = [
        f'<svg class="chart heatmap" viewBox="0 0 {left + 24 * HEAT_CELL} {8 * HEAT_CELL + 10}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for hour in range(0, 24, 3):
        parts.append(f'<text class="label" x="{left + hour * HEAT_CELL + 2}" y="{HEAT_CELL - 6}">{hour:02d}</text>')
    for row, name in enumerate(weekday_names):
        y = (row + 1) * HEAT_CELL
        parts.append(f'<text class="label" x="0" y="{y + HEAT_CELL - 7}">{escape(name)}</text>')
        for hour in range(24):
            value = cells.get((row + 1, hour))
            step = 0 if not value else min(5, 1 + int(4 * float(value) / highest))
            parts.append(
                f'<rect class="heat heat-{step}" x="{left + hour * HEAT_CELL}" y="{y}" width="{HEAT_CELL - 1}" '
                f'height="{HEAT_CELL - 1}"><title>{escape(name)} {hour:02d}: {_number(value)}</title></rect>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text in it is escaped above)


def series_chart(title: str, series: object, unit: str = "") -> Markup:
    """A bar per bucket of a :class:`booking.metrics.series.Series`."""
    return bar_chart(title, [(bucket.short_label, value) for bucket, value in series.points], unit)  # type: ignore[attr-defined]


def weekday_hour_cells(series: object) -> dict[tuple[int, int], float | int | None]:
    """``{(ISO weekday, hour): value}`` from a weekday × hour series."""
    return {(int(b.key[0]), int(b.key[2:])): value for b, value in series.points}  # type: ignore[attr-defined]


def rooms_chart(title: str, rooms: Sequence[tuple[object, dict[str, object]]], key: str, unit: str = "") -> Markup:
    return bar_chart(title, [(room.name, values[key]) for room, values in rooms], unit)  # type: ignore[attr-defined,misc]


def named_chart(title: str, rows: Sequence[tuple[str, dict[str, object]]], key: str, unit: str = "") -> Markup:
    """A bar per named row (e.g. per kind of organisation) for the figure ``key``."""
    return bar_chart(title, [(name, values[key]) for name, values in rows], unit)  # type: ignore[misc]
