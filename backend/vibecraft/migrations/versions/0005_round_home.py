"""One home for a generation round: typed statuses, finalized time, clip attempts.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("videos") as batch:
        batch.add_column(sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("compose_job_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("videos") as batch:
        batch.drop_column("compose_job_id")
        batch.drop_column("finalized_at")
