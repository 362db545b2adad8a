"""Fakes for what tests cannot reach: only the video model API (Replicate)."""
