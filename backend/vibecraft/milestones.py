"""What a generation round's progress numbers mean.

The API reports them (generation status, the round's Job), the web app's checklist and regeneration dialog
name them (frontend/src/api/milestones.ts), and docs/api.md lists them: change them in all three together.
"""

from __future__ import annotations

from enum import StrEnum

CLIPS_SHARE = 80
"""Generation fills 0–80 % by clips done; each clip is generated and normalized to its exact frames by its own job."""


class ComposeStep(StrEnum):
    """Composition's steps in order. Each is the stage of the compose job (and of its round) while it runs."""

    STITCHING = "stitching"  # every clip is ready: joining them on the beat under the song, checking frames and length
    STORING = "storing"  # the joined video passed its checks: making the poster, storing video and poster
    PUBLISHING = "publishing"  # both are stored: the new version replaces the old one
    DONE = "done"


COMPOSE_PROGRESS: dict[ComposeStep, int] = {
    ComposeStep.STITCHING: CLIPS_SHARE,
    ComposeStep.STORING: 90,
    ComposeStep.PUBLISHING: 95,
    ComposeStep.DONE: 100,
}
