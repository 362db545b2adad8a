"""Does the picture follow the musician's words and the song's form? Per video type, on one shared real song.

    cd backend && ../.venv/bin/python bench/bench_looks.py [--quick]

The song is Fantasma (Los Rombos, shared/data/lyrics), analysed once (cached in the system temp folder), its
suggested sections used as they are, its annotated words timed into the lyric video. Every video type renders
each section's opening clip (and a second clip from its middle when the section is long enough) at 320×180 with
the prompt below; the metrics:

- hue distance: the prompt names red and gold; for each, the circular distance (degrees) to the nearest of the
  three dominant hues of all rendered frames (a hue histogram of the colourful pixels). Beside it, the same
  distance for a render whose prompt names no colour: what the named colours would get if the words were ignored.
- between / within: mean absolute difference (0–255) of clip "thumbprints" (the mean of eight frames, 32×18)
  between sections with different labels, against two clips of the same section. A repeated label (same part,
  e.g. two choruses) is reported apart.
- regeneration: mean absolute pixel difference between a clip and its regeneration with the note "ocean waves",
  beside a regeneration that only changes the seed (what regeneration did before).
- size: MB per minute of 1920×1080 video for the first 30 s of the song, with the shared clip encoding, beside
  the previous encoding (CRF 20, no peak cap) of the same frames.
"""

from __future__ import annotations

import colorsys
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from vibecraft.analysis_result import AnalysisResult  # noqa: E402
from vibecraft.providers.base import ClipRequest  # noqa: E402
from vibecraft.providers.clip_context import SectionFacts, build_clip_context, label_key  # noqa: E402
from vibecraft.providers.local_renderer import LocalRendererProvider  # noqa: E402
from vibecraft.video.shapes import Shape, frame_count  # noqa: E402
from vibecraft.video_types import VIDEO_TYPES  # noqa: E402

DATA = BACKEND.parent.parent / "shared" / "data"
SONG = DATA / "lyrics" / "Fantasma_-_Los_Rombos"
FPS = 24
SMALL = Shape("16:9", 320, 180)
FULL = Shape("16:9", 1920, 1080)
PROMPT = "Sweaty club at 2am: red and gold lights, smoke, rain on the city outside"
NO_COLOUR_PROMPT = "Sweaty club at 2am: lights, smoke, rain on the city outside"
NAMED_HUES = {"red": 356.0, "gold": 44.0}
CLIP_SECONDS = 4.0
SIZE_SECONDS = 30.0


def analysis_of(song: Path) -> AnalysisResult:
    """The song's analysis (cached), with its annotated words as timed lyrics."""
    cache = Path(tempfile.gettempdir()) / f"vibecraft-bench-looks-{song.stem}.json"
    if cache.is_file():
        return AnalysisResult.from_stored(json.loads(cache.read_text()))
    from vibecraft.audio.analysis import analyze_audio

    data = analyze_audio(song.with_suffix(".mp3"))
    words = song.with_suffix(".txt").read_text(encoding="utf-8").split()
    with open(song.with_suffix(".words.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    data = data.updated(lyrics=[{"start": float(r["word_start"]), "end": float(r["word_end"]), "text": w,
                                 "words": [{"start": float(r["word_start"]), "end": float(r["word_end"]), "word": w}]}
                                for w, r in zip(words, rows)])
    cache.write_text(json.dumps(data.to_stored()))
    return data


def excerpt(start: float, end: float, out: Path) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{start:.3f}", "-t", f"{end - start:.3f}",
                    "-i", str(SONG.with_suffix(".mp3")), "-ac", "1", "-ar", "22050", str(out)], check=True)
    return out


def decode(path: Path, shape: Shape) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, shape.height, shape.width, 3)


class Renderer:
    def __init__(self, analysis: AnalysisResult, sections: list[SectionFacts], tmp: Path):
        self.analysis, self.sections, self.tmp = analysis, sections, tmp
        self.provider = LocalRendererProvider()
        self.count = 0

    def clip(self, video_type: str, section_index: int, start: float, end: float, *, shape: Shape = SMALL,
             prompt: str = PROMPT, seed: int = 1, variation: int = 0, clip_note: str = "") -> Path:
        self.count += 1
        audio = excerpt(start, end, self.tmp / f"a{self.count}.wav")
        ctx = build_clip_context(start=start, end=end, analysis=self.analysis, video_type=video_type,
                                 section_label=self.sections[section_index].label, audio_path=audio, look_seed=7,
                                 fps=FPS, look_prompt=prompt, sections=self.sections, section_index=section_index,
                                 variation=variation, clip_note=clip_note)
        request = ClipRequest(prompt=prompt, duration=frame_count(start, end, FPS) / FPS, shape=shape, seed=seed,
                              context=ctx)
        return self.provider.generate(request, self.tmp / f"c{self.count}.mp4")


def thumbprint(frames: np.ndarray) -> np.ndarray:
    picks = frames[np.linspace(0, len(frames) - 1, 8).astype(int)].astype(np.float64).mean(axis=0)
    h, w = picks.shape[:2]
    return picks[: h - h % 18, : w - w % 32].reshape(18, h // 18, 32, w // 32, 3).mean(axis=(1, 3))


def dominant_hues(frames: np.ndarray, k: int = 3) -> list[float]:
    pixels = frames.reshape(-1, 3)[::97] / 255.0
    hsv = np.array([colorsys.rgb_to_hsv(*p) for p in pixels])
    colourful = (hsv[:, 1] > 0.25) & (hsv[:, 2] > 0.2)
    hist, edges = np.histogram(hsv[colourful, 0] * 360, bins=36, range=(0, 360), weights=hsv[colourful, 1] * hsv[colourful, 2])
    return [float(edges[i] + 5) for i in np.argsort(hist)[::-1][:k] if hist[i] > 0]


def hue_distance(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def named_colour_distance(frames: np.ndarray) -> float:
    peaks = dominant_hues(frames)
    return float(np.mean([min(hue_distance(h, p) for p in peaks) for h in NAMED_HUES.values()])) if peaks else 180.0


def bench_type(r: Renderer, video_type: str, quick: bool) -> dict:
    prints: dict[int, list[np.ndarray]] = {}
    all_frames = []
    for i, s in enumerate(r.sections):
        starts = [s.start]
        if s.end - s.start >= 3 * CLIP_SECONDS and not quick:
            starts.append(s.start + (s.end - s.start) / 2)
        for start in starts:
            frames = decode(r.clip(video_type, i, start, min(s.end, start + CLIP_SECONDS)), SMALL)
            prints.setdefault(i, []).append(thumbprint(frames))
            all_frames.append(frames[::6])
    frames = np.concatenate(all_frames)
    plain = decode(r.clip(video_type, 0, r.sections[0].start, r.sections[0].start + CLIP_SECONDS, prompt=NO_COLOUR_PROMPT), SMALL)

    def dist(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.abs(a - b).mean())

    within = [dist(p[0], p[1]) for p in prints.values() if len(p) > 1]
    keys = [label_key(s.label) for s in r.sections]
    between, same_label = [], []
    for i in prints:
        for j in prints:
            if i < j:
                (same_label if keys[i] == keys[j] else between).append(dist(prints[i][0], prints[j][0]))

    k = max(range(len(r.sections)), key=lambda i: r.sections[i].end - r.sections[i].start)
    s = r.sections[k]
    end = min(s.end, s.start + CLIP_SECONDS)
    original = decode(r.clip(video_type, k, s.start, end), SMALL).astype(np.int16)
    reseeded = decode(r.clip(video_type, k, s.start, end, seed=2), SMALL).astype(np.int16)
    noted = decode(r.clip(video_type, k, s.start, end, seed=2, variation=1, clip_note="ocean waves"), SMALL).astype(np.int16)
    return {
        "hue_named": named_colour_distance(frames),
        "hue_unnamed": named_colour_distance(plain),
        "between": float(np.mean(between)) if between else float("nan"),
        "within": float(np.mean(within)) if within else float("nan"),
        "same_label": float(np.mean(same_label)) if same_label else float("nan"),
        "regen_note": float(np.abs(original - noted).mean()),
        "regen_seed": float(np.abs(original - reseeded).mean()),
    }


def size_per_minute(r: Renderer, video_type: str) -> tuple[float, float]:
    """MB per minute at 1920×1080 for the first SIZE_SECONDS, with the shared encoding and the previous one."""
    import vibecraft.render.frame_encoder as frame_encoder
    from vibecraft.video import encoding

    def previous_args(fps: int, size=None) -> list[str]:  # noqa: ANN001
        gop = encoding.keyframe_interval(fps)
        return ["-c:v", "libx264", "-preset", encoding.PRESET, "-crf", "20", "-profile:v", encoding.PROFILE,
                "-level:v", encoding.LEVEL, "-pix_fmt", encoding.PIXEL_FORMAT, "-g", str(gop), "-keyint_min", str(gop),
                "-x264-params", "stitchable=1:bframes=0:open-gop=0:scenecut=0", "-r", str(fps), "-fps_mode", "cfr",
                "-video_track_timescale", str(encoding.track_timescale(fps))]

    sizes = []
    for args in (encoding.h264_output_args, previous_args):
        frame_encoder.h264_output_args = args
        total, t = 0, 0.0
        for i, s in enumerate(r.sections):
            if t >= SIZE_SECONDS:
                break
            end = min(s.end, SIZE_SECONDS)
            if end - s.start > 0.5:
                total += r.clip(video_type, i, s.start, end, shape=FULL).stat().st_size
            t = end
        sizes.append(total / 1e6 / (t / 60))
    frame_encoder.h264_output_args = encoding.h264_output_args
    return sizes[0], sizes[1]


def main() -> int:
    quick = "--quick" in sys.argv
    analysis = analysis_of(SONG)
    sections = [SectionFacts(label=s["label"], start=float(s["start_time"]), end=float(s["end_time"]))
                for s in analysis.suggested_sections]
    print(f"song: {SONG.name}, {analysis.duration_sec:.0f} s, sections: "
          + ", ".join(f"{s.label} {s.start:.0f}–{s.end:.0f}" for s in sections))
    print(f'prompt: "{PROMPT}"')
    print(f"{'video type':<22}{'hue° named':>11}{'(ignored)':>10}{'between':>9}{'within':>8}{'same lbl':>9}"
          f"{'regen+note':>11}{'regen seed':>11}{'MB/min':>8}{'(before)':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        r = Renderer(analysis, sections, Path(tmp))
        for video_type in VIDEO_TYPES:
            m = bench_type(r, video_type, quick)
            mb, before = (float("nan"), float("nan")) if quick else size_per_minute(r, video_type)
            print(f"{video_type:<22}{m['hue_named']:>11.0f}{m['hue_unnamed']:>10.0f}{m['between']:>9.1f}{m['within']:>8.1f}"
                  f"{m['same_label']:>9.1f}{m['regen_note']:>11.1f}{m['regen_seed']:>11.1f}{mb:>8.1f}{before:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
