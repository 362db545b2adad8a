"""Sections a musician marks, checked and snapped onto the beat grid; the lyrics that fall in each."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from vibecraft.planning.beat_grid import BeatGrid, nearest_index

MAX_SECTIONS = 12
MAX_LABEL_CHARS = 40
MAX_NOTE_CHARS = 100
# How far a requested edge may miss 0, the song's end or its neighbour (UI rounding, a dragged handle).
TIME_TOLERANCE_SEC = 0.05
# Detected beats wobble, so the first and last section may be a little under one median beat.
EDGE_SECTION_BEAT_FRACTION = 0.9
# With no beat grid a section must still make at least one visible clip (a beat at 120 BPM).
MIN_SECTION_WITHOUT_BEATS_SEC = 0.5


class SectionError(ValueError):
    """Sections that cannot be used; the message says what to change and can be shown to the user."""


@dataclass(frozen=True)
class SectionDraft:
    label: str
    start_time: float
    end_time: float
    prompt_note: str = ""


def snap_sections(
    sections: list[SectionDraft], *, duration: float, beat_times: list[float], downbeat_times: list[float]
) -> list[SectionDraft]:
    """Check that the sections tile the song and move every inner boundary onto the beat grid.

    The result starts at exactly 0 and ends at exactly `duration`. Each inner boundary becomes the
    nearest beat, or the nearest downbeat when one lies within half a (local) beat of the requested
    time; the times returned are the very floats of `beat_times`. With fewer than two beats the
    boundaries stay put, rounded to the millisecond. Raises SectionError for anything unusable.
    """
    if not math.isfinite(duration) or duration <= 0:
        raise SectionError("The song has no length, so it cannot be divided into sections.")
    if not sections:
        raise SectionError("Mark at least 1 section; together the sections must cover the whole song.")
    if len(sections) > MAX_SECTIONS:
        raise SectionError(f"A song can have at most {MAX_SECTIONS} sections; you marked {len(sections)}.")
    drafts = [_checked_draft(i, s) for i, s in enumerate(sections)]
    drafts.sort(key=lambda s: (s.start_time, s.end_time))
    _check_tiling(drafts, duration)

    requested = [(a.end_time + b.start_time) / 2 for a, b in zip(drafts, drafts[1:])]
    grid = BeatGrid.build(beat_times, downbeat_times)
    has_grid = grid.is_usable() and len(grid.indices_between(0.0, duration)) > 0
    if has_grid:
        boundaries = [0.0, *(_snap(grid, t, duration) for t in requested), float(duration)]
    else:
        boundaries = [0.0, *(round(t, 3) for t in requested), float(duration)]

    snapped = [
        SectionDraft(label=d.label, start_time=start, end_time=end, prompt_note=d.prompt_note)
        for d, start, end in zip(drafts, boundaries, boundaries[1:])
    ]
    for i, section in enumerate(snapped):
        is_edge = i in (0, len(snapped) - 1)
        if len(snapped) > 1 and not _long_enough(section, grid if has_grid else None, is_edge=is_edge):
            raise SectionError(
                f"Section '{section.label}' ({section.start_time:.2f}–{section.end_time:.2f} s) is shorter than one beat "
                "once its edges are snapped to the beat grid; make it longer or merge it with a neighbour."
            )
    return snapped


def lyrics_for_section(lines: Sequence[dict], start: float, end: float) -> list[dict]:
    """The lyric lines that overlap [start, end); a line spanning a boundary belongs to both sections."""
    found = []
    for line in lines:
        try:
            line_start, line_end = float(line["start"]), float(line["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if line_end <= line_start:
            overlaps = start <= line_start < end  # an instant line belongs where it happens
        else:
            overlaps = line_start < end and line_end > start
        if overlaps:
            found.append(line)
    return found


def _checked_draft(index: int, section: SectionDraft) -> SectionDraft:
    label = " ".join(str(section.label or "").split())
    name = f"Section {index + 1}"
    if not 1 <= len(label) <= MAX_LABEL_CHARS:
        raise SectionError(f"{name}'s label must be 1–{MAX_LABEL_CHARS} characters (it has {len(label)}).")
    note = (section.prompt_note or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        raise SectionError(f"The note of section '{label}' must be at most {MAX_NOTE_CHARS} characters (it has {len(note)}).")
    start, end = float(section.start_time), float(section.end_time)
    if not (math.isfinite(start) and math.isfinite(end)):
        raise SectionError(f"Section '{label}' needs a start and an end time in seconds.")
    if end <= start:
        raise SectionError(f"Section '{label}' must end after it starts ({start:.2f}–{end:.2f} s).")
    return SectionDraft(label=label, start_time=start, end_time=end, prompt_note=note)


def _check_tiling(drafts: list[SectionDraft], duration: float) -> None:
    first, last = drafts[0], drafts[-1]
    if abs(first.start_time) > TIME_TOLERANCE_SEC:
        raise SectionError(f"The first section must start at 0 s (section '{first.label}' starts at {first.start_time:.2f} s).")
    for a, b in zip(drafts, drafts[1:]):
        if b.start_time < a.end_time - TIME_TOLERANCE_SEC:
            raise SectionError(
                f"Sections '{a.label}' and '{b.label}' overlap ({b.start_time:.2f}–{a.end_time:.2f} s); "
                "each moment of the song belongs to one section."
            )
        if b.start_time > a.end_time + TIME_TOLERANCE_SEC:
            raise SectionError(
                f"There is a gap between sections '{a.label}' and '{b.label}' ({a.end_time:.2f}–{b.start_time:.2f} s); "
                "the sections must cover the whole song."
            )
    if last.end_time > duration + TIME_TOLERANCE_SEC:
        raise SectionError(f"Section '{last.label}' ends at {last.end_time:.2f} s, past the song's end ({duration:.2f} s).")
    if last.end_time < duration - TIME_TOLERANCE_SEC:
        raise SectionError(
            f"The last section must run to the song's end ({duration:.2f} s); '{last.label}' ends at {last.end_time:.2f} s."
        )


def _snap(grid: BeatGrid, t: float, duration: float) -> float:
    """The beat an inner boundary requested at t lands on (only beats strictly inside the song qualify)."""
    inside = grid.indices_between(0.0, duration)
    beats = grid.beats[inside.start:inside.stop]
    nearest_beat = beats[nearest_index(beats, t)]
    downbeats = [b for b, down in zip(beats, grid.is_downbeat[inside.start:inside.stop]) if down]
    if downbeats:
        nearest_downbeat = downbeats[nearest_index(downbeats, t)]
        if abs(nearest_downbeat - t) <= grid.local_period(t) / 2:
            return nearest_downbeat
    return nearest_beat


def _long_enough(section: SectionDraft, grid: BeatGrid | None, *, is_edge: bool) -> bool:
    length = section.end_time - section.start_time
    if grid is None:
        return length >= MIN_SECTION_WITHOUT_BEATS_SEC
    if not is_edge:
        return length > 0  # both edges are beats, so distinct beats span at least one beat
    middle = (section.start_time + section.end_time) / 2
    return length >= EDGE_SECTION_BEAT_FRACTION * grid.local_period(middle)
