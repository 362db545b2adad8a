"""Heavy models loaded once per process (API threads or RQ worker), never once per job."""

from __future__ import annotations

import threading
from functools import lru_cache

from vibecraft.config import get_settings
from vibecraft.providers import replicate_rate_limiter

_lock = threading.Lock()


@lru_cache
def lyrics_engine():
    """The configured lyrics engine, or None when no backend is available."""
    settings = get_settings()
    try:  # lazy and optional: the lyrics engines load faster-whisper or a Replicate client, heavy and not always there
        from vibecraft.audio.lyrics import LyricsError, UnavailableLyrics, load_lyrics_engine
    except ImportError:
        return None
    with _lock:
        try:
            return load_lyrics_engine(
                settings.lyrics_backend,
                model_path=settings.lyrics_model_path or None,
                replicate_api_token=settings.replicate_api_token or None,
                replicate_base_url=settings.replicate_base_url,
                replicate_rate_limiter=replicate_rate_limiter(settings),  # shared with the video provider
            )
        except LyricsError as e:  # analyses still run; each says why its lyrics are missing
            return UnavailableLyrics(str(e))


def preload() -> None:
    """Load the analysis models and the lyrics engine now, so the first job does not wait for them."""
    from vibecraft.audio import analysis  # lazy: heavy (numpy, librosa, the beat and tagging networks)

    if hasattr(analysis, "preload_models"):
        analysis.preload_models()
    lyrics_engine()
