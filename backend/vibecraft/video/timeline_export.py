"""Timeline export: a composed video as an editable timeline (OpenTimelineIO, CMX 3600 EDL, FCP 7 XML).

Every cut sits at the frame the composition used (`round(t × fps)` of its planned start), so a
timeline opened in an editor plays in sync with the song. Media are referenced by relative names
(`media/clip-001.mp4`, `media/song.wav`), the layout of the export bundle.
"""

from __future__ import annotations

from dataclasses import dataclass

import opentimelineio as otio

from vibecraft.video.shapes import frame_index

FORMATS = {"otio": "otio_json", "edl": "cmx_3600", "fcpxml": "fcp_xml"}
MEDIA_TYPES = {"otio": "application/json", "edl": "text/plain", "fcpxml": "application/xml"}


class UnknownTimelineFormat(ValueError):
    pass


@dataclass(frozen=True)
class TimelineCut:
    """One clip of the video: where it plays in the song, and the file (and offset in it) it shows."""

    name: str
    start_sec: float
    end_sec: float
    media_name: str
    media_offset_sec: float = 0.0  # into the media file; nonzero when cuts point into the composed video


@dataclass(frozen=True)
class Caption:
    start_sec: float
    end_sec: float
    text: str


@dataclass(frozen=True)
class TimelinePlan:
    title: str
    fps: int
    duration_sec: float
    cuts: tuple[TimelineCut, ...]
    audio_name: str
    captions: tuple[Caption, ...] = ()


def _frames(n: int, fps: int) -> otio.opentime.RationalTime:
    return otio.opentime.RationalTime(n, fps)


def _range(start: int, count: int, fps: int) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(_frames(start, fps), _frames(count, fps))


def build_timeline(plan: TimelinePlan) -> otio.schema.Timeline:
    """The plan as an OTIO timeline: one video track of cuts, one audio track with the song, captions as markers."""
    fps = plan.fps
    timeline = otio.schema.Timeline(name=plan.title, global_start_time=_frames(0, fps))
    video = otio.schema.Track(name="Video", kind=otio.schema.TrackKind.Video)
    for cut in plan.cuts:
        first, last = frame_index(cut.start_sec, fps), frame_index(cut.end_sec, fps)
        offset = frame_index(cut.media_offset_sec, fps)
        count = last - first
        if count <= 0:
            continue
        available = _range(0, offset + count, fps)
        ref = otio.schema.ExternalReference(target_url=cut.media_name, available_range=available)
        video.append(otio.schema.Clip(name=cut.name, media_reference=ref, source_range=_range(offset, count, fps)))
    total = frame_index(plan.duration_sec, fps)
    audio = otio.schema.Track(name="Song", kind=otio.schema.TrackKind.Audio)
    song_ref = otio.schema.ExternalReference(target_url=plan.audio_name, available_range=_range(0, total, fps))
    audio.append(otio.schema.Clip(name=plan.title, media_reference=song_ref, source_range=_range(0, total, fps)))
    timeline.tracks.append(video)
    timeline.tracks.append(audio)
    for caption in plan.captions:
        first, last = frame_index(caption.start_sec, fps), frame_index(caption.end_sec, fps)
        if last > first:
            timeline.tracks.markers.append(otio.schema.Marker(
                name=caption.text, marked_range=_range(first, last - first, fps), color=otio.schema.MarkerColor.YELLOW,
                metadata={"vibecraft": {"kind": "caption"}},
            ))
    return timeline


def write_timeline(plan: TimelinePlan, fmt: str) -> str:
    """The timeline in one of FORMATS ("otio", "edl", "fcpxml") as text."""
    adapter = FORMATS.get(fmt)
    if adapter is None:
        raise UnknownTimelineFormat(f"Unknown timeline format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return otio.adapters.write_to_string(build_timeline(plan), adapter)


def _timestamp(sec: float) -> str:
    ms = max(0, int(round(sec * 1000)))
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def captions_srt(captions: tuple[Caption, ...] | list[Caption]) -> str:
    """SubRip captions, for editors that import subtitles beside the timeline."""
    blocks = [f"{n}\n{_timestamp(c.start_sec)} --> {_timestamp(c.end_sec)}\n{c.text.strip()}\n"
              for n, c in enumerate((c for c in captions if c.end_sec > c.start_sec and c.text.strip()), start=1)]
    return "\n".join(blocks)
