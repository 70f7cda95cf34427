"""sites: one server for a network of places; everything there was becomes site 1

Revision ID: 0006
Revises: 0005_workshops
Create Date: 2026-11-30
"""

# Every synced table gets ``site_id`` first in its primary key (the same machine name in
# two sites is two rows); kiosks, the change log and staff accounts name their site.
# Site 1 takes the server's defaults (``server edit-site`` renames it). On SQLite a
# primary key cannot be altered: the batch recreates those tables, data copied.

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005_workshops"
branch_labels = None
depends_on = None

# table: the columns of its primary key before this migration
SYNCED = {
    "applied_event": ["event_id"],
    "visit": ["id"],
    "member": ["id"],
    "certification": ["member_id", "tutorial"],
    "machine_state": ["machine_id"],
    "hours_exception": ["id"],
    "workshop": ["id"],
    "workshop_session": ["id"],
    "workshop_enrolment": ["id"],
    "attendance_entry": ["id"],
}


def _site_column(table: str, *, nullable: bool = False) -> None:
    """``site_id`` added with every row in site 1 (before any batch: a batch that
    recreates the table copies only the columns that were there)."""
    op.add_column(table, sa.Column("site_id", sa.Integer(), nullable=nullable, server_default="1"))


def _site_key(table: str, batch: object) -> None:
    batch.alter_column("site_id", server_default=None)  # type: ignore[attr-defined]
    batch.create_foreign_key(  # type: ignore[attr-defined]
        op.f(f"fk_{table}_site_id_site"), "site", ["site_id"], ["id"]
    )


def upgrade() -> None:
    site = op.create_table(  # the tables of every place before this one: site 1
        "site",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=4), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("badge_key", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("name", name=op.f("uq_site_name")),
        sa.UniqueConstraint("code", name=op.f("uq_site_code")),
    )
    op.execute(
        site.insert().values(
            id=1, name="Fablab", timezone="Europe/Paris", created_at=sa.func.current_timestamp()
        )
    )
    if op.get_bind().dialect.name == "postgresql":  # the next add-site is 2
        op.execute("SELECT setval(pg_get_serial_sequence('site', 'id'), 1)")

    _site_column("kiosk")
    with op.batch_alter_table("kiosk") as batch:
        _site_key("kiosk", batch)
        batch.create_index(op.f("ix_kiosk_site_id"), ["site_id"])
    _site_column("staff_account", nullable=True)
    op.add_column(
        "staff_account",
        sa.Column("network", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    with op.batch_alter_table("staff_account") as batch:
        _site_key("staff_account", batch)
        batch.alter_column("network", server_default=None)
    _site_column("change")
    with op.batch_alter_table("change") as batch:
        _site_key("change", batch)
        batch.create_index("ix_change_site_seq", ["site_id", "seq"])
    for table, key in SYNCED.items():
        _site_column(table)
        with op.batch_alter_table(table, recreate="auto") as batch:
            _site_key(table, batch)
            batch.drop_constraint(op.f(f"pk_{table}"), type_="primary")
            batch.create_primary_key(op.f(f"pk_{table}"), ["site_id", *key])
    with op.batch_alter_table("visit") as batch:
        batch.add_column(sa.Column("home_site_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_visit_home_site_id_site"), "site", ["home_site_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("visit") as batch:
        batch.drop_constraint(op.f("fk_visit_home_site_id_site"), type_="foreignkey")
        batch.drop_column("home_site_id")
    for table, key in SYNCED.items():
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_constraint(op.f(f"pk_{table}"), type_="primary")
            batch.create_primary_key(op.f(f"pk_{table}"), key)
            batch.drop_constraint(op.f(f"fk_{table}_site_id_site"), type_="foreignkey")
            batch.drop_column("site_id")
    with op.batch_alter_table("change") as batch:
        batch.drop_index("ix_change_site_seq")
        batch.drop_constraint(op.f("fk_change_site_id_site"), type_="foreignkey")
        batch.drop_column("site_id")
    with op.batch_alter_table("staff_account") as batch:
        batch.drop_column("network")
        batch.drop_constraint(op.f("fk_staff_account_site_id_site"), type_="foreignkey")
        batch.drop_column("site_id")
    with op.batch_alter_table("kiosk") as batch:
        batch.drop_index(op.f("ix_kiosk_site_id"))
        batch.drop_constraint(op.f("fk_kiosk_site_id_site"), type_="foreignkey")
        batch.drop_column("site_id")
    op.drop_table("site")
