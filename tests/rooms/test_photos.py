"""Room photos on disk follow the database: a photo written in a rolled-back transaction is
deleted, a replaced or removed photo is deleted once the change is committed."""

from __future__ import annotations

import io

from booking.extensions import db
from booking.rooms import photos
from tests.rooms.conftest import JPEG_START, tiny_png


def stored(room):
    return photos.photo_path(room.photo_filename) if room.photo_filename else None


def test_a_jpeg_is_stored_under_a_random_name(staff, create_room):
    room = create_room()
    photos.set_room_photo(staff, room, data=JPEG_START + b"\x00" * 100, alt="Lyst lokale")
    db.session.commit()
    assert room.photo_filename.endswith(".jpg") and len(room.photo_filename) == 36
    assert stored(room).read_bytes().startswith(JPEG_START)
    assert room.photo_alt == "Lyst lokale"


def test_a_rolled_back_photo_leaves_no_file(staff, create_room):
    room = create_room()
    photos.set_room_photo(staff, room, data=tiny_png(), alt="Stol")
    path = stored(room)
    assert path.exists()
    db.session.rollback()
    assert not path.exists()


def test_a_replaced_photo_is_deleted_when_the_new_one_is_committed(staff, world):
    old = stored(world.room)
    photos.set_room_photo(staff, world.room, data=tiny_png(), alt="Ny stol")
    new = stored(world.room)
    assert old.exists() and new.exists() and old != new
    db.session.commit()
    assert not old.exists() and new.exists()


def test_a_replacement_rolled_back_keeps_the_old_photo(staff, world):
    old = stored(world.room)
    photos.set_room_photo(staff, world.room, data=tiny_png(), alt="Ny stol")
    new = stored(world.room)
    db.session.rollback()
    assert old.exists() and not new.exists()
    assert stored(world.room) == old


def test_removing(staff, world):
    path = stored(world.room)
    photos.remove_room_photo(staff, world.room)
    assert path.exists()  # until committed
    db.session.commit()
    assert not path.exists()
    assert world.room.photo_filename is None and world.room.photo_alt is None


def test_changing_only_the_description(staff, world):
    filename = world.room.photo_filename
    photos.set_room_photo(staff, world.room, data=None, alt="Bord til tolv ved vinduet")
    db.session.commit()
    assert (world.room.photo_filename, world.room.photo_alt) == (filename, "Bord til tolv ved vinduet")


def test_upload_through_the_page(client, auth, staff, world):
    auth.login(staff)
    old = stored(world.room)
    response = client.post(
        f"/personale/lokaler/{world.room.slug}/foto",
        data={"photo": (io.BytesIO(tiny_png()), "sal.png"), "photo_alt": "Salen set fra scenen"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert world.room.photo_alt == "Salen set fra scenen"
    assert stored(world.room) != old and not old.exists()
    page = client.get(f"/lokaler/{world.room.slug}").get_data(as_text=True)
    assert 'alt="Salen set fra scenen"' in page
