"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "staff_member",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("initials", sa.String(length=12), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_member")),
    )
    op.create_table(
        "unit",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("uid", name=op.f("uq_unit_uid")),
    )
    op.create_table(
        "audit_event",
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff_member.id"], name=op.f("fk_audit_event_actor_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index("ix_audit_event_record", ["record_type", "record_id"], unique=False)

    op.create_table(
        "citizen",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("cpr", sa.String(length=11), nullable=False),
        sa.Column(
            "area",
            sa.Enum("children", "adults", name="area", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("intake_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("caseworker_name", sa.Text(), nullable=True),
        sa.Column("caseworker_contact", sa.Text(), nullable=True),
        sa.Column("acting_municipality", sa.Text(), nullable=True),
        sa.Column("paying_municipality", sa.Text(), nullable=True),
        sa.Column("diagnoses", sa.Text(), nullable=True),
        sa.Column("wishes", sa.Text(), nullable=True),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_citizen_created_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen")),
        sa.UniqueConstraint("cpr", name=op.f("uq_citizen_cpr")),
    )
    op.create_table(
        "record_version",
        sa.Column("record_type", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=True),
        sa.Column("replaced_at", sa.String(length=32), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"],
            ["staff_member.id"],
            name=op.f("fk_record_version_replaced_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["saved_by_id"], ["staff_member.id"], name=op.f("fk_record_version_saved_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_version")),
    )
    with op.batch_alter_table("record_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_record_version_record", ["record_type", "record_id", "version"], unique=False
        )

    op.create_table(
        "citizen_contact",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "contact_person",
                "guardian",
                "next_of_kin",
                "other",
                name="contact_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("relation", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_citizen_contact_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_member.id"], name=op.f("fk_citizen_contact_staff_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_contact")),
    )
    with op.batch_alter_table("citizen_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citizen_contact_citizen_id"), ["citizen_id"], unique=False)

    op.create_table(
        "diary_note",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("observed_at", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_diary_note_text_required")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_member.id"], name=op.f("fk_diary_note_author_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_diary_note_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_diary_note_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_member.id"], name=op.f("fk_diary_note_updated_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"], ["staff_member.id"], name=op.f("fk_diary_note_withdrawn_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_note")),
    )
    with op.batch_alter_table("diary_note", schema=None) as batch_op:
        batch_op.create_index("ix_diary_note_citizen_time", ["citizen_id", "observed_at"], unique=False)

    op.create_table(
        "order",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column(
            "meeting_kind",
            sa.Enum(
                "visitation",
                "annual",
                "evaluation",
                "other",
                name="meeting_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("received_date", sa.Date(), nullable=True),
        sa.Column("sender_name", sa.Text(), nullable=True),
        sa.Column("sender_organisation", sa.Text(), nullable=True),
        sa.Column("intervention_purpose", sa.Text(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=True),
        sa.Column("other_needs", sa.Text(), nullable=True),
        sa.Column("support_need_code", sa.String(length=36), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "received",
                "accepted",
                "returned",
                "replaced",
                "ended",
                name="order_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("returned_date", sa.Date(), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("replaces_order_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], name=op.f("fk_order_citizen_id_citizen")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_order_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_order_id"], ["order.id"], name=op.f("fk_order_replaces_order_id_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order")),
    )
    with op.batch_alter_table("order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_external_id"), ["external_id"], unique=False)

    op.create_table(
        "use_of_force",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "indberetning",
                "tilladelse",
                name="use_of_force_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reported_to", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_use_of_force_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_use_of_force_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_member.id"], name=op.f("fk_use_of_force_updated_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_use_of_force_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_use_of_force")),
    )
    with op.batch_alter_table("use_of_force", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_use_of_force_citizen_id"), ["citizen_id"], unique=False)

    op.create_table(
        "diary_tag",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("catalog", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["diary_note.id"], name=op.f("fk_diary_tag_note_id_diary_note")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_tag")),
    )
    with op.batch_alter_table("diary_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_diary_tag_note_id"), ["note_id"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column(
            "form",
            sa.Enum(
                "meeting",
                "phone",
                "written",
                name="follow_up_form",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("invitation_date", sa.Date(), nullable=True),
        sa.Column("report_sent_date", sa.Date(), nullable=True),
        sa.Column("caseworker_name", sa.Text(), nullable=True),
        sa.Column("support_need_code", sa.String(length=36), nullable=True),
        sa.Column("intervention_status_code", sa.String(length=36), nullable=True),
        sa.Column("agreements", sa.Text(), nullable=True),
        sa.Column("agenda_points", sa.Text(), nullable=True),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], name=op.f("fk_follow_up_citizen_id_citizen")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_follow_up_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], name=op.f("fk_follow_up_order_id_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_order_id"), ["order_id"], unique=False)

    op.create_table(
        "intervention_goal",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("domain_catalog", sa.String(length=32), nullable=False),
        sa.Column("domain_code", sa.String(length=64), nullable=False),
        sa.Column("goal_type_code", sa.String(length=64), nullable=True),
        sa.Column("baseline", sa.SmallInteger(), nullable=True),
        sa.Column("target", sa.SmallInteger(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("follow_up_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("related_themes", sa.JSON(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "baseline IS NULL OR baseline BETWEEN -1 AND 4", name=op.f("ck_intervention_goal_baseline_score")
        ),
        sa.CheckConstraint(
            "target IS NULL OR target BETWEEN -1 AND 4", name=op.f("ck_intervention_goal_target_score")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_intervention_goal_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_intervention_goal_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], name=op.f("fk_intervention_goal_order_id_order")),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["staff_member.id"],
            name=op.f("fk_intervention_goal_responsible_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intervention_goal")),
    )
    with op.batch_alter_table("intervention_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intervention_goal_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_intervention_goal_order_id"), ["order_id"], unique=False)

    op.create_table(
        "order_service",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=36), nullable=True),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], name=op.f("fk_order_service_order_id_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_service")),
    )
    with op.batch_alter_table("order_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_service_order_id"), ["order_id"], unique=False)

    op.create_table(
        "plan",
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "active",
                "ended",
                name="plan_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("background", sa.Text(), nullable=True),
        sa.Column("purpose_unit_addition", sa.Text(), nullable=True),
        sa.Column("purpose_citizen_addition", sa.Text(), nullable=True),
        sa.Column("presentation", sa.Text(), nullable=True),
        sa.Column("earlier_interventions", sa.Text(), nullable=True),
        sa.Column("use_of_force_prevention", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], name=op.f("fk_plan_citizen_id_citizen")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_plan_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], name=op.f("fk_plan_order_id_order")),
        sa.ForeignKeyConstraint(
            ["responsible_id"], ["staff_member.id"], name=op.f("fk_plan_responsible_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_order_id"), ["order_id"], unique=False)

    op.create_table(
        "follow_up_assessment",
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "citizen",
                "provider",
                "caseworker",
                name="assessment_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source_code", sa.String(length=36), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("agrees_with_status", sa.Boolean(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "score IS NULL OR score BETWEEN -1 AND 4", name=op.f("ck_follow_up_assessment_score")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_follow_up_assessment_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_follow_up_assessment_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_id"], ["follow_up.id"], name=op.f("fk_follow_up_assessment_follow_up_id_follow_up")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["intervention_goal.id"],
            name=op.f("fk_follow_up_assessment_goal_id_intervention_goal"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
            name=op.f("fk_follow_up_assessment_updated_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_follow_up_assessment_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_assessment")),
    )
    with op.batch_alter_table("follow_up_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_assessment_follow_up_id"), ["follow_up_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_follow_up_assessment_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(
            "uq_follow_up_assessment_live",
            ["follow_up_id", "goal_id", "role"],
            unique=True,
            sqlite_where=sa.text("withdrawn_at IS NULL"),
        )

    op.create_table(
        "goal_status",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source_code", sa.String(length=36), nullable=True),
        sa.Column("citizen_score", sa.SmallInteger(), nullable=True),
        sa.Column("citizen_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "citizen_score IS NULL OR citizen_score BETWEEN -1 AND 4",
            name=op.f("ck_goal_status_citizen_score"),
        ),
        sa.CheckConstraint("period >= 1", name=op.f("ck_goal_status_period_positive")),
        sa.CheckConstraint("score IS NULL OR score BETWEEN -1 AND 4", name=op.f("ck_goal_status_score")),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_goal_status_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_goal_status_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["intervention_goal.id"], name=op.f("fk_goal_status_goal_id_intervention_goal")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_member.id"], name=op.f("fk_goal_status_updated_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"], ["staff_member.id"], name=op.f("fk_goal_status_withdrawn_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_status")),
    )
    with op.batch_alter_table("goal_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_status_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_status_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(
            "uq_goal_status_live_period",
            ["goal_id", "period"],
            unique=True,
            sqlite_where=sa.text("withdrawn_at IS NULL"),
        )

    op.create_table(
        "plan_context",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("context_code", sa.String(length=64), nullable=False),
        sa.Column("resources_and_challenges", sa.Text(), nullable=True),
        sa.Column("support_need", sa.Text(), nullable=True),
        sa.Column("goals_and_sub_goals", sa.Text(), nullable=True),
        sa.Column("evaluation", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_context_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_context")),
        sa.UniqueConstraint("plan_id", "context_code", name=op.f("uq_plan_context_plan_id")),
    )
    with op.batch_alter_table("plan_context", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_context_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "sub_goal",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("method", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "active",
                "achieved",
                "paused",
                "ended",
                name="sub_goal_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], name=op.f("fk_sub_goal_citizen_id_citizen")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_sub_goal_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["intervention_goal.id"], name=op.f("fk_sub_goal_goal_id_intervention_goal")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"], ["staff_member.id"], name=op.f("fk_sub_goal_responsible_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sub_goal")),
    )
    with op.batch_alter_table("sub_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sub_goal_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sub_goal_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "journal_note",
        sa.Column("sub_goal_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("observed_at", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_journal_note_text_required")),
        sa.CheckConstraint("score IS NULL OR score BETWEEN -1 AND 4", name=op.f("ck_journal_note_score")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_member.id"], name=op.f("fk_journal_note_author_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_journal_note_citizen_id_citizen")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_journal_note_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["sub_goal_id"], ["sub_goal.id"], name=op.f("fk_journal_note_sub_goal_id_sub_goal")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_member.id"], name=op.f("fk_journal_note_updated_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_journal_note_withdrawn_by_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_note")),
    )
    with op.batch_alter_table("journal_note", schema=None) as batch_op:
        batch_op.create_index("ix_journal_note_citizen_time", ["citizen_id", "observed_at"], unique=False)
        batch_op.create_index("ix_journal_note_sub_goal_time", ["sub_goal_id", "observed_at"], unique=False)

    op.create_table(
        "sub_goal_evaluation",
        sa.Column("sub_goal_id", sa.Integer(), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_sub_goal_evaluation_created_by_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["sub_goal_id"], ["sub_goal.id"], name=op.f("fk_sub_goal_evaluation_sub_goal_id_sub_goal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sub_goal_evaluation")),
    )
    with op.batch_alter_table("sub_goal_evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sub_goal_evaluation_sub_goal_id"), ["sub_goal_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("sub_goal_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sub_goal_evaluation_sub_goal_id"))

    op.drop_table("sub_goal_evaluation")
    with op.batch_alter_table("journal_note", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_note_sub_goal_time")
        batch_op.drop_index("ix_journal_note_citizen_time")

    op.drop_table("journal_note")
    with op.batch_alter_table("sub_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sub_goal_goal_id"))
        batch_op.drop_index(batch_op.f("ix_sub_goal_citizen_id"))

    op.drop_table("sub_goal")
    with op.batch_alter_table("plan_context", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_context_plan_id"))

    op.drop_table("plan_context")
    with op.batch_alter_table("goal_status", schema=None) as batch_op:
        batch_op.drop_index("uq_goal_status_live_period", sqlite_where=sa.text("withdrawn_at IS NULL"))
        batch_op.drop_index(batch_op.f("ix_goal_status_goal_id"))
        batch_op.drop_index(batch_op.f("ix_goal_status_citizen_id"))

    op.drop_table("goal_status")
    with op.batch_alter_table("follow_up_assessment", schema=None) as batch_op:
        batch_op.drop_index("uq_follow_up_assessment_live", sqlite_where=sa.text("withdrawn_at IS NULL"))
        batch_op.drop_index(batch_op.f("ix_follow_up_assessment_goal_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_assessment_follow_up_id"))

    op.drop_table("follow_up_assessment")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_order_id"))
        batch_op.drop_index(batch_op.f("ix_plan_citizen_id"))

    op.drop_table("plan")
    with op.batch_alter_table("order_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_service_order_id"))

    op.drop_table("order_service")
    with op.batch_alter_table("intervention_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intervention_goal_order_id"))
        batch_op.drop_index(batch_op.f("ix_intervention_goal_citizen_id"))

    op.drop_table("intervention_goal")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_order_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_citizen_id"))

    op.drop_table("follow_up")
    with op.batch_alter_table("diary_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_diary_tag_note_id"))

    op.drop_table("diary_tag")
    with op.batch_alter_table("use_of_force", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_use_of_force_citizen_id"))

    op.drop_table("use_of_force")
    with op.batch_alter_table("order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_external_id"))
        batch_op.drop_index(batch_op.f("ix_order_citizen_id"))

    op.drop_table("order")
    with op.batch_alter_table("diary_note", schema=None) as batch_op:
        batch_op.drop_index("ix_diary_note_citizen_time")

    op.drop_table("diary_note")
    with op.batch_alter_table("citizen_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citizen_contact_citizen_id"))

    op.drop_table("citizen_contact")
    with op.batch_alter_table("record_version", schema=None) as batch_op:
        batch_op.drop_index("ix_record_version_record")

    op.drop_table("record_version")
    op.drop_table("citizen")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_record")
        batch_op.drop_index(batch_op.f("ix_audit_event_citizen_id"))

    op.drop_table("audit_event")
    op.drop_table("unit")
    op.drop_table("staff_member")
