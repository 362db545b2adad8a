"""A clip's whole picture: the scene its direction names (or the musician's own media), layers over it, the
video type's foreground (rings, lyrics), a drop's flash, a build's swell, and the camera over everything."""

from __future__ import annotations

import zlib

import numpy as np

from vibecraft.render.context import ClipContext
from vibecraft.render.camera import Camera
from vibecraft.render.canvas import Canvas
from vibecraft.render.direction import Direction
from vibecraft.render.kinetic_type import KineticType
from vibecraft.render.looks.abstract_visualizer import AbstractVisualizerLook
from vibecraft.render.looks.base import Look, to_pixels
from vibecraft.render.looks.liquid import LiquidLook
from vibecraft.render.looks.lyric_video import LyricVideoLook, vivid
from vibecraft.render.looks.mood_environment import MoodEnvironmentLook
from vibecraft.render.looks.nebula import NebulaLook
from vibecraft.render.looks.neon_grid import NeonGridLook
from vibecraft.render.looks.scenes import LAYERS, LayeredScene
from vibecraft.render.looks.tunnel import TunnelLook
from vibecraft.render.media_layer import MediaLayer
from vibecraft.render.timeline import Timeline

F32 = np.float32
WHOLE_LOOKS: dict[str, type[Look]] = {
    "rings": AbstractVisualizerLook, "landscape": MoodEnvironmentLook, "neon_grid": NeonGridLook,
    "tunnel": TunnelLook, "liquid": LiquidLook, "stars": NebulaLook, "bokeh": LyricVideoLook,
}
TEXT_PIXEL_BUDGET = 640 * 360  # lyrics need more pixels than the scenes
SCENE_PIXEL_BUDGET = 480 * 270
FLASH_FRAMES = 3.0  # how fast a drop's white flash fades (frames)
LIGHT_LAYERS = ("rain", "smoke", "particles", "club", "stars")  # the layers that may pass over a photo


def pixel_budget(video_type: str, has_media: bool) -> int:
    """Internal pixels for a clip: text and photos need more than procedural light."""
    return TEXT_PIXEL_BUDGET if video_type == "lyric_video" or has_media else SCENE_PIXEL_BUDGET


class SectionLook:
    """Draws frame f of a clip as planar (3, H, W) uint8 RGB."""

    def __init__(self, canvas: Canvas, direction: Direction, timeline: Timeline, ctx: ClipContext, clip_seed: int):
        self.c, self.d, self.tl, self.ctx = canvas, direction, timeline, ctx
        seed = ctx.look_seed % 2**32
        scene_key = zlib.crc32(direction.scene.encode())
        look_rng = np.random.default_rng([seed, scene_key, direction.look_key])
        clip_rng = np.random.default_rng([seed, clip_seed % 2**32, scene_key])
        pal = direction.palette
        self.media = MediaLayer(ctx.media, canvas, pal, timeline, clip_rng) if ctx.media else None
        layer_names = list(direction.layers)
        if self.media is not None:
            self.scene = None
        elif ctx.video_type == "mood_environment" and direction.scene in LAYERS:
            # The environment keeps its landscape; the named scene becomes its weather and surroundings.
            self.scene = MoodEnvironmentLook(canvas, pal, timeline, look_rng, clip_rng)
            layer_names.insert(0, direction.scene)
        elif direction.scene in WHOLE_LOOKS:
            self.scene = WHOLE_LOOKS[direction.scene](canvas, pal, timeline, look_rng, clip_rng)
        else:
            self.scene = LayeredScene(canvas, pal, timeline, look_rng, clip_rng, layers=(direction.scene,))
        strength = 0.45 if self.media is not None else 0.7
        if self.media is not None:
            # Only layers the words asked for, and only light (rain, smoke, lasers…): silhouettes would hide it.
            layer_names = [name for name in layer_names if name in LIGHT_LAYERS] if direction.layers_named else []
        self.layers = [LAYERS[name](canvas, pal, timeline, np.random.default_rng([seed, direction.look_key, i]), strength)
                       for i, name in enumerate(layer_names) if name in LAYERS]
        self.rings = None
        if ctx.video_type == "abstract_visualizer" and direction.scene != "rings" and self.media is None:
            self.rings = AbstractVisualizerLook(canvas, pal, timeline, look_rng, clip_rng)
        self.text = None
        if ctx.video_type == "lyric_video":
            self.text = KineticType(ctx.words, canvas.width, canvas.height, text_colour=pal.highlight,
                                    highlight_colour=vivid(pal.accent), shadow_colour=pal.background * 0.3)
        if self.media is not None and direction.camera != "shake":
            # Stills already zoom, pan and punch on their own; footage keeps its own framing.
            self.camera = Camera("still", canvas, timeline, punch=0.0, rng=look_rng)
        else:
            self.camera = Camera(direction.camera, canvas, timeline, build=direction.build, rng=look_rng)
        downbeat_frames = np.flatnonzero(timeline.since_downbeat == 0)
        self.flash_at = int(downbeat_frames[0]) if direction.drop and len(downbeat_frames) else (0 if direction.drop else -1)
        self.gain = F32(0.82 + 0.36 * direction.intensity)

    def light(self, f: int) -> np.ndarray:
        if self.media is not None:
            light = self.media.light(f)
        else:
            light = self.scene.light(f)
        if self.rings is not None:
            light *= F32(0.7)
            light += self.rings.light(f) * F32(0.75)
        elif self.text is not None and self.d.scene != "bokeh":
            light *= F32(0.8)  # the words must read over any scene
        for layer in self.layers:
            layer.add(light, f)
        n = max(1, self.tl.n_frames - 1)
        swell = 1 + 0.4 * self.d.build * (f / n) ** 2
        light *= self.gain * F32(swell)
        if self.flash_at >= 0 and f >= self.flash_at:
            light += F32(0.9 * np.exp(-(f - self.flash_at) / FLASH_FRAMES))
        return self.camera.apply(light, f)

    def frame(self, f: int) -> np.ndarray:
        image = to_pixels(np.ascontiguousarray(self.light(f), dtype=F32))
        if self.text is not None:
            self.text.draw(image, f / self.tl.fps, float(self.tl.pulse[f]))
        return image
