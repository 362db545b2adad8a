"""Rows and files for tests, with overridable defaults."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlmodel import Session, select

from tests.conftest import make_audio


def beat_grid(duration: float, bpm: float = 120.0, first: float = 0.1, beats_per_bar: int = 4) -> tuple[list[float], list[float]]:
    period = 60.0 / bpm
    beats, t = [], first
    while t < duration - 1e-6:
        beats.append(round(t, 4))
        t += period
    return beats, beats[::beats_per_bar]


def analysis_data(duration: float, *, bpm: float = 120.0, lyrics: list[dict] | None = None, **overrides) -> dict:
    beats, downbeats = beat_grid(duration, bpm)
    data = {
        "duration_sec": duration,
        "bpm": bpm,
        "bpm_alternatives": [bpm / 2, bpm * 2],
        "beat_confidence": 0.9,
        "beat_times": beats,
        "downbeat_times": downbeats,
        "time_signature": 4,
        "genre": "electronic",
        "genre_scores": [{"label": "electronic", "score": 0.7}, {"label": "pop", "score": 0.2}],
        "mood_primary": "energetic",
        "mood_tags": ["energetic", "party"],
        "mood_vector": {"energy": 0.8, "valence": 0.6, "danceability": 0.7, "tension": 0.4},
        "lyrics_available": bool(lyrics),
        "lyrics_source": "aligned" if lyrics else "none",
        "lyrics": lyrics or [],
        "suggested_video_type": "abstract_visualizer",
        "suggested_video_type_reason": "Driving electronic pulse suits abstract, beat-reactive shapes.",
        "suggested_sections": [
            {"label": "Intro", "start_time": 0.0, "end_time": round(duration / 2, 3)},
            {"label": "Chorus", "start_time": round(duration / 2, 3), "end_time": duration},
        ],
        "waveform": [0.5] * 200,
    }
    data.update(overrides)
    return data


def sample_lyrics() -> list[dict]:
    return [
        {"start": 1.0, "end": 4.0, "text": "hello neon night",
         "words": [{"start": 1.0, "end": 1.5, "word": "hello"}, {"start": 2.0, "end": 2.6, "word": "neon"},
                   {"start": 3.0, "end": 4.0, "word": "night"}]},
        {"start": 9.0, "end": 12.5, "text": "we ride the light",
         "words": [{"start": 9.0, "end": 9.4, "word": "we"}, {"start": 9.6, "end": 10.0, "word": "ride"},
                   {"start": 10.5, "end": 11.0, "word": "the"}, {"start": 11.5, "end": 12.5, "word": "light"}]},
    ]


def upload_song(client, headers, tmp_path: Path, seconds: float = 20.0, name: str = "song.wav") -> dict:
    path = make_audio(tmp_path / f"{uuid.uuid4().hex[:6]}-{name}", seconds)
    with path.open("rb") as f:
        res = client.post("/api/songs", headers=headers, files={"file": (name, f)})
    assert res.status_code == 201, res.text
    return res.json()


def mark_analyzed(song_id: str, data: dict) -> None:
    """Store an analysis as the analysis job would (the job itself is tested on real audio elsewhere)."""
    from vibecraft.analysis_result import AnalysisResult
    from vibecraft.db import get_engine
    from vibecraft.models import Song
    from vibecraft.services.analysis import save_analysis

    with Session(get_engine()) as s:
        song = s.get(Song, uuid.UUID(song_id))
        save_analysis(s, song, AnalysisResult.from_stored(data))
        song.status = "analyzed"
        song.video_type = data["suggested_video_type"]
        s.add(song)
        s.commit()


def analyzed_song(client, headers, tmp_path: Path, seconds: float = 20.0, **analysis) -> dict:
    song = upload_song(client, headers, tmp_path, seconds)
    mark_analyzed(song["id"], analysis_data(song["duration_sec"], **analysis))
    return client.get(f"/api/songs/{song['id']}", headers=headers).json()


def two_sections(song: dict) -> list[dict]:
    mid = round(song["duration_sec"] / 2, 2)
    return [
        {"label": "Verse", "start_time": 0.0, "end_time": mid, "prompt_note": "city lights"},
        {"label": "Chorus", "start_time": mid, "end_time": song["duration_sec"]},
    ]


def db_count(model) -> int:
    from sqlalchemy import func

    from vibecraft.db import get_engine

    with Session(get_engine()) as s:
        return s.exec(select(func.count()).select_from(model)).one()
