"""Safe defaults: share tokens that can be turned off (NULL) and renewed, one atomic rate limiter.

`rate_counters` (one row per limit key, changed by single upserts) replaces the append-only
`login_failures` and `rate_events`, whose read-then-write counting let parallel requests through.

Revision ID: 0004
Revises: 0003
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("window_start_ms", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("blocked_until_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_grant", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_index("ix_login_failures_key")
        batch.drop_index("ix_login_failures_created_at")
    op.drop_table("login_failures")
    op.drop_index("ix_rate_events_created_at", table_name="rate_events")
    op.drop_index("ix_rate_events_key", table_name="rate_events")
    op.drop_table("rate_events")
    with op.batch_alter_table("videos") as batch:
        batch.alter_column("share_token", existing_type=sa.String(length=64), nullable=True)


def downgrade() -> None:
    videos = sa.table("videos", sa.column("id", sa.Uuid()), sa.column("share_token", sa.String(64)))
    conn = op.get_bind()
    for (video_id,) in conn.execute(sa.select(videos.c.id).where(videos.c.share_token.is_(None))).all():
        conn.execute(sa.update(videos).where(videos.c.id == video_id).values(share_token=secrets.token_urlsafe(24)))
    with op.batch_alter_table("videos") as batch:
        batch.alter_column("share_token", existing_type=sa.String(length=64), nullable=False)
    op.create_table(
        "rate_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_rate_events_key", "rate_events", ["key"])
    op.create_index("ix_rate_events_created_at", "rate_events", ["created_at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("login_failures") as batch:
        batch.create_index("ix_login_failures_created_at", ["created_at"], unique=False)
        batch.create_index("ix_login_failures_key", ["key"], unique=False)
    op.drop_table("rate_counters")
