from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.db import Base, enum_column, personal, utcnow

ACCOUNT_RETENTION = "while the account exists; deleted with it"


class UserRole(enum.StrEnum):
    CITIZEN = "citizen"
    STAFF = "staff"
    ADMIN = "admin"


class OrgKind(enum.StrEnum):
    ASSOCIATION = "association"  # folkeoplysende forening
    EVENING_SCHOOL = "evening_school"  # aftenskole / voksenundervisning
    CLUB = "club"
    VOLUNTEER_GROUP = "volunteer_group"
    MUNICIPAL_PARTNER = "municipal_partner"
    OTHER = "other"


class MemberRole(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


labels.register(
    UserRole,
    {UserRole.CITIZEN: _l("Citizen"), UserRole.STAFF: _l("Staff"), UserRole.ADMIN: _l("Administrator")},
)
labels.register(
    OrgKind,
    {
        OrgKind.ASSOCIATION: _l("Association (folkeoplysende forening)"),
        OrgKind.EVENING_SCHOOL: _l("Evening school / adult education"),
        OrgKind.CLUB: _l("Club"),
        OrgKind.VOLUNTEER_GROUP: _l("Volunteer group"),
        OrgKind.MUNICIPAL_PARTNER: _l("Municipal partner"),
        OrgKind.OTHER: _l("Other"),
    },
)
labels.register(MemberRole, {MemberRole.ADMIN: _l("Administrator"), MemberRole.MEMBER: _l("Member")})


class User(UserMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(
        String(254), unique=True, info=personal("log in and receive booking mail", ACCOUNT_RETENTION)
    )
    name: Mapped[str] = mapped_column(String(200), info=personal("show who booked", ACCOUNT_RETENTION))
    phone: Mapped[str | None] = mapped_column(
        String(40), info=personal("reach the booker about a booking", ACCOUNT_RETENTION)
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="da")
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole), default=UserRole.CITIZEN)
    active: Mapped[bool] = mapped_column(default=True)
    # Raised on every password change: old sessions and reset links stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="Membership.user_id"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in (UserRole.STAFF, UserRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[OrgKind] = mapped_column(enum_column(OrgKind), default=OrgKind.ASSOCIATION)
    cvr: Mapped[str | None] = mapped_column(String(8))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    verified: Mapped[bool] = mapped_column(default=False)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Membership(Base):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.MEMBER)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class Invitation(Base):
    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(
        String(254), info=personal("invite a new member", "deleted when accepted, revoked or expired")
    )
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.MEMBER)
    # Only a hash of the token is kept: a leaked database does not hand out invitations.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now
