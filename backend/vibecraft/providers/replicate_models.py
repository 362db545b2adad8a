"""The Replicate video models we support, each pinned to one published version whose input schema we keep
(tests/fakes/replicate_schemas/*.json; a test checks this table against those copies).

Prices and speeds are estimates gathered by hand (see docs/replicate.md). A model is supported only when
its version id and input schema could be confirmed; kling-v3, wan-2.5, hailuo-2.3, seedance-1-pro and
veo-3 (now veo-3.1) were dropped for that reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from vibecraft.video.shapes import Shape

WAN_FAST_FRAMES = (81, 121)
WAN_FAST_FPS = (24, 16)  # 24 matches our output; 16 (the model's default) reaches longer clips


@dataclass(frozen=True)
class ModelSpec:
    """One model's rules. `lengths` are the clip seconds it can be asked for, ascending.

    `resolutions` maps our name for a size (its short side, "720p") to the value the model's own
    field takes; `usd_per_second` is by our resolution name ("*" for any).
    """

    model: str
    version: str
    lengths: tuple[float, ...]
    usd_per_second: dict[str, float]
    image_field: str | None  # input name for a first frame; None: the model takes none
    requires_image: bool = False
    resolution_field: str | None = "resolution"
    resolutions: dict[str, str] = field(default_factory=dict)
    aspect_ratios: tuple[str, ...] = ()  # empty: the model takes its shape from the image (or its default)
    takes_seed: bool = True
    frames_input: bool = False  # wan: num_frames + frames_per_second instead of duration
    usd_per_clip: dict[str, float] = field(default_factory=dict)  # flat price per clip, by resolution
    wall_overhead_sec: float = 30.0
    wall_sec_per_clip_sec: float = 10.0
    extra_input: dict = field(default_factory=dict)

    def next_length(self, seconds: float) -> float:
        """The shortest allowed length not below `seconds` (the longest one if none is)."""
        for length in self.lengths:
            if length >= seconds - 1e-6:
                return length
        return self.lengths[-1]

    def nearest_resolution(self, short_side: int) -> str | None:
        """Of the resolutions the model offers, the one nearest the final video's short side (ties: the larger)."""
        if not self.resolutions:
            return None
        return min(self.resolutions, key=lambda r: (abs(int(r.rstrip("p")) - short_side), -int(r.rstrip("p"))))

    def resolution_for(self, seconds: float, resolution: str | None) -> str | None:
        """The resolution actually asked for a clip of `seconds` (hailuo makes 10 s only at 768p)."""
        if self.model == "minimax/hailuo-02" and round(seconds) == 10:
            return "768p"
        return resolution

    def price_usd(self, seconds: float, resolution: str | None) -> float:
        """Estimated price of one clip of `seconds` (an allowed length) at `resolution`."""
        res = self.resolution_for(seconds, resolution) or "*"
        if self.usd_per_clip:
            return self.usd_per_clip.get(res, max(self.usd_per_clip.values()))
        per_second = self.usd_per_second.get(res, self.usd_per_second.get("*", max(self.usd_per_second.values())))
        return round(per_second * seconds, 4)


def _whole_seconds(low: int, high: int) -> tuple[float, ...]:
    return tuple(float(s) for s in range(low, high + 1))


def _wan_fast_lengths() -> tuple[float, ...]:
    lengths = {frames / fps for fps in WAN_FAST_FPS for frames in range(WAN_FAST_FRAMES[0], WAN_FAST_FRAMES[1] + 1)}
    return tuple(sorted(lengths))


_WAN_COMMON = dict(
    lengths=_wan_fast_lengths(),
    usd_per_second={"*": 0.0},
    resolutions={"480p": "480p", "720p": "720p"},
    frames_input=True,
    wall_overhead_sec=10.0,
    wall_sec_per_clip_sec=6.0,
)

MODELS: dict[str, ModelSpec] = {
    spec.model: spec
    for spec in (
        ModelSpec(
            model="bytedance/seedance-1-lite",
            version="78c9c4b0a7056c911b0483f58349b9931aff30d6465e7ab665e6c852949ce6d5",
            lengths=_whole_seconds(4, 12),  # the model takes 2-12 s; 4 s is our floor until shorter ones are tried
            usd_per_second={"480p": 0.018, "720p": 0.036, "1080p": 0.072},
            image_field="image",
            resolutions={"480p": "480p", "720p": "720p", "1080p": "1080p"},
            aspect_ratios=("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"),
            wall_overhead_sec=15.0,
            wall_sec_per_clip_sec=8.0,
            extra_input={"fps": 24},
        ),
        ModelSpec(
            model="kwaivgi/kling-v2.1",
            version="daad218feb714b03e2a1ac445986aebb9d05243cd00da2af17be2e4049f48f69",
            lengths=(5.0, 10.0),
            usd_per_second={"720p": 0.05, "1080p": 0.09},
            image_field="start_image",
            requires_image=True,
            resolution_field="mode",
            resolutions={"720p": "standard", "1080p": "pro"},
            takes_seed=False,
            wall_overhead_sec=60.0,
            wall_sec_per_clip_sec=20.0,
        ),
        ModelSpec(
            model="wan-video/wan-2.2-t2v-fast",
            version="c483b1f7b892065bc58ebadb6381abf557f6b1f517d2ff0febb3fb635cf49b4d",
            image_field=None,
            aspect_ratios=("16:9", "9:16"),
            usd_per_clip={"480p": 0.05, "720p": 0.10},
            extra_input={"interpolate_output": False},  # keep the frames we asked for (it would resample to 30 fps)
            **_WAN_COMMON,
        ),
        ModelSpec(
            model="wan-video/wan-2.2-i2v-fast",
            version="4eaf2b01d3bf70d8a2e00b219efeb7cb415855ad18b7dacdc4cae664a73a6eea",
            image_field="image",
            requires_image=True,
            usd_per_clip={"480p": 0.05, "720p": 0.11},
            extra_input={"interpolate_output": False},
            **_WAN_COMMON,
        ),
        ModelSpec(
            model="minimax/hailuo-02",
            version="baaadb886e09b1e711387e270d841930e8253f08775bc6cb176580658f0f2fd9",
            lengths=(6.0, 10.0),
            usd_per_second={"512p": 0.017, "768p": 0.045, "1080p": 0.08},
            image_field="first_frame_image",
            resolutions={"512p": "512p", "768p": "768p", "1080p": "1080p"},
            takes_seed=False,
            wall_overhead_sec=60.0,
            wall_sec_per_clip_sec=20.0,
            extra_input={"prompt_optimizer": False},
        ),
        ModelSpec(
            model="google/veo-3.1",
            version="ed5b1767b711dd15d954b162af1e890d27882680f463a85e94f02d604012b972",
            lengths=(4.0, 6.0, 8.0),
            usd_per_second={"*": 0.20},  # without audio; the song is the soundtrack
            image_field="image",
            resolutions={"720p": "720p", "1080p": "1080p"},
            aspect_ratios=("16:9", "9:16"),
            wall_overhead_sec=30.0,
            wall_sec_per_clip_sec=12.0,
            extra_input={"generate_audio": False},  # paid audio would be thrown away
        ),
    )
}


def model_spec(model: str) -> ModelSpec:
    """The rules for a supported Replicate model id such as "bytedance/seedance-1-lite"."""
    try:
        return MODELS[model]
    except KeyError:
        raise ValueError(f"Unknown Replicate video model {model!r}; supported: {', '.join(MODELS)}") from None


def asked_resolution(model: str, short_side: int) -> str | None:
    """The resolution a supported model is asked for when the final video's short side is `short_side` px."""
    spec = MODELS.get(model)
    return spec.nearest_resolution(short_side) if spec else None


def wan_fast_frames(seconds: float) -> tuple[int, int]:
    """(num_frames, frames_per_second) that make exactly `seconds` (one of the wan fast lengths)."""
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
    resolution: str | None,
    image_url: str | None,
) -> dict:
    """The `input` object of a create call for this model. `duration` must be an allowed length."""
    spec = model_spec(model)
    data: dict = {"prompt": prompt}
    if spec.frames_input:
        data["num_frames"], data["frames_per_second"] = wan_fast_frames(duration)
    else:
        data["duration"] = int(round(duration))
    if spec.aspect_ratios:
        # A shape the model lacks is made in the nearest one; normalization crops it to ours.
        data["aspect_ratio"] = shape.name if shape.name in spec.aspect_ratios else _nearest_ratio(shape, spec.aspect_ratios)
    res = spec.resolution_for(duration, resolution)
    if res and spec.resolution_field:
        data[spec.resolution_field] = spec.resolutions[res]
    if spec.takes_seed:
        data["seed"] = seed
    if image_url and spec.image_field:
        data[spec.image_field] = image_url
    elif spec.requires_image:
        raise ValueError(f"{model} needs a first-frame image for every clip")
    data.update(spec.extra_input)
    return data


def _nearest_ratio(shape: Shape, ratios: tuple[str, ...]) -> str:
    wanted = shape.width / shape.height

    def value(ratio: str) -> float:
        w, h = ratio.split(":")
        return float(w) / float(h)

    return min(ratios, key=lambda r: abs(math.log(value(r) / wanted)))
