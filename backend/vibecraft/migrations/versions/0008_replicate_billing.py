"""Billing-safe provider calls: prediction ids stored on each clip attempt.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clip_attempts",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("clip_id", sa.Uuid(), sa.ForeignKey("clips.id", ondelete="CASCADE"), nullable=False),
        sa.Column("clip_version", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("prediction_id", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("model_input", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clip_attempts_clip_id", "clip_attempts", ["clip_id"])
    op.create_index("ix_clip_attempts_prediction_id", "clip_attempts", ["prediction_id"])


def downgrade() -> None:
    op.drop_index("ix_clip_attempts_prediction_id", table_name="clip_attempts")
    op.drop_index("ix_clip_attempts_clip_id", table_name="clip_attempts")
    op.drop_table("clip_attempts")
