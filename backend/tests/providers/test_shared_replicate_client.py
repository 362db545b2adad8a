"""Video and lyrics talk to Replicate through one client type and one rate limit per install."""

from __future__ import annotations

from tests.conftest import reset_caches
from vibecraft.providers.replicate_http import ReplicateHTTP


def test_video_and_lyrics_share_the_client_and_the_rate_limit(monkeypatch, tmp_path):
    from vibecraft import providers
    from vibecraft.jobs import models_cache

    for key, value in {"VIDEO_PROVIDER": "replicate", "REPLICATE_API_TOKEN": "r8_x", "LYRICS_BACKEND": "replicate",
                       "REPLICATE_BASE_URL": "http://127.0.0.1:9/v1", "REDIS_URL": "", "DATA_DIR": str(tmp_path)}.items():
        monkeypatch.setenv(key, value)
    reset_caches()
    providers.get_provider.cache_clear()
    models_cache.lyrics_engine.cache_clear()
    try:
        video = providers.get_provider()
        lyrics = models_cache.lyrics_engine()
        assert isinstance(video.http, ReplicateHTTP) and isinstance(lyrics._http, ReplicateHTTP)
        assert lyrics._http.rate_limiter is video.http.rate_limiter is not None
        assert lyrics._http.base_url == video.http.base_url == "http://127.0.0.1:9/v1"
    finally:
        providers.get_provider.cache_clear()
        models_cache.lyrics_engine.cache_clear()
        reset_caches()
