"""`vibecraft make --sections FILE`: the file is checked with the API's section schema before the analysis,
and a mistake is named (section, field) instead of surfacing as a bare KeyError after half a minute of work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import make_audio
from vibecraft.make import SectionsFileError, check_sections_file, read_sections_file

GOOD = [{"label": "Verse", "start_time": 0, "end_time": 12.5, "prompt_note": "desert highway at dusk"},
        {"label": "Chorus", "start_time": 12.5, "end_time": 30}]


def write(tmp_path: Path, content: object, name: str = "sections.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize("content", [GOOD, {"sections": GOOD}])
def test_a_list_or_an_object_of_sections_is_read_with_its_notes(tmp_path, content):
    sections = read_sections_file(write(tmp_path, content))
    assert [(s["label"], s["start_time"], s["end_time"]) for s in sections] == [("Verse", 0, 12.5), ("Chorus", 12.5, 30)]
    assert sections[0]["prompt_note"] == "desert highway at dusk" and sections[1]["prompt_note"] == ""


@pytest.mark.parametrize(("content", "named"), [
    ([{"label": "Verse", "start": 0, "end": 12}], ["section 1 start_time", "section 1 start"]),
    ([GOOD[0], {"label": "Chorus", "start_time": "soon", "end_time": 30}], ["section 2 start_time"]),
    ({"sections": 3}, ["sections"]),
    ("{bad", ["not a readable JSON file"]),
    ([], ["no sections"]),
])
def test_a_mistake_names_the_file_the_section_and_the_field(tmp_path, content, named):
    with pytest.raises(SectionsFileError) as caught:
        read_sections_file(write(tmp_path, content))
    message = str(caught.value)
    assert message.startswith("sections.json")
    for part in named:
        assert part in message, message


def test_the_command_refuses_a_bad_sections_file_before_any_analysis(tmp_path, monkeypatch):
    from vibecraft import make
    from vibecraft.cli import app

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("the analysis ran before the sections file was checked")

    monkeypatch.setattr(make, "analyze_audio", must_not_run)
    song = make_audio(tmp_path / "song.wav", 3.0)
    bad = write(tmp_path, [{"label": "Verse", "start": 0, "end": 3}])
    result = CliRunner().invoke(app, ["make", str(song), "-o", str(tmp_path / "out.mp4"), "--sections", str(bad)])
    assert result.exit_code == 2, result.output
    assert "start_time" in result.output and not (tmp_path / "out.mp4").exists()


@pytest.mark.parametrize(("content", "named"), [
    ([{"label": "Verse", "start_time": 0, "end_time": 2}], "must run to the song's end (3.00 s)"),
    ([{"label": "Verse", "start_time": 0, "end_time": 2}, {"label": "Chorus", "start_time": 1.5, "end_time": 3}],
     "overlap"),
    ([{"label": "Verse", "start_time": 0, "end_time": 1}, {"label": "Chorus", "start_time": 2, "end_time": 3}], "gap"),
    ([{"label": "Verse", "start_time": 0, "end_time": 3, "prompt_note": "x" * 101}], "at most 100 characters"),
])
def test_the_planner_s_checks_run_against_the_song_s_length_before_the_analysis(tmp_path, monkeypatch, content, named):
    from vibecraft import make
    from vibecraft.cli import app

    monkeypatch.setattr(make, "analyze_audio", lambda *_a, **_k: pytest.fail("the analysis ran before the check"))
    song = make_audio(tmp_path / "song.wav", 3.0)
    path = write(tmp_path, content)
    with pytest.raises(SectionsFileError) as caught:
        make.check_sections_file(path, 3.0)
    assert str(caught.value).startswith("sections.json: ") and named in str(caught.value), caught.value
    result = CliRunner().invoke(app, ["make", str(song), "-o", str(tmp_path / "out.mp4"), "--sections", str(path)])
    assert result.exit_code == 2 and "sections.json" in result.output, result.output
    assert not (tmp_path / "out.mp4").exists()


def test_sections_that_tile_the_song_pass_the_check(tmp_path):
    path = write(tmp_path, [{"label": "Verse", "start_time": 0, "end_time": 1.5},
                            {"label": "Chorus", "start_time": 1.5, "end_time": 3.0}])
    assert [s["label"] for s in check_sections_file(path, 3.0)] == ["Verse", "Chorus"]
