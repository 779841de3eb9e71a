"""Staff pages for the annual room review."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from booking.db import utcnow
from booking.extensions import db
from booking.metrics.formatting import format_figure
from booking.review import export, services
from booking.review.figures import review_figures
from booking.review.forms import (
    DecisionForm,
    EvaluationForm,
    FollowUpForm,
    OpenReviewForm,
    ProcedureForm,
    SummaryForm,
)
from booking.rooms.models import Location
from booking.statements.services import list_statements
from booking.timeutil import local_date
from booking.web import ConfirmForm, run, staff_required

bp = Blueprint("review", __name__)
bp.add_app_template_filter(format_figure, "figure")


def _open_form() -> OpenReviewForm:
    form = OpenReviewForm()
    form.location_id.choices = [("", _("Choose a location"))] + [
        (str(place.id), place.name) for place in db.session.scalars(select(Location).order_by(Location.name))
    ]
    if not form.is_submitted():
        form.year.data = local_date(utcnow()).year - 1
    return form


@bp.route("/personale/gennemgang")
@staff_required
def index():
    return render_template(
        "review/index.html", reviews=services.all_reviews(current_user), form=_open_form()
    )


@bp.route("/personale/gennemgang/ny", methods=["POST"])
@staff_required
def open_review():
    form = _open_form()
    if form.validate_on_submit():
        review = run(form, lambda: services.open_review(current_user, form.location_id.data, form.year.data, utcnow()))
        if review is not None:
            flash(_("The review is opened."), "success")
            return redirect(url_for("review.show", review_id=review.id))
    return render_template("review/index.html", reviews=services.all_reviews(current_user), form=form), 400


def _page(review, template: str = "review/show.html", **forms):
    evaluations = services.evaluations_by_room(review)
    decision_form = forms.get("decision_form") or DecisionForm(formdata=None)
    rooms = [(room.id, room.name) for room in review.location.rooms]
    decision_form.room_id.choices = [("", _("The whole place")), *rooms]
    statements = list_statements(current_user, year=review.year, location_id=review.location_id)
    return render_template(
        template,
        review=review,
        figures=review_figures(review),
        evaluations=evaluations,
        procedure=services.procedure_text(review.location),
        statements=statements,
        last_year=services.open_decisions_from_last_year(review),
        decision_form=decision_form,
        summary_form=forms.get("summary_form") or SummaryForm(summary=review.summary, formdata=None),
        evaluation_form=EvaluationForm(formdata=None),
        follow_up_form=FollowUpForm(formdata=None),
        confirm=ConfirmForm(),
    )


@bp.route("/personale/gennemgang/<int:review_id>")
@staff_required
def show(review_id: int):
    return _page(services.get_review(current_user, review_id))


@bp.route("/personale/gennemgang/<int:review_id>/udskrift")
@staff_required
def printable(review_id: int):
    return _page(services.get_review(current_user, review_id), "review/print.html")


@bp.route("/personale/gennemgang/<int:review_id>/eksport.xlsx")
@staff_required
def export_xlsx(review_id: int):
    review = services.get_review(current_user, review_id)
    data = export.to_xlsx(review, review_figures(review), services.evaluations_by_room(review))
    name = f"lokalegennemgang-{review.location.slug}-{review.year}.xlsx"
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/personale/gennemgang/<int:review_id>/resume", methods=["POST"])
@staff_required
def summary(review_id: int):
    review = services.get_review(current_user, review_id)
    form = SummaryForm()
    if form.validate_on_submit() and run(form, lambda: services.set_summary(current_user, review, form.summary.data)):
        flash(_("The summary is saved."), "success")
        return redirect(url_for("review.show", review_id=review.id))
    return _page(review, summary_form=form), 400


@bp.route("/personale/gennemgang/<int:review_id>/evaluering", methods=["POST"])
@staff_required
def evaluation(review_id: int):
    review = services.get_review(current_user, review_id)
    form = EvaluationForm()
    if form.validate_on_submit() and run(
        form, lambda: services.set_evaluation(current_user, review, form.room_id.data, form.text.data, utcnow()) or True
    ):
        flash(_("The evaluation is saved."), "success")
    return redirect(url_for("review.show", review_id=review.id, _anchor=f"room-{form.room_id.data}"))


@bp.route("/personale/gennemgang/<int:review_id>/beslutninger", methods=["POST"])
@staff_required
def add_decision(review_id: int):
    review = services.get_review(current_user, review_id)
    form = DecisionForm()
    form.room_id.choices = [("", "")] + [(room.id, room.name) for room in review.location.rooms]
    if form.validate_on_submit():
        data = services.DecisionData(
            area=form.area.data, description=form.description.data, owner=form.owner.data,
            room_id=form.room_id.data, due_on=form.due_on.data, status=form.status.data,
        )  # fmt: skip
        if run(form, lambda: services.add_decision(current_user, review, data, utcnow())):
            flash(_("The decision is recorded."), "success")
            return redirect(url_for("review.show", review_id=review.id, _anchor="decisions"))
    return _page(review, decision_form=form), 400


@bp.route("/personale/gennemgang/beslutninger/<int:decision_id>/opfoelgning", methods=["POST"])
@staff_required
def follow_up(decision_id: int):
    decision = services.get_decision(current_user, decision_id)
    form = FollowUpForm()
    if form.validate_on_submit() and run(
        form,
        lambda: services.follow_up_decision(current_user, decision, form.status.data, form.follow_up.data, utcnow()),
    ):
        flash(_("The follow-up is saved."), "success")
    return redirect(url_for("review.show", review_id=decision.review_id, _anchor="decisions"))


@bp.route("/personale/gennemgang/beslutninger/<int:decision_id>/slet", methods=["POST"])
@staff_required
def remove_decision(decision_id: int):
    decision = services.get_decision(current_user, decision_id)
    review_id = decision.review_id
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: services.remove_decision(current_user, decision) or True
    ):
        flash(_("The decision is deleted."), "success")
    return redirect(url_for("review.show", review_id=review_id, _anchor="decisions"))


@bp.route("/personale/gennemgang/<int:review_id>/afslut", methods=["POST"])
@staff_required
def complete(review_id: int):
    review = services.get_review(current_user, review_id)
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: services.complete_review(current_user, review, utcnow())
    ):
        flash(_("The review is completed; its figures are frozen."), "success")
    return redirect(url_for("review.show", review_id=review.id))


@bp.route("/personale/gennemgang/procedure/<int:location_id>", methods=["GET", "POST"])
@staff_required
def procedure(location_id: int):
    place = db.get_or_404(Location, location_id)
    form = ProcedureForm()
    if not form.is_submitted():
        form.text.data = services.procedure_text(place)
    if form.validate_on_submit() and run(
        form, lambda: services.set_procedure(current_user, place, form.text.data, utcnow())
    ):
        flash(_("The procedure is saved."), "success")
        return redirect(url_for("review.index"))
    return render_template("review/procedure.html", form=form, location=place)
