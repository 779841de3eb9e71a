"""statements: an optional link to the open community a statement is about

Revision ID: 0012
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("community_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_statement_community_id_community"), "community", ["community_id"], ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_statement_community_id"), ["community_id"], unique=False)


def downgrade():
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_community_id"))
        batch_op.drop_constraint(batch_op.f("fk_statement_community_id_community"), type_="foreignkey")
        batch_op.drop_column("community_id")
