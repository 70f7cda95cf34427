"""member field stamps; no snapshot stamped in the future

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Members merge field by field (kiosk.server.merge): each row keeps when each field last
changed. A snapshot stored with a time in the future (a kiosk whose clock ran ahead,
before the server bounded the times it is sent) would beat every real change until
then: its time becomes the time of this upgrade.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SNAPSHOTS = ("member", "certification", "machine_state", "hours_exception", "change")


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("field_stamps", sa.Text(), nullable=True))
    now = datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC (UTCDateTime)
    for name in SNAPSHOTS:
        table = sa.table(name, sa.column("occurred_at", sa.DateTime()))
        op.execute(table.update().where(table.c.occurred_at > now).values(occurred_at=now))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.drop_column("field_stamps")
