"""strategy: action plans, checkpoints, themes, actions, measurement points, statuses, figures

Revision ID: 0008
Revises: 0001
Create Date: 2026-11-25 15:39:12.229903

"""
from alembic import op
import sqlalchemy as sa

import booking.db


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('strategy_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('last_year', sa.Integer(), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.Column('created_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['copied_from_id'], ['strategy_plan.id'], name=op.f('fk_strategy_plan_copied_from_id_strategy_plan'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_plan')),
    sa.UniqueConstraint('slug', name=op.f('uq_strategy_plan_slug'))
    )
    op.create_table('strategy_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_theme')),
    sa.UniqueConstraint('name', name=op.f('uq_strategy_theme_name'))
    )
    op.create_table('strategy_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('themes_text', sa.Text(), nullable=False),
    sa.Column('references_text', sa.Text(), nullable=False),
    sa.Column('measures_text', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_text', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('partners', sa.Text(), nullable=False),
    sa.Column('working_group', sa.Text(), nullable=False),
    sa.Column('expected_start_text', sa.Text(), nullable=False),
    sa.Column('expected_start_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_strategy_action_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['strategy_plan.id'], name=op.f('fk_strategy_action_plan_id_strategy_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_action')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_strategy_action_plan_id_number'))
    )
    with op.batch_alter_table('strategy_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_action_plan_id'), ['plan_id'], unique=False)

    op.create_table('strategy_checkpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('signed_off_at', booking.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('signed_off_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['strategy_plan.id'], name=op.f('fk_strategy_checkpoint_plan_id_strategy_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signed_off_by_id'], ['user_account.id'], name=op.f('fk_strategy_checkpoint_signed_off_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_checkpoint')),
    sa.UniqueConstraint('plan_id', 'due_on', name=op.f('uq_strategy_checkpoint_plan_id_due_on'))
    )
    with op.batch_alter_table('strategy_checkpoint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_checkpoint_plan_id'), ['plan_id'], unique=False)

    op.create_table('strategy_action_theme',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['strategy_action.id'], name=op.f('fk_strategy_action_theme_action_id_strategy_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['strategy_theme.id'], name=op.f('fk_strategy_action_theme_theme_id_strategy_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'theme_id', name=op.f('pk_strategy_action_theme'))
    )
    op.create_table('strategy_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('text', 'metric', 'external', name='pointkind', native_enum=False, length=32), nullable=False),
    sa.Column('metric_key', sa.String(length=64), nullable=True),
    sa.Column('scope_kind', sa.String(length=32), nullable=True),
    sa.Column('scope_value', sa.String(length=64), nullable=True),
    sa.Column('target_min', sa.Integer(), nullable=True),
    sa.Column('target_max', sa.Integer(), nullable=True),
    sa.Column('reference_label', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['strategy_action.id'], name=op.f('fk_strategy_point_action_id_strategy_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_point'))
    )
    with op.batch_alter_table('strategy_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_point_action_id'), ['action_id'], unique=False)

    op.create_table('strategy_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('checkpoint_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('not_started', 'in_progress', 'done', 'postponed', 'dropped', name='statusstate', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['strategy_action.id'], name=op.f('fk_strategy_status_action_id_strategy_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['checkpoint_id'], ['strategy_checkpoint.id'], name=op.f('fk_strategy_status_checkpoint_id_strategy_checkpoint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_strategy_status_updated_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_status')),
    sa.UniqueConstraint('action_id', 'checkpoint_id', name=op.f('uq_strategy_status_action_id_checkpoint_id'))
    )
    with op.batch_alter_table('strategy_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_status_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategy_status_checkpoint_id'), ['checkpoint_id'], unique=False)

    op.create_table('strategy_external_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('half', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user_account.id'], name=op.f('fk_strategy_external_figure_entered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['point_id'], ['strategy_point.id'], name=op.f('fk_strategy_external_figure_point_id_strategy_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_external_figure')),
    sa.UniqueConstraint('point_id', 'year', 'half', name=op.f('uq_strategy_external_figure_point_id_year_half'))
    )
    with op.batch_alter_table('strategy_external_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_external_figure_point_id'), ['point_id'], unique=False)

    op.create_table('strategy_frozen_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checkpoint_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=True),
    sa.Column('half_value', sa.Float(), nullable=True),
    sa.Column('ytd_value', sa.Float(), nullable=True),
    sa.Column('previous_half_value', sa.Float(), nullable=True),
    sa.Column('previous_ytd_value', sa.Float(), nullable=True),
    sa.Column('reference_value', sa.Float(), nullable=True),
    sa.Column('frozen_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checkpoint_id'], ['strategy_checkpoint.id'], name=op.f('fk_strategy_frozen_figure_checkpoint_id_strategy_checkpoint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['point_id'], ['strategy_point.id'], name=op.f('fk_strategy_frozen_figure_point_id_strategy_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_frozen_figure')),
    sa.UniqueConstraint('checkpoint_id', 'point_id', name=op.f('uq_strategy_frozen_figure_checkpoint_id_point_id'))
    )
    with op.batch_alter_table('strategy_frozen_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_frozen_figure_checkpoint_id'), ['checkpoint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategy_frozen_figure_point_id'), ['point_id'], unique=False)

    op.create_table('strategy_reference_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user_account.id'], name=op.f('fk_strategy_reference_figure_entered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['point_id'], ['strategy_point.id'], name=op.f('fk_strategy_reference_figure_point_id_strategy_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_reference_figure')),
    sa.UniqueConstraint('point_id', 'year', name=op.f('uq_strategy_reference_figure_point_id_year'))
    )
    with op.batch_alter_table('strategy_reference_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_reference_figure_point_id'), ['point_id'], unique=False)

    op.create_table('strategy_status_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('not_started', 'in_progress', 'done', 'postponed', 'dropped', name='statusstate', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('edited_at', booking.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['edited_by_id'], ['user_account.id'], name=op.f('fk_strategy_status_edit_edited_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['status_id'], ['strategy_status.id'], name=op.f('fk_strategy_status_edit_status_id_strategy_status'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_status_edit'))
    )
    with op.batch_alter_table('strategy_status_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_status_edit_status_id'), ['status_id'], unique=False)



def downgrade():
    # Children first; their indexes go with them.
    for table in (
        "strategy_status_edit",
        "strategy_reference_figure",
        "strategy_frozen_figure",
        "strategy_external_figure",
        "strategy_status",
        "strategy_point",
        "strategy_action_theme",
        "strategy_checkpoint",
        "strategy_action",
        "strategy_theme",
        "strategy_plan",
    ):
        op.drop_table(table)
