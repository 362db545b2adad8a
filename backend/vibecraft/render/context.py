"""What a clip is made from: the music under it (beats, words, mood, its section) and the musician's media.

Providers receive it inside a ClipRequest; the renderer draws from it. It sits here, below both, so the
renderer never reaches up into providers/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str
    line: int = -1  # index of its lyric line in the song (-1: unknown); kinetic type lays out whole lines


@dataclass(frozen=True)
class MediaSource:
    """One of the musician's own photos or video clips placed in this clip (a local file)."""

    path: Path
    kind: str  # "photo" or "video"
    offset: float = 0.0  # seconds into a video clip where this clip's footage starts


@dataclass(frozen=True)
class ClipContext:
    """What the music says about one clip. Times are relative to the clip's start (0 = first frame).

    Remote models ignore most of this; the local renderer draws from it.
    """

    audio_path: Path | None = None  # the clip's own stretch of the song (any format ffmpeg reads)
    beat_times: tuple[float, ...] = ()
    downbeat_times: tuple[float, ...] = ()
    words: tuple[Word, ...] = ()
    video_type: str = "abstract_visualizer"
    mood_vector: dict[str, float] = field(default_factory=dict)
    mood_primary: str = ""
    genre: str = ""
    section_label: str = ""
    look_seed: int = 0  # shared by every clip of one video so they share a look
    look_prompt: str = ""  # the video's overall prompt: palette, scenes and camera of every clip
    fps: int = 24
    section_note: str = ""  # the musician's note on this clip's section
    clip_note: str = ""  # a note given when this clip (or its section) was regenerated; it wins over the others
    section_slot: int = 0  # order of first appearance of the section's label: every chorus shares one slot
    section_energy: float = 0.5  # mean loudness of the section, 0–1
    previous_energy: float | None = None  # of the section before (None for the first)
    next_energy: float | None = None  # of the section after (None for the last)
    starts_section: bool = False  # the clip's first frame is its section's first frame
    section_progress: tuple[float, float] = (0.0, 1.0)  # where the clip starts and ends inside its section, 0–1
    variation: int = 0  # how many times the clip was regenerated: each time brings a new scene
    media: tuple[MediaSource, ...] = ()  # the musician's photos and footage for this clip, cut on its downbeats
