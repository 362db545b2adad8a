"""Video providers, chosen by settings: the local renderer (embedded default) or Replicate."""

from __future__ import annotations

from functools import lru_cache

from vibecraft.config import Settings, get_settings
from vibecraft.providers.base import VideoProvider
from vibecraft.providers.rate_limit import RateLimiter, make_rate_limiter


def make_provider(settings: Settings) -> VideoProvider:
    if settings.video_provider == "replicate":
        # Lazy: only an install with VIDEO_PROVIDER=replicate loads the Replicate client.
        from vibecraft.providers.replicate import ReplicateVideoProvider
        from vibecraft.providers.replicate_http import OutputPolicy

        if not settings.replicate_api_token:
            raise RuntimeError("VIDEO_PROVIDER=replicate needs REPLICATE_API_TOKEN")

        return ReplicateVideoProvider(
            api_token=settings.replicate_api_token,
            model=settings.replicate_video_model,
            base_url=settings.replicate_base_url,
            poll_interval=settings.replicate_poll_interval_sec,
            # The final video's short side: 1080 at full size, else the draft height.
            target_height=settings.video_max_height or 1080,
            rate_limiter=replicate_rate_limiter(settings),
            output_policy=OutputPolicy.from_setting(
                settings.replicate_output_hosts,
                allow_http=settings.replicate_output_allow_http,
                max_bytes=settings.replicate_output_max_bytes,
            ),
        )
    from vibecraft.providers.local_renderer import LocalRendererProvider  # lazy: heavy (numpy, Pillow, every look)

    return LocalRendererProvider()


def replicate_rate_limiter(settings: Settings) -> RateLimiter:
    """The one Replicate rate limit of this install (in Redis when configured), for video and lyrics alike."""
    return _replicate_limiter(settings.redis_url or None)


@lru_cache
def _replicate_limiter(redis_url: str | None) -> RateLimiter:
    # One object per process, so without Redis the video and lyrics clients still share one bucket.
    return make_rate_limiter(redis_url, key="replicate")


@lru_cache
def get_provider() -> VideoProvider:
    return make_provider(get_settings())
