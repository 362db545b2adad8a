"""A test that needs ../shared/data skips without it on a laptop, and fails under VC_REQUIRE_SERVICES=1 (CI)."""

import pytest

from tests.audio import audio_fixtures
from tests.conftest import shared_file


@pytest.mark.parametrize("lookup", [lambda: shared_file("no-such-song.mp3"), lambda: audio_fixtures.shared_file("beats/no-such.wav")])
def test_missing_shared_data_fails_when_services_are_required(monkeypatch, lookup):
    monkeypatch.setenv("VC_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="not present|not found") as failure:
        lookup()
    assert "VC_REQUIRE_SERVICES=1" in str(failure.value)


@pytest.mark.parametrize("lookup", [lambda: shared_file("no-such-song.mp3"), lambda: audio_fixtures.shared_file("beats/no-such.wav")])
def test_missing_shared_data_skips_otherwise(monkeypatch, lookup):
    monkeypatch.delenv("VC_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="shared"):
        lookup()


def test_present_shared_data_is_found():
    assert shared_file("lyrics", "Fantasma_-_Los_Rombos.mp3").stat().st_size > 0
