"""Composition on real files: stream-copied join, exact length, every cut on its planned frame, clear failures."""

import numpy as np
import pytest

from tests.video.media import decoded_frames, probe, solid, tone
from vibecraft.video.compose import compose_video, cut_frames
from vibecraft.video.normalize import VideoFileError, normalize_clip
from vibecraft.video.poster import make_poster
from vibecraft.video.shapes import Shape

SHAPE = Shape("16:9", 160, 90)
FPS = 24
COLORS = ["red", "lime", "blue", "yellow"]


def plan(tmp_path, bounds):
    """Normalized solid-colour clips tiling the given absolute bounds, and their frame counts."""
    clips, frames = [], []
    for i, (start, end) in enumerate(zip(bounds, bounds[1:])):
        raw = solid(tmp_path / f"raw{i}.mp4", seconds=end - start + 0.2, color=COLORS[i % len(COLORS)])
        clips.append(normalize_clip(raw, tmp_path / f"clip{i}.mp4", start=start, end=end, shape=SHAPE, fps=FPS))
        frames.append(round(end * FPS) - round(start * FPS))
    return clips, frames


def colour_changes(path):
    frames = decoded_frames(path, width=160, height=90).astype(int)
    means = frames.mean(axis=(1, 2))
    jumps = np.abs(np.diff(means, axis=0)).sum(axis=1)
    return [i + 1 for i in np.flatnonzero(jumps > 60)], len(frames)


def test_video_lasts_the_song_and_every_cut_is_on_its_frame(tmp_path):
    song_length = 7.37
    bounds = [0.0, 2.51, 4.02, 5.77, song_length]
    clips, frames = plan(tmp_path, bounds)
    audio = tone(tmp_path / "song.mp3", seconds=song_length)
    result = compose_video(clips, audio, tmp_path / "video.mp4", expected_frames=frames, fps=FPS, duration_sec=song_length)
    info = probe(result.path)
    streams = {s["codec_type"]: s for s in info["streams"]}
    assert streams["video"]["codec_name"] == "h264" and streams["video"]["pix_fmt"] == "yuv420p"
    assert streams["audio"]["codec_name"] == "aac"
    assert int(streams["video"]["nb_read_frames"]) == round(song_length * FPS) == result.frame_count
    assert abs(float(info["format"]["duration"]) - song_length) <= 1 / FPS + 0.05
    changes, total = colour_changes(result.path)
    assert total == result.frame_count
    assert changes == [round(t * FPS) for t in bounds[1:-1]] == list(result.cut_frames)


def test_faststart_puts_the_index_first(tmp_path):
    clips, frames = plan(tmp_path, [0.0, 3.0])
    out = compose_video(clips, tone(tmp_path / "s.mp3", seconds=3.0), tmp_path / "v.mp4", expected_frames=frames, fps=FPS,
                        duration_sec=3.0).path
    head = out.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and (head.find(b"mdat") == -1 or head.find(b"moov") < head.find(b"mdat"))


def test_clip_with_wrong_frame_count_fails_with_its_number(tmp_path):
    clips, frames = plan(tmp_path, [0.0, 2.0, 4.0])
    frames[1] += 3
    with pytest.raises(VideoFileError, match="clip 2 has 48 frames where 51 were planned"):
        compose_video(clips, tone(tmp_path / "s.mp3", seconds=4.125), tmp_path / "v.mp4", expected_frames=frames, fps=FPS,
                      duration_sec=4.125)
    assert not (tmp_path / "v.mp4").exists()


def test_clips_that_do_not_fill_the_song_are_refused(tmp_path):
    clips, frames = plan(tmp_path, [0.0, 2.0, 4.0])
    with pytest.raises(VideoFileError, match="plan the clips again"):
        compose_video(clips, tone(tmp_path / "s.mp3", seconds=6.0), tmp_path / "v.mp4", expected_frames=frames, fps=FPS,
                      duration_sec=6.0)


def test_clip_in_another_format_is_refused(tmp_path):
    clips, frames = plan(tmp_path, [0.0, 2.0])
    other = normalize_clip(solid(tmp_path / "o.mp4", seconds=2.2, color="white"), tmp_path / "other.mp4", start=2.0, end=4.0,
                           shape=Shape("1:1", 90, 90), fps=FPS)
    with pytest.raises(VideoFileError, match="clip 2 is not in the same format"):
        compose_video([*clips, other], tone(tmp_path / "s.mp3", seconds=4.0), tmp_path / "v.mp4",
                      expected_frames=[*frames, 48], fps=FPS, duration_sec=4.0)


def test_crossfade_keeps_length_and_cut_centres(tmp_path):
    bounds = [0.0, 2.0, 4.0, 6.0]
    clips, frames = plan(tmp_path, bounds)
    result = compose_video(clips, tone(tmp_path / "s.mp3", seconds=6.0), tmp_path / "v.mp4", expected_frames=frames, fps=FPS,
                           duration_sec=6.0, crossfade_at={2}, fade_frames=6)
    decoded = decoded_frames(result.path, width=160, height=90).astype(int).mean(axis=(1, 2))
    assert len(decoded) == 144
    hard_cut = 48
    assert decoded[hard_cut - 1][0] > 200 and decoded[hard_cut][1] > 200, "cut 1 stays a hard cut, red to lime"
    dissolve = 96
    mid = decoded[dissolve]
    assert 40 < mid[1] < 215 and 40 < mid[2] < 215, "the frame at the chosen cut blends lime and blue"
    assert decoded[dissolve - 4][1] > 200 and decoded[dissolve + 4][2] > 200, "the dissolve stays short and centred"


def test_poster_is_a_jpeg_even_past_the_end(tmp_path):
    clips, frames = plan(tmp_path, [0.0, 2.0])
    video = compose_video(clips, tone(tmp_path / "s.mp3", seconds=2.0), tmp_path / "v.mp4", expected_frames=frames, fps=FPS,
                          duration_sec=2.0).path
    poster = make_poster(video, tmp_path / "p.jpg", at_sec=1.0)
    assert poster.read_bytes()[:3] == b"\xff\xd8\xff"
    late = make_poster(video, tmp_path / "late.jpg", at_sec=50.0)
    assert late.stat().st_size > 0


def test_cut_frames_come_from_counts():
    assert cut_frames([10, 20, 5]) == [10, 30]
