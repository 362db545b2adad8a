"""Generation time estimates from what this installation actually measured: recent whole-video rounds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from vibecraft.config import Settings
from vibecraft.models import Job, Song
from vibecraft.providers.replicate_models import asked_resolution
from vibecraft.statuses import JobKind, JobStatus

RECENT_ROUNDS = 8
# Without measurements the provider's own guess is widened, because it has never been checked here.
UNMEASURED_SPREAD = (0.6, 2.0)


@dataclass(frozen=True)
class TimeRange:
    low_sec: float
    high_sec: float
    measured_rounds: int  # 0: no round finished here yet, the range is the provider's guess widened


def provider_label(settings: Settings) -> str:
    """The provider as a person would name it: "on this computer" or "Replicate: seedance-1-lite at 1080p"."""
    if settings.video_provider == "replicate":
        name = settings.replicate_video_model.split(':')[0].rsplit('/', 1)[-1]
        resolution = asked_resolution(settings.replicate_video_model, settings.video_max_height or 1080)  # priced at this size
        return f"Replicate: {name} at {resolution}" if resolution else f"Replicate: {name}"
    return "on this computer"


def recent_speeds(session: Session, limit: int = RECENT_ROUNDS) -> list[float]:
    """Wall-clock seconds per second of song of the latest first generations, from start to composed video.

    A round ends when the composition that follows it finishes (the runner stamps that job's end).
    """
    rounds = session.exec(
        select(Job, Song.duration_sec)
        .join(Song, col(Job.song_id) == col(Song.id))
        .where(Job.kind == JobKind.GENERATE_VIDEO, Job.status == JobStatus.COMPLETED)
        .order_by(col(Job.created_at).desc())
        .limit(limit)
    ).all()
    speeds = []
    for round_job, duration in rounds:
        composed = session.exec(
            select(Job)
            .where(Job.kind == JobKind.COMPOSE_VIDEO, Job.status == JobStatus.COMPLETED, Job.target_id == round_job.target_id,
                   Job.created_at >= round_job.created_at)
            .order_by(col(Job.created_at))
            .limit(1)
        ).first()
        if composed is None or not duration or duration <= 0:
            continue
        wall = (composed.updated_at - round_job.created_at).total_seconds()
        if wall > 0:
            speeds.append(wall / duration)
    return speeds


def estimate_range(session: Session, *, song_duration_sec: float, provider_guess_sec: float) -> TimeRange:
    """The likely wait for a song, as a range: the fastest and slowest of the recent rounds scaled to its length."""
    speeds = recent_speeds(session)
    if not speeds:
        low, high = UNMEASURED_SPREAD
        return TimeRange(round(provider_guess_sec * low, 1), round(provider_guess_sec * high, 1), 0)
    low = min(speeds) * song_duration_sec
    high = max(speeds) * song_duration_sec
    if len(speeds) == 1:
        low, high = low * 0.85, high * 1.25  # one round says little about the spread
    return TimeRange(round(low, 1), round(max(high, low), 1), len(speeds))
