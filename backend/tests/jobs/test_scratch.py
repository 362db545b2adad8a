"""What dead processes leave in DATA_DIR/tmp is removed by the sweep (vibecraft/jobs/scratch.py).

Scratch folders of killed jobs are covered with real killed workers in test_runners.py; here, the anonymous
temporaries of requests (an upload or an export cut off by a killed API)."""

from __future__ import annotations

import os
import time


def _aged(path, seconds: float):
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_old_request_temporaries_are_removed_and_recent_ones_and_job_folders_kept(app_env):
    from vibecraft.jobs.scratch import STALE_TEMPORARY_SEC, remove_stale_temporaries, scratch_root

    tmp = app_env / "tmp"
    scratch_root().mkdir(parents=True)
    old_upload = tmp / "upload-abc"
    old_upload.write_bytes(b"half a song")
    old_export = tmp / "tmpq1w2e3"
    old_export.mkdir()
    (old_export / "clip.mp4").write_bytes(b"x")
    recent_upload = tmp / "upload-def"
    recent_upload.write_bytes(b"a song arriving now")
    for path in (old_upload, old_export, scratch_root()):
        _aged(path, STALE_TEMPORARY_SEC + 60)
    _aged(recent_upload, STALE_TEMPORARY_SEC - 600)

    assert remove_stale_temporaries() == 2
    assert not old_upload.exists() and not old_export.exists()
    assert recent_upload.exists()
    assert scratch_root().is_dir()  # job folders follow their jobs, not their age


def test_sweep_runs_without_a_tmp_folder(app_env):
    from vibecraft.jobs.runner import sweep

    assert not (app_env / "tmp").exists()
    sweep()
