"""network visitors: the network's places, and visits of their members

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('network_place',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_network_place'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_site', sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column('network_badge', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_visit_home_site', ['home_site'], unique=False)

    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network_problem', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.drop_column('network_problem')

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_home_site')
        batch_op.drop_column('network_badge')
        batch_op.drop_column('home_site')

    op.drop_table('network_place')
