"""The looks of the local renderer and how a video type (and, for custom, its prompt) picks one."""

from __future__ import annotations

from vibecraft.render.looks.abstract_visualizer import AbstractVisualizerLook
from vibecraft.render.looks.base import Look
from vibecraft.render.looks.liquid import LiquidLook
from vibecraft.render.looks.lyric_video import LyricVideoLook
from vibecraft.render.looks.mood_environment import MoodEnvironmentLook
from vibecraft.render.looks.nebula import NebulaLook
from vibecraft.render.looks.neon_grid import NeonGridLook
from vibecraft.render.looks.tunnel import TunnelLook
from vibecraft.render.prompt_look import prompt_motif

VIDEO_TYPE_LOOKS: dict[str, type[Look]] = {
    "abstract_visualizer": AbstractVisualizerLook,
    "mood_environment": MoodEnvironmentLook,
    "lyric_video": LyricVideoLook,
}
CUSTOM_MOTIF_LOOKS: dict[str, type[Look]] = {
    "neon_grid": NeonGridLook,
    "tunnel": TunnelLook,
    "nebula": NebulaLook,
    "liquid": LiquidLook,
}


def look_class(video_type: str, prompt: str = "", look_seed: int = 0) -> type[Look]:
    """The look a clip of this video type is drawn with; custom reads its motif from the prompt, and an
    unknown type falls back to the abstract visualizer."""
    if video_type == "custom":
        return CUSTOM_MOTIF_LOOKS[prompt_motif(prompt, look_seed)]
    return VIDEO_TYPE_LOOKS.get(video_type, AbstractVisualizerLook)


__all__ = ["CUSTOM_MOTIF_LOOKS", "Look", "VIDEO_TYPE_LOOKS", "look_class"]
