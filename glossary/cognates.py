"""English cognates, the last resort for a gloss: irrelevant, doctrine, flexibel → flexible, tactisch → tactical.

Used only when the dictionary, the compound parts and the derivations give nothing, so the common
false friends (actueel, eventueel, brutaal) never get here: FreeDict has them.
"""

from glossary.frequency import english_zipf

# Dutch ending → English endings to try, longest Dutch ending first.
ENDINGS = (
    ("eren", ("", "e", "ate")),  # positioneren → position, stimuleren → stimulate
    ("isch", ("ic", "ical")),  # tactisch → tactical
    ("ische", ("ic", "ical")),
    ("ieel", ("ial",)),  # presidentieel → presidential
    ("eel", ("al",)),  # formeel → formal
    ("ief", ("ive",)),  # radioactief → radioactive
    ("ibel", ("ible",)),  # flexibel → flexible
    ("abel", ("able",)),
    ("iteit", ("ity",)),
    ("atie", ("ation",)),
    ("isme", ("ism",)),
    ("air", ("ar", "ary")),  # nucleair → nuclear
    ("ie", ("y",)),  # strategie → strategy
    ("en", ("",)),  # hinten → hint, flirten → flirt
)
MIN_ENGLISH_ZIPF = 3.0


def cognate(word: str) -> str:
    """The English word this Dutch word is spelled like, or ''."""
    candidates = [word]
    for ending, replacements in ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            candidates += [word[: -len(ending)] + replacement for replacement in replacements]
    scored = [(english_zipf(candidate), candidate) for candidate in candidates]
    best_zipf, best = max(scored)
    return best if best_zipf >= MIN_ENGLISH_ZIPF else ""
