"""The kinds of video VibeCraft makes; shared by analysis, prompts and renderers."""

VIDEO_TYPES: dict[str, str] = {
    "abstract_visualizer": "Abstract Visualizer",
    "mood_environment": "Mood Environment",
    "lyric_video": "Lyric Video",
    "custom": "Custom",
}
DEFAULT_VIDEO_TYPE = "abstract_visualizer"
