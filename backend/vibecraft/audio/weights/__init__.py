"""Exported model weights (float16 .npz) for the numpy forward passes; see README.md for sources and licences."""
