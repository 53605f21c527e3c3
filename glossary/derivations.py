"""Derived words the dictionary lacks, read as a known base plus a prefix or suffix (haalbaar + -heid).

Only used to build a gloss when the dictionary has nothing for the word itself: the affix gets a
fixed English hint and the base its dictionary gloss, "haalbaar (achievable) + -heid (-ness)".
"""

import re

# Suffix → (English hint, how to get the base from the stem before the suffix).
SUFFIXES = {
    "heid": "-ness",  # haalbaarheid → haalbaar
    "heden": "-nesses",
    "ingen": "-ings",  # verplaatsingen → verplaatsen
    "ing": "-ing",  # stationering → stationeren
    "baar": "-able",
    "loos": "-less",
    "schap": "-ship",
}
VERB_SUFFIXES = ("ing", "ingen")  # their base is a verb: stem + en

# Separable particles and inseparable prefixes, with the English they most often stand for.
PREFIXES = {
    "tegen": "counter-",
    "over": "over-",
    "onder": "under-",
    "voor": "fore-",
    "achter": "behind",
    "door": "through",
    "terug": "back",
    "samen": "together",
    "rond": "around",
    "weg": "away",
    "mee": "along",
    "uit": "out",
    "aan": "on",
    "op": "up",
    "af": "off",
    "na": "after",
    "toe": "to",
    "bij": "by",
    "in": "in",
    "ont": "de-, un-",
    "her": "re-",
    "mis": "mis-",
    "ver": "make, become",  # verarmen: become poor
    "be": "",
    "ge": "",
}


def analyses(word: str) -> list[list[tuple[str, str, bool]]]:
    """Ways to read `word` as affix + base, each as pieces (text, English hint, is_affix); the base still unglossed."""
    found = []
    for suffix, hint in SUFFIXES.items():
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            base = infinitive(stem) if suffix in VERB_SUFFIXES else stem
            found.append([(base, "", False), ("-" + suffix, hint, True)])
    for prefix, hint in PREFIXES.items():
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            found.append([(prefix + "-", hint, True), (word[len(prefix) :], "", False)])
    return found


def infinitive(stem: str) -> str:
    """The verb an -ing noun comes from: stationer → stationeren, verplaats → verplaatsen, meet → meten."""
    return re.sub(r"([aeou])\1([^aeiou])$", r"\1\2", stem) + "en"
