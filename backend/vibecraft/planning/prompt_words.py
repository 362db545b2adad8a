"""What the renderer takes from a musician's words: colour words (English, Spanish, French, German) become the
palette, scene and motif words pick procedural scenes, camera words set the motion, and every other word is named
as not understood rather than silently dropped."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Canonical colours (sRGB 0–255). Every language's colour words map onto these names.
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (225, 30, 45), "crimson": (190, 20, 60), "scarlet": (255, 40, 10), "ruby": (224, 17, 95),
    "orange": (255, 125, 20), "amber": (255, 176, 0), "gold": (255, 196, 60), "yellow": (255, 228, 60),
    "lime": (160, 255, 60), "green": (40, 200, 90), "emerald": (20, 185, 120), "jade": (0, 168, 107),
    "mint": (150, 255, 200), "teal": (0, 160, 160), "turquoise": (40, 224, 208), "cyan": (0, 230, 255),
    "aqua": (0, 255, 220), "blue": (40, 90, 255), "azure": (0, 127, 255), "cobalt": (0, 71, 171),
    "sapphire": (15, 82, 186), "navy": (20, 30, 100), "indigo": (75, 0, 160), "violet": (140, 70, 255),
    "purple": (150, 50, 200), "lavender": (180, 150, 255), "magenta": (255, 0, 200), "pink": (255, 100, 180),
    "rose": (255, 90, 130), "coral": (255, 110, 90), "peach": (255, 180, 140), "white": (245, 245, 255),
    "silver": (200, 205, 215), "grey": (128, 128, 135), "black": (10, 10, 14), "brown": (120, 72, 40),
    "bronze": (205, 127, 50), "copper": (184, 115, 51), "sepia": (112, 66, 20),
}

# Word (lower case, accents removed) → canonical colour. English first, then Spanish, French, German.
_COLOUR_FORMS: dict[str, tuple[str, ...]] = {
    "red": ("red", "reds", "rojo", "roja", "rojos", "rojas", "rouge", "rouges", "rot", "rote", "roten", "roter",
            "rotes"),
    "crimson": ("crimson", "carmesi", "cramoisi", "karmesin", "karminrot"),
    "scarlet": ("scarlet", "escarlata", "ecarlate", "scharlach", "scharlachrot"),
    "ruby": ("ruby", "rubi", "rubis", "rubin"),
    "orange": ("orange", "oranges", "naranja", "naranjas", "anaranjado", "orangen", "oranger", "orangefarben"),
    "amber": ("amber", "ambar", "ambre", "bernstein"),
    "gold": ("gold", "golden", "dorado", "dorada", "dorados", "doradas", "oro", "dore", "doree", "dores",
             "dorees", "goldene", "goldenen", "goldener", "goldenes"),
    "yellow": ("yellow", "amarillo", "amarilla", "amarillos", "amarillas", "jaune", "jaunes", "gelb", "gelbe",
               "gelben", "gelber", "gelbes"),
    "lime": ("lime", "lima", "citron", "limette"),
    "green": ("green", "greens", "verde", "verdes", "vert", "verte", "verts", "vertes", "grun", "gruen", "grune",
              "grunen", "gruner", "grunes", "gruene", "gruenen"),
    "emerald": ("emerald", "esmeralda", "emeraude", "smaragd", "smaragdgrun"),
    "jade": ("jade",),
    "mint": ("mint", "menta", "menthe", "mintgrun"),
    "teal": ("teal", "petrol", "canard", "verdeazulado"),
    "turquoise": ("turquoise", "turquesa", "turkis", "tuerkis"),
    "cyan": ("cyan", "cian"),
    "aqua": ("aqua", "aguamarina", "aigue"),
    "blue": ("blue", "blues", "azul", "azules", "bleu", "bleue", "bleus", "bleues", "blau", "blaue", "blauen",
             "blauer", "blaues"),
    "azure": ("azure", "celeste", "azur", "himmelblau"),
    "cobalt": ("cobalt", "cobalto", "kobalt"),
    "sapphire": ("sapphire", "zafiro", "saphir"),
    "navy": ("navy", "marino", "marine", "marineblau"),
    "indigo": ("indigo",),
    "violet": ("violet", "violeta", "violette", "violett", "violetten"),
    "purple": ("purple", "morado", "morada", "purpura", "pourpre", "lila", "lilas", "purpur"),
    "lavender": ("lavender", "lavanda", "lavande", "lavendel"),
    "magenta": ("magenta", "fucsia", "fuchsia"),
    "pink": ("pink", "rosa", "rosas", "rosado", "rosada", "rose", "roses", "rosafarben"),
    "coral": ("coral", "corail", "koralle"),
    "peach": ("peach", "melocoton", "durazno", "peche", "pfirsich"),
    "white": ("white", "blanco", "blanca", "blancos", "blancas", "blanc", "blanche", "blancs", "blanches", "weiss",
              "weisse", "weissen", "weisser", "weisses"),
    "silver": ("silver", "plateado", "plateada", "plata", "argent", "argente", "argentee", "silbern", "silberne",
               "silber"),
    "grey": ("grey", "gray", "gris", "grises", "grise", "grau", "graue", "grauen", "grauer", "graues"),
    "black": ("black", "negro", "negra", "negros", "negras", "noir", "noire", "noirs", "noires", "schwarz",
              "schwarze", "schwarzen", "schwarzer", "schwarzes"),
    "brown": ("brown", "marron", "cafe", "brun", "brune", "braun", "braune", "braunen"),
    "bronze": ("bronze", "bronce"),
    "copper": ("copper", "cobre", "cuivre", "kupfer"),
    "sepia": ("sepia",),
}

# The scenes the local renderer can draw, and the words (four languages) that ask for each.
SCENE_WORDS: dict[str, tuple[str, ...]] = {
    "city": ("city", "cities", "skyline", "street", "streets", "urban", "downtown", "buildings", "rooftop",
             "rooftops", "ciudad", "calle", "calles", "ville", "rue", "rues", "stadt", "strasse", "strassen",
             "skyscrapers", "metropolis"),
    "rain": ("rain", "rainy", "raining", "storm", "stormy", "drizzle", "lluvia", "tormenta", "pluie", "orage",
             "regen", "gewitter", "sturm"),
    "ocean": ("ocean", "sea", "seas", "waves", "wave", "beach", "shore", "surf", "mar", "oceano", "playa", "ola",
              "olas", "mer", "ocean", "plage", "vague", "vagues", "meer", "ozean", "strand", "wellen"),
    "fire": ("fire", "fires", "flame", "flames", "burning", "blaze", "inferno", "embers", "lava", "fuego", "llamas",
             "brasas", "feu", "flammes", "braises", "feuer", "flammen", "glut", "brennen"),
    "smoke": ("smoke", "smoky", "smokey", "haze", "hazy", "fog", "foggy", "mist", "misty", "steam", "vapor", "humo",
              "niebla", "bruma", "fumee", "brouillard", "brume", "rauch", "nebel", "dunst", "sweaty"),
    "stars": ("stars", "star", "starry", "starlight", "galaxy", "cosmic", "space", "universe", "nebula", "cosmos",
              "constellation", "estrellas", "estrella", "galaxia", "espacio", "etoiles", "etoile", "galaxie",
              "espace", "sterne", "stern", "weltall", "galaxis", "astral", "celestial"),
    "clouds": ("clouds", "cloud", "cloudy", "sky", "skies", "heaven", "heavenly", "nubes", "nube", "cielo", "nuages",
               "nuage", "ciel", "wolken", "wolke", "himmel", "dream", "dreams", "dreamy"),
    "forest": ("forest", "forests", "trees", "tree", "woods", "jungle", "nature", "bosque", "selva", "arboles",
               "foret", "arbres", "wald", "walder", "baume", "dschungel"),
    "club": ("club", "clubs", "disco", "dancefloor", "nightclub", "rave", "party", "lasers", "laser", "strobe",
             "strobes", "spotlights", "spotlight", "lights", "luces", "lumieres", "lichter", "scheinwerfer", "discoteca", "fiesta", "antro", "boite", "fete",
             "soiree", "klub", "diskothek", "tanzflache", "feier", "festival", "concert", "stage"),
    "neon_grid": ("neon", "grid", "synthwave", "retro", "80s", "cyberpunk", "cyber", "arcade", "highway", "outrun",
                  "vaporwave", "drive", "driving", "neones", "neons", "autobahn", "carretera", "autoroute"),
    "tunnel": ("tunnel", "tunnels", "warp", "portal", "vortex", "spiral", "hypnotic", "wormhole", "hyperspace",
               "psychedelic", "trance", "tunel", "tourbillon", "wirbel"),
    "liquid": ("liquid", "water", "ink", "fluid", "oil", "silk", "river", "lake", "underwater", "agua",
               "tinta", "rio", "lago", "eau", "encre", "riviere", "lac", "wasser", "tinte", "fluss",
               "marbled", "paint"),
    "particles": ("particles", "sparks", "sparkles", "glitter", "dust", "confetti", "fireflies", "bokeh", "snow",
                  "snowflakes", "chispas", "polvo", "purpurina", "nieve", "etincelles", "paillettes", "poussiere",
                  "neige", "funken", "glitzer", "staub", "schnee", "particulas", "partikel"),
    "rings": ("rings", "ring", "circles", "geometric", "visualizer", "mandala", "kaleidoscope", "shapes", "anillos",
              "anneaux", "ringe", "kreise"),
    "landscape": ("landscape", "mountains", "mountain", "hills", "valley", "sunset", "sunrise", "horizon", "desert",
                  "paisaje", "montanas", "atardecer", "paysage", "montagnes", "coucher", "landschaft", "berge",
                  "sonnenuntergang"),
}

# What a reader is told each scene looks like.
SCENE_DESCRIPTIONS: dict[str, str] = {
    "city": "a city skyline with lit windows",
    "rain": "falling rain streaks",
    "ocean": "rolling ocean waves",
    "fire": "rising flames and embers",
    "smoke": "drifting smoke and haze",
    "stars": "a star field with drifting nebula",
    "clouds": "slow rolling clouds",
    "forest": "layers of forest silhouettes",
    "club": "club lights and laser beams",
    "neon_grid": "a neon grid to the horizon",
    "tunnel": "a tunnel of light",
    "liquid": "marbled liquid colour",
    "particles": "floating sparks and particles",
    "rings": "glowing rings that pulse",
    "landscape": "a landscape with sky and mountains",
}

CAMERA_WORDS: dict[str, tuple[str, ...]] = {
    "push_in": ("push", "pushing", "zoom", "zooming", "dolly", "closer", "approach", "approaching", "diving",
                "acercar", "acercamiento", "zum", "rapprochement", "zoomer", "heranfahrt", "immersive"),
    "drift": ("drift", "drifting", "float", "floating", "glide", "gliding", "pan", "panning",
              "flotar", "deriva", "lento", "flotter", "derive", "lente", "treiben", "schweben", "langsam"),
    "orbit": ("orbit", "orbiting", "circling", "rotate", "rotating", "spin", "spinning", "revolving", "around",
              "girar", "gira", "giran", "girando", "orbita", "tourner", "tournoyer", "orbite", "drehen", "kreisen", "umkreisen"),
    "shake": ("shake", "shaking", "shaky", "handheld", "earthquake", "chaotic", "frantic", "wild", "sweaty",
              "temblor", "temblando", "sacudida", "tremblement", "secousse", "wackeln", "beben", "zittern"),
}
CAMERA_DESCRIPTIONS = {
    "push_in": "the camera pushes in, punching on downbeats",
    "drift": "the camera drifts slowly sideways",
    "orbit": "the camera sways around the centre",
    "shake": "the camera shakes on the beat",
}

# Light words: night darkens the background, day brightens it.
LIGHT_WORDS: dict[str, tuple[str, ...]] = {
    "night": ("night", "nights", "midnight", "dark", "darkness", "noche", "medianoche", "oscuro", "oscura", "nuit",
              "minuit", "sombre", "nacht", "mitternacht", "dunkel", "dunkle"),
    "day": ("day", "daylight", "sunny", "sunlight", "bright", "morning", "dia", "soleado", "manana", "jour",
            "soleil", "matin", "sonnig", "morgen"),
}
_HOUR = re.compile(r"^(\d{1,2})(am|pm|h)$")

# Words with no look of their own that are not worth naming as "not understood".
_STOPWORDS = frozenset(
    """a an the and or but of in on at to for with by from into over under as is are be it its this that these those
    my your our their his her very so than then there here all some any no not one two three
    music video song songs track beat beats bpm shot shots scene look looks style mood vibe vibes feel feeling
    colour colours color colors tones tone light lighting film cinematic camera camara kamera
    el la los las un una unos unas y o de del en con por para sin sobre como muy mi tu su que es son al lo
    le les une des et ou du au aux avec pour sans sur comme tres mon ton son ses est sont dans qui
    der die das den dem des ein eine einer eines einem und oder mit fur ohne auf im am zum zur wie sehr mein dein
    sein ist sind von zu bei nach aus uber unter""".split()
)


def _fold(word: str) -> str:
    """Lower case with accents removed (é → e, ü → u) and ß → ss, so spellings with and without accents agree."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_fold(form): key for key, forms in table.items() for form in forms}


_COLOUR_INDEX = _index(_COLOUR_FORMS)
_SCENE_INDEX = _index(SCENE_WORDS)
_CAMERA_INDEX = _index(CAMERA_WORDS)
_LIGHT_INDEX = _index(LIGHT_WORDS)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class UnderstoodWord:
    """One word as written, what kind of thing it sets, and what the renderer will do with it."""

    word: str
    kind: str  # colour | scene | camera | light
    value: str  # the canonical colour, scene, camera motion or light
    effect: str


@dataclass(frozen=True)
class PromptReading:
    """Everything the renderer takes from a text, in the order it was written."""

    colours: tuple[str, ...] = ()
    scenes: tuple[str, ...] = ()
    camera: str | None = None
    light: str | None = None
    understood: tuple[UnderstoodWord, ...] = ()
    unknown: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.colours or self.scenes or self.camera or self.light)


def words_of(text: str) -> list[str]:
    """The words of a text as written, leaving out quoted lyrics (they change from clip to clip)."""
    unquoted = re.sub(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]', " ", text or "")
    return _WORD.findall(unquoted)


def read_prompt(text: str) -> PromptReading:
    """Read colour, scene, camera and light words from a text in English, Spanish, French or German.

    Colours and scenes keep their written order without repeats; the first camera and light word win. Words
    that mean nothing to the renderer (and are not small function words) are listed in `unknown`.
    """
    colours: list[str] = []
    scenes: list[str] = []
    camera: str | None = None
    light: str | None = None
    understood: list[UnderstoodWord] = []
    unknown: list[str] = []
    for word in words_of(text):
        folded = _fold(word)
        for part in folded.replace("’", "'").split("-") if "-" in folded else [folded]:
            hit = _classify(part)
            if hit is None and part.endswith("s") and len(part) > 3:
                hit = _classify(part[:-1])
            if hit is None:
                if part not in _STOPWORDS and not part.isdigit() and len(part) > 1 and part.split("'")[-1] not in _STOPWORDS:
                    if word not in unknown:
                        unknown.append(word)
                continue
            kind, value = hit
            if kind == "colour" and value not in colours:
                colours.append(value)
            elif kind == "scene" and value not in scenes:
                scenes.append(value)
            elif kind == "camera" and camera is None:
                camera = value
            elif kind == "light" and light is None:
                light = value
            understood.append(UnderstoodWord(word=word, kind=kind, value=value, effect=_effect(kind, value)))
    return PromptReading(colours=tuple(colours), scenes=tuple(scenes), camera=camera, light=light,
                         understood=tuple(understood), unknown=tuple(unknown))


def _classify(part: str) -> tuple[str, str] | None:
    # A word that is both (e.g. "sweaty": smoke and shake) counts where it is listed first: colour, scene, camera.
    if part in _COLOUR_INDEX:
        return "colour", _COLOUR_INDEX[part]
    if part in _SCENE_INDEX:
        return "scene", _SCENE_INDEX[part]
    if part in _CAMERA_INDEX:
        return "camera", _CAMERA_INDEX[part]
    if part in _LIGHT_INDEX:
        return "light", _LIGHT_INDEX[part]
    match = _HOUR.match(part)
    if match:
        hour = int(match.group(1)) % 12 + (12 if match.group(2) == "pm" else 0)
        return "light", "night" if hour < 6 or hour >= 20 else "day"
    return None


def _effect(kind: str, value: str) -> str:
    if kind == "colour":
        return f"adds {value} to the palette"
    if kind == "scene":
        return f"scene: {SCENE_DESCRIPTIONS[value]}"
    if kind == "camera":
        return CAMERA_DESCRIPTIONS[value]
    return "a night-time, darker picture" if value == "night" else "a daylight, brighter picture"
