"""Progress milestones mean what they say, and the generation status names the composition job it follows."""

import uuid

import sqlalchemy as sa

from tests.api.test_generation_flow import gen_client, generated_video, wait_status  # noqa: F401  (fixture)
from vibecraft.milestones import COMPOSE_PROGRESS, ComposeStep


def record_job_changes():
    """Every (progress, stage) a Job row is written with, per job id, in order."""
    from vibecraft.models import Job

    history: dict[uuid.UUID, list[tuple[str, int, str]]] = {}

    def remember(_mapper, _connection, job):  # noqa: ANN001
        history.setdefault(job.id, []).append((job.kind, job.progress, job.stage))

    sa.event.listen(Job, "before_update", remember)
    return history, lambda: sa.event.remove(Job, "before_update", remember)


def steps_seen(changes):
    """The composition steps a job went through, in the order they were first written."""
    order = []
    for _, progress, stage in changes:
        if stage in ComposeStep.__members__.values() and stage not in order:
            assert progress >= COMPOSE_PROGRESS[ComposeStep(stage)], (stage, progress)
            order.append(stage)
    return order


def test_status_names_the_automatic_compose_job_and_its_result(gen_client, auth, tmp_path):  # noqa: F811
    history, stop = record_job_changes()
    try:
        song, _, video = generated_video(gen_client, auth, tmp_path)
    finally:
        stop()
    status = gen_client.get(f"/api/songs/{song['id']}/generation/status", headers=auth).json()
    job_id = status["compose_job_id"]
    assert job_id, status
    job = gen_client.get(f"/api/songs/{song['id']}/compose/{job_id}/status", headers=auth).json()
    assert job["kind"] == "compose_video" and job["status"] == "completed" and job["progress"] == 100
    result = gen_client.get(f"/api/songs/{song['id']}/compose/{job_id}/result", headers=auth).json()
    assert result["video_id"] == video["id"] and result["file_size_bytes"] == video["file_size_bytes"]
    # The compose job and the round it closes pass the same milestones, in order: stitched before stored.
    expected = [ComposeStep.STITCHING, ComposeStep.STORING, ComposeStep.PUBLISHING, ComposeStep.DONE]
    assert steps_seen(history[uuid.UUID(job_id)]) == expected
    round_changes = [c for c in history.values() if c[0][0] == "generate_video"]
    assert len(round_changes) == 1 and steps_seen(round_changes[0]) == expected
    assert round_changes[0][-1][1:] == (100, "done")


def test_a_regeneration_round_moves_through_composition_not_80_to_100(gen_client, auth, tmp_path):  # noqa: F811
    song, _, video = generated_video(gen_client, auth, tmp_path, seconds=8.0)
    first_compose = gen_client.get(f"/api/songs/{song['id']}/generation/status", headers=auth).json()["compose_job_id"]
    history, stop = record_job_changes()
    try:
        res = gen_client.post(f"/api/videos/{video['id']}/regenerate/clip/{video['clips'][0]['id']}", headers=auth)
        assert res.status_code == 202
        round_id = uuid.UUID(res.json()["id"])
        status, seen = wait_status(gen_client, auth, song["id"])
    finally:
        stop()
    assert status["stage"] == "completed" and seen == sorted(seen)
    progress = [p for _, p, _ in history[round_id]]
    assert progress == sorted(progress) and {80, 90, 95, 100} <= set(progress), progress
    assert steps_seen(history[round_id]) == [ComposeStep.STITCHING, ComposeStep.STORING, ComposeStep.PUBLISHING,
                                              ComposeStep.DONE]
    job = gen_client.get(f"/api/jobs/{round_id}", headers=auth).json()
    assert job["status"] == "completed" and job["progress"] == 100
    assert status["compose_job_id"] not in (None, first_compose)


def test_finalizing_records_when(gen_client, auth, tmp_path):  # noqa: F811
    song, _, video = generated_video(gen_client, auth, tmp_path, seconds=8.0)
    assert video["finalized_at"] is None
    done = gen_client.post(f"/api/videos/{video['id']}/finalize", headers=auth).json()
    assert done["is_finalized"] and done["finalized_at"] and done["finalized_at"] >= video["created_at"]
