"""Lyrics through Whisper on Replicate, over the shared Replicate client (providers/replicate_http.py): upload, create a prediction, poll, read segments.

`openai/whisper` answers with segments but no word times (words are spread over their segment by
length); `vaibhavs10/incredibly-fast-whisper` with `timestamp: "word"` answers one chunk per word.
Known lyrics are aligned by mapping them onto the transcript's timing.
"""

from __future__ import annotations

import base64
import time

import httpx
import numpy as np

from vibecraft.audio import lyrics_alignment as mapping
from vibecraft.audio.lyrics_alignment import TimedWord
from vibecraft.audio.lyrics_errors import LyricsError
from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, run
from vibecraft.providers.base import ProviderError, ProviderRateLimited
from vibecraft.providers.rate_limit import RateLimiter
from vibecraft.providers.replicate_http import CreateOutcomeUnknown, ReplicateHTTP

WHISPER_VERSION = "8099696689d249cf8b122d833c36ac3f75505c666a395ca40ef26f68e7d3d16e"  # openai/whisper
DATA_URL_MAX_BYTES = 256 * 1024  # larger inputs go through POST /files
UPLOAD_RATE = 16000
UPLOAD_BITRATE = "48k"
MIN_AUDIO_SEC = 1.5
SILENCE_RMS = 1e-3
FINAL_STATUSES = ("succeeded", "failed", "canceled", "aborted")


class ReplicateWhisperLyrics:
    """Whisper on Replicate. `model` is "openai/whisper" (pinned `version`) or "vaibhavs10/incredibly-fast-whisper"."""

    def __init__(self, api_token: str, *, base_url: str = "https://api.replicate.com/v1",
                 model: str = "openai/whisper", version: str | None = WHISPER_VERSION,
                 deadline_sec: float = 600.0, poll_interval: float = 1.0, max_poll_interval: float = 8.0,
                 max_throttle_retries: int = 5, request_timeout: float = 60.0, language: str | None = None,
                 client: httpx.Client | None = None, rate_limiter: RateLimiter | None = None):
        self.model = model
        self.version = version if model == "openai/whisper" else None
        self.deadline_sec = deadline_sec
        self.poll_interval = poll_interval
        self.max_poll_interval = max_poll_interval
        self.max_throttle_retries = max_throttle_retries
        self.language = language
        # The shared Replicate client: auth to the API host only, Retry-After, problem details.
        self._http = ReplicateHTTP(api_token, base_url, timeout=request_timeout, client=client, rate_limiter=rate_limiter,
                                   user_agent="vibecraft-lyrics", max_throttled_retries=max_throttle_retries)

    def transcribe(self, samples: np.ndarray, sr: int, on_progress=None, vocals: list | None = None) -> list[dict]:  # noqa: ANN001
        """Whisper's transcript as timed lines (one a segment); [] when nothing is sung.

        `on_progress` is accepted for the engine interface (a remote prediction reports no fraction done);
        `vocals`, if given, receives the (start, end) spans where words were heard.
        """
        heard = self._heard_lines(samples, sr)
        _heard_spans(heard, vocals)
        return mapping.lines_to_dicts(mapping.make_monotonic(heard)) if heard else []

    def align(self, samples: np.ndarray, sr: int, text: str, on_progress=None,  # noqa: ANN001
              vocals: list | None = None) -> list[dict]:
        """The lines of `text` timed by mapping them onto the remote transcript; [] if nothing matches."""
        lines = mapping.parse_lyrics(text)
        if not lines:
            return []
        heard = self._heard_lines(samples, sr)
        _heard_spans(heard, vocals)
        duration = len(samples) / sr if sr else 0.0
        timed = mapping.map_text_to_timing(lines, [w for line in heard for w in line], duration)
        if timed is None:
            return []
        return mapping.lines_to_dicts(mapping.make_monotonic(timed), [" ".join(line) for line in lines])

    def _heard_lines(self, samples: np.ndarray, sr: int) -> list[list[TimedWord]]:
        audio = np.asarray(samples, dtype=np.float32).reshape(-1)
        if audio.size < MIN_AUDIO_SEC * sr or float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) < SILENCE_RMS:
            return []
        audio_url = self._upload(encode_mp3(audio, sr))
        output = self._predict(self._input(audio_url))
        return parse_output(output)

    def _input(self, audio_url: str) -> dict:
        if self.model == "openai/whisper":
            payload = {"audio": audio_url, "transcription": "plain text", "temperature": 0}
            if self.language:
                payload["language"] = self.language
            return payload
        payload = {"audio": audio_url, "timestamp": "word", "task": "transcribe"}
        if self.language:
            payload["language"] = self.language
        return payload

    def _upload(self, mp3: bytes) -> str:
        if len(mp3) <= DATA_URL_MAX_BYTES:
            return "data:audio/mpeg;base64," + base64.b64encode(mp3).decode("ascii")
        response = self._request("POST", "files", files={"content": ("song.mp3", mp3, "audio/mpeg")})
        url = (response.json().get("urls") or {}).get("get")
        if not url:
            raise LyricsError("Replicate accepted the audio upload but returned no URL for it.")
        return url

    def _predict(self, payload: dict):  # noqa: ANN202
        if self.version:
            created = self._request("POST", "predictions", json={"version": self.version, "input": payload})
        else:
            created = self._request("POST", f"models/{self.model}/predictions", json={"input": payload})
        prediction = created.json()
        deadline = time.monotonic() + self.deadline_sec
        delay = self.poll_interval
        while prediction.get("status") not in FINAL_STATUSES:
            if time.monotonic() + delay > deadline:
                self._cancel(prediction.get("id"))
                raise LyricsError(f"Transcription on Replicate did not finish within {self.deadline_sec:.0f} s.")
            time.sleep(delay)
            delay = min(delay * 1.5, self.max_poll_interval)
            prediction = self._request("GET", f"predictions/{prediction['id']}").json()
        status = prediction["status"]
        if status != "succeeded":
            reason = prediction.get("error") or {"canceled": "it was canceled", "aborted": "its deadline passed before it started"}.get(status, "no reason given")
            raise LyricsError(f"Transcription on Replicate {status}: {reason}")
        return prediction.get("output")

    def _cancel(self, prediction_id: str | None) -> None:
        if prediction_id:
            try:
                self._http.request("POST", f"/predictions/{prediction_id}/cancel")
            except (ProviderError, CreateOutcomeUnknown):
                pass  # best effort: the deadline error below is what the caller needs

    def _request(self, method: str, path: str, **kwargs) -> httpx.Response:  # noqa: ANN003
        """One call through the shared client; its errors become LyricsError (a POST that may have run is not repeated)."""
        try:
            return self._http.request(method, "/" + path, kind="create" if path.endswith("predictions") else "call",
                                      safe_to_repeat=method != "POST", **kwargs)
        except ProviderRateLimited as e:
            raise LyricsError("Replicate kept throttling the transcription request; try again in a minute.") from e
        except (ProviderError, CreateOutcomeUnknown) as e:
            raise LyricsError(f"The transcription request failed: {e}") from e


def encode_mp3(samples: np.ndarray, sr: int) -> bytes:
    """Mono MP3 bytes (16 kHz, 48 kb/s: about 360 KB a minute) made by ffmpeg from float32 samples."""
    args = [ffmpeg_binary(), "-nostdin", "-v", "error", "-f", "f32le", "-ar", str(int(sr)), "-ac", "1", "-i", "-",
            "-ar", str(UPLOAD_RATE), "-ac", "1", "-b:a", UPLOAD_BITRATE, "-f", "mp3", "-"]
    try:
        return run(args, input_bytes=np.ascontiguousarray(samples, dtype="<f4").tobytes(), timeout=300)
    except FFmpegError as e:
        raise LyricsError("The song could not be prepared for transcription.") from e


def parse_output(output) -> list[list[TimedWord]]:  # noqa: ANN001
    """Timed lines from either model's output: `segments` (words spread by length) or word `chunks`."""
    if not isinstance(output, dict):
        return []
    if isinstance(output.get("segments"), list):
        lines = []
        for segment in output["segments"]:
            words = str(segment.get("text", "")).split()
            start, end = float(segment.get("start", 0.0)), float(segment.get("end", 0.0))
            if words and end >= start:
                spans = mapping.spread_by_length(words, start, end)
                lines.append([TimedWord(s, e, w) for w, (s, e) in zip(words, spans)])
        return lines
    if isinstance(output.get("chunks"), list):
        words = []
        for chunk in output["chunks"]:
            stamp = chunk.get("timestamp") or [None, None]
            text = str(chunk.get("text", "")).strip()
            if text and stamp[0] is not None:
                start = float(stamp[0])
                end = float(stamp[1]) if stamp[1] is not None else start
                words.append(TimedWord(start, max(end, start), text))
        return _lines_at_pauses(words)
    return []


def _lines_at_pauses(words: list[TimedWord], pause_sec: float = 1.0, max_words: int = 12) -> list[list[TimedWord]]:
    lines: list[list[TimedWord]] = []
    for word in words:
        if not lines or word.start - lines[-1][-1].end >= pause_sec or len(lines[-1]) >= max_words:
            lines.append([])
        lines[-1].append(word)
    return lines


def _heard_spans(heard: list[list[TimedWord]], vocals: list | None) -> None:
    if vocals is not None:
        vocals.extend((round(line[0].start, 3), round(line[-1].end, 3)) for line in heard if line)
