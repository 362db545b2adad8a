"""Timeline export as pure data: cuts on absolute frames in every format, captions kept, bad formats refused."""

import opentimelineio as otio
import pytest

from vibecraft.video.timeline_export import (
    FORMATS,
    Caption,
    TimelineCut,
    TimelinePlan,
    UnknownTimelineFormat,
    build_timeline,
    captions_srt,
    write_timeline,
)

FPS = 24


def plan(**overrides) -> TimelinePlan:
    # Starts that fall between frames: each must round on its own, never by summing durations.
    cuts = (TimelineCut("Clip 1", 0.0, 3.27, "media/clip-001.mp4"),
            TimelineCut("Clip 2", 3.27, 7.519, "media/clip-002.mp4"),
            TimelineCut("Clip 3", 7.519, 12.0, "media/clip-003.mp4"))
    values = dict(title="Neon — Night v2", fps=FPS, duration_sec=12.0, cuts=cuts, audio_name="media/song.wav",
                  captions=(Caption(1.0, 4.0, "hello neon night"), Caption(9.0, 12.0, "we ride the light")))
    values.update(overrides)
    return TimelinePlan(**values)


def video_cuts(timeline) -> list[tuple[int, int, str]]:
    track = next(iter(timeline.video_tracks()))
    return [(c.range_in_parent().start_time.to_frames(), c.source_range.duration.to_frames(), c.media_reference.target_url)
            for c in track.find_clips()]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_back_with_cuts_on_absolute_frames(fmt):
    text = write_timeline(plan(), fmt)
    back = otio.adapters.read_from_string(text, FORMATS[fmt])
    assert video_cuts(back) == [(0, 78, "media/clip-001.mp4"), (78, 102, "media/clip-002.mp4"), (180, 108, "media/clip-003.mp4")]


@pytest.mark.parametrize("fmt", ["otio", "fcpxml"])
def test_song_and_captions_travel_with_the_timeline(fmt):
    back = otio.adapters.read_from_string(write_timeline(plan(), fmt), FORMATS[fmt])
    audio = next(iter(back.audio_tracks()))
    [song] = list(audio.find_clips())
    assert song.media_reference.target_url == "media/song.wav" and song.source_range.duration.to_frames() == 288
    captions = [(m.name, m.marked_range.start_time.to_frames(), m.marked_range.duration.to_frames()) for m in back.tracks.markers]
    assert captions == [("hello neon night", 24, 72), ("we ride the light", 216, 72)]


def test_cuts_into_the_composed_video_keep_their_offset():
    cuts = (TimelineCut("Clip 1", 0.0, 5.0, "media/video.mp4", 0.0), TimelineCut("Clip 2", 5.0, 12.0, "media/video.mp4", 5.0))
    track = next(iter(build_timeline(plan(cuts=cuts)).video_tracks()))
    assert [(c.source_range.start_time.to_frames(), c.range_in_parent().start_time.to_frames()) for c in track.find_clips()] == [(0, 0), (120, 120)]


def test_unknown_format_is_refused():
    with pytest.raises(UnknownTimelineFormat):
        write_timeline(plan(), "mov")


def test_captions_as_subrip():
    srt = captions_srt([Caption(1.0, 4.0, "hello neon night"), Caption(3661.5, 3662.25, " we ride ")])
    assert srt == "1\n00:00:01,000 --> 00:00:04,000\nhello neon night\n\n2\n01:01:01,500 --> 01:01:02,250\nwe ride\n"
