"""Plans, their checkpoints and the statuses written at each. Only staff write.

Import of the plan file is in :mod:`booking.strategy.importing`, measurement points and their
figures in :mod:`booking.strategy.points` and :mod:`booking.strategy.figures`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import delete, select

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Conflict, Invalid, NotFound
from booking.extensions import db
from booking.strategy.models import (
    Action,
    Checkpoint,
    FrozenFigure,
    MeasurementPoint,
    Plan,
    Status,
    StatusEdit,
    StatusState,
    Theme,
)
from booking.timeutil import local_date
from booking.validation import clean_int, clean_text, slugify

MAX_STATUS_TEXT = 5000
RESERVED_SLUGS = {"ny", "import"}  # pages beside the plans' own
# The municipal council's strategy themes (kommunalbestyrelsens strategi).
COUNCIL_THEMES = (
    "Vækst i balance",
    "Smidige processer",
    "Forpligtende fællesskaber",
    "God kapacitetsudnyttelse",
    "Mod på livet og lyst til læring",
    "Livsduelige og fremtidsparate børn og familier",
    "Fokus på unges hverdag i kommunen (§17)",
)


def checkpoint_label(checkpoint: Checkpoint) -> str:
    """'december 2023' / 'December 2023'."""
    return format_date(checkpoint.due_on, "MMMM y")


# --- reading ---------------------------------------------------------------------------------


def all_plans() -> list[Plan]:
    return list(db.session.scalars(select(Plan).order_by(Plan.first_year.desc(), Plan.name)))


def get_plan(slug: str, *, public_only: bool = False) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
    if plan is None or (public_only and not plan.public):
        raise NotFound(_("There is no such action plan."))
    return plan


def get_action(plan: Plan, number: int) -> Action:
    action = plan.action(number)
    if action is None:
        raise NotFound(_("The plan has no action %(number)d.", number=number))
    return action


def get_checkpoint(plan: Plan, key: str) -> Checkpoint:
    found = next((cp for cp in plan.checkpoints if cp.key == key), None)
    if found is None:
        raise NotFound(_("The plan has no checkpoint %(key)s.", key=key))
    return found


def latest_status(action: Action) -> Status | None:
    """The status at the latest checkpoint that has one."""
    dated = sorted(action.statuses, key=lambda s: s.checkpoint.due_on)
    return dated[-1] if dated else None


def current_checkpoint(plan: Plan) -> Checkpoint | None:
    """The first checkpoint not signed off yet (the one staff are writing for)."""
    open_ = [cp for cp in plan.checkpoints if not cp.signed_off]
    return open_[0] if open_ else (plan.checkpoints[-1] if plan.checkpoints else None)


def themes_of(plan: Plan) -> list[Theme]:
    return sorted({theme.id: theme for a in plan.actions for theme in a.themes}.values(), key=lambda t: t.name)


def theme_for(name: str) -> Theme:
    """The theme with this name, whatever its case in the source ("mod på livet ..."); made if new."""
    wanted = name.strip()
    for theme in db.session.scalars(select(Theme)):
        if theme.name.lower() == wanted.lower():
            return theme
    theme = Theme(name=wanted[:1].upper() + wanted[1:])
    db.session.add(theme)
    db.session.flush()
    return theme


def set_themes(action: Action, themes_text: str) -> None:
    names = [part.strip() for part in themes_text.split(",") if part.strip()]
    action.themes = list({theme.id: theme for theme in map(theme_for, names)}.values())


# --- plans -----------------------------------------------------------------------------------


def unique_plan_slug(name: str) -> str:
    base = slugify(name.replace("–", "-"), 100)
    slug, n = (base, 2) if base not in RESERVED_SLUGS else (f"{base}-plan", 2)
    while db.session.scalar(select(Plan.id).where(Plan.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def half_year_ends(first_year: int, last_year: int) -> list[date]:
    return [day for year in range(first_year, last_year + 1) for day in (date(year, 6, 30), date(year, 12, 31))]


def create_plan(
    actor: User | None,
    name: str | None,
    first_year: int | str | None,
    last_year: int | str | None,
    now: datetime,
    *,
    copy_from: Plan | None = None,
    checkpoints: list[date] | None = None,
) -> Plan:
    """A new plan period; ``copy_from`` copies the actions and their points (not statuses)."""
    require_staff(actor)
    name = clean_text(name, "name", label=_("Name"), max_length=200)
    first = clean_int(first_year, "first_year", label=_("First year"), minimum=2000, maximum=2100)
    last = clean_int(last_year, "last_year", label=_("Last year"), minimum=2000, maximum=2100)
    if last < first:  # type: ignore[operator]
        raise Invalid(_("The last year comes before the first."), fields={"last_year": "invalid"})
    if last - first > 10:  # type: ignore[operator]
        raise Invalid(_("A plan can span at most ten years."), fields={"last_year": "invalid"})
    plan = Plan(name=name, slug=unique_plan_slug(name), first_year=first, last_year=last, created_at=now)  # type: ignore[arg-type]
    plan.checkpoints = [Checkpoint(due_on=day) for day in (checkpoints or half_year_ends(first, last))]  # type: ignore[arg-type]
    if copy_from is not None:
        plan.copied_from_id = copy_from.id
        plan.actions = [_copy_action(action) for action in copy_from.actions]
    db.session.add(plan)
    db.session.flush()
    return plan


def _copy_action(source: Action) -> Action:
    copy = Action(number=source.number, themes=list(source.themes), owner=source.owner)
    for attribute in ("themes_text", "references_text", "measures_text", "text", "owner_text", "partners",
                      "working_group", "expected_start_text", "expected_start_on"):  # fmt: skip
        setattr(copy, attribute, getattr(source, attribute))
    for point in source.points:
        copy.points.append(
            MeasurementPoint(
                position=point.position, description=point.description, kind=point.kind,
                metric_key=point.metric_key, scope_kind=point.scope_kind, scope_value=point.scope_value,
                target_min=point.target_min, target_max=point.target_max, reference_label=point.reference_label,
            )
        )
    return copy


def set_public(actor: User | None, plan: Plan, public: bool) -> Plan:
    require_staff(actor)
    plan.public = public
    db.session.flush()
    return plan


def update_action(actor: User | None, action: Action, *, owner_id: int | str | None) -> Action:
    require_staff(actor)
    if owner_id in (None, ""):
        action.owner = None
    else:
        owner = db.session.get(User, int(owner_id)) if str(owner_id).isdigit() else None
        if owner is None or not owner.is_staff:
            raise Invalid(_("The owner must be a member of staff."), fields={"owner_id": "invalid"})
        action.owner = owner
    db.session.flush()
    return action


# --- statuses --------------------------------------------------------------------------------


def _require_open(checkpoint: Checkpoint) -> None:
    if checkpoint.signed_off:
        raise Conflict(
            _("The statuses of %(checkpoint)s are signed off and can no longer be changed.",
              checkpoint=checkpoint_label(checkpoint))
        )


def set_status(
    actor: User | None,
    action: Action,
    checkpoint: Checkpoint,
    state: StatusState | str | None,
    text: str | None,
    now: datetime,
    *,
    imported: bool = False,
) -> Status | None:
    """Write an action's status at a checkpoint; every change is kept in its history.
    Returns None when nothing changed."""
    require_staff(actor)
    if checkpoint.plan_id != action.plan_id:
        raise Invalid(_("The checkpoint belongs to another plan."))
    try:
        state = StatusState(state)
    except ValueError:
        raise Invalid(_("Choose a state."), fields={"state": "invalid"}) from None
    text = clean_text(text, "text", label=_("Status text"), max_length=MAX_STATUS_TEXT, required=False) or ""
    status = action.status_at(checkpoint)
    if status is not None and status.state == state and status.text == text:
        return None
    _require_open(checkpoint)
    if status is None:
        status = Status(action=action, checkpoint=checkpoint, state=state, text=text)
        db.session.add(status)
    status.state, status.text = state, text
    status.updated_by, status.updated_at = actor, now
    status.edits.append(StatusEdit(state=state, text=text, edited_by=actor, edited_at=now, imported=imported))
    db.session.flush()
    return status


def set_statuses(
    actor: User | None, checkpoint: Checkpoint, entries: Mapping[int, tuple[str | None, str | None]], now: datetime
) -> int:
    """The checkpoint page: all statuses of one half year at once (action number -> state, text).
    Actions left without a state are skipped. Returns how many changed."""
    require_staff(actor)
    _require_open(checkpoint)
    changed = 0
    for action in checkpoint.plan.actions:
        state, text = entries.get(action.number, (None, None))
        if not state:
            continue
        if set_status(actor, action, checkpoint, state, text, now) is not None:
            changed += 1
    return changed


def sign_off(actor: User | None, checkpoint: Checkpoint, now: datetime) -> Checkpoint:
    """Close a checkpoint: its statuses are published (on the public page, if the plan has one)
    and its figures frozen, so later data changes do not alter what was reported."""
    from booking.strategy.figures import freeze

    require_staff(actor)
    _require_open(checkpoint)
    if local_date(now) <= checkpoint.due_on:
        raise Conflict(
            _("%(checkpoint)s can be signed off once its half year has ended, from %(day)s.",
              checkpoint=checkpoint_label(checkpoint), day=format_date(checkpoint.due_on + timedelta(days=1)))
        )
    freeze(checkpoint, now)
    checkpoint.signed_off_at, checkpoint.signed_off_by = now, actor
    db.session.flush()
    return checkpoint


def reopen(actor: User | None, checkpoint: Checkpoint) -> Checkpoint:
    require_staff(actor)
    if not checkpoint.signed_off:
        raise Conflict(_("That checkpoint is not signed off."))
    db.session.execute(delete(FrozenFigure).where(FrozenFigure.checkpoint_id == checkpoint.id))
    checkpoint.signed_off_at, checkpoint.signed_off_by = None, None
    db.session.flush()
    db.session.expire(checkpoint)
    return checkpoint


def state_counts(plan: Plan, checkpoint: Checkpoint) -> dict[StatusState | None, int]:
    counts: dict[StatusState | None, int] = {state: 0 for state in StatusState}
    counts[None] = 0
    for action in plan.actions:
        status = action.status_at(checkpoint)
        counts[status.state if status else None] += 1
    return counts
