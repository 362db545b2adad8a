"""The interface every video provider keeps, and the context a clip is made from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vibecraft.render.context import ClipContext, MediaSource, Word  # noqa: F401  (part of the provider interface)
from vibecraft.video.shapes import Shape


class ProviderError(Exception):
    """A provider could not make the clip; the message is shown to the user."""


class ProviderRateLimited(ProviderError):
    pass


class ProviderTimeout(ProviderError):
    pass


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
