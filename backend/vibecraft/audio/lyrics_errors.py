"""The one error type lyrics code raises; its message is fit to show a user."""


class LyricsError(RuntimeError):
    """Lyrics could not be transcribed or aligned (missing model, remote failure); the message says why."""
