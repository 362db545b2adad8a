"""API bodies and answers for the musician's words and media: prompt reading, regeneration notes, the media shelf."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator


class RegenerateIn(BaseModel):
    """Optional body of a regeneration: a note on what to show this time ("rain on the city", "fire")."""

    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=100)

    @field_validator("note")
    @classmethod
    def _strip(cls, v: str | None) -> str | None:
        return " ".join(v.split()) if v is not None else v


class InterpretIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(default="", max_length=2000)


class UnderstoodWordOut(BaseModel):
    word: str
    kind: str  # colour | scene | camera | light
    value: str
    effect: str


class InterpretOut(BaseModel):
    """What the renderer takes from a text: the palette's colours, the scenes, the camera, and unknown words."""

    colours: list[str]
    colour_hex: list[str]
    scenes: list[str]
    camera: str | None
    light: str | None
    understood: list[UnderstoodWordOut]
    unknown: list[str]
    summary: str


class MediaOut(BaseModel):
    id: uuid.UUID
    song_id: uuid.UUID
    section_id: uuid.UUID | None
    kind: str
    original_filename: str
    format: str
    width: int
    height: int
    duration_sec: float | None
    file_size_bytes: int
    position: int
    url: str
    created_at: datetime


class MediaPlaceIn(BaseModel):
    """Where an item goes: a section of the song, or null to let the planner place it."""

    model_config = ConfigDict(extra="forbid")
    section_id: uuid.UUID | None = None
