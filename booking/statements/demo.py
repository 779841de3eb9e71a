"""Demo statements: about thirty things citizens said, eight short interviews and a few
practice stories, spread over last year and this year, most about the rooms."""

from __future__ import annotations

from datetime import timedelta

from booking.demo import DemoContext
from booking.extensions import db
from booking.statements.models import AgeGroup, Channel, Statement, StatementKind
from booking.timeutil import local_date

# (place slug, room slug or None, age group, channel, text, tags)
STATEMENTS = [
    ("hovedbiblioteket-soeby", "studierum-1", AgeGroup.YOUNG_ADULT, Channel.CONVERSATION,
     "Studierummene er altid optaget i eksamensperioden. Kunne man ikke få et par stykker mere?", "studierum,eksamen"),
    ("hovedbiblioteket-soeby", "studierum-2", AgeGroup.YOUTH, Channel.COMMENT_BOX,
     "Der er for koldt i studierum 2 om vinteren.", "indeklima"),
    ("hovedbiblioteket-soeby", "salen", AgeGroup.SENIOR, Channel.CONVERSATION,
     "Teleslyngen i salen gør, at jeg endelig kan høre foredragene.", "tilgængelighed,foredrag"),
    ("hovedbiblioteket-soeby", "moedelokalet-aaen", AgeGroup.ADULT, Channel.EMAIL,
     "Projektoren i Åen ville ikke forbinde til min computer. Et HDMI-kabel ved bordet ville hjælpe.", "udstyr"),
    ("hovedbiblioteket-soeby", None, AgeGroup.ADULT, Channel.CONVERSATION,
     "Det er dejligt, at man kan komme ind om aftenen med sundhedskortet.", "åbningstider,åbent bibliotek"),
    ("hovedbiblioteket-soeby", "makerspace-vaerkstedet", AgeGroup.YOUTH, Channel.CONVERSATION,
     "3D-printeren er det bedste ved biblioteket! Men der er altid kø.", "makerspace,udstyr"),
    ("hovedbiblioteket-soeby", None, AgeGroup.SENIOR, Channel.PHONE,
     "Jeg savner flere stillezoner. Det er blevet meget larmende ved indgangen.", "stillezone,støj"),
    ("hovedbiblioteket-soeby", "moedelokalet-skoven", AgeGroup.ADULT, Channel.SURVEY,
     "Vores forening holder bestyrelsesmøder i Skoven. Stolene er ikke gode til tre timer.", "møbler,foreninger"),
    ("hovedbiblioteket-soeby", "salen", AgeGroup.ADULT, Channel.EMAIL,
     "Det er svært at booke salen til vores årlige generalforsamling, den er booket langt frem.", "booking,foreninger"),
    ("hovedbiblioteket-soeby", None, AgeGroup.CHILD, Channel.CONVERSATION,
     "Jeg kan godt lide at lave lektier her, fordi der er nogen, der kan hjælpe.", "lektiehjælp"),
    ("lindved-bibliotek", "lindvedstuen", AgeGroup.ADULT, Channel.CONVERSATION,
     "Lindvedstuen er perfekt til vores strikkeklub, men vi mangler et sted at stille kaffen.", "fællesskab,møbler"),
    ("lindved-bibliotek", "studieboksen", AgeGroup.YOUTH, Channel.COMMENT_BOX,
     "Studieboksen er god, men lyset er for dårligt om aftenen.", "lys,studierum"),
    ("lindved-bibliotek", None, AgeGroup.SENIOR, Channel.CONVERSATION,
     "Biblioteket er det eneste sted i Lindved, hvor man møder nogen om eftermiddagen.", "fællesskab"),
    ("lindved-bibliotek", None, AgeGroup.ADULT, Channel.SOCIAL_MEDIA,
     "Kunne biblioteket holde åbent med personale en lørdag om måneden?", "åbningstider"),
    ("havnstrup-bibliotek", "havnestuen", AgeGroup.ADULT, Channel.EMAIL,
     "Havnestuen var fin til vores sprogcafé. Skærmen var let at bruge.", "sprogcafé,udstyr"),
    ("havnstrup-bibliotek", "udsigten", AgeGroup.ADULT, Channel.CONVERSATION,
     "Videomødeudstyret i Udsigten sparer mig en tur til Aarhus hver uge.", "videomøde,udstyr"),
    ("havnstrup-bibliotek", None, AgeGroup.YOUNG_ADULT, Channel.SURVEY,
     "Der mangler stikkontakter ved arbejdspladserne.", "strøm,møbler"),
    ("havnstrup-bibliotek", "havnestuen", AgeGroup.SENIOR, Channel.CONVERSATION,
     "Det er for varmt i Havnestuen om sommeren, når solen står på.", "indeklima"),
    ("egebjerg-bibliotek", "egestuen", AgeGroup.ADULT, Channel.CONVERSATION,
     "Egestuen er lille, men hyggelig. Vi er ti i læsekredsen, og det passer lige.", "læsekreds"),
    ("egebjerg-bibliotek", None, AgeGroup.CHILD, Channel.OTHER,
     "Må vi få flere brætspil?", "børn,spil"),
    ("kulturhuset-remisen", "drejeskiven", AgeGroup.ADULT, Channel.EMAIL,
     "Drejeskiven er god til koncerter, men akustikken er hård.", "akustik"),
    ("kulturhuset-remisen", "remisens-koekken", AgeGroup.ADULT, Channel.CONVERSATION,
     "Fællesspisning i Remisens køkken er blevet et fast holdepunkt for os.", "fællesskab,mad"),
    ("medborgerhuset-engen", "klubrummet", AgeGroup.YOUTH, Channel.CONVERSATION,
     "Klubrummet burde være åbent længere om fredagen.", "åbningstider,unge"),
    ("medborgerhuset-engen", "faelleskoekkenet", AgeGroup.SENIOR, Channel.PHONE,
     "Det er svært at finde ud af, hvordan man booker køkkenet.", "booking"),
    ("hovedbiblioteket-soeby", "studierum-1", AgeGroup.YOUNG_ADULT, Channel.SURVEY,
     "Det ville være godt at kunne se ledige studierum på telefonen.", "studierum,booking"),
    ("hovedbiblioteket-soeby", None, AgeGroup.ADULT, Channel.CONVERSATION,
     "Jeg arbejder hjemmefra og bruger biblioteket som kontor to dage om ugen.", "arbejdsplads"),
    ("lindved-bibliotek", "lindvedstuen", AgeGroup.ADULT, Channel.EMAIL,
     "Projektoren i Lindvedstuen er for svag, når solen skinner ind.", "udstyr,lys"),
    ("havnstrup-bibliotek", None, AgeGroup.CHILD, Channel.CONVERSATION,
     "Jeg vil gerne have en hule at læse i.", "børn,møbler"),
    ("hovedbiblioteket-soeby", "sal-a", AgeGroup.SENIOR, Channel.CONVERSATION,
     "Sal A er for stor til vores lille foredragsforening, men de små lokaler er for små.", "lokalestørrelse"),
    ("egebjerg-bibliotek", "egestuen", AgeGroup.SENIOR, Channel.COMMENT_BOX,
     "Døren til Egestuen er tung at åbne med rollator.", "tilgængelighed"),
]  # fmt: skip

INTERVIEWS = [
    ("hovedbiblioteket-soeby", AgeGroup.YOUNG_ADULT,
     "Biblioteket er mit andet hjem i eksamenstiden. Her kan jeg koncentrere mig.", "Sara", True),
    ("hovedbiblioteket-soeby", AgeGroup.SENIOR,
     "Efter min mand døde, var foredragene her det, der fik mig ud af huset.", None, False),
    ("lindved-bibliotek", AgeGroup.ADULT,
     "For os i Lindved er biblioteket byens stue. Skolen, foreningerne og de ældre mødes her.", "Jens Holm", True),
    ("havnstrup-bibliotek", AgeGroup.ADULT,
     "Jeg er ny i Danmark. I sprogcaféen har jeg fået mine første danske venner.", None, False),
    ("havnstrup-bibliotek", AgeGroup.YOUTH,
     "Jeg kommer for at spille og være sammen med de andre efter skole.", None, False),
    ("egebjerg-bibliotek", AgeGroup.SENIOR,
     "Læsekredsen er det bedste ved at bo herude. Uden biblioteket ingen læsekreds.", "Inger", True),
    ("hovedbiblioteket-soeby", AgeGroup.ADULT,
     "Makerspace har givet min søn og mig noget at lave sammen.", None, False),
    ("kulturhuset-remisen", AgeGroup.ADULT,
     "Biblioteket betyder, at man kan låne rum, ikke kun bøger. Vores kor øver her.", None, False),
]  # fmt: skip

PRACTICE_STORIES = [
    ("hovedbiblioteket-soeby", "studierum-1",
     "Kl. 16 en tirsdag i maj stod fire gymnasieelever ved studierummene, der alle var booket, men to stod tomme. "
     "De endte på gulvet ved avisreolen. Vi talte om, om bookinger skal frigives efter 15 minutter."),
    ("lindved-bibliotek", "lindvedstuen",
     "Strikkeklubben flyttede selv borde sammen i Lindvedstuen og satte dem ikke tilbage. Næste gruppe brugte "
     "20 minutter på at rydde op. Et skilt med møbleringsplan kunne hjælpe."),
    ("havnstrup-bibliotek", None,
     "En mor med to børn spurgte efter et sted at amme. Vi fandt en stol i Udsigten, "
     "men der er ikke noget oplagt sted."),
]  # fmt: skip


def seed(ctx: DemoContext) -> None:
    today = local_date(ctx.now)
    staff = ctx.users.get("personale@folkebiblioteket.example")

    def add(kind, slug, room_slug, age, channel, text, tags="", name=None, consent=False, days_ago=0) -> None:
        place = ctx.locations.get(slug)
        if place is None:
            return
        room = ctx.rooms.get(room_slug) if room_slug else None
        db.session.add(
            Statement(
                kind=kind, said_on=today - timedelta(days=days_ago), location_id=place.id,
                room_id=room.id if room else None, age_group=age, channel=channel, text=text,
                tags="," + tags + "," if tags else "", consent_to_quote=consent, citizen_name=name if consent else None,
                recorded_by_id=staff.id if staff else None, created_at=ctx.now, updated_at=ctx.now,
            )
        )  # fmt: skip

    for index, (slug, room, age, channel, text, tags) in enumerate(STATEMENTS):
        add(StatementKind.STATEMENT, slug, room, age, channel, text, tags, consent=index % 3 == 0,
            days_ago=10 + index * 17)  # fmt: skip
    for index, (slug, age, text, name, consent) in enumerate(INTERVIEWS):
        add(StatementKind.INTERVIEW, slug, None, age, Channel.INTERVIEW, text, "betydning", name=name,
            consent=consent, days_ago=5 + index * 30)  # fmt: skip
    for index, (slug, room, text) in enumerate(PRACTICE_STORIES):
        add(StatementKind.PRACTICE_STORY, slug, room, AgeGroup.UNKNOWN, Channel.OBSERVATION, text, "observation",
            days_ago=20 + index * 60)  # fmt: skip
    db.session.flush()
