"""Normalization on real files: exact frames, shape, shared encoding, repairs within limits, clear refusals."""

import pytest

from tests.video.media import decoded_frames, probe, pattern_clip
from vibecraft.video.normalize import VideoFileError, normalize_clip
from vibecraft.video.shapes import Shape

SHAPE = Shape("16:9", 256, 144)
FPS = 24


def video_stream(info):
    return next(s for s in info["streams"] if s["codec_type"] == "video")


def test_clip_gets_its_exact_frames_shape_and_encoding(tmp_path):
    raw = pattern_clip(tmp_path / "raw.mp4", seconds=3.5, size="640x480", fps=30, with_audio=True)
    out = normalize_clip(raw, tmp_path / "out.mp4", start=1.234, end=4.1, shape=SHAPE, fps=FPS)
    info = probe(out)
    stream = video_stream(info)
    assert int(stream["nb_read_frames"]) == round(4.1 * FPS) - round(1.234 * FPS) == 68
    assert (stream["width"], stream["height"]) == (256, 144)
    assert stream["codec_name"] == "h264" and stream["pix_fmt"] == "yuv420p"
    assert stream["r_frame_rate"] == "24/1"
    assert [s["codec_type"] for s in info["streams"]] == ["video"], "normalized clips carry no audio"


def test_first_frame_is_a_keyframe_and_no_b_frames(tmp_path):
    import json
    import subprocess

    out = normalize_clip(pattern_clip(tmp_path / "raw.mp4", seconds=3), tmp_path / "out.mp4", start=0, end=3, shape=SHAPE, fps=FPS)
    frames = json.loads(subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pict_type",
                                        "-of", "json", str(out)], capture_output=True, check=True).stdout)["frames"]
    assert frames[0]["pict_type"] == "I"
    assert "B" not in {f["pict_type"] for f in frames}


def test_other_aspect_fills_the_frame_without_bars(tmp_path):
    raw = pattern_clip(tmp_path / "tall.mp4", seconds=2, size="180x320")
    out = normalize_clip(raw, tmp_path / "out.mp4", start=0, end=2, shape=SHAPE, fps=FPS)
    frames = decoded_frames(out, width=256, height=144)
    # letterboxing would leave black columns at the sides
    assert frames[:, :, :4].mean() > 20 and frames[:, :, -4:].mean() > 20


def test_slightly_short_file_holds_its_last_frame(tmp_path):
    raw = pattern_clip(tmp_path / "raw.mp4", seconds=2.8, fps=24)
    out = normalize_clip(raw, tmp_path / "out.mp4", start=0, end=3.0, shape=SHAPE, fps=FPS)
    frames = decoded_frames(out, width=256, height=144)
    assert len(frames) == 72
    assert abs(frames[-1].astype(int) - frames[-3].astype(int)).mean() < 1.0, "the tail repeats the last real frame"


def test_much_too_short_file_is_refused_not_looped(tmp_path):
    raw = pattern_clip(tmp_path / "raw.mp4", seconds=1.5)
    with pytest.raises(VideoFileError, match="lasts 1.50 s but its slot needs 4.00 s"):
        normalize_clip(raw, tmp_path / "out.mp4", start=0, end=4.0, shape=SHAPE, fps=FPS)
    assert not (tmp_path / "out.mp4").exists()


def test_long_file_is_trimmed_to_its_slot(tmp_path):
    raw = pattern_clip(tmp_path / "raw.mp4", seconds=6)
    out = normalize_clip(raw, tmp_path / "out.mp4", start=10.0, end=13.5, shape=SHAPE, fps=FPS)
    assert int(video_stream(probe(out))["nb_read_frames"]) == 84


@pytest.mark.parametrize("content", [b"", b"not a video at all" * 100])
def test_unreadable_file_is_a_clear_error(tmp_path, content):
    raw = tmp_path / "raw.mp4"
    raw.write_bytes(content)
    with pytest.raises(VideoFileError, match="not a readable video file"):
        normalize_clip(raw, tmp_path / "out.mp4", start=0, end=3, shape=SHAPE, fps=FPS)


def test_audio_only_file_is_refused(tmp_path):
    from tests.video.media import tone

    with pytest.raises(VideoFileError, match="no video stream"):
        normalize_clip(tone(tmp_path / "a.mp3", seconds=3), tmp_path / "out.mp4", start=0, end=3, shape=SHAPE, fps=FPS)


def test_file_already_in_the_shared_encoding_is_kept_as_it_is(tmp_path):
    from tests.video.media import ffmpeg
    from vibecraft.video.encoding import h264_output_args

    raw = tmp_path / "raw.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=24", "-frames:v", "72", *h264_output_args(FPS), "-an", str(raw))
    content = raw.read_bytes()
    out = normalize_clip(raw, tmp_path / "out.mp4", start=0, end=3, shape=SHAPE, fps=FPS, reuse_if_normalized=True)
    assert out.read_bytes() == content and not raw.exists()


def test_reuse_still_reencodes_a_file_that_does_not_fit(tmp_path):
    raw = pattern_clip(tmp_path / "raw.mp4", seconds=3.5, size="320x240", fps=30)
    out = normalize_clip(raw, tmp_path / "out.mp4", start=0, end=3, shape=SHAPE, fps=FPS, reuse_if_normalized=True)
    stream = video_stream(probe(out))
    assert int(stream["nb_read_frames"]) == 72 and (stream["width"], stream["height"]) == (256, 144)
