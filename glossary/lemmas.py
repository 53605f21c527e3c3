"""Lemmas: simplemma for Dutch, a small table of its errors on irregular verbs, and rules for words it lacks."""

import simplemma

from glossary.compounds import split
from glossary.frequency import lexicon

# Where simplemma is wrong on common forms (each checked against simplemma 1.1; tests/test_glossary_lemmas.py).
# Mostly strong past tenses that it reads as nouns or leaves alone.
CORRECTIONS = {
    "gaven": "geven",  # not gave (gift)
    "stonden": "staan",
    "schreven": "schrijven",
    "kozen": "kiezen",
    "boden": "bieden",  # not bode
    "dreven": "drijven",
    "grepen": "grijpen",
    "stegen": "stijgen",
    "beten": "bijten",
    "bewogen": "bewegen",
    "reed": "rijden",  # not reden
    "reden": "reden",  # the noun "reason", not rede (speech)
    "las": "lezen",  # not lassen (to weld)
    "gestaan": "staan",  # not afstaan
    "gedragen": "dragen",  # not verdragen
    "lijken": "lijken",  # the verb "to seem", not lijk (corpse)
    "overwegen": "overwegen",  # the verb "to consider", not overweg (level crossing)
    "wijst": "wijzen",  # not wijs (wise)
    "wijzen": "wijzen",  # the verb "to point", not wijze (manner)
}

_cache: dict[str, str] = {}


def lemma(word: str) -> str:
    """The lemma of a lower-case word form: kernkoppen → kernkop, gaven → geven, uitgerust → uitrusten."""
    found = _cache.get(word)
    if found is None:
        found = _cache[word] = _lemma(word)
    return found


def _lemma(word: str) -> str:
    """Work out one lemma (uncached)."""
    if len(word) > 60:  # no word is this long: a run of letters is left as it is, at no cost
        return word
    if word in CORRECTIONS:
        return CORRECTIONS[word]
    if word.startswith("'s ") or "'" in word[:-2]:  # 's avonds; dat's: leave idioms and contractions alone
        return word
    if "-" in word:  # anti-tankgranaten → anti-tankgranaat
        head, _, last = word.rpartition("-")
        return f"{head}-{lemma(last)}"
    if participle := present_participle(word):
        return participle
    found = simplemma.lemmatize(word, lang="nl").lower().replace("_", "")  # uit_rusten: a separable verb
    if found != word or simplemma.is_known(word, lang="nl"):
        return found
    return _unknown_lemma(word)


def present_participle(word: str) -> str:
    """The adjective of a present participle (opvallende → opvallend: striking, not the verb opvallen), or ''.

    A present participle is an infinitive and -d: opvallen + d; kende (knew) is none, for ken is no infinitive.
    """
    adjective = word[:-1] if word.endswith("ende") else word if word.endswith("end") else ""
    infinitive = adjective[:-1]
    return adjective if len(infinitive) >= 5 and infinitive.endswith("en") and infinitive in lexicon() else ""


def _unknown_lemma(word: str) -> str:
    """Rules for forms simplemma does not know: participles of -eren verbs, compounds."""
    if word.startswith("ge") and word.endswith("eerd") and word[2:-4] + "eren" in lexicon():
        return word[2:-4] + "eren"  # gestationeerd → stationeren
    parts = split(word)
    if parts and "-" not in word:  # lanceerplekken → lanceer + plekken → lanceerplek
        last = parts[-1].text
        head_lemma = lemma(last)
        if len(head_lemma) < len(last):  # plural to singular (granaten → granaat), never tuig → tuigen
            return word[: len(word) - len(last)] + head_lemma
    return word
