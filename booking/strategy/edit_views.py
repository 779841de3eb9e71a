"""Staff forms of the action plan: new plan periods, the import with its preview, measurement
points and their figures, the statuses of a checkpoint and its sign-off."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from booking.accounts.models import User, UserRole
from booking.db import utcnow
from booking.errorpages import render_error
from booking.errors import DomainError
from booking.extensions import db
from booking.labels import choices
from booking.strategy import figures, importing, points, services
from booking.strategy.forms import (
    ConfirmImportForm,
    ExternalFigureForm,
    ImportForm,
    OwnerForm,
    PlanForm,
    PointForm,
    ReferenceFigureForm,
)
from booking.strategy.models import StatusState
from booking.strategy.planfile import MAX_FILE_BYTES, read_plan_file
from booking.strategy.views import bp
from booking.web import ConfirmForm, run, staff_required

NEW_PLAN = "new"


def owner_choices() -> list[tuple[str, str]]:
    staff = db.session.scalars(
        select(User).where(User.role.in_((UserRole.STAFF, UserRole.ADMIN)), User.active.is_(True)).order_by(User.name)
    )
    return [("", _("(only the owner text of the plan)"))] + [(str(u.id), u.name) for u in staff]


@bp.route("/personale/handlingsplaner/ny", methods=["GET", "POST"])
@staff_required
def plan_new():
    form = PlanForm()
    existing = services.all_plans()
    form.copy_from.choices = [("", _("(start empty)"))] + [(p.slug, p.name) for p in existing]
    if form.validate_on_submit():
        source = next((p for p in existing if p.slug == form.copy_from.data), None)
        created = run(form, lambda: services.create_plan(
            current_user, form.name.data, form.first_year.data, form.last_year.data, utcnow(), copy_from=source,
        ))  # fmt: skip
        if created is not None:
            flash(_("The plan %(name)s is created.", name=created.name), "success")
            return redirect(url_for("strategy.plan", slug=created.slug))
    return render_template("strategy/plan_form.html", form=form)


# --- import with preview ------------------------------------------------------------------------


def _import_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "strategy-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget_old_uploads(max_age_seconds: int = 24 * 3600) -> None:
    """Previews that were never confirmed leave their file behind; a day later it goes."""
    limit = time.time() - max_age_seconds
    for path in _import_folder().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _stored(token: str) -> Path | None:
    if not token or not token.isalnum():
        return None
    path = _import_folder() / token
    return path if path.is_file() else None


def _target(form, plans) -> tuple[object, str | None]:
    choice = form.plan.data or NEW_PLAN
    plan = next((p for p in plans if p.slug == choice), None)
    if choice != NEW_PLAN and plan is None:
        abort(404)
    return plan, (form.name.data or None)


def _render_import(form, status: int = 200, **context):
    return render_template("strategy/import.html", form=form, max_mb=MAX_FILE_BYTES // 1024 // 1024, **context), status


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    if not (current_user.is_authenticated and current_user.is_staff):
        return render_error(413)
    form = ImportForm(formdata=None)
    form.plan.choices = [(NEW_PLAN, _("A new plan"))]
    flash(_("The file is too large. A plan file can be at most %(max)d MB; nothing was imported.",
            max=MAX_FILE_BYTES // 1024 // 1024), "error")
    return _render_import(form, 413)


@bp.route("/personale/handlingsplaner/import", methods=["GET", "POST"])
@staff_required
def import_plan():
    plans = services.all_plans()
    form = ImportForm()
    form.plan.choices = [(NEW_PLAN, _("A new plan"))] + [(p.slug, p.name) for p in plans]
    if request.method == "GET" and request.args.get("plan"):
        form.plan.data = request.args["plan"]
    if not form.validate_on_submit():
        return _render_import(form)
    upload = form.file.data
    if upload is None or not getattr(upload, "filename", ""):
        form.file.errors = [_("Choose a file.")]
        return _render_import(form, 400)
    data = upload.read(MAX_FILE_BYTES + 1)
    plan, name = _target(form, plans)
    try:
        parsed = read_plan_file(data, upload.filename)
        summary = importing.preview(plan, parsed)
    except DomainError as error:
        return _render_import(form, 400, error=error)
    _forget_old_uploads()
    token = secrets.token_hex(16)
    (_import_folder() / token).write_bytes(data)
    confirm = ConfirmImportForm(token=token, plan=form.plan.data, name=name or "")
    return _render_import(form, summary=summary, confirm=confirm, filename=upload.filename,
                          new_name=name or importing.default_name(parsed) if plan is None else None)


@bp.route("/personale/handlingsplaner/import/bekraeft", methods=["POST"])
@staff_required
def import_confirm():
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    path = _stored(form.token.data)
    if path is None:
        flash(_("The uploaded file is gone; please choose it again."), "error")
        return redirect(url_for("strategy.import_plan"))
    plan, name = _target(form, services.all_plans())
    summary = run(None, lambda: importing.import_file(current_user, path.read_bytes(), path.name, utcnow(),
                                                      plan=plan, name=name))
    if summary is None:
        return redirect(url_for("strategy.import_plan"))
    path.unlink(missing_ok=True)
    flash(_("The plan is imported: %(new)d new and %(changed)d changed actions, %(statuses)d statuses.",
            new=len(summary.new), changed=len(summary.changed), statuses=summary.statuses), "success")
    return redirect(url_for("strategy.plan", slug=summary.plan.slug))


# --- plan settings and actions ----------------------------------------------------------------


@bp.route("/personale/handlingsplaner/<slug>/offentlig", methods=["POST"])
@staff_required
def plan_public(slug: str):
    plan = services.get_plan(slug)
    public = request.form.get("public") == "1"
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.set_public(current_user, plan, public)):
        if public:
            flash(_("The plan and its signed-off statuses are now shown on a public page."), "success")
        else:
            flash(_("The plan is no longer shown publicly."), "success")
    return redirect(url_for("strategy.plan", slug=slug))


def _action(slug: str, number: int):
    plan = services.get_plan(slug)
    return plan, services.get_action(plan, number)


def _back(slug: str, number: int):
    return redirect(url_for("strategy.action", slug=slug, number=number, checkpoint=request.args.get("checkpoint")))


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/ansvarlig", methods=["POST"])
@staff_required
def action_owner(slug: str, number: int):
    _plan, item = _action(slug, number)
    form = OwnerForm()
    form.owner_id.choices = owner_choices()
    if form.validate_on_submit() and run(form, lambda: services.update_action(current_user, item,
                                                                              owner_id=form.owner_id.data)):
        flash(_("The owner is saved."), "success")
    return _back(slug, number)


def _point_data(form: PointForm) -> points.PointData:
    return points.PointData(
        description=form.description.data, kind=form.kind.data, metric_key=form.metric_key.data,
        scope_kind=form.scope_kind.data, scope_value=form.scope_value.data, target_min=form.target_min.data,
        target_max=form.target_max.data, reference_label=form.reference_label.data,
    )  # fmt: skip


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/punkt/ny", methods=["GET", "POST"])
@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/punkt/<int:point_id>", methods=["GET", "POST"])
@staff_required
def point_edit(slug: str, number: int, point_id: int | None = None):
    plan, item = _action(slug, number)
    point = points.get_point(item, point_id) if point_id is not None else None
    form = PointForm(obj=point)
    form.set_metric_choices(point.metric_key if point else None)
    if form.validate_on_submit():
        data = _point_data(form)
        if point is None:
            saved = run(form, lambda: points.add_point(current_user, item, data))
        else:
            saved = run(form, lambda: points.update_point(current_user, point, data))
        if saved is not None:
            flash(_("The measurement point is saved."), "success")
            return _back(slug, number)
    return render_template("strategy/point_form.html", form=form, plan=plan, action=item, point=point,
                           figure_form=ExternalFigureForm(prefix="figure"),
                           reference_form=ReferenceFigureForm(prefix="ref"),
                           confirm=ConfirmForm())


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/punkt/<int:point_id>/slet", methods=["POST"])
@staff_required
def point_remove(slug: str, number: int, point_id: int):
    _plan, item = _action(slug, number)
    point = points.get_point(item, point_id)
    if ConfirmForm().validate_on_submit() and run(None, lambda: points.remove_point(current_user, point)):
        flash(_("The measurement point is removed."), "success")
    return _back(slug, number)


def _point_figure_post(slug: str, number: int, point_id: int, form, save, saved: str, invalid: str):
    """A figure entered on a point's page; a problem is shown as a message above it."""
    _plan, item = _action(slug, number)
    point = points.get_point(item, point_id)
    if not form.validate_on_submit():
        flash(invalid, "error")
    elif run(None, lambda: save(point)):
        flash(saved, "success")
    return redirect(url_for("strategy.point_edit", slug=slug, number=number, point_id=point_id))


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/punkt/<int:point_id>/tal", methods=["POST"])
@staff_required
def point_figure(slug: str, number: int, point_id: int):
    form = ExternalFigureForm(prefix="figure")
    return _point_figure_post(
        slug, number, point_id, form,
        lambda point: points.set_external_figure(
            current_user, point, form.year.data, form.half.data, form.value.data, utcnow()
        ),
        _("The figure is saved."),
        _("The figure was not saved: give a year, a half year and a number."),
    )  # fmt: skip


@bp.route("/personale/handlingsplaner/<slug>/handling/<int:number>/punkt/<int:point_id>/reference", methods=["POST"])
@staff_required
def point_reference(slug: str, number: int, point_id: int):
    form = ReferenceFigureForm(prefix="ref")
    return _point_figure_post(
        slug, number, point_id, form,
        lambda point: points.set_reference_figure(current_user, point, form.year.data, form.reference.data, utcnow()),
        _("The reference figure is saved."),
        _("The reference figure was not saved: give a year and a number."),
    )  # fmt: skip


# --- checkpoints --------------------------------------------------------------------------------


@bp.route("/personale/handlingsplaner/<slug>/status/<key>", methods=["GET", "POST"])
@staff_required
def checkpoint(slug: str, key: str):
    plan = services.get_plan(slug)
    found = services.get_checkpoint(plan, key)
    form = ConfirmForm()
    if form.validate_on_submit():
        entries = {
            a.number: (request.form.get(f"state-{a.number}"), request.form.get(f"text-{a.number}"))
            for a in plan.actions
        }
        changed = run(None, lambda: services.set_statuses(current_user, found, entries, utcnow()))
        if changed is not None:
            flash(_("The statuses are saved (%(n)d changed).", n=changed), "success")
            return redirect(url_for("strategy.checkpoint", slug=slug, key=key))
    return render_template(
        "strategy/checkpoint.html", plan=plan, checkpoint=found, form=form, states=choices(StatusState),
        values=request.form if request.method == "POST" else None,
        # The figures beside the text, so staff write the status with them in view.
        bound={a.id: [figures.figures(p, found) for p in a.points if figures.is_bound(p)] for a in plan.actions},
    )  # fmt: skip


@bp.route("/personale/handlingsplaner/<slug>/status/<key>/godkend", methods=["POST"])
@staff_required
def checkpoint_sign_off(slug: str, key: str):
    plan = services.get_plan(slug)
    found = services.get_checkpoint(plan, key)
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.sign_off(current_user, found, utcnow())):
        flash(_("%(checkpoint)s is signed off; its figures are frozen.",
                checkpoint=services.checkpoint_label(found)), "success")
    return redirect(url_for("strategy.checkpoint", slug=slug, key=key))


@bp.route("/personale/handlingsplaner/<slug>/status/<key>/genaabn", methods=["POST"])
@staff_required
def checkpoint_reopen(slug: str, key: str):
    plan = services.get_plan(slug)
    found = services.get_checkpoint(plan, key)
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.reopen(current_user, found)):
        flash(_("%(checkpoint)s is open again; its figures are live.",
                checkpoint=services.checkpoint_label(found)), "success")
    return redirect(url_for("strategy.checkpoint", slug=slug, key=key))

