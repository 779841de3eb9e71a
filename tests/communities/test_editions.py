"""The annual edition: made from the year's communities, edited, published, frozen."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from booking.communities import editions, services
from booking.communities.models import EditionStatus
from booking.errors import Conflict, Invalid, NotAllowed, NotFound
from booking.extensions import db
from tests.communities.conftest import ROLES, community_data
from tests.factories import NOW

LATER = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def published(create_community, create_location, staff):
    create_community()
    create_community(title="Strikkecafé", category="crafts", location_id=create_location("Lindved Bibliotek").id,
                     room_id=None, contact_public=False)
    create_community(title="Gammel klub", valid_from=date(2024, 1, 2), valid_until=date(2025, 12, 31))
    create_community(title="Ikke godkendt", approve=False)
    edition = editions.create_edition(staff, 2026, NOW)
    editions.publish(staff, edition, NOW)
    db.session.commit()
    return edition


def test_a_draft_holds_the_years_active_communities(published):
    assert sorted(entry.title for entry in published.entries) == ["Skakcafé", "Strikkecafé"]
    chess = next(entry for entry in published.entries if entry.title == "Skakcafé")
    assert chess.schedule == "Hver tirsdag, 17.00–19.00"
    assert chess.contact == "Henrik Skak, henrik@skakklub.example, +45 20 30 40 50"
    knitting = next(entry for entry in published.entries if entry.title == "Strikkecafé")
    assert knitting.contact == "Henrik Skak"  # no consent to show email and phone


def test_publishing_records_date_and_publisher(published, staff):
    assert published.status == EditionStatus.PUBLISHED
    assert published.published_at == NOW
    assert published.published_by_id == staff.id
    assert editions.is_published(2026)
    assert not editions.is_published(2025)


def test_a_published_edition_does_not_change_when_a_community_is_edited(published, organiser, place, room,
                                                                        client):
    chess = next(e.community for e in published.entries if e.title == "Skakcafé")
    services.update_community(organiser, chess, community_data(place, room, title="Skak for alle"), LATER)
    db.session.commit()

    db.session.expire_all()
    assert "Skakcafé" in [entry.title for entry in editions.published_edition(2026).entries]
    page = client.get("/faellesskaber/2026").get_data(as_text=True)
    assert "Skakcafé" in page and "Skak for alle" not in page


def test_a_published_edition_refuses_edits(published, staff, english):
    entry = published.entries[0]

    with pytest.raises(Invalid, match="cannot be changed"):
        editions.update_entry(staff, entry, editions.EntryData(
            title="x", summary="x", description="x", organiser="x", location_name="x", place="x", schedule="x"))
    with pytest.raises(Invalid):
        editions.remove_entry(staff, entry)
    with pytest.raises(Invalid):
        editions.publish(staff, published, NOW)


def test_a_new_version_keeps_the_edited_texts_and_needs_a_change_note(published, staff, english):
    draft = editions.create_edition(staff, 2026, LATER)
    assert draft.version == 2
    with pytest.raises(Conflict):
        editions.create_edition(staff, 2026, LATER)
    entry = next(e for e in draft.entries if e.title == "Skakcafé")
    editions.update_entry(staff, entry, editions.EntryData(
        title="Skakcaféen", summary=entry.summary, description=entry.description, organiser=entry.organiser,
        location_name=entry.location_name, place=entry.place, schedule="Tirsdage kl. 17–19"))

    with pytest.raises(Invalid, match="What has changed"):
        editions.publish(staff, draft, LATER)
    editions.publish(staff, draft, LATER, change_note="Rettet navn")

    assert editions.published_edition(2026).version == 2
    assert "Skakcaféen" in [e.title for e in editions.published_edition(2026).entries]
    third = editions.create_edition(staff, 2026, LATER)
    assert "Skakcaféen" in [e.title for e in third.entries]  # the editors' texts carry over


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_make_and_publish_editions(person, create_community, staff, role):
    create_community()
    user = person(role)

    if role in ("staff", "admin"):
        edition = editions.create_edition(user, 2026, NOW)
        editions.publish(user, edition, NOW)
        assert edition.is_published
    else:
        with pytest.raises(NotAllowed):
            editions.create_edition(user, 2026, NOW)
        draft = editions.create_edition(staff, 2026, NOW)
        with pytest.raises(NotAllowed):
            editions.publish(user, draft, NOW)
        assert not draft.is_published


def test_an_empty_edition_cannot_be_published(staff, english):
    edition = editions.create_edition(staff, 2026, NOW)

    with pytest.raises(Invalid, match="without communities"):
        editions.publish(staff, edition, NOW)
    with pytest.raises(Invalid):
        editions.create_edition(staff, 1999, NOW)


def test_the_csv_holds_every_entry(published, client):
    response = client.get("/faellesskaber/2026.csv")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + len(published.entries)
    assert {row[1] for row in rows[1:]} == {"Skakcafé", "Strikkecafé"}


def test_the_print_view_holds_every_entry_one_place_per_page(published, client):
    page = client.get("/faellesskaber/2026/print").get_data(as_text=True)

    for entry in published.entries:
        assert entry.title in page
    assert page.count("page-break") == 1  # two places: the second starts a page


def test_an_unpublished_year_is_404(client, staff, create_community):
    create_community()
    editions.create_edition(staff, 2027, NOW)
    db.session.commit()

    assert client.get("/faellesskaber/2027").status_code == 404
    assert client.get("/faellesskaber/2027.csv").status_code == 404
    with pytest.raises(NotFound):
        editions.published_edition(2027)


def test_csv_cells_cannot_become_formulas(create_community, staff, client):
    create_community(title="=HYPERLINK(\"http://evil\")")
    editions.publish(staff, editions.create_edition(staff, 2026, NOW), NOW)
    db.session.commit()

    body = client.get("/faellesskaber/2026.csv").get_data(as_text=True)

    assert "'=HYPERLINK" in body


def test_the_edition_is_written_in_danish_whatever_the_editor_reads(create_community, staff, english):
    create_community()

    edition = editions.create_edition(staff, 2026, NOW)

    assert edition.entries[0].schedule == "Hver tirsdag, 17.00–19.00"
