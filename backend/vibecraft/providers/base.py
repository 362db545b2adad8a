"""The interface every video provider keeps, and the context a clip is made from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vibecraft.video.shapes import Shape


class ProviderError(Exception):
    """A provider could not make the clip; the message is shown to the user."""


class ProviderRateLimited(ProviderError):
    pass


class ProviderTimeout(ProviderError):
    pass


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str


@dataclass(frozen=True)
class MediaSource:
    """One of the musician's own photos or video clips placed in this clip (a local file)."""

    path: Path
    kind: str  # "photo" or "video"
    offset: float = 0.0  # seconds into a video clip where this clip's footage starts


@dataclass(frozen=True)
class ClipContext:
    """What the music says about one clip. Times are relative to the clip's start (0 = first frame).

    Remote models ignore most of this; the local renderer draws from it.
    """

    audio_path: Path | None = None  # the clip's own stretch of the song (any format ffmpeg reads)
    beat_times: tuple[float, ...] = ()
    downbeat_times: tuple[float, ...] = ()
    words: tuple[Word, ...] = ()
    video_type: str = "abstract_visualizer"
    mood_vector: dict[str, float] = field(default_factory=dict)
    mood_primary: str = ""
    genre: str = ""
    section_label: str = ""
    look_seed: int = 0  # shared by every clip of one video so they share a look
    look_prompt: str = ""  # the video's overall prompt: palette, scenes and camera of every clip
    fps: int = 24
    section_note: str = ""  # the musician's note on this clip's section
    clip_note: str = ""  # a note given when this clip (or its section) was regenerated; it wins over the others
    section_slot: int = 0  # order of first appearance of the section's label: every chorus shares one slot
    section_energy: float = 0.5  # mean loudness of the section, 0–1
    previous_energy: float | None = None  # of the section before (None for the first)
    next_energy: float | None = None  # of the section after (None for the last)
    starts_section: bool = False  # the clip's first frame is its section's first frame
    section_progress: tuple[float, float] = (0.0, 1.0)  # where the clip starts and ends inside its section, 0–1
    variation: int = 0  # how many times the clip was regenerated: each time brings a new scene
    media: tuple[MediaSource, ...] = ()  # the musician's photos and footage for this clip, cut on its downbeats


@dataclass(frozen=True)
class StoredPrediction:
    """What was recorded about a clip attempt's billed prediction before this run."""

    prediction_id: str | None  # None: a create was sent but its answer was never recorded
    state: str
    model_input: dict | None = None
    sent_at: datetime | None = None


class PredictionTracker(ABC):
    """Where a provider records each billed prediction of one clip attempt, each step in its own commit,
    so a job that runs again resumes the prediction instead of paying for a new one."""

    @abstractmethod
    def current(self) -> StoredPrediction | None:
        """The attempt's prediction that may still be followed, or None when a new one must be made."""

    @abstractmethod
    def creating(self, model: str, model_input: dict) -> None:
        """Recorded (and committed) just before the create call is sent."""

    @abstractmethod
    def created(self, prediction_id: str) -> None:
        """Recorded (and committed) right after the create answered."""

    @abstractmethod
    def finished(self, state: str, error: str | None = None) -> None:
        """The prediction ended: succeeded, failed, canceled or expired."""


@dataclass(frozen=True)
class ClipRequest:
    prompt: str
    duration: float  # seconds wanted; the provider may return a longer file, normalization trims it
    shape: Shape
    seed: int
    first_frame: Path | None = None
    context: ClipContext = field(default_factory=ClipContext)
    tracker: PredictionTracker | None = None  # billed providers record their prediction here


class VideoProvider(ABC):
    """Makes one video clip file from a prompt. Implementations: local renderer, Replicate."""

    name: str = "base"
    # True when generate() already writes the shared clip encoding (vibecraft.video.encoding), so a file
    # with the planned frames and shape needs no second encode.
    encodes_normalized: bool = False

    @abstractmethod
    def generate(self, request: ClipRequest, out_path: Path) -> Path:
        """Write an MP4 for the request at out_path and return it; raise ProviderError on failure."""

    def supported_duration(self, seconds: float) -> float:
        """The length this provider will actually be asked for (the next one it allows)."""
        return seconds

    def takes_first_frame(self) -> bool:
        """True when clips can start from a given image (continuity across cuts)."""
        return False

    def cancel_prediction(self, prediction_id: str) -> None:
        """Stop a billed prediction that no job will follow any more (no-op for local providers)."""

    def preferred_clip_lengths(self) -> tuple[float, float]:
        """(min, max) clip seconds the provider makes well; the planner stays inside them."""
        return (3.0, 10.0)

    def estimate_cost_usd(self, seconds: float) -> float:
        return 0.0

    def estimate_seconds(self, seconds: float) -> float:
        """Wall time to make a clip of this length."""
        return seconds
