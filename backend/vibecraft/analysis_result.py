"""A song's analysis as one typed value: what the analysis job makes, `Analysis.data` stores and every reader reads.

`AnalysisResult.from_stored` reads a stored analysis of any age (a field it lacks gets its default) and
`to_stored` writes the JSON the analysis has always been stored and served as: the same field names and order,
the optional fields only when set, unknown fields kept as they were. No module reads the stored dict by key.
Lyric lines, genre scores and suggested sections stay the JSON objects the lyrics engines, captions and API use.
It imports nothing of the package but the video type constants, so every layer may import it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from vibecraft.video_types import DEFAULT_VIDEO_TYPE

LyricLine = dict[str, Any]  # {"start", "end", "text", "words": [{"start", "end", "word"}]}


@dataclass(frozen=True)
class LyricsFields:
    """The lyrics part of an analysis, as the lyrics step makes it and the lyrics job stores it."""

    lyrics: list[LyricLine] = field(default_factory=list)
    lyrics_available: bool = False
    lyrics_source: str = "none"  # "aligned" (given text, timed), "transcribed" (as heard) or "none"
    lyrics_error: str | None = None  # why there are no lyrics, when timing them failed
    lyrics_text: str | None = None  # the text that was aligned
    vocal_spans: list[list[float]] = field(default_factory=list)  # [start, end] stretches where words were heard

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> LyricsFields:
        """The lyrics fields of a stored analysis (or of the lyrics step's output); missing ones get defaults."""
        return cls(**_parsed(cls, stored))

    def to_stored(self) -> dict[str, Any]:
        """The fields under their stored names."""
        return asdict(self)


@dataclass(frozen=True)
class AnalysisResult:
    """Tempo, beats, metre, genre, mood, lyrics, the suggested look and sections, and the waveform of one song."""

    duration_sec: float = 0.0
    bpm: float = 0.0
    bpm_alternatives: list[float] = field(default_factory=list)
    tempo_confidence: float | None = None  # None for analyses made before it existed
    beat_confidence: float = 0.0
    beat_times: list[float] = field(default_factory=list)
    downbeat_times: list[float] = field(default_factory=list)
    time_signature: int = 4
    genre: str = ""
    genre_scores: list[dict[str, Any]] = field(default_factory=list)  # [{"label", "score"}], best first
    mood_primary: str = ""
    mood_tags: list[str] = field(default_factory=list)
    mood_vector: dict[str, float] = field(default_factory=dict)
    lyrics: list[LyricLine] = field(default_factory=list)
    lyrics_available: bool = False
    lyrics_source: str = "none"
    lyrics_error: str | None = None
    lyrics_text: str | None = None
    vocal_spans: list[list[float]] = field(default_factory=list)
    suggested_video_type: str = DEFAULT_VIDEO_TYPE
    suggested_video_type_reason: str = ""
    suggested_sections: list[dict[str, Any]] = field(default_factory=list)  # [{"label", "start_time", "end_time"}]
    waveform: list[float] = field(default_factory=list)
    # Written only once set: lines moved by hand, and what a correction of the grid or the tags replaced.
    lyrics_edited: bool | None = None
    detected_grid: dict[str, Any] | None = None
    grid_correction: dict[str, Any] | None = None
    detected_tags: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # stored fields this version does not know, kept as they were

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> AnalysisResult:
        """Parse a stored analysis (`Analysis.data`); a field it lacks gets its default."""
        stored = stored or {}
        known = {f.name for f in fields(cls)} - {"extra"}
        extra = {k: copy.deepcopy(v) for k, v in stored.items() if k not in known}
        return cls(**_parsed(cls, stored), extra=extra)

    def to_stored(self) -> dict[str, Any]:
        """The JSON the analysis is stored and served as (API field names; the optional fields only when set)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "extra" or (f.name in _WRITTEN_WHEN_SET and value is None):
                continue
            out[f.name] = value
        out.update(self.extra)
        return out

    @property
    def lyrics_fields(self) -> LyricsFields:
        """Just the lyrics part."""
        return LyricsFields(**{f.name: getattr(self, f.name) for f in fields(LyricsFields)})

    def with_lyrics(self, lyrics: LyricsFields) -> AnalysisResult:
        """This analysis with its lyrics part replaced (the rest kept)."""
        return replace(self, **{f.name: getattr(lyrics, f.name) for f in fields(LyricsFields)})

    def updated(self, **changes: Any) -> AnalysisResult:
        """A copy with some fields changed."""
        return replace(self, **changes)


_WRITTEN_WHEN_SET = frozenset({"lyrics_edited", "detected_grid", "grid_correction", "detected_tags"})


def _parsed(cls: type, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The known fields of `stored` that hold a value (None for a non-optional field counts as missing), copied so
    that no reader can change the stored row through the result."""
    out = {}
    for f in fields(cls):
        if f.name == "extra" or f.name not in stored:
            continue
        value = stored[f.name]
        if value is None and "None" not in str(f.type):
            continue
        out[f.name] = copy.deepcopy(value)
    return out
