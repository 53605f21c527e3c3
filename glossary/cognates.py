"""English cognates, the last resort for a gloss: irrelevant, doctrine, flexibel → flexible, tactisch → tactical.

Used only when the dictionary, the compound parts and the derivations give nothing, so the common
false friends (actueel, eventueel, brutaal) never get here: FreeDict has them.
"""

from glossary.frequency import english_zipf

# Dutch ending → English endings to try, longest Dutch ending first.
ENDINGS = (
    ("iseerd", ("ised", "ized")),  # gedecentraliseerd → decentralised (after its ge-)
    ("eerbaar", ("able",)),  # verifieerbaar → verifiable
    ("isatie", ("isation", "ization")),  # organisatie → organisation
    ("eren", ("", "e", "ate", "ize")),  # positioneren → position, stimuleren → stimulate, realiseren → realize
    ("isch", ("ic", "ical")),  # tactisch → tactical
    ("ische", ("ic", "ical")),
    ("ieel", ("ial",)),  # presidentieel → presidential
    ("ueel", ("ual",)),  # individueel → individual
    ("eel", ("al",)),  # formeel → formal
    ("ief", ("ive",)),  # radioactief → radioactive
    ("ibel", ("ible",)),  # flexibel → flexible
    ("abel", ("able",)),
    ("iteit", ("ity",)),  # interoperabiliteit → interoperability
    ("atie", ("ation",)),
    ("itie", ("ition",)),  # traditie → tradition
    ("teur", ("tor",)),  # directeur → director
    ("isme", ("ism",)),
    ("air", ("ar", "ary")),  # nucleair → nuclear
    ("iek", ("ic",)),  # publiek → public
    ("ie", ("y",)),  # strategie → strategy
    ("en", ("",)),  # hinten → hint, flirten → flirt
)
MIN_ENGLISH_ZIPF = 3.0
MIN_ENGLISH_ZIPF_LONG = 2.0  # a long learned word that matches an English one by its ending is no false friend
LONG = 10  # letters


def cognate(word: str) -> str:
    """The English word this Dutch word is spelled like, or ''."""
    candidates = [word]
    if word.startswith("ge") and word.endswith("iseerd"):  # a participle: gedecentraliseerd
        word = word[2:]
    for ending, replacements in ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            candidates += [word[: -len(ending)] + replacement for replacement in replacements]
    scored = [(english_zipf(candidate), candidate) for candidate in candidates]
    best_zipf, best = max(scored)
    floor = MIN_ENGLISH_ZIPF_LONG if len(best) >= LONG else MIN_ENGLISH_ZIPF  # interoperability is rare but safe
    return best if best_zipf >= floor else ""
