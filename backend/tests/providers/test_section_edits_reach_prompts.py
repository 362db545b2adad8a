"""Section label and note edits reach the model: clips not generated yet are re-prompted at once, and a
regeneration is prompted from the label and note as they are now (checked in the fake Replicate's ledger)."""

from __future__ import annotations

import pytest

from tests.api.test_generation_flow import planned_song, wait_status
from tests.api.test_replicate_flow import replicate_client  # noqa: F401 (a fixture)
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"])


def clips_of(client, auth, song_id, section_id):
    return [c for c in client.get(f"/api/songs/{song_id}/clips", headers=auth).json() if c["section_id"] == section_id]


def test_edits_reprompt_ungenerated_clips_and_regenerations(replicate_client, auth, tmp_path):  # noqa: F811
    client, fake = replicate_client
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    first, second = client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()

    res = client.patch(f"/api/songs/{song['id']}/sections/{first['id']}", headers=auth,
                       json={"label": "Bridge", "prompt_note": "paper lanterns over water"})
    assert res.status_code == 200, res.text
    for clip in clips_of(client, auth, song["id"], first["id"]):
        assert clip["prompt"].startswith("Bridge") and "paper lanterns over water" in clip["prompt"].lower()
    assert all("paper lanterns" not in c["prompt"].lower() for c in clips_of(client, auth, song["id"], second["id"]))

    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    sent = [r.json()["input"]["prompt"] for r in fake.calls("create", "POST")]
    assert sum("paper lanterns over water" in p.lower() for p in sent) == len(clips_of(client, auth, song["id"], first["id"]))

    # After generation, an edit leaves the made clips' prompts alone, but a regeneration uses it.
    target = clips_of(client, auth, song["id"], second["id"])[0]
    client.patch(f"/api/songs/{song['id']}/sections/{second['id']}", headers=auth,
                 json={"label": "Outro", "prompt_note": "neon rain on glass"})
    assert clips_of(client, auth, song["id"], second["id"])[0]["prompt"] == target["prompt"]
    res = client.post(f"/api/videos/{status['video_id']}/regenerate/clip/{target['id']}", headers=auth)
    assert res.status_code == 202, res.text
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    last = fake.calls("create", "POST")[-1].json()["input"]["prompt"]
    assert last.startswith("Outro") and "neon rain on glass" in last.lower()
