"""Video providers, chosen by settings: the local renderer (embedded default) or Replicate."""

from __future__ import annotations

from functools import lru_cache

from vibecraft.config import Settings, get_settings
from vibecraft.providers.base import VideoProvider


def make_provider(settings: Settings) -> VideoProvider:
    if settings.video_provider == "replicate":
        from vibecraft.providers.rate_limit import make_rate_limiter
        from vibecraft.providers.replicate import ReplicateVideoProvider

        if not settings.replicate_api_token:
            raise RuntimeError("VIDEO_PROVIDER=replicate needs REPLICATE_API_TOKEN")
        return ReplicateVideoProvider(
            api_token=settings.replicate_api_token,
            model=settings.replicate_video_model,
            base_url=settings.replicate_base_url,
            poll_interval=settings.replicate_poll_interval_sec,
            rate_limiter=make_rate_limiter(settings.redis_url or None, key=f"replicate:{settings.replicate_video_model}"),
        )
    from vibecraft.providers.local_renderer import LocalRendererProvider

    return LocalRendererProvider()


@lru_cache
def get_provider() -> VideoProvider:
    return make_provider(get_settings())
