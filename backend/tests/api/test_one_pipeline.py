"""`vibecraft make` and the jobs are two drivers of one pipeline: for the same song, analysis and sections they
plan the same clips with the same prompts, and `make` writes a video exactly as long as the song."""

import json
import subprocess

from tests.api.test_generation_flow import gen_client  # noqa: F401  (fixture)
from tests.conftest import make_audio
from tests.factories import analysis_data, mark_analyzed
from vibecraft.analysis_result import AnalysisResult

FPS = 24
SECONDS = 12.0


def test_make_and_the_api_plan_the_same_clips(gen_client, auth, tmp_path, monkeypatch):  # noqa: F811
    from vibecraft.make import make_video
    from vibecraft.providers import get_provider
    from vibecraft.video.shapes import output_shape

    song_path = make_audio(tmp_path / "song.wav", SECONDS)
    data = analysis_data(SECONDS, lyrics=[{"start": 1.0, "end": 4.0, "text": "hello neon night", "words": []}])
    # The analysis itself is tested on real songs (tests/audio); both drivers get this one.
    monkeypatch.setattr("vibecraft.make.analyze_audio", lambda path, **_: AnalysisResult.from_stored(data))
    sections = [{"label": "Verse", "start_time": 0.0, "end_time": 6.0, "prompt_note": "city lights"},
                {"label": "Chorus", "start_time": 6.0, "end_time": SECONDS, "prompt_note": ""}]
    spec = tmp_path / "sections.json"
    spec.write_text(json.dumps(sections))

    made = make_video(song_path, tmp_path / "made.mp4", provider=get_provider(), shape=output_shape("16:9", 144), fps=FPS,
                      sections_spec=str(spec), concurrency=1, workdir=tmp_path)

    with song_path.open("rb") as f:
        song = gen_client.post("/api/songs", headers=auth, files={"file": ("song.wav", f)}).json()
    mark_analyzed(song["id"], data)
    assert gen_client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": sections}).status_code == 201
    planned = gen_client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()

    assert [(c.start, c.end) for c in made.clips] == [(c["start_time"], c["end_time"]) for c in planned]
    assert [c.prompt for c in made.clips] == [c["prompt"] for c in planned]
    assert "city lights" in made.clips[0].prompt.lower()
    out = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                          "stream=nb_read_frames", "-of", "csv=p=0", str(made.output)], capture_output=True, text=True,
                         check=True).stdout
    assert int(out.strip()) == round(SECONDS * FPS) == sum(c["frame_count"] for c in planned)
