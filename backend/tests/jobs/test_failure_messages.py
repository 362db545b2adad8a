"""Job failures are told to the user without internal paths, SQL or tracebacks."""

from sqlalchemy.exc import OperationalError

from vibecraft.errors import Conflict
from vibecraft.ffmpeg import FFmpegError
from vibecraft.jobs.failure_messages import GENERIC, failure_message, scrub_paths
from vibecraft.video.normalize import VideoFileError


def test_paths_become_file_names():
    assert scrub_paths("ffmpeg failed: /work/data/tmp/abc123/raw.mp4: Invalid data") == "ffmpeg failed: raw.mp4: Invalid data"
    assert scrub_paths("no path here, 3/4 time") == "no path here, 3/4 time"


def test_user_facing_errors_keep_their_reason():
    assert failure_message(VideoFileError("the clip file lasts 1.50 s but its slot needs 4.00 s")).startswith("the clip file")
    assert failure_message(Conflict("Retry the failed clips first.")) == "Retry the failed clips first."
    message = failure_message(FFmpegError("ffmpeg failed (exit 1): /var/lib/vibecraft/tmp/x/clip.mp4: moov atom not found"))
    assert "/var/lib" not in message and "clip.mp4" in message


def test_internal_errors_say_nothing_internal():
    assert failure_message(KeyError("/etc/secret")) == GENERIC
    db = failure_message(OperationalError("SELECT password FROM users", {}, Exception("server closed the connection")))
    assert "SELECT" not in db and "database" in db
