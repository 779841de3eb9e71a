"""Import of the plan file: a preview of what would change, then the import itself, which
updates actions by number and never loses a status (an empty status cell changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid
from booking.extensions import db
from booking.strategy import services
from booking.strategy.models import Action, Checkpoint, Plan
from booking.strategy.planfile import ParsedPlan, read_plan_file


@dataclass
class ImportSummary:
    new: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # in the plan, not in the file: left as they are
    statuses: int = 0
    new_checkpoints: list[date] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    plan: Plan | None = None


def default_name(parsed: ParsedPlan) -> str:
    years = [day.year for day in parsed.checkpoints]
    return f"Handlingsplan {min(years)}–{max(years)}"


def _differs(action: Action, values: dict[str, str], expected_on: date | None) -> bool:
    return any(getattr(action, k) != v for k, v in values.items()) or action.expected_start_on != expected_on


def preview(plan: Plan | None, parsed: ParsedPlan) -> ImportSummary:
    """What importing ``parsed`` into ``plan`` (or a new plan) would do; raises ``Invalid`` when
    it would change a status of a signed-off checkpoint. Writes nothing."""
    summary = ImportSummary(warnings=list(parsed.warnings), plan=plan)
    if plan is None and not parsed.checkpoints:
        raise Invalid(_("The file has no status columns (e.g. status_2024_06), so the plan's checkpoints are "
                        "unknown. Add them, empty, to the first row."))
    checkpoints = {cp.due_on: cp for cp in plan.checkpoints} if plan else {}
    summary.new_checkpoints = [day for day in parsed.checkpoints if day not in checkpoints]
    problems = []
    for item in parsed.actions:
        action = plan.action(item.number) if plan else None
        if action is None:
            summary.new.append(item.number)
        elif _differs(action, item.values, item.expected_start_on):
            summary.changed.append(item.number)
        else:
            summary.unchanged.append(item.number)
        for due, (state, text) in item.statuses.items():
            checkpoint = checkpoints.get(due)
            status = action.status_at(checkpoint) if action and checkpoint else None
            if status is not None and (status.state, status.text) == (state, text):
                continue
            if checkpoint is not None and checkpoint.signed_off:
                problems.append(_("Row %(row)d: the status of action %(number)d at %(checkpoint)s differs, but that "
                                  "checkpoint is signed off.", row=item.row, number=item.number,
                                  checkpoint=services.checkpoint_label(checkpoint)))
            summary.statuses += 1
    if plan is not None:
        numbers = {item.number for item in parsed.actions}
        summary.kept = [a.number for a in plan.actions if a.number not in numbers]
    if problems:
        raise Invalid(_("The file was not imported (%(n)d problem(s)); nothing was changed.", n=len(problems)),
                      details=problems, code="invalid_file")
    return summary


def import_plan(
    actor: User | None,
    parsed: ParsedPlan,
    now: datetime,
    *,
    plan: Plan | None = None,
    name: str | None = None,
) -> ImportSummary:
    """Import into ``plan``, or into a new plan named ``name`` whose checkpoints are the file's
    status columns."""
    require_staff(actor)
    summary = preview(plan, parsed)
    if plan is None:
        years = [day.year for day in parsed.checkpoints]
        plan = services.create_plan(actor, name or default_name(parsed), min(years), max(years), now,
                                    checkpoints=parsed.checkpoints)
    else:
        for day in summary.new_checkpoints:
            plan.checkpoints.append(Checkpoint(due_on=day))
        db.session.flush()
        plan.first_year = min(plan.first_year, *(day.year for day in parsed.checkpoints))
        plan.last_year = max(plan.last_year, *(day.year for day in parsed.checkpoints))
    checkpoints = {cp.due_on: cp for cp in plan.checkpoints}
    for item in parsed.actions:
        action = plan.action(item.number)
        if action is None:
            action = Action(number=item.number, plan=plan)
            db.session.add(action)
        for attribute, value in item.values.items():
            setattr(action, attribute, value)
        action.expected_start_on = item.expected_start_on
        services.set_themes(action, action.themes_text)
        db.session.flush()
        for due, (state, text) in sorted(item.statuses.items()):
            services.set_status(actor, action, checkpoints[due], state, text, now, imported=True)
    db.session.flush()
    db.session.expire(plan)
    summary.plan = plan
    return summary


def import_file(
    actor: User | None, data: bytes, filename: str, now: datetime, *, plan: Plan | None = None, name: str | None = None
) -> ImportSummary:
    require_staff(actor)
    return import_plan(actor, read_plan_file(data, filename), now, plan=plan, name=name)
