"""Kinetic type: timed words laid out in phrases, each word popping in at its start, the sung word highlighted.

A phrase is one lyric line when the words carry their line (`Word.line`): its rows, place and size come
from the whole line, so a clip that starts mid-line draws it exactly where the clip before left it, and
line breaks follow the lyric lines. Nothing is drawn where no one sings: a line shows from just before
its first word to shortly after its last, and hides inside a long pause within it.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from vibecraft.render.context import Word

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILE = "DejaVuSans-Bold.ttf"
PHRASE_GAP_SEC = 0.8      # a pause this long starts a new phrase
MAX_PHRASE_WORDS = 7
LEAD_IN_SEC = 0.25        # a phrase's layout shows this long before its first word
HOLD_SEC = 0.6            # and stays this long after its last word ends
POP_SEC = 0.16            # a word grows in from POP_SCALE to full size over this time
POP_SCALE = 1.3
MAX_ROWS = 2
ROW_WIDTH = 0.86          # share of the canvas width a row may use
MIN_FONT_SCALE = 0.55     # a long line shrinks to fit MAX_ROWS rows, but no further
INNER_PAUSE_SEC = 3.0     # a pause this long inside a line hides it until just before the next word
HALO_GROW = 0.04          # the halo reaches this share of the font size past each stroke, then
HALO_BLUR = 0.05          # softens over this share
MIN_ACCENT_DISTANCE = 0.35  # RGB distance (0-1 channels) under which a pixel is close to the sung word's colour
MAX_CLOSE_SHARE = 0.25      # the sung word changes colour when this share of the picture under it is that close


@dataclass(frozen=True)
class PlacedWord:
    word: Word
    cx: float  # centre in canvas pixels at the base font size
    cy: float


@dataclass(frozen=True)
class Phrase:
    words: tuple[PlacedWord, ...]
    shown_from: float
    shown_until: float
    font_size: int = 0  # 0: the layout's base size
    hidden: tuple[tuple[float, float], ...] = ()  # pauses inside the phrase when nothing is drawn

    def visible(self, t: float) -> bool:
        return self.shown_from <= t < self.shown_until and not any(a <= t < b for a, b in self.hidden)


@lru_cache(maxsize=64)
def load_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans Bold at size px, or Pillow's built-in font if DejaVu is not installed."""
    path = FONT_DIR / FONT_FILE
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


@lru_cache(maxsize=2048)
def word_masks(text: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(glyph coverage, soft halo) of a word at size px as float32 arrays of the same shape.

    The box spans the font's full ascent and descent, not the word's own ink, so words centred on one row
    share a baseline. The halo is the glyphs grown on every side, then softened: a drop shadow only darkens
    below and right of each stroke, so pale words on a pale patch of the picture (a sun, a flash) lost their
    top and left edges.
    """
    font = load_font(size)
    left, _, right, _ = font.getbbox(text)
    ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (size, size // 4)
    pad = max(2, size // 5)
    image = Image.new("L", (right - left + 2 * pad, ascent + descent + 2 * pad))
    ImageDraw.Draw(image).text((pad - left, pad), text, font=font, fill=255)
    grow = 2 * max(1, round(size * HALO_GROW)) + 1
    halo = image.filter(ImageFilter.MaxFilter(grow)).filter(ImageFilter.GaussianBlur(max(1.0, size * HALO_BLUR)))
    return np.asarray(image, np.float32) / 255, np.asarray(halo, np.float32) / 255


def opposite_hue(colour: np.ndarray) -> np.ndarray:
    """The colour with its hue turned half way round, saturation and brightness kept."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(float(c) for c in colour))
    return np.array(colorsys.hsv_to_rgb((hue + 0.5) % 1.0, saturation, value), np.float32)


def close_share(colour: np.ndarray, pixels: np.ndarray) -> float:
    """Share of `pixels` (3, N, 0-1) within MIN_ACCENT_DISTANCE of `colour`."""
    return float(np.mean(np.linalg.norm(pixels - colour[:, None], axis=0) < MIN_ACCENT_DISTANCE))


def text_width(text: str, size: int) -> float:
    left, _, right, _ = load_font(size).getbbox(text)
    return float(right - left)


def word_space(font_size: int) -> float:
    # Wider than a typed space: the sung word grows about its centre and must not touch its neighbours.
    return text_width(" ", font_size) + font_size * 0.3


def layout_phrases(words: tuple[Word, ...], width: int, height: int, font_size: int) -> list[Phrase]:
    """Group words into phrases and place each phrase's rows centred on the canvas.

    Words that carry their lyric line form one phrase per line (broken into at most MAX_ROWS rows,
    shrunk if it needs more); other words are split at pauses, at MAX_PHRASE_WORDS, or past two rows.
    A phrase shows until the next one starts, and hides inside a pause of INNER_PAUSE_SEC or more.
    """
    ordered = sorted((w for w in words if w.word.strip()), key=lambda w: (w.start, w.line))
    groups = _line_groups(ordered) if ordered and all(w.line >= 0 for w in ordered) else _pause_groups(ordered, width, font_size)
    phrases = []
    for i, group in enumerate(groups):
        size = _fitting_size(group, width, font_size)
        placed = _place(group, width, height, size)
        until = group[-1].end + HOLD_SEC
        if i + 1 < len(groups):
            until = min(until, groups[i + 1][0].start - LEAD_IN_SEC)
        hidden = tuple((a.end + HOLD_SEC, b.start - LEAD_IN_SEC) for a, b in zip(group, group[1:])
                       if b.start - a.end >= INNER_PAUSE_SEC)
        phrases.append(Phrase(words=tuple(placed), shown_from=group[0].start - LEAD_IN_SEC, shown_until=until,
                              font_size=size, hidden=hidden))
    return phrases


def _line_groups(ordered: list[Word]) -> list[list[Word]]:
    by_line: dict[int, list[Word]] = {}
    for w in ordered:
        by_line.setdefault(w.line, []).append(w)
    return [by_line[k] for k in sorted(by_line, key=lambda k: (by_line[k][0].start, k))]


def _pause_groups(ordered: list[Word], width: int, font_size: int) -> list[list[Word]]:
    groups: list[list[Word]] = []
    for w in ordered:
        if not groups or w.start - groups[-1][-1].end > PHRASE_GAP_SEC or len(groups[-1]) >= MAX_PHRASE_WORDS \
                or len(_rows(groups[-1] + [w], width * ROW_WIDTH, font_size)) > MAX_ROWS:
            groups.append([])
        groups[-1].append(w)
    return groups


def _fitting_size(group: list[Word], width: int, font_size: int) -> int:
    """The largest size, from `font_size` down to MIN_FONT_SCALE of it, at which the group fits MAX_ROWS rows."""
    size = font_size
    floor = max(6, int(font_size * MIN_FONT_SCALE))
    while size > floor and len(_rows(group, width * ROW_WIDTH, size)) > MAX_ROWS:
        size = max(floor, int(size * 0.9))
    return size


def _place(group: list[Word], width: int, height: int, size: int) -> list[PlacedWord]:
    rows = _rows(group, width * ROW_WIDTH, size)
    space = word_space(size)
    line_height = size * 1.3
    placed = []
    top = height / 2 - line_height * (len(rows) - 1) / 2
    for r, row in enumerate(rows):
        widths = [text_width(w.word.strip(), size) for w in row]
        x = width / 2 - (sum(widths) + space * (len(row) - 1)) / 2
        for w, wd in zip(row, widths):
            placed.append(PlacedWord(word=w, cx=x + wd / 2, cy=top + r * line_height))
            x += wd + space
    return placed


def _rows(words: list[Word], max_width: float, font_size: int) -> list[list[Word]]:
    rows: list[list[Word]] = [[]]
    space = word_space(font_size)
    used = 0.0
    for w in words:
        wd = text_width(w.word.strip(), font_size)
        if rows[-1] and used + space + wd > max_width:
            rows.append([])
            used = 0.0
        used += (space if rows[-1] else 0) + wd
        rows[-1].append(w)
    return rows


class KineticType:
    """Draws the phrase sung at time t onto a planar (3, H, W) uint8 image."""

    def __init__(self, words: tuple[Word, ...], width: int, height: int, *, text_colour: np.ndarray,
                 highlight_colour: np.ndarray, shadow_colour: np.ndarray):
        self.width, self.height = width, height
        self.font_size = max(8, int(round(min(height * 0.14, width * 0.09))))
        self.phrases = layout_phrases(words, width, height, self.font_size)
        self.text_colour, self.highlight_colour, self.shadow_colour = text_colour, highlight_colour, shadow_colour
        self._accent_of: dict[int, np.ndarray] = {}  # the sung colour chosen for each word, kept while it is sung

    def draw(self, image: np.ndarray, t: float, pulse: float) -> None:
        """Composite the words visible at t; pulse (0–1) makes the whole phrase swell slightly on the beat."""
        phrase = next((p for p in self.phrases if p.visible(t)), None)
        if phrase is None:
            return
        fade = min(1.0, (phrase.shown_until - t) / 0.25, (t - phrase.shown_from) / 0.1 + 0.0001)
        base_size = phrase.font_size or self.font_size
        sung = [pw for pw in phrase.words if pw.word.start <= t]
        current = sung[-1] if sung and t < max(sung[-1].word.end, sung[-1].word.start + 0.3) + 0.15 else None
        for pw in sung:
            age = t - pw.word.start
            grow = min(1.0, age / POP_SEC)
            scale = (1 + (POP_SCALE - 1) * (1 - grow) ** 2) * (1 + 0.06 * pulse)
            is_current = pw is current
            if is_current:
                scale *= 1.08
            alpha = fade * (0.35 + 0.65 * grow) * (1.0 if is_current or current is None else 0.82)
            colour = self._accent(image, pw, base_size) if is_current else self.text_colour
            self._blit(image, pw.word.word.strip(), pw.cx, pw.cy - (base_size * 0.06 if is_current else 0),
                       int(round(base_size * scale)), colour, alpha)

    def _accent(self, image: np.ndarray, pw: PlacedWord, size: int) -> np.ndarray:
        """The sung word's colour: the highlight, or its opposite hue where much of the picture under the word is
        close to the highlight.

        A pink word over a pink sun kept only its dark halo apart from the picture. The choice is made once a word,
        when it starts to be sung, so a word never changes colour as the picture moves under it.
        """
        key = id(pw)
        if key not in self._accent_of:
            under = self._pixels_under(image, pw, size)
            chosen = self.highlight_colour
            if under is not None and close_share(chosen, under) >= MAX_CLOSE_SHARE:
                opposite = opposite_hue(chosen)
                if close_share(opposite, under) < close_share(chosen, under):
                    chosen = opposite
            self._accent_of[key] = chosen
        return self._accent_of[key]

    def _pixels_under(self, image: np.ndarray, pw: PlacedWord, size: int) -> np.ndarray | None:
        """The picture's pixels (3, N, 0-1) in the word's box, or None if the box is off the canvas."""
        glyphs, _halo = word_masks(pw.word.word.strip(), max(6, size))
        h, w = glyphs.shape
        x0, y0 = max(0, int(round(pw.cx - w / 2))), max(0, int(round(pw.cy - h / 2)))
        x1, y1 = min(self.width, x0 + w), min(self.height, y0 + h)
        if x1 <= x0 or y1 <= y0:
            return None
        return image[:, y0:y1, x0:x1].reshape(3, -1).astype(np.float32) / 255

    def _blit(self, image: np.ndarray, text: str, cx: float, cy: float, size: int, colour: np.ndarray,
              alpha: float) -> None:
        glyphs, halo = word_masks(text, max(6, size))
        h, w = glyphs.shape
        offset = max(1, size // 32)  # a little depth, the halo still reaches past the top and left edges
        for mask, dx, dy, tint, strength in ((halo, offset, offset, self.shadow_colour, 0.85),
                                             (glyphs, 0, 0, colour, 1.0)):
            x0, y0 = int(round(cx - w / 2)) + dx, int(round(cy - h / 2)) + dy
            ix0, iy0 = max(0, x0), max(0, y0)
            ix1, iy1 = min(self.width, x0 + w), min(self.height, y0 + h)
            if ix1 <= ix0 or iy1 <= iy0:
                continue
            a = mask[iy0 - y0:iy1 - y0, ix0 - x0:ix1 - x0] * np.float32(alpha * strength)
            for ch in range(3):
                region = image[ch, iy0:iy1, ix0:ix1].astype(np.float32)
                region += a * (np.float32(tint[ch] * 255) - region)
                region += 0.5
                image[ch, iy0:iy1, ix0:ix1] = region.astype(np.uint8)
