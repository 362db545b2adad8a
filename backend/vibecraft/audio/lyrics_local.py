"""The local lyrics engine: faster-whisper transcription and forced alignment of known lyrics, on the CPU."""

from __future__ import annotations

import threading
from math import gcd
from typing import Callable

import numpy as np
from scipy.signal import resample_poly

from vibecraft.audio import lyrics_alignment as mapping
from vibecraft.audio.lyrics_alignment import TimedWord
from vibecraft.audio.lyrics_forced_align import (
    FIRST_WORD_MAX_SEC,
    SAMPLE_RATE,
    WINDOW_SEC,
    align_window,
    locate_lines,
    plan_chunks,
)
from vibecraft.audio.lyrics_model import ModelSource, load_whisper
from vibecraft.audio.lyrics_onsets import refine_word_starts
from vibecraft.audio.lyrics_voicing import voiced_span

MIN_AUDIO_SEC = 1.5  # shorter input cannot hold a sung line worth timing
SILENCE_RMS = 1e-3  # about -60 dBFS
MAX_SEGMENT_TOKENS = 120  # cuts off "oh oh oh …" loops that would otherwise fill 448 tokens
LOOP_COMPRESSION_RATIO = 2.4  # a segment that compresses better than this is a repetition loop
NO_SPEECH_PROB = 0.6
LANGUAGE_WINDOWS = 4
ALIGN_PAD_SEC = 2.0
REFINE_PASSES = 2
MIN_WINDOW_SEC = 1.0  # an exclusive window is not cut shorter than this
LOCATE_ROUNDS = 3
LOCATE_SLACK_SEC = 10.0  # an untimed stretch this much longer than its words need may hide a lost chorus

Progress = Callable[[float], None]


def _span(on_progress: Progress | None, low: float, high: float) -> Callable[[float], None]:
    """Map a step's own 0..1 onto [low, high] of the caller's progress."""
    if on_progress is None:
        return lambda _fraction: None
    return lambda fraction: on_progress(low + (high - low) * min(1.0, max(0.0, fraction)))


def to_16k(samples: np.ndarray, sr: int) -> np.ndarray:
    """Mono float32 at 16 kHz (polyphase resampling in memory)."""
    audio = np.asarray(samples, dtype=np.float32).reshape(-1)
    audio = np.nan_to_num(audio, nan=0.0, posinf=0.0, neginf=0.0)
    if sr == SAMPLE_RATE or audio.size == 0:
        return audio
    common = gcd(int(sr), SAMPLE_RATE)
    return resample_poly(audio, SAMPLE_RATE // common, int(sr) // common).astype(np.float32)


def has_audible_signal(audio: np.ndarray) -> bool:
    """False for input too short or too quiet to contain singing."""
    if audio.size < MIN_AUDIO_SEC * SAMPLE_RATE:
        return False
    return float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) >= SILENCE_RMS


class LocalWhisperLyrics:
    """Lyrics with a local CTranslate2 Whisper model (multilingual base, or English tiny.en)."""

    def __init__(self, source: ModelSource, *, language: str | None = None):
        self.source = source
        self.language = language
        self._lock = threading.Lock()  # one CTranslate2 model, 2 threads: run one song at a time

    @property
    def model(self):  # noqa: ANN201
        return load_whisper(self.source.path)

    def preload(self) -> None:
        """Load the model into this process now."""
        load_whisper(self.source.path)

    def transcribe(self, samples: np.ndarray, sr: int, on_progress: Progress | None = None,
                   vocals: list | None = None) -> list[dict]:
        """What Whisper hears, as lines (one a segment) with word times; [] when nothing is sung.

        `on_progress(fraction)` is called as the song is read (0 to 1); `vocals`, if given, receives the
        (start, end) spans where words were heard.
        """
        audio = to_16k(samples, sr)
        if not has_audible_signal(audio):
            return []
        with self._lock:
            language = self._language(audio)
            _span(on_progress, 0, 1)(0.1)
            segments = self._segments(audio, language, _span(on_progress, 0.1, 1.0))
        _heard_spans(segments, vocals)
        lines = []
        for segment in segments:
            words = [TimedWord(w.start, w.end, w.word.strip()) for w in segment.words or [] if w.word.strip()]
            if words:
                lines.append(words)
        return mapping.lines_to_dicts(mapping.make_monotonic(lines), [" ".join(w.word for w in line) for line in lines])

    def align(self, samples: np.ndarray, sr: int, text: str, on_progress: Progress | None = None,
              vocals: list | None = None) -> list[dict]:
        """The given lines with word times; [] when the text is empty or nothing in the audio matches it.

        `on_progress(fraction)` is called as the work goes on (0 to 1); `vocals`, if given, receives the
        (start, end) spans where the transcription heard words (lines may be missing there).
        """
        lines = mapping.parse_lyrics(text)
        audio = to_16k(samples, sr)
        if not lines or not has_audible_signal(audio):
            return []
        with self._lock:
            language = self._language(audio)
            _span(on_progress, 0, 1)(0.05)
            segments = self._segments(audio, language, _span(on_progress, 0.05, 0.55))
            _heard_spans(segments, vocals)
            heard = [TimedWord(w.start, w.end, w.word.strip())
                     for segment in segments for w in segment.words or [] if w.word.strip()]
            times = mapping.pair_times(lines, heard)
            if times is None:
                return []
            duration = len(audio) / SAMPLE_RATE
            words = [w for line in lines for w in line]
            line_ids = [k for k, line in enumerate(lines) for _ in line]
            tokenizer = self._tokenizer(language)
            self._locate_missed_lines(audio, tokenizer, words, line_ids, times, duration)
            _span(on_progress, 0, 1)(0.7)
            # Lines no search found go where voice is heard in their gap, not glued to the line before.
            voiced_runs: list[tuple[int, int]] = []
            rough = mapping.group_lines(lines, mapping.interpolate_unpaired(
                words, times, duration, line_ids, voice=lambda start, end: voiced_span(audio, start, end),
                voiced_runs=voiced_runs))
            # Those lines are aligned in windows of their own: in a window shared with the line before,
            # cross-attention let its last word stretch over the music and pushed them seconds late.
            breaks = frozenset(k for first, stop in voiced_runs for k in range(first, stop + 1)
                               if 0 < k < len(words) and (k in (first, stop) or line_ids[k] != line_ids[k - 1]))
            # A second pass plans its windows from the first pass's better times.
            timed = rough
            for done in range(REFINE_PASSES):
                timed = self._refine(audio, tokenizer, timed, breaks, exclusive=done == REFINE_PASSES - 1)
                _span(on_progress, 0.7, 1.0)((done + 1) / REFINE_PASSES)
        timed = mapping.clamp_line_starts(timed, FIRST_WORD_MAX_SEC)
        # Cross-attention starts a word on the pause before it: move each start to where the voice comes in.
        timed = refine_word_starts(timed, audio)
        return mapping.lines_to_dicts(mapping.make_monotonic(timed), [" ".join(line) for line in lines])

    def _language(self, audio: np.ndarray) -> str:
        if self.language or not self.source.multilingual:
            return self.language or "en"
        return detect_language(self.model, audio)

    def _segments(self, audio: np.ndarray, language: str, on_progress: Callable[[float], None]) -> list:
        segments, _ = self.model.transcribe(
            audio, language=language, task="transcribe", beam_size=1, temperature=0.0,
            condition_on_previous_text=False, word_timestamps=True, max_new_tokens=MAX_SEGMENT_TOKENS,
            vad_filter=False)
        duration = max(len(audio) / SAMPLE_RATE, 1e-6)
        kept = []
        for s in segments:  # a generator: each segment is decoded as it is asked for
            on_progress(s.end / duration)
            if s.compression_ratio <= LOOP_COMPRESSION_RATIO and not (s.no_speech_prob > NO_SPEECH_PROB and s.avg_logprob < -1.0):
                kept.append(s)
        return kept

    def _tokenizer(self, language: str):  # noqa: ANN202
        # Lazy: faster-whisper loads only after lyrics_model.load_whisper has set its numeric pins.
        from faster_whisper.tokenizer import Tokenizer

        model = self.model
        return Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=language)

    def _locate_missed_lines(self, audio: np.ndarray, tokenizer, words: list[str], line_ids: list[int],  # noqa: ANN001
                             times: list[tuple[float, float] | None], duration: float) -> None:
        """Time, in place, the lines of long untimed stretches (a chorus the transcript lost).

        Later rounds search the smaller gaps left between lines an earlier round found; a last round
        places the lines that never stood out (vocables) where they read best.
        """
        for _round in range(LOCATE_ROUNDS):
            if not self._locate_round(audio, tokenizer, words, line_ids, times, duration):
                break
        # Lines that never stood out (vocables) take the window where they read best, not a guess.
        self._locate_round(audio, tokenizer, words, line_ids, times, duration, best_effort=True)

    def _locate_round(self, audio: np.ndarray, tokenizer, words: list[str], line_ids: list[int],  # noqa: ANN001
                      times: list[tuple[float, float] | None], duration: float, best_effort: bool = False) -> bool:
        found = False
        for first, stop, gap_start, gap_end in mapping.untimed_runs(times, duration, slack=LOCATE_SLACK_SEC):
            pieces: list[list[int]] = []
            for k in range(first, stop):
                if not pieces or line_ids[k] != line_ids[pieces[-1][-1]]:
                    pieces.append([])
                pieces[-1].append(k)
            # The rest of a line that is partly timed stays next to its timed words (interpolation).
            pieces = [piece for piece in pieces
                      if (piece[0] == 0 or line_ids[piece[0] - 1] != line_ids[piece[0]])
                      and (piece[-1] + 1 == len(words) or line_ids[piece[-1] + 1] != line_ids[piece[-1]])]
            if not pieces:
                continue
            located = locate_lines(self.model, tokenizer, audio, [[words[k] for k in piece] for piece in pieces],
                                   gap_start, gap_end, best_effort=best_effort)
            for piece, piece_times in zip(pieces, located):
                if piece_times is not None:
                    found = True
                    for k, span in zip(piece, piece_times):
                        times[k] = span
        return found

    def _refine(self, audio: np.ndarray, tokenizer, rough: list[list[TimedWord]],  # noqa: ANN001
                breaks: frozenset[int] = frozenset(), exclusive: bool = False) -> list[list[TimedWord]]:
        """Force-align the known words in windows planned from their current times; updates `rough` in place.

        With `exclusive`, a window starts no earlier than where the previous window's last word ends:
        its first word would otherwise soak up (and start on) a line the previous window already timed.
        Earlier passes keep their windows whole: their times only plan the next pass's windows, and a
        claim made from rough times could cut a line off its audio.
        """
        flat = [w for line in rough for w in line]
        words = [w.word for w in flat]
        line_ids = [k for k, line in enumerate(rough) for _ in line]
        token_counts = [len(tokenizer.encode(" " + w)) for w in words]
        chunks = plan_chunks(words, [(w.start, w.end) for w in flat], line_ids, token_counts,
                             pad=ALIGN_PAD_SEC, duration=len(audio) / SAMPLE_RATE, breaks=breaks)
        claimed = 0.0
        for chunk in chunks:
            if exclusive and chunk.start < claimed <= chunk.end - MIN_WINDOW_SEC:
                chunk.start = claimed
            timed = align_window(self.model, tokenizer, audio, chunk)
            if timed is None:
                continue
            # The chunk's first word soaks up the padding before it; start it shortly before it ends.
            start, end, prob = timed[0]
            timed[0] = (max(start, end - FIRST_WORD_MAX_SEC), end, prob)
            for offset, (start, end, _prob) in enumerate(timed):
                word = flat[chunk.first_word + offset]
                word.start, word.end = start, end
            claimed = timed[-1][1]
        return rough


def _heard_spans(segments: list, vocals: list | None) -> None:
    if vocals is None:
        return
    for segment in segments:
        words = [w for w in segment.words or [] if w.word.strip()]
        if words:
            vocals.append((round(float(words[0].start), 3), round(float(words[-1].end), 3)))


def detect_language(model, audio: np.ndarray) -> str:  # noqa: ANN001
    """The song's language: Whisper's language probabilities summed over up to LANGUAGE_WINDOWS windows.

    One window is not enough: an English "here we go" intro would make a French song English.
    """
    # Lazy: faster-whisper loads only after lyrics_model.load_whisper has set its numeric pins.
    from faster_whisper.audio import pad_or_trim

    window = int(WINDOW_SEC * SAMPLE_RATE)
    count = max(1, min(LANGUAGE_WINDOWS, int(np.ceil(len(audio) / window))))
    starts = np.linspace(0, max(0, len(audio) - window), count).astype(int)
    totals: dict[str, float] = {}
    for start in starts:
        features = model.feature_extractor(audio[start:start + window])
        encoder_output = model.encode(pad_or_trim(features))
        for token, prob in model.model.detect_language(encoder_output)[0]:
            code = token[2:-2]
            totals[code] = totals.get(code, 0.0) + prob
    return max(totals, key=totals.get) if totals else "en"
