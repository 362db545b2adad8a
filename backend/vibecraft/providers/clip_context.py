"""What the music says about one clip, cut out of the song's analysis (times relative to the clip)."""

from __future__ import annotations

from pathlib import Path

from vibecraft.providers.base import ClipContext, Word
from vibecraft.video.shapes import frame_index


def build_clip_context(
    *,
    start: float,
    end: float,
    analysis: dict,
    video_type: str,
    section_label: str,
    audio_path: Path | None,
    look_seed: int,
    fps: int,
    look_prompt: str = "",
) -> ClipContext:
    first_frame = frame_index(start, fps)

    def inside(times: list[float]) -> tuple[float, ...]:
        # On the composed video's frame grid, so a pulse drawn on frame k shows on the song's beat frame.
        return tuple(round((frame_index(t, fps) - first_frame) / fps, 4) for t in times if start - 1e-6 <= t < end)

    words = tuple(
        Word(start=max(0.0, w["start"] - start), end=max(0.0, w["end"] - start), word=w["word"])
        for line in analysis.get("lyrics") or []
        for w in line.get("words") or []
        if w.get("end", 0) > start and w.get("start", 0) < end
    )
    return ClipContext(
        audio_path=audio_path,
        beat_times=inside(analysis.get("beat_times") or []),
        downbeat_times=inside(analysis.get("downbeat_times") or []),
        words=words,
        video_type=video_type,
        mood_vector=dict(analysis.get("mood_vector") or {}),
        mood_primary=str(analysis.get("mood_primary") or ""),
        genre=str(analysis.get("genre") or ""),
        section_label=section_label,
        look_seed=look_seed,
        look_prompt=look_prompt,
        fps=fps,
    )
