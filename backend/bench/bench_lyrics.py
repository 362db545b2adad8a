"""Timed-lyrics benchmark on the shared JamendoLyrics songs: align the known text, compare word onsets.

    cd backend && ../.venv/bin/python bench/bench_lyrics.py [--full | --align-only] [--songs NAME,NAME] [--dump DIR]
    cd backend && ../.venv/bin/python bench/bench_lyrics.py --spread [--pinned-only] [--songs NAME]

Each song runs in its own fresh subprocess: decode once (ffmpeg, mono float32 at the analysis rate),
load the local model, then time `align` with the song's `.txt` and, separately, `transcribe`.
Onset error is |estimated word start - reference word start| over the words of the `.txt` in order
(the `.words.csv` rows). A line's offset is the median onset error of its words; "worst line" is the
largest. WER is the word error rate of `transcribe` (no lyrics given) against the `.txt`, after lower
casing and dropping punctuation. "peak MB" is the subprocess's peak RSS (model included). With
--full, the whole `analyze_audio` (beats, structure, tags and lyrics) is timed too; with --align-only,
`transcribe` is skipped (no WER). The signed error table (estimate - reference, words within 1 s)
shows the bias of word starts. --dump DIR writes each song's raw result (word starts and ends) there.

--spread runs `align` on one song under several simulated machines (CPU instruction sets forced for
CTranslate2 and MKL, thread counts) with the numeric pins of `lyrics_model` on and off, and prints
how far word starts move from the first run of each group: the figure docs/lyrics.md quotes.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np

BACKEND = Path(__file__).resolve().parents[1]
DATA = BACKEND.parent.parent / "shared" / "data" / "lyrics"
SONGS = ("Fantasma_-_Los_Rombos", "Confession_-_Quesabe", "Le_royaume_des_glous_glous_-_Raoul_de_QSM",
         "Veränderung_-_doromusis")
WITHIN_SEC = 0.3
LINE_OFF_SEC = 1.0
TARGETS = {"mean_sec": 0.3, "within": 0.90, "worst_line_sec": LINE_OFF_SEC}

WORKER = r"""
import json, os, resource, sys, time
sys.path.insert(0, {backend!r})
from vibecraft.audio import decode, lyrics_model
if os.environ.get("VC_BENCH_NO_PINS") == "1":  # the engine as it was before the pins: int8, per-CPU paths
    lyrics_model.pin_numerics = lambda: None
    lyrics_model.StableFeatureExtractor = lambda inner: inner
    lyrics_model.COMPUTE_TYPE = "int8"
    plain_args = decode.decode_args
    cpuflags = os.environ.get("VC_BENCH_FFMPEG_CPUFLAGS")
    def decode_args(*a, **k):
        args = plain_args(*a, **k)
        at = args.index("-cpuflags")
        return args[:at] + (["-cpuflags", cpuflags] if cpuflags else []) + args[at + 2:]
    decode.decode_args = decode_args
if os.environ.get("VC_BENCH_THREADS"):
    lyrics_model.CPU_THREADS = int(os.environ["VC_BENCH_THREADS"])
from vibecraft.audio.decode import decode_audio
from vibecraft.audio.lyrics import load_lyrics_engine, preload
path, text_path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
audio = decode_audio(path)
engine = load_lyrics_engine("local")
preload(engine)
text = open(text_path, encoding="utf-8").read()
t0 = time.perf_counter()
lines = engine.align(audio.samples, audio.sample_rate, text)
align_sec = time.perf_counter() - t0
heard, transcribe_sec, full_sec = [], None, None
if mode != "align":
    t0 = time.perf_counter()
    heard = engine.transcribe(audio.samples, audio.sample_rate)
    transcribe_sec = time.perf_counter() - t0
if mode == "full":
    from vibecraft.audio.analysis import analyze_audio, preload_models
    preload_models()
    t0 = time.perf_counter()
    analyze_audio(path, lyrics_engine=engine, lyrics_text=text)
    full_sec = time.perf_counter() - t0
print(json.dumps({{"starts": [w["start"] for line in lines for w in line["words"]],
                  "ends": [w["end"] for line in lines for w in line["words"]],
                  "heard": " ".join(line["text"] for line in heard),
                  "duration": audio.duration_sec, "align_sec": align_sec, "transcribe_sec": transcribe_sec,
                  "full_sec": full_sec, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

# Simulated machines: (label, environment, can run with the pins on). MKL_ENABLE_INSTRUCTIONS caps the
# code path MKL picks, CT2_FORCE_CPU_ISA does the same for CTranslate2's kernels, OPENBLAS_CORETYPE and
# NPY_DISABLE_CPU_FEATURES for numpy, -cpuflags for ffmpeg: what a CPU without AMX or AVX-512 would get.
# MKL_ENABLE_INSTRUCTIONS overrides MKL_CBWR, so a cap above AVX2 cannot be simulated with the pins on.
_NO_AVX512 = "X86_V4 AVX512_ICL AVX512_SPR"  # numpy's dispatch groups above AVX2
MACHINES = (
    ("this CPU (AMX, AVX-512)", {}, True),
    ("AVX-512 CPU without AMX", {"MKL_ENABLE_INSTRUCTIONS": "AVX512", "CT2_FORCE_CPU_ISA": "AVX512",
                                 "OPENBLAS_CORETYPE": "SkylakeX", "VC_BENCH_FFMPEG_CPUFLAGS": "-avx512icl"}, False),
    ("AVX2-only CPU", {"MKL_ENABLE_INSTRUCTIONS": "AVX2", "OPENBLAS_CORETYPE": "Haswell",
                       "NPY_DISABLE_CPU_FEATURES": _NO_AVX512, "VC_BENCH_FFMPEG_CPUFLAGS": "-avx512-avx512icl"}, True),
    ("1 thread", {"VC_BENCH_THREADS": "1"}, True),
    ("4 threads", {"VC_BENCH_THREADS": "4"}, True),
)


def reference(name: str) -> tuple[np.ndarray, list[int]]:
    """Reference word starts, and the line index of each word (lines of the .txt, blank ones skipped)."""
    with open(DATA / f"{name}.words.csv", encoding="utf-8") as f:
        starts = np.array([float(row["word_start"]) for row in csv.DictReader(f)])
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    line_of = [k for k, line in enumerate(ln for ln in text.splitlines() if ln.split()) for _ in line.split()]
    return starts, line_of


def _plain_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower())
    return [w for w in (re.sub(r"[^\w]", "", token) for token in text.split()) if w]


def word_error_rate(reference_text: str, heard_text: str) -> float:
    """Word-level edit distance between the heard words and the reference, over the reference's length."""
    ref, hyp = _plain_words(reference_text), _plain_words(heard_text)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / max(len(ref), 1)


def run_song(name: str, mode: str, env: dict[str, str] | None = None) -> dict:
    """Run the worker for one song in a fresh process; mode is "align", "both" or "full"."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    done = subprocess.run([sys.executable, "-c", WORKER.format(backend=str(BACKEND)), str(DATA / f"{name}.mp3"),
                           str(DATA / f"{name}.txt"), mode],
                          capture_output=True, text=True, env=full_env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name}: worker failed\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def signed_errors(name: str, starts: list[float]) -> np.ndarray:
    """Per-word estimate - reference start (negative: the estimate is early)."""
    ref, _line_of = reference(name)
    est = np.array(starts, dtype=float)
    if len(est) != len(ref):
        print(f"{name}: {len(est)} words aligned for {len(ref)} reference words", file=sys.stderr)
        est = np.resize(est, len(ref)) if len(est) else np.full(len(ref), np.inf)
    return est - ref


def onset_errors(name: str, starts: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Per-word onset errors and per-line offsets (median error of the line's words)."""
    _ref, line_of = reference(name)
    errors = np.abs(signed_errors(name, starts))
    line_ids = np.array(line_of)
    lines = np.array([np.median(errors[line_ids == k]) for k in range(line_ids.max() + 1)])
    return errors, lines


def accuracy(songs: tuple[str, ...], full: bool, align_only: bool = False, dump: str | None = None) -> None:
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores shared)")
    header = (f"{'song':26} {'dur s':>6} {'words':>5} {'mean s':>7} {'median s':>8} {'<=0.3s':>6} {'worst line s':>12}"
              f" {'WER':>5} {'align s':>7} {'transcr s':>9}")
    header += f" {'full s':>6}" if full else ""
    print(header + f" {'peak MB':>7}")
    all_errors, all_lines, signed_rows = [], [], []
    for name in songs:
        result = run_song(name, "full" if full else ("align" if align_only else "both"))
        if dump:
            Path(dump).mkdir(parents=True, exist_ok=True)
            (Path(dump) / f"{name}.json").write_text(json.dumps(result), encoding="utf-8")
        errors, lines = onset_errors(name, result["starts"])
        signed = signed_errors(name, result["starts"])
        signed_rows.append((name, signed[np.abs(signed) <= 1.0]))
        all_errors.append(errors)
        all_lines.append(lines)
        wer = (word_error_rate((DATA / f"{name}.txt").read_text(encoding="utf-8"), result["heard"])
               if result["transcribe_sec"] is not None else float("nan"))
        transcribe_sec = result["transcribe_sec"] if result["transcribe_sec"] is not None else float("nan")
        row = (f"{name[:26]:26} {result['duration']:6.1f} {len(errors):5d} {errors.mean():7.3f} {np.median(errors):8.3f}"
               f" {100 * np.mean(errors <= WITHIN_SEC):5.1f}% {lines.max():12.2f} {100 * wer:4.0f}%"
               f" {result['align_sec']:7.1f} {transcribe_sec:9.1f}")
        row += f" {result['full_sec']:6.1f}" if full else ""
        print(row + f" {result['peak_mb']:7.0f}", flush=True)
    errors, lines = np.concatenate(all_errors), np.concatenate(all_lines)
    print(f"{'overall':26} {'':6} {len(errors):5d} {errors.mean():7.3f} {np.median(errors):8.3f}"
          f" {100 * np.mean(errors <= WITHIN_SEC):5.1f}% {lines.max():12.2f}")
    # Signed onset error (estimate - reference) of the words within 1 s: the bias of the word starts,
    # apart from lines placed seconds off.
    print(f"{'signed error, |e|<=1 s':26} {'words':>5} {'mean s':>7} {'median s':>8} {'p10 s':>6} {'p90 s':>6} {'early':>6}")
    for name, signed in signed_rows + [("all", np.concatenate([s for _, s in signed_rows]))]:
        print(f"{name[:26]:26} {len(signed):5d} {signed.mean():7.3f} {np.median(signed):8.3f}"
              f" {np.percentile(signed, 10):6.2f} {np.percentile(signed, 90):6.2f} {100 * np.mean(signed < 0):5.1f}%")
    print(f"targets: mean <= {TARGETS['mean_sec']} s, >= {100 * TARGETS['within']:.0f} % within {WITHIN_SEC} s,"
          f" no line more than {TARGETS['worst_line_sec']} s off -> "
          + ("met" if errors.mean() <= TARGETS["mean_sec"] and np.mean(errors <= WITHIN_SEC) >= TARGETS["within"]
             and lines.max() <= TARGETS["worst_line_sec"] else "NOT met"))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def spread(name: str, pinned_only: bool = False) -> None:
    print(f"{name}: align under simulated machines; shift = |word start - first run of the group|")
    print(f"{'pins':6} {'machine':24} {'median s':>8} {'<=0.3s':>6} {'moved >50ms':>11} {'max shift s':>11} {'align s':>7}")
    for pinned in ((True,) if pinned_only else (False, True)):
        first = None
        for label, env, runs_pinned in MACHINES:
            if pinned and not runs_pinned:
                continue
            result = run_song(name, "align", {**env, "VC_BENCH_NO_PINS": "0" if pinned else "1"})
            starts = np.array(result["starts"])
            errors, _lines = onset_errors(name, result["starts"])
            first = starts if first is None else first
            shift = np.abs(starts - first) if len(starts) == len(first) else np.full(len(first), np.inf)
            print(f"{'on' if pinned else 'off':6} {label:24} {np.median(errors):8.3f} {100 * np.mean(errors <= WITHIN_SEC):5.1f}%"
                  f" {int(np.sum(shift > 0.05)):11d} {shift.max():11.3f} {result['align_sec']:7.1f}", flush=True)


def main() -> None:
    args = sys.argv[1:]
    songs = SONGS
    if "--songs" in args:
        songs = tuple(args[args.index("--songs") + 1].split(","))
    if "--spread" in args:
        spread(songs[0] if "--songs" in args else "Confession_-_Quesabe", pinned_only="--pinned-only" in args)
    else:
        dump = args[args.index("--dump") + 1] if "--dump" in args else None
        accuracy(songs, "--full" in args, "--align-only" in args, dump)


if __name__ == "__main__":
    main()
