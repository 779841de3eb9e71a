"""communities, their date exceptions, annual editions; personal feed tokens

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-25 15:41:19.584462

"""
from alembic import op
import sqlalchemy as sa

import booking.db


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('community_edition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='editionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=True),
    sa.Column('change_note', sa.Text(), nullable=True),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('version >= 1', name=op.f('ck_community_edition_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_community_edition_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_community_edition_published_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_edition')),
    sa.UniqueConstraint('year', 'version', name=op.f('uq_community_edition_year_version'))
    )
    with op.batch_alter_table('community_edition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_edition_year'), ['year'], unique=False)

    op.create_table('personal_feed',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_personal_feed_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_personal_feed')),
    sa.UniqueConstraint('token', name=op.f('uq_personal_feed_token'))
    )
    op.create_table('community',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.Enum('games', 'crafts', 'language', 'digital', 'reading', 'nature_climate', 'music', 'talk', 'health', 'other', name='category', native_enum=False, length=32), nullable=False),
    sa.Column('target_group', sa.Enum('children', 'young_people', 'adults', 'seniors', 'families', 'everyone', name='targetgroup', native_enum=False, length=32), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('accessibility', sa.Text(), nullable=True),
    sa.Column('price', sa.String(length=100), nullable=True),
    sa.Column('drop_in', sa.Boolean(), nullable=False),
    sa.Column('signup_info', sa.String(length=300), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('contact_public', sa.Boolean(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('recurrence', sa.String(length=200), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'changes_requested', 'active', 'paused', 'ended', 'declined', name='communitystatus', native_enum=False, length=32), nullable=False),
    sa.Column('moderation_comment', sa.Text(), nullable=True),
    sa.Column('approved_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('sequence >= 0', name=op.f('ck_community_sequence_not_negative')),
    sa.CheckConstraint('start_time < end_time', name=op.f('ck_community_starts_before_ends')),
    sa.CheckConstraint('valid_until IS NULL OR valid_from <= valid_until', name=op.f('ck_community_valid_from_before_until')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], name=op.f('fk_community_approved_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_community_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_community_location_id_location'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_community_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_community_room_id_room'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community')),
    sa.UniqueConstraint('slug', name=op.f('uq_community_slug')),
    sa.UniqueConstraint('uid', name=op.f('uq_community_uid'))
    )
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_community_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_community_room_id'), ['room_id'], unique=False)
        batch_op.create_index('ix_community_status_location', ['status', 'location_id'], unique=False)

    op.create_table('community_edition_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.Enum('games', 'crafts', 'language', 'digital', 'reading', 'nature_climate', 'music', 'talk', 'health', 'other', name='category', native_enum=False, length=32), nullable=False),
    sa.Column('target_group', sa.Enum('children', 'young_people', 'adults', 'seniors', 'families', 'everyone', name='targetgroup', native_enum=False, length=32), nullable=False),
    sa.Column('organiser', sa.String(length=200), nullable=False),
    sa.Column('location_name', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('schedule', sa.String(length=300), nullable=False),
    sa.Column('contact', sa.String(length=300), nullable=True),
    sa.Column('price', sa.String(length=100), nullable=True),
    sa.Column('drop_in', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_community_edition_entry_community_id_community'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['edition_id'], ['community_edition.id'], name=op.f('fk_community_edition_entry_edition_id_community_edition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_edition_entry'))
    )
    with op.batch_alter_table('community_edition_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_edition_entry_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_community_edition_entry_edition_id'), ['edition_id'], unique=False)

    op.create_table('community_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('original_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('cancelled', 'moved', name='exceptionkind', native_enum=False, length=32), nullable=False),
    sa.Column('starts_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ends_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(kind = 'moved') = (starts_at IS NOT NULL AND ends_at IS NOT NULL)", name=op.f('ck_community_exception_moved_has_new_time')),
    sa.CheckConstraint('starts_at IS NULL OR starts_at < ends_at', name=op.f('ck_community_exception_starts_before_ends')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_community_exception_community_id_community'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_community_exception_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_exception')),
    sa.UniqueConstraint('community_id', 'original_date', name=op.f('uq_community_exception_community_id_original_date'))
    )
    with op.batch_alter_table('community_exception', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_exception_community_id'), ['community_id'], unique=False)



def downgrade():
    with op.batch_alter_table('community_exception', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_exception_community_id'))

    op.drop_table('community_exception')
    with op.batch_alter_table('community_edition_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_edition_entry_edition_id'))
        batch_op.drop_index(batch_op.f('ix_community_edition_entry_community_id'))

    op.drop_table('community_edition_entry')
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.drop_index('ix_community_status_location')
        batch_op.drop_index(batch_op.f('ix_community_room_id'))
        batch_op.drop_index(batch_op.f('ix_community_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_community_location_id'))

    op.drop_table('community')
    op.drop_table('personal_feed')
    with op.batch_alter_table('community_edition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_edition_year'))

    op.drop_table('community_edition')
