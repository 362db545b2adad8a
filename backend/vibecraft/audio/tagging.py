"""Genre and mood of a song, from the musicnn tagger's 50 tags plus loudness and tempo.

When the tagger's weights are missing the same outputs come from hand-crafted signal
features (loudness, brightness, onset density), with low scores that say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import librosa
import numpy as np

from vibecraft.audio import musicnn

# Product genre → the MSD tags that vote for it (a genre's score is its strongest tag).
GENRE_TAGS: dict[str, tuple[str, ...]] = {
    "rock": ("rock", "classic rock", "alternative rock", "indie rock", "hard rock", "Progressive rock"),
    "metal": ("metal", "heavy metal"),
    "pop": ("pop", "indie pop"),
    "electronic": ("electronic", "electronica", "electro", "House"),
    "dance": ("dance",),
    "hip-hop": ("Hip-Hop",),
    "r&b": ("rnb", "soul"),
    "funk": ("funk",),
    "jazz": ("jazz",),
    "blues": ("blues",),
    "folk": ("folk", "acoustic"),
    "country": ("country",),
    "punk": ("punk",),
    "indie": ("indie", "alternative"),
    "ambient": ("ambient", "chillout"),
    "experimental": ("experimental",),
    "easy listening": ("easy listening", "oldies"),
}
MOOD_TAGS: dict[str, tuple[str, ...]] = {
    "happy": ("happy",),
    "sad": ("sad",),
    "mellow": ("Mellow", "easy listening"),
    "chill": ("chill", "chillout"),
    "party": ("party", "dance"),
    "sensual": ("sexy",),
    "beautiful": ("beautiful",),
    "catchy": ("catchy",),
    "aggressive": ("metal", "heavy metal", "hard rock", "punk"),
    "dreamy": ("ambient",),
}


@dataclass(frozen=True)
class GenreMood:
    genre: str
    genre_scores: list[dict]
    mood_primary: str
    mood_tags: list[str]
    mood_vector: dict[str, float]


def _clip01(x: float) -> float:
    return float(np.clip(x, 0.0, 1.0))


def signal_descriptors(samples: np.ndarray, sample_rate: int) -> dict[str, float]:
    """Loudness, brightness and onset density, each scaled to roughly 0–1."""
    if len(samples) < 2048 or float(np.max(np.abs(samples))) < 1e-5:
        return {"loudness": 0.0, "brightness": 0.0, "onset_density": 0.0, "dynamics": 0.0}
    rms = librosa.feature.rms(y=samples, frame_length=2048, hop_length=1024)[0]
    db = 20 * np.log10(np.maximum(rms, 1e-6))
    centroid = librosa.feature.spectral_centroid(y=samples, sr=sample_rate, n_fft=2048, hop_length=1024)[0]
    onsets = librosa.onset.onset_detect(y=samples, sr=sample_rate, hop_length=512, units="time")
    duration = len(samples) / sample_rate
    return {
        "loudness": _clip01((np.percentile(db, 90) + 40) / 34),  # -40 dBFS → 0, -6 dBFS → 1
        "brightness": _clip01(float(np.median(centroid)) / 4000),
        "onset_density": _clip01(len(onsets) / max(duration, 1e-3) / 6),  # 6 onsets/s counts as busy
        "dynamics": _clip01((np.percentile(db, 95) - np.percentile(db, 10)) / 30),
    }


def _scores(tags: dict[str, float], table: dict[str, tuple[str, ...]]) -> dict[str, float]:
    return {name: max(tags.get(t, 0.0) for t in members) for name, members in table.items()}


def _fallback_tags(desc: dict[str, float], bpm: float) -> dict[str, float]:
    """Rough tag guesses from signal descriptors, used only when the tagger's weights are missing."""
    energy = (desc["loudness"] + desc["onset_density"]) / 2
    return {
        "rock": 0.3 * energy + 0.1 * desc["brightness"], "electronic": 0.2 * desc["onset_density"],
        "dance": 0.25 * energy if 110 <= bpm <= 135 else 0.05, "ambient": 0.3 * (1 - energy),
        "pop": 0.15, "Mellow": 0.3 * (1 - energy), "party": 0.25 * energy, "happy": 0.1 + 0.1 * desc["brightness"],
        "sad": 0.15 * (1 - desc["brightness"]), "metal": 0.3 * energy * desc["brightness"],
    }


def mood_vector(tags: dict[str, float], desc: dict[str, float], bpm: float, beat_confidence: float) -> dict[str, float]:
    """Energy, valence, danceability and tension on 0–1 axes."""
    heavy = max(tags.get("metal", 0), tags.get("heavy metal", 0), tags.get("hard rock", 0), tags.get("punk", 0))
    calm = max(tags.get("Mellow", 0), tags.get("chill", 0), tags.get("chillout", 0), tags.get("ambient", 0))
    danceable = max(tags.get("dance", 0), tags.get("party", 0), tags.get("House", 0), tags.get("Hip-Hop", 0),
                    tags.get("funk", 0), tags.get("electro", 0))
    tempo_drive = _clip01((bpm - 60) / 100)
    energy = 0.2 * desc["loudness"] + 0.3 * desc["onset_density"] + 0.15 * tempo_drive + 0.5 * heavy \
        + 0.3 * danceable - 0.4 * calm + 0.05
    # Mood tags are rare in the MSD (probabilities mostly < 0.05), so valence compares bright against dark tag mass.
    bright = tags.get("happy", 0) + 0.6 * tags.get("party", 0) + 0.6 * tags.get("catchy", 0) + 0.4 * tags.get("dance", 0)
    dark = tags.get("sad", 0) + 0.7 * heavy + 0.3 * tags.get("Mellow", 0)
    valence = 0.15 + 0.7 * bright / (bright + dark + 0.005) + 0.1 * (desc["brightness"] - 0.5)
    groove = 1.0 - min(abs(bpm - 118) / 60, 1.0)
    danceability = 0.45 * beat_confidence * groove + 0.9 * danceable + 0.15 * desc["onset_density"]
    tension = 0.2 + 0.9 * heavy + 0.6 * tags.get("experimental", 0) + 0.3 * tags.get("sad", 0) \
        + 0.15 * desc["dynamics"] - 0.5 * calm - 0.3 * tags.get("happy", 0)
    return {"energy": round(_clip01(energy), 3), "valence": round(_clip01(valence), 3),
            "danceability": round(_clip01(danceability), 3), "tension": round(_clip01(tension), 3)}


# Typical tempo of each genre (BPM) as musicians count it: the centre of the tempo prior that picks the octave.
# Common ranges for each style, written down once; none was fitted to a test clip.
GENRE_TEMPO: dict[str, float] = {
    "rock": 120, "metal": 130, "pop": 115, "electronic": 124, "dance": 124, "hip-hop": 92, "r&b": 90, "funk": 108,
    "jazz": 120, "blues": 100, "folk": 110, "country": 110, "punk": 165, "indie": 118, "ambient": 90,
    "experimental": 110, "easy listening": 100,
}
DEFAULT_TEMPO = 115.0


@dataclass(frozen=True)
class SongTags:
    """The tagger's probabilities and the signal descriptors: what genre, mood and the tempo prior are read from."""

    tags: dict[str, float]
    descriptors: dict[str, float]

    @property
    def genre(self) -> str:
        return max(_scores(self.tags, GENRE_TAGS).items(), key=lambda kv: kv[1])[0]

    def arousal(self) -> float:
        """How driving the song sounds, 0–1, from loudness, onsets and tags (tempo left out: it is what is asked)."""
        tags, desc = self.tags, self.descriptors
        heavy = max(tags.get(t, 0.0) for t in ("metal", "heavy metal", "hard rock", "punk"))
        calm = max(tags.get(t, 0.0) for t in ("Mellow", "chill", "chillout", "ambient"))
        return _clip01(0.35 * desc["loudness"] + 0.45 * desc["onset_density"] + 0.5 * heavy - 0.4 * calm + 0.1)

    def tempo_prior_centre(self) -> float:
        """Where the genre's tempo sits, moved up to half an octave faster for driving songs and slower for calm ones."""
        genres = sorted(_scores(self.tags, GENRE_TAGS).items(), key=lambda kv: -kv[1])[:3]
        weight = sum(s for _, s in genres)
        if weight <= 0:
            centre = DEFAULT_TEMPO
        else:  # geometric mean of the top genres' tempi, weighted by their scores
            centre = float(np.exp(sum(s * np.log(GENRE_TEMPO.get(g, DEFAULT_TEMPO)) for g, s in genres) / weight))
        return centre * 2.0 ** (self.arousal() - 0.5)


def song_tags(samples: np.ndarray, sample_rate: int) -> SongTags:
    """Run the tagger (or the descriptor fallback when its weights are missing) once for the whole song."""
    desc = signal_descriptors(samples, sample_rate)
    silent = desc["loudness"] == 0.0
    if musicnn.weights_available() and not silent:
        tags = musicnn.tag_song(samples, sample_rate)
    else:
        tags = _fallback_tags(desc, bpm=DEFAULT_TEMPO)
    return SongTags(tags=tags, descriptors=desc)


def classify(samples: np.ndarray, sample_rate: int, *, bpm: float, beat_confidence: float,
             tagged: SongTags | None = None) -> GenreMood:
    """Genre (with top alternatives), primary mood, mood tags and mood axes of a mono signal."""
    tagged = tagged or song_tags(samples, sample_rate)
    tags, desc = tagged.tags, tagged.descriptors
    if not musicnn.weights_available() or desc["loudness"] == 0.0:
        tags = _fallback_tags(desc, bpm)
    genres = sorted(_scores(tags, GENRE_TAGS).items(), key=lambda kv: -kv[1])
    raw = _scores(tags, MOOD_TAGS)
    total = sum(raw.values()) or 1.0
    # Mood tags are rare, so what counts is each mood's share of the mood evidence, not its absolute probability.
    moods = {m: v / total for m, v in raw.items()}
    vector = mood_vector(tags, desc, bpm, beat_confidence)
    # Axes vote too, so a driving track reads as energetic and a quiet one as calm whatever its tags say.
    moods["energetic"] = float(np.clip((vector["energy"] - 0.6) * 2.5, 0, 1))
    moods["calm"] = float(np.clip((0.35 - vector["energy"]) * 2.5, 0, 1))
    moods["dark"] = float(np.clip((0.35 - vector["valence"]) * 2.5, 0, 1) * (vector["tension"] > 0.4))
    ranked = [m for m, s in sorted(moods.items(), key=lambda kv: -kv[1]) if s > 0]
    mood_primary = ranked[0] if ranked else "calm"
    mood_tags = [m for m in ranked if moods[m] >= 0.5 * moods[mood_primary]][:4] or [mood_primary]
    return GenreMood(
        genre=genres[0][0],
        genre_scores=[{"label": g, "score": round(s, 3)} for g, s in genres[:5]],
        mood_primary=mood_primary,
        mood_tags=mood_tags,
        mood_vector=vector,
    )
