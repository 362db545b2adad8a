"""Output shapes a video can be made in."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str
    width: int
    height: int


SHAPES: dict[str, Shape] = {
    "16:9": Shape("16:9", 1920, 1080),
    "9:16": Shape("9:16", 1080, 1920),
    "1:1": Shape("1:1", 1080, 1080),
}
DEFAULT_SHAPE = "16:9"
DEFAULT_FPS = 24


def get_shape(name: str) -> Shape:
    try:
        return SHAPES[name]
    except KeyError:
        raise ValueError(f"Unknown shape {name!r}; choose one of {', '.join(SHAPES)}.") from None


def output_shape(name: str, max_height: int = 0) -> Shape:
    """The shape to render: full size, or scaled down (even dimensions) so its height is at most max_height."""
    shape = get_shape(name)
    if not max_height or max_height >= shape.height:
        return shape
    scale = max_height / shape.height
    even = lambda v: max(2, int(round(v * scale / 2)) * 2)  # noqa: E731
    return Shape(shape.name, even(shape.width), even(shape.height))


def frame_index(t: float, fps: int) -> int:
    """Frame at absolute time t: cut positions come from absolute times, never summed durations."""
    return int(round(t * fps))


def frame_count(start: float, end: float, fps: int) -> int:
    return frame_index(end, fps) - frame_index(start, fps)
