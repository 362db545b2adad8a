"""Estimates come from this machine's own finished rounds, as a range, with the provider named for people."""

from datetime import timedelta

from sqlmodel import Session

from tests.conftest import register
from tests.factories import upload_song
from vibecraft.services.estimates import estimate_range, provider_label


def finished_round(session, *, user_id, song_id, video_id, start, seconds):
    from vibecraft.models import Job

    session.add(Job(user_id=user_id, song_id=song_id, kind="generate_video", target_id=video_id, status="completed",
                    created_at=start, updated_at=start))
    session.add(Job(user_id=user_id, song_id=song_id, kind="compose_video", target_id=video_id, status="completed",
                    created_at=start + timedelta(seconds=seconds - 5), updated_at=start + timedelta(seconds=seconds)))
    session.commit()


def test_range_scales_the_recent_rounds_to_the_song(client, tmp_path):
    import uuid

    from vibecraft.db import get_engine
    from vibecraft.models import Song, User, utcnow

    headers = register(client)
    song = upload_song(client, headers, tmp_path, seconds=20.0)
    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song["id"]))
        user = s.get(User, row.user_id)
        assert estimate_range(s, song_duration_sec=60, provider_guess_sec=100).measured_rounds == 0
        now = utcnow()
        # Two rounds of the 20 s song: 40 s and 80 s, i.e. 2× and 4× real time.
        finished_round(s, user_id=user.id, song_id=row.id, video_id=uuid.uuid4(), start=now - timedelta(hours=2), seconds=40)
        finished_round(s, user_id=user.id, song_id=row.id, video_id=uuid.uuid4(), start=now - timedelta(hours=1), seconds=80)
        measured = estimate_range(s, song_duration_sec=60, provider_guess_sec=1)
    assert measured.measured_rounds == 2
    assert abs(measured.low_sec - 120) < 1 and abs(measured.high_sec - 240) < 1


def test_without_measurements_the_guess_is_widened(client):
    from vibecraft.db import get_engine

    with Session(get_engine()) as s:
        guess = estimate_range(s, song_duration_sec=60, provider_guess_sec=100)
    assert guess.measured_rounds == 0 and guess.low_sec < 100 < guess.high_sec


def test_provider_named_for_people(app_env, monkeypatch):
    from tests.conftest import reset_caches
    from vibecraft.config import get_settings

    assert provider_label(get_settings()) == "on this computer"
    monkeypatch.setenv("VIDEO_PROVIDER", "replicate")
    monkeypatch.setenv("REPLICATE_VIDEO_MODEL", "bytedance/seedance-1-lite")
    reset_caches()
    assert provider_label(get_settings()) == "Replicate: seedance-1-lite at 1080p"  # the size it is priced at


def test_estimate_route_answers_a_range(client, auth, tmp_path):
    from tests.factories import analysis_data, mark_analyzed, two_sections

    song = upload_song(client, auth, tmp_path, seconds=12.0)
    mark_analyzed(song["id"], analysis_data(song["duration_sec"]))
    assert client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 201
    assert client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).status_code == 201
    body = client.get(f"/api/songs/{song['id']}/clips/estimate", headers=auth).json()
    assert body["provider_label"] == "on this computer" and body["measured_rounds"] == 0
    assert 0 < body["estimated_seconds_low"] <= body["estimated_seconds"] <= body["estimated_seconds_high"]
    other = register(client)
    assert client.get(f"/api/songs/{song['id']}/clips/estimate", headers=other).status_code == 404
