"""`vibecraft make SONG -o VIDEO.mp4`: the whole pipeline on this machine, no server (driver: vibecraft/make.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from vibecraft.audio_check import AudioRejected, inspect_audio
from vibecraft.cli_progress import console, stage_progress
from vibecraft.config import get_settings
from vibecraft.video.shapes import output_shape
from vibecraft.video_types import VIDEO_TYPES


def register(app: typer.Typer) -> None:
    @app.command()
    def make(
        song: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="The song (MP3, WAV, M4A…)."),
        output: Path = typer.Option(..., "-o", "--output", help="Where to write the MP4."),
        video_type: str | None = typer.Option(None, "--type", help="abstract_visualizer, mood_environment, lyric_video or custom (default: the suggestion)."),
        shape: str = typer.Option("16:9", "--shape", help="16:9, 9:16 or 1:1."),
        prompt: str | None = typer.Option(None, "--prompt", help="The overall look in your words (colours, scene, camera); default: from the analysis."),
        sections: str = typer.Option("auto", "--sections", help="'auto' (from the analysis) or a JSON file of sections."),
        lyrics_file: Path | None = typer.Option(None, "--lyrics-file", exists=True, help="Known lyrics to align."),
        no_lyrics: bool = typer.Option(False, "--no-lyrics", help="Skip lyrics."),
    ) -> None:
        """Analyze SONG, plan beat-aligned clips, render them and compose the video."""
        # Heavy (the analysis and lyrics models, the renderer, the providers): loaded only when this command runs.
        from vibecraft.jobs.models_cache import lyrics_engine
        from vibecraft.make import SectionsFileError, check_sections_file, make_video
        from vibecraft.providers import get_provider

        settings = get_settings()
        if video_type is not None and video_type not in VIDEO_TYPES:
            raise typer.BadParameter(f"choose one of {', '.join(VIDEO_TYPES)}", param_hint="--type")
        try:
            chosen_shape = output_shape(shape, settings.video_max_height)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--shape") from e
        if sections != "auto" and not Path(sections).is_file():
            raise typer.BadParameter("give 'auto' or an existing JSON file", param_hint="--sections")
        try:
            audio = inspect_audio(song, max_duration_sec=settings.max_song_duration_sec)
        except AudioRejected as e:
            console.print(f"[red]{song.name}:[/red] {e.detail}")
            raise typer.Exit(2) from e
        if sections != "auto":
            try:  # the song's length is known now: the tiling is checked before the analysis's wait
                check_sections_file(Path(sections), audio.duration_sec)
            except SectionsFileError as e:
                raise typer.BadParameter(str(e), param_hint="--sections") from e
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            with stage_progress() as bars:
                result = make_video(
                    song,
                    output,
                    provider=get_provider(),
                    shape=chosen_shape,
                    fps=settings.fps,
                    video_type=video_type,
                    prompt=prompt,
                    sections_spec=sections,
                    lyrics_engine=None if no_lyrics else lyrics_engine(),
                    lyrics_text=lyrics_file.read_text(encoding="utf-8") if lyrics_file else None,
                    concurrency=settings.generation_concurrency,
                    crossfade=settings.crossfade_cuts,
                    on_progress=bars.update,
                )
        except Exception as e:  # show the reason, not a traceback
            console.print(f"[red]Could not make the video:[/red] {e}")
            raise typer.Exit(1) from e
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.stage_seconds.items())
        typer.echo(f"{result.output}: {result.duration_sec:.2f} s, {result.clip_count} clips ({stages})")
