"""Render one still of each video type (and each custom motif) into docs/images, for docs/renderer.md.

    cd backend && ../.venv/bin/python bench/render_stills.py

Each still is a real frame of a clip made by LocalRendererProvider (through ffmpeg), taken a few frames after a
downbeat so the pulse is visible but already decaying.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from PIL import Image  # noqa: E402

from vibecraft.providers.base import ClipContext, ClipRequest, Word  # noqa: E402
from vibecraft.providers.local_renderer import LocalRendererProvider  # noqa: E402
from vibecraft.video.shapes import Shape  # noqa: E402

IMAGES = BACKEND.parent / "docs" / "images"
SHAPE = Shape("16:9", 480, 270)
FPS = 24
MAX_BYTES = 100 * 1024
BEATS = tuple(round(0.25 + 0.5 * i, 3) for i in range(6))
LYRICS = "we were dancing in the neon light".split()
STILLS = {
    # name: (video type, prompt, mood vector, mood, genre, frame to keep)
    "abstract_visualizer": ("abstract_visualizer", "", {"energy": 0.75, "valence": 0.6, "danceability": 0.8, "tension": 0.3},
                            "party", "electronic", 30),
    "mood_environment": ("mood_environment", "", {"energy": 0.45, "valence": 0.7, "danceability": 0.4, "tension": 0.2},
                         "happy", "indie", 30),
    "lyric_video": ("lyric_video", "", {"energy": 0.6, "valence": 0.5, "danceability": 0.6, "tension": 0.3},
                    "dreamy", "pop", 48),
    "custom": ("custom", "A neon city at night, magenta and cyan light, retro synthwave drive",
               {"energy": 0.7, "valence": 0.5}, "energetic", "electronic", 30),
    "custom-tunnel": ("custom", "A hypnotic tunnel of violet and gold light", {"energy": 0.8}, "party", "dance", 30),
    "custom-nebula": ("custom", "Drifting through a cosmic nebula in deep blue and pink", {"energy": 0.3}, "dreamy",
                      "ambient", 30),
    "custom-liquid": ("custom", "Liquid ink flowing in teal, coral and gold", {"energy": 0.5}, "chill", "r&b", 30),
}


def render_still(name: str, spec: tuple, workdir: Path) -> Path:
    video_type, prompt, mood_vector, mood, genre, keep = spec
    words = tuple(Word(0.6 + 0.3 * i, 0.6 + 0.3 * i + 0.28, w) for i, w in enumerate(LYRICS))
    context = ClipContext(beat_times=BEATS, downbeat_times=BEATS[::4], words=words, video_type=video_type,
                          mood_vector=mood_vector, mood_primary=mood, genre=genre, look_seed=11, fps=FPS)
    request = ClipRequest(prompt=prompt, duration=2.5, shape=SHAPE, seed=4, context=context)
    clip = LocalRendererProvider().generate(request, workdir / f"{name}.mp4")
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(clip), "-vf", f"select=eq(n\\,{keep})",
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    image = Image.frombytes("RGB", (SHAPE.width, SHAPE.height), raw)
    target = IMAGES / f"look-{name}.png"
    image.save(target, optimize=True)
    if target.stat().st_size > MAX_BYTES:  # smooth gradients in full colour compress poorly; 256 colours keep them
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(target, optimize=True)
    return target


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in STILLS.items():
            path = render_still(name, spec, Path(tmp))
            print(f"{path.relative_to(BACKEND.parent)}  {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
