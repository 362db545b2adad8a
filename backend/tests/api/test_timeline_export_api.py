"""Timeline export through HTTP: every cut of the export lands on the composed video's own frames."""

import io
import subprocess
import uuid
import zipfile

import opentimelineio as otio

from tests.api.test_generation_flow import FPS, download, gen_client, generated_video, planned_song  # noqa: F401
from tests.conftest import register
from vibecraft.download_names import download_name


def frame_hashes(path) -> list[str]:
    """One MD5 per decoded frame, in order."""
    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v:0", "-f", "framemd5", "-"],
                         capture_output=True, check=True, text=True).stdout
    return [line.rsplit(",", 1)[-1].strip() for line in out.splitlines() if line and not line.startswith("#")]


def keyframe_times(path) -> list[float]:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags",
                          "-of", "csv=p=0", str(path)], capture_output=True, check=True, text=True).stdout
    times = []
    for line in out.splitlines():
        pts, flags = line.split(",")[:2]
        if flags.startswith("K"):
            times.append(float(pts))
    return times


def video_clips(timeline):
    return list(next(iter(timeline.video_tracks())).find_clips())


def test_export_cuts_match_the_composed_video_within_half_a_frame(gen_client, auth, tmp_path):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    composed = download(gen_client, video["video_url"], tmp_path / "video.mp4")
    named = gen_client.get(video["download_url"])
    assert named.status_code == 200 and named.content == composed.read_bytes()
    assert download_name(song["title"], 1, "mp4") in named.headers["content-disposition"]
    composed_frames, keyframes = frame_hashes(composed), keyframe_times(composed)

    res = gen_client.get(f"/api/videos/{video['id']}/timeline.zip", headers=auth)
    assert res.status_code == 200 and res.headers["content-type"] == "application/zip"
    assert f'filename="{download_name(song["title"], 1, "zip")}"' in res.headers["content-disposition"]
    bundle = tmp_path / "bundle"
    zipfile.ZipFile(io.BytesIO(res.content)).extractall(bundle)

    timeline = otio.adapters.read_from_file(str(bundle / "timeline.otio"))
    cuts = video_clips(timeline)
    assert len(cuts) == len(video["clips"])
    for cut, planned in zip(cuts, video["clips"]):
        start = cut.range_in_parent().start_time.to_seconds()
        assert abs(start - planned["start_time"]) <= 0.5 / FPS
        # A cut is a keyframe of the stream-copied video within half a frame of where the export puts it.
        assert min(abs(k - start) for k in keyframes) <= 0.5 / FPS
        # …and the referenced clip file shows exactly the frames the composed video shows there.
        first = cut.range_in_parent().start_time.to_frames()
        count = cut.source_range.duration.to_frames()
        offset = cut.source_range.start_time.to_frames()
        clip_frames = frame_hashes(bundle / cut.media_reference.target_url)
        assert clip_frames[offset:offset + count] == composed_frames[first:first + count], cut.name
    assert sum(c.source_range.duration.to_frames() for c in cuts) == len(composed_frames)
    [song_clip] = list(next(iter(timeline.audio_tracks())).find_clips())
    assert (bundle / song_clip.media_reference.target_url).is_file()

    for fmt, adapter in (("edl", "cmx_3600"), ("fcpxml", "fcp_xml")):
        single = gen_client.get(f"/api/videos/{video['id']}/timeline.{fmt}", headers=auth)
        assert single.status_code == 200 and "attachment" in single.headers["content-disposition"]
        back = otio.adapters.read_from_string(single.text, adapter)
        assert [c.range_in_parent().start_time.to_frames() for c in video_clips(back)] == \
               [c.range_in_parent().start_time.to_frames() for c in cuts], fmt


def test_export_after_finalize_cuts_into_the_composed_video(gen_client, auth, tmp_path):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    assert gen_client.post(f"/api/videos/{video['id']}/finalize", headers=auth).status_code == 200
    composed = download(gen_client, video["video_url"], tmp_path / "video.mp4")
    res = gen_client.get(f"/api/videos/{video['id']}/timeline.otio", headers=auth)
    assert res.status_code == 200
    timeline = otio.adapters.read_from_string(res.text, "otio_json")
    cuts = video_clips(timeline)
    assert {c.media_reference.target_url for c in cuts} == {"media/video.mp4"}
    for cut in cuts:
        assert cut.source_range.start_time.to_frames() == cut.range_in_parent().start_time.to_frames()
    assert len(frame_hashes(composed)) == sum(c.source_range.duration.to_frames() for c in cuts)


def test_export_refuses_bad_input_and_other_users(gen_client, auth, tmp_path):
    song, _ = planned_song(gen_client, auth, tmp_path)
    assert gen_client.get(f"/api/videos/{uuid.uuid4()}/timeline.otio", headers=auth).status_code == 404
    assert gen_client.get(f"/api/videos/{uuid.uuid4()}/timeline.mov", headers=auth).status_code == 404
    assert gen_client.get("/api/videos/not-an-id/timeline.otio", headers=auth).status_code == 422
    assert gen_client.get(f"/api/videos/{uuid.uuid4()}/timeline.otio").status_code == 401
    gen_client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth)
    from tests.api.test_generation_flow import wait_status

    status, _ = wait_status(gen_client, auth, song["id"])
    bad = gen_client.get(f"/api/videos/{status['video_id']}/timeline.mov", headers=auth)
    assert bad.status_code == 400 and ".otio" in bad.json()["detail"]
    other = register(gen_client)
    for fmt in ("otio", "edl", "fcpxml", "zip", "mov"):
        assert gen_client.get(f"/api/videos/{status['video_id']}/timeline.{fmt}", headers=other).status_code == 404
