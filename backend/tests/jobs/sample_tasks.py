"""Tasks used only by the job-runner tests (module-level, as RQ needs)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from vibecraft.errors import Unprocessable
from vibecraft.jobs.context import JobContext, TransientJobError
from vibecraft.jobs.scratch import job_scratch


def succeed(ctx: JobContext) -> None:
    ctx.report(40, "halfway")
    ctx.report(20, "should not go back")
    marker = os.environ.get("VC_TEST_MARKER")
    if marker:
        with open(marker, "a") as f:
            f.write(f"{ctx.job_id}\n")


def fail(ctx: JobContext) -> None:
    ctx.report(10, "about to fail")
    raise Unprocessable("the input was unusable")


def flaky(ctx: JobContext) -> None:
    marker = Path(os.environ["VC_TEST_MARKER"])
    if not marker.exists():
        marker.write_text("1")
        raise TransientJobError("provider hiccup")


def hang_first_time(ctx: JobContext) -> None:
    """First attempt leaves a file in its scratch folder and hangs (so its worker can be killed); a retry records
    what it found in its scratch folder and finishes at once."""
    marker = Path(os.environ["VC_TEST_MARKER"])
    with job_scratch(ctx.job_id) as scratch:
        if not marker.exists():
            (scratch / "partial.mp4").write_bytes(b"half a clip")
            marker.write_text("started")
            ctx.report(5, "hanging")
            time.sleep(120)
        marker.write_text(f"retry found: {sorted(p.name for p in scratch.iterdir())}")


def record_priority(ctx: JobContext) -> None:
    """Writes the nice level of the job's thread and of a process it starts (as ffmpeg would be)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"], capture_output=True, text=True,
                           check=True)
    Path(os.environ["VC_TEST_MARKER"]).write_text(f"{os.nice(0)} {child.stdout.strip()}")
