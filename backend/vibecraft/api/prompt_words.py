"""What the renderer understands of a text: POST /api/prompt/interpret (the editor calls it as the musician types)."""

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser
from vibecraft.look_schemas import InterpretIn, InterpretOut, UnderstoodWordOut
from vibecraft.planning.prompt_words import COLOURS, SCENE_DESCRIPTIONS, read_prompt

router = APIRouter(prefix="/prompt", tags=["prompt"])


@router.post("/interpret", response_model=InterpretOut)
def interpret(body: InterpretIn, user: CurrentUser) -> InterpretOut:
    """The colours, scenes, camera and light the renderer reads from the text, and the words it does not know."""
    reading = read_prompt(body.text)
    parts = []
    if reading.colours:
        parts.append(f"palette of {', '.join(reading.colours)}")
    if reading.scenes:
        parts.append("scenes: " + "; ".join(SCENE_DESCRIPTIONS[s] for s in reading.scenes))
    if reading.camera:
        parts.append(f"camera: {reading.camera.replace('_', '-')}")
    if reading.light:
        parts.append(f"{reading.light}-time light")
    return InterpretOut(
        colours=list(reading.colours),
        colour_hex=["#%02x%02x%02x" % COLOURS[c] for c in reading.colours],
        scenes=list(reading.scenes),
        camera=reading.camera,
        light=reading.light,
        understood=[UnderstoodWordOut(word=u.word, kind=u.kind, value=u.value, effect=u.effect) for u in reading.understood],
        unknown=list(reading.unknown),
        summary=("; ".join(parts) + ".").capitalize() if parts else "Nothing the renderer can draw yet: the song's mood sets the look.",
    )
