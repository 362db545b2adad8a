"""Song-analysis benchmark on the shared annotated audio: VibeCraft's analysis against librosa's stock beat_track.

    cd backend && ../.venv/bin/python bench/bench_analysis.py [--beats-only]

Each system runs in its own fresh subprocess per clip (models loaded and librosa warmed first, then timed),
so "wall" is the warm analysis time and "peak MB" is that subprocess's peak RSS (ru_maxrss), model loading included.
Beat F-measure is mir_eval's (±70 ms), over the whole clip ("F full") and with mir_eval's standard 5-s trim
("F trim"; the 2.8-s clip has nothing left after trimming, so only its full figure counts).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mir_eval
import numpy as np

BACKEND = Path(__file__).resolve().parents[1]
DATA = BACKEND.parent.parent / "shared" / "data"

WORKER = r"""
import json, resource, sys, time
import numpy as np
system, path = sys.argv[1], sys.argv[2]
sys.path.insert(0, {backend!r})
if system == "vibecraft":
    from vibecraft.audio.analysis import analyze_audio, preload_models
    preload_models()
    start = time.perf_counter()
    r = analyze_audio(path).to_stored()
    out = {{k: r[k] for k in ("bpm", "beat_times", "downbeat_times", "time_signature", "genre", "genre_scores",
                             "suggested_sections", "duration_sec", "tempo_confidence")}}
else:
    import librosa
    y, sr = librosa.load(path, sr=22050)
    librosa.beat.beat_track(y=y[: sr * 5], sr=sr)  # numba warm-up, untimed
    start = time.perf_counter()
    y, sr = librosa.load(path, sr=22050)
    tempo, frames = librosa.beat.beat_track(y=y, sr=sr, units="time")
    out = {{"bpm": float(np.atleast_1d(tempo)[0]), "beat_times": [float(t) for t in frames], "downbeat_times": []}}
out["wall"] = time.perf_counter() - start
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_system(system: str, path: Path) -> dict:
    code = WORKER.format(backend=str(BACKEND))
    done = subprocess.run([sys.executable, "-c", code, system, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_reference(stem: Path) -> tuple[np.ndarray, np.ndarray, float]:
    rows = np.loadtxt(stem.with_suffix(".beats"), ndmin=2)
    downbeats = rows[rows[:, 1] == 1, 0] if rows.shape[1] > 1 else np.zeros(0)
    return rows[:, 0], downbeats, float(np.loadtxt(stem.with_suffix(".bpm")))


def beat_scores(ref: np.ndarray, ref_down: np.ndarray, ref_bpm: float, est: dict) -> dict:
    beats = np.asarray(est["beat_times"], dtype=float)
    down = np.asarray(est["downbeat_times"], dtype=float)
    trimmed_ref = mir_eval.beat.trim_beats(ref)
    bpm = est["bpm"]
    return {
        "F full": mir_eval.beat.f_measure(ref, beats),
        "F trim": mir_eval.beat.f_measure(trimmed_ref, mir_eval.beat.trim_beats(beats)) if len(trimmed_ref) else float("nan"),
        "down F": mir_eval.beat.f_measure(ref_down, down) if len(ref_down) and len(down) else float("nan"),
        "Acc1": float(abs(bpm - ref_bpm) <= 0.04 * ref_bpm),
        "Acc2": float(any(abs(bpm * m - ref_bpm) <= 0.04 * ref_bpm for m in (1, 2, 3, 0.5, 1 / 3))),
        "tempo c": est.get("tempo_confidence", float("nan")),
        "wall s": est["wall"],
        "peak MB": est["peak_mb"],
    }


def print_table(title: str, columns: list[str], rows: list[tuple[str, dict]]) -> None:
    print(f"\n{title}")
    print(f"{'':38s}" + "".join(f"{c:>9s}" for c in columns))
    for name, row in rows:
        print(f"{name:38s}" + "".join(f"{row[c]:9.3f}" if isinstance(row[c], float) else f"{row[c]!s:>9}" for c in columns))


def bench_beats() -> None:
    columns = ["F full", "F trim", "down F", "Acc1", "Acc2", "tempo c", "wall s", "peak MB"]
    totals: dict[str, list[dict]] = {"vibecraft": [], "librosa": []}
    rows = []
    for wav in sorted((DATA / "beats").glob("*.wav")):
        ref, ref_down, ref_bpm = load_reference(wav.with_suffix(""))
        for system in totals:
            est = run_system(system, wav)
            scores = beat_scores(ref, ref_down, ref_bpm, est)
            totals[system].append(scores)
            rows.append((f"{wav.stem[:26]} {system}", scores))
            if system == "vibecraft":
                scores["bpm"] = est["bpm"]
    for system, all_scores in totals.items():
        rows.append((f"MEAN {system}", {c: float(np.nanmean([s[c] for s in all_scores])) for c in columns}))
    print_table("Beats (mir_eval, ±70 ms; tempo Acc1 ±4 %, Acc2 also ×2 ×3 ×½ ×⅓)", columns, rows)


BEAT_STEPS = (
    ("HMM decode", {"drop_silent": False, "rephase_warmup": False}),
    ("+ no beats in edge silence", {"rephase_warmup": False}),
    ("+ warm-up re-phased (shipped)", {}),
)


def bench_beat_steps() -> None:
    """What each step of the beat grid changes, clip by clip (track_beats only, before the tempo octave choice)."""
    sys.path.insert(0, str(BACKEND))
    from vibecraft.audio.beats import track_beats
    from vibecraft.audio.decode import decode_audio

    print("\nBeat grid, step by step (beat F full / F trim / downbeat F / BPM / beats)")
    for wav in sorted((DATA / "beats").glob("*.wav")):
        ref, ref_down, ref_bpm = load_reference(wav.with_suffix(""))
        audio = decode_audio(wav)
        print(f"  {wav.stem} (reference {ref_bpm} BPM, {len(ref)} beats)")
        for name, flags in BEAT_STEPS:
            grid = track_beats(audio.samples, audio.sample_rate, **flags)
            scores = beat_scores(ref, ref_down, ref_bpm, {"bpm": grid.bpm, "beat_times": grid.beat_times,
                                                          "downbeat_times": grid.downbeat_times, "wall": 0.0,
                                                          "peak_mb": 0.0})
            print(f"    {name:30s} F {scores['F full']:.3f}  trim {scores['F trim']:.3f}  down {scores['down F']:.3f}"
                  f"  {grid.bpm:6.2f} BPM  {len(grid.beat_times)} beats")


BEAT_STRETCH_RATES = (0.8, 0.9, 1.1, 1.25, 1.5, 2.0)


def bench_stretched_beats() -> None:
    """The beat-grid steps on the two 30-s clips time-stretched (annotations scaled by 1/rate), so the steps meet
    openings and tempi they were not looked at on. Prints beat F full / downbeat F per step."""
    sys.path.insert(0, str(BACKEND))
    from vibecraft.audio.beats import track_beats
    from vibecraft.audio.decode import decode_audio

    print("\nTime-stretched clips, beat grid step by step (beat F full / downbeat F): "
          + " | ".join(name for name, _ in BEAT_STEPS))
    with tempfile.TemporaryDirectory() as tmp:
        for wav in sorted((DATA / "beats").glob("*.wav")):
            ref, ref_down, _ = load_reference(wav.with_suffix(""))
            if len(ref) < 16:
                continue  # the 2.8-s clip is too short to stretch usefully
            for rate in BEAT_STRETCH_RATES:
                out = Path(tmp) / f"{wav.stem}_x{rate}.wav"
                subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), "-filter:a", f"atempo={rate}",
                                str(out)], check=True)
                audio = decode_audio(out)
                cells = []
                for _, flags in BEAT_STEPS:
                    grid = track_beats(audio.samples, audio.sample_rate, **flags)
                    f = mir_eval.beat.f_measure(ref / rate, np.asarray(grid.beat_times))
                    fd = mir_eval.beat.f_measure(ref_down / rate, np.asarray(grid.downbeat_times))
                    cells.append(f"{f:.3f} / {fd:.3f}")
                print(f"  {wav.stem[:22]:22s} ×{rate:<5}" + "  |  ".join(cells))


def octave_steps(samples: np.ndarray, sample_rate: int) -> list[tuple[str, object]]:
    """The beat grid after each step of the tempo pipeline, in order (the last one is what the product ships)."""
    from vibecraft.audio import beat_activations, beats
    from vibecraft.audio.tagging import song_tags

    shipped = beats.beat_activations
    try:  # step 1: the single network the product used before
        beats.beat_activations = lambda x: beat_activations.beat_activations(x, models=(1,))
        single = beats.track_beats(samples, sample_rate)
    finally:
        beats.beat_activations = shipped
    averaged = beats.track_beats(samples, sample_rate)
    centre = song_tags(samples, sample_rate).tempo_prior_centre()
    return [
        ("model 1 + HMM", beats.refine_octave(single, samples, sample_rate, prior_centre=None, use_tempogram=False)),
        ("3 models avg", beats.refine_octave(averaged, samples, sample_rate, prior_centre=None, use_tempogram=False)),
        ("+ genre/energy prior", beats.refine_octave(averaged, samples, sample_rate, prior_centre=centre, use_tempogram=False)),
        ("+ tempogram (shipped)", beats.refine_octave(averaged, samples, sample_rate, prior_centre=centre)),
    ]


def bench_octave_steps() -> None:
    """What each step of the tempo pipeline changes, clip by clip (in this process; times are not measured)."""
    sys.path.insert(0, str(BACKEND))
    from vibecraft.audio.decode import decode_audio

    print("\nTempo pipeline, step by step (beat F full / downbeat F / BPM / tempo confidence; chosen octave factor)")
    for wav in sorted((DATA / "beats").glob("*.wav")):
        ref, ref_down, ref_bpm = load_reference(wav.with_suffix(""))
        audio = decode_audio(wav)
        print(f"  {wav.stem} (reference {ref_bpm} BPM)")
        for name, grid in octave_steps(audio.samples, audio.sample_rate):
            f = mir_eval.beat.f_measure(ref, np.asarray(grid.beat_times))
            fd = mir_eval.beat.f_measure(ref_down, np.asarray(grid.downbeat_times)) if len(ref_down) else float("nan")
            ev = grid.octave_evidence
            parts = " ".join(f"x{fa:g}: net {n:+.2f} prior {p:+.2f} tg {t:+.2f}" for fa, n, p, t in
                             zip(ev.get("factors", []), ev.get("network", []), ev.get("prior", []), ev.get("tempogram", [])))
            print(f"    {name:24s} F {f:.3f}  down {fd:.3f}  {grid.bpm:6.1f} BPM  conf {grid.tempo_confidence:.2f}  "
                  f"chose x{ev.get('chosen', 1.0):g}  [{parts}]")


STRETCH_RATES = (0.8, 1.5, 2.0)


def bench_stretched_octaves() -> None:
    """The annotated clips time-stretched (ffmpeg atempo keeps pitch, genre and loudness; the tempo moves by the rate),
    so each step of the tempo pipeline meets tempi it was not looked at on. Acc1 counts the right octave."""
    sys.path.insert(0, str(BACKEND))
    from vibecraft.audio.decode import decode_audio

    print("\nTime-stretched clips: chosen BPM per step (Acc1 ✓ / octave error ✗), tempo confidence")
    hits: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for wav in sorted((DATA / "beats").glob("*.wav")):
            _, _, ref_bpm = load_reference(wav.with_suffix(""))
            if len(np.loadtxt(wav.with_suffix(".beats"), ndmin=2)) < 16:
                continue  # the 2.8-s clip is too short to stretch usefully
            for rate in STRETCH_RATES:
                out = Path(tmp) / f"{wav.stem}_x{rate}.wav"
                subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), "-filter:a", f"atempo={rate}",
                                str(out)], check=True)
                audio = decode_audio(out)
                target = ref_bpm * rate
                cells = []
                for name, grid in octave_steps(audio.samples, audio.sample_rate):
                    ok = abs(grid.bpm - target) <= 0.04 * target
                    hits[name] = hits.get(name, 0) + ok
                    cells.append(f"{grid.bpm:5.0f} {'✓' if ok else '✗'} {grid.tempo_confidence:.2f}")
                print(f"  {wav.stem[:22]:22s} ×{rate:<4} ({target:5.1f} BPM)  " + "  |  ".join(cells))
    print("  Acc1 per step: " + ", ".join(f"{name} {n}/{2 * len(STRETCH_RATES)}" for name, n in hits.items()))


def bench_sections() -> None:
    for mp3 in sorted((DATA / "sections").glob("*.mp3")):
        jams = json.loads(mp3.with_suffix(".jams").read_text())
        ann = next(a for a in jams["annotations"] if a["namespace"] == "segment_open")
        ref = np.array([[o["time"], o["time"] + o["duration"]] for o in ann["data"]])
        est = run_system("vibecraft", mp3)
        sec = est["suggested_sections"]
        est_iv = np.array([[s["start_time"], s["end_time"]] for s in sec])
        # Both annotations must span the same range for mir_eval: clip to the common end.
        end = min(ref[-1, 1], est_iv[-1, 1])
        ref[-1, 1], est_iv[-1, 1] = end, end
        print(f"\nSections on {mp3.name} ({len(sec)} sections)")
        for trim, note in ((False, "mir_eval default, song start/end count as boundaries"),
                           (True, "trim=True, inner boundaries only")):
            p5, r5, f5 = mir_eval.segment.detection(ref, est_iv, window=0.5, trim=trim)
            p3, r3, f3 = mir_eval.segment.detection(ref, est_iv, window=3.0, trim=trim)
            print(f"  HR.5F {f5:.3f} (P {p5:.2f} R {r5:.2f})   HR3F {f3:.3f} (P {p3:.2f} R {r3:.2f})   [{note}]")
        print("  reference: " + " | ".join(f"{o['value']} {o['time']:.1f}" for o in ann["data"]))
        print("  estimated: " + " | ".join(f"{s['label']} {s['start_time']:.1f}" for s in sec))
        print(f"  genre {est['genre']}: " + ", ".join(f"{g['label']} {g['score']:.2f}" for g in est["genre_scores"][:3]))


def three_minute_song(workdir: Path) -> Path:
    """Fantasma looped to exactly 180 s (the shared full songs are 2.5–2.8 min)."""
    out = workdir / "three_minutes.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", "1", "-i",
                    str(DATA / "lyrics" / "Fantasma_-_Los_Rombos.mp3"), "-t", "180", "-c:a", "libmp3lame", "-b:a", "192k",
                    str(out)], check=True, capture_output=True)
    return out


def bench_full_song() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _report_full_song(three_minute_song(Path(tmp)))
    for song in sorted((DATA / "lyrics").glob("*.mp3")):
        _report_full_song(song)


def _report_full_song(song: Path) -> None:
    est = run_system("vibecraft", song)
    print(f"\nFull analysis, no lyrics, {song.name} ({est['duration_sec']:.0f} s): "
          f"{est['wall']:.2f} s wall warm, peak RSS {est['peak_mb']:.0f} MB, {len(est['suggested_sections'])} sections, "
          f"{est['bpm']:.1f} BPM, genre {est['genre']}")


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"no benchmark data at {DATA}")
    started = time.time()
    with open("/proc/loadavg") as f:
        print(f"load average before: {f.read().split()[:3]} on {__import__('os').cpu_count()} cores")
    bench_beats()
    bench_beat_steps()
    bench_stretched_beats()
    if "--beats-only" in sys.argv[1:]:
        print(f"\nbenchmark took {time.time() - started:.0f} s")
        return
    bench_octave_steps()
    bench_stretched_octaves()
    bench_sections()
    bench_full_song()
    print(f"\nbenchmark took {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
