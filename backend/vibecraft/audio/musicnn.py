"""The MSD_musicnn tagger (Pons & Serra 2019) run in numpy: 50 Million-Song-Dataset tag probabilities.

Architecture as in musicnn 0.1.0 `models.build_musicnn`: batch-normalised log-mel input; timbral
convolutions (7×38, 7×67) and temporal convolutions (128, 64, 32 frames), each max-pooled over
frequency; three dense-connected 1-D convolutions; max+mean pooling over time; two dense layers.
Weights: ISC, exported once to float16 (see weights/README.md).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import librosa
import numpy as np

SAMPLE_RATE = 16000
N_FFT, HOP, N_MELS = 512, 256, 96
PATCH_FRAMES = 187  # 3 s: the input length the model was trained on
BN_EPS = 1e-3
WEIGHTS = Path(__file__).resolve().parent / "weights" / "msd_musicnn.npz"

MSD_TAGS = (
    "rock", "pop", "alternative", "indie", "electronic", "female vocalists", "dance", "00s", "alternative rock",
    "jazz", "beautiful", "metal", "chillout", "male vocalists", "classic rock", "soul", "indie rock", "Mellow",
    "electronica", "80s", "folk", "90s", "chill", "instrumental", "punk", "oldies", "blues", "hard rock", "ambient",
    "acoustic", "experimental", "female vocalist", "guitar", "Hip-Hop", "70s", "party", "country",
    "easy listening", "sexy", "catchy", "funk", "electro", "heavy metal", "Progressive rock", "60s", "rnb",
    "indie pop", "sad", "House", "happy",
)


def weights_available() -> bool:
    return WEIGHTS.is_file()


@lru_cache(maxsize=1)
def load_weights() -> dict[str, np.ndarray]:
    """The tagger's weights as float32 arrays, keyed like the TF checkpoint ('conv2d_1.kernel')."""
    with np.load(WEIGHTS) as data:
        weights = {k: data[k].astype(np.float32) for k in data.files}
    if len(weights) != 64:
        raise RuntimeError(f"{WEIGHTS.name} holds {len(weights)} arrays, expected 64")
    return weights


def log_mel_patches(samples_16k: np.ndarray, max_patches: int) -> np.ndarray:
    """Non-overlapping 3-s log-mel patches (patches, 187, 96), at most `max_patches` spread over the song."""
    mel = librosa.feature.melspectrogram(y=samples_16k, sr=SAMPLE_RATE, hop_length=HOP, n_fft=N_FFT, n_mels=N_MELS).T
    # float32, not musicnn's float16: 10000·mel overflows float16 on loud passages.
    mel = np.log10(10000.0 * mel.astype(np.float32) + 1.0)
    if len(mel) < PATCH_FRAMES:
        mel = np.resize(mel, (PATCH_FRAMES, N_MELS)) if len(mel) else np.zeros((PATCH_FRAMES, N_MELS), np.float32)
    count = len(mel) // PATCH_FRAMES
    chosen = np.unique(np.linspace(0, count - 1, min(count, max_patches)).round().astype(int))
    return np.stack([mel[i * PATCH_FRAMES:(i + 1) * PATCH_FRAMES] for i in chosen])


def _bn(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    scale = w[f"{name}.gamma"] / np.sqrt(w[f"{name}.moving_variance"] + BN_EPS)
    return (x - w[f"{name}.moving_mean"]) * scale + w[f"{name}.beta"]


def _conv_time_freq(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """'valid' 2-D convolution of (B, T, F) with a (kt, kf, 1, C) kernel → relu → (B, T', F', C)."""
    kt, kf, _, channels = kernel.shape
    windows = np.lib.stride_tricks.sliding_window_view(x, (kt, kf), axis=(1, 2))  # (B, T', F', kt, kf)
    b, t, f = windows.shape[:3]
    out = windows.reshape(b * t * f, kt * kf) @ kernel.reshape(kt * kf, channels) + bias
    return np.maximum(out, 0.0).reshape(b, t, f, channels)


def _pad_time(x: np.ndarray, before: int, after: int) -> np.ndarray:
    pad = [(0, 0)] * x.ndim
    pad[1] = (before, after)
    return np.pad(x, pad)


def forward(patches: np.ndarray) -> np.ndarray:
    """Tag probabilities per patch, shape (patches, 50)."""
    w = load_weights()
    x = _bn(patches[..., None], w, "batch_normalization")[..., 0]  # (B, T, 96)

    padded = _pad_time(x, 3, 3)
    frontend = []
    for conv, bn in (("conv2d", "batch_normalization_1"), ("conv2d_1", "batch_normalization_2")):
        feat = _bn(_conv_time_freq(padded, w[f"{conv}.kernel"], w[f"{conv}.bias"]), w, bn)
        frontend.append(feat.max(axis=2))
    for conv, bn in (("conv2d_2", "batch_normalization_3"), ("conv2d_3", "batch_normalization_4"),
                     ("conv2d_4", "batch_normalization_5")):
        kt = w[f"{conv}.kernel"].shape[0]
        # TensorFlow's 'same' padding puts the odd extra frame after the signal.
        same = _pad_time(x, (kt - 1) // 2, kt // 2)
        feat = _bn(_conv_time_freq(same, w[f"{conv}.kernel"], w[f"{conv}.bias"]), w, bn)
        frontend.append(feat.max(axis=2))
    front = np.concatenate(frontend, axis=2)  # (B, T, 561)

    layers = [front]
    h = front
    for i, (conv, bn) in enumerate((("conv2d_5", "batch_normalization_6"), ("conv2d_6", "batch_normalization_7"),
                                    ("conv2d_7", "batch_normalization_8"))):
        out = _bn(_conv_time_freq(_pad_time(h, 3, 3), w[f"{conv}.kernel"], w[f"{conv}.bias"]), w, bn)[:, :, 0, :]
        h = out if i == 0 else out + h
        layers.append(h)
    mid = np.concatenate(layers, axis=2)  # (B, T, 753)

    # TF concatenates [max, mean] on a trailing axis, so the flattened vector interleaves them.
    pooled = np.stack([mid.max(axis=1), mid.mean(axis=1)], axis=2).reshape(len(mid), -1)
    pooled = _bn(pooled, w, "batch_normalization_9")
    dense = _bn(np.maximum(pooled @ w["dense.kernel"] + w["dense.bias"], 0.0), w, "batch_normalization_10")
    logits = dense @ w["dense_1.kernel"] + w["dense_1.bias"]
    return 1.0 / (1.0 + np.exp(-logits))


def tag_song(samples: np.ndarray, sample_rate: int, *, max_patches: int = 16) -> dict[str, float]:
    """Mean tag probabilities over up to `max_patches` 3-s excerpts of the song."""
    if sample_rate != SAMPLE_RATE:
        samples = librosa.resample(samples, orig_sr=sample_rate, target_sr=SAMPLE_RATE)
    probs = forward(log_mel_patches(np.asarray(samples, dtype=np.float32), max_patches)).mean(axis=0)
    return {tag: float(p) for tag, p in zip(MSD_TAGS, probs)}
