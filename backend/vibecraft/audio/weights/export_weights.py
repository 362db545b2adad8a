"""One-off export of the shipped model weights to small float16 .npz files (a developer tool, not run by the product).

Reads the original files that the PyPI packages ship and writes the arrays the numpy forward passes use:

    pip install --no-deps musicnn==0.1.0 BeatNet==1.1.3   # weight files only
    pip install torch==2.13.0 tensorflow-checkpoint-reader==0.2.2 six
    python -m vibecraft.audio.weights.export_weights

See README.md beside this file for the licences.
"""

from __future__ import annotations

import collections
import importlib.util
import inspect
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


def export_beatnet(model: int = 1) -> Path:
    import torch

    state = torch.load(_package_dir("BeatNet") / "models" / f"model_{model}_weights.pt", map_location="cpu")
    arrays = {k: v.numpy().astype(np.float16) for k, v in state.items()}
    out = HERE / f"beatnet_model{model}.npz"
    np.savez_compressed(out, **arrays)
    return out


if __name__ == "__main__":
    for path in (export_musicnn(), export_beatnet()):
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB")
