"""Every status and job kind the product records, named once.

The models store them as plain strings (so a new value needs no database migration), the schemas give them to
the OpenAPI schema as enums, the web app's types are generated from that, and docs/api.md lists the same values.
"""

from __future__ import annotations

from enum import StrEnum


class SongStatus(StrEnum):
    UPLOADED = "uploaded"
    ANALYZING = "analyzing"
    ANALYZED = "analyzed"
    ANALYSIS_FAILED = "analysis_failed"


class JobStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


class JobKind(StrEnum):
    """What a job does. The first four run on a worker; the last three only track a generation round."""

    ANALYZE_SONG = "analyze_song"
    ALIGN_LYRICS = "align_lyrics"
    GENERATE_CLIP = "generate_clip"
    COMPOSE_VIDEO = "compose_video"
    GENERATE_VIDEO = "generate_video"
    REGENERATE_CLIP = "regenerate_clip"
    REGENERATE_SECTION = "regenerate_section"


ROUND_KINDS = frozenset({JobKind.GENERATE_VIDEO, JobKind.REGENERATE_CLIP, JobKind.REGENERATE_SECTION})


class ClipStatus(StrEnum):
    PLANNED = "planned"
    GENERATING = "generating"
    COMPLETED = "completed"
    FAILED = "failed"


class VideoStatus(StrEnum):
    """Whether the video has a composed file: generating until its first composition, then ready (or failed)."""

    GENERATING = "generating"
    READY = "ready"
    FAILED = "failed"


class RoundStage(StrEnum):
    """Where the video's current generation round is (Video.stage)."""

    GENERATING = "generating"
    COMPOSING = "composing"
    READY = "ready"
    FAILED = "failed"


class GenerationStage(StrEnum):
    """The stage GET /generation/status reports: idle before any round, completed once a round composed its video."""

    IDLE = "idle"
    GENERATING = "generating"
    COMPOSING = "composing"
    COMPLETED = "completed"
    FAILED = "failed"
