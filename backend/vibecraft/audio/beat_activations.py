"""Frame-wise beat and downbeat probabilities from the BeatNet CRNN (Heydari et al. 2021), run in numpy.

The network and its input follow BeatNet 1.1.3 exactly: a log-frequency magnitude spectrogram
(24 bands per octave, 30 Hz–17 kHz, 64 ms Hann window, 20 ms hop at 22.05 kHz) stacked with its
positive first difference, then Conv1d → max-pool → dense → 2-layer LSTM → 3-way softmax
(beat, downbeat, no beat). Weights: CC BY 4.0, see weights/README.md.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 22050
FPS = 50
HOP = int(0.020 * SAMPLE_RATE)  # 441 samples
WINDOW = int(0.064 * SAMPLE_RATE)  # 1411 samples
BANDS_PER_OCTAVE = 24
FMIN, FMAX, FREF = 30.0, 17000.0, 440.0
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
# BeatNet ships three CRNNs, each trained with one data set held out (1: GTZAN, 2: Ballroom, 3: Rock Corpus);
# averaging their probabilities lets no single training split decide the tempo octave.
MODELS = (1, 2, 3)


def _log_band_edges(num_bins: int) -> np.ndarray:
    """FFT bin indices of the log-spaced band edges (duplicates merged, as BeatNet's filterbank does)."""
    bin_freqs = np.fft.fftfreq(num_bins * 2, 1.0 / SAMPLE_RATE)[:num_bins]
    left = np.floor(np.log2(FMIN / FREF) * BANDS_PER_OCTAVE)
    right = np.ceil(np.log2(FMAX / FREF) * BANDS_PER_OCTAVE)
    freqs = FREF * 2.0 ** (np.arange(left, right) / BANDS_PER_OCTAVE)
    freqs = freqs[np.searchsorted(freqs, FMIN):]
    freqs = freqs[: np.searchsorted(freqs, FMAX, "right")]
    idx = np.clip(bin_freqs.searchsorted(freqs), 1, num_bins - 1)
    idx = idx - (freqs - bin_freqs[idx - 1] < bin_freqs[idx] - freqs)
    return np.unique(idx)


@lru_cache(maxsize=1)
def _filterbank(num_bins: int) -> np.ndarray:
    """Area-normalised triangular filters on the log band edges, shape (num_bins, num_bands)."""
    edges = _log_band_edges(num_bins)
    bank = np.zeros((num_bins, len(edges) - 2), dtype=np.float32)
    for band, (start, center, stop) in enumerate(zip(edges[:-2], edges[1:-1], edges[2:])):
        if stop - start < 2:
            center, stop = start, start + 1
        tri = np.concatenate([
            np.linspace(0, 1, center - start, endpoint=False),
            np.linspace(1, 0, stop - center, endpoint=False),
        ])
        bank[start:stop, band] = tri / tri.sum()
    return bank


def spectral_features(samples: np.ndarray) -> np.ndarray:
    """BeatNet's input: log filtered spectrogram and its positive difference, shape (frames, 272)."""
    num_frames = max(1, int(np.ceil(len(samples) / HOP)))
    padded = np.zeros(num_frames * HOP + WINDOW, dtype=np.float32)
    padded[WINDOW // 2: WINDOW // 2 + len(samples)] = samples
    frames = np.lib.stride_tricks.sliding_window_view(padded, WINDOW)[::HOP][:num_frames]
    num_bins = WINDOW >> 1
    window = np.hanning(WINDOW).astype(np.float32)
    spec = np.abs(np.fft.rfft(frames * window, axis=1)[:, :num_bins]).astype(np.float32)
    spec = np.log10(spec @ _filterbank(num_bins) + 1.0)
    diff = np.zeros_like(spec)
    diff[1:] = np.maximum(spec[1:] - spec[:-1], 0.0)
    return np.hstack([spec, diff])


def weights_path(model: int) -> Path:
    return WEIGHTS_DIR / f"beatnet_model{model}.npz"


@lru_cache(maxsize=len(MODELS))
def load_weights(model: int = 1) -> dict[str, np.ndarray]:
    """The weights of one of the CRNNs as float32 arrays (loaded once per process)."""
    with np.load(weights_path(model)) as data:
        return {k: data[k].astype(np.float32) for k in data.files}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _lstm_layer(x: np.ndarray, weights: list[dict[str, np.ndarray]], layer: int) -> np.ndarray:
    """One unidirectional LSTM layer (PyTorch gate order i, f, g, o) of several models at once.

    x is (models, frames, inputs); the models step through time together, so three networks cost about
    one Python loop instead of three.
    """
    w_ih = np.stack([w[f"lstm.weight_ih_l{layer}"] for w in weights])  # (M, 4H, in)
    bias = np.stack([w[f"lstm.bias_ih_l{layer}"] + w[f"lstm.bias_hh_l{layer}"] for w in weights])
    w_hh = np.stack([w[f"lstm.weight_hh_l{layer}"].T for w in weights])  # (M, H, 4H)
    gates_in = np.einsum("mti,mgi->mtg", x, w_ih) + bias[:, None, :]
    models, frames, hidden = len(weights), x.shape[1], w_hh.shape[1]
    h = np.zeros((models, 1, hidden), dtype=np.float32)
    c = np.zeros((models, hidden), dtype=np.float32)
    out = np.empty((models, frames, hidden), dtype=np.float32)
    for t in range(frames):
        g = gates_in[:, t] + np.matmul(h, w_hh)[:, 0]
        i, f = _sigmoid(g[:, :hidden]), _sigmoid(g[:, hidden: 2 * hidden])
        c = f * c + i * np.tanh(g[:, 2 * hidden: 3 * hidden])
        h = (_sigmoid(g[:, 3 * hidden:]) * np.tanh(c))[:, None, :]
        out[:, t] = h[:, 0]
    return out


def _dense_input(features: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """Conv1d → ReLU → max-pool → dense: the per-frame part of one CRNN, shape (frames, 150)."""
    kernel, bias = w["conv1.weight"][:, 0, :], w["conv1.bias"]  # (2, 10)
    windows = np.lib.stride_tricks.sliding_window_view(features, kernel.shape[1], axis=1)  # (T, 263, 10)
    conv = np.maximum(np.einsum("tpk,ck->tcp", windows, kernel) + bias[None, :, None], 0.0)
    pooled_len = conv.shape[2] // 2
    pooled = conv[:, :, : pooled_len * 2].reshape(len(features), 2, pooled_len, 2).max(axis=3)
    return pooled.reshape(len(features), -1) @ w["linear0.weight"].T + w["linear0.bias"]


def crnn_forward(features: np.ndarray, model: int = 1) -> np.ndarray:
    """Softmax output of one CRNN, shape (frames, 3): P(beat, not downbeat), P(downbeat), P(no beat)."""
    return crnn_forward_many(features, (model,))[0]


def crnn_forward_many(features: np.ndarray, models: tuple[int, ...]) -> np.ndarray:
    """Softmax outputs of several CRNNs on the same features, shape (models, frames, 3)."""
    weights = [load_weights(m) for m in models]
    x = np.stack([_dense_input(features, w) for w in weights]).astype(np.float32)
    x = _lstm_layer(x, weights, 0)
    x = _lstm_layer(x, weights, 1)
    logits = np.stack([x[k] @ w["linear.weight"].T + w["linear.bias"] for k, w in enumerate(weights)])
    logits -= logits.max(axis=2, keepdims=True)
    probs = np.exp(logits)
    return probs / probs.sum(axis=2, keepdims=True)


def beat_activations(samples_22k: np.ndarray, models: tuple[int, ...] = MODELS) -> np.ndarray:
    """(frames, 2) array at 50 fps: probability of a beat that is not a downbeat, and of a downbeat (models averaged)."""
    return crnn_forward_many(spectral_features(samples_22k), models)[:, :, :2].mean(axis=0)
