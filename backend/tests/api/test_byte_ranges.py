"""Which bytes a Range header asks for (vibecraft.api.byte_ranges): pure, no app."""

import pytest

from vibecraft.api.byte_ranges import RangeNotSatisfiable, requested_range


@pytest.mark.parametrize("header, size, expected", [
    (None, 10, None), ("", 10, None), ("bytes=0-0", 10, (0, 0)), ("bytes=3-", 10, (3, 9)), ("bytes=-3", 10, (7, 9)),
    ("bytes=-30", 10, (0, 9)), ("bytes=2-100", 10, (2, 9)), ("bytes=5-2", 10, None), ("items=0-3", 10, None),
    ("bytes=0-1,4-5", 10, None), ("bytes=-", 10, None), ("bytes=x-3", 10, None), ("bytes = 1-2", 10, (1, 2)),
])
def test_requested_range(header, size, expected):
    assert requested_range(header, size) == expected


@pytest.mark.parametrize("header, size", [("bytes=10-", 10), ("bytes=-0", 10), ("bytes=0-", 0), ("bytes=-5", 0)])
def test_a_range_past_the_end_is_not_satisfiable(header, size):
    with pytest.raises(RangeNotSatisfiable):
        requested_range(header, size)
