"""Forced alignment of known words inside ≤ 30-s windows with Whisper's cross-attention (CTranslate2 `align`).

This is the same dynamic time warping faster-whisper uses for word timestamps, but fed with the
known lyrics instead of decoded tokens. The caller decides which words belong to which window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vibecraft.audio.lyrics_alignment import normalize_word, word_similarity

SAMPLE_RATE = 16000
WINDOW_SEC = 30.0  # Whisper's fixed input length
MAX_WINDOW_TOKENS = 220  # the decoder holds 448 positions; stay well inside them
LEAD_IN = ""
LOCATE_WINDOW_SEC = 25.0
LOCATE_MIN_LOG_PROB = -3.0  # a sung line reads at about -1.6 to -2.6 where it is sung, -3 to -5 elsewhere
LOCATE_MIN_MARGIN = 0.7
LOCATE_FINE_SEC = 8.0  # a found line with a look-alike is then placed among these shorter windows too
LOOK_ALIKE = 0.6  # two lines whose spoken forms are this similar read well where either is sung
FIRST_WORD_MAX_SEC = 1.0
LINE_END = "."
TOKENS_PER_SECOND = 50  # encoder frames per second (mel hop 10 ms, stride 2)


@dataclass
class AlignChunk:
    """Consecutive known words to align in one window [start, end] (seconds in the song)."""

    first_word: int  # index into the flat word list
    words: list[str]
    start: float
    end: float
    line_ends: frozenset[int] = frozenset()  # indices (within `words`) of each line's last word


def plan_chunks(words: list[str], rough: list[tuple[float, float]], line_ids: list[int], token_counts: list[int],
                *, pad: float, duration: float, max_span: float = WINDOW_SEC,
                breaks: frozenset[int] = frozenset()) -> list[AlignChunk]:
    """Group words into windows of at most `max_span` s (padding included) and MAX_WINDOW_TOKENS tokens.

    Chunks break at line ends when they can, and inside a line only when the line alone is too long;
    a chunk always starts at each index of `breaks` (lines placed by a weaker rule get their own window).
    """
    chunks: list[AlignChunk] = []
    limit = max_span - 2 * pad
    i, n = 0, len(words)
    while i < n:
        start = rough[i][0]
        j, tokens, last_line_end = i, 0, None
        while j < n and rough[j][1] - start <= limit and tokens + token_counts[j] <= MAX_WINDOW_TOKENS:
            tokens += token_counts[j]
            j += 1
            if j in breaks:
                last_line_end = j
                break
            if j == n or line_ids[j] != line_ids[j - 1]:
                last_line_end = j
        # Prefer to cut at the last complete line that fits; a lone long line is cut mid-way.
        end_index = last_line_end if last_line_end is not None else max(j, i + 1)
        window_start = max(0.0, start - pad)
        window_end = min(duration, max(rough[end_index - 1][1] + pad, window_start + 0.5))
        window_end = min(window_end, window_start + max_span)
        ends = frozenset(k - i for k in range(i, end_index) if k + 1 == n or line_ids[k + 1] != line_ids[k])
        chunks.append(AlignChunk(i, words[i:end_index], window_start, window_end, ends))
        i = end_index
    return chunks


def _encode(whisper, audio: np.ndarray, start: float, end: float):  # noqa: ANN001, ANN202
    # Lazy: faster-whisper loads only after lyrics_model.load_whisper has set its numeric pins.
    from faster_whisper.audio import pad_or_trim

    segment = audio[int(start * SAMPLE_RATE):int(end * SAMPLE_RATE)]
    if segment.size < SAMPLE_RATE // 10:
        return None, 0
    features = whisper.feature_extractor(segment)
    num_frames = min(features.shape[-1], whisper.feature_extractor.nb_max_frames)
    return whisper.encode(pad_or_trim(features)), num_frames


def _align_encoded(whisper, tokenizer, encoded, num_frames: int, words: list[str], line_ends: frozenset[int],  # noqa: ANN001
                   offset: float) -> list[tuple[float, float, float]] | None:
    # Pieces in token order: each word, with a full stop after each line's last word. The stop gives
    # the warping path somewhere to put the pause after a line, which would otherwise stretch the
    # next line's first word back into the pause.
    pieces: list[tuple[int | None, list[int]]] = [(None, tokenizer.encode(LEAD_IN))] if LEAD_IN else []
    for k, word in enumerate(words):
        pieces.append((k, tokenizer.encode(" " + word)))
        if k in line_ends and LINE_END:
            pieces.append((None, tokenizer.encode(LINE_END)))
    if encoded is None or not any(tokens for index, tokens in pieces if index is not None):
        return None
    text_tokens = [t for _, tokens in pieces for t in tokens]
    result = whisper.model.align(encoded, tokenizer.sot_sequence, [text_tokens], num_frames,
                                 median_filter_width=7)[0]
    pairs = np.asarray(result.alignments)
    if pairs.size == 0:
        return None
    text_index, time_index = pairs[:, 0], pairs[:, 1]
    jumps = np.pad(np.diff(text_index), (1, 0), constant_values=1).astype(bool)
    jump_times = time_index[jumps] / TOKENS_PER_SECOND
    probs = np.asarray(result.text_token_probs, dtype=float)
    bounds = np.clip(np.concatenate([[0], np.cumsum([len(t) for _, t in pieces])]), 0, len(jump_times) - 1)
    timed: list[tuple[float, float, float]] = [(offset, offset, 0.0)] * len(words)
    for piece, (index, _tokens) in enumerate(pieces):
        if index is None:
            continue
        a, b = bounds[piece], bounds[piece + 1]
        prob = float(probs[a:b].mean()) if b > a and probs.size >= b else 0.0
        timed[index] = (offset + float(jump_times[a]), offset + float(jump_times[b]), prob)
    return timed


def align_window(whisper, tokenizer, audio: np.ndarray, chunk: AlignChunk) -> list[tuple[float, float, float]] | None:  # noqa: ANN001
    """(start, end, probability) in song seconds for each word of `chunk`, or None if the window is empty.

    `whisper` is a faster_whisper.WhisperModel, `tokenizer` its faster_whisper Tokenizer for the song's language;
    `audio` is the whole song, mono float32 at 16 kHz.
    """
    encoded, num_frames = _encode(whisper, audio, chunk.start, chunk.end)
    return _align_encoded(whisper, tokenizer, encoded, num_frames, chunk.words, chunk.line_ends, chunk.start)


def line_log_prob(timed: list[tuple[float, float, float]]) -> float:
    """Mean log probability of a line's words as the decoder reads them against the audio: high where it is sung."""
    return float(np.mean(np.log(np.maximum([p for _, _, p in timed], 1e-6))))


def _stands_out(line_scores: np.ndarray, window: int) -> bool:
    """A line is placed only where it reads well, and (with other windows to compare) clearly better than elsewhere.

    Vocables ("ooh", "yeah") read about as well anywhere and are left to interpolation.
    """
    score = line_scores[window]
    if not np.isfinite(score) or score < LOCATE_MIN_LOG_PROB:
        return False
    others = np.delete(line_scores, window)
    others = others[np.isfinite(others)]
    return others.size == 0 or score - float(np.median(others)) >= LOCATE_MIN_MARGIN


def locate_lines(whisper, tokenizer, audio: np.ndarray, lines: list[list[str]], gap_start: float,  # noqa: ANN001
                 gap_end: float, *, best_effort: bool = False) -> list[list[tuple[float, float]] | None]:
    """Find where each of `lines` (in order) is sung inside a long stretch the transcript did not cover.

    The stretch is cut into equal windows of at most LOCATE_WINDOW_SEC; the decoder reads every line
    against every window, lines take the windows where they read best (keeping their order), and the
    lines of each window are then force-aligned together. A line that reads worse than
    LOCATE_MIN_LOG_PROB everywhere gets None. With `best_effort`, a line that reads well enough
    where it reads best is placed there even if it does not stand out from the other windows
    (vocables such as "ooh"): for a line that would otherwise be packed after the line before
    it, the window where it reads best is still the better evidence. A found line that sounds like
    another of `lines` is placed among windows of LOCATE_FINE_SEC too (half overlapping).
    """
    count = max(1, int(np.ceil((gap_end - gap_start) / LOCATE_WINDOW_SEC)))
    edges = np.linspace(gap_start, gap_end, count + 1)
    windows = _encoded_windows(whisper, audio, zip(edges[:-1], edges[1:]))
    scores = np.array([[_line_score(whisper, tokenizer, window, line) for window in windows] for line in lines])
    if not lines:
        return []
    choice = _ordered_choice(scores)
    accepted = [i for i in range(len(lines)) if _stands_out(scores[i], choice[i])
                or (best_effort and scores[i, choice[i]] >= LOCATE_MIN_LOG_PROB)]
    if not accepted:
        return [None] * len(lines)
    candidates, placed = windows, {i: choice[i] for i in accepted}
    if not best_effort and any(_has_look_alike(lines, i) for i in accepted):
        candidates, placed = _place_look_alikes(whisper, tokenizer, audio, lines, windows, scores, accepted,
                                                gap_start, gap_end) or (candidates, placed)
    return _align_placed(whisper, tokenizer, lines, candidates, placed)


def _place_look_alikes(whisper, tokenizer, audio: np.ndarray, lines: list[list[str]], windows: list,  # noqa: ANN001
                       scores: np.ndarray, accepted: list[int], gap_start: float, gap_end: float) -> tuple | None:
    """(windows, line -> window) with the found lines that have a look-alike placed among 8-s windows too.

    A found line with a look-alike in the same stretch (vocables: "ba da da", "ba da da dam") may read best
    in a long window that holds several of them, not its own: such lines are placed again among the long
    windows and shorter ones, where only one of them is sung. Other lines keep their scores. None when the
    stretch is too short for shorter windows.
    """
    fine = _fine_windows(whisper, audio, gap_start, gap_end)
    if not fine:
        return None
    alike = {i for i in accepted if _has_look_alike(lines, i)}
    candidates = windows + fine
    order = sorted(range(len(candidates)), key=lambda w: (candidates[w][0], candidates[w][1]))
    candidates = [candidates[w] for w in order]
    both = np.full((len(accepted), len(candidates)), -np.inf)
    for row, i in enumerate(accepted):
        for column, w in enumerate(order):
            if w < len(windows):
                both[row, column] = scores[i, w]
            elif i in alike:
                both[row, column] = _line_score(whisper, tokenizer, candidates[column], lines[i])
    return candidates, dict(zip(accepted, _ordered_choice(both)))


def _align_placed(whisper, tokenizer, lines: list[list[str]], windows: list,  # noqa: ANN001
                  placed: dict[int, int]) -> list[list[tuple[float, float]] | None]:
    """Force-align the lines of each window together: (start, end) of each word of each placed line, else None."""
    located: list[list[tuple[float, float]] | None] = [None] * len(lines)
    for w, (start, _end, encoded, num_frames) in enumerate(windows):
        members = [i for i in sorted(placed) if placed[i] == w]
        if not members:
            continue
        words = [word for i in members for word in lines[i]]
        ends = frozenset(np.cumsum([len(lines[i]) for i in members]) - 1)
        timed = _align_encoded(whisper, tokenizer, encoded, num_frames, words, ends, start)
        if timed is None:
            continue
        times = [(s, e) for s, e, _ in timed]
        # The first word soaks up the music before it; start it shortly before it ends.
        times[0] = (max(times[0][0], times[0][1] - FIRST_WORD_MAX_SEC), times[0][1])
        position = 0
        for i in members:
            located[i] = times[position:position + len(lines[i])]
            position += len(lines[i])
    return located


def _spoken(line: list[str]) -> str:
    return "".join(normalize_word(w) for w in line)


def _has_look_alike(lines: list[list[str]], i: int) -> bool:
    """Whether another line of `lines` sounds like line i (LOOK_ALIKE similarity of their spoken forms)."""
    return any(j != i and word_similarity(_spoken(lines[i]), _spoken(line)) >= LOOK_ALIKE
               for j, line in enumerate(lines))


def _ordered_choice(scores: np.ndarray) -> list[int]:
    """For each row (line, in order), a column (window, in time order): non-decreasing, best total score."""
    total = scores.copy()
    for i in range(1, len(total)):
        total[i] += np.maximum.accumulate(total[i - 1])
    choice = [0] * len(total)
    choice[-1] = int(np.argmax(total[-1]))
    for i in range(len(total) - 2, -1, -1):
        choice[i] = int(np.argmax(total[i, :choice[i + 1] + 1]))
    return choice


def _fine_windows(whisper, audio: np.ndarray, gap_start: float, gap_end: float) -> list:  # noqa: ANN001
    """Windows of LOCATE_FINE_SEC, each starting half of one after the last, over the gap (none if it is short)."""
    if gap_end - gap_start <= 1.5 * LOCATE_FINE_SEC:
        return []
    count = int(np.ceil((gap_end - gap_start - LOCATE_FINE_SEC) / (LOCATE_FINE_SEC / 2))) + 1
    starts = np.linspace(gap_start, gap_end - LOCATE_FINE_SEC, count)
    return _encoded_windows(whisper, audio, ((a, a + LOCATE_FINE_SEC) for a in starts))


def _encoded_windows(whisper, audio: np.ndarray, spans) -> list:  # noqa: ANN001
    """(start, end, encoder output, frame count) of each (start, end) span of the audio."""
    return [(float(a), float(b), *_encode(whisper, audio, float(a), float(b))) for a, b in spans]


def _line_score(whisper, tokenizer, window: tuple, line: list[str]) -> float:  # noqa: ANN001
    """How well `line` reads against an encoded window (mean token log-probability; -inf if it cannot be aligned)."""
    start, _end, encoded, num_frames = window
    timed = _align_encoded(whisper, tokenizer, encoded, num_frames, line, frozenset([len(line) - 1]), start)
    return line_log_prob(timed) if timed else -np.inf
