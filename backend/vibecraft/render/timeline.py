"""Per-frame drive signals of a clip: the beat pulse (sharp on the beat frame, smooth decay), the downbeat accent,
the audio energy, and the energy-weighted travel time that continuous motion follows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vibecraft.render.audio_envelope import AudioEnvelope

BEAT_STRENGTH = 0.6
DOWNBEAT_STRENGTH = 1.0


@dataclass(frozen=True)
class Timeline:
    fps: int
    pulse: np.ndarray           # 0–1, jumps up on every beat frame and decays
    downbeat: np.ndarray        # 0–1, the same on downbeats only
    since_downbeat: np.ndarray  # seconds since the last downbeat frame (large before the first)
    energy: np.ndarray          # 0–1, smoothed loudness
    travel: np.ndarray          # seconds of motion: runs faster when the music is loud

    @property
    def n_frames(self) -> int:
        return len(self.pulse)


def beat_frames(times: tuple[float, ...] | list[float], fps: int, n_frames: int) -> np.ndarray:
    """Sorted unique frame indices round(t × fps) of the times that fall inside the clip."""
    frames = np.round(np.asarray(times, np.float64) * fps).astype(np.int64)
    return np.unique(frames[(frames >= 0) & (frames < n_frames)])


def pulse_envelope(frames: np.ndarray, strengths: np.ndarray, n_frames: int, decay_frames: float) -> np.ndarray:
    """Each pulse starts at full strength on its frame and decays exponentially until the next one replaces it."""
    out = np.zeros(n_frames, np.float32)
    if len(frames) == 0:
        return out
    index = np.arange(n_frames)
    last = np.searchsorted(frames, index, side="right") - 1
    valid = last >= 0
    age = index[valid] - frames[last[valid]]
    out[valid] = strengths[last[valid]] * np.exp(-age / decay_frames)
    return out


def build_timeline(
    *,
    n_frames: int,
    fps: int,
    beat_times: tuple[float, ...],
    downbeat_times: tuple[float, ...],
    envelope: AudioEnvelope,
) -> Timeline:
    """Combine the beat grid and the audio envelope into the signals every look draws from."""
    downbeats = beat_frames(downbeat_times, fps, n_frames)
    beats = np.union1d(beat_frames(beat_times, fps, n_frames), downbeats)
    gaps = np.diff(beats)
    # The pulse must have faded well before the next beat, so fast tempos get a shorter decay.
    decay = float(np.clip(0.3 * np.median(gaps), 1.2, 0.16 * fps)) if len(gaps) else 0.16 * fps
    hit = np.maximum(envelope.onset[np.maximum(beats - 1, 0)], envelope.onset[beats]) if len(beats) else np.zeros(0)
    strengths = np.where(np.isin(beats, downbeats), DOWNBEAT_STRENGTH, BEAT_STRENGTH) * (0.8 + 0.2 * hit)
    pulse = pulse_envelope(beats, strengths.astype(np.float32), n_frames, decay)
    accent = pulse_envelope(downbeats, np.ones(len(downbeats), np.float32), n_frames, decay * 1.6)

    index = np.arange(n_frames)
    last = np.searchsorted(downbeats, index, side="right") - 1
    if len(downbeats):
        since = np.where(last >= 0, (index - downbeats[np.maximum(last, 0)]) / fps, 1e3).astype(np.float32)
    else:
        since = np.full(n_frames, 1e3, np.float32)
    speed = 0.45 + 1.1 * envelope.energy
    travel = np.concatenate([[0.0], np.cumsum(speed[:-1])]) / fps
    return Timeline(fps=fps, pulse=pulse, downbeat=accent, since_downbeat=since,
                    energy=envelope.energy.astype(np.float32), travel=travel.astype(np.float32))
