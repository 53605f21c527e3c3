"""The sense each occurrence has in its own sentence.

With a translation model, the sense whose English appears in the sentence's translation (*stemming* in
"de stemming in de Kamer" is "vote" when the translation says "the vote"); without one, the sense of the
part of speech the word has there (*voldoende* as a noun: "pass mark"). The entry's own gloss stays the
lemma's commonest senses; a context keeps its sense only when it is not the first.
"""

import re
from collections.abc import Mapping
from dataclasses import replace

from glossary.lexicon import core, matches
from glossary.model import Context, Entry

_ENDINGS = ("", "s", "es", "ed", "d", "ing")


def english_forms(word: str) -> set[str]:
    """An English word and its regular inflections: vote → votes, voted, voting; carry → carries, carried."""
    found = {word + ending for ending in _ENDINGS}
    if word.endswith("e"):
        found.add(word[:-1] + "ing")
    if word.endswith("y"):
        found |= {word[:-1] + "ies", word[:-1] + "ied"}
    return found


def sense_in(senses: list[str], translation: str) -> str:
    """The first sense whose words all occur in the translation, inflected or not; '' if none does."""
    words = set(re.findall(r"[a-z]+", translation.lower()))
    for sense in senses:
        keys = [w for w in re.findall(r"[a-z]+", sense.lower().split("(")[0]) if w not in ("a", "an", "the", "to")]
        if keys and all(english_forms(key) & words for key in keys):
            return sense
    return ""


def sense_at(entry: Entry, context: Context, translation: str) -> tuple[str, str]:
    """(sense, where it came from) for one occurrence when it is not the entry's first sense, else ("", "")."""
    if entry.gloss_source != "core lexicon":
        return "", ""
    ranked = core().lexemes(entry.lemma, context.pos)
    first = entry.gloss.split(";")[0].strip()
    found = sense_in([sense for lexeme in ranked for sense in lexeme.senses], translation) if translation else ""
    if found:
        return (found, "from this sentence") if found != first else ("", "")
    if ranked and context.pos and context.pos != entry.pos and matches(ranked[0].pos, context.pos):
        return (ranked[0].senses[0], "part of speech") if ranked[0].senses[0] != first else ("", "")
    return "", ""


def choose_senses(entry: Entry, article, translations: Mapping[str, str]) -> None:
    """Give each context of a lexicon word the sense its sentence points to, when that is not the entry's first."""
    lexemes = core().lexemes(entry.lemma)
    if not lexemes or (not translations and len({lexeme.pos for lexeme in lexemes}) == 1):
        return  # nothing to choose between
    for i, context in enumerate(entry.contexts):
        sentence = article.blocks[context.block].sentences[context.sentence].text
        sense, source = sense_at(entry, context, translations.get(sentence, ""))
        if sense:
            entry.contexts[i] = replace(context, sense=sense, sense_source=source)
