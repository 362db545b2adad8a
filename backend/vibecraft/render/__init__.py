"""Frame rendering for the local video provider: palettes, audio envelope, beat pulse, looks and the encoder pipe.

Pure media code: it takes numbers, words and paths and gives back frames or files.
"""
