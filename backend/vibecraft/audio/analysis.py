"""The song analysis the product stores: one decode, then tempo, beats, structure, genre, mood, lyrics, waveform."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from vibecraft.analysis_result import AnalysisResult
from vibecraft.audio import beats, musicnn
from vibecraft.audio.beats import refine_octave, track_beats
from vibecraft.audio.decode import AudioDecodeError, decode_audio
from vibecraft.audio.lyrics_step import timed_lyrics
from vibecraft.audio.structure import suggest_sections
from vibecraft.audio.sung_sections import name_sung_sections
from vibecraft.audio.tagging import classify, song_tags
from vibecraft.audio.video_type_suggestion import suggest_video_type
from vibecraft.audio.waveform import waveform_peaks

__all__ = ["AudioDecodeError", "analyze_audio", "preload_models"]

Progress = Callable[[str, int], None]


def preload_models() -> None:
    """Load the beat and tagging networks and warm librosa's compiled kernels, once per process."""
    beats.preload()
    if musicnn.weights_available():
        musicnn.load_weights()
    # The first librosa feature call JIT-compiles numba kernels (~15 s); pay it at start, not in a job.
    warmup = (0.1 * np.sin(2 * np.pi * 220 * np.arange(22050 * 4) / 22050)).astype(np.float32)
    analyze_signal(warmup, 22050)


def analyze_signal(samples: np.ndarray, sample_rate: int, *, on_progress: Progress | None = None) -> AnalysisResult:
    """Every feature except lyrics (and the look suggested from them) for an already decoded mono signal."""
    report = on_progress or (lambda *_: None)
    duration = len(samples) / sample_rate
    # The tagger runs with the beats because its genre and energy set the prior that picks the tempo octave.
    tagged = song_tags(samples, sample_rate)
    grid = refine_octave(track_beats(samples, sample_rate), samples, sample_rate, prior_centre=tagged.tempo_prior_centre())
    report("beats", 35)
    sections = suggest_sections(samples, sample_rate, beat_times=grid.beat_times,
                                downbeat_times=grid.downbeat_times, duration=duration)
    report("structure", 55)
    genre_mood = classify(samples, sample_rate, bpm=grid.bpm, beat_confidence=grid.beat_confidence, tagged=tagged)
    report("genre_mood", 70)
    return AnalysisResult(
        duration_sec=round(duration, 3),
        bpm=grid.bpm,
        bpm_alternatives=grid.bpm_alternatives,
        tempo_confidence=grid.tempo_confidence,
        beat_confidence=grid.beat_confidence,
        beat_times=grid.beat_times,
        downbeat_times=grid.downbeat_times,
        time_signature=grid.time_signature,
        genre=genre_mood.genre,
        genre_scores=genre_mood.genre_scores,
        mood_primary=genre_mood.mood_primary,
        mood_tags=genre_mood.mood_tags,
        mood_vector=genre_mood.mood_vector,
        suggested_sections=sections,
        waveform=waveform_peaks(samples),
    )


def analyze_audio(path: str | Path, *, lyrics_engine=None, lyrics_text: str | None = None,  # noqa: ANN001
                  on_progress: Progress | None = None) -> AnalysisResult:
    """Decode `path` once and return the full analysis (`to_stored()` gives the API's JSON).

    Raises AudioDecodeError (a ValueError) with a user-readable message when the file holds no usable audio.
    """
    report = on_progress or (lambda *_: None)
    audio = decode_audio(path)
    report("decoded", 10)
    result = analyze_signal(audio.samples, audio.sample_rate, on_progress=report)
    # Lyrics run 70 -> 90 %; a lyrics failure is recorded in lyrics_error and the rest stays.
    lyrics = timed_lyrics(lyrics_engine, audio.samples, audio.sample_rate, lyrics_text,
                          on_progress=lambda fraction: report("lyrics", 70 + int(20 * fraction)))
    report("lyrics", 90)
    video_type, reason = suggest_video_type(result.genre, result.mood_primary, result.mood_vector,
                                            result.bpm, lyrics_available=bool(lyrics.lyrics))
    return result.with_lyrics(lyrics).updated(suggested_video_type=video_type, suggested_video_type_reason=reason,
                                              suggested_sections=name_sung_sections(result.suggested_sections, lyrics))
