"""Staff pages: places, opening hours, closures, rooms with their rules, photos and equipment."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from booking.db import utcnow
from booking.rooms import locations as locs
from booking.rooms import photos, services
from booking.rooms.forms import ClosureForm, EquipmentForm, LocationForm, OpeningHoursForm, PhotoForm, RoomForm
from booking.rooms.models import Room
from booking.rooms.views import bp, locale, today
from booking.web import ConfirmForm, run, staff_required


def _place(slug: str):
    return locs.get_location(slug, include_inactive=True)


def _room(slug: str) -> Room:
    return services.get_room(slug, include_inactive=True)


def _wants_active() -> bool:
    return request.form.get("active") == "1"


# --- places ----------------------------------------------------------------------------------


@bp.route("/personale/steder")
@staff_required
def admin_locations():
    return render_template("rooms/admin_locations.html", locations=locs.all_locations(), confirm=ConfirmForm())


@bp.route("/personale/steder/ny", methods=["GET", "POST"])
@staff_required
def admin_location_new():
    form = LocationForm()
    if form.validate_on_submit():
        place = run(form, lambda: locs.create_location(current_user, form.to_data(), utcnow()))
        if place is not None:
            flash(_("%(name)s is created. Now give its opening hours.", name=place.name), "success")
            return redirect(url_for("rooms.admin_opening_hours", slug=place.slug))
    return render_template("rooms/admin_location_form.html", form=form, location=None)


@bp.route("/personale/steder/<slug>/rediger", methods=["GET", "POST"])
@staff_required
def admin_location_edit(slug: str):
    place = _place(slug)
    form = LocationForm(obj=place)
    if form.validate_on_submit() and run(form, lambda: locs.update_location(current_user, place, form.to_data())):
        flash(_("%(name)s is saved.", name=place.name), "success")
        return redirect(url_for("rooms.admin_locations"))
    return render_template("rooms/admin_location_form.html", form=form, location=place, confirm=ConfirmForm())


@bp.route("/personale/steder/<slug>/aktiv", methods=["POST"])
@staff_required
def admin_location_active(slug: str):
    place = _place(slug)
    active = _wants_active()
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: locs.set_location_active(current_user, place, active)
    ):
        if active:
            flash(_("%(name)s is shown to the public again.", name=place.name), "success")
        else:
            flash(_("%(name)s and its rooms are hidden from the public.", name=place.name), "success")
    return redirect(url_for("rooms.admin_locations"))


@bp.route("/personale/steder/<slug>/aabningstider", methods=["GET", "POST"])
@staff_required
def admin_opening_hours(slug: str):
    place = _place(slug)
    form = OpeningHoursForm.for_week(locs.week_of(place))
    if form.validate_on_submit() and run(
        form, lambda: locs.set_opening_hours(current_user, place, form.to_week())
    ):
        flash(_("The opening hours of %(name)s are saved.", name=place.name), "success")
        return redirect(url_for("rooms.admin_locations"))
    return render_template("rooms/admin_opening_hours.html", form=form, location=place)


@bp.route("/personale/steder/<slug>/lukkedage", methods=["GET", "POST"])
@staff_required
def admin_closures(slug: str):
    place = _place(slug)
    form = ClosureForm()
    form.room_id.choices = [("", _("The whole place"))] + [(room.id, room.name) for room in place.rooms]
    if form.validate_on_submit() and run(
        form,
        lambda: locs.add_closure(
            current_user,
            place,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            reason=form.reason.data,
            room_id=form.room_id.data,
            now=utcnow(),
        ),
    ):
        flash(_("The closure is added."), "success")
        return redirect(url_for("rooms.admin_closures", slug=slug))
    return render_template(
        "rooms/admin_closures.html",
        form=form,
        location=place,
        closures=locs.closures_from(place, today()),
        confirm=ConfirmForm(),
    )


@bp.route("/personale/steder/<slug>/lukkedage/<int:closure_id>/slet", methods=["POST"])
@staff_required
def admin_closure_remove(slug: str, closure_id: int):
    place = _place(slug)
    closure = locs.get_closure(place, closure_id)
    if ConfirmForm().validate_on_submit() and run(None, lambda: locs.remove_closure(current_user, closure) or True):
        flash(_("The closure is removed."), "success")
    return redirect(url_for("rooms.admin_closures", slug=slug))


# --- rooms -----------------------------------------------------------------------------------


def _room_form(room: Room | None = None, **values) -> RoomForm:
    form = RoomForm(obj=room, **values)
    form.location_id.choices = [("", _("Choose a place"))] + [(place.id, place.name) for place in locs.all_locations()]
    form.parent_id.choices = [("", _("Not a part"))] + [
        (hall.id, f"{hall.name} ({hall.location.name})") for hall in services.possible_parents(room)
    ]
    form.equipment_ids.choices = [(item.id, item.name(locale())) for item in services.all_equipment()]
    return form


def _edit_page(room: Room, form: RoomForm | None = None, photo_form: PhotoForm | None = None):
    return render_template(
        "rooms/admin_room_form.html",
        room=room,
        form=form or _room_form(room, equipment_ids=[item.id for item in room.equipment], formdata=None),
        photo_form=photo_form or PhotoForm(photo_alt=room.photo_alt, formdata=None),
        confirm=ConfirmForm(),
    )


@bp.route("/personale/lokaler/nyt", methods=["GET", "POST"])
@staff_required
def admin_room_new():
    preselected = request.args.get("sted")
    place = locs.get_location(preselected, include_inactive=True) if preselected else None
    form = _room_form(location_id=place.id if place else None)
    if form.validate_on_submit():
        room = run(form, lambda: services.create_room(current_user, form.to_data(), utcnow()))
        if room is not None:
            flash(_("%(name)s is created. You can add a photo below.", name=room.name), "success")
            return redirect(url_for("rooms.admin_room_edit", slug=room.slug))
    return render_template("rooms/admin_room_form.html", form=form, room=None)


@bp.route("/personale/lokaler/<slug>/rediger", methods=["GET", "POST"])
@staff_required
def admin_room_edit(slug: str):
    room = _room(slug)
    form = _room_form(room, equipment_ids=[item.id for item in room.equipment])
    if form.validate_on_submit() and run(form, lambda: services.update_room(current_user, room, form.to_data())):
        flash(_("%(name)s is saved.", name=room.name), "success")
        return redirect(url_for("rooms.admin_locations"))
    return _edit_page(room, form=form)


@bp.route("/personale/lokaler/<slug>/aktiv", methods=["POST"])
@staff_required
def admin_room_active(slug: str):
    room = _room(slug)
    active = _wants_active()
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.set_room_active(current_user, room, active)):
        if active:
            flash(_("%(name)s can be found and booked again.", name=room.name), "success")
        else:
            flash(_("%(name)s is hidden from the public.", name=room.name), "success")
    return redirect(url_for("rooms.admin_locations"))


@bp.route("/personale/lokaler/<slug>/foto", methods=["POST"])
@staff_required
def admin_room_photo(slug: str):
    room = _room(slug)
    form = PhotoForm()
    if form.validate_on_submit():
        # Read one byte past the limit: enough to tell "too large" without reading it all.
        data = form.photo.data.read(photos.max_bytes() + 1) if form.photo.data else None
        if run(form, lambda: photos.set_room_photo(current_user, room, data=data, alt=form.photo_alt.data)):
            flash(_("The photo is saved."), "success")
            return redirect(url_for("rooms.admin_room_edit", slug=slug))
    return _edit_page(room, photo_form=form)


@bp.route("/personale/lokaler/<slug>/foto/slet", methods=["POST"])
@staff_required
def admin_room_photo_remove(slug: str):
    room = _room(slug)
    if ConfirmForm().validate_on_submit() and run(None, lambda: photos.remove_room_photo(current_user, room)):
        flash(_("The photo is removed."), "success")
    return redirect(url_for("rooms.admin_room_edit", slug=slug))


# --- equipment -------------------------------------------------------------------------------


@bp.route("/personale/udstyr", methods=["GET", "POST"])
@staff_required
def admin_equipment():
    form = EquipmentForm()
    if form.validate_on_submit():
        item = run(
            form, lambda: services.create_equipment(current_user, name_da=form.name_da.data, name_en=form.name_en.data)
        )
        if item is not None:
            flash(_("%(name)s is added to the equipment list.", name=item.name(locale())), "success")
            return redirect(url_for("rooms.admin_equipment"))
    return render_template("rooms/admin_equipment.html", form=form, equipment=services.all_equipment())


@bp.route("/personale/udstyr/<int:equipment_id>/rediger", methods=["GET", "POST"])
@staff_required
def admin_equipment_edit(equipment_id: int):
    item = services.get_equipment(equipment_id)
    form = EquipmentForm(obj=item)
    if form.validate_on_submit() and run(
        form,
        lambda: services.update_equipment(current_user, item, name_da=form.name_da.data, name_en=form.name_en.data),
    ):
        flash(_("%(name)s is saved.", name=item.name(locale())), "success")
        return redirect(url_for("rooms.admin_equipment"))
    return render_template("rooms/admin_equipment_form.html", form=form, item=item)
