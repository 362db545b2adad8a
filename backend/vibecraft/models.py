"""Database tables (SQLModel). The schema itself is created only by Alembic migrations."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from vibecraft.analysis_result import AnalysisResult
from vibecraft.statuses import ClipStatus, JobKind, JobStatus, RoundStage, SongStatus, VideoStatus

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(sa.TypeDecorator):
    """A timezone-aware timestamp on every database: SQLite keeps no zone, so values read back are marked UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001, ANN201
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value

    def process_result_value(self, value, dialect):  # noqa: ANN001, ANN201
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def json_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=sa.Column(JSONType, nullable=nullable))


def timestamp(**kw: Any) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


def fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Any:
    return Field(
        default=None if nullable else ...,
        sa_column=sa.Column(sa.Uuid(), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True),
    )


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=320, sa_column_kwargs={"unique": True}, index=True)
    hashed_password: str
    password_changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # sessions from before it end
    storage_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    created_at: datetime = timestamp()


class Song(SQLModel, table=True):
    __tablename__ = "songs"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = fk("users.id")
    title: str = Field(max_length=200)
    original_filename: str = Field(max_length=255)
    format: str = Field(max_length=16)
    duration_sec: float
    file_size_bytes: int = Field(sa_type=sa.BigInteger)
    storage_key: str = Field(max_length=512)
    status: SongStatus = Field(default=SongStatus.UPLOADED, sa_type=sa.String(32))
    analysis_job_id: uuid.UUID | None = None
    video_type: str | None = Field(default=None, max_length=40)
    shape: str = Field(default="16:9", max_length=8)
    prompt: str | None = Field(default=None, sa_type=sa.Text)
    user_lyrics: str | None = Field(default=None, sa_type=sa.Text)
    lyrics_job_id: uuid.UUID | None = None  # the latest lyrics-only alignment Job
    locked: bool = False  # generation has started: sections and prompt are fixed
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class Analysis(SQLModel, table=True):
    __tablename__ = "analyses"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    song_id: uuid.UUID = Field(
        sa_column=sa.Column(sa.Uuid(), sa.ForeignKey("songs.id", ondelete="CASCADE"), unique=True, nullable=False)
    )
    bpm: float
    genre: str = Field(max_length=64)
    mood_primary: str = Field(max_length=64)
    lyrics_available: bool = False
    suggested_video_type: str = Field(max_length=40)
    data: dict | None = json_column(nullable=False)  # the whole analysis, API field names
    # The musician's corrections and what they replaced: {"grid": ..., "detected_grid": ..., "tags": ..., "detected_tags": ...}
    corrections: dict | None = json_column()
    created_at: datetime = timestamp()

    @property
    def result(self) -> AnalysisResult:
        """The stored analysis, typed (read-only: services/analysis.store_result writes it)."""
        return AnalysisResult.from_stored(self.data)


class Section(SQLModel, table=True):
    __tablename__ = "sections"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    song_id: uuid.UUID = fk("songs.id")
    index: int
    label: str = Field(max_length=40)
    start_time: float
    end_time: float
    prompt_note: str = Field(default="", max_length=100)
    regenerations_used: int = 0


class Clip(SQLModel, table=True):
    __tablename__ = "clips"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    song_id: uuid.UUID = fk("songs.id")
    section_id: uuid.UUID = fk("sections.id")
    clip_index: int
    start_time: float
    end_time: float
    frame_count: int
    prompt: str = Field(sa_type=sa.Text)
    status: ClipStatus = Field(default=ClipStatus.PLANNED, sa_type=sa.String(16))
    error_message: str | None = Field(default=None, sa_type=sa.Text)
    seed: int = Field(default=0, sa_type=sa.BigInteger)
    regeneration_count: int = 0
    raw_key: str | None = Field(default=None, max_length=512)
    normalized_key: str | None = Field(default=None, max_length=512)
    file_size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    version: int = 0  # bumped on every (re)generation, so file keys change
    round_id: uuid.UUID | None = None  # the generation round (tracking Job) that last took this clip
    look_note: str = Field(default="", max_length=200)  # the note given when the clip was last regenerated

    @property
    def round_done(self) -> bool:
        return self.status in (ClipStatus.COMPLETED, ClipStatus.FAILED)
    updated_at: datetime = timestamp()


class MediaItem(SQLModel, table=True):
    """A photo or video clip of the musician's, on a song's media shelf; placed in a section or by the planner."""

    __tablename__ = "media_items"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = fk("users.id")
    song_id: uuid.UUID = fk("songs.id")
    section_id: uuid.UUID | None = fk("sections.id", nullable=True, ondelete="SET NULL")  # None: the planner places it
    kind: str = Field(max_length=8)  # photo | video
    original_filename: str = Field(max_length=255)
    format: str = Field(max_length=16)
    storage_key: str = Field(max_length=512)
    file_size_bytes: int = Field(sa_type=sa.BigInteger)
    width: int
    height: int
    duration_sec: float | None = None
    position: int = 0  # order on the shelf
    created_at: datetime = timestamp()


class Video(SQLModel, table=True):
    __tablename__ = "videos"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = fk("users.id")
    song_id: uuid.UUID = fk("songs.id")
    title: str = Field(max_length=200)
    status: VideoStatus = Field(default=VideoStatus.GENERATING, sa_type=sa.String(16))
    storage_key: str | None = Field(default=None, max_length=512)
    poster_key: str | None = Field(default=None, max_length=512)
    duration_sec: float | None = None
    file_size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    poster_size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    width: int = 1920
    height: int = 1080
    shape: str = Field(default="16:9", max_length=8)
    fps: int = 24
    is_finalized: bool = False
    finalized_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    progress: int = 0  # of the current generation round; never goes backwards within it
    stage: RoundStage = Field(default=RoundStage.GENERATING, sa_type=sa.String(32))
    error_message: str | None = Field(default=None, sa_type=sa.Text)
    round_job_id: uuid.UUID | None = None  # the Job that tracks the current generation round
    compose_job_id: uuid.UUID | None = None  # the latest composition's Job (automatic or asked for)
    version: int = 0  # bumped on every composition, so file keys and URLs change
    share_token: str | None = Field(default=None, max_length=64, sa_column_kwargs={"unique": True}, index=True)  # None: not shared
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class Job(SQLModel, table=True):
    __tablename__ = "jobs"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = fk("users.id")
    song_id: uuid.UUID | None = fk("songs.id", nullable=True)
    kind: JobKind = Field(sa_type=sa.String(64))  # the task it runs, or the round it tracks
    target_id: uuid.UUID | None = None  # the clip, section or video the job works on
    status: JobStatus = Field(default=JobStatus.QUEUED, sa_type=sa.String(16))
    progress: int = 0
    stage: str = Field(default="queued", max_length=64)
    error_message: str | None = Field(default=None, sa_type=sa.Text)
    attempts: int = 0
    heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class RevokedToken(SQLModel, table=True):
    __tablename__ = "revoked_tokens"
    jti: str = Field(primary_key=True, max_length=64)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


class RateCounter(SQLModel, table=True):
    """One rate limit's state under a key such as "upload:<user id>", changed only by single atomic upserts
    (services/rate_limits.py), so every API process sees the same count. Times are epoch milliseconds."""

    __tablename__ = "rate_counters"
    key: str = Field(primary_key=True, max_length=400)
    window_start_ms: int = Field(default=0, sa_type=sa.BigInteger)
    count: int = 0
    blocked_until_ms: int = Field(default=0, sa_type=sa.BigInteger)
    last_grant: str = Field(default="", max_length=32)  # the id of the last call let through


class ClipAttempt(SQLModel, table=True):
    """One billed provider call for one version of a clip: its prediction id is stored right after the create,
    so a job that runs again follows that prediction instead of paying for another (services/clip_attempts.py)."""

    __tablename__ = "clip_attempts"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    clip_id: uuid.UUID = fk("clips.id")
    clip_version: int
    provider: str = Field(max_length=32)
    model: str = Field(max_length=120)
    prediction_id: str | None = Field(default=None, max_length=64, index=True)
    # creating (sent, id not yet known), created, succeeded, stored, failed, canceled, expired
    state: str = Field(default="creating", max_length=16)
    model_input: dict | None = json_column()
    error: str | None = Field(default=None, sa_type=sa.Text)
    sent_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class PasswordResetToken(SQLModel, table=True):
    """A one-time password reset link: only its SHA-256 is kept, it expires, and it works once."""

    __tablename__ = "password_reset_tokens"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = fk("users.id")
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = timestamp()
