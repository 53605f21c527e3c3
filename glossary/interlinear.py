"""The word-by-word gloss shown when no translation model is installed: an honest interlinear, not a translation.

Each word becomes the first sense of its lemma in the part of speech it has in the sentence, from the
core lexicon (function words included: they are its most carefully written lines), then FreeDict. The
pieces of a separable verb are glossed once, at the verb (schafte … af → abolish). Names stay as written,
and a word no source knows stays Dutch.
"""

from glossary.analysis import analyse
from glossary.dictionary import default_dictionary, respace
from glossary.glosses import agreeing, lexicon_gloss, name_gloss, short
from glossary.names import is_acronym, is_capitalized
from glossary.tokenize import tokenize


def word_gloss(text: str) -> str:
    """The sentence glossed word by word, in Dutch word order."""
    tokens = tokenize(text)
    dictionary = default_dictionary()
    pieces = []
    for word in analyse(text, tokens):
        first = tokens[word.tokens[0]]
        if is_acronym(first.norm) or (is_capitalized(first.norm) and word.tokens[0] > 0 and word.pos not in ("adj", "noun")):
            pieces.append(name_gloss(dictionary, first.text) or first.text)  # a name: Rusland → Russia, Twitter
            continue
        gloss = lexicon_gloss(word.lemma, word.pos, first_only=True)
        if not gloss:
            senses = dictionary.senses(word.lemma) or dictionary.senses(first.norm.lower())
            gloss = short(senses, max_senses=1, per_sense=1, agreeing=agreeing(dictionary, word.lemma))
        pieces.append(respace(gloss.split("(")[0].strip()) if gloss else first.text)  # "to (before verb)" → "to"
    return " ".join(pieces)
