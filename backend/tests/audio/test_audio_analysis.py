"""analyze_audio end to end on real files: the API's fields, progress, lyrics routing and edge-case files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from vibecraft.audio.analysis import analyze_audio
from vibecraft.audio.decode import AudioDecodeError, decode_audio
from vibecraft.video_types import VIDEO_TYPES

from audio_fixtures import SR, click_track, encode, shared_file, write_wav

API_FIELDS = {
    "duration_sec", "bpm", "bpm_alternatives", "tempo_confidence", "beat_confidence", "beat_times", "downbeat_times", "time_signature",
    "genre", "genre_scores", "mood_primary", "mood_tags", "mood_vector", "lyrics_available", "lyrics_source",
    "lyrics", "suggested_video_type", "suggested_video_type_reason", "suggested_sections", "waveform",
    "lyrics_error", "lyrics_text", "vocal_spans",
}


class RecordingLyricsEngine:
    """A lyrics engine that keeps what it was given and answers one fixed line (the real ones live in lyrics.py)."""

    def __init__(self, lines: list[dict] | None = None):
        self.calls: list[tuple[str, int, int, str | None]] = []
        self.lines = [{"start": 1.0, "end": 2.5, "text": "hello there",
                       "words": [{"start": 1.0, "end": 1.6, "word": "hello"}, {"start": 1.7, "end": 2.5, "word": "there"}]}] \
            if lines is None else lines

    def transcribe(self, samples: np.ndarray, sr: int, on_progress=None, vocals=None) -> list[dict]:  # noqa: ANN001
        self.calls.append(("transcribe", len(samples), sr, None))
        return self.lines

    def align(self, samples: np.ndarray, sr: int, text: str, on_progress=None, vocals=None) -> list[dict]:  # noqa: ANN001
        self.calls.append(("align", len(samples), sr, text))
        return self.lines


def assert_valid_analysis(result: dict, duration: float) -> None:
    assert set(result) == API_FIELDS
    json.dumps(result)  # plain JSON types only
    assert result["duration_sec"] == pytest.approx(duration, abs=0.05)
    assert 40 <= result["bpm"] <= 240
    assert 0.0 <= result["beat_confidence"] <= 1.0
    assert result["beat_times"] == sorted(result["beat_times"])
    assert set(result["downbeat_times"]) <= set(result["beat_times"])
    assert result["time_signature"] in (3, 4)
    assert result["genre"] == result["genre_scores"][0]["label"]
    assert result["mood_primary"] in result["mood_tags"]
    assert set(result["mood_vector"]) == {"energy", "valence", "danceability", "tension"}
    assert all(0.0 <= v <= 1.0 for v in result["mood_vector"].values())
    assert result["suggested_video_type"] in VIDEO_TYPES
    assert result["suggested_video_type_reason"]
    sections = result["suggested_sections"]
    assert sections[0]["start_time"] == 0.0
    assert sections[-1]["end_time"] == pytest.approx(result["duration_sec"], abs=1e-3)
    assert all(a["end_time"] == b["start_time"] for a, b in zip(sections, sections[1:]))
    assert all(s["end_time"] > s["start_time"] and s["label"] for s in sections)
    assert len(result["waveform"]) == 2000 and max(result["waveform"]) <= 1.0 and min(result["waveform"]) >= 0.0


@pytest.fixture(scope="module")
def sargon_result() -> tuple[dict, list[tuple[str, int]]]:
    progress: list[tuple[str, int]] = []
    result = analyze_audio(shared_file("sections/sargon_mindless_cut.mp3"),
                           on_progress=lambda s, p: progress.append((s, p))).to_stored()
    return result, progress


def test_analysis_has_exactly_the_api_fields(sargon_result) -> None:  # noqa: ANN001
    result, _ = sargon_result
    assert_valid_analysis(result, 63.4)
    assert 4 <= len(result["suggested_sections"]) <= 8
    downbeats = set(result["downbeat_times"])
    assert all(s["start_time"] in downbeats for s in result["suggested_sections"][1:])


def test_progress_is_reported_at_each_milestone_in_order(sargon_result) -> None:  # noqa: ANN001
    _, progress = sargon_result
    assert progress == [("decoded", 10), ("beats", 35), ("structure", 55), ("genre_mood", 70), ("lyrics", 90)]


def test_without_a_lyrics_engine_there_are_no_lyrics(sargon_result) -> None:  # noqa: ANN001
    result, _ = sargon_result
    assert (result["lyrics_available"], result["lyrics_source"], result["lyrics"]) == (False, "none", [])


def test_lyrics_engine_transcribes_the_one_decoded_signal(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "clicks.wav", click_track(120, 4, 6.0))
    engine = RecordingLyricsEngine()
    result = analyze_audio(path, lyrics_engine=engine).to_stored()
    assert engine.calls == [("transcribe", 6 * SR, SR, None)]
    assert (result["lyrics_available"], result["lyrics_source"]) == (True, "transcribed")
    assert result["lyrics"] == engine.lines
    assert result["suggested_video_type"] == "lyric_video"


def test_known_lyrics_are_aligned(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "clicks.wav", click_track(120, 4, 6.0))
    engine = RecordingLyricsEngine()
    result = analyze_audio(path, lyrics_engine=engine, lyrics_text="hello there").to_stored()
    assert engine.calls == [("align", 6 * SR, SR, "hello there")]
    assert result["lyrics_source"] == "aligned"


def test_an_engine_that_finds_nothing_means_no_lyrics(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "clicks.wav", click_track(120, 4, 6.0))
    result = analyze_audio(path, lyrics_engine=RecordingLyricsEngine(lines=[])).to_stored()
    assert (result["lyrics_available"], result["lyrics_source"], result["lyrics"]) == (False, "none", [])


@pytest.mark.parametrize("kind", ["silence", "tone", "noise"])
def test_files_without_music_still_get_an_analysis(tmp_path: Path, kind: str) -> None:
    n = 8 * SR
    signal = {
        "silence": np.zeros(n, np.float32),
        "tone": (0.5 * np.sin(2 * np.pi * 440 * np.arange(n) / SR)).astype(np.float32),
        "noise": (0.3 * np.random.default_rng(2).standard_normal(n)).astype(np.float32),
    }[kind]
    result = analyze_audio(write_wav(tmp_path / f"{kind}.wav", signal)).to_stored()
    assert_valid_analysis(result, 8.0)
    assert result["beat_confidence"] < 0.3


def test_one_second_file_gets_one_section(tmp_path: Path) -> None:
    result = analyze_audio(write_wav(tmp_path / "short.wav", click_track(120, 4, 1.0))).to_stored()
    assert_valid_analysis(result, 1.0)
    assert len(result["suggested_sections"]) == 1


@pytest.mark.parametrize("bpm,beats_per_bar", [(120.0, 4), (90.0, 3)])
def test_click_track_file_analysis(tmp_path: Path, bpm: float, beats_per_bar: int) -> None:
    result = analyze_audio(write_wav(tmp_path / "clicks.wav", click_track(bpm, beats_per_bar, 30.0))).to_stored()
    assert_valid_analysis(result, 30.0)
    assert result["bpm"] == pytest.approx(bpm, rel=0.02)
    assert result["time_signature"] == beats_per_bar


def test_five_minute_song(tmp_path: Path) -> None:
    clip = shared_file("beats/gtzan_country_00000.wav")
    song = tmp_path / "five_minutes.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-stream_loop", "9", "-i", str(clip), "-t", "300",
                    "-c:a", "libmp3lame", "-b:a", "128k", str(song)], check=True)
    result = analyze_audio(song).to_stored()
    assert_valid_analysis(result, 300.0)
    assert 4 <= len(result["suggested_sections"]) <= 8
    assert result["bpm"] == pytest.approx(85.5, rel=0.04)


@pytest.mark.parametrize("extension", ["mp3", "m4a", "flac", "ogg", "wav"])
def test_every_accepted_format_decodes(tmp_path: Path, extension: str) -> None:
    source = write_wav(tmp_path / "source.wav", click_track(100, 4, 3.0))
    decoded = decode_audio(encode(source, tmp_path / f"song.{extension}") if extension != "wav" else source)
    assert decoded.sample_rate == SR and decoded.samples.dtype == np.float32
    assert decoded.duration_sec == pytest.approx(3.0, abs=0.08)


def test_a_file_that_is_not_audio_is_refused_with_a_readable_message(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.mp3"
    bogus.write_text("these are not sounds")
    with pytest.raises(AudioDecodeError, match="could not be decoded"):
        analyze_audio(bogus)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        analyze_audio(tmp_path / "nothing.wav")
