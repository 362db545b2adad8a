"""Replicate bench: how alike consecutive clips look across cuts with and without continuity frames, and what a
3-minute song costs on each supported model at the resolution we ask for.

Runs against the fake Replicate (its output starts from the input image when one is given, else it is a pattern
tinted by the seed), through the real provider and the job's own frame extraction. Similarity of two frames is
1 − mean |a − b| / 255 over RGB at 64×36: at each cut inside a section, the last frame of a clip against the
first of the next; for each later section, its opening frame against the video's opening frame.

    python bench/bench_replicate.py [--stills DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.replicate_server import FakeReplicate  # noqa: E402
from vibecraft.ffmpeg import ffmpeg_binary, run  # noqa: E402
from vibecraft.planning.clips import plan_clips  # noqa: E402
from vibecraft.providers.base import ClipRequest  # noqa: E402
from vibecraft.providers.replicate import ReplicateVideoProvider  # noqa: E402
from vibecraft.providers.replicate_http import OutputPolicy  # noqa: E402
from vibecraft.providers.replicate_models import MODELS  # noqa: E402
from vibecraft.services.clip_jobs import extract_frame  # noqa: E402
from vibecraft.video.shapes import SHAPES  # noqa: E402

SECTIONS, CLIPS_PER_SECTION, CLIP_SEC = 3, 3, 4.0
SONG_SEC, SECTION_SEC, BPM = 180.0, 30.0, 120.0


def small_rgb(image: Path, size: tuple[int, int] = (64, 36)) -> np.ndarray:
    data = run([ffmpeg_binary(), "-v", "error", "-i", str(image), "-vf", f"scale={size[0]}:{size[1]}",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return np.frombuffer(data, np.uint8).reshape(size[1], size[0], 3).astype(np.float32)


def similarity(a: Path, b: Path) -> float:
    return 1.0 - float(np.abs(small_rgb(a) - small_rgb(b)).mean()) / 255.0


def make_section_clips(provider: ReplicateVideoProvider, workdir: Path, *, continuity: bool) -> list[list[Path]]:
    """Clips of SECTIONS sections, made in the order the dispatcher allows, each from the frame it would start from."""
    sections: list[list[Path]] = []
    key_frame = None
    for s in range(SECTIONS):
        clips: list[Path] = []
        for c in range(CLIPS_PER_SECTION):
            first = None
            if continuity and c > 0:
                first = extract_frame(clips[-1], workdir / f"first-{s}-{c}.jpg", last=True)
            elif continuity and s > 0:
                first = key_frame
            request = ClipRequest(prompt=f"section {s} shot {c}", duration=CLIP_SEC, shape=SHAPES["16:9"],
                                  seed=1000 + 37 * (s * CLIPS_PER_SECTION + c), first_frame=first)
            clips.append(provider.generate(request, workdir / f"clip-{s}-{c}.mp4"))
            if s == 0 and c == 0:
                key_frame = extract_frame(clips[0], workdir / "keyframe.jpg", last=False)
        sections.append(clips)
    return sections


def cut_similarities(sections: list[list[Path]], workdir: Path) -> tuple[list[float], list[float]]:
    """(every cut inside a section: last frame → next first frame,
    every later section's opening frame against the video's opening frame: one palette and subject)."""
    inside = []
    for s, clips in enumerate(sections):
        for i in range(1, len(clips)):
            last = extract_frame(clips[i - 1], workdir / f"cut-{s}-{i}-last.png", last=True)
            first = extract_frame(clips[i], workdir / f"cut-{s}-{i}-first.png", last=False)
            inside.append(similarity(last, first))
    opening = extract_frame(sections[0][0], workdir / "opening.png", last=False)
    openers = [similarity(opening, extract_frame(clips[0], workdir / f"opener-{s}.png", last=False))
               for s, clips in enumerate(sections) if s > 0]
    return inside, openers


def save_still(sections: list[list[Path]], out: Path) -> None:
    """The last frame of a section's first clip beside the first frame of its second, 640×180."""
    a, b = sections[0][0], sections[0][1]
    run([ffmpeg_binary(), "-v", "error", "-y", "-sseof", "-0.2", "-i", str(a), "-i", str(b), "-filter_complex",
         "[0:v]scale=320:180,setsar=1[l];[1:v]scale=320:180,setsar=1,trim=end_frame=1[r];[l][r]hstack=inputs=2",
         "-update", "1", "-frames:v", "1", str(out)])


def continuity_figures(stills: Path | None) -> None:
    print(f"Continuity across cuts ({SECTIONS} sections × {CLIPS_PER_SECTION} clips of {CLIP_SEC:g} s, fake Replicate, "
          "bytedance/seedance-1-lite):")
    print(f"  {'':<20}{'cuts in a section':>19}{'section openings':>18}")
    with FakeReplicate(start_delay=0.02, processing_delay=0.05) as fake, tempfile.TemporaryDirectory() as tmp:
        provider = ReplicateVideoProvider(fake.token, base_url=fake.base_url, poll_interval=0.02, retry_backoff=0.02,
                                          output_policy=OutputPolicy(hosts=("127.0.0.1",), allow_http=True))
        for continuity in (True, False):
            workdir = Path(tmp) / ("with" if continuity else "without")
            workdir.mkdir()
            sections = make_section_clips(provider, workdir, continuity=continuity)
            inside, across = cut_similarities(sections, workdir)
            label = "with continuity" if continuity else "without"
            print(f"  {label:<20}{np.mean(inside):>19.3f}{np.mean(across):>18.3f}")
            if stills:
                stills.mkdir(parents=True, exist_ok=True)
                save_still(sections, stills / f"replicate-continuity-{'with' if continuity else 'without'}.png")
        print(f"  creates made: {len(fake.calls('create', 'POST'))} for {2 * SECTIONS * CLIPS_PER_SECTION} clips")


def cost_table() -> None:
    beats = [i * 60.0 / BPM for i in range(int(SONG_SEC * BPM / 60) + 1)]
    downbeats = beats[::4]
    print(f"\nEstimated cost of a {SONG_SEC / 60:g}-minute song ({int(SONG_SEC / SECTION_SEC)} sections, {BPM:g} BPM), "
          "full size (1080 short side); hand-kept price table, check replicate.com before quoting:")
    print(f"  {'model':<30}{'asks for':>10}{'clips':>7}{'billed s':>10}{'USD':>9}")
    for model in MODELS:
        provider = ReplicateVideoProvider("r8_bench", model=model, base_url="http://127.0.0.1:9/v1", target_height=1080)
        low, high = provider.preferred_clip_lengths()
        clips = []
        for start in np.arange(0.0, SONG_SEC, SECTION_SEC):
            end = min(SONG_SEC, float(start) + SECTION_SEC)
            clips += plan_clips(float(start), end, beat_times=beats, downbeat_times=downbeats, min_len=max(3.0, low),
                                max_len=min(10.0, high), song_duration=SONG_SEC)
        lengths = [float(c[1]) - float(c[0]) for c in clips]
        billed = sum(provider.supported_duration(x) for x in lengths)
        cost = sum(provider.estimate_cost_usd(x) for x in lengths)
        print(f"  {model:<30}{provider.resolution or '-':>10}{len(clips):>7}{billed:>10.1f}{cost:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stills", type=Path, help="write the continuity stills (PNG) into this folder")
    args = parser.parse_args()
    continuity_figures(args.stills)
    cost_table()


if __name__ == "__main__":
    main()
