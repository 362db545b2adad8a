"""Pytest fixtures for the fakes. Use with `from tests.fakes.fixtures import fake_replicate`
(or list this module in `pytest_plugins`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import unavailable
from tests.fakes.replicate_server import FakeReplicate, ffmpeg_available


@pytest.fixture
def fake_replicate() -> Iterator[FakeReplicate]:
    """A running fake Replicate on 127.0.0.1 (its `base_url` ends in /v1; token `fake.token`)."""
    if not ffmpeg_available():
        unavailable("ffmpeg is not installed; the fake Replicate serves real MP4s made with it")
    with FakeReplicate() as server:
        yield server
