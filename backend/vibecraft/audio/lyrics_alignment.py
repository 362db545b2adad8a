"""Mapping known lyrics onto a transcript's timing: pure text and numbers, no model.

The known text is split into lines of words; a monotonic dynamic programme pairs known words
with similar transcript words (after a loose, accent- and spelling-tolerant normalisation);
paired words take the transcript's times and the others are interpolated between them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import numpy as np

MATCH_THRESHOLD = 0.5  # word similarity below this never pairs
TYPICAL_WORD_SEC = 0.35  # pace used to place words outside any pair (before the first, after the last)
MAX_GAP_WORD_SEC = 1.0  # unpaired words between two pairs never stretch longer than this each
MIN_WORD_SEC = 0.12  # nobody sings faster than this: pairs that imply it are dropped
MAX_VOICED_WORD_SEC = 2.0  # whole untimed lines placed where voice is heard never stretch longer than this a word

# Where voice is heard inside (start, end), or None when it cannot tell (lyrics_voicing.voiced_span on the song).
VoiceFinder = Callable[[float, float], "tuple[float, float] | None"]


@dataclass
class TimedWord:
    """One word with its time span in seconds."""

    start: float
    end: float
    word: str


def parse_lyrics(text: str) -> list[list[str]]:
    """Lines of whitespace-separated words; blank lines (stanza breaks) are dropped."""
    return [line.split() for line in text.splitlines() if line.split()]


_FOLDS = (("qu", "k"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("z", "s"), ("y", "i"), ("v", "b"), ("w", "u"), ("h", ""))


def normalize_word(word: str) -> str:
    """A loose spoken form for matching: lower case, no accents or punctuation, similar-sounding letters folded."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(ch for ch in text if ch.isalnum())
    for old, new in _FOLDS:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def word_similarity(a: str, b: str) -> float:
    """1.0 for identical normalised words, falling to 0 with the edit distance."""
    if not a or not b:
        return 0.0
    return 1.0 - _edit_distance(a, b) / max(len(a), len(b))


def match_words(known: list[str], heard: list[str]) -> list[tuple[int, int]]:
    """Monotonic pairs (known index, heard index) maximising the summed similarity above the threshold."""
    known_norm = [normalize_word(w) for w in known]
    heard_norm = [normalize_word(w) for w in heard]
    if not known_norm or not heard_norm:
        return []
    # Similarities between distinct forms only: songs repeat words a lot.
    known_forms = sorted(set(known_norm))
    heard_forms = sorted(set(heard_norm))
    known_ix = {w: i for i, w in enumerate(known_forms)}
    heard_ix = {w: i for i, w in enumerate(heard_forms)}
    sims = np.array([[word_similarity(a, b) for b in heard_forms] for a in known_forms])
    gain = sims[np.ix_([known_ix[w] for w in known_norm], [heard_ix[w] for w in heard_norm])] - MATCH_THRESHOLD
    gain[gain <= 0] = -np.inf
    n, m = gain.shape
    score = np.zeros((n + 1, m + 1))
    # step: 0 = skip known word, 1 = skip heard word, 2 = pair them
    step = np.zeros((n + 1, m + 1), dtype=np.int8)
    step[1:, 0] = 0
    step[0, 1:] = 1
    for i in range(1, n + 1):
        row_gain = gain[i - 1]
        prev, cur = score[i - 1], score[i]
        for j in range(1, m + 1):
            best, how = prev[j], 0
            if cur[j - 1] > best:
                best, how = cur[j - 1], 1
            paired = prev[j - 1] + row_gain[j - 1]
            if paired > best:
                best, how = paired, 2
            cur[j], step[i, j] = best, how
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        how = step[i, j]
        if how == 2:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif how == 1:
            j -= 1
        else:
            i -= 1
    return pairs[::-1]


def spread_by_length(words: list[str], start: float, end: float) -> list[tuple[float, float]]:
    """Split [start, end] among `words` in proportion to their length in characters."""
    weights = np.array([max(len(w), 1) for w in words], dtype=float)
    edges = start + (end - start) * np.concatenate([[0.0], np.cumsum(weights) / weights.sum()])
    return [(float(a), float(b)) for a, b in zip(edges[:-1], edges[1:])]


def interpolate_unpaired(words: list[str], times: list[tuple[float, float] | None], duration: float,
                         line_ids: list[int] | None = None, voice: VoiceFinder | None = None,
                         voiced_runs: list[tuple[int, int]] | None = None) -> list[tuple[float, float]]:
    """Fill the `None` entries of `times` (aligned with `words`) between their timed neighbours.

    A run of unpaired words between two timed words is packed against the earlier one at no more
    than MAX_GAP_WORD_SEC a word (an instrumental gap then stays empty); runs before the first or
    after the last timed word are placed at TYPICAL_WORD_SEC a word. With `line_ids` (the line of
    each word), the words of a run that belong to the later timed word's line are placed just
    before it instead: a line is sung in one go, not split across a gap. With `voice` too, whole
    untimed lines between two timed words whose gap is longer than packing needs are spread over the
    part of the gap where voice is heard (at most MAX_VOICED_WORD_SEC a word, against its end), not
    glued to the earlier line; where `voice` cannot tell, they are packed as above. Each run so
    placed, (first, stop) word indices, is appended to `voiced_runs` if given.
    """
    filled: list[tuple[float, float] | None] = list(times)
    n = len(words)
    i = 0
    while i < n:
        if filled[i] is not None:
            i += 1
            continue
        j = i
        while j < n and filled[j] is None:
            j += 1
        split = j
        if line_ids is not None and 0 < i and j < n:
            while split > i and line_ids[split - 1] == line_ids[j] and line_ids[split - 1] != line_ids[i - 1]:
                split -= 1
        before = filled[i - 1][1] if i > 0 else None
        after = filled[j][0] if j < n else None
        if split < j:
            tail_start = max(before, after - TYPICAL_WORD_SEC * (j - split))
            filled[split:j] = spread_by_length(words[split:j], tail_start, after)
            after = tail_start
        if split > i and voice is not None and line_ids is not None and before is not None and after is not None:
            head = i  # the untimed rest of the earlier timed word's line stays next to it
            while head < split and line_ids[head] == line_ids[i - 1]:
                head += 1
            if head > i:
                _fill_run(filled, words, i, head, before, after, duration)
                before = filled[head - 1][1]
            if head < split and after - before > MAX_GAP_WORD_SEC * (split - head):
                span = voice(before, after)
                if span is not None and min(after, span[1]) - max(before, span[0]) > TYPICAL_WORD_SEC * (split - head):
                    end = min(after, span[1])
                    start = max(before, span[0], end - MAX_VOICED_WORD_SEC * (split - head))
                    filled[head:split] = spread_by_length(words[head:split], start, end)
                    if voiced_runs is not None:
                        voiced_runs.append((head, split))
                    head = split
            i = head
        if split > i:
            _fill_run(filled, words, i, split, before, after, duration)
        i = j
    return [t for t in filled if t is not None]


def _fill_run(filled: list, words: list[str], i: int, j: int, before: float | None, after: float | None,
              duration: float) -> None:
    run = words[i:j]
    if before is None and after is None:
        start, end = 0.0, min(duration, TYPICAL_WORD_SEC * len(run))
    elif before is None:
        end = after
        start = max(0.0, end - TYPICAL_WORD_SEC * len(run))
    elif after is None:
        start = before
        end = min(max(duration, start), start + TYPICAL_WORD_SEC * len(run))
    else:
        start = before
        end = min(after, start + MAX_GAP_WORD_SEC * len(run))
    filled[i:j] = spread_by_length(run, start, max(end, start))


def consistent_pairs(pairs: list[tuple[int, int]], known: list[str], heard: list[TimedWord]) -> list[tuple[int, int]]:
    """The heaviest chain of pairs whose timing leaves every known word in between at least MIN_WORD_SEC.

    A repeated chorus or a common short word can pair with the wrong occurrence; such a pair squeezes
    the words between it and its neighbours into an impossible pace and is left out.
    """
    if not pairs:
        return []
    weight = [min(len(normalize_word(known[k])), 4) * word_similarity(normalize_word(known[k]), normalize_word(heard[h].word))
              for k, h in pairs]
    best = list(weight)
    back = [-1] * len(pairs)
    for b, (kb, hb) in enumerate(pairs):
        for a in range(b):
            ka, ha = pairs[a]
            if heard[hb].start - heard[ha].start >= MIN_WORD_SEC * (kb - ka) and best[a] + weight[b] > best[b]:
                best[b], back[b] = best[a] + weight[b], a
    chain, at = [], int(np.argmax(best))
    while at >= 0:
        chain.append(pairs[at])
        at = back[at]
    return chain[::-1]


def pair_times(lines: list[list[str]], heard: list[TimedWord]) -> list[tuple[float, float] | None] | None:
    """For each known word (lines flattened), the times of the transcript word it pairs with, else None.

    None when no known word pairs with anything heard.
    """
    known = [w for line in lines for w in line]
    pairs = consistent_pairs(match_words(known, [h.word for h in heard]), known, heard)
    if not pairs:
        return None
    times: list[tuple[float, float] | None] = [None] * len(known)
    for k, h in pairs:
        times[k] = (heard[h].start, heard[h].end)
    return times


def untimed_runs(times: list[tuple[float, float] | None], duration: float, *, slack: float) -> list[tuple[int, int, float, float]]:
    """Runs (first, stop, gap_start, gap_end) of untimed words whose gap between timed neighbours
    is more than `slack` seconds longer than the run needs at TYPICAL_WORD_SEC a word."""
    runs = []
    i, n = 0, len(times)
    while i < n:
        if times[i] is not None:
            i += 1
            continue
        j = i
        while j < n and times[j] is None:
            j += 1
        gap_start = times[i - 1][1] if i > 0 else 0.0
        gap_end = times[j][0] if j < n else duration
        if gap_end - gap_start > TYPICAL_WORD_SEC * (j - i) + slack:
            runs.append((i, j, gap_start, gap_end))
        i = j
    return runs


def group_lines(lines: list[list[str]], times: list[tuple[float, float]]) -> list[list[TimedWord]]:
    """The known lines as TimedWords, from times given for the flattened words."""
    out: list[list[TimedWord]] = []
    position = 0
    for line in lines:
        out.append([TimedWord(start, end, word) for word, (start, end) in zip(line, times[position:position + len(line)])])
        position += len(line)
    return out


def map_text_to_timing(lines: list[list[str]], heard: list[TimedWord], duration: float) -> list[list[TimedWord]] | None:
    """Known lines timed by a transcript: paired words take its times, the rest are interpolated. None if nothing pairs."""
    times = pair_times(lines, heard)
    if times is None:
        return None
    line_ids = [k for k, line in enumerate(lines) for _ in line]
    return group_lines(lines, interpolate_unpaired([w for line in lines for w in line], times, duration, line_ids))


def clamp_line_starts(lines: list[list[TimedWord]], max_first_sec: float) -> list[list[TimedWord]]:
    """Start each line's first word at most `max_first_sec` before it ends, in place.

    Forced alignment lets a line's first word soak up the silence or music before it (one word 48 s
    long was seen), which would show the line on screen long before it is sung.
    """
    for line in lines:
        if line:
            first = line[0]
            first.start = max(first.start, first.end - max_first_sec)
    return lines


def make_monotonic(lines: list[list[TimedWord]]) -> list[list[TimedWord]]:
    """Clamp times in place so word starts never go backwards and no word ends before it starts."""
    cursor = 0.0
    for line in lines:
        for word in line:
            word.start = max(word.start, cursor)
            word.end = max(word.end, word.start)
            cursor = word.start
    return lines


def lines_to_dicts(lines: list[list[TimedWord]], texts: list[str] | None = None) -> list[dict]:
    """The public shape: `[{start, end, text, words: [{start, end, word}]}]`, times rounded to ms."""
    result = []
    for index, line in enumerate(lines):
        if not line:
            continue
        words = [{"start": round(w.start, 3), "end": round(w.end, 3), "word": w.word} for w in line]
        text = texts[index] if texts is not None else " ".join(w.word for w in line)
        result.append({"start": words[0]["start"], "end": max(w["end"] for w in words), "text": text, "words": words})
    return result
