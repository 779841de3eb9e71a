"""Demo people and organisations."""

from __future__ import annotations

from werkzeug.security import generate_password_hash

from booking.accounts.models import MemberRole, Membership, Organisation, OrgKind, User, UserRole
from booking.demo import DEMO_LOGINS, DemoContext
from booking.extensions import db
from booking.validation import slugify

STAFF = [
    ("Helle Birk Jensen", "helle@folkebiblioteket.example"),
    ("Nana Østergaard", "nana@folkebiblioteket.example"),
    ("Morten Kjær", "morten@folkebiblioteket.example"),
]

# (name, kind, cvr, admin name, admin email, extra members)
ORGANISATIONS = [
    ("Skakklubben Springeren", OrgKind.CLUB, "31245678", "Jens Formand Holm", "formand@skakklubben.example", 4),
    ("Strikkecaféen Maskeløs", OrgKind.VOLUNTEER_GROUP, None, "Birthe Lund", "birthe@strikkecafe.example", 3),
    ("Sprogcafé Verden", OrgKind.VOLUNTEER_GROUP, None, "Amina Haddad", "amina@sprogcafe.example", 5),
    ("Bibliotekets Venner Søby", OrgKind.ASSOCIATION, "29876543", "Poul Erik Dam", "poul@venner.example", 2),
    ("Aftenskolen Lys & Læring", OrgKind.EVENING_SCHOOL, "35551234", "Karin Vestergaard",
     "karin@lysoglaering.example", 2),
    ("Spejderne Ørnereden", OrgKind.ASSOCIATION, "33112244", "Rasmus Bæk", "rasmus@oernereden.example", 3),
    ("Ungdomsklubben Bølgen", OrgKind.ASSOCIATION, "38765432", "Sofie Krag", "sofie@boelgen.example", 2),
    ("Kaffeklubben for seniorer", OrgKind.CLUB, None, "Grethe Mikkelsen", "grethe@kaffeklubben.example", 3),
    ("Lokalhistorisk Forening Søby", OrgKind.ASSOCIATION, "27001122", "Ole Sandberg", "ole@lokalhistorie.example", 2),
    ("Klimagruppen Grøn Omstilling", OrgKind.VOLUNTEER_GROUP, None, "Ida Storm", "ida@klimagruppen.example", 2),
    ("Brætspilsforeningen Terningen", OrgKind.ASSOCIATION, "36660011", "Mikkel Thorsen", "mikkel@terningen.example", 3),
    ("Læsekredsen Bogormene", OrgKind.VOLUNTEER_GROUP, None, "Hanne Riis", "hanne@bogormene.example", 2),
    ("Pårørendegruppen Demens Søby", OrgKind.ASSOCIATION, "34445566", "Lene Bach", "lene@paaroerende.example", 1),
    ("IT-hjælperne", OrgKind.VOLUNTEER_GROUP, None, "Torben Nygaard", "torben@it-hjaelp.example", 3),
    ("Søby Kammerkor", OrgKind.ASSOCIATION, "30303030", "Marianne Friis", "marianne@kammerkor.example", 2),
    ("Venskabsfamilier Søby", OrgKind.VOLUNTEER_GROUP, None, "Fatima Ali", "fatima@venskab.example", 2),
    ("Kommunens Sundhedsfremme", OrgKind.MUNICIPAL_PARTNER, "29189919", "Anne Mortensen", "anne@sundhed.example", 1),
    ("Ungdomsskolen Søby", OrgKind.MUNICIPAL_PARTNER, "29189920", "Kasper Holt", "kasper@ungdomsskolen.example", 1),
    ("Kreativ Fritid", OrgKind.ASSOCIATION, "32123212", "Louise Winther", "louise@kreativfritid.example", 2),
    ("Hjerteforeningens lokalkomité", OrgKind.ASSOCIATION, "28282828", "Bent Kragh", "bent@hjerte.example", 1),
    ("Fotoklubben Blænde 8", OrgKind.CLUB, None, "Camilla Dahl", "camilla@blaende8.example", 2),
]

CITIZENS = [
    ("Signe Borger Nielsen", "borger@example.com"),
    ("Ahmad Rahimi", "ahmad@example.com"),
    ("Emma Kristensen", "emma@example.com"),
    ("Frederik Laursen", "frederik@example.com"),
    ("Maja Pedersen", "maja@example.com"),
    ("Yusuf Demir", "yusuf@example.com"),
    ("Karen Søndergaard", "karen@example.com"),
    ("William Christiansen", "william@example.com"),
]

FIRST = ["Anders", "Mette", "Lars", "Pia", "Søren", "Tina", "Henrik", "Line", "Jakob", "Rikke", "Mads", "Camilla"]
LAST = ["Hansen", "Andersen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Poulsen", "Madsen", "Eriksen"]


def _phone(ctx: DemoContext) -> str:
    return "+45 " + " ".join(str(ctx.rng.randint(10, 99)) for _ in range(4))


def seed(ctx: DemoContext) -> None:
    passwords = {email: password for _role, email, password in DEMO_LOGINS}
    # Demo accounts without a printed login share one hash: hashing is deliberately slow.
    shared_hash = generate_password_hash("demo-medlem-2026")

    def user(name: str, email: str, role: UserRole = UserRole.CITIZEN) -> User:
        password_hash = generate_password_hash(passwords[email]) if email in passwords else shared_hash
        person = User(
            email=email,
            name=name,
            phone=_phone(ctx),
            password_hash=password_hash,
            role=role,
            locale="da",
            created_at=ctx.now,
        )
        db.session.add(person)
        ctx.users[email] = person
        return person

    user("Administrator", "admin@folkebiblioteket.example", UserRole.ADMIN)
    user("Lone Personale", "personale@folkebiblioteket.example", UserRole.STAFF)
    for name, email in STAFF:
        user(name, email, UserRole.STAFF)
    for name, email in CITIZENS:
        user(name, email)

    for org_name, kind, cvr, admin_name, admin_email, extra in ORGANISATIONS:
        slug = slugify(org_name)
        organisation = Organisation(
            name=org_name,
            slug=slug,
            kind=kind,
            cvr=cvr,
            email=admin_email,
            phone=_phone(ctx),
            description=None,
            verified=cvr is not None or kind == OrgKind.VOLUNTEER_GROUP,
            verified_at=ctx.now if cvr else None,
            created_at=ctx.now,
        )
        db.session.add(organisation)
        ctx.organisations[slug] = organisation
        admin = user(admin_name, admin_email)
        db.session.add(
            Membership(user=admin, organisation=organisation, role=MemberRole.ADMIN, created_at=ctx.now)
        )
        for n in range(extra):
            first, last = ctx.rng.choice(FIRST), ctx.rng.choice(LAST)
            email = f"{slugify(first)}.{slugify(last)}.{slug[:10]}{n}@example.net"
            member = user(f"{first} {last}", email)
            db.session.add(
                Membership(user=member, organisation=organisation, role=MemberRole.MEMBER, created_at=ctx.now)
            )
    # The demo citizen also helps out at the language café.
    db.session.add(
        Membership(
            user=ctx.users["borger@example.com"],
            organisation=ctx.organisations["sprogcafe-verden"],
            role=MemberRole.MEMBER,
            created_at=ctx.now,
        )
    )
