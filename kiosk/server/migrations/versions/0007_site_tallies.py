"""site tallies: the visit tallies kept per site (each in its zone), each site's years
packed in one row, and the indexes a site's rebuild and new members read by

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

# The tallies are counts the server rebuilds from the visits: the old ones (one site,
# no site column) are dropped, and every day of every site's visits is marked, so the
# first report after the upgrade rebuilds them (kiosk.reports.site_tally).

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TALLIES = ("visit_tally_day", "visit_tally_hour", "visitor_year", "visit_tally_dirty")


def _site() -> sa.Column[int]:
    return sa.Column("site_id", sa.Integer(), nullable=False)


def upgrade() -> None:
    for name in TALLIES:
        op.drop_table(name)
    op.create_table(
        "visit_tally_day",
        _site(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dim", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "day", "dim", "value", name=op.f("pk_visit_tally_day")),
    )
    op.create_table(
        "visit_tally_hour",
        _site(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "day", "hour", name=op.f("pk_visit_tally_hour")),
    )
    op.create_table(
        "visitor_year",
        _site(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.Column("age_bracket", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "year", "visitor", name=op.f("pk_visitor_year")),
    )
    op.create_table(
        "visit_tally_dirty",
        _site(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "day", name=op.f("pk_visit_tally_dirty")),
    )
    op.create_table(
        "visit_tally_year",
        _site(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "year", name=op.f("pk_visit_tally_year")),
    )
    op.create_index("ix_visit_site_checked_in_at", "visit", ["site_id", "checked_in_at"])
    op.create_index("ix_member_site_created_at", "member", ["site_id", "created_at"])
    day = "date(checked_in_at)"
    if op.get_bind().dialect.name == "postgresql":
        day = "CAST(checked_in_at AS DATE)"
    op.execute(
        f"INSERT INTO visit_tally_dirty (site_id, day) SELECT DISTINCT site_id, {day} FROM visit"
    )


def downgrade() -> None:
    op.drop_index("ix_member_site_created_at", "member")
    op.drop_index("ix_visit_site_checked_in_at", "visit")
    op.drop_table("visit_tally_year")
    for name in TALLIES:
        op.drop_table(name)
    op.create_table(
        "visit_tally_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dim", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "dim", "value", name=op.f("pk_visit_tally_day")),
    )
    op.create_table(
        "visit_tally_hour",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "hour", name=op.f("pk_visit_tally_hour")),
    )
    op.create_table(
        "visitor_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.Column("age_bracket", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("year", "visitor", name=op.f("pk_visitor_year")),
    )
    op.create_table(
        "visit_tally_dirty",
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_visit_tally_dirty")),
    )
    day = "date(checked_in_at)"
    if op.get_bind().dialect.name == "postgresql":
        day = "CAST(checked_in_at AS DATE)"
    op.execute(f"INSERT INTO visit_tally_dirty (day) SELECT DISTINCT {day} FROM visit")
