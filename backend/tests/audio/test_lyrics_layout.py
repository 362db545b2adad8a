"""Lyric layout in the video: a line keeps its place and size across clip cuts, line breaks follow the lyric
lines, and nothing is drawn where no one sings (render/kinetic_type.py, providers/clip_context.py)."""

from __future__ import annotations

import numpy as np

from vibecraft.analysis_result import AnalysisResult
from vibecraft.providers.clip_context import build_clip_context
from vibecraft.render.context import Word
from vibecraft.render.kinetic_type import MIN_ACCENT_DISTANCE, KineticType, layout_phrases, opposite_hue

W, H, FONT = 640, 360, 50
LYRICS = [
    {"start": 10.0, "end": 14.0, "text": "the night is young and so are we",
     "words": [{"start": 10.0 + 0.5 * i, "end": 10.4 + 0.5 * i, "word": w}
               for i, w in enumerate("the night is young and so are we".split())]},
    {"start": 14.5, "end": 16.0, "text": "dance", "words": [{"start": 14.5, "end": 16.0, "word": "dance"}]},
    # A long line with a long pause inside it (an instrumental break mid-line).
    {"start": 30.0, "end": 41.0, "text": "wait for it now",
     "words": [{"start": 30.0, "end": 30.5, "word": "wait"}, {"start": 30.6, "end": 31.0, "word": "for"},
               {"start": 40.0, "end": 40.5, "word": "it"}, {"start": 40.6, "end": 41.0, "word": "now"}]},
]


def clip_words(start: float, end: float) -> tuple[Word, ...]:
    analysis = AnalysisResult(lyrics=LYRICS)
    return build_clip_context(analysis=analysis, start=start, end=end, video_type="lyric_video", section_label="Verse",
                              audio_path=None, look_seed=1, fps=24).words


def absolute_layout(words: tuple[Word, ...], offset: float) -> dict[tuple[float, str], tuple[float, float, int]]:
    """(song time, word) -> (x, y, size) of each placed word."""
    out = {}
    for phrase in layout_phrases(words, W, H, FONT):
        for pw in phrase.words:
            out[(round(pw.word.start + offset, 3), pw.word.word)] = (round(pw.cx, 2), round(pw.cy, 2), phrase.font_size)
    return out


def test_a_line_cut_by_a_clip_boundary_keeps_its_place_and_size():
    cut = 11.7  # mid-way through the first line
    before, after = clip_words(8.0, cut), clip_words(cut, 20.0)
    first, second = absolute_layout(before, 8.0), absolute_layout(after, cut)
    shared = set(first) & set(second)
    assert len(shared) >= 8  # every word of the first line is laid out on both sides of the cut
    assert all(first[key] == second[key] for key in shared)


def test_each_lyric_line_is_one_phrase_and_no_phrase_mixes_lines():
    phrases = layout_phrases(clip_words(0.0, 50.0), W, H, FONT)
    assert [" ".join(pw.word.word for pw in p.words) for p in phrases] == [line["text"] for line in LYRICS]


def test_a_long_line_shrinks_to_two_rows_instead_of_spilling():
    text = "walking down this empty road for such a long time tonight"
    words = tuple(Word(start=i * 0.5, end=i * 0.5 + 0.4, word=w, line=0) for i, w in enumerate(text.split()))
    (phrase,) = layout_phrases(words, W, H, FONT)
    rows = sorted({round(pw.cy, 1) for pw in phrase.words})
    assert len(rows) == 2 and phrase.font_size < FONT
    assert all(0 <= pw.cx <= W for pw in phrase.words)
    assert [pw.word.word for pw in phrase.words] == text.split()  # the whole line, in order


def test_nothing_is_drawn_between_lines_or_in_a_long_pause_inside_a_line():
    words = clip_words(0.0, 50.0)
    kinetic = KineticType(words, W, H, text_colour=np.ones(3), highlight_colour=np.ones(3), shadow_colour=np.zeros(3))

    def ink(t: float) -> int:
        image = np.zeros((3, H, W), np.uint8)
        kinetic.draw(image, t, 0.0)
        return int(image.sum())

    assert ink(12.0) > 0 and ink(15.0) > 0 and ink(30.8) > 0 and ink(40.3) > 0
    assert ink(5.0) == 0  # before anyone sings
    assert ink(22.0) == 0  # between lines
    assert ink(35.0) == 0  # the pause inside the last line
    assert ink(45.0) == 0  # after the song's last word


def test_words_without_a_line_still_group_at_pauses():
    words = tuple(Word(start=s, end=s + 0.3, word=w) for s, w in ((0.0, "a"), (0.4, "b"), (3.0, "c")))
    assert [[pw.word.word for pw in p.words] for p in layout_phrases(words, W, H, FONT)] == [["a", "b"], ["c"]]


def _dark_edge_share_per_side(height: int, pale: int = 200) -> dict[str, float]:
    """White words drawn on a plain pale picture: for each side, the share of stroke edges facing it that have
    a dark pixel within 3 px beyond them."""
    width = height * 16 // 9
    image = np.full((3, height, width), pale, np.uint8)
    kinetic = KineticType((Word(1.0, 2.0, "HOLA"),), width, height, text_colour=np.ones(3),
                          highlight_colour=np.ones(3), shadow_colour=np.zeros(3))
    kinetic.draw(image, 1.5, 0.0)
    lum = image.astype(float).mean(axis=0)
    ink, dark = lum > 250, lum < pale * 0.75
    shares = {}
    for side, (dy, dx) in {"left": (0, -1), "top": (-1, 0), "right": (0, 1), "bottom": (1, 0)}.items():
        edge = ink & ~np.roll(ink, (-dy, -dx), (0, 1))
        beyond = np.zeros_like(edge)
        for step in (1, 2, 3):
            beyond |= np.roll(dark, (-dy * step, -dx * step), (0, 1))
        shares[side] = float(beyond[edge].mean())
    return shares


def test_pale_words_on_a_pale_picture_keep_a_dark_edge_on_every_side():
    # A drop shadow darkened only below and right of each stroke (about a third of top and left edges had
    # any dark pixel): pale words over a sun or a flash lost their outline there.
    for height in (360, 720):
        shares = _dark_edge_share_per_side(height)
        assert min(shares.values()) >= 0.7, (height, shares)


PINK = np.array([1.0, 0.45, 0.75], np.float32)


def _sung_word_colour(background: np.ndarray, t: float = 1.5, kinetic: KineticType | None = None,
                      left_share: float = 1.0) -> np.ndarray:
    """Draw the word "SOL" sung at t over a background (0-1 RGB) filling the left `left_share` of the picture, the
    rest near black: the commonest colour (0-1) among the bright
    pixels that stand apart from the background (the glyphs' full-coverage inside; edges blend with the halo)."""
    image = np.full((3, H, W), 8, np.uint8)  # what is not background is near black
    image[:, :, :int(W * left_share)] = (background * 255).astype(np.uint8)[:, None, None]
    kinetic = kinetic or KineticType((Word(1.0, 3.0, "SOL"),), W, H, text_colour=np.ones(3, np.float32),
                                     highlight_colour=PINK, shadow_colour=np.zeros(3, np.float32))
    kinetic.draw(image, t, 0.0)
    pixels = image.reshape(3, -1).astype(float) / 255
    ink = (pixels.max(axis=0) >= 0.6) & (np.linalg.norm(pixels - background[:, None], axis=0) >= 0.2)
    assert ink.sum() >= 200, "the word stands out from the picture in too few pixels"
    colours, counts = np.unique(pixels[:, ink].T, axis=0, return_counts=True)
    return colours[np.argmax(counts)]


def test_the_sung_word_keeps_its_highlight_where_the_picture_differs_from_it():
    colour = _sung_word_colour(np.array([0.05, 0.05, 0.2], np.float32))
    assert np.linalg.norm(colour - PINK) < 0.1, colour


def test_the_sung_word_turns_to_the_opposite_hue_over_a_picture_of_its_own_colour():
    # A pink word over the pink synthwave sun was legible only by its dark halo.
    colour = _sung_word_colour(PINK.copy())
    assert np.linalg.norm(colour - PINK) >= MIN_ACCENT_DISTANCE, colour
    assert np.linalg.norm(colour - opposite_hue(PINK)) < 0.1, colour


def test_the_sung_word_changes_colour_when_part_of_the_picture_under_it_is_its_own_colour():
    # The sun covers the left half of the word's box, dark sky the rest: their mean is far from pink, but the
    # half of the word over the sun would still vanish into it.
    colour = _sung_word_colour(PINK.copy(), left_share=0.5)
    assert np.linalg.norm(colour - opposite_hue(PINK)) < 0.1, colour


def test_a_sung_word_keeps_the_colour_it_started_with_while_the_picture_moves():
    kinetic = KineticType((Word(1.0, 3.0, "SOL"),), W, H, text_colour=np.ones(3, np.float32),
                          highlight_colour=PINK, shadow_colour=np.zeros(3, np.float32))
    first = _sung_word_colour(PINK.copy(), 1.5, kinetic)
    later = _sung_word_colour(np.array([0.05, 0.05, 0.2], np.float32), 1.8, kinetic)
    assert np.linalg.norm(first - later) < 0.1, (first, later)
