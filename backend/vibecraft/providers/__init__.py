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
        from vibecraft.providers.replicate_http import OutputPolicy

        return ReplicateVideoProvider(
            api_token=settings.replicate_api_token,
            model=settings.replicate_video_model,
            base_url=settings.replicate_base_url,
            poll_interval=settings.replicate_poll_interval_sec,
            # The final video's short side: 1080 at full size, else the draft height.
            target_height=settings.video_max_height or 1080,
            rate_limiter=make_rate_limiter(settings.redis_url or None, key="replicate"),
            output_policy=OutputPolicy.from_setting(
                settings.replicate_output_hosts,
                allow_http=settings.replicate_output_allow_http,
                max_bytes=settings.replicate_output_max_bytes,
            ),
        )
    from vibecraft.providers.local_renderer import LocalRendererProvider

    return LocalRendererProvider()


@lru_cache
def get_provider() -> VideoProvider:
    return make_provider(get_settings())
