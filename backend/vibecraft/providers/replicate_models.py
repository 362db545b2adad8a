"""What each Replicate video model accepts: clip lengths, input fields, rough prices and speeds.

Prices and speeds are estimates gathered by hand (see docs/replicate.md); field names follow
each model's published schema as far as we know it — check a new model's schema before use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from vibecraft.video.shapes import Shape

WAN_FAST_FRAMES = (81, 121)
WAN_FAST_FPS = (24, 16)  # 24 matches our output; 16 (the model's default) reaches longer clips


@dataclass(frozen=True)
class ModelSpec:
    """One model family's rules. `lengths` are the clip seconds it can be asked for, ascending."""

    family: str
    lengths: tuple[float, ...]
    usd_per_second: dict[str, float]  # by resolution, "*" for any
    image_field: str | None  # input name for a first frame; None: the model takes none
    resolutions: tuple[str, ...] = ()
    aspect_ratios: tuple[str, ...] = ("16:9", "9:16", "1:1")
    takes_seed: bool = True
    usd_per_clip: float = 0.0  # flat price per clip, when the model is priced that way
    wall_overhead_sec: float = 30.0
    wall_sec_per_clip_sec: float = 10.0
    extra_input: dict = field(default_factory=dict)

    def next_length(self, seconds: float) -> float:
        """The shortest allowed length not below `seconds` (the longest one if none is)."""
        for length in self.lengths:
            if length >= seconds - 1e-6:
                return length
        return self.lengths[-1]

    def price_per_second(self, resolution: str) -> float:
        return self.usd_per_second.get(resolution, self.usd_per_second.get("*", max(self.usd_per_second.values())))


def _whole_seconds(low: int, high: int) -> tuple[float, ...]:
    return tuple(float(s) for s in range(low, high + 1))


def _wan_fast_lengths() -> tuple[float, ...]:
    lengths = {frames / fps for fps in WAN_FAST_FPS for frames in range(WAN_FAST_FRAMES[0], WAN_FAST_FRAMES[1] + 1)}
    return tuple(sorted(lengths))


SEEDANCE = ModelSpec(
    family="seedance",
    lengths=_whole_seconds(4, 12),  # the model takes 2-12 s; 4 s is the floor until shorter ones are tried
    usd_per_second={"480p": 0.018, "720p": 0.036, "1080p": 0.072},
    image_field="image",
    resolutions=("480p", "720p", "1080p"),
    wall_overhead_sec=15.0,
    wall_sec_per_clip_sec=8.0,
    extra_input={"fps": 24},
)
KLING_V3 = ModelSpec(
    family="kling-v3",
    lengths=_whole_seconds(3, 15),
    usd_per_second={"*": 0.10},
    image_field="start_image",
    takes_seed=False,
    wall_overhead_sec=60.0,
    wall_sec_per_clip_sec=20.0,
)
KLING_V2 = ModelSpec(
    family="kling-v2",
    lengths=(5.0, 10.0),
    usd_per_second={"*": 0.07},
    image_field="start_image",
    takes_seed=False,
    wall_overhead_sec=60.0,
    wall_sec_per_clip_sec=20.0,
)
WAN_25 = ModelSpec(
    family="wan-2.5",
    lengths=(5.0, 10.0),
    usd_per_second={"480p": 0.05, "720p": 0.10, "1080p": 0.15},
    image_field="image",
    resolutions=("480p", "720p", "1080p"),
    wall_overhead_sec=30.0,
    wall_sec_per_clip_sec=15.0,
)
WAN_22_FAST = ModelSpec(
    family="wan-2.2-fast",
    lengths=_wan_fast_lengths(),
    usd_per_second={"*": 0.0},
    usd_per_clip=0.10,
    image_field="image",
    resolutions=("480p", "720p"),
    aspect_ratios=("16:9", "9:16"),
    wall_overhead_sec=10.0,
    wall_sec_per_clip_sec=6.0,
)
HAILUO = ModelSpec(
    family="hailuo",
    lengths=(6.0, 10.0),  # 10 s only at 768p
    usd_per_second={"768p": 0.045, "1080p": 0.08},
    image_field="first_frame_image",
    resolutions=("768p", "1080p"),
    aspect_ratios=(),  # takes its shape from the first frame or its default
    takes_seed=False,
    wall_overhead_sec=60.0,
    wall_sec_per_clip_sec=20.0,
    extra_input={"prompt_optimizer": False},
)
VEO = ModelSpec(
    family="veo",
    lengths=(4.0, 6.0, 8.0),
    usd_per_second={"*": 0.40},
    image_field="image",
    resolutions=("720p", "1080p"),
    aspect_ratios=("16:9", "9:16"),
    wall_overhead_sec=30.0,
    wall_sec_per_clip_sec=12.0,
)

# First matching prefix wins, so the more specific prefixes come first.
_FAMILIES: tuple[tuple[str, ModelSpec], ...] = (
    ("bytedance/seedance-", SEEDANCE),
    ("kwaivgi/kling-v3", KLING_V3),
    ("kwaivgi/kling-v2", KLING_V2),
    ("wan-video/wan-2.2-t2v-fast", WAN_22_FAST),
    ("wan-video/wan-2.2-i2v-fast", WAN_22_FAST),
    ("wan-video/wan-2.5", WAN_25),
    ("minimax/hailuo", HAILUO),
    ("google/veo-3", VEO),
)

# Seedance's price rises with the model tier; the table above is seedance-1-lite's.
_PRICE_FACTOR = {"bytedance/seedance-1-pro": 1.7, "bytedance/seedance-1-pro-fast": 0.7}


def model_spec(model: str) -> ModelSpec:
    """The rules for a Replicate model id such as "bytedance/seedance-1-lite"."""
    for prefix, spec in _FAMILIES:
        if model.startswith(prefix):
            factor = _PRICE_FACTOR.get(model)
            if factor:
                prices = {k: round(v * factor, 4) for k, v in spec.usd_per_second.items()}
                return replace(spec, usd_per_second=prices)
            return spec
    known = ", ".join(prefix + "…" for prefix, _ in _FAMILIES)
    raise ValueError(f"Unknown Replicate video model {model!r}; supported families: {known}")


def model_resolution(spec: ModelSpec, wanted: str) -> str | None:
    """The model's own name for the wanted resolution (hailuo says 768p where others say 720p)."""
    if not spec.resolutions:
        return None
    if wanted in spec.resolutions:
        return wanted
    wanted_lines = int(wanted.rstrip("p") or 0)
    for resolution in spec.resolutions:
        if int(resolution.rstrip("p")) >= wanted_lines:
            return resolution
    return spec.resolutions[-1]


def wan_fast_frames(seconds: float) -> tuple[int, int]:
    """(num_frames, frames_per_second) that make exactly `seconds` (one of WAN_22_FAST.lengths)."""
    for fps in WAN_FAST_FPS:
        frames = round(seconds * fps)
        if WAN_FAST_FRAMES[0] <= frames <= WAN_FAST_FRAMES[1] and math.isclose(frames / fps, seconds, abs_tol=1e-6):
            return frames, fps
    raise ValueError(f"{seconds} s is not a length wan-2.2 fast can make")


def build_input(
    model: str,
    *,
    prompt: str,
    duration: float,
    shape: Shape,
    seed: int,
    resolution: str,
    image_url: str | None,
) -> dict:
    """The `input` object of a create call for this model. `duration` must be an allowed length."""
    spec = model_spec(model)
    data: dict = {"prompt": prompt}
    if spec.family == "wan-2.2-fast":
        data["num_frames"], data["frames_per_second"] = wan_fast_frames(duration)
    else:
        data["duration"] = int(round(duration))
    if spec.aspect_ratios:
        # A shape the model lacks is made in the nearest one; normalization crops it to ours.
        data["aspect_ratio"] = shape.name if shape.name in spec.aspect_ratios else spec.aspect_ratios[0]
    model_res = model_resolution(spec, resolution)
    if spec.family == "hailuo" and data["duration"] == 10:
        model_res = "768p"
    if model_res:
        data["resolution"] = model_res
    if spec.takes_seed:
        data["seed"] = seed
    if image_url and spec.image_field and _takes_image(model):
        data[spec.image_field] = image_url
    data.update(spec.extra_input)
    return data


def _takes_image(model: str) -> bool:
    # Wan ships text-only and image-to-video as separate models; the text-only one rejects images.
    return "-t2v" not in model
