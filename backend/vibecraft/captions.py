"""Caption files from timed lyrics: SRT, WebVTT (with word times) and enhanced LRC (with word times).

Pure text: lines in the analysis shape `[{"start", "end", "text", "words": [{"start", "end", "word"}]}]`
in, one file's text out. A cue never runs into the next line (the browser would show both at once),
and lasts at least MIN_CUE_SEC so a one-word line can be read.
"""

from __future__ import annotations

FORMATS = {
    "srt": "application/x-subrip; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "lrc": "text/plain; charset=utf-8",
}
MIN_CUE_SEC = 0.5


def _clock(seconds: float, separator: str) -> str:
    ms = max(0, int(round(seconds * 1000)))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{ms:03d}"


def _lrc_clock(seconds: float) -> str:
    cs = max(0, int(round(seconds * 100)))
    minutes, rest = divmod(cs, 6000)
    secs, cs = divmod(rest, 100)
    return f"{minutes:02d}:{secs:02d}.{cs:02d}"


def cues(lines: list[dict]) -> list[tuple[float, float, dict]]:
    """(start, end, line) per non-empty line in time order, ends clipped to the next line's start."""
    timed = sorted((line for line in lines if str(line.get("text", "")).strip()), key=lambda line: float(line["start"]))
    out = []
    for index, line in enumerate(timed):
        start = float(line["start"])
        end = max(float(line.get("end", start)), start + MIN_CUE_SEC)
        if index + 1 < len(timed):
            end = min(end, max(float(timed[index + 1]["start"]), start + 0.001))
        out.append((start, end, line))
    return out


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def to_srt(lines: list[dict]) -> str:
    """SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, one lyric line each."""
    blocks = [f"{n}\n{_clock(start, ',')} --> {_clock(end, ',')}\n{_one_line(line['text'])}\n"
              for n, (start, end, line) in enumerate(cues(lines), 1)]
    return "\n".join(blocks)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(lines: list[dict]) -> str:
    """WebVTT: one cue a line; inside it, a timestamp tag before each later word (karaoke-style word times)."""
    blocks = ["WEBVTT\n"]
    for start, end, line in cues(lines):
        words = [w for w in line.get("words") or [] if str(w.get("word", "")).strip()]
        if words:
            parts = [_vtt_escape(_one_line(words[0]["word"]))]
            for word in words[1:]:
                at = min(max(float(word["start"]), start), end)
                parts.append(f"<{_clock(at, '.')}>{_vtt_escape(_one_line(word['word']))}")
            text = " ".join(parts)
        else:
            text = _vtt_escape(_one_line(line["text"]))
        blocks.append(f"{_clock(start, '.')} --> {_clock(end, '.')}\n{text}\n")
    return "\n".join(blocks)


def to_lrc(lines: list[dict], *, title: str | None = None) -> str:
    """Enhanced LRC: `[mm:ss.xx]` per line and `<mm:ss.xx>` before each word; a blank timed line where a line ends
    and the next starts more than a few seconds later, so players clear the screen during instrumentals."""
    rows = [f"[ti:{_one_line(title)}]"] if title else []
    timed = cues(lines)
    for index, (start, end, line) in enumerate(timed):
        words = [w for w in line.get("words") or [] if str(w.get("word", "")).strip()]
        if words:
            body = " ".join(f"<{_lrc_clock(float(w['start']))}>{_one_line(w['word'])}" for w in words)
            body += f" <{_lrc_clock(float(line.get('end', end)))}>"
        else:
            body = _one_line(line["text"])
        rows.append(f"[{_lrc_clock(start)}]{body}")
        next_start = timed[index + 1][0] if index + 1 < len(timed) else None
        if next_start is None or next_start - end > 3.0:
            rows.append(f"[{_lrc_clock(end)}]")
    return "\n".join(rows) + "\n"


def render(lines: list[dict], fmt: str, *, title: str | None = None) -> str:
    """The caption file in `fmt` ("srt", "vtt" or "lrc")."""
    if fmt == "srt":
        return to_srt(lines)
    if fmt == "vtt":
        return to_webvtt(lines)
    if fmt == "lrc":
        return to_lrc(lines, title=title)
    raise ValueError(f"Unknown caption format {fmt!r}; choose srt, vtt or lrc.")
