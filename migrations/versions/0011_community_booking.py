"""the booking series that holds a community's room

Revision ID: 0011
Revises: 0005
Create Date: 2026-11-25 17:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booking_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_community_booking_id'), ['booking_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_community_booking_id_booking'), 'booking', ['booking_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_community_booking_id_booking'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_community_booking_id'))
        batch_op.drop_column('booking_id')
