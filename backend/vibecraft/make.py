"""The pipeline's second driver (the jobs are the first): the whole song on this machine, no server.

It runs the same planning and media steps as the jobs (vibecraft/pipeline.py), only with local files and
threads instead of storage, rows and a queue. `vibecraft make` (cli_make.py) calls it.
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from vibecraft import pipeline
from vibecraft.analysis_result import AnalysisResult
from vibecraft.audio.analysis import analyze_audio
from vibecraft.planning.sections import SectionDraft, SectionError, snap_sections
from vibecraft.providers.base import VideoProvider
from vibecraft.providers.clip_context import SectionFacts
from vibecraft.schemas import SectionsIn
from vibecraft.video.compose import compose_video
from vibecraft.video.shapes import Shape, frame_count

Progress = Callable[[str, float, str], None]


@dataclass(frozen=True)
class PlannedClip:
    section_index: int
    clip_index: int
    start: float
    end: float
    prompt: str


@dataclass
class MakeResult:
    output: Path
    duration_sec: float
    clip_count: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    clips: list[PlannedClip] = field(default_factory=list)


class SectionsFileError(ValueError):
    """A sections file a person must fix; the message names the file and what is wrong."""


def read_sections_file(path: Path) -> list[dict]:
    """The sections of a JSON file: a list of {label, start_time, end_time, prompt_note?}, or {"sections": [...]}.

    Checked with the API's own schema, so the command line and the web app accept the same sections;
    read before the analysis, so a typo costs no waiting.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SectionsFileError(f"{path.name} is not a readable JSON file: {e}") from e
    try:
        checked = SectionsIn.model_validate(data if isinstance(data, dict) else {"sections": data})
    except ValidationError as e:
        problems = "; ".join(_section_problem(err) for err in e.errors()[:4])
        raise SectionsFileError(f"{path.name}: {problems} (each section needs label, start_time and end_time "
                                f"in seconds, prompt_note is optional)") from e
    if not checked.sections:
        raise SectionsFileError(f"{path.name} holds no sections")
    return [s.model_dump() for s in checked.sections]


def check_sections_file(path: Path, duration: float) -> list[dict]:
    """read_sections_file, then the checks that need only the song's length (labels, notes, order, no gap or
    overlap, the whole song covered), so every mistake the planner would find shows before the analysis.
    """
    sections = read_sections_file(path)
    try:
        snap_sections([_draft(s) for s in sections], duration=duration, beat_times=[], downbeat_times=[])
    except SectionError as e:
        raise SectionsFileError(f"{path.name}: {e}") from e
    return sections


def _draft(section: dict) -> SectionDraft:
    return SectionDraft(label=section["label"], start_time=float(section["start_time"]),
                        end_time=float(section["end_time"]), prompt_note=section.get("prompt_note", ""))


def _section_problem(error: dict) -> str:
    where = [f"section {p + 1}" if isinstance(p, int) else str(p) for p in error["loc"] if p != "sections"]
    return f"{' '.join(where) or 'sections'}: {error['msg'].lower()}"


def load_sections(spec: str, analysis: AnalysisResult) -> list[dict]:
    """'auto' takes the analysis's suggested sections; otherwise the sections of a JSON file (read_sections_file)."""
    if spec == "auto":
        return [dict(s) for s in analysis.suggested_sections]
    return read_sections_file(Path(spec))


def make_video(
    song: Path,
    output: Path,
    *,
    provider: VideoProvider,
    shape: Shape,
    fps: int = 24,
    video_type: str | None = None,
    prompt: str | None = None,
    sections_spec: str = "auto",
    lyrics_engine=None,  # noqa: ANN001
    lyrics_text: str | None = None,
    concurrency: int = 2,
    crossfade: bool = False,
    workdir: Path | None = None,
    on_progress: Progress | None = None,
) -> MakeResult:
    """Analyze the song, plan its clips, render and normalize them in parallel, and compose the video."""
    report = on_progress or (lambda *_: None)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    analysis = analyze_audio(song, lyrics_engine=lyrics_engine, lyrics_text=lyrics_text,
                             on_progress=lambda stage, pct: report("analysis", pct, stage))
    report("analysis", 100, "done")
    timings["analysis"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    duration = float(analysis.duration_sec)
    drafts = [_draft(s) for s in load_sections(sections_spec, analysis)]
    sections = snap_sections(drafts, duration=duration, beat_times=analysis.beat_times, downbeat_times=analysis.downbeat_times)
    facts = [SectionFacts(label=s.label, start=s.start_time, end=s.end_time, note=s.prompt_note or "") for s in sections]
    vtype = video_type or analysis.suggested_video_type
    overall = prompt.strip() if prompt and prompt.strip() else pipeline.overall_prompt(analysis, vtype)
    plan: list[PlannedClip] = []
    for s_index, section in enumerate(sections):
        pieces = pipeline.plan_section_clips(section.start_time, section.end_time, analysis=analysis, provider=provider,
                                             song_duration=duration)
        for c_index, (start, end) in enumerate(pieces):
            prompt = pipeline.clip_prompt(duration, analysis, overall, section.label, section.prompt_note, start, end,
                                          c_index, len(pieces))
            plan.append(PlannedClip(s_index, c_index, start, end, prompt))
    report("planning", 100, f"{len(sections)} sections, {len(plan)} clips")
    timings["planning"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    song_key = uuid.uuid5(uuid.NAMESPACE_URL, song.name)  # stable across runs: the same song gets the same looks
    look_seed = song_key.int % (2**31)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp_name:
        tmp = Path(tmp_name)

        def make_clip(i: int) -> Path:
            clip = plan[i]
            excerpt = pipeline.cut_excerpt(song, clip.start, clip.end, tmp / f"excerpt-{i:04d}.wav")
            request = pipeline.clip_request(
                prompt=clip.prompt, seed=pipeline.clip_seed(song_key, clip.section_index, clip.clip_index, 0),
                start=clip.start, end=clip.end, shape=shape, fps=fps, analysis=analysis, video_type=vtype,
                section_label=sections[clip.section_index].label, excerpt=excerpt, look_seed=look_seed,
                look_prompt=overall, sections=facts, section_index=clip.section_index,
            )
            raw = provider.generate(request, tmp / f"raw-{i:04d}.mp4")
            return pipeline.normalize_provider_clip(raw, tmp / f"clip-{i:04d}.mp4", request, provider, start=clip.start,
                                                    end=clip.end, shape=shape, fps=fps)

        paths: list[Path | None] = [None] * len(plan)
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            futures = {pool.submit(make_clip, i): i for i in range(len(plan))}
            for done, future in enumerate(as_completed(futures), start=1):
                paths[futures[future]] = future.result()
                report("clips", 100 * done / len(plan), f"{done} of {len(plan)}")
        timings["clips"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        expected = [frame_count(c.start, c.end, fps) for c in plan]
        report("compose", 10, "stitching")
        result = compose_video([p for p in paths if p is not None], song, output, expected_frames=expected, fps=fps,
                               duration_sec=duration,
                               crossfade_at=pipeline.crossfade_points([c.section_index for c in plan], crossfade))
        report("compose", 100, "verified")
        timings["compose"] = time.perf_counter() - t0
    return MakeResult(output=output, duration_sec=result.duration_sec, clip_count=len(plan), stage_seconds=timings,
                      clips=plan)
