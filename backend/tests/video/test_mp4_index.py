"""The MP4 index reader agrees with ffprobe on what our encoder writes, and declines what it does not know."""

import pytest

from tests.video.media import ffmpeg, pattern_clip, tone
from vibecraft.video.encoding import h264_output_args
from vibecraft.video.mp4_index import mp4_video_info
from vibecraft.video.normalize import normalize_clip, video_info
from vibecraft.video.shapes import Shape


@pytest.mark.parametrize("faststart", [True, False])
def test_normalized_clip_index_matches_ffprobe(tmp_path, faststart):
    out = tmp_path / "c.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-frames:v", "61", *h264_output_args(24), "-an",
           *(["-movflags", "+faststart"] if faststart else []), str(out))
    mine, theirs = mp4_video_info(out), video_info(out)
    assert mine is not None
    assert (mine.width, mine.height, mine.codec, mine.pix_fmt, mine.frames) == \
        (theirs.width, theirs.height, theirs.codec, theirs.pix_fmt, theirs.frames) == (320, 180, "h264", "yuv420p", 61)
    assert abs(mine.duration_sec - 61 / 24) < 1e-3


def test_other_pixel_format_is_reported_as_such(tmp_path):
    out = tmp_path / "c444.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=24", "-frames:v", "10", "-c:v", "libx264",
           "-pix_fmt", "yuv444p", str(out))
    info = mp4_video_info(out)
    assert info is None or info.pix_fmt != "yuv420p"


def test_unknown_files_answer_none(tmp_path):
    garbage = tmp_path / "g.mp4"
    garbage.write_bytes(b"\x00\x00\x00\x08free" + b"junk" * 50)
    assert mp4_video_info(garbage) is None
    assert mp4_video_info(tone(tmp_path / "a.mp3", seconds=1)) is None
    clip = normalize_clip(pattern_clip(tmp_path / "r.mp4", seconds=2), tmp_path / "n.mp4", start=0, end=2,
                          shape=Shape("1:1", 96, 96), fps=24)
    assert mp4_video_info(clip).frames == 48
