"""Suggested section labels checked against the timed lyrics (vibecraft.audio.sung_sections)."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from tests.factories import analysis_data, mark_analyzed, upload_song
from vibecraft.analysis_result import LyricsFields
from vibecraft.audio.sung_sections import name_sung_sections


def sections(*labels: str, length: float = 10.0) -> list[dict]:
    return [{"label": label, "start_time": i * length, "end_time": (i + 1) * length, "kind": "suggested"}
            for i, label in enumerate(labels)]


def sung(*spans: tuple[float, float], source: str = "aligned") -> LyricsFields:
    words = [{"start": a, "end": b, "word": "la"} for a, b in spans]
    return LyricsFields(lyrics=[{"start": spans[0][0], "end": spans[-1][1], "text": "la", "words": words}],
                        lyrics_available=True, lyrics_source=source)


def labels(named: list[dict]) -> list[str]:
    return [s["label"] for s in named]


def test_a_quiet_part_with_singing_is_a_bridge_not_an_instrumental():
    spans = ((11.0, 12.0), (13.0, 14.0), (21.0, 23.0))  # 2 s of words in the 10-s instrumental
    for source in ("aligned", "transcribed"):
        named = name_sung_sections(sections("Verse", "Instrumental", "Chorus"), sung(*spans, source=source))
        assert labels(named) == ["Intro" if source == "aligned" else "Verse", "Bridge", "Chorus"], source
        assert [(s["start_time"], s["end_time"], s["kind"]) for s in named] == [
            (0.0, 10.0, "suggested"), (10.0, 20.0, "suggested"), (20.0, 30.0, "suggested")]


def test_a_line_spilling_over_an_edge_does_not_make_a_part_sung():
    named = name_sung_sections(sections("Verse", "Instrumental", "Chorus"), sung((8.0, 10.5), (21.0, 25.0)))
    assert labels(named) == ["Verse", "Instrumental", "Chorus"]  # 0.5 s of 10 s is not singing


def test_with_the_musicians_words_a_part_nobody_sings_is_named_so():
    named = name_sung_sections(sections("Verse", "Chorus", "Chorus", "Verse", "Bridge", "Verse"),
                               sung((12.0, 16.0), (31.0, 36.0)))
    assert labels(named) == ["Intro", "Chorus", "Instrumental", "Verse", "Instrumental", "Outro"]
    kept = name_sung_sections(sections("Intro", "Verse", "Outro"), sung((12.0, 16.0)))
    assert labels(kept) == ["Intro", "Verse", "Outro"]


def test_a_transcription_never_names_a_part_unsung():
    # Whisper drops whole sung parts (repetition loops), so hearing nothing there proves nothing.
    named = name_sung_sections(sections("Verse", "Chorus", "Bridge"), sung((12.0, 16.0), source="transcribed"))
    assert labels(named) == ["Verse", "Chorus", "Bridge"]


def test_without_lyrics_nothing_changes():
    original = sections("Verse", "Instrumental")
    assert name_sung_sections(original, LyricsFields()) is original


def test_storing_new_lyrics_renames_the_suggested_sections(client, auth, tmp_path):
    from vibecraft.db import get_engine
    from vibecraft.models import Song
    from vibecraft.services.lyrics import store_lyrics

    song = upload_song(client, auth, tmp_path, 20.0)
    suggested = [{"label": "Verse", "start_time": 0.0, "end_time": 10.0},
                 {"label": "Instrumental", "start_time": 10.0, "end_time": song["duration_sec"]}]
    mark_analyzed(song["id"], analysis_data(song["duration_sec"], suggested_sections=suggested))
    with Session(get_engine()) as session:
        store_lyrics(session, session.get(Song, uuid.UUID(song["id"])), sung((2.0, 6.0), (12.0, 15.0)))
        session.commit()
    analysis = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    assert [s["label"] for s in analysis["suggested_sections"]] == ["Verse", "Bridge"]
    assert analysis["lyrics_source"] == "aligned" and len(analysis["lyrics"]) == 1
