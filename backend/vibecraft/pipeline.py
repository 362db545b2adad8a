"""The whole song-to-video pipeline without a server (what `vibecraft make` runs)."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from vibecraft.providers.base import ClipRequest, VideoProvider
from vibecraft.video.shapes import Shape, frame_count

Progress = Callable[[str, float, str], None]


@dataclass
class MakeResult:
    output: Path
    duration_sec: float
    clip_count: int
    stage_seconds: dict[str, float] = field(default_factory=dict)


def load_sections(spec: str, analysis: dict) -> list[dict]:
    """'auto' takes the analysis's suggested sections; otherwise a JSON file of [{label, start_time, end_time, prompt_note?}]."""
    if spec == "auto":
        return [dict(s) for s in analysis.get("suggested_sections") or []]
    data = json.loads(Path(spec).read_text(encoding="utf-8"))
    return list(data["sections"] if isinstance(data, dict) else data)


def make_video(
    song: Path,
    output: Path,
    *,
    provider: VideoProvider,
    shape: Shape,
    fps: int = 24,
    video_type: str | None = None,
    sections_spec: str = "auto",
    lyrics_engine=None,  # noqa: ANN001
    lyrics_text: str | None = None,
    concurrency: int = 2,
    workdir: Path | None = None,
    on_progress: Progress | None = None,
) -> MakeResult:
    from vibecraft.audio.analysis import analyze_audio
    from vibecraft.providers.clip_context import SectionFacts, build_clip_context
    from vibecraft.planning.clips import plan_clips
    from vibecraft.planning.prompts import build_overall_prompt
    from vibecraft.planning.sections import SectionDraft, snap_sections
    from vibecraft.services.clip_prompts import clip_prompt
    from vibecraft.video.compose import compose_video
    from vibecraft.video.normalize import normalize_clip

    report = on_progress or (lambda *_: None)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    analysis = analyze_audio(song, lyrics_engine=lyrics_engine, lyrics_text=lyrics_text,
                             on_progress=lambda stage, pct: report("analysis", pct, stage))
    report("analysis", 100, "done")
    timings["analysis"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    duration = float(analysis["duration_sec"])
    drafts = [SectionDraft(label=s["label"], start_time=float(s["start_time"]), end_time=float(s["end_time"]),
                           prompt_note=s.get("prompt_note", "")) for s in load_sections(sections_spec, analysis)]
    sections = snap_sections(drafts, duration=duration, beat_times=analysis["beat_times"], downbeat_times=analysis["downbeat_times"])
    vtype = video_type or analysis["suggested_video_type"]
    overall = build_overall_prompt(genre=analysis["genre"], mood_primary=analysis["mood_primary"],
                                   mood_tags=analysis.get("mood_tags") or [], video_type=vtype, bpm=analysis["bpm"])
    min_len, max_len = provider.preferred_clip_lengths()
    plan: list[tuple[int, SectionDraft, int, float, float, str]] = []
    for s_index, section in enumerate(sections):
        pieces = plan_clips(section.start_time, section.end_time, beat_times=analysis["beat_times"],
                            downbeat_times=analysis["downbeat_times"], min_len=max(3.0, min_len), max_len=min(10.0, max_len),
                            energy=analysis.get("waveform") or None, song_duration=duration)
        for c_index, piece in enumerate(pieces):
            start, end = float(piece[0]), float(piece[1])
            prompt = clip_prompt(duration, analysis, overall, section.label, section.prompt_note, start, end, c_index, len(pieces))
            plan.append((s_index, section, c_index, start, end, prompt))
    report("planning", 100, f"{len(sections)} sections, {len(plan)} clips")
    timings["planning"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    look_seed = int.from_bytes(song.name.encode()[:8].ljust(8, b"\0"), "big") % (2**31)  # stable across runs
    section_facts = [SectionFacts(label=s.label, start=s.start_time, end=s.end_time, note=s.prompt_note) for s in sections]
    with tempfile.TemporaryDirectory(dir=workdir) as tmp_name:
        tmp = Path(tmp_name)

        def make_clip(i: int) -> Path:
            from vibecraft.ffmpeg import ffmpeg_binary, run

            s_index, section, c_index, start, end, prompt = plan[i]
            excerpt = tmp / f"excerpt-{i:04d}.wav"
            run([ffmpeg_binary(), "-nostdin", "-v", "error", "-y", "-ss", f"{start:.3f}", "-t", f"{end - start:.3f}",
                 "-i", str(song), "-ac", "1", "-ar", "22050", str(excerpt)], timeout=120)
            context = build_clip_context(start=start, end=end, analysis=analysis, video_type=vtype,
                                         section_label=section.label, audio_path=excerpt, look_seed=look_seed, fps=fps,
                                         look_prompt=overall, sections=section_facts, section_index=s_index)
            request = ClipRequest(prompt=prompt, duration=frame_count(start, end, fps) / fps, shape=shape,
                                  seed=clip_seed_for(look_seed, s_index, c_index), context=context)
            raw = provider.generate(request, tmp / f"raw-{i:04d}.mp4")
            return normalize_clip(raw, tmp / f"clip-{i:04d}.mp4", start=start, end=end, shape=shape, fps=fps,
                                  reuse_if_normalized=provider.encodes_normalized)

        paths: list[Path | None] = [None] * len(plan)
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            futures = {pool.submit(make_clip, i): i for i in range(len(plan))}
            for done, future in enumerate(as_completed(futures), start=1):
                paths[futures[future]] = future.result()
                report("clips", 100 * done / len(plan), f"{done} of {len(plan)}")
        timings["clips"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        expected = [frame_count(p[3], p[4], fps) for p in plan]
        report("compose", 10, "stitching")
        result = compose_video([p for p in paths if p is not None], song, output, expected_frames=expected, fps=fps,
                               duration_sec=duration)
        report("compose", 100, "verified")
        timings["compose"] = time.perf_counter() - t0
    return MakeResult(output=output, duration_sec=result.duration_sec, clip_count=len(plan), stage_seconds=timings)


def clip_seed_for(look_seed: int, section_index: int, clip_index: int) -> int:
    return (look_seed * 1_000_003 + section_index * 1009 + clip_index) % (2**31)
