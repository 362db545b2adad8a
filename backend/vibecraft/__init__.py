"""VibeCraft: turn a song into a beat-synced music video."""

__version__ = "0.1.0"
