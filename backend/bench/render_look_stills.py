"""Stills for docs/renderer.md from one real song (Fantasma, shared/data/lyrics): the same song with two prompts,
section by section; a section with and without a note; every video type with one prompt; a photo with lyrics.

    cd backend && ../.venv/bin/python bench/render_look_stills.py

Uses the analysis bench_looks.py caches (it analyses the song when the cache is missing). Every still is a real
frame of a clip made by LocalRendererProvider, taken six frames after a downbeat in the clip's middle.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))
sys.path.insert(0, str(BACKEND / "bench"))

from bench_looks import SONG, Renderer, analysis_of  # noqa: E402
from vibecraft.providers.base import MediaSource  # noqa: E402
from vibecraft.providers.clip_context import SectionFacts  # noqa: E402
from vibecraft.video.shapes import Shape  # noqa: E402

IMAGES = BACKEND.parent / "docs" / "images"
SHAPE = Shape("16:9", 480, 270)
FPS = 24
PROMPT_A = "Sweaty club at 2am: red and gold lights, smoke, rain on the city outside, handheld"
PROMPT_B = "Cielo de estrellas sobre el mar, azul y plata, cámara a la deriva"  # star sky over the sea, blue and silver, drifting
NOTE = "fuego y llamas naranjas"  # fire and orange flames


def frame_of(path: Path, downbeats: list[float], start: float, end: float) -> np.ndarray:
    middle = (start + end) / 2
    after = [d for d in downbeats if start <= d < end]
    at = min(after, key=lambda d: abs(d - middle)) if after else middle
    keep = max(0, round((at - start) * FPS) + 6)
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, SHAPE.height, SHAPE.width, 3)
    return frames[min(keep, len(frames) - 1)]


def labelled(frame: np.ndarray, text: str) -> Image.Image:
    image = Image.fromarray(frame)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 8 + 7 * len(text), 18), fill=(0, 0, 0))
    draw.text((4, 3), text, fill=(255, 255, 255))
    return image


def strip(images: list[Image.Image], name: str, columns: int = 2) -> Path:
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new("RGB", (SHAPE.width * columns, SHAPE.height * rows))
    for i, image in enumerate(images):
        sheet.paste(image, ((i % columns) * SHAPE.width, (i // columns) * SHAPE.height))
    target = IMAGES / f"{name}.jpg"
    sheet.save(target, quality=82, optimize=True)
    return target


def main() -> int:
    analysis = analysis_of(SONG)
    sections = [SectionFacts(label=s["label"], start=float(s["start_time"]), end=float(s["end_time"]))
                for s in analysis.suggested_sections]
    downbeats = list(analysis.downbeat_times)
    shown = [i for i, s in enumerate(sections) if s.label in ("Verse", "Chorus", "Bridge", "Outro")]
    shown = [next(i for i in shown if sections[i].label == name) for name in ("Verse", "Chorus", "Bridge", "Outro")]
    with tempfile.TemporaryDirectory() as tmp:
        r = Renderer(analysis, sections, Path(tmp))

        def still(video_type: str, i: int, prompt: str, label: str, note: str = "", media=()) -> Image.Image:  # noqa: ANN001
            s = sections[i]
            start = s.start + min(8.0, (s.end - s.start) / 3)
            end = min(s.end, start + 3.0)
            if note:
                sections[i] = SectionFacts(s.label, s.start, s.end, note)
            r.sections = sections
            path = r.clip(video_type, i, start, end, shape=SHAPE, prompt=prompt)
            if media:
                from vibecraft.providers.clip_context import build_clip_context  # same request, with media
                from vibecraft.providers.base import ClipRequest
                from vibecraft.video.shapes import frame_count

                audio = Path(tmp) / "media.wav"
                subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{start:.3f}", "-t", f"{end - start:.3f}",
                                "-i", str(SONG.with_suffix(".mp3")), "-ac", "1", "-ar", "22050", str(audio)], check=True)
                ctx = build_clip_context(start=start, end=end, analysis=analysis, video_type=video_type,
                                         section_label=s.label, audio_path=audio, look_seed=7, fps=FPS, look_prompt=prompt,
                                         sections=sections, section_index=i, media=media)
                path = r.provider.generate(ClipRequest(prompt=prompt, duration=frame_count(start, end, FPS) / FPS,
                                                       shape=SHAPE, seed=1, context=ctx), Path(tmp) / "media.mp4")
            sections[i] = s
            return labelled(frame_of(path, downbeats, start, end), label)

        for name, prompt in (("song-prompt-a", PROMPT_A), ("song-prompt-b", PROMPT_B)):
            print(strip([still("lyric_video", i, prompt, sections[i].label) for i in shown], name))
        chorus = shown[1]
        print(strip([still("custom", chorus, PROMPT_A, "Chorus, no note"),
                     still("custom", chorus, PROMPT_A, f"Chorus, note: {NOTE}", note=NOTE)], "section-note"))
        print(strip([still(t, chorus, PROMPT_A, t) for t in ("abstract_visualizer", "mood_environment", "lyric_video", "custom")],
                    "types-prompt-a"))
        try:
            from skimage import data as skimage_data

            photo = Path(skimage_data.__file__).parent / "astronaut.png"
            print(strip([still("lyric_video", shown[1], PROMPT_A, "Chorus, own photo", media=(MediaSource(photo, "photo"),))],
                        "own-photo", columns=1))
        except ImportError:
            print("scikit-image is not installed: no photo still")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
