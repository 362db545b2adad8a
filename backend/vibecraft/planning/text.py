"""Plain-sentence hygiene for prompts: strip markup, shorten on a word, say each phrase once."""

from __future__ import annotations

import re

ELLIPSIS = "…"
PHRASE_WORDS = 3
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b0x[0-9a-fA-F]{6,8}\b")
# Bracketed runs are JSON, markup or lyric annotations such as "[Chorus]": none of it describes a picture.
_BRACKETED = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>")
_MARKUP = re.compile(r"[{}\[\]<>|\\`^~*_=#\x00-\x1f\x7f]")
_DOUBLE_QUOTES = re.compile(r"[\"“”„«»]")
_WORD = re.compile(r"[^\W_]+")
_LEAD = re.compile(r"^[^\w]*")
_TRAIL = re.compile(r"[^\w]*$")
# Words that mean nothing once the word after them has been dropped as a repeat.
_DANGLING = frozenset(
    "a an the of on in with and or to at by for over under into onto from as that whose its their your my "
    "through across above below beneath near like is are".split()
)


def clean_text(text: str | None) -> str:
    """User or model text made safe for a prompt: no colour codes, brackets, markup or double quotes; single spaces."""
    text = _HEX_COLOUR.sub(" ", str(text or ""))
    while True:
        unwrapped = _BRACKETED.sub(" ", text)
        if unwrapped == text:
            break
        text = unwrapped
    text = _MARKUP.sub(" ", text)
    text = _DOUBLE_QUOTES.sub("'", text)
    return " ".join(text.split()).strip(" ,;:")


def as_sentence(text: str) -> str:
    """The text with a capital first letter and a closing full stop ('' stays '')."""
    text = text.strip().rstrip(",;:").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" + ELLIPSIS else text + "."


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    if limit < 2:
        return ""
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" ,;:.-/'")
    return cut + ELLIPSIS if cut else ""


def phrase_words(text: str) -> list[str]:
    """The words phrase repetition is judged on: lower-case runs of letters and digits."""
    return _WORD.findall(text.lower())


def drop_repeated_phrases(text: str) -> str:
    """The text with every later occurrence of a repeated three-word phrase removed.

    The first occurrence wins, so what comes first in a prompt (the section, the overall look) stays
    whole. A later repeat goes as a whole phrase ("neon rain over Tokyo" said twice loses all four words
    the second time), a function word left dangling before it goes too, and punctuation is kept.
    """
    kept: list[str] = []
    kept_words: list[list[str]] = []
    first_seen: dict[tuple[str, ...], int] = {}  # phrase -> index of its last word where it first appeared
    recent_input: list[str] = []  # the last two words of the input, whether kept or not
    position = 0
    kept_in_a_row = 0
    pending_lead = ""
    for chunk in text.split():
        words = phrase_words(chunk)
        if not words:
            kept.append(pending_lead + chunk)
            kept_words.append([])
            pending_lead = ""
            continue
        history = _last_words(kept_words, PHRASE_WORDS - 1)
        kept_phrases = _phrases(history + words)
        input_phrases = _phrases(recent_input + words)
        # Phrase i of the input window starts at word `input_start + i`; of the kept window it ends at `kept_end + i`.
        input_start = position - len(recent_input)
        kept_end = position - len(history) + PHRASE_WORDS - 1
        position += len(words)
        recent_input = (recent_input + words)[-(PHRASE_WORDS - 1):]
        # A repeat of a phrase that had ended before this one began (not "oh oh oh oh" overlapping itself).
        repeats_earlier_phrase = any(first_seen.get(g, input_start + i) < input_start + i for i, g in enumerate(input_phrases))
        if repeats_earlier_phrase or any(g in first_seen for g in kept_phrases) or len(set(kept_phrases)) < len(kept_phrases):
            if repeats_earlier_phrase:
                _drop_repeat_start(kept, kept_words, max_words=min(PHRASE_WORDS - 1, kept_in_a_row))
            while kept and kept_words[-1] and kept[-1].lower() in _DANGLING:
                kept.pop()
                kept_words.pop()
            lead, trail = _LEAD.match(chunk).group(), _TRAIL.search(chunk).group()
            if '"' in pending_lead + lead and '"' in trail:  # the whole quotation went: drop its quote marks too
                pending_lead, lead, trail = pending_lead.replace('"', "", 1), lead.replace('"', "", 1), trail.replace('"', "", 1)
            pending_lead += lead
            if kept and trail:
                kept[-1] += trail
            kept_in_a_row = 0
            continue
        for i, phrase in enumerate(kept_phrases):
            first_seen.setdefault(phrase, kept_end + i)
        kept.append(pending_lead + chunk)
        kept_words.append(words)
        kept_in_a_row += len(words)
        pending_lead = ""
    return _tidy_punctuation(" ".join(kept))


def _phrases(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i: i + PHRASE_WORDS]) for i in range(len(words) - PHRASE_WORDS + 1)]


def _last_words(kept_words: list[list[str]], count: int) -> list[str]:
    found: list[str] = []
    for words in reversed(kept_words):
        found = words + found
        if len(found) >= count:
            break
    return found[-count:] if count else []


def _drop_repeat_start(kept: list[str], kept_words: list[list[str]], *, max_words: int) -> None:
    """Remove the words just kept that turn out to open a repeated phrase (plain words only, never punctuation)."""
    removed = 0
    while kept and kept_words[-1] and removed + len(kept_words[-1]) <= max_words and _LEAD.match(kept[-1]).group() == "" \
            and _TRAIL.search(kept[-1]).group() == "":
        removed += len(kept_words.pop())
        kept.pop()


def _tidy_punctuation(text: str) -> str:
    text = re.sub(r"/(\s*/)+", "/", text)  # lyric lines that went entirely
    text = re.sub(r'"\s*/\s*', '"', text) if text.count('"') == 2 else text
    text = re.sub(r'\s*/\s*"', '"', text) if text.count('"') == 2 else text
    text = re.sub(r'"\s*"', "", text)
    text = re.sub(r"\s+([.,;:!?…])", r"\1", text)
    text = re.sub(r"[,;:]+([.!?…])", r"\1", text)
    text = re.sub(r"([.!?])[.,;:]+", r"\1", text)
    text = re.sub(r"(^|[.!?]\s)[.,;:!?]+\s*", r"\1", text)
    text = re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return " ".join(text.split())
