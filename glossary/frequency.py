"""Word frequency from wordfreq's Dutch lexicon, on the Zipf scale, and the difficulty level it gives.

Zipf is log10 of a word's frequency per billion words: 7 for "de", 5.3 for "oorlog", 3.4 for
"kernwapens", 2.2 for "kernkoppen", 0 for a word wordfreq has never seen (its lexicon stops at 1.0).

Level, Kindle Word Wise style, one level per factor of ten in frequency:

    level 1  Zipf >= 5      everyday words                       oorlog 5.3, staat 6.0, gebruik 5.5
    level 2  4 <= Zipf < 5  common words                         inzet 4.7, steun 4.9, grondwet 4.3
    level 3  3 <= Zipf < 4  words an intermediate reader meets   kernwapens 3.4, concreet 3.9, dreigement 3.0
    level 4  2 <= Zipf < 3  rare words                           kernkoppen 2.2, vazal 2.5, afschrikking 2.6
    level 5  Zipf < 2       very rare, or unknown to wordfreq    vazalstaat 1.6, mediastilte 1.6
"""

import math

import wordfreq

LEVEL_FLOORS = (5.0, 4.0, 3.0, 2.0)  # the lowest Zipf of levels 1, 2, 3 and 4; below the last is level 5

_lexicon: dict[str, float] = {}
_zipf_cache: dict[str, float] = {}
_english_zipf_cache: dict[str, float] = {}


def lexicon() -> dict[str, float]:
    """wordfreq's Dutch words with their frequencies (311k words), loaded once per process."""
    if not _lexicon:
        _lexicon.update(wordfreq.get_frequency_dict("nl"))
    return _lexicon


def zipf(word: str) -> float:
    """The Zipf frequency of a lower-case word; hyphenated and multi-word forms go through wordfreq's own tokenizer."""
    value = _zipf_cache.get(word)
    if value is None:
        frequency = lexicon().get(word)
        if frequency:
            value = round(math.log10(frequency) + 9, 2)
        elif word.isalpha():
            value = 0.0
        else:  # wordfreq splits "vn-veiligheidsraad" and "'s avonds" into words and combines their frequencies
            value = wordfreq.zipf_frequency(word, "nl")
        _zipf_cache[word] = value
    return value


def english_zipf(phrase: str) -> float:
    """wordfreq's English Zipf for a word or phrase, cached; the English lexicon loads on first use."""
    value = _english_zipf_cache.get(phrase)
    if value is None:
        value = _english_zipf_cache[phrase] = wordfreq.zipf_frequency(phrase, "en")
    return value


def level(zipf_value: float) -> int:
    """The difficulty level 1 (common) to 5 (rare) of a Zipf frequency; see the module docstring."""
    for rank, floor in enumerate(LEVEL_FLOORS, start=1):
        if zipf_value >= floor:
            return rank
    return 5
