"""`vibecraft analyze FILE`: the full analysis of any audio file, as the API returns it."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from vibecraft.analysis_result import AnalysisResult
from vibecraft.cli_progress import console, stage_progress


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="An audio file."),
        as_json: bool = typer.Option(False, "--json", help="Print the whole analysis as JSON (API field names)."),
        no_lyrics: bool = typer.Option(False, "--no-lyrics", help="Skip lyrics transcription/alignment."),
        lyrics_file: Path | None = typer.Option(None, "--lyrics-file", exists=True, help="Known lyrics to align."),
    ) -> None:
        """Tempo, beats, bars, structure, genre, mood and timed lyrics of FILE."""
        # Heavy (numpy, librosa, the analysis and lyrics models): loaded only when this command runs.
        from vibecraft.audio.analysis import analyze_audio
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
            typer.echo(json.dumps(result.to_stored(), indent=2))
            return
        typer.echo(summary(file.name, result))


def summary(name: str, r: AnalysisResult) -> str:
    """A few lines a person reads: tempo, metre, genre, mood, the suggested look, sections and the first lyrics."""
    alts = ", ".join(f"{b:.1f}" for b in r.bpm_alternatives)
    genres = ", ".join(f"{g['label']} {g['score']:.2f}" for g in r.genre_scores[:3])
    lines = [
        f"{name}: {r.duration_sec:.1f} s",
        f"  tempo      {r.bpm:.1f} BPM (alternatives: {alts or '-'}), {r.time_signature}/4, "
        f"confidence {r.beat_confidence:.2f}",
        f"  beats      {len(r.beat_times)} beats, {len(r.downbeat_times)} bars",
        f"  genre      {r.genre} ({genres})",
        f"  mood       {r.mood_primary} — {', '.join(r.mood_tags)}",
        "  mood axes  " + ", ".join(f"{k} {v:.2f}" for k, v in r.mood_vector.items()),
        f"  video type {r.suggested_video_type}: {r.suggested_video_type_reason}",
        "  sections   " + " | ".join(f"{s['label']} {s['start_time']:.1f}–{s['end_time']:.1f}" for s in r.suggested_sections),
        f"  lyrics     {len(r.lyrics)} lines ({r.lyrics_source})",
    ]
    for line in r.lyrics[:6]:
        lines.append(f"             [{line['start']:6.2f}] {line['text']}")
    return "\n".join(lines)
