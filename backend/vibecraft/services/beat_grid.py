"""The musician's corrections of a song's analysis: the beat grid (tempo, bar start, metre) and genre/mood.

A correction rewrites the analysis the rest of the product reads (beats, bars, tempo, genre, mood, the suggested
look) and keeps what was detected in `Analysis.corrections`, so it can always be restored. Sections move onto the
new grid at once and a clip plan that was not generated yet is planned again; once generation has started
nothing changes (409).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session

from vibecraft.analysis_result import AnalysisResult
from vibecraft.audio.tag_choices import GENRE_CHOICES, MOOD_CHOICES
from vibecraft.audio.video_type_suggestion import suggest_video_type
from vibecraft.config import Settings
from vibecraft.errors import BadRequest, Conflict
from vibecraft.models import Analysis, Section, Song, User, utcnow
from vibecraft.planning.beat_grid import nearest_index
from vibecraft.planning.grid_correction import (
    Grid,
    GridCorrection,
    GridCorrectionError,
    apply_correction,
    bpm_from_taps,
)
from vibecraft.planning.sections import SectionDraft, SectionError, snap_sections
from vibecraft.providers.base import VideoProvider
from vibecraft.schemas import BeatGridOut, DetectedGrid, DetectedTags, GridCorrectionIn, TagsIn, TagsOut
from vibecraft.services.analysis import get_analysis_row, store_result
from vibecraft.services.clips import plan_song_clips, song_clips
from vibecraft.services.sections import song_sections
from vibecraft.services.songs import get_song

GRID_KEYS = ("bpm", "bpm_alternatives", "beat_times", "downbeat_times", "time_signature")


def _editable(session: Session, user: User, song_id: uuid.UUID, what: str) -> tuple[Song, Analysis]:
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    if song.locked:
        raise Conflict(f"Generation has started, so the {what} is fixed; it can no longer be corrected.")
    return song, analysis


def _detected_grid(analysis: Analysis) -> Grid:
    saved = (analysis.corrections or {}).get("detected_grid")  # the grid fields under the analysis's names
    stored = AnalysisResult.from_stored(saved) if saved else analysis.result
    return Grid(bpm=float(stored.bpm), bpm_alternatives=list(stored.bpm_alternatives), beat_times=list(stored.beat_times),
                downbeat_times=list(stored.downbeat_times), time_signature=int(stored.time_signature))


def _detected_grid_summary(grid: Grid) -> DetectedGrid:
    return DetectedGrid(bpm=grid.bpm, bpm_alternatives=grid.bpm_alternatives, time_signature=grid.time_signature,
                        beat_count=len(grid.beat_times), downbeat_count=len(grid.downbeat_times))


def _correction_of(body: GridCorrectionIn) -> GridCorrection:
    bpm = body.bpm
    try:
        if body.tap_times is not None:
            if bpm is not None:
                raise GridCorrectionError("Give either taps or a tempo, not both.")
            bpm = bpm_from_taps(body.tap_times)
    except GridCorrectionError as e:
        raise BadRequest(str(e)) from e
    return GridCorrection(tempo_factor=float(body.tempo_factor), bpm=bpm, bar_shift=body.bar_shift,
                          time_signature=body.time_signature)


def _resnap_sections(sections: list[Section], grid: Grid, duration: float) -> int:
    """Move every inner section edge to the nearest bar start of the new grid; returns how many edges moved."""
    if len(sections) < 2:
        return 0
    bars = [t for t in grid.downbeat_times if 0.0 < t < duration]
    edges = [s.start_time for s in sections[1:]]
    wanted = [bars[nearest_index(bars, t)] for t in edges] if bars else edges
    if len(set(wanted)) < len(wanted):
        wanted = edges  # two edges would share a bar: let the usual snapping (to beats) keep them apart
    drafts = [SectionDraft(label=s.label, start_time=start, end_time=end, prompt_note=s.prompt_note)
              for s, start, end in zip(sections, [0.0, *wanted], [*wanted, duration])]
    try:
        snapped = snap_sections(drafts, duration=duration, beat_times=grid.beat_times, downbeat_times=grid.downbeat_times)
    except SectionError as e:
        raise BadRequest(f"The sections do not fit the corrected grid: {e}") from e
    moved = sum(1 for old, new in zip(edges, (d.start_time for d in snapped[1:])) if abs(old - new) > 1e-6)
    for row, draft in zip(sections, snapped):
        row.start_time, row.end_time = draft.start_time, draft.end_time
    return moved


def correct_grid(*, session: Session, user: User, song_id: uuid.UUID, body: GridCorrectionIn,
                 provider: VideoProvider, settings: Settings) -> BeatGridOut:
    """Apply the correction to the detected grid, store both, re-snap the sections and re-plan the clips."""
    song, analysis = _editable(session, user, song_id, "beat grid")
    detected = _detected_grid(analysis)
    correction = _correction_of(body)
    try:
        grid = apply_correction(detected, correction, duration=song.duration_sec)
    except GridCorrectionError as e:
        raise BadRequest(str(e)) from e

    sections = song_sections(session, song.id)
    moved = _resnap_sections(sections, grid, song.duration_sec)
    had_clips = bool(song_clips(session, song.id))

    corrections = dict(analysis.corrections or {})
    corrections["detected_grid"] = detected.as_dict()
    corrections["grid"] = correction.as_dict()
    result = analysis.result.updated(**{k: v for k, v in grid.as_dict().items() if k in GRID_KEYS})
    stored_body = GridCorrectionIn(tempo_factor=correction.tempo_factor, bpm=correction.bpm,
                                   bar_shift=correction.bar_shift, time_signature=correction.time_signature)
    if correction.is_identity():
        corrections.pop("grid", None)
        result = result.updated(detected_grid=None, grid_correction=None)
    else:
        result = result.updated(detected_grid=_detected_grid_summary(detected).model_dump(),
                                grid_correction=stored_body.model_dump(exclude={"tap_times"}))
    store_result(analysis, result)
    analysis.corrections = corrections
    flag_modified(analysis, "corrections")
    song.updated_at = utcnow()
    session.add_all([analysis, song, *sections])
    session.commit()
    if had_clips:
        plan_song_clips(session=session, user=user, song_id=song.id, provider=provider, settings=settings)
    return BeatGridOut(
        **{k: getattr(grid, k) for k in GRID_KEYS},
        correction=stored_body,
        detected_grid=_detected_grid_summary(detected),
        sections_moved=moved,
        clips_replanned=had_clips,
    )


def _tags_out(analysis: Analysis, clips_replanned: bool = False) -> TagsOut:
    result = analysis.result
    detected = (analysis.corrections or {}).get("detected_tags")
    return TagsOut(
        genre=result.genre,
        mood_primary=result.mood_primary,
        mood_tags=list(result.mood_tags),
        suggested_video_type=analysis.suggested_video_type,
        suggested_video_type_reason=result.suggested_video_type_reason,
        detected_tags=DetectedTags(**detected) if detected else None,
        genre_options=list(GENRE_CHOICES),
        mood_options=list(MOOD_CHOICES),
        clips_replanned=clips_replanned,
    )


def get_tags(*, session: Session, user: User, song_id: uuid.UUID) -> TagsOut:
    """The song's genre and mood (as corrected, with what was detected) and the lists to choose from."""
    song = get_song(session, user, song_id)
    return _tags_out(get_analysis_row(session, song))


def correct_tags(*, session: Session, user: User, song_id: uuid.UUID, body: TagsIn,
                 provider: VideoProvider, settings: Settings) -> TagsOut:
    """Set the genre and/or mood from the offered lists; the suggested look and the default prompt follow."""
    song, analysis = _editable(session, user, song_id, "genre and mood")  # another user's song is 404 before any 400
    if body.genre is None and body.mood is None:
        raise BadRequest("Give a genre, a mood or both.")
    genre = body.genre.strip().lower() if body.genre is not None else None
    mood = body.mood.strip().lower() if body.mood is not None else None
    if genre is not None and genre not in GENRE_CHOICES:
        raise BadRequest(f"Unknown genre {body.genre!r}; choose one of: {', '.join(GENRE_CHOICES)}.")
    if mood is not None and mood not in MOOD_CHOICES:
        raise BadRequest(f"Unknown mood {body.mood!r}; choose one of: {', '.join(MOOD_CHOICES)}.")
    result = analysis.result
    corrections = dict(analysis.corrections or {})
    corrections.setdefault("detected_tags", {"genre": result.genre, "mood_primary": result.mood_primary})
    result = result.updated(detected_tags=corrections["detected_tags"])
    if genre is not None:
        result = result.updated(genre=genre)
    if mood is not None:
        result = result.updated(mood_primary=mood, mood_tags=[mood, *(m for m in result.mood_tags if m != mood)][:4])
    video_type, reason = suggest_video_type(result.genre, result.mood_primary, dict(result.mood_vector),
                                            float(result.bpm), lyrics_available=result.lyrics_available)
    store_result(analysis, result.updated(suggested_video_type=video_type, suggested_video_type_reason=reason))
    analysis.corrections = corrections
    flag_modified(analysis, "corrections")
    song.updated_at = utcnow()
    session.add_all([analysis, song])
    session.commit()
    had_clips = bool(song_clips(session, song.id))
    if had_clips:  # clip prompts carry the overall prompt, which follows genre and mood unless written by hand
        plan_song_clips(session=session, user=user, song_id=song.id, provider=provider, settings=settings)
    return _tags_out(analysis, clips_replanned=had_clips)
