"""Demo open communities of Søby Kommune: chess, knitting, language cafés, IT help and more.

Made through the services, as organisers and staff would: proposed by the organisations'
administrators and approved by staff (a few are left waiting, sent back or paused). Dates are
relative to today: the winter holiday and Christmas are cancelled, one date is moved; last
year's overview is published and this year's is a draft.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete

from booking.communities import editions, schedule, services
from booking.communities.models import Community
from booking.demo import DemoContext
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from booking.timeutil import local_date

STAFF_EMAIL = "personale@folkebiblioteket.example"

# (organisation slug, title, summary, description, category, target group, languages, place slug,
#  room slug, rule, start, end, price, drop in)
COMMUNITIES: list[tuple] = [
    ("skakklubben-springeren", "Skakcafé", "Spil skak med os – begyndere og øvede er lige velkomne.",
     "Vi stiller brætter og ure frem, og der er altid en at spille med. Klubbens trænere giver gerne et tip.\n\n"
     "- Medbring kun godt humør\n- Kaffe og te til 5 kr.", "games", "everyone", "da,en",
     "hovedbiblioteket-soeby", "moedelokalet-aaen", "FREQ=WEEKLY;BYDAY=TU", "17:00", "19:30", None, True),
    ("skakklubben-springeren", "Skoleskak", "Skak for børn fra 2. klasse – lær trækkene og spil turneringer.",
     "Vi lærer reglerne, små tricks og god sportsånd. Forældre er velkomne til at blive.", "games", "children",
     "da", "lindved-bibliotek", "lindvedstuen", "FREQ=WEEKLY;BYDAY=TH", "15:30", "17:00", None, False),
    ("strikkecafeen-maskeloes", "Strikkecafé", "Strik, hækl og snak – tag dit eget projekt med.",
     "Vi hjælper hinanden med mønstre og masker. Der er garnrester til fri afbenyttelse.", "crafts", "adults",
     "da", "hovedbiblioteket-soeby", None, "FREQ=WEEKLY;BYDAY=WE", "14:00", "16:00", None, True),
    ("strikkecafeen-maskeloes", "Strik i Havnstrup", "Hyggelig strikkeklub med udsigt over havnen.",
     "En lille flok, der mødes hver anden mandag. Nye er altid velkomne.", "crafts", "seniors", "da",
     "havnstrup-bibliotek", "udsigten", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "10:00", "12:00", None, True),
    ("sprogcafe-verden", "Sprogcafé: dansk", "Øv dit danske over en kop kaffe med frivillige.",
     "Vi taler om hverdagen, nyheder og det, du har brug for. Alle niveauer.", "language", "adults", "da,en,ar,uk",
     "hovedbiblioteket-soeby", "moedelokalet-skoven", "FREQ=WEEKLY;BYDAY=MO", "16:30", "18:30", None, True),
    ("sprogcafe-verden", "Language café: English", "Practise your English in a relaxed circle.",
     "Talk about films, travel and daily life. Danish speakers and newcomers alike.", "language", "everyone", "en,da",
     "kulturhuset-remisen", None, "FREQ=WEEKLY;BYDAY=TH", "19:00", "20:30", None, True),
    ("sprogcafe-verden", "Ukrainsk-dansk samtalekreds", "Mød andre og tal dansk og ukrainsk sammen.",
     "En kreds for ukrainere i Søby og danskere, der vil lære hinanden at kende.", "language", "families",
     "uk,da", "egebjerg-bibliotek", "egestuen", "FREQ=WEEKLY;BYDAY=SA", "11:00", "13:00", None, True),
    ("it-hjaelperne", "IT-hjælp", "Frivillige hjælper med MitID, e-Boks, telefon og computer.",
     "Tag din egen telefon, tablet eller computer med – og gerne dit MitID. Vi laver ikke reparationer.",
     "digital", "seniors", "da", "hovedbiblioteket-soeby", "studierum-1", "FREQ=WEEKLY;BYDAY=TU", "10:00", "12:00",
     None, True),
    ("it-hjaelperne", "IT-café i Lindved", "Spørg om alt det digitale – en gang om måneden.",
     "Hjælp til apps, billeder, sikkerhed og selvbetjening.", "digital", "seniors", "da", "lindved-bibliotek",
     None, "FREQ=MONTHLY;BYDAY=1WE", "13:00", "15:00", None, True),
    ("laesekredsen-bogormene", "Læsekreds for voksne", "Vi læser en roman om måneden og mødes for at tale om den.",
     "Bøgerne bestilles hjem af biblioteket. Tilmelding, da vi er højst 12.", "reading", "adults", "da",
     "havnstrup-bibliotek", "havnestuen", "FREQ=MONTHLY;BYDAY=-1TH", "19:00", "21:00", None, False),
    ("bibliotekets-venner-soeby", "Højtlæsning for de mindste", "Billedbøger og rim for børn 2–5 år med voksne.",
     "Vi læser, synger og leger med bøgerne. Bagefter kan I låne med hjem.", "reading", "children", "da",
     "hovedbiblioteket-soeby", None, "FREQ=WEEKLY;BYDAY=FR", "09:30", "10:15", None, True),
    ("braetspilsforeningen-terningen", "Brætspilsaften", "Fra Ticket to Ride til tunge strategispil.",
     "Foreningen har over 300 spil med. Vi forklarer reglerne, så du kan spille med fra start.", "games",
     "young_people", "da,en", "kulturhuset-remisen", "drejeskiven", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "18:00",
     "22:00", None, True),
    ("braetspilsforeningen-terningen", "Familiespil søndag", "Brætspil for hele familien.",
     "Spil for børn fra 5 år og deres voksne. Saft og kaffe på kanden.", "games", "families", "da",
     "egebjerg-bibliotek", None, "FREQ=MONTHLY;BYDAY=2SU", "13:00", "16:00", None, True),
    ("kaffeklubben-for-seniorer", "Seniorkaffe med foredrag", "Kaffe, kage og et kort oplæg om et lokalt emne.",
     "Program for hver gang hænger på biblioteket. Der er elevator og teleslynge.", "talk", "seniors", "da",
     "hovedbiblioteket-soeby", "salen", "FREQ=MONTHLY;BYDAY=1TU", "14:00", "16:00", "20 kr. for kaffe og kage", True),
    ("lokalhistorisk-forening-soeby", "Lokalhistorisk café", "Se gamle fotos af Søby og fortæl, hvad du ved.",
     "Vi identificerer billeder fra arkivet og deler minder. Tag gerne dine egne fotos med.", "talk", "seniors",
     "da", "lindved-bibliotek", None, "FREQ=MONTHLY;BYDAY=3WE", "14:00", "16:00", None, True),
    ("klimagruppen-groen-omstilling", "Klimacafé", "Snak om klima og konkrete skridt i hverdagen.",
     "Hver gang et tema: mad, transport, energi eller tøj. Vi slutter med noget, vi kan gøre.", "nature_climate",
     "adults", "da", "kulturhuset-remisen", None, "FREQ=MONTHLY;BYDAY=2WE", "19:00", "21:00", None, True),
    ("klimagruppen-groen-omstilling", "Reparationscafé", "Få hjælp til at reparere tøj, cykler og små apparater.",
     "Frivillige reparatører hjælper dig med at gøre det selv. Værktøj og symaskiner er der.", "crafts",
     "everyone", "da", "hovedbiblioteket-soeby", "makerspace-vaerkstedet", "FREQ=MONTHLY;BYDAY=-1SA", "10:00",
     "13:00", None, True),
    ("soeby-kammerkor", "Fællessang", "Vi synger fra Højskolesangbogen – alle kan være med.",
     "Akkompagneret af klaver. Sangbøger udleveres.", "music", "everyone", "da", "hovedbiblioteket-soeby",
     "salen", "FREQ=MONTHLY;BYDAY=3TH", "16:00", "17:00", None, True),
    ("venskabsfamilier-soeby", "Lektiecafé", "Frivillige hjælper med lektier – alle fag, alle klassetrin.",
     "Kom forbi efter skole. Der er frugt og et roligt sted at sidde.", "other", "children", "da,ar,en",
     "egebjerg-bibliotek", "egestuen", "FREQ=WEEKLY;BYDAY=WE", "15:00", "17:00", None, True),
    ("kommunens-sundhedsfremme", "Gå-gruppe fra biblioteket", "En times rolig gåtur – vi går fra bibliotekets indgang.",
     "Turen tilpasses deltagerne. Vi slutter med kaffe på biblioteket.", "health", "seniors", "da",
     "havnstrup-bibliotek", None, "FREQ=WEEKLY;BYDAY=TH", "10:00", "11:30", None, True),
    ("paaroerendegruppen-demens-soeby", "Pårørendecafé – demens", "Et fortroligt rum for pårørende til en med demens.",
     "Vi deler erfaringer og hjælper hinanden. En demenskoordinator deltager hver gang.", "health", "adults", "da",
     "hovedbiblioteket-soeby", "moedelokalet-skoven", "FREQ=MONTHLY;BYDAY=2TU", "13:00", "15:00", None, True),
    ("ungdomsklubben-boelgen", "Gaming og hygge", "Konsoller, pc'er og brætspil for unge 13–17 år.",
     "Vi spiller sammen, holder turneringer og spiser pizza den sidste fredag.", "games", "young_people", "da",
     "medborgerhuset-engen", "klubrummet", "FREQ=WEEKLY;BYDAY=FR", "16:00", "19:00", None, True),
    ("fotoklubben-blaende-8", "Fotocafé", "Vis dine billeder og få gode råd – med mobil eller kamera.",
     "Månedens tema annonceres på biblioteket. Vi går også ture og fotograferer sammen.", "other", "adults", "da",
     "kulturhuset-remisen", None, "FREQ=MONTHLY;BYDAY=1MO", "19:00", "21:00", "50 kr. om året", True),
    ("kreativ-fritid", "Tegneklub", "Tegn og mal sammen – papir og farver er der.",
     "For alle, der har lyst til at tegne. Ingen undervisning, men masser af inspiration.", "crafts", "everyone",
     "da", "medborgerhuset-engen", None, "FREQ=WEEKLY;BYDAY=TU", "18:30", "20:30", None, True),
    ("hjerteforeningens-lokalkomite", "Hjertecafé", "Mød andre, der lever med hjertesygdom.",
     "Erfaringsudveksling og oplæg fra sygeplejersker. Pårørende er velkomne.", "health", "adults", "da",
     "lindved-bibliotek", None, "FREQ=MONTHLY;BYDAY=4MO", "14:00", "16:00", None, True),
]
# Titles left waiting for the library, sent back, paused or ended (the rest are approved).
PROPOSED = {"Hjertecafé", "Tegneklub"}
SENT_BACK = {"Fotocafé": "Skriv venligst, om kontingentet gælder for at deltage i caféen."}
PAUSED = {"Skoleskak"}


def _admin(organisation):
    return next(m.user for m in organisation.memberships if m.role.value == "admin")


def _data(spec: tuple, ctx: DemoContext, valid_from: date) -> services.CommunityData:
    (_org, title, summary, description, category, target, languages, place, room, rule, start, end, price,
     drop_in) = spec
    admin = _admin(ctx.organisations[spec[0]])
    return services.CommunityData(
        title=title, summary=summary, description=description, category=category, target_group=target,
        languages=languages, location_id=ctx.locations[place].id,
        room_id=ctx.rooms[room].id if room in ctx.rooms else None,
        price=price, drop_in=drop_in, signup_info=None if drop_in else "Tilmelding til kontaktpersonen.",
        contact_name=admin.name, contact_email=admin.email, contact_phone=admin.phone,
        contact_public=ctx.rng.random() < 0.7,
        schedule=services.ScheduleData(rule, time.fromisoformat(start), time.fromisoformat(end), valid_from),
    )


def _exceptions(ctx: DemoContext, staff, community: Community, today: date) -> None:
    winter = date(today.year, 2, 9)  # week 7: the winter holiday in most of Jutland
    for day in schedule.series_dates(community, winter, winter + timedelta(days=6)):
        schedule.cancel_date(staff, community, day, "Aflyst i vinterferien", ctx.now)
    christmas = date(today.year, 12, 22)
    for day in schedule.series_dates(community, christmas, christmas + timedelta(days=11)):
        schedule.cancel_date(staff, community, day, "Juleferie – vi ses i det nye år", ctx.now)


def seed(ctx: DemoContext) -> None:
    staff = ctx.users[STAFF_EMAIL]
    today = local_date(ctx.now)
    last_year = today.year - 1
    made: list[Community] = []
    for n, spec in enumerate(COMMUNITIES):
        valid_from = date(last_year, 1, 5) if n % 4 else date(today.year, 1, 5)
        organisation = ctx.organisations[spec[0]]
        admin = _admin(organisation)
        community = services.propose_community(admin, organisation, _data(spec, ctx, valid_from), ctx.now)
        title = community.title
        if title in SENT_BACK:
            services.request_changes(staff, community, SENT_BACK[title], ctx.now)
        elif title not in PROPOSED:
            # The demo's dates follow today's date, so a one-off booking may land on a meeting
            # day; staff then hold the free dates and the taken ones show as cancelled.
            services.approve(staff, community, ctx.now, free_dates_only=True)
            _exceptions(ctx, staff, community, today)
        if title in PAUSED:
            services.set_status(admin, community, "paused", ctx.now)
        made.append(community)
    chess = made[0]
    upcoming = [s for s in schedule.upcoming(chess, ctx.now, days=60) if not s.kind]
    if len(upcoming) > 2:
        day = upcoming[2].original_date
        schedule.move_date(staff, chess, day, day + timedelta(days=1), time(17), time(19, 30),
                           "Flyttet til onsdag: lokalet bruges til valg", ctx.now)
    ctx.extra["communities"] = made
    published_at = datetime(last_year, 1, 20, 9, 0, tzinfo=UTC)
    edition = editions.create_edition(staff, last_year, published_at)
    editions.publish(staff, edition, published_at)
    editions.create_edition(staff, today.year, ctx.now)
    # The demo's decisions are history: their mails to the organisers are not left waiting.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.subject_type == "community"))
