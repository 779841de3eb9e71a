"""visitor counts and import log, citizens' statements, annual room reviews

Revision ID: 0007
Revises: 0001
Create Date: 2026-11-25 15:38:54.340737

Visitor counts are unique per location, span (day or month) and day; a statement keeps a
citizen's name only with consent (check constraint); a completed room review carries its
frozen snapshot (check constraint).
"""
from alembic import op
import sqlalchemy as sa

import booking.db


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('review_procedure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_review_procedure_location_id_location'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_review_procedure_updated_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_procedure')),
    sa.UniqueConstraint('location_id', name=op.f('uq_review_procedure_location_id'))
    )
    op.create_table('room_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'completed', name='reviewstatus', native_enum=False, length=32), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('opened_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.CheckConstraint("(status = 'completed') = (snapshot IS NOT NULL AND completed_at IS NOT NULL)", name=op.f('ck_room_review_completed_has_snapshot')),
    sa.CheckConstraint('year >= 2000 AND year <= 2100', name=op.f('ck_room_review_year_range')),
    sa.ForeignKeyConstraint(['completed_by_id'], ['user_account.id'], name=op.f('fk_room_review_completed_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_room_review_location_id_location'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user_account.id'], name=op.f('fk_room_review_opened_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_review')),
    sa.UniqueConstraint('location_id', 'year', name=op.f('uq_room_review_location_id_year'))
    )
    op.create_table('visitor_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('imported_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('lines_read', sa.Integer(), nullable=False),
    sa.Column('days_added', sa.Integer(), nullable=False),
    sa.Column('days_replaced', sa.Integer(), nullable=False),
    sa.Column('visitors', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['user_account.id'], name=op.f('fk_visitor_import_imported_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_import'))
    )
    op.create_table('review_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('area', sa.Enum('opening_hours', 'equipment', 'furniture', 'booking_rules', 'change_of_use', 'other', name='decisionarea', native_enum=False, length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', 'dropped', name='decisionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=True),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['room_review.id'], name=op.f('fk_review_decision_review_id_room_review'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_review_decision_room_id_room'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decision'))
    )
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_decision_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_decision_room_id'), ['room_id'], unique=False)

    op.create_table('room_evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['room_review.id'], name=op.f('fk_room_evaluation_review_id_room_review'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_room_evaluation_room_id_room'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_evaluation')),
    sa.UniqueConstraint('review_id', 'room_id', name=op.f('uq_room_evaluation_review_id_room_id'))
    )
    with op.batch_alter_table('room_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_evaluation_room_id'), ['room_id'], unique=False)

    op.create_table('statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('statement', 'interview', 'practice_story', name='statementkind', native_enum=False, length=32), nullable=False),
    sa.Column('said_on', sa.Date(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('age_group', sa.Enum('child', 'youth', 'young_adult', 'adult', 'senior', 'unknown', name='agegroup', native_enum=False, length=32), nullable=False),
    sa.Column('channel', sa.Enum('conversation', 'interview', 'observation', 'email', 'phone', 'survey', 'comment_box', 'social_media', 'other', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tags', sa.String(length=500), nullable=False),
    sa.Column('consent_to_quote', sa.Boolean(), nullable=False),
    sa.Column('citizen_name', sa.String(length=200), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('citizen_name IS NULL OR consent_to_quote', name=op.f('ck_statement_name_needs_consent')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_statement_location_id_location'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_statement_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_statement_room_id_room'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement'))
    )
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.create_index('ix_statement_location_said_on', ['location_id', 'said_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_room_id'), ['room_id'], unique=False)
        batch_op.create_index('ix_statement_said_on', ['said_on'], unique=False)

    op.create_table('visitor_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('span', sa.Enum('day', 'month', name='countspan', native_enum=False, length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('visitors', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('manual', 'import', name='countsource', native_enum=False, length=32), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('visitors >= 0', name=op.f('ck_visitor_count_visitors_not_negative')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user_account.id'], name=op.f('fk_visitor_count_entered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['import_id'], ['visitor_import.id'], name=op.f('fk_visitor_count_import_id_visitor_import'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_visitor_count_location_id_location'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_count')),
    sa.UniqueConstraint('location_id', 'span', 'day', name=op.f('uq_visitor_count_location_id_span_day'))
    )
    with op.batch_alter_table('visitor_count', schema=None) as batch_op:
        batch_op.create_index('ix_visitor_count_day', ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_visitor_count_import_id'), ['import_id'], unique=False)



def downgrade():
    with op.batch_alter_table('visitor_count', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visitor_count_import_id'))
        batch_op.drop_index('ix_visitor_count_day')

    op.drop_table('visitor_count')
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.drop_index('ix_statement_said_on')
        batch_op.drop_index(batch_op.f('ix_statement_room_id'))
        batch_op.drop_index('ix_statement_location_said_on')

    op.drop_table('statement')
    with op.batch_alter_table('room_evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_evaluation_room_id'))

    op.drop_table('room_evaluation')
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_decision_room_id'))
        batch_op.drop_index(batch_op.f('ix_review_decision_review_id'))

    op.drop_table('review_decision')
    op.drop_table('visitor_import')
    op.drop_table('room_review')
    op.drop_table('review_procedure')
