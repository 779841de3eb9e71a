"""The pages, as staff and an association's administrator use them."""

from __future__ import annotations

from html import unescape

from booking.allocation import applications as apps
from booking.allocation import suggestion
from booking.allocation.models import AllocationRound, OrganisationProfile, RoundState
from booking.db import utcnow
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from tests.allocation.conftest import profile_form, t, wish_form


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_staff_create_a_round_with_the_section_21_tiers(client, auth, staff, place):
    auth.login(staff)
    assert client.get("/personale/fordeling").status_code == 200
    assert "Salen" in page(client.get("/personale/fordeling/ny"))

    response = client.post("/personale/fordeling/ny", data={
        "name": "Sæson 2027/28", "season_start": "2027-08-01", "season_end": "2028-06-30",
        "window_opens": "2027-03-01", "window_closes": "2027-03-15", "decision_date": "2027-04-15",
        "accept_by": "2027-05-01", "room_ids": [str(place.hall.id), str(place.suited.id)],
        "suited_room_ids": [str(place.suited.id)],
    })  # fmt: skip

    assert response.status_code == 302
    round_ = db.session.scalar(db.select(AllocationRound))
    assert round_.tiers[0].name.startswith("Børn og unge")
    detail = page(client.get(response.headers["Location"]))
    assert "Folkeoplysende voksenundervisning" in detail
    assert client.get(f"/personale/fordeling/{round_.id}/prioriteter").status_code == 200
    assert client.get(f"/personale/fordeling/{round_.id}/rediger").status_code == 200


def test_staff_rename_and_reorder_tiers(client, auth, staff, live_round):
    auth.login(staff)
    tiers = live_round.tiers
    data = {f"name_{t.id}": t.name for t in tiers} | {f"position_{t.id}": str(t.position) for t in tiers}
    data[f"position_{tiers[0].id}"], data[f"position_{tiers[1].id}"] = "2", "1"
    data[f"name_{tiers[3].id}"] = "Private og andre"

    response = client.post(f"/personale/fordeling/{live_round.id}/prioriteter", data=data)

    assert response.status_code == 302
    db.session.expire_all()
    assert [t.rule.value for t in live_round.tiers][:2] == ["adult_education", "children_youth"]
    assert live_round.tiers[3].name == "Private og andre"


def test_an_association_confirms_its_details_and_applies(
    client, auth, live_round, place, create_user, create_organisation
):
    admin = create_user(locale="en")
    scouts = create_organisation("Spejderne Ørnereden", admin=admin)
    db.session.commit()
    auth.login(admin)
    assert "Season rooms" in page(client.get(f"/foreninger/{scouts.slug}"))
    rounds_page = page(client.get(f"/foreninger/{scouts.slug}/fordeling"))
    assert "Confirm the organisation's details" in rounds_page
    year = live_round.season_start.year

    assert client.post(f"/foreninger/{scouts.slug}/fordeling/profil/{year}", data=profile_form()).status_code == 302
    assert db.session.scalar(db.select(OrganisationProfile)).member_count == 85
    url = f"/foreninger/{scouts.slug}/fordeling/{live_round.id}"
    assert "Wished time 1" in page(client.get(url))
    more = client.post(url, data={**wish_form([place.hall]), "add": "1"})
    assert "Wished time 2" in page(more)

    response = client.post(url, data={**wish_form([place.hall, place.meeting]), "note": ""})

    assert response.status_code == 302, page(response)[:3000]
    application = apps.get_application(live_round, scouts)
    assert [room.name for room in application.wishes[0].rooms] == ["Salen", "Mødelokalet"]
    shown = page(client.get(url))
    assert "Børn og unge" in shown  # the derived tier is shown to the applicant
    receipt = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.kind == "allocation_receipt"))
    assert receipt.to_email == admin.email and "Salen" in receipt.body


def test_the_board_and_a_wish_page_for_staff(client, auth, staff, live_round, place, make_club):
    club = make_club("Skakklubben")
    # The live round's season starts in another year than the profile made by make_club.
    apps.confirm_profile(club.admin, club.organisation, live_round.season_start.year,
                         apps.ProfileData("A", "a@example.org", None, "B", 3), live_round.created_at)
    apps.save_application(club.admin, live_round, club.organisation, [apps.WishData(
        weekday=2, starts=t("18:00"), ends=t("20:00"), room_ids=[place.meeting.id], participants=8,
        age_group="adults", purpose="Klubaften")], None, utcnow())  # fmt: skip
    db.session.commit()
    wish = apps.get_application(live_round, club.organisation).wishes[0]
    auth.login(staff)

    board = page(client.get(f"/personale/fordeling/{live_round.id}/tavle"))
    detail = page(client.get(f"/personale/fordeling/{live_round.id}/oensker/{wish.id}"))

    assert "Skakklubben" in board and "<caption>" in board
    assert "Klubaften" in detail
    assert suggestion.board(live_round)[place.meeting.id][2][0].wish.id == wish.id
    assert live_round.state == RoundState.OPEN


def _applied(live_round, make_club, place, when):
    club = make_club("Springeren")
    apps.confirm_profile(club.admin, club.organisation, live_round.season_start.year,
                         apps.ProfileData("A", "a@example.org", None, "B", 3), when)  # fmt: skip
    apps.save_application(club.admin, live_round, club.organisation, [apps.WishData(
        weekday=1, starts=t("18:00"), ends=t("20:00"), room_ids=[place.meeting.id, place.hall.id], participants=8,
        age_group="adults", purpose="Klubaften")], None, when)  # fmt: skip
    return club, apps.get_application(live_round, club.organisation)


def test_staff_allocate_by_hand_and_the_organisation_answers(client, auth, staff, live_round, place, make_club):
    from datetime import timedelta

    from booking.allocation import services as rounds
    from booking.allocation.models import Answer, Outcome

    now = utcnow()
    club, application = _applied(live_round, make_club, place, now)
    rounds.close_window(staff, live_round, now + timedelta(days=11))
    db.session.commit()
    wish = application.wishes[0]
    auth.login(staff)
    url = f"/personale/fordeling/{live_round.id}/oensker/{wish.id}"
    last_tier = live_round.tiers[-1]

    tier = client.post(url, data={"action": "tier", "tier-tier_id": str(last_tier.id), "tier-reason": "Privat klub"})
    declined_without_reason = client.post(url, data={"action": "decide", "decide-grant": "0", "decide-reason": ""})
    granted = client.post(url, data={
        "action": "decide", "decide-grant": "1", "decide-room_id": str(place.hall.id), "decide-weekday": "1",
        "decide-starts": "19:00", "decide-ends": "21:00", "decide-reason": "Mødelokalet er for lille",
    })  # fmt: skip

    assert tier.status_code == 302
    assert "Reason is required" in page(declined_without_reason)
    assert granted.status_code == 302, page(granted)[:2000]
    db.session.expire_all()
    assert (wish.tier_id, wish.tier_reason) == (last_tier.id, "Privat klub")
    assert (wish.outcome, wish.granted_room_id) == (Outcome.CHANGED, place.hall.id)
    assert client.post(f"/personale/fordeling/{live_round.id}/trin/send", data={}).status_code == 302
    assert live_round.state == RoundState.DECIDED

    auth.logout()
    auth.login(club.admin)
    app_url = f"/foreninger/{club.organisation.slug}/fordeling/{live_round.id}"
    shown = page(client.get(app_url))
    assert "Granted with changes" in shown and "Privat klub" in shown and "Ask for a free time" in shown
    assert client.post(app_url + "/svar", data={"accept": str(wish.id)}).status_code == 302
    db.session.expire_all()
    assert wish.answer == Answer.ACCEPTED

    free = client.post(app_url + "/ledig-tid", data={
        "wish-weekday": "3", "wish-starts": "10:00", "wish-ends": "12:00", "wish-frequency": "weekly",
        "wish-room_1": str(place.meeting.id), "wish-room_2": "", "wish-room_3": "", "wish-participants": "6",
        "wish-age_group": "seniors", "wish-purpose": "Formiddagsskak",
    })  # fmt: skip
    assert free.status_code == 302
    assert "Mødelokalet is yours" in page(client.get(app_url))


def test_the_steps_speak_the_staff_members_language(client, auth, create_user, place):
    from booking.accounts.models import UserRole
    from booking.allocation import services as rounds
    from tests.allocation.conftest import round_data

    dane = create_user(role=UserRole.STAFF, locale="da")
    round_ = rounds.create_round(dane, round_data([place.hall]), utcnow())
    db.session.commit()
    auth.login(dane)

    response = client.post(f"/personale/fordeling/{round_.id}/trin/open", data={}, follow_redirects=True)

    assert "Der er åbnet for ansøgninger." in page(response)
