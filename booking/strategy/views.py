"""Pages of the action plan: the staff overview, an action with its figures, the council
summary, the exports and the public read-only page. The forms that write are in
:mod:`booking.strategy.edit_views` on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from booking.accounts.permissions import is_staff
from booking.errors import NotFound
from booking.labels import label
from booking.metrics import registry, scope_options
from booking.metrics.registry import ScopeKind
from booking.strategy import export, figures, services
from booking.strategy.forms import SCOPE_LABELS, FilterForm, OwnerForm
from booking.strategy.models import Action, Checkpoint, Plan, StatusState
from booking.web import ConfirmForm, staff_required

bp = Blueprint("strategy", __name__)

BADGE_KINDS = {
    StatusState.NOT_STARTED: "neutral",
    StatusState.IN_PROGRESS: "info",
    StatusState.DONE: "ok",
    StatusState.POSTPONED: "warn",
    StatusState.DROPPED: "bad",
}


@bp.app_template_filter("state_badge_kind")
def state_badge_kind(state: StatusState | None) -> str:
    return BADGE_KINDS.get(state, "neutral") if state else "neutral"


@bp.app_template_filter("plan_figure")
def format_figure(value: float | None, unit: str | None = None) -> str:
    from flask_babel import format_decimal

    if value is None:
        return "–"
    if unit == figures.YES_NO:
        return _("Yes") if value else _("No")
    return format_decimal(round(value, 1) if not float(value).is_integer() else int(value))


bp.add_app_template_global(services.checkpoint_label, "checkpoint_label")


@bp.app_template_global("binding_text")
def binding_text(point) -> str:
    """What a bound point shows, in the reader's language: the figure's label and what it covers."""
    try:
        name = str(registry.get(point.metric_key).label)
    except NotFound:
        name = _("%(key)s (not available yet)", key=point.metric_key)
    scope = figures.scope_of(point)
    if scope.kind == ScopeKind.ALL:
        return f"{name} – {SCOPE_LABELS[ScopeKind.ALL]}"
    return f"{name} – {SCOPE_LABELS[scope.kind]}: {scope_options.describe(scope)}"


def chosen_checkpoint(plan: Plan) -> Checkpoint | None:
    key = request.args.get("checkpoint")
    if key:
        return services.get_checkpoint(plan, key)
    return services.current_checkpoint(plan)


def filtered_actions(plan: Plan, form: FilterForm) -> list[Action]:
    themes = services.themes_of(plan)
    owners = sorted({a.owner_text for a in plan.actions if a.owner_text})
    form.theme.choices = [("", _("All themes"))] + [(str(t.id), t.name) for t in themes]
    form.owner.choices = [("", _("All owners"))] + [(o, o) for o in owners]
    form.state.choices = [("", _("All states")), ("none", _("No status yet"))] + [
        (s.value, label(s)) for s in StatusState
    ]
    actions = list(plan.actions)
    if form.theme.data:
        actions = [a for a in actions if any(str(t.id) == form.theme.data for t in a.themes)]
    if form.owner.data:
        actions = [a for a in actions if a.owner_text == form.owner.data]
    if form.state.data:
        wanted = None if form.state.data == "none" else form.state.data
        actions = [a for a in actions if _latest_state(a) == wanted]
    return actions


def _latest_state(action: Action) -> str | None:
    status = services.latest_status(action)
    return status.state.value if status else None


def grouped_by_theme(plan: Plan, actions: list[Action]) -> list[tuple[str, list[Action]]]:
    """Each theme with its actions; an action serving two themes appears under both."""
    groups = []
    for theme in services.themes_of(plan):
        members = [a for a in actions if theme in a.themes]
        if members:
            groups.append((theme.name, members))
    without = [a for a in actions if not a.themes]
    if without:
        groups.append((_("Without a strategy theme"), without))
    return groups


@bp.route("/personale/handlingsplaner")
@staff_required
def plans():
    return render_template("strategy/plans.html", plans=services.all_plans())


@bp.route("/personale/handlingsplaner/<slug>")
@staff_required
def plan(slug: str):
    found = services.get_plan(slug)
    form = FilterForm(formdata=request.args)
    actions = filtered_actions(found, form)
    return render_template(
        "strategy/plan.html",
        plan=found,
        form=form,
        groups=grouped_by_theme(found, actions),
        shown=len(actions),
        latest=services.latest_status,
        current=services.current_checkpoint(found),
        confirm=ConfirmForm(),
    )


def action_context(plan: Plan, action: Action, checkpoint: Checkpoint | None) -> dict:
    point_figures = []
    for point in action.points:
        if checkpoint is not None and figures.is_bound(point):
            bars = figures.chart(point, plan.checkpoints)
            point_figures.append((point, figures.figures(point, checkpoint), bars))
        else:
            point_figures.append((point, None, []))
    history = sorted(
        ((edit, status.checkpoint) for status in action.statuses for edit in status.edits),
        key=lambda pair: (pair[1].due_on, pair[0].id),
        reverse=True,
    )
    return {
        "plan": plan,
        "action": action,
        "checkpoint": checkpoint,
        "point_figures": point_figures,
        "history": history,
        "bar_width": figures.bar_width,
        "chart_size": (figures.CHART_WIDTH, figures.CHART_HEIGHT),
    }


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>")
@staff_required
def action(slug: str, number: int):
    from booking.strategy.edit_views import owner_choices

    found = services.get_plan(slug)
    item = services.get_action(found, number)
    owner_form = OwnerForm(owner_id=str(item.owner_id or ""))
    owner_form.owner_id.choices = owner_choices()
    return render_template(
        "strategy/action.html",
        owner_form=owner_form,
        confirm=ConfirmForm(),
        **action_context(found, item, chosen_checkpoint(found)),
    )


def summary_rows(plan: Plan, checkpoint: Checkpoint) -> list[tuple[Action, object, list]]:
    rows = []
    for item in plan.actions:
        bound = [figures.figures(p, checkpoint) for p in item.points if figures.is_bound(p)]
        rows.append((item, item.status_at(checkpoint), bound))
    return rows


@bp.route("/personale/handlingsplaner/<slug>/rapport")
@staff_required
def summary(slug: str):
    found = services.get_plan(slug)
    checkpoint = chosen_checkpoint(found)
    return render_template(
        "strategy/summary.html",
        plan=found,
        checkpoint=checkpoint,
        counts=services.state_counts(found, checkpoint) if checkpoint else {},
        rows=summary_rows(found, checkpoint) if checkpoint else [],
    )


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/personale/handlingsplaner/<slug>/eksport.xlsx")
@staff_required
def export_xlsx(slug: str):
    found = services.get_plan(slug)
    return _download(
        export.plan_xlsx(found),
        export.export_filename(found, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@bp.route("/personale/handlingsplaner/<slug>/eksport.csv")
@staff_required
def export_csv(slug: str):
    found = services.get_plan(slug)
    return _download(export.plan_csv(found), export.export_filename(found, "csv"), "text/csv")


@bp.route("/handlingsplan/<slug>")
def public_plan(slug: str):
    """Read only: the plan and the statuses of signed-off checkpoints, with frozen figures."""
    found = services.get_plan(slug, public_only=not is_staff(current_user))
    published = [cp for cp in found.checkpoints if cp.signed_off]
    checkpoint = published[-1] if published else None
    return render_template(
        "strategy/public_plan.html",
        plan=found,
        checkpoint=checkpoint,
        published=published,
        groups=grouped_by_theme(found, list(found.actions)),
        rows={item.id: row for item, *row in summary_rows(found, checkpoint)} if checkpoint else {},
    )


from booking.strategy import edit_views  # noqa: E402,F401  (staff forms on this blueprint)
