"""Song sections: Laplacian structural segmentation (McFee & Ellis 2014) on beat-synchronous features,
boundaries moved to downbeats, labels from how often a part recurs and how loud it is."""

from __future__ import annotations

from collections.abc import Callable

import librosa
import numpy as np
import scipy.ndimage
import scipy.sparse.csgraph
from scipy.cluster.vq import kmeans2

HOP = 512
MIN_SECTION_SEC = 6.0
MAX_SECTIONS = 8
MIN_SECTIONS = 4
SECONDS_PER_SECTION = 22.0  # a typical pop section; sets how few sections a song may get
MAX_MERGED_SEC = 45.0  # longer than this, two same-kind neighbours stay apart


def _beat_frames(beat_times: list[float], sample_rate: int, n_frames: int) -> np.ndarray:
    frames = librosa.time_to_frames(np.asarray(beat_times, dtype=float), sr=sample_rate, hop_length=HOP)
    return np.unique(np.clip(frames, 0, n_frames - 1))


def _beat_features(samples: np.ndarray, sample_rate: int, beat_frames: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Beat-synchronous (harmony+spectrum, timbre) features, one column per beat interval."""
    stft = np.abs(librosa.stft(samples, n_fft=2048, hop_length=HOP)) ** 2
    log_mel = librosa.power_to_db(librosa.feature.melspectrogram(S=stft, sr=sample_rate, n_mels=96))
    chroma = librosa.feature.chroma_stft(S=stft, sr=sample_rate)
    mfcc = librosa.feature.mfcc(S=log_mel, n_mfcc=13)
    harmonic = librosa.util.sync(np.vstack([chroma, librosa.util.normalize(log_mel, axis=0) * 0.5]), beat_frames,
                                 aggregate=np.median)
    timbre = librosa.util.sync(mfcc, beat_frames)
    return harmonic, timbre


def _novelty(features: np.ndarray, half_width: int = 8) -> np.ndarray:
    """Foote's checkerboard novelty per beat: how unlike the next bars are to the previous ones."""
    # Centre each dimension first, so cosine similarity measures differences rather than shared loudness.
    centred = features - features.mean(axis=1, keepdims=True)
    unit = centred / np.maximum(np.linalg.norm(centred, axis=0, keepdims=True), 1e-9)
    similarity = unit.T @ unit
    n = len(similarity)
    idx = np.arange(-half_width, half_width)
    sign = np.sign(idx + 0.5)
    taper = np.exp(-0.5 * ((idx + 0.5) / half_width) ** 2)
    kernel = np.outer(sign * taper, sign * taper)
    padded = np.pad(similarity, half_width, mode="edge")
    scores = np.array([np.sum(kernel * padded[i:i + 2 * half_width, i:i + 2 * half_width]) for i in range(n)])
    return np.maximum(scores, 0.0)


def _segment_labels(harmonic: np.ndarray, timbre: np.ndarray, k: int) -> np.ndarray:
    """One cluster label per beat interval, from the Laplacian of a beat-synchronous recurrence graph."""
    n = harmonic.shape[1]
    width = min(3, max(1, n // 4))
    recurrence = librosa.segment.recurrence_matrix(harmonic, width=width, mode="affinity", sym=True)
    recurrence = librosa.segment.path_enhance(recurrence, min(15, n)) if n > 16 else recurrence
    path_distance = np.sum(np.diff(timbre, axis=1) ** 2, axis=0)
    sigma = np.median(path_distance) or 1.0
    path_sim = np.exp(-path_distance / sigma)
    path = np.diag(path_sim, k=1) + np.diag(path_sim, k=-1)
    # Balance repetition against local continuity so neither dominates the graph (McFee & Ellis, eq. 7).
    deg_path, deg_rec = path.sum(axis=1), recurrence.sum(axis=1)
    mu = deg_path.dot(deg_path + deg_rec) / max(np.sum((deg_path + deg_rec) ** 2), 1e-9)
    graph = mu * recurrence + (1 - mu) * path
    laplacian = scipy.sparse.csgraph.laplacian(graph, normed=True)
    _, vectors = np.linalg.eigh(laplacian)
    vectors = scipy.ndimage.median_filter(vectors, size=(9, 1))
    embed = vectors[:, :k]
    embed = embed / np.maximum(np.linalg.norm(embed, axis=1, keepdims=True), 1e-9)
    # Several seeded k-means runs, keeping the tightest: deterministic, and less at the mercy of one start.
    best_labels, best_cost = None, np.inf
    for seed in range(8):
        centroids, labels = kmeans2(embed, k, minit="++", seed=np.random.default_rng(seed))
        cost = float(np.sum((embed - centroids[labels]) ** 2))
        if cost < best_cost:
            best_labels, best_cost = labels, cost
    return best_labels


def _boundaries_from_labels(labels: np.ndarray, beat_times: np.ndarray) -> list[float]:
    change = np.flatnonzero(np.diff(labels)) + 1
    return [float(beat_times[i]) for i in change if i < len(beat_times)]


def _snap(times: list[float], grid: np.ndarray) -> list[float]:
    """Move each boundary to its nearest downbeat (merging any that land on the same one)."""
    return sorted({float(grid[np.argmin(np.abs(grid - t))]) for t in times}) if len(grid) else sorted(times)


def _fit_count(bounds: list[float], duration: float, grid: np.ndarray, low: int, high: int,
               strength: Callable[[float], float]) -> list[float]:
    """Drop the weakest boundaries of too-short sections, or split the longest section, until low ≤ sections ≤ high."""
    edges = [0.0, *[b for b in bounds if MIN_SECTION_SEC / 2 < b < duration - MIN_SECTION_SEC / 2], duration]
    while len(edges) > 2:
        lengths = np.diff(edges)
        shortest = int(np.argmin(lengths))
        if len(edges) - 1 <= high and lengths[shortest] >= MIN_SECTION_SEC:
            break
        # Of the short section's two inner edges, keep the one where the music changes more.
        if shortest == 0:
            drop = 1
        elif shortest == len(lengths) - 1:
            drop = len(edges) - 2
        else:
            drop = shortest if strength(edges[shortest]) < strength(edges[shortest + 1]) else shortest + 1
        edges.pop(drop)
    while len(edges) - 1 < low:
        lengths = np.diff(edges)
        i = int(np.argmax(lengths))
        middle = (edges[i] + edges[i + 1]) / 2
        candidates = grid[(grid > edges[i] + 1e-3) & (grid < edges[i + 1] - 1e-3)] if len(grid) else np.zeros(0)
        split = float(candidates[np.argmin(np.abs(candidates - middle))]) if len(candidates) else middle
        edges.insert(i + 1, split)
    return edges


def _section_clusters(edges: list[float], beat_labels: np.ndarray, beat_times: np.ndarray) -> list[int]:
    """The cluster most of each section's beats belong to (-1 for a section without beats)."""
    clusters = []
    for a, b in zip(edges[:-1], edges[1:]):
        in_sec = (beat_times >= a) & (beat_times < b)
        values = beat_labels[in_sec] if np.any(in_sec) else np.array([-1])
        clusters.append(int(np.bincount(values + 1).argmax()) - 1)
    return clusters


def _merge_repeats(edges: list[float], clusters: list[int], low: int) -> tuple[list[float], list[int]]:
    """Join neighbouring sections of the same kind (two halves of one verse) while enough sections remain."""
    edges, clusters = list(edges), list(clusters)
    i = 1
    while i < len(clusters) and len(clusters) > low:
        if clusters[i] == clusters[i - 1] and edges[i + 1] - edges[i - 1] <= MAX_MERGED_SEC:
            edges.pop(i)
            clusters.pop(i)
        else:
            i += 1
    return edges, clusters


def _label_sections(edges: list[float], cluster: list[int], loudness: np.ndarray, loud_times: np.ndarray) -> list[str]:
    """Chorus = the loudest part that recurs; Verse = other recurring parts; Intro/Outro/Bridge/Instrumental otherwise."""
    count = len(edges) - 1
    level = []
    for a, b in zip(edges[:-1], edges[1:]):
        in_loud = (loud_times >= a) & (loud_times < b)
        level.append(float(np.mean(loudness[in_loud])) if np.any(in_loud) else 0.0)
    level = np.array(level)
    mean_level = float(level.mean()) if count else 0.0
    recurring = {c for c in cluster if cluster.count(c) > 1 and c >= 0}
    chorus = max(recurring, key=lambda c: np.mean([level[i] for i in range(count) if cluster[i] == c]), default=None)
    labels = []
    for i in range(count):
        quiet = level[i] < mean_level - 3.0
        if i == 0 and count > 2 and (quiet or cluster[i] not in recurring):
            labels.append("Intro")
        elif i == count - 1 and count > 2 and (quiet or cluster[i] not in recurring):
            labels.append("Outro")
        elif cluster[i] == chorus:
            labels.append("Chorus")
        elif cluster[i] in recurring:
            labels.append("Verse")
        elif level[i] >= mean_level:
            labels.append("Bridge")
        else:
            labels.append("Instrumental")
    if chorus is None and count >= 3:
        loudest = int(np.argmax(level[1:-1])) + 1
        labels[loudest] = "Chorus"
    return labels


def target_section_count(duration: float) -> tuple[int, int]:
    """(fewest, most) sections for a song of this length: 4–8 for a song, fewer for a short clip."""
    most = int(np.clip(duration // MIN_SECTION_SEC, 1, MAX_SECTIONS))
    fewest = int(np.clip(duration // SECONDS_PER_SECTION, 1, MIN_SECTIONS))
    fewest = MIN_SECTIONS if duration >= 4 * MIN_SECTION_SEC * 2 else fewest
    return min(fewest, most), most


def suggest_sections(samples: np.ndarray, sample_rate: int, *, beat_times: list[float], downbeat_times: list[float],
                     duration: float) -> list[dict]:
    """Sections [{label, start_time, end_time}] tiling 0…duration, inner boundaries on downbeats."""
    duration = float(duration)
    low, high = target_section_count(duration)
    beats = np.asarray(beat_times, dtype=float)
    grid = np.asarray(downbeat_times, dtype=float) if len(downbeat_times) >= 2 else beats
    if high <= 1 or len(beats) < 16:
        return [{"label": "Verse" if duration >= MIN_SECTION_SEC else "Intro", "start_time": 0.0,
                 "end_time": round(duration, 3)}]
    n_frames = 1 + len(samples) // HOP
    frames = _beat_frames(beat_times, sample_rate, n_frames)
    harmonic, timbre = _beat_features(samples, sample_rate, frames)
    # Longer songs hold more kinds of part (intro, verse, chorus, bridge …): 3 clusters at 1 min, 5 from 2.5 min.
    try:
        labels = _segment_labels(harmonic, timbre, int(np.clip(round(duration / 45) + 2, 3, 5)))
    except (librosa.util.exceptions.ParameterError, np.linalg.LinAlgError, ValueError):
        # Nothing repeats or changes (a metronome, a drone): no boundaries to find, so split evenly on bars.
        labels = np.zeros(harmonic.shape[1], dtype=int)
    novelty = _novelty(np.vstack([harmonic, librosa.util.normalize(timbre, axis=0)]))
    # util.sync gives one column per interval: [0, b0), [b0, b1), … → interval starts.
    starts = np.concatenate([[0.0], librosa.frames_to_time(frames, sr=sample_rate, hop_length=HOP)])[: len(labels)]

    def strength(t: float) -> float:
        return float(novelty[np.argmin(np.abs(starts - t))])

    bounds = _snap(_boundaries_from_labels(labels, starts), grid)
    edges = _fit_count(bounds, duration, grid, low, high, strength)
    rms = librosa.feature.rms(y=samples, frame_length=2048, hop_length=HOP)[0]
    loud_db = 20 * np.log10(np.maximum(rms, 1e-6))
    loud_times = librosa.frames_to_time(np.arange(len(rms)), sr=sample_rate, hop_length=HOP)
    edges, clusters = _merge_repeats(edges, _section_clusters(edges, labels, starts), low)
    names = _label_sections(edges, clusters, loud_db, loud_times)
    return [{"label": name, "start_time": round(a, 3), "end_time": round(b, 3)}
            for name, a, b in zip(names, edges[:-1], edges[1:])]
