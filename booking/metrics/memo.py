"""A figure's query result kept for as long as the data cannot have changed.

Several figures share one query (bookings by status, cancellations by lateness), a page asks
for the same figure per room, and utilisation needs available hours again. :func:`memo`
keeps a result in the database session until the session next writes, commits or rolls
back, so a page or a review snapshot runs each query once and a test that changes data sees
the change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from booking.extensions import db

T = TypeVar("T")
_MEMO = "metrics_memo"


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_MEMO, None)


for _name in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _name, _forget)


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept until the session next writes, commits or rolls back."""
    session = db.session()
    # (``session.dirty`` would walk every object the session holds: check the flag instead.)
    if session.new or session.deleted or session.identity_map.check_modified():
        session.flush()
    found = session.info.setdefault(_MEMO, {})
    if key not in found:
        found[key] = compute()
    return found[key]
