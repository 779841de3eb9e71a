"""The annual edition: the published list of the open communities of a year.

Staff make a draft from the communities that are active that year, edit the entries (each
entry is the edition's own copy of the texts), and publish it: publish date and publisher are
recorded, and from then on the edition does not change. A correction is a new version of the
same year, published with a change note; the public page shows the newest published version.
Whether and when the list of a year was published ("Udgivet ja/nej") is a fact in the data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.communities import schedule
from booking.communities.models import (
    Category,
    Community,
    CommunityStatus,
    Edition,
    EditionEntry,
    EditionStatus,
    TargetGroup,
)
from booking.errors import Conflict, Invalid, NotFound
from booking.extensions import db
from booking.labels import label
from booking.rooms.services import enum_value
from booking.validation import clean_text

MIN_YEAR, MAX_YEAR = 2000, 2100
LISTED = (CommunityStatus.ACTIVE, CommunityStatus.PAUSED)
ENTRY_LABELS = {
    "title": _l("Name of the community"),
    "summary": _l("Short description"),
    "description": _l("Description"),
    "organiser": _l("Organiser"),
    "location_name": _l("Place"),
    "place": _l("Room and address"),
    "schedule": _l("When"),
    "contact": _l("Contact"),
    "price": _l("Price"),
    "change_note": _l("What has changed"),
    "introduction": _l("Introduction"),
    "edition_title": _l("Title"),
}


def _text(value: str | None, name: str, max_length: int, required: bool = True) -> str | None:
    return clean_text(value, name, label=str(ENTRY_LABELS[name]), max_length=max_length, required=required)


def _check_year(year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(_("Choose a year from %(low)d to %(high)d.", low=MIN_YEAR, high=MAX_YEAR))
    return year


def contact_text(community: Community) -> str:
    """The contact as printed: the name always, email and phone only with the organiser's consent."""
    parts = [community.contact_name]
    if community.contact_public:
        parts += [value for value in (community.contact_email, community.contact_phone) if value]
    return ", ".join(parts)


def place_text(community: Community) -> str:
    location = community.location
    address = f"{location.address}, {location.postal_code} {location.city}"
    return f"{community.room.name}, {address}" if community.room else address


def _entry_from(community: Community, previous: EditionEntry | None) -> EditionEntry:
    entry = EditionEntry(
        community_id=community.id,
        title=community.title,
        summary=community.summary,
        description=community.description,
        category=community.category,
        target_group=community.target_group,
        organiser=community.organisation.name,
        location_name=community.location.name,
        place=place_text(community),
        schedule=schedule.describe(community),
        contact=contact_text(community),
        price=community.price,
        drop_in=community.drop_in,
    )
    if previous is not None:
        # The texts the editors wrote for the last version stay theirs.
        for name in ("title", "summary", "description", "schedule", "contact"):
            setattr(entry, name, getattr(previous, name))
    return entry


def communities_of_year(year: int) -> list[Community]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    query = (
        select(Community)
        .where(
            Community.status.in_(LISTED),
            Community.valid_from <= last,
            (Community.valid_until.is_(None)) | (Community.valid_until >= first),
        )
        .options(selectinload(Community.location), selectinload(Community.organisation))
        .order_by(Community.title)
    )
    return list(db.session.scalars(query))


def create_edition(actor: User, year: int, now: datetime, *, title: str | None = None) -> Edition:
    """A draft for ``year`` from that year's active communities (the next version if the year
    has been published already)."""
    require_staff(actor)
    year = _check_year(year)
    editions = editions_of(year)
    if any(edition.status == EditionStatus.DRAFT for edition in editions):
        raise Conflict(_("There is already a draft for %(year)d.", year=year))
    latest = next((edition for edition in editions if edition.is_published), None)
    previous = {entry.community_id: entry for entry in latest.entries} if latest else {}
    title = _text(title, "edition_title", 200, required=False)
    # The list is published in the library's language, whatever language the editor reads.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        edition = Edition(
            year=year,
            version=(editions[0].version + 1) if editions else 1,
            status=EditionStatus.DRAFT,
            title=title or _("Open communities %(year)d", year=year),
            introduction=latest.introduction if latest else None,
            created_at=now,
            created_by_id=actor.id,
            entries=[_entry_from(community, previous.get(community.id)) for community in communities_of_year(year)],
        )
    db.session.add(edition)
    db.session.flush()
    return edition


def _require_draft(edition: Edition) -> None:
    if edition.status != EditionStatus.DRAFT:
        raise Invalid(_("A published edition cannot be changed. Make a new version instead."))


@dataclass
class EntryData:
    title: str | None
    summary: str | None
    description: str | None
    organiser: str | None
    location_name: str | None
    place: str | None
    schedule: str | None
    contact: str | None = None
    price: str | None = None
    drop_in: bool = True
    category: Category | str | None = None
    target_group: TargetGroup | str | None = None


def update_entry(actor: User, entry: EditionEntry, data: EntryData) -> EditionEntry:
    require_staff(actor)
    _require_draft(entry.edition)
    entry.title = _text(data.title, "title", 200)  # type: ignore[assignment]
    entry.summary = _text(data.summary, "summary", 300)  # type: ignore[assignment]
    entry.description = _text(data.description, "description", 5000)  # type: ignore[assignment]
    entry.organiser = _text(data.organiser, "organiser", 200)  # type: ignore[assignment]
    entry.location_name = _text(data.location_name, "location_name", 200)  # type: ignore[assignment]
    entry.place = _text(data.place, "place", 300)  # type: ignore[assignment]
    entry.schedule = _text(data.schedule, "schedule", 300)  # type: ignore[assignment]
    entry.contact = _text(data.contact, "contact", 300, required=False)
    entry.price = _text(data.price, "price", 100, required=False)
    entry.drop_in = bool(data.drop_in)
    if data.category:
        entry.category = enum_value(Category, data.category, "category", _("Choose a category."))
    if data.target_group:
        entry.target_group = enum_value(TargetGroup, data.target_group, "target_group", _("Choose who it is for."))
    db.session.flush()
    return entry


def remove_entry(actor: User, entry: EditionEntry) -> None:
    require_staff(actor)
    _require_draft(entry.edition)
    entry.edition.entries.remove(entry)
    db.session.flush()


def update_edition(actor: User, edition: Edition, *, title: str | None, introduction: str | None) -> Edition:
    require_staff(actor)
    _require_draft(edition)
    edition.title = _text(title, "edition_title", 200)  # type: ignore[assignment]
    edition.introduction = _text(introduction, "introduction", 5000, required=False)
    db.session.flush()
    return edition


def publish(actor: User, edition: Edition, now: datetime, *, change_note: str | None = None) -> Edition:
    """Only staff publish. A later version of a year says what changed."""
    require_staff(actor)
    _require_draft(edition)
    if not edition.entries:
        raise Invalid(_("An edition without communities cannot be published."))
    earlier = [e for e in editions_of(edition.year) if e.is_published and e.id != edition.id]
    note = _text(change_note, "change_note", 2000, required=bool(earlier))
    edition.change_note = note
    edition.status = EditionStatus.PUBLISHED
    edition.published_at = now
    edition.published_by_id = actor.id
    db.session.flush()
    return edition


def delete_draft(actor: User, edition: Edition) -> None:
    require_staff(actor)
    _require_draft(edition)
    db.session.delete(edition)
    db.session.flush()


# --- reading ---------------------------------------------------------------------------------


def editions_of(year: int) -> list[Edition]:
    """Every version of a year, newest first."""
    query = select(Edition).where(Edition.year == year).order_by(Edition.version.desc())
    return list(db.session.scalars(query))


def get_edition(edition_id: int) -> Edition:
    edition = db.session.get(Edition, edition_id)
    if edition is None:
        raise NotFound(_("No such edition."))
    return edition


def get_entry(edition: Edition, entry_id: int) -> EditionEntry:
    entry = db.session.get(EditionEntry, entry_id)
    if entry is None or entry.edition_id != edition.id:
        raise NotFound(_("No such entry."))
    return entry


def published_edition(year: int) -> Edition:
    """The newest published version of ``year``, for the public."""
    query = (
        select(Edition)
        .where(Edition.year == year, Edition.status == EditionStatus.PUBLISHED)
        .order_by(Edition.version.desc())
        .limit(1)
    )
    edition = db.session.scalar(query)
    if edition is None:
        raise NotFound(_("The list for %(year)d has not been published.", year=year))
    return edition


def published_years() -> list[int]:
    query = select(Edition.year).where(Edition.status == EditionStatus.PUBLISHED).distinct()
    return sorted(db.session.scalars(query), reverse=True)


@dataclass(frozen=True)
class YearStatus:
    year: int
    published: Edition | None  # the newest published version
    draft: Edition | None
    versions: int


def year_overview(years: list[int]) -> list[YearStatus]:
    """For staff: per year, whether and when the list was published."""
    found = []
    for year in years:
        editions = editions_of(year)
        found.append(
            YearStatus(
                year,
                next((e for e in editions if e.is_published), None),
                next((e for e in editions if not e.is_published), None),
                len(editions),
            )
        )
    return found


def years_with_editions() -> list[int]:
    return sorted(db.session.scalars(select(Edition.year).distinct()), reverse=True)


def is_published(year: int, *, by: datetime | None = None) -> bool:
    query = select(func.count()).select_from(Edition).where(
        Edition.year == year, Edition.status == EditionStatus.PUBLISHED
    )
    if by is not None:
        query = query.where(Edition.published_at < by)
    return (db.session.scalar(query) or 0) > 0


def by_location(edition: Edition) -> list[tuple[str, list[EditionEntry]]]:
    """The entries grouped by place, for the page and the print (one page per place)."""
    groups: dict[str, list[EditionEntry]] = {}
    for entry in edition.entries:
        groups.setdefault(entry.location_name, []).append(entry)
    return sorted(groups.items())


def csv_export(edition: Edition) -> str:
    columns = [
        ("location_name", ENTRY_LABELS["location_name"]),
        ("title", ENTRY_LABELS["title"]),
        ("category", _l("Category")),
        ("target_group", _l("Who it is for")),
        ("schedule", ENTRY_LABELS["schedule"]),
        ("place", ENTRY_LABELS["place"]),
        ("organiser", ENTRY_LABELS["organiser"]),
        ("contact", ENTRY_LABELS["contact"]),
        ("price", ENTRY_LABELS["price"]),
        ("drop_in", _l("Drop in")),
        ("summary", ENTRY_LABELS["summary"]),
        ("description", ENTRY_LABELS["description"]),
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(title) for _name, title in columns])
    for _place, entries in by_location(edition):
        for entry in entries:
            row = []
            for name, _title in columns:
                value = getattr(entry, name)
                if name == "drop_in":
                    value = _("Yes") if value else _("No")
                elif name == "price":
                    value = value or _("Free")
                row.append(_safe_cell(label(value)))
            writer.writerow(row)
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
