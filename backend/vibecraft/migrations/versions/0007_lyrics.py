"""Lyrics the musician controls: pasted text, alignment jobs, lyric edits.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Timed lines, line edits, the lyrics error and the heard-vocal spans live in analyses.data (JSON);
    # the song only needs to point at its latest alignment job so the editor can follow it.
    with op.batch_alter_table("songs") as batch:
        batch.add_column(sa.Column("lyrics_job_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("songs") as batch:
        batch.drop_column("lyrics_job_id")
