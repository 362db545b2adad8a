"""A job's scratch folder, named by its job id, and the sweep of what dead processes left in DATA_DIR/tmp.

A worker killed mid-job (SIGKILL, out of memory, a power cut) cannot clean up after itself. Naming the folder by
the job lets the retry of that job clear what the dead attempt left, and lets the sweep remove the folders of jobs
that will never run again. An API process killed mid-upload or mid-export leaves an anonymous temporary; those
are removed once they are older than any request could last.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import select

from vibecraft.config import get_settings
from vibecraft.db import session_scope
from vibecraft.models import Job
from vibecraft.statuses import JobStatus

STALE_TEMPORARY_SEC = 24 * 3600  # far beyond the longest upload or export the request limits allow


def scratch_root() -> Path:
    return get_settings().temp_dir / "jobs"


@contextmanager
def job_scratch(job_id: uuid.UUID) -> Iterator[Path]:
    """An empty folder for this attempt of the job, removed when the attempt ends."""
    path = scratch_root() / str(job_id)
    shutil.rmtree(path, ignore_errors=True)  # left by an earlier attempt whose worker was killed
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def remove_abandoned_scratch() -> int:
    """Remove the scratch folders of jobs that are neither queued nor running; returns how many."""
    root = scratch_root()
    folders: dict[uuid.UUID, Path] = {}
    for path in root.iterdir() if root.is_dir() else ():
        try:
            folders[uuid.UUID(path.name)] = path
        except ValueError:
            continue
    if not folders:
        return 0
    with session_scope() as session:
        live = set(session.exec(select(Job.id).where(
            Job.id.in_(list(folders)), Job.status.in_([JobStatus.QUEUED, JobStatus.PROCESSING]))).all())
    abandoned = [path for job_id, path in folders.items() if job_id not in live]
    for path in abandoned:
        shutil.rmtree(path, ignore_errors=True)
    return len(abandoned)


def remove_stale_temporaries() -> int:
    """Remove what requests left in DATA_DIR/tmp (an upload, an export) once older than STALE_TEMPORARY_SEC."""
    root = get_settings().temp_dir
    cutoff = time.time() - STALE_TEMPORARY_SEC
    removed = 0
    for path in root.iterdir() if root.is_dir() else ():
        if path == scratch_root():
            continue
        try:
            if path.lstat().st_mtime >= cutoff:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            continue
        removed += 1
    return removed
