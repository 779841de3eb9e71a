"""Staff pages of the season allocation: rounds, tiers, the allocation board and each wish.
The organisations' pages are in :mod:`booking.allocation.org_views` on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from booking.allocation import applications as apps

# Importing seams adds the resttider guard to the booking core.
from booking.allocation import decisions, seams, suggestion  # noqa: F401
from booking.allocation import services as rounds
from booking.allocation.forms import DecisionForm, RoundForm, TierForm, room_choices
from booking.allocation.models import AllocationRound, RoundState
from booking.db import utcnow
from booking.extensions import db
from booking.rooms.models import Location, Room
from booking.web import ConfirmForm, run, staff_required

bp = Blueprint("allocation", __name__)


def _room_choices() -> list[tuple[int, str]]:
    rooms = db.session.scalars(
        select(Room).join(Location).where(Room.active.is_(True)).order_by(Location.name, Room.name)
    )
    return [(room.id, f"{room.name} ({room.location.name})") for room in rooms]


def _round_form(round_: AllocationRound | None = None) -> RoundForm:
    form = RoundForm(obj=round_)
    form.room_ids.choices = form.suited_room_ids.choices = _room_choices()
    if round_ is not None and request.method == "GET":
        form.room_ids.data = [rr.room_id for rr in round_.round_rooms]
        form.suited_room_ids.data = [rr.room_id for rr in round_.round_rooms if rr.suited_for_disabilities]
    return form


@bp.route("/personale/fordeling", endpoint="rounds")
@staff_required
def rounds_list():
    return render_template("allocation/rounds.html", rounds=rounds.all_rounds())


@bp.route("/personale/fordeling/ny", methods=["GET", "POST"])
@staff_required
def round_new():
    form = _round_form()
    if form.validate_on_submit():
        round_ = run(form, lambda: rounds.create_round(current_user, form.to_data(), utcnow()))
        if round_ is not None:
            flash(_("The round is created as a draft. Check the priority tiers, then open it."), "success")
            return redirect(url_for("allocation.round_detail", round_id=round_.id))
    return render_template("allocation/round_form.html", form=form, round=None)


@bp.route("/personale/fordeling/<int:round_id>/rediger", methods=["GET", "POST"])
@staff_required
def round_edit(round_id: int):
    round_ = rounds.get_round(round_id)
    form = _round_form(round_)
    if form.validate_on_submit() and run(form, lambda: rounds.update_round(current_user, round_, form.to_data())):
        flash(_("Saved."), "success")
        return redirect(url_for("allocation.round_detail", round_id=round_.id))
    return render_template("allocation/round_form.html", form=form, round=round_)


@bp.route("/personale/fordeling/<int:round_id>")
@staff_required
def round_detail(round_id: int):
    round_ = rounds.get_round(round_id)
    return render_template(
        "allocation/round.html",
        round=round_,
        undecided=len(decisions.undecided(round_)),
        profiles={
            app.organisation_id: apps.get_profile(app.organisation, round_.season_start.year)
            for app in round_.applications
        },
        confirm=ConfirmForm(),
    )


STEPS = {
    "open": (lambda r, now: rounds.open_round(current_user, r, now), _l("Opened for applications.")),
    "close": (lambda r, now: rounds.close_window(current_user, r, now), _l("The window is closed: allocate now.")),
    "suggest": (lambda r, now: suggestion.apply_suggestion(current_user, r, now), _l("The suggestion is applied.")),
    "start_over": (
        lambda r, now: suggestion.apply_suggestion(current_user, r, now, start_over=True),
        _l("Every wish is decided again by the rule."),
    ),
    "send": (lambda r, now: decisions.send_decisions(current_user, r, now), _l("The decisions are sent.")),
    "finish": (lambda r, now: decisions.finish_round(current_user, r, now), _l("The round is done.")),
}


@bp.route("/personale/fordeling/<int:round_id>/trin/<step>", methods=["POST"])
@staff_required
def round_step(round_id: int, step: str):
    round_ = rounds.get_round(round_id)
    if step not in STEPS:
        abort(404)
    action, message = STEPS[step]
    if ConfirmForm().validate_on_submit() and run(None, lambda: action(round_, utcnow()) or True):
        flash(str(message), "success")
    return redirect(url_for("allocation.round_detail", round_id=round_id))


@bp.route("/personale/fordeling/<int:round_id>/prioriteter", methods=["GET", "POST"])
@staff_required
def tiers(round_id: int):
    round_ = rounds.get_round(round_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            names = {tier.id: request.form.get(f"name_{tier.id}", "") for tier in round_.tiers}
            positions = {tier.id: int(request.form.get(f"position_{tier.id}", "")) for tier in round_.tiers}
        except ValueError:
            flash(_("Number the tiers 1, 2, 3, … with each number once."), "error")
        else:
            if run(None, lambda: rounds.update_tiers(current_user, round_, names, positions) or True):
                flash(_("The priority tiers are saved."), "success")
                return redirect(url_for("allocation.round_detail", round_id=round_id))
    return render_template("allocation/tiers.html", round=round_, form=form)


@bp.route("/personale/fordeling/<int:round_id>/tavle")
@staff_required
def board(round_id: int):
    round_ = rounds.get_round(round_id)
    return render_template(
        "allocation/board.html",
        round=round_,
        grid=suggestion.board(round_),
        suggested=suggestion.suggest(round_) if round_.state == RoundState.ALLOCATING else {},
        unmet=suggestion.unmet_demand(round_),
        weekday_name=rounds.weekday_name,
    )


@bp.route("/personale/fordeling/<int:round_id>/oensker/<int:wish_id>", methods=["GET", "POST"])
@staff_required
def wish(round_id: int, wish_id: int):
    round_ = rounds.get_round(round_id)
    item = apps.get_wish(round_, wish_id)
    decision_form = DecisionForm(prefix="decide", obj=None)
    decision_form.room_id.choices = room_choices(round_, _("Choose a room"))
    tier_form = TierForm(prefix="tier")
    tier_form.tier_id.choices = [(tier.id, f"{tier.position}. {tier.name}") for tier in round_.tiers]
    if request.method == "GET":
        decision_form.room_id.data = item.granted_room_id or (item.rooms[0].id if item.rooms else None)
        decision_form.weekday.data = item.granted_weekday if item.granted_weekday is not None else item.weekday
        decision_form.starts.data = item.granted_starts or item.starts
        decision_form.ends.data = item.granted_ends or item.ends
        decision_form.reason.data = item.decision_reason
        tier_form.tier_id.data, tier_form.reason.data = item.tier_id, item.tier_reason
    action = request.form.get("action")
    if (
        action == "decide"
        and decision_form.validate_on_submit()
        and run(decision_form, lambda: decisions.decide_wish(current_user, item, decision_form.to_decision(), utcnow()))
    ):
        flash(_("The decision is saved."), "success")
        return redirect(url_for("allocation.board", round_id=round_id))
    if (
        action == "tier"
        and tier_form.validate_on_submit()
        and run(
            tier_form,
            lambda: apps.correct_tier(current_user, item, tier_form.tier_id.data, tier_form.reason.data, utcnow()),
        )
    ):
        flash(_("The tier is saved."), "success")
        return redirect(url_for("allocation.wish", round_id=round_id, wish_id=wish_id))
    return render_template(
        "allocation/wish.html",
        round=round_,
        wish=item,
        decision_form=decision_form,
        tier_form=tier_form,
        weekday_name=rounds.weekday_name,
    )


from booking.allocation import org_views  # noqa: E402,F401  (registers the organisations' pages)
