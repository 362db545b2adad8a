"""Tempo, beats, downbeats and metre: BeatNet activations decoded by a bar-pointer HMM (metricon)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import librosa
import metricon
import numpy as np

from vibecraft.audio.beat_activations import FPS, MODELS, SAMPLE_RATE, beat_activations, load_weights
from vibecraft.planning.grid_correction import Grid, GridCorrection, apply_correction, tempo_alternatives

MIN_BPM, MAX_BPM = 55.0, 215.0
BEATS_PER_BAR = (3, 4)
# The decoded peak frame sits on average half a frame before the annotated (perceived) beat.
REPORT_LATENCY_SEC = 0.5 / FPS
# On clearly pulsed music the network fires ~0.5–0.9 above its median level at the decoded beats;
# on noise, tones and silence it stays within ~0.15 of it.
CONFIDENT_CONTRAST = 0.7
FALLBACK_BPM = 120.0
SILENT_RMS = 1e-4  # about -80 dBFS: nothing audible, so no beat
# The network's downbeat output separates bars only if it fires clearly more on downbeats than on other beats;
# on metronome clicks it fires on every beat, and the metre then comes from the clicks' accents.
INFORMATIVE_DOWNBEAT_CONTRAST = 0.3
MIN_ACCENT_DB = 1.5
# Tempo octave: the decoded tempo, its half and its double are weighed on three kinds of evidence, each a log score
# of equal weight: a log-normal prior around the genre's tempo (width in octaves), the onset tempogram's
# autocorrelation at each tempo, and whether the network fires on the beats a candidate adds or drops.
PRIOR_WIDTH_OCTAVES = 1.0
EVIDENCE_FLOOR = 0.05
OCTAVE_FACTORS = (0.5, 1.0, 2.0)
LOW_TEMPO_CONFIDENCE = 0.6
# Warm-up: the network is a causal LSTM, so over a song's first seconds it fires on every half beat and the decoder
# may carry the off-beat phase from there into the song's start. The leading beats are re-phased half a beat when the
# network fires more between them than on them by at least WARMUP_MIN_GAIN in total (firing is 0–1 per beat; where the
# network has locked on, the firing between beats is lower and the total stays at or below 0), over at least
# WARMUP_MIN_BEATS decoded beats, and only where the decoded tempo is steady (intervals within the tolerance of their
# median).
WARMUP_MIN_GAIN = 0.5
WARMUP_MIN_BEATS = 8
STEADY_TEMPO_TOLERANCE = 0.1
# Beats before a song's sound starts or after it ends are dropped; "sound" is anything within EDGE_SILENCE_DB of the
# song's loudest frame (40 dB down is where fade-outs end; dither and noise floors sit further down).
EDGE_SILENCE_DB = 40.0
SILENCE_RADIUS_FRAMES = 2


@dataclass(frozen=True)
class BeatGrid:
    bpm: float
    bpm_alternatives: list[float]
    beat_confidence: float
    beat_times: list[float]
    downbeat_times: list[float]
    time_signature: int
    activations: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 2), np.float32))
    tempo_confidence: float = 1.0
    octave_evidence: dict = field(default_factory=dict, repr=False)


@lru_cache(maxsize=1)
def _downbeat_tracker():
    return metricon.DownbeatTracker(beats_per_bar=BEATS_PER_BAR, min_bpm=MIN_BPM, max_bpm=MAX_BPM, fps=FPS)


def preload() -> None:
    """Build the decoder's state space and load the network weights (once per process)."""
    for model in MODELS:
        load_weights(model)
    _downbeat_tracker()


def _regular_grid(duration: float, bpm: float, beats_per_bar: int = 4) -> tuple[np.ndarray, np.ndarray]:
    period = 60.0 / bpm
    beats = np.arange(0.0, max(duration, 0.0), period)
    return beats, beats[::beats_per_bar]


def _fallback_tempo(samples: np.ndarray) -> float:
    """librosa's autocorrelation tempo, or 120 BPM when even that finds nothing to measure."""
    if len(samples) < SAMPLE_RATE or float(np.max(np.abs(samples))) < 1e-4:
        return FALLBACK_BPM
    tempo = float(np.atleast_1d(librosa.feature.tempo(y=samples, sr=SAMPLE_RATE))[0])
    return tempo if MIN_BPM <= tempo <= MAX_BPM else FALLBACK_BPM


def _frame_rms(samples: np.ndarray, frames: int) -> np.ndarray:
    padded = np.pad(samples, (0, max(0, frames * (SAMPLE_RATE // FPS) - len(samples))))
    hop = SAMPLE_RATE // FPS
    return np.sqrt(np.mean(padded[: frames * hop].reshape(frames, hop) ** 2, axis=1))


def _peaks_near(values: np.ndarray, times: np.ndarray, radius: int = 1) -> np.ndarray:
    frames = np.clip(np.round((times - REPORT_LATENCY_SEC) * FPS).astype(int), 0, len(values) - 1)
    return np.max([values[np.clip(frames + d, 0, len(values) - 1)] for d in range(-radius, radius + 1)], axis=0)


def _meter_from_accents(samples: np.ndarray, beats: np.ndarray) -> tuple[int, int]:
    """(beats per bar, index of the first downbeat) from which beats are played louder; 4/4 from beat 0 if none are."""
    radius = int(0.03 * SAMPLE_RATE)
    centres = np.clip((beats * SAMPLE_RATE).astype(int), 0, len(samples) - 1)
    peaks = np.array([np.max(np.abs(samples[max(c - radius, 0): c + radius + 1])) for c in centres])
    level = 20 * np.log10(np.maximum(peaks, 1e-6))
    best, best_gain = (4, 0), MIN_ACCENT_DB
    for meter in BEATS_PER_BAR:
        if len(level) < 2 * meter:
            continue
        for phase in range(meter):
            on = np.zeros(len(level), bool)
            on[phase::meter] = True
            gain = float(level[on].mean() - level[~on].mean())
            if gain > best_gain:
                best, best_gain = (meter, phase), gain
    return best


def _tempo_of(beats: np.ndarray) -> float:
    """BPM from the median span of 8 consecutive beat intervals (beats sit on 20-ms frames; spans average that out)."""
    span = min(8, len(beats) - 1)
    return 60.0 * span / float(np.median(beats[span:] - beats[:-span]))


def _confidence(activations: np.ndarray, beat_times: np.ndarray) -> float:
    """How much more the network fired on the decoded beats than elsewhere, 0–1."""
    if len(beat_times) < 2:
        return 0.0
    total = activations.sum(axis=1)
    frames = np.clip(np.round((beat_times - REPORT_LATENCY_SEC) * FPS).astype(int), 0, len(total) - 1)
    near = np.max([total[np.clip(frames + d, 0, len(total) - 1)] for d in (-1, 0, 1)], axis=0)
    return float(np.clip((np.mean(near) - np.median(total)) / CONFIDENT_CONTRAST, 0.0, 1.0))


def _viterbi(act: np.ndarray, anchors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Decoded beat times (reported, latency added) and their positions in the bar; anchors force beats there."""
    frame_anchors = None if anchors is None else np.asarray(anchors) - REPORT_LATENCY_SEC
    decoded = _downbeat_tracker().track(metricon.Activations.from_activations(act[:, 0] + act[:, 1], act[:, 1], fps=FPS),
                                        beat_anchors=frame_anchors)
    return decoded.times + REPORT_LATENCY_SEC, decoded.numbers


def _within_sound(beats: np.ndarray, rms: np.ndarray) -> np.ndarray:
    """Which beats fall between the song's first and last audible frames (the decoder keeps a pulse through silence).

    Audible: within EDGE_SILENCE_DB of the song's loudest frame, so a fade-out's tail or a noise floor after the
    music ends counts as silence as much as digital zeros do.
    """
    floor = max(SILENT_RMS, float(np.max(rms)) * 10 ** (-EDGE_SILENCE_DB / 20))
    audible = np.flatnonzero(rms >= floor)
    if len(audible) == 0:
        return np.zeros(len(beats), bool)
    frames = np.round((beats - REPORT_LATENCY_SEC) * FPS).astype(int)
    return (frames >= audible[0] - SILENCE_RADIUS_FRAMES) & (frames <= audible[-1] + SILENCE_RADIUS_FRAMES)


def _snap_to_peak(total: np.ndarray, time: float, radius_sec: float) -> float:
    frame = int(round((time - REPORT_LATENCY_SEC) * FPS))
    radius = max(1, int(radius_sec * FPS))
    lo, hi = max(frame - radius, 0), min(frame + radius + 1, len(total))
    if lo >= hi:
        return time
    return (lo + int(np.argmax(total[lo:hi]))) / FPS + REPORT_LATENCY_SEC


def warmup_anchors(activations: np.ndarray, beats: np.ndarray) -> np.ndarray:
    """Half-beat-shifted times for the song's first beats when the network's firing says the decoder took the off-beat.

    For each decoded beat, the network's firing at the point half a beat later is weighed against its firing on the
    beat. The leading run of beats whose shifted points gain the most in total is re-phased if that gain reaches
    WARMUP_MIN_GAIN and the decoded tempo there is steady; each shifted time is moved to the network's strongest
    frame within a quarter beat, and those times must be steady too. Returns the anchors for a second decode
    (empty: keep the decoded beats).
    """
    if len(beats) < WARMUP_MIN_BEATS:
        return np.zeros(0)
    total = activations.sum(axis=1)
    halves = (beats[1:] + beats[:-1]) / 2
    gain = np.cumsum(_peaks_near(total, halves) - _peaks_near(total, beats[:-1]))
    count = int(np.argmax(gain)) + 1
    if gain[count - 1] < WARMUP_MIN_GAIN:
        return np.zeros(0)
    intervals = np.diff(beats[: count + WARMUP_MIN_BEATS])
    period = float(np.median(intervals))
    if np.max(np.abs(intervals / period - 1.0)) > STEADY_TEMPO_TOLERANCE:
        return np.zeros(0)
    anchors = np.unique([_snap_to_peak(total, t, period / 4) for t in halves[:count]])
    if len(anchors) > 1 and np.max(np.abs(np.diff(anchors) / period - 1.0)) > STEADY_TEMPO_TOLERANCE:
        return np.zeros(0)  # the network's peaks there do not form a steady pulse either
    return anchors


def _decode(samples: np.ndarray, activations: np.ndarray, duration: float, *, drop_silent: bool = True,
            rephase_warmup: bool = True) -> tuple[np.ndarray, np.ndarray, int]:
    """Viterbi decode of beats and bars; silent frames cannot hold a beat.

    drop_silent and rephase_warmup switch the two corrections off for the benchmark's step-by-step table.
    """
    act = activations.copy()
    rms = _frame_rms(samples, len(act))
    act[rms < SILENT_RMS] = 0.0
    beats, numbers = _viterbi(act)
    if rephase_warmup:
        anchors = warmup_anchors(act, beats)
        if len(anchors):
            try:
                beats, numbers = _viterbi(act, anchors)
            except ValueError:  # anchors the tempo range cannot join: keep the first decode
                pass
    keep = beats < duration - 1.0 / FPS
    if drop_silent:
        keep &= _within_sound(beats, rms)
    beats, numbers = beats[keep], numbers[keep]
    if len(beats) < 2:
        return np.zeros(0), np.zeros(0), 4
    meter = int(np.max(numbers))
    on_down = _peaks_near(act[:, 1], beats[numbers == 1]) if np.any(numbers == 1) else np.zeros(1)
    off_down = _peaks_near(act[:, 1], beats[numbers != 1]) if np.any(numbers != 1) else np.zeros(1)
    if float(on_down.mean() - off_down.mean()) < INFORMATIVE_DOWNBEAT_CONTRAST:
        meter, phase = _meter_from_accents(samples, beats)
        return beats, beats[phase::meter], meter
    return beats, beats[numbers == 1], meter


def track_beats(samples: np.ndarray, sample_rate: int, *, drop_silent: bool = True,
                rephase_warmup: bool = True) -> BeatGrid:
    """Beats, downbeats, metre and tempo of a mono signal; always returns a grid (confidence 0 when there is no pulse).

    drop_silent (no beats before the sound starts or after it ends) and rephase_warmup (see warmup_anchors) are on
    in the product; the benchmark turns them off to show what each changes.
    """
    if sample_rate != SAMPLE_RATE:
        samples = librosa.resample(samples, orig_sr=sample_rate, target_sr=SAMPLE_RATE)
    samples = np.asarray(samples, dtype=np.float32)
    duration = len(samples) / SAMPLE_RATE
    activations = beat_activations(samples) if len(samples) else np.zeros((0, 2), np.float32)

    beats = downbeats = np.zeros(0)
    meter = 4
    if len(activations) >= FPS and float(np.max(np.abs(samples))) > SILENT_RMS:
        beats, downbeats, meter = _decode(samples, activations, duration, drop_silent=drop_silent,
                                          rephase_warmup=rephase_warmup)

    confidence = _confidence(activations, beats)
    if len(beats) >= 2:
        bpm = _tempo_of(beats)
    else:
        bpm, meter = _fallback_tempo(samples), 4
        beats, downbeats = _regular_grid(duration, bpm, meter)
        confidence = 0.0
    if len(downbeats) == 0 and len(beats):
        downbeats = beats[:1]
    return BeatGrid(
        bpm=round(bpm, 2),
        bpm_alternatives=tempo_alternatives(bpm),
        beat_confidence=round(confidence, 3),
        beat_times=[round(float(t), 3) for t in beats],
        downbeat_times=[round(float(t), 3) for t in downbeats],
        time_signature=meter,
        activations=activations,
    )


def _tempogram_salience(samples: np.ndarray, tempi: list[float]) -> list[float]:
    """Mean autocorrelation tempogram of the onset envelope at each tempo (librosa), 0–1."""
    hop = 512
    onset = librosa.onset.onset_strength(y=samples, sr=SAMPLE_RATE, hop_length=hop)
    gram = librosa.feature.tempogram(onset_envelope=onset, sr=SAMPLE_RATE, hop_length=hop, win_length=384)
    mean = np.clip(gram.mean(axis=1), 0.0, None)
    lags = np.arange(len(mean))
    return [float(np.interp(60.0 * SAMPLE_RATE / (hop * t), lags, mean)) for t in tempi]


def _network_support(grid: BeatGrid, factor: float) -> float:
    """Log ratio of the network's firing on the beats a candidate adds (double) or drops (half) to the beats it keeps.

    Doubling is supported when the network fires between the beats nearly as much as on them; halving when
    the beats it drops are clearly weaker than those it keeps. The decoded tempo scores 0.
    """
    if factor == 1.0 or len(grid.beat_times) < 4:
        return 0.0
    total = grid.activations.sum(axis=1)
    beats = np.asarray(grid.beat_times)
    if factor == 2.0:
        added = _peaks_near(total, (beats[1:] + beats[:-1]) / 2)
        kept = _peaks_near(total, beats)
    else:
        on = _peaks_near(total, beats)
        kept, added = (on[0::2], on[1::2]) if on[0::2].mean() >= on[1::2].mean() else (on[1::2], on[0::2])
        return float(np.log((kept.mean() + EVIDENCE_FLOOR) / (added.mean() + EVIDENCE_FLOOR)) - np.log(2.0))
    return float(np.log((added.mean() + EVIDENCE_FLOOR) / (kept.mean() + EVIDENCE_FLOOR)))


def refine_octave(grid: BeatGrid, samples: np.ndarray, sample_rate: int, *, prior_centre: float | None,
                  use_tempogram: bool = True) -> BeatGrid:
    """Pick between the decoded tempo, its half and its double on evidence; sets tempo_confidence (0–1).

    prior_centre is where the song's tempo is expected (from the tagger's genre and energy); None leaves the
    prior out. The evidence of each step is kept in `octave_evidence` for the benchmark.
    """
    if grid.beat_confidence == 0.0 or len(grid.beat_times) < 4:
        return replace(grid, tempo_confidence=0.0)
    if sample_rate != SAMPLE_RATE:
        samples = librosa.resample(samples, orig_sr=sample_rate, target_sr=SAMPLE_RATE)
    factors = [f for f in OCTAVE_FACTORS if MIN_BPM <= grid.bpm * f <= MAX_BPM]
    tempi = [grid.bpm * f for f in factors]
    network = np.array([_network_support(grid, f) for f in factors])
    prior = np.zeros(len(factors)) if prior_centre is None else \
        -0.5 * (np.log2(np.array(tempi) / prior_centre) / PRIOR_WIDTH_OCTAVES) ** 2
    tempogram = np.zeros(len(factors))
    if use_tempogram and len(samples) >= 4 * SAMPLE_RATE:
        salience = np.array(_tempogram_salience(np.asarray(samples, np.float32), tempi))
        tempogram = np.log((salience + EVIDENCE_FLOOR) / (salience.max() + EVIDENCE_FLOOR))
    score = network + prior + tempogram
    probability = np.exp(score - score.max())
    probability /= probability.sum()
    best = int(np.argmax(score))
    evidence = {"factors": factors, "network": network.round(3).tolist(), "prior": prior.round(3).tolist(),
                "tempogram": tempogram.round(3).tolist(), "prior_centre": prior_centre, "chosen": factors[best]}
    chosen = grid
    if factors[best] != 1.0:
        corrected = apply_correction(
            Grid(bpm=grid.bpm, bpm_alternatives=grid.bpm_alternatives, beat_times=grid.beat_times,
                 downbeat_times=grid.downbeat_times, time_signature=grid.time_signature),
            GridCorrection(tempo_factor=factors[best]), duration=len(samples) / SAMPLE_RATE)
        chosen = replace(grid, bpm=corrected.bpm, bpm_alternatives=corrected.bpm_alternatives,
                         beat_times=corrected.beat_times, downbeat_times=corrected.downbeat_times)
    return replace(chosen, tempo_confidence=round(float(probability[best]), 3), octave_evidence=evidence)
