"""Compound splitting by word frequency (Koehn & Knight 2003) over wordfreq's Dutch lexicon.

A word is split into known words, optionally joined by the linking morphemes -s-, -e- and -en-,
when the parts are on average more frequent than the whole word (the geometric mean of their
frequencies, which is the mean of their Zipf values, less a penalty for each part beyond two).
kernkop → kern + kop; gevechtsvliegtuig → gevecht(s) + vliegtuig, while vliegtuig stays whole
because it is more frequent than vlieg and tuig.

Rules keep derived and inflected words whole (verklaring, ondertekening, verstrekken, koppen):
- prefixes, particles, function words and English words are never a part (ver, onder, op, for, ...);
- a prefix before a known word makes a derivation (ver + strekken, ge + kletter), one part;
- derivational suffixes are never the last part (heid, lijk, schap, ing, baar, ...);
- a part like -pen or -ten that only completes an inflected form is no part (kop + pen → koppen),
  while bal + pen stays a compound;
- infinitives in -eren and present participles are verb forms, not compounds (stationeren, onheilspellend);
- nouns in -ing made from a known verb are derivations (stationering from stationeren);
- a word that is an English cognate (informatie) is never split, and heads that look like suffixes
  (hams + ter, mari + nier, var + ken, sta + ren) are no parts.

`compound_parts` is what the glossary shows: nothing for a word the core lexicon knows whole, whose own
gloss beats its parts' (hamster is no ham + s + ter, kernkop is "warhead").
"""

import simplemma

from glossary.cognates import cognate
from glossary.frequency import english_zipf, lexicon, zipf
from glossary.lexicon import core
from glossary.model import Part
from glossary.stopwords import STOPWORDS

LINKS = ("", "s", "e", "en")
MAX_PARTS = 4
MAX_LENGTH = 40  # letters; real compounds are shorter, and a longer "word" would cost time and memory quadratically
MIN_LENGTH = 3
MIN_ZIPF = 1.5  # rarer "words" in the lexicon are mostly typos and fragments
MIN_ZIPF_SHORT = 3.5  # three-letter parts must be common words (kop, bom, zee), not fragments (spe)
PART_PENALTY = 0.7  # Zipf taken off for each part beyond two: short frequent words fit almost anywhere
LINK_PENALTY = 0.3  # and for each linking morpheme: rug + spier, not rug(s) + pier

# Verb prefixes and separable particles: derivations start with them (verklaring, uitrusting, ondertekening).
PREFIXES = frozenset(
    """
    be ge ver ont her er mis wan oer on
    aan af achter bij binnen boven buiten door in mee na neer om onder op over rond samen tegen terug toe
    uit voor voort weg
    """.split()
)
SUFFIXES = frozenset(
    """
    heid heden lijk lijke lijker lijks schap schappen dom loos loze baar bare achtig achtige
    ing ingen isch ische iteit atie aties tie ties isme ist isten ers ster erij aar aars tje tjes
    end ende enden ter ters ken kens ren nier niers len sen
    """.split()
)

_cache: dict[str, tuple[Part, ...]] = {}


def split(word: str) -> tuple[Part, ...]:
    """The parts of a lower-case compound, or () when the word is not one; hyphens always separate parts."""
    if len(word) > MAX_LENGTH:
        return ()
    parts = _cache.get(word)
    if parts is None:
        parts = _split_hyphenated(word) if "-" in word else _split_word(word)
        _cache[word] = parts
    return parts


def compound_parts(word: str) -> tuple[Part, ...]:
    """The parts the glossary shows for a lower-case word: none when the core lexicon knows it whole."""
    return () if word in core() else split(word)


def _split_hyphenated(word: str) -> tuple[Part, ...]:
    """Split at hyphens (anti-tankgranaat → anti + tank + granaat), each piece as a compound of its own."""
    pieces = [piece for piece in word.split("-") if piece]
    parts: list[Part] = []
    for i, piece in enumerate(pieces):
        inner = list(_split_word(piece)) or [Part(piece)]
        if i < len(pieces) - 1:
            inner[-1] = Part(inner[-1].text, inner[-1].link + "-")
        parts += inner
    return tuple(parts) if len(parts) > 1 else ()


def _split_word(word: str) -> tuple[Part, ...]:
    """The best split of a word without hyphens, if it beats the whole word's own frequency."""
    if len(word) < 2 * MIN_LENGTH or is_derivation(word) or is_verb_form(word) or cognate(word):
        return ()
    best: list[tuple[str, str]] = []
    best_score = zipf(word)
    for candidate in _segmentations(word, MAX_PARTS, {}):
        if len(candidate) < 2:
            continue
        score = (sum(zipf(text) for text, _ in candidate) / len(candidate) - PART_PENALTY * (len(candidate) - 2)
                 - LINK_PENALTY * sum(1 for _, link in candidate if link))
        if score > best_score or (score == best_score and best and len(candidate) < len(best)):
            best, best_score = candidate, score
    return tuple(Part(text, link) for text, link in best)


def is_derivation(word: str) -> bool:
    """Whether the word is a prefix before a known word (ver+strekken, ge+kletter) or a verb's -ing noun (stationering)."""
    for cut in range(2, min(7, len(word) - MIN_LENGTH + 1)):
        if word[:cut] in PREFIXES and word[cut:] in lexicon() and word[cut:] not in STOPWORDS:
            return True
    if word.endswith("heid") and word[:-4] in lexicon():  # controleerbaar + heid, not con + trol + eerbaarheid
        return True
    stem = word[:-5] if word.endswith("ingen") else word[:-3] if word.endswith("ing") else ""
    return bool(stem) and stem + "en" in lexicon()


def is_verb_form(word: str) -> bool:
    """Whether the word is an -eren infinitive (station+eren) or a present participle (onheil+spel+lend): one verb."""
    if word.endswith(("end", "ende")):
        return True
    return word.endswith("eren") and simplemma.lemmatize(word, lang="nl") == word


def _segmentations(word: str, max_parts: int, memo: dict) -> list[list[tuple[str, str]]]:
    """Every way to write `word` as known parts with links, the last part ending the word."""
    key = (word, max_parts)
    if key in memo:
        return memo[key]
    found = []
    if word not in SUFFIXES and _is_part(word):
        found.append([(word, "")])
        if is_derivation(word):  # a known derived word is one part: wapen + gekletter, not gek + letter
            max_parts = 1
    if max_parts > 1:
        for cut in range(MIN_LENGTH, len(word) - MIN_LENGTH + 1):
            head = word[:cut]
            if not _is_part(head):
                continue
            rest = word[cut:]
            for link in LINKS:
                if rest.startswith(link) and len(rest) - len(link) >= MIN_LENGTH:
                    for tail in _segmentations(rest[len(link):], max_parts - 1, memo):
                        if not _is_inflection(head + link, tail[0][0]):
                            found.append([(head, link), *tail])
    memo[key] = found
    return found


def _is_inflection(head: str, part: str) -> bool:
    """Whether a part like -pen or -ten only ends an inflected form of the part before it (koppen, staten)."""
    if len(part) != MIN_LENGTH or not part.endswith("en") or head + part not in lexicon():
        return False
    return len(simplemma.lemmatize(head + part, lang="nl")) < len(head + part)


_is_part_cache: dict[str, bool] = {}


def _is_part(text: str) -> bool:
    """Whether `text` can stand as a part: a known Dutch content word, frequent enough for its length.

    Words far more common in English than in Dutch (for, list, name) are English in Dutch text: formeel
    is no for + meel.
    """
    if text not in lexicon():
        return False  # not cached: the prefixes tried are mostly no words, and caching them all grows without bound
    found = _is_part_cache.get(text)
    if found is None:
        found = _is_part_cache[text] = (
            text not in STOPWORDS
            and text not in PREFIXES
            and zipf(text) >= (MIN_ZIPF_SHORT if len(text) == MIN_LENGTH else MIN_ZIPF)
            and not is_english(text)
        )
    return found


def is_english(word: str) -> bool:
    """Whether a word is at least ten times more common in English than in Dutch (wordfreq)."""
    return english_zipf(word) >= zipf(word) + 1
