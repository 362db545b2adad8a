"""`vibecraft analyze FILE`: the full analysis of any audio file, as the API returns it."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="An audio file."),
        as_json: bool = typer.Option(False, "--json", help="Print the whole analysis as JSON (API field names)."),
        no_lyrics: bool = typer.Option(False, "--no-lyrics", help="Skip lyrics transcription/alignment."),
        lyrics_file: Path | None = typer.Option(None, "--lyrics-file", exists=True, help="Known lyrics to align."),
    ) -> None:
        """Tempo, beats, bars, structure, genre, mood and timed lyrics of FILE."""
        from vibecraft.audio.analysis import analyze_audio
        from vibecraft.cli_progress import console, stage_progress
        from vibecraft.jobs.models_cache import lyrics_engine

        engine = None if no_lyrics else lyrics_engine()
        text = lyrics_file.read_text(encoding="utf-8") if lyrics_file else None
        try:
            with stage_progress() as bars:
                result = analyze_audio(
                    file, lyrics_engine=engine, lyrics_text=text, on_progress=lambda stage, pct: bars.update("analysis", pct, stage)
                )
                bars.update("analysis", 100, "done")
        except Exception as e:  # the command line shows the reason, not a traceback
            console.print(f"[red]Could not analyze {file.name}:[/red] {e}")
            raise typer.Exit(1) from e
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            return
        typer.echo(summary(file.name, result))


def summary(name: str, r: dict) -> str:
    alts = ", ".join(f"{b:.1f}" for b in r.get("bpm_alternatives") or [])
    genres = ", ".join(f"{g['label']} {g['score']:.2f}" for g in (r.get("genre_scores") or [])[:3])
    lines = [
        f"{name}: {r['duration_sec']:.1f} s",
        f"  tempo      {r['bpm']:.1f} BPM (alternatives: {alts or '-'}), {r.get('time_signature', 4)}/4, "
        f"confidence {r.get('beat_confidence', 0):.2f}",
        f"  beats      {len(r['beat_times'])} beats, {len(r['downbeat_times'])} bars",
        f"  genre      {r['genre']} ({genres})",
        f"  mood       {r['mood_primary']} — {', '.join(r.get('mood_tags') or [])}",
        "  mood axes  " + ", ".join(f"{k} {v:.2f}" for k, v in (r.get("mood_vector") or {}).items()),
        f"  video type {r['suggested_video_type']}: {r.get('suggested_video_type_reason', '')}",
        "  sections   " + " | ".join(f"{s['label']} {s['start_time']:.1f}–{s['end_time']:.1f}" for s in r.get("suggested_sections") or []),
        f"  lyrics     {len(r.get('lyrics') or [])} lines ({r.get('lyrics_source', 'none')})",
    ]
    for line in (r.get("lyrics") or [])[:6]:
        lines.append(f"             [{line['start']:6.2f}] {line['text']}")
    return "\n".join(lines)
