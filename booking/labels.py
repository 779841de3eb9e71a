"""Human-readable, translated names for enum values, shared by forms, pages and exports.

A feature registers its labels once (``register(OrgKind, {OrgKind.CLUB: _l("Club"), ...})``);
templates use ``{{ value|label }}`` and forms ``choices=lambda: choices(OrgKind)``.
"""

from __future__ import annotations

import enum
from typing import Any

_LABELS: dict[type[enum.Enum], dict[enum.Enum, Any]] = {}


def register(enum_cls: type[enum.Enum], mapping: dict[Any, Any]) -> None:
    missing = set(enum_cls) - set(mapping)
    if missing:
        raise ValueError(f"labels missing for {sorted(m.value for m in missing)}")
    _LABELS[enum_cls] = mapping


def label(value: Any) -> str:
    if isinstance(value, enum.Enum):
        mapping = _LABELS.get(type(value))
        if mapping and value in mapping:
            return str(mapping[value])
        return str(value.value)
    return "" if value is None else str(value)


def choices(enum_cls: type[enum.Enum], *, blank: Any = None) -> list[tuple[str, Any]]:
    mapping = _LABELS.get(enum_cls, {})
    result = [(member.value, mapping.get(member, member.value)) for member in enum_cls]
    if blank is not None:
        result.insert(0, ("", blank))
    return result
