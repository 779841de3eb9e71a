"""Rooms, booking rules, parts of divisible halls, the public search and equipment."""

from __future__ import annotations

import pytest

from booking.errors import Invalid, NotFound
from booking.rooms import locations as locs
from booking.rooms import services
from booking.rooms.models import BookingPolicy, RoomKind
from booking.rooms.services import RoomData, RoomFilter, RoomRules
from tests.factories import NOW


def room_data(place, **overrides) -> RoomData:
    rules = overrides.pop("rules", {})
    values = {"location_id": place.id, "name": "Mødelokalet Åen", "capacity": 12}
    values.update(overrides)
    return RoomData(**values, rules=RoomRules(**rules))


class TestCreateAndUpdate:
    def test_create_with_rules_and_equipment(self, staff, create_location, create_equipment):
        place, projector = create_location(), create_equipment()
        rules = {"booking_policy": "organisations", "requires_approval": False, "min_duration_minutes": "60",
                 "max_duration_minutes": "480", "slot_step_minutes": "30", "min_notice_hours": "72",
                 "horizon_days": "365", "buffer_minutes": "30", "max_future_bookings_per_org": "8"}  # fmt: skip
        room = services.create_room(
            staff, room_data(place, kind="hall", equipment_ids=[str(projector.id)], rules=rules), NOW
        )
        assert room.slug == "moedelokalet-aaen"
        assert room.kind == RoomKind.HALL
        assert room.equipment == [projector]
        assert room.booking_policy == BookingPolicy.ORGANISATIONS
        assert not room.requires_approval
        assert (room.min_duration_minutes, room.max_duration_minutes, room.slot_step_minutes) == (60, 480, 30)
        assert (room.min_notice_hours, room.horizon_days, room.buffer_minutes) == (72, 365, 30)
        assert room.max_future_bookings_per_org == 8
        assert room.active and room.created_at == NOW

    def test_same_name_in_two_places(self, staff, create_location):
        first = services.create_room(staff, room_data(create_location("Lindved Bibliotek")), NOW)
        second = services.create_room(staff, room_data(create_location("Egebjerg Bibliotek")), NOW)
        assert first.slug == "moedelokalet-aaen"
        assert second.slug == "moedelokalet-aaen-egebjerg-bibliotek"

    def test_names_are_unique_within_a_place(self, staff, create_location):
        place = create_location()
        services.create_room(staff, room_data(place), NOW)
        with pytest.raises(Invalid) as caught:
            services.create_room(staff, room_data(place, name="MØDELOKALET ÅEN"), NOW)
        assert caught.value.fields == {"name": "taken"}

    def test_update_keeps_the_slug(self, staff, create_room, create_equipment):
        room = create_room("Lokalet", equipment=(create_equipment(),))
        slug = room.slug
        services.update_room(staff, room, room_data(room.location, name="Det nye lokale", capacity="30"))
        assert (room.name, room.capacity, room.slug, room.equipment) == ("Det nye lokale", 30, slug, [])

    def test_renaming_to_its_own_name_is_fine(self, staff, create_room):
        room = create_room("Lokalet")
        services.update_room(staff, room, room_data(room.location, name="Lokalet", capacity=20))
        assert room.capacity == 20

    def test_deactivate_and_reactivate(self, staff, create_room):
        room = create_room()
        services.set_room_active(staff, room, False)
        with pytest.raises(NotFound):
            services.get_room(room.slug)
        assert services.get_room(room.slug, include_inactive=True) is room
        services.set_room_active(staff, room, True)
        assert services.get_room(room.slug) is room

    def test_a_room_of_a_hidden_place_is_not_found(self, staff, create_room):
        room = create_room()
        locs.set_location_active(staff, room.location, False)
        with pytest.raises(NotFound):
            services.get_room(room.slug)


BAD_ROOMS = [
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"capacity": 0}, "capacity"),
    ({"capacity": -5}, "capacity"),
    ({"capacity": 2001}, "capacity"),
    ({"capacity": "tolv"}, "capacity"),
    ({"capacity": None}, "capacity"),
    ({"kind": "ballroom"}, "kind"),
    ({"location_id": None}, "location_id"),
    ({"location_id": 99999}, "location_id"),
    ({"location_id": "x"}, "location_id"),
    ({"equipment_ids": [99999]}, "equipment_ids"),
    ({"description": "x" * 5001}, "description"),
    ({"accessibility": "x" * 2001}, "accessibility"),
    ({"rules": {"booking_policy": "anyone"}}, "booking_policy"),
    ({"rules": {"slot_step_minutes": 7}}, "slot_step_minutes"),
    ({"rules": {"slot_step_minutes": 0}}, "slot_step_minutes"),
    ({"rules": {"min_duration_minutes": 0}}, "min_duration_minutes"),
    ({"rules": {"min_duration_minutes": 120, "max_duration_minutes": 60}}, "max_duration_minutes"),
    ({"rules": {"max_duration_minutes": 24 * 60 + 15}}, "max_duration_minutes"),
    ({"rules": {"min_duration_minutes": 45, "slot_step_minutes": 30}}, "min_duration_minutes"),
    ({"rules": {"max_duration_minutes": 100, "slot_step_minutes": 30}}, "max_duration_minutes"),
    ({"rules": {"min_notice_hours": -1}}, "min_notice_hours"),
    ({"rules": {"min_notice_hours": 24 * 14, "horizon_days": 14}}, "min_notice_hours"),
    ({"rules": {"horizon_days": 0}}, "horizon_days"),
    ({"rules": {"horizon_days": 731}}, "horizon_days"),
    ({"rules": {"buffer_minutes": -15}}, "buffer_minutes"),
    ({"rules": {"buffer_minutes": 241}}, "buffer_minutes"),
    ({"rules": {"max_future_bookings_per_org": 0}}, "max_future_bookings_per_org"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD_ROOMS)
def test_invalid_rooms(staff, create_location, overrides, field):
    place = create_location()
    with pytest.raises(Invalid) as caught:
        services.create_room(staff, room_data(place, **overrides), NOW)
    assert field in caught.value.fields
    assert services.find_rooms() == []


def test_messages_name_the_field_as_the_form_does(staff, create_location, english):
    with pytest.raises(Invalid, match=r"^Capacity \(people\) must be at least 1\.$"):
        services.create_room(staff, room_data(create_location(), capacity=-5), NOW)


class TestDivisibleHalls:
    def test_a_hall_with_two_parts(self, staff, create_room):
        hall = create_room("Salen")
        part_a = services.create_room(staff, room_data(hall.location, name="Sal A", parent_id=hall.id), NOW)
        part_b = services.create_room(staff, room_data(hall.location, name="Sal B", parent_id=str(hall.id)), NOW)
        assert hall.parts == [part_a, part_b]
        assert hall.claim_room_ids == [part_a.id, part_b.id]
        assert part_a.claim_room_ids == [part_a.id]

    def test_a_part_of_a_part_is_refused(self, staff, create_room, english):
        hall = create_room("Salen")
        part = create_room("Sal A", parent=hall)
        with pytest.raises(Invalid, match="only be divided once") as caught:
            services.create_room(staff, room_data(hall.location, name="Hjørnet", parent_id=part.id), NOW)
        assert caught.value.fields == {"parent_id": "nested"}

    def test_a_part_must_be_in_the_same_place(self, staff, create_room, create_location):
        hall = create_room("Salen")
        with pytest.raises(Invalid) as caught:
            services.create_room(staff, room_data(create_location(), name="Sal A", parent_id=hall.id), NOW)
        assert caught.value.fields == {"parent_id": "elsewhere"}

    def test_a_divided_hall_cannot_become_a_part(self, staff, create_room):
        hall, other = create_room("Salen"), None
        create_room("Sal A", parent=hall)
        other = create_room("Foyeren", location=hall.location)
        with pytest.raises(Invalid) as caught:
            services.update_room(staff, hall, room_data(hall.location, name="Salen", parent_id=other.id))
        assert caught.value.fields == {"parent_id": "has_parts"}
        assert hall.parent is None

    def test_not_a_part_of_itself(self, staff, create_room):
        room = create_room("Salen")
        with pytest.raises(Invalid) as caught:
            services.update_room(staff, room, room_data(room.location, name="Salen", parent_id=room.id))
        assert caught.value.fields == {"parent_id": "self"}

    def test_a_hall_cannot_leave_its_parts_behind(self, staff, create_room, create_location):
        hall = create_room("Salen")
        create_room("Sal A", parent=hall)
        with pytest.raises(Invalid) as caught:
            services.update_room(staff, hall, room_data(create_location(), name="Salen"))
        assert caught.value.fields == {"location_id": "parts_elsewhere"}

    def test_a_part_can_be_made_whole_again(self, staff, create_room):
        hall = create_room("Salen")
        part = create_room("Sal A", parent=hall)
        services.update_room(staff, part, room_data(hall.location, name="Sal A", parent_id=""))
        assert part.parent is None and hall.parts == []

    def test_possible_parents(self, create_room):
        hall = create_room("Salen")
        part = create_room("Sal A", parent=hall)
        other = create_room("Mødelokalet")
        assert set(services.possible_parents()) == {hall, other}
        assert set(services.possible_parents(hall)) == {other}
        assert part not in services.possible_parents(other)


class TestSearch:
    @pytest.fixture
    def rooms(self, staff, create_location, create_room, create_equipment):
        projector, loop = create_equipment(), create_equipment("teleslynge", "Teleslynge", "Hearing loop")
        lindved, havnstrup = create_location("Lindved Bibliotek"), create_location("Havnstrup Bibliotek")
        rooms = {
            "small": create_room("Studieboksen", location=lindved, capacity=3, kind=RoomKind.STUDY_ROOM),
            "big": create_room("Salen", location=lindved, capacity=120, kind=RoomKind.HALL,
                               equipment=(projector, loop)),
            "harbour": create_room("Havnestuen", location=havnstrup, capacity=24, equipment=(loop,)),
            "hidden": create_room("Kælderen", location=lindved, capacity=50),
        }  # fmt: skip
        services.set_room_active(staff, rooms["hidden"], False)
        return rooms

    def names(self, **filters) -> list[str]:
        return [room.name for room in services.find_rooms(RoomFilter(**filters))]

    def test_everything_active(self, rooms):
        assert self.names() == ["Havnestuen", "Salen", "Studieboksen"]

    def test_filters(self, rooms):
        assert self.names(location_slug=rooms["big"].location.slug) == ["Salen", "Studieboksen"]
        assert self.names(min_capacity=20) == ["Havnestuen", "Salen"]
        assert self.names(kind=RoomKind.STUDY_ROOM) == ["Studieboksen"]
        assert self.names(equipment_slugs=["teleslynge"]) == ["Havnestuen", "Salen"]
        assert self.names(equipment_slugs=["teleslynge", "projektor"]) == ["Salen"]
        assert self.names(equipment_slugs=["teleslynge"], min_capacity=100) == ["Salen"]
        assert self.names(location_slug="findes-ikke") == []

    def test_rooms_of_hidden_places_are_left_out(self, staff, rooms):
        locs.set_location_active(staff, rooms["harbour"].location, False)
        assert self.names() == ["Salen", "Studieboksen"]


class TestEquipment:
    def test_create_and_update(self, staff):
        item = services.create_equipment(staff, name_da=" Højttaleranlæg ", name_en="PA system")
        assert (item.slug, item.name_da, item.name("en"), item.name("da")) == (
            "hoejttaleranlaeg",
            "Højttaleranlæg",
            "PA system",
            "Højttaleranlæg",
        )
        services.update_equipment(staff, item, name_da="Lydanlæg", name_en="Sound system")
        assert (item.slug, item.name_da) == ("hoejttaleranlaeg", "Lydanlæg")
        assert services.get_equipment(item.id) is item

    def test_duplicate_names(self, staff):
        services.create_equipment(staff, name_da="Højttaler", name_en="Speaker")
        with pytest.raises(Invalid):
            services.create_equipment(staff, name_da="HØJTTALER", name_en="Loudspeaker")
        services.create_equipment(staff, name_da="Projektor", name_en="Projector")
        with pytest.raises(Invalid) as caught:
            services.create_equipment(staff, name_da="PROJEKTOR", name_en="Beamer")
        assert caught.value.fields == {"name_da": "taken"}

    @pytest.mark.parametrize(("name_da", "name_en", "field"), [("", "Piano", "name_da"), ("Klaver", " ", "name_en")])
    def test_names_are_required(self, staff, name_da, name_en, field):
        with pytest.raises(Invalid) as caught:
            services.create_equipment(staff, name_da=name_da, name_en=name_en)
        assert field in caught.value.fields

    def test_unknown(self, app):
        with pytest.raises(NotFound):
            services.get_equipment(424242)
