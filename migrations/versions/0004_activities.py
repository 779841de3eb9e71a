"""activities, registrations (with the ordered waitlist) and partner organisations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:40:11.649196

Seats are decided under a row lock on the activity (see booking/activities/registration.py),
so no constraint beyond the checks below is needed for the capacity.
"""
from alembic import op
import sqlalchemy as sa

import booking.db


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('category', sa.Enum('talk', 'workshop', 'reading', 'dialogue', 'it_help', 'course', 'culture', 'other', name='activitycategory', native_enum=False, length=32), nullable=False),
    sa.Column('target_group', sa.Enum('age_0_6', 'children', 'young_people', 'adults', 'seniors', 'families', 'everyone', name='targetgroup', native_enum=False, length=32), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('registration_required', sa.Boolean(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('max_seats_per_registration', sa.Integer(), nullable=False),
    sa.Column('registration_opens_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('registration_closes_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('price_kr', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'cancelled', 'completed', name='activitystatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sold_out_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('completed_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attendance_count', sa.Integer(), nullable=True),
    sa.CheckConstraint('attendance_count IS NULL OR attendance_count >= 0', name=op.f('ck_activity_attendance_not_negative')),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name=op.f('ck_activity_capacity_positive')),
    sa.CheckConstraint('max_seats_per_registration >= 1', name=op.f('ck_activity_max_seats_positive')),
    sa.CheckConstraint('price_kr >= 0', name=op.f('ck_activity_price_not_negative')),
    sa.CheckConstraint('starts_at < ends_at', name=op.f('ck_activity_starts_before_ends')),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_activity_booking_id_booking'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['user_account.id'], name=op.f('fk_activity_cancelled_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_activity_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_activity_location_id_location'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_activity_room_id_room'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['series_id'], ['activity.id'], name=op.f('fk_activity_series_id_activity'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity')),
    sa.UniqueConstraint('slug', name=op.f('uq_activity_slug'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_booking_id'), ['booking_id'], unique=False)
        batch_op.create_index('ix_activity_location_starts', ['location_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_series_id'), ['series_id'], unique=False)
        batch_op.create_index('ix_activity_starts_at', ['starts_at'], unique=False)

    op.create_table('activity_partner',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_partner_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_activity_partner_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'organisation_id', name=op.f('pk_activity_partner'))
    )
    op.create_table('registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('status', sa.Enum('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show', name='registrationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.CheckConstraint('seats >= 1', name=op.f('ck_registration_seats_positive')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_registration_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_registration_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_activity_status', ['activity_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_user_id'))
        batch_op.drop_index('ix_registration_activity_status')

    op.drop_table('registration')
    op.drop_table('activity_partner')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_starts_at')
        batch_op.drop_index(batch_op.f('ix_activity_series_id'))
        batch_op.drop_index(batch_op.f('ix_activity_room_id'))
        batch_op.drop_index('ix_activity_location_starts')
        batch_op.drop_index(batch_op.f('ix_activity_booking_id'))

    op.drop_table('activity')
