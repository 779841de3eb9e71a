"""free-room searches that found nothing; indexes for the booking figures

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-25 16:30:00

The search log is anonymous: no user, no address. The indexes serve the usage figures,
which filter occurrences, waitlist entries and searches by time for a period.
"""
from alembic import op
import sqlalchemy as sa

import booking.db


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('searched_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('wanted_starts_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('wanted_ends_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('equipment', sa.String(length=500), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_search_log_location_id_location'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_log'))
    )
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_log_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_log_searched_at'), ['searched_at'], unique=False)
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index('ix_booking_created', ['created_at'], unique=False)
        batch_op.create_index('ix_booking_status_decided', ['status', 'decided_at'], unique=False)
    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.create_index('ix_occurrence_starts', ['starts_at'], unique=False)
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.create_index('ix_waitlist_entry_starts', ['starts_at'], unique=False)


def downgrade():
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_waitlist_entry_starts')
    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.drop_index('ix_occurrence_starts')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index('ix_booking_status_decided')
        batch_op.drop_index('ix_booking_created')
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_log_searched_at'))
        batch_op.drop_index(batch_op.f('ix_search_log_location_id'))
    op.drop_table('search_log')
