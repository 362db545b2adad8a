"""The musician's words and media: section looks, a media shelf of photos and footage.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clips") as batch:
        batch.add_column(sa.Column("look_note", sa.String(length=200), nullable=False, server_default=""))
    op.create_table(
        "media_items",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("song_id", sa.Uuid(), sa.ForeignKey("songs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section_id", sa.Uuid(), sa.ForeignKey("sections.id", ondelete="SET NULL"), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("storage_key", sa.String(length=512), nullable=False),
        sa.Column("file_size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("duration_sec", sa.Float(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("user_id", "song_id", "section_id"):
        op.create_index(f"ix_media_items_{column}", "media_items", [column])


def downgrade() -> None:
    for column in ("section_id", "song_id", "user_id"):
        op.drop_index(f"ix_media_items_{column}", table_name="media_items")
    op.drop_table("media_items")
    with op.batch_alter_table("clips") as batch:
        batch.drop_column("look_note")
