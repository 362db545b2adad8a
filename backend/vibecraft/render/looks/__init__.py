"""The looks of the local renderer. Which one a clip wears is decided by vibecraft.render.direction (from the
words, the section and the video type) and drawn by vibecraft.render.looks.section_look."""

from __future__ import annotations

from vibecraft.render.looks.abstract_visualizer import AbstractVisualizerLook
from vibecraft.render.looks.base import Look
from vibecraft.render.looks.liquid import LiquidLook
from vibecraft.render.looks.lyric_video import LyricVideoLook
from vibecraft.render.looks.mood_environment import MoodEnvironmentLook
from vibecraft.render.looks.nebula import NebulaLook
from vibecraft.render.looks.neon_grid import NeonGridLook
from vibecraft.render.looks.tunnel import TunnelLook

__all__ = ["AbstractVisualizerLook", "LiquidLook", "Look", "LyricVideoLook", "MoodEnvironmentLook", "NebulaLook",
           "NeonGridLook", "TunnelLook"]
