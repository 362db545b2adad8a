"""What the music says about one clip, cut out of the song's analysis (times relative to the clip), and where
the clip sits in the song's form: its section's label slot, note, energy and the energies around it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vibecraft.analysis_result import AnalysisResult
from vibecraft.planning.energy import energy_at
from vibecraft.providers.base import ClipContext, MediaSource, Word
from vibecraft.video.shapes import frame_index


@dataclass(frozen=True)
class SectionFacts:
    """What the renderer needs of each section of the song, in order."""

    label: str
    start: float
    end: float
    note: str = ""


def label_key(label: str) -> str:
    """The part of a label that names the section's role: "Chorus 2" and "chorus" are the same part."""
    words = re.findall(r"[^\W\d_]+", (label or "").lower())
    words = [w for w in words if w not in {"i", "ii", "iii", "iv", "v", "vi"}]
    return " ".join(words) or (label or "").strip().lower()


def label_slots(labels: Sequence[str]) -> list[int]:
    """For each label, the order in which its part first appears in the song (intro 0, verse 1, chorus 2, …)."""
    order: dict[str, int] = {}
    return [order.setdefault(label_key(label), len(order)) for label in labels]


def section_energies(sections: Sequence[SectionFacts], analysis: AnalysisResult) -> list[float]:
    """Each section's loudness, spread over 0.1–0.9 between the song's quietest and loudest section (0.5 each
    when they hardly differ), so the song's shape reads whatever its mastering."""
    waveform = analysis.waveform
    duration = float(analysis.duration_sec or (sections[-1].end if sections else 0.0))
    raw = [energy_at(waveform, duration, s.start, s.end) for s in sections]
    if not raw:
        return []
    low, high = min(raw), max(raw)
    if high - low < 0.03:
        return [0.5] * len(raw)
    return [0.1 + 0.8 * (e - low) / (high - low) for e in raw]


def build_clip_context(
    *,
    start: float,
    end: float,
    analysis: AnalysisResult,
    video_type: str,
    section_label: str,
    audio_path: Path | None,
    look_seed: int,
    fps: int,
    look_prompt: str = "",
    sections: Sequence[SectionFacts] = (),
    section_index: int | None = None,
    clip_note: str = "",
    variation: int = 0,
    media: tuple[MediaSource, ...] = (),
) -> ClipContext:
    """The clip's context. `sections` (the song's, in order) and `section_index` (this clip's) let the renderer
    give each section its look; without them the clip is treated as one section of its own."""
    first_frame = frame_index(start, fps)

    def inside(times: list[float]) -> tuple[float, ...]:
        # On the composed video's frame grid, so a pulse drawn on frame k shows on the song's beat frame.
        return tuple(round((frame_index(t, fps) - first_frame) / fps, 4) for t in times if start - 1e-6 <= t < end)

    # Every word of each line sung in the clip, even those before or after it (times may be negative):
    # the text is laid out from the whole line, so a line keeps its place and size across a cut.
    words = tuple(
        Word(start=w["start"] - start, end=w["end"] - start, word=w["word"], line=index)
        for index, line in enumerate(analysis.lyrics)
        if line.get("words") and line["words"][-1].get("end", 0) > start and line["words"][0].get("start", 0) < end
        for w in line["words"]
    )
    form: dict = {}
    if sections and section_index is not None and 0 <= section_index < len(sections):
        here = sections[section_index]
        energies = section_energies(sections, analysis)
        span = max(here.end - here.start, 1e-6)
        form = dict(
            section_note=here.note,
            section_slot=label_slots([s.label for s in sections])[section_index],
            section_energy=energies[section_index],
            previous_energy=energies[section_index - 1] if section_index > 0 else None,
            next_energy=energies[section_index + 1] if section_index + 1 < len(sections) else None,
            starts_section=abs(start - here.start) < 0.5 / fps,
            section_progress=(max(0.0, (start - here.start) / span), min(1.0, (end - here.start) / span)),
        )
    return ClipContext(
        audio_path=audio_path,
        beat_times=inside(analysis.beat_times),
        downbeat_times=inside(analysis.downbeat_times),
        words=words,
        video_type=video_type,
        mood_vector=dict(analysis.mood_vector),
        mood_primary=analysis.mood_primary,
        genre=analysis.genre,
        section_label=section_label,
        look_seed=look_seed,
        look_prompt=look_prompt,
        fps=fps,
        clip_note=clip_note,
        variation=variation,
        media=media,
        **form,
    )
