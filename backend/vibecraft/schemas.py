"""Request and response bodies of the HTTP API (see docs/api.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vibecraft.statuses import ClipStatus, GenerationStage, JobKind, JobStatus, SongStatus, VideoStatus


class Credentials(BaseModel):
    email: str = Field(max_length=320, examples=["musician@example.com"])
    password: str = Field(max_length=1024)


class LimitUse(BaseModel):
    """One rate limit as it stands: attempts counted in the current window, and when the window starts again."""

    used: int
    limit: int
    window_sec: int
    resets_in_sec: int


class Usage(BaseModel):
    videos: int
    videos_limit: int
    storage_bytes: int
    storage_limit_bytes: int
    uploads: LimitUse
    reanalyses: LimitUse
    generation_rounds: LimitUse


class UserOut(BaseModel):
    id: uuid.UUID
    email: str
    created_at: datetime
    usage: Usage


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    user: UserOut


class SongOut(BaseModel):
    id: uuid.UUID
    title: str
    original_filename: str
    format: str
    duration_sec: float
    file_size_bytes: int
    created_at: datetime
    status: SongStatus
    analysis_job_id: uuid.UUID | None
    audio_url: str
    video_type: str | None
    shape: str
    prompt: str | None
    has_user_lyrics: bool
    locked: bool


class LyricsIn(BaseModel):
    text: str = Field(min_length=1, max_length=20000)


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: JobKind
    status: JobStatus
    progress: int
    stage: str
    error_message: str | None
    song_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class HealthOut(BaseModel):
    status: str
    database: str
    queue: str
    storage: str


class LyricWord(BaseModel):
    start: float
    end: float
    word: str


class LyricLine(BaseModel):
    start: float
    end: float
    text: str
    words: list[LyricWord] = []


class GenreScore(BaseModel):
    label: str
    score: float


class SuggestedSection(BaseModel):
    label: str
    start_time: float
    end_time: float


class GridCorrectionIn(BaseModel):
    """A correction of the detected beat grid; every field is relative to the detection, so {} restores it."""

    model_config = ConfigDict(extra="forbid")
    tempo_factor: float = Field(default=1.0, description="0.5 half time, 1 as detected, 2 double time")
    bpm: float | None = Field(default=None, description="A tempo set by hand (tap tempo), 40–240 BPM")
    tap_times: list[float] | None = Field(default=None, max_length=64, description="Tap times in seconds; sets bpm")
    bar_shift: int = Field(default=0, ge=0, le=3, description="Move the bar start this many beats later")
    time_signature: int | None = Field(default=None, description="3 or 4; none keeps the detected metre")


class DetectedGrid(BaseModel):
    bpm: float
    bpm_alternatives: list[float] = []
    time_signature: int
    beat_count: int
    downbeat_count: int


class DetectedTags(BaseModel):
    genre: str
    mood_primary: str


class BeatGridOut(BaseModel):
    bpm: float
    bpm_alternatives: list[float]
    beat_times: list[float]
    downbeat_times: list[float]
    time_signature: int
    correction: GridCorrectionIn
    detected_grid: DetectedGrid
    sections_moved: int = Field(description="How many section edges moved onto the new grid")
    clips_replanned: bool = Field(description="Whether a clip plan existed and was planned again on the new grid")


class TagsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    genre: str | None = None
    mood: str | None = None


class TagsOut(BaseModel):
    genre: str
    mood_primary: str
    mood_tags: list[str]
    suggested_video_type: str
    suggested_video_type_reason: str
    detected_tags: DetectedTags | None
    genre_options: list[str]
    mood_options: list[str]
    clips_replanned: bool = False


class AnalysisOut(BaseModel):
    song_id: uuid.UUID
    duration_sec: float
    bpm: float
    bpm_alternatives: list[float] = []
    beat_confidence: float = 0.0
    beat_times: list[float]
    downbeat_times: list[float]
    time_signature: int = 4
    genre: str
    genre_scores: list[GenreScore] = []
    mood_primary: str
    mood_tags: list[str] = []
    mood_vector: dict[str, float] = {}
    lyrics_available: bool
    lyrics_source: str = Field(default="none", description='"aligned" (the pasted words, timed), "transcribed" '
                               '(as heard: may be wrong) or "none"')
    lyrics_error: str | None = Field(default=None, description="Why there are no lyrics, when timing them failed.")
    lyrics: list[LyricLine] = []
    suggested_video_type: str
    suggested_video_type_reason: str = ""
    suggested_sections: list[SuggestedSection] = []
    waveform: list[float] = []
    tempo_confidence: float | None = Field(default=None, description="How sure the tempo octave is, 0–1; when low the "
                                           "editor suggests bpm_alternatives. None for analyses made before it existed.")
    detected_grid: DetectedGrid | None = Field(default=None, description="The grid as detected, when it was corrected.")
    grid_correction: GridCorrectionIn | None = None
    detected_tags: DetectedTags | None = Field(default=None, description="Genre and mood as detected, when corrected.")


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VideoTypeOut(BaseModel):
    id: str
    label: str


class PromptOut(BaseModel):
    video_type: str
    video_types: list[VideoTypeOut]
    suggested_video_type: str | None
    suggested_video_type_reason: str | None
    shape: str
    shapes: list[str]
    prompt: str
    editable: bool


class PromptIn(StrictBody):
    video_type: str | None = None
    prompt: str | None = Field(default=None, min_length=1, max_length=1000)
    shape: str | None = None


class SectionIn(StrictBody):
    label: str
    start_time: float
    end_time: float
    prompt_note: str = ""


class SectionsIn(StrictBody):
    sections: list[SectionIn]


class SectionPatch(StrictBody):
    label: str | None = None
    prompt_note: str | None = None

    @field_validator("label")
    @classmethod
    def _label_length(cls, v: str | None) -> str | None:
        if v is not None and not 1 <= len(v.strip()) <= 40:
            raise ValueError("label must be 1–40 characters")
        return v.strip() if v is not None else v

    @field_validator("prompt_note")
    @classmethod
    def _note_length(cls, v: str | None) -> str | None:
        if v is not None and len(v.strip()) > 100:
            raise ValueError("prompt note must be at most 100 characters")
        return v.strip() if v is not None else v


class SectionOut(BaseModel):
    id: uuid.UUID
    song_id: uuid.UUID
    index: int
    label: str
    start_time: float
    end_time: float
    prompt_note: str
    lyrics: list[LyricLine] = []


class ClipOut(BaseModel):
    id: uuid.UUID
    song_id: uuid.UUID
    section_id: uuid.UUID
    clip_index: int
    start_time: float
    end_time: float
    frame_count: int
    prompt: str
    status: ClipStatus
    error_message: str | None
    regeneration_count: int
    seed: int
    video_url: str | None = None


class EstimateOut(BaseModel):
    clip_count: int
    total_seconds: float
    estimated_cost_usd: float
    estimated_seconds: float
    provider: str
    estimated_seconds_low: float | None = None  # the likely wait as a range, from this machine's recent rounds
    estimated_seconds_high: float | None = None
    measured_rounds: int = 0  # how many finished generations the range comes from (0: the provider's guess)
    provider_label: str = ""  # "on this computer", "Replicate: seedance-1-lite"


class GenerationStatusOut(BaseModel):
    progress: int
    stage: GenerationStage
    clips_total: int
    clips_completed: int
    clips_failed: int
    video_id: uuid.UUID | None
    compose_job_id: uuid.UUID | None = Field(
        description="The latest composition's job (GET /api/songs/{id}/compose/{job_id}/status): the automatic one "
                    "that follows generation, or one asked for with POST /compose.")
    error: str | None


class ComposeResultOut(BaseModel):
    video_id: uuid.UUID
    video_url: str
    duration_sec: float
    file_size_bytes: int


class RegenerationsLeft(BaseModel):
    clips: dict[str, int]
    sections: dict[str, int]


class VideoOut(BaseModel):
    id: uuid.UUID
    song_id: uuid.UUID
    title: str
    status: VideoStatus
    video_url: str | None
    download_url: str | None = None  # the same file, saved as "<song title>-v<version>.mp4"
    poster_url: str | None
    duration_sec: float | None
    file_size_bytes: int
    width: int
    height: int
    shape: str
    fps: int
    is_finalized: bool
    finalized_at: datetime | None = None
    shareable_url: str | None  # None while the share link is turned off
    created_at: datetime
    updated_at: datetime
    regenerations_left: RegenerationsLeft | None = None
    sections: list[SectionOut] | None = None
    clips: list[ClipOut] | None = None


class ShareOut(BaseModel):
    title: str
    video_url: str
    poster_url: str | None
    duration_sec: float | None
    width: int
    height: int
