"""Progress display for the command line: bars on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

console = Console(stderr=True)


class StageProgress:
    """One bar per stage; `update(stage, percent)` moves the current one."""

    def __init__(self, progress: Progress | None):
        self._progress = progress
        self._tasks: dict[str, int] = {}
        self._last: dict[str, int] = {}

    def update(self, stage: str, percent: float, note: str = "") -> None:
        percent = max(0.0, min(100.0, percent))
        if self._progress is None:
            bucket = int(percent // 25)
            if self._last.get(stage) != bucket:
                self._last[stage] = bucket
                console.print(f"{stage}: {percent:.0f}% {note}".rstrip())
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=100)
        self._progress.update(self._tasks[stage], completed=percent, description=f"{stage} {note}".rstrip())


@contextmanager
def stage_progress(enabled: bool = True) -> Iterator[StageProgress]:
    if not enabled or not sys.stderr.isatty():
        yield StageProgress(None)
        return
    columns = (TextColumn("{task.description:<28}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        yield StageProgress(progress)
