"""Section snapping: tiling, beats and the half-beat downbeat rule, every rejected input, lyrics per section."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.grids import grids, make_grid
from vibecraft.planning.beat_grid import BeatGrid
from vibecraft.planning.sections import SectionDraft, SectionError, lyrics_for_section, snap_sections


def snap(drafts, grid):
    return snap_sections(drafts, duration=grid.duration, beat_times=grid.beats, downbeat_times=grid.downbeats)


def tiling(duration, cuts, labels=None):
    edges = [0.0, *cuts, duration]
    labels = labels or [f"Part {i + 1}" for i in range(len(edges) - 1)]
    return [SectionDraft(label, a, b) for label, a, b in zip(labels, edges, edges[1:])]


def expected_snap(grid, t):
    """The rule, written out independently: the nearest downbeat within half a local beat, else the nearest beat."""
    inside = [b for b in grid.beats if 0 < b < grid.duration]
    downbeats = [b for b in grid.downbeats if 0 < b < grid.duration]
    half_beat = BeatGrid.build(grid.beats, grid.downbeats).local_period(t) / 2
    near_downbeats = [d for d in downbeats if abs(d - t) <= half_beat]
    if near_downbeats:
        return min(near_downbeats, key=lambda d: (abs(d - t), d))
    return min(inside, key=lambda b: (abs(b - t), b))


@st.composite
def drafts_on_grids(draw):
    grid = draw(grids(min_duration=10.0, max_duration=240.0))
    count = draw(st.integers(1, 12))
    cuts = sorted(draw(st.lists(st.floats(0.5, grid.duration - 0.5), min_size=count - 1, max_size=count - 1, unique=True)))
    return grid, tiling(grid.duration, cuts)


@settings(max_examples=300, deadline=None)
@given(drafts_on_grids())
def test_snapped_sections_tile_the_song_with_inner_boundaries_on_beats(case):
    grid, drafts = case
    try:
        snapped = snap(drafts, grid)
    except SectionError as e:
        assert "beat" in str(e)  # only a section squeezed under one beat may be refused here
        return
    assert snapped[0].start_time == 0.0 and snapped[-1].end_time == grid.duration
    assert all(a.end_time == b.start_time for a, b in zip(snapped, snapped[1:]))
    assert all(s.end_time > s.start_time for s in snapped)
    assert [s.label for s in snapped] == [d.label for d in drafts]
    for draft, section in zip(drafts, snapped[:-1]):
        assert section.end_time in grid.beats
        assert section.end_time == expected_snap(grid, draft.end_time)


def test_a_boundary_moves_to_a_downbeat_within_half_a_beat():
    grid = make_grid(20.0, 120.0, first=0.1)  # beats 0.1, 0.6, …; bars start at 0.1, 2.1, 4.1, 6.1, 8.1
    snapped = snap(tiling(20.0, [7.93]), grid)
    assert snapped[0].end_time == 8.1


def test_the_half_beat_window_uses_the_local_beat_period():
    # A spurious beat at 4.2 next to the downbeat at 4.0: the local period is 0.4 s, so half a beat is 0.2 s.
    beats = [3.0, 3.5, 4.0, 4.2, 4.5, 5.0, 5.5, 6.0]
    downbeats = [2.0, 4.0, 6.0]

    def boundary(t):
        return snap_sections(tiling(8.0, [t]), duration=8.0, beat_times=beats, downbeat_times=downbeats)[0].end_time

    assert boundary(4.15) == 4.0  # nearest beat is 4.2, but the downbeat is within half a beat
    assert boundary(4.3) == 4.2  # the downbeat is 0.3 s away: more than half a beat
    assert boundary(4.6) == 4.5


def test_snapped_times_are_the_beat_floats_themselves():
    beats = [0.1 + 0.2 * i for i in range(1, 90)]  # floats with representation noise
    snapped = snap_sections(tiling(20.0, [7.0, 13.0]), duration=20.0, beat_times=beats, downbeat_times=[])
    assert snapped[0].end_time in beats and snapped[1].end_time in beats


def test_without_beats_boundaries_stay_rounded_to_the_millisecond():
    snapped = snap_sections(tiling(20.0, [7.12345]), duration=20.0, beat_times=[], downbeat_times=[])
    assert snapped[0].end_time == 7.123 and snapped[1].end_time == 20.0


def test_small_misses_of_the_song_edges_are_forgiven():
    grid = make_grid(20.0, 120.0)
    snapped = snap([SectionDraft("A", 0.03, 10.0), SectionDraft("B", 10.0, 20.04)], grid)
    assert snapped[0].start_time == 0.0 and snapped[-1].end_time == 20.0


def test_labels_and_notes_are_trimmed_and_order_follows_time():
    grid = make_grid(20.0, 120.0)
    snapped = snap([SectionDraft(" Chorus ", 10.0, 20.0, " neon "), SectionDraft("Verse", 0.0, 10.0)], grid)
    assert [(s.label, s.prompt_note) for s in snapped] == [("Verse", ""), ("Chorus", "neon")]


def test_one_section_covers_the_whole_song():
    grid = make_grid(20.0, 120.0)
    assert snap([SectionDraft("Whole", 0.0, 20.0)], grid) == [SectionDraft("Whole", 0.0, 20.0)]


@pytest.mark.parametrize(
    "drafts, words",
    [
        ([], "at least 1 section"),
        (tiling(20.0, [20.0 * i / 13 for i in range(1, 13)]), "at most 12"),
        ([SectionDraft("A", 0, 12), SectionDraft("B", 10, 20)], "overlap"),
        ([SectionDraft("A", 0, 8), SectionDraft("B", 10, 20)], "gap"),
        ([SectionDraft("A", 0, 25)], "past the song's end"),
        ([SectionDraft("A", 0, 15)], "song's end"),
        ([SectionDraft("A", 2, 20)], "start at 0"),
        ([SectionDraft("A", 0, 10), SectionDraft("B", 10, 10)], "end after it starts"),
        ([SectionDraft("A", 0, 10), SectionDraft("B", 10, 20), SectionDraft("C", 8, 5)], "end after it starts"),
        ([SectionDraft("x" * 41, 0, 20)], "1–40 characters"),
        ([SectionDraft("   ", 0, 20)], "1–40 characters"),
        ([SectionDraft("A", 0, 20, "n" * 101)], "at most 100 characters"),
        ([SectionDraft("A", 0, 0.2), SectionDraft("B", 0.2, 20)], "shorter than one beat"),
        ([SectionDraft("A", 0, 10), SectionDraft("B", 10, 10.1), SectionDraft("C", 10.1, 20)], "shorter than one beat"),
        ([SectionDraft("A", 0, 19.8), SectionDraft("B", 19.8, 20)], "shorter than one beat"),
        ([SectionDraft("A", 0, float("nan"))], "seconds"),
    ],
    ids=["none", "13-sections", "overlap", "gap", "past-end", "short-of-end", "late-start", "zero-length", "reversed",
         "41-char-label", "blank-label", "101-char-note", "under-one-beat-first", "two-boundaries-one-beat",
         "under-one-beat-last", "not-a-number"],
)
def test_unusable_sections_raise_a_readable_error(drafts, words):
    grid = make_grid(20.0, 120.0, first=0.1)
    with pytest.raises(SectionError, match=words):
        snap(drafts, grid)


def test_a_40_character_label_and_a_100_character_note_are_fine():
    grid = make_grid(20.0, 120.0)
    assert snap([SectionDraft("x" * 40, 0, 20, "n" * 100)], grid)[0].label == "x" * 40


def test_section_error_is_a_value_error():
    assert issubclass(SectionError, ValueError)


LINES = [
    {"start": 1.0, "end": 4.0, "text": "hello neon night", "words": []},
    {"start": 9.0, "end": 12.5, "text": "we ride the light", "words": []},
    {"start": 15.0, "end": 15.0, "text": "hey", "words": []},
]


@pytest.mark.parametrize(
    "start, end, texts",
    [
        (0.0, 10.1, ["hello neon night", "we ride the light"]),
        (10.1, 20.0, ["we ride the light", "hey"]),
        (4.0, 9.0, []),  # touching a line's end or start is not overlapping it
        (12.5, 15.0, []),
        (15.0, 16.0, ["hey"]),
        (3.99, 9.01, ["hello neon night", "we ride the light"]),
    ],
)
def test_lyrics_belong_to_every_section_they_overlap(start, end, texts):
    assert [line["text"] for line in lyrics_for_section(LINES, start, end)] == texts


def test_lyrics_keep_their_timing_and_skip_malformed_lines():
    lines = [{"text": "no times"}, {"start": "x", "end": 1, "text": "bad"}, LINES[0]]
    assert lyrics_for_section(lines, 0.0, 5.0) == [LINES[0]]
