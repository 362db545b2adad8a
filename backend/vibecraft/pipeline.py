"""One song-to-video pipeline, two drivers.

The jobs (jobs/tasks.py: one clip per job, files in storage, rows in the database) and `vibecraft make`
(cli_make.py: the whole song on this machine, no server) plan, prompt, cut, render, normalize and compose
through these functions, so a video comes out the same whichever driver made it. Everything here is pure
media and planning: no database, no storage, no queue.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from pathlib import Path

from vibecraft.analysis_result import AnalysisResult
from vibecraft.audio_check import UPLOAD_INPUT_OPTIONS
from vibecraft.ffmpeg import ffmpeg_binary, run
from vibecraft.planning.clips import plan_clips
from vibecraft.planning.prompts import build_clip_prompt, build_overall_prompt
from vibecraft.planning.sections import lyrics_for_section
from vibecraft.providers.base import ClipRequest, VideoProvider
from vibecraft.providers.clip_context import SectionFacts, build_clip_context
from vibecraft.render.context import MediaSource
from vibecraft.video.normalize import normalize_clip
from vibecraft.video.normalize_lyrics import normalize_with_lyrics
from vibecraft.video.shapes import Shape, frame_count
from vibecraft.video_types import DEFAULT_VIDEO_TYPE

EXCERPT_RATE = 22050  # Hz, mono: what the renderer's audio envelope reads


def plan_section_clips(start: float, end: float, *, analysis: AnalysisResult, provider: VideoProvider,
                       song_duration: float) -> list[tuple[float, float]]:
    """Beat-aligned (start, end) clips of 3–10 s (inside what the provider makes well) that fill one section."""
    min_len, max_len = provider.preferred_clip_lengths()
    pieces = plan_clips(
        start,
        end,
        beat_times=analysis.beat_times,
        downbeat_times=analysis.downbeat_times,
        min_len=max(3.0, min_len),
        max_len=min(10.0, max_len),
        energy=analysis.waveform or None,
        song_duration=song_duration,
    )
    return [(float(a), float(b)) for a, b in pieces]


def clip_seed(song_key: Hashable, section_index: int, clip_index: int, version: int) -> int:
    """The provider seed of one version of one clip: stable for the same song, place and version."""
    digest = hashlib.sha256(f"{song_key}:{section_index}:{clip_index}:{version}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def overall_prompt(analysis: AnalysisResult, video_type: str) -> str:
    """The video's prompt when the musician wrote none: genre, mood and tempo in the video type's words."""
    return build_overall_prompt(
        genre=analysis.genre,
        mood_primary=analysis.mood_primary,
        mood_tags=analysis.mood_tags,
        video_type=video_type,
        bpm=float(analysis.bpm),
    )


def stretch_energy(waveform: list[float], duration: float, start: float, end: float) -> float:
    """Mean loudness (0–1) of the waveform peaks between start and end."""
    if not waveform or duration <= 0:
        return 0.5
    n = len(waveform)
    lo = max(0, min(n - 1, int(start / duration * n)))
    hi = max(lo + 1, min(n, int(round(end / duration * n))))
    chunk = waveform[lo:hi]
    return float(sum(chunk) / len(chunk)) if chunk else 0.5


def lyrics_text(lines: list[dict], start: float, end: float) -> str:
    """The lyrics sung between start and end, lines joined by ' / '."""
    return " / ".join(line.get("text", "").strip() for line in lyrics_for_section(lines, start, end) if line.get("text"))


def clip_prompt(
    duration: float, analysis: AnalysisResult, overall: str, label: str, note: str, start: float, end: float, index: int, count: int
) -> str:
    """The prompt of one clip: the song's overall prompt, its section's label and note, the lyrics under it and its energy."""
    return build_clip_prompt(
        overall_prompt=overall,
        section_label=label,
        prompt_note=note,
        lyrics_text=lyrics_text(analysis.lyrics, start, end),
        energy=stretch_energy(analysis.waveform, duration, start, end),
        clip_index=index,
        clip_count=count,
    )


def cut_excerpt(song: Path, start: float, end: float, out: Path) -> Path:
    """The clip's own stretch of the song as mono WAV (the renderer's audio envelope reads it)."""
    run([ffmpeg_binary(), "-nostdin", "-v", "error", "-y", "-ss", f"{start:.3f}", "-t", f"{end - start:.3f}",
         *UPLOAD_INPUT_OPTIONS, "-i", str(song), "-ac", "1", "-ar", str(EXCERPT_RATE), str(out)], timeout=120)
    return out


def clip_request(*, prompt: str, seed: int, start: float, end: float, shape: Shape, fps: int, analysis: AnalysisResult,
                 video_type: str | None, section_label: str, excerpt: Path | None, look_seed: int, look_prompt: str,
                 sections: Sequence[SectionFacts] = (), section_index: int | None = None, clip_note: str = "",
                 variation: int = 0, media: Sequence[MediaSource] = ()) -> ClipRequest:
    """What a provider is asked for one clip: its prompt, exact length, shape, seed and musical context."""
    return ClipRequest(
        prompt=prompt,
        duration=frame_count(start, end, fps) / fps,
        shape=shape,
        seed=seed,
        first_frame=next((m.path for m in media if m.kind == "photo"), None),
        context=build_clip_context(
            start=start, end=end, analysis=analysis,
            video_type=video_type or analysis.suggested_video_type or DEFAULT_VIDEO_TYPE,
            section_label=section_label, audio_path=excerpt, look_seed=look_seed, fps=fps, look_prompt=look_prompt,
            sections=sections, section_index=section_index, clip_note=clip_note, variation=variation, media=tuple(media),
        ),
    )


def normalize_provider_clip(raw: Path, out: Path, request: ClipRequest, provider: VideoProvider, *, start: float,
                            end: float, shape: Shape, fps: int) -> Path:
    """Normalize a provider's clip to its exact frames and the shared encoding; for a lyric video from a provider
    that does not draw words itself, the timed words are drawn on in the same pass (one encode)."""
    context = request.context
    if context.video_type == "lyric_video" and context.words and not provider.encodes_normalized:
        return normalize_with_lyrics(raw, out, start=start, end=end, shape=shape, fps=fps, words=context.words,
                                     beat_times=context.beat_times)
    return normalize_clip(raw, out, start=start, end=end, shape=shape, fps=fps, reuse_if_normalized=provider.encodes_normalized)


def crossfade_points(section_of_clip: Sequence[Hashable], enabled: bool) -> set[int]:
    """Indices of clips that open a new section: with crossfades on they dissolve in; cuts inside a section stay hard."""
    if not enabled:
        return set()
    return {i for i in range(1, len(section_of_clip)) if section_of_clip[i] != section_of_clip[i - 1]}
