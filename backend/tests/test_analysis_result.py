"""The typed analysis result reads every stored analysis and writes back the JSON it was stored as."""

from __future__ import annotations

import json

from tests.factories import analysis_data, sample_lyrics
from vibecraft.analysis_result import AnalysisResult, LyricsFields

# What the analysis job stores for a song today (field order as audio/analysis.py writes it).
CURRENT = {
    **analysis_data(20.0, lyrics=sample_lyrics()),
    "tempo_confidence": 0.8, "lyrics_error": None, "lyrics_text": "hello neon night\nwe ride the light",
    "vocal_spans": [[1.0, 4.0], [9.0, 12.5]],
}
ORDER = ["duration_sec", "bpm", "bpm_alternatives", "tempo_confidence", "beat_confidence", "beat_times",
         "downbeat_times", "time_signature", "genre", "genre_scores", "mood_primary", "mood_tags", "mood_vector",
         "lyrics", "lyrics_available", "lyrics_source", "lyrics_error", "lyrics_text", "vocal_spans",
         "suggested_video_type", "suggested_video_type_reason", "suggested_sections", "waveform"]


def test_a_current_analysis_round_trips_to_the_same_json_in_the_same_order():
    stored = {k: CURRENT[k] for k in ORDER}
    out = AnalysisResult.from_stored(stored).to_stored()
    assert json.dumps(out) == json.dumps(stored)


def test_fields_are_read_as_attributes():
    result = AnalysisResult.from_stored(CURRENT)
    assert result.bpm == 120.0 and result.time_signature == 4 and result.genre == "electronic"
    assert result.beat_times == CURRENT["beat_times"] and result.lyrics[1]["text"] == "we ride the light"
    assert result.lyrics_fields == LyricsFields(lyrics=sample_lyrics(), lyrics_available=True, lyrics_source="aligned",
                                                lyrics_text=CURRENT["lyrics_text"], vocal_spans=CURRENT["vocal_spans"])


def test_an_older_analysis_gets_defaults_for_what_it_lacks():
    old = {"duration_sec": 30.0, "bpm": 98.0, "beat_times": [0.5, 1.1], "downbeat_times": [0.5], "genre": "rock",
           "mood_primary": "calm", "lyrics_available": False, "suggested_video_type": "mood_environment"}
    result = AnalysisResult.from_stored(old)
    assert result.tempo_confidence is None and result.lyrics_error is None and result.vocal_spans == []
    assert result.time_signature == 4 and result.lyrics_source == "none" and result.waveform == []
    assert result.lyrics_edited is None and result.detected_grid is None
    out = result.to_stored()
    assert {k: out[k] for k in old} == old
    assert "lyrics_edited" not in out and "detected_grid" not in out  # optional fields only once set


def test_none_where_a_value_is_required_reads_as_the_default():
    result = AnalysisResult.from_stored({"bpm": None, "lyrics": None, "lyrics_source": None, "mood_tags": None})
    assert (result.bpm, result.lyrics, result.lyrics_source, result.mood_tags) == (0.0, [], "none", [])
    assert AnalysisResult.from_stored(None) == AnalysisResult()


def test_corrections_and_unknown_fields_are_kept():
    stored = {**CURRENT, "lyrics_edited": True, "detected_grid": {"bpm": 60.0, "time_signature": 4},
              "grid_correction": {"tempo_factor": 2.0}, "detected_tags": {"genre": "pop", "mood_primary": "sad"},
              "from_a_newer_version": {"x": 1}}
    result = AnalysisResult.from_stored(stored)
    assert result.lyrics_edited is True and result.detected_tags == {"genre": "pop", "mood_primary": "sad"}
    assert result.extra == {"from_a_newer_version": {"x": 1}}
    assert result.to_stored() == stored


def test_lyrics_replace_only_the_lyrics_part():
    result = AnalysisResult.from_stored(CURRENT)
    cleared = result.with_lyrics(LyricsFields(lyrics_error="No sung words were heard."))
    assert cleared.lyrics == [] and cleared.lyrics_available is False and cleared.lyrics_text is None
    assert cleared.lyrics_error == "No sung words were heard."
    assert cleared.updated(lyrics_error=None, **{k: v for k, v in result.lyrics_fields.to_stored().items()
                                                 if k != "lyrics_error"}) == result


def test_the_result_is_a_copy_of_the_stored_row():
    stored = {k: CURRENT[k] for k in ORDER}
    before = json.dumps(stored)
    result = AnalysisResult.from_stored(stored)
    result.beat_times.append(99.0)
    result.lyrics[0]["text"] = "changed"
    assert json.dumps(stored) == before
