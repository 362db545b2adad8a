"""Task names and the module-level functions that run them (resolved lazily, so the API stays light)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from vibecraft.statuses import ROUND_KINDS, JobKind

TASKS: dict[str, str] = {
    JobKind.ANALYZE_SONG: "vibecraft.jobs.tasks:analyze_song",
    JobKind.GENERATE_CLIP: "vibecraft.jobs.tasks:generate_clip",
    JobKind.COMPOSE_VIDEO: "vibecraft.jobs.tasks:compose_video",
    JobKind.ALIGN_LYRICS: "vibecraft.jobs.lyrics_task:align_lyrics",
}


# Jobs that only track a group of others (a generation round); no worker runs them.
TRACKING_KINDS = ROUND_KINDS

# Called with the Job id when a job of this kind ends failed (also when its worker died).
ON_FAILURE: dict[str, str] = {
    JobKind.GENERATE_CLIP: "vibecraft.services.rounds:clip_job_failed",
    JobKind.COMPOSE_VIDEO: "vibecraft.services.rounds:compose_job_failed",
    JobKind.ANALYZE_SONG: "vibecraft.services.analysis:analysis_job_failed",
}


def resolve(task: str) -> Callable:
    """A registered task name, or a 'module:function' path (tests use their own tasks)."""
    target = TASKS.get(task, task)
    if ":" not in target:
        raise KeyError(f"Unknown task {task!r}")
    module_name, func_name = target.split(":", 1)
    return getattr(importlib.import_module(module_name), func_name)
