"""workshops: workshops, their sessions, enrolments and the attendance trail from kiosks

Revision ID: 0005_workshops
Revises: 0004
Create Date: 2026-11-29
"""

# The columns of kiosk/server/workshops/tables.py. No foreign keys between them: a
# kiosk's session may arrive before its workshop, an entry before its session.

import sqlalchemy as sa
from alembic import op

revision = "0005_workshops"
down_revision = "0004"
branch_labels = None
depends_on = None


def _synced(table: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("field_stamps", sa.Text(), nullable=True),
        sa.Column("origin_kiosk_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_kiosk_id"], ["kiosk.id"], name=op.f(f"fk_{table}_origin_kiosk_id_kiosk")
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "workshop",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title_fr", sa.String(length=120), nullable=False),
        sa.Column("title_en", sa.String(length=120), nullable=False),
        sa.Column("space", sa.String(length=40), nullable=False),
        sa.Column("trainers", sa.String(length=200), nullable=False),
        sa.Column("tutorials", sa.Text(), nullable=False),
        sa.Column("funder", sa.String(length=120), nullable=True),
        sa.Column("funding_mention", sa.String(length=400), nullable=True),
        sa.Column("retention", sa.String(length=8), nullable=False),
        sa.Column("last_payment_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        *_synced("workshop"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop")),
    )
    op.create_table(
        "workshop_session",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("space", sa.String(length=40), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=80), nullable=True),
        sa.Column("seal", sa.String(length=64), nullable=True),
        sa.Column("signatures_purged_at", sa.DateTime(), nullable=True),
        *_synced("workshop_session"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_session")),
    )
    op.create_index(op.f("ix_workshop_session_workshop_id"), "workshop_session", ["workshop_id"])
    op.create_table(
        "workshop_enrolment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("age_bracket", sa.String(length=8), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        *_synced("workshop_enrolment"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_enrolment")),
    )
    op.create_index(
        op.f("ix_workshop_enrolment_workshop_id"), "workshop_enrolment", ["workshop_id"]
    )
    op.create_index(op.f("ix_workshop_enrolment_member_id"), "workshop_enrolment", ["member_id"])
    op.create_table(
        "attendance_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("half", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("trainer", sa.String(length=80), nullable=True),
        sa.Column("mark", sa.String(length=12), nullable=False),
        sa.Column("strokes", sa.Text(), nullable=True),
        sa.Column("strokes_sha256", sa.String(length=64), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("countersigned_by", sa.String(length=80), nullable=True),
        sa.Column("late_allowed_by", sa.String(length=80), nullable=True),
        sa.Column("identity", sa.String(length=80), nullable=False),
        sa.Column("kiosk_id", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("origin_kiosk_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_kiosk_id"],
            ["kiosk.id"],
            name=op.f("fk_attendance_entry_origin_kiosk_id_kiosk"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_entry")),
    )
    op.create_index(
        "ix_attendance_entry_session", "attendance_entry", ["session_id", "recorded_at"]
    )
    op.create_index(op.f("ix_attendance_entry_member_id"), "attendance_entry", ["member_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_attendance_entry_member_id"), table_name="attendance_entry")
    op.drop_index("ix_attendance_entry_session", table_name="attendance_entry")
    op.drop_table("attendance_entry")
    op.drop_index(op.f("ix_workshop_enrolment_member_id"), table_name="workshop_enrolment")
    op.drop_index(op.f("ix_workshop_enrolment_workshop_id"), table_name="workshop_enrolment")
    op.drop_table("workshop_enrolment")
    op.drop_index(op.f("ix_workshop_session_workshop_id"), table_name="workshop_session")
    op.drop_table("workshop_session")
    op.drop_table("workshop")
