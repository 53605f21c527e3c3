"""The sense each occurrence has in its own sentence.

With a translation model, the sense whose English appears in the sentence's translation (*stemming* in
"de stemming in de Kamer" is "vote" when the translation says "the vote"); without one, the sense of the
part of speech the word has there (*voldoende* as a noun: "pass mark"). The entry's own gloss stays the
lemma's commonest senses; a context keeps its sense only when it is not the first.
"""

import re
from dataclasses import replace

from glossary.lexicon import core, matches
from glossary.model import Entry

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


def choose_senses(entry: Entry, article, translations: dict[str, str]) -> None:
    """Give each context of a lexicon word the sense its sentence points to, when that is not the entry's first."""
    lexemes = core().lexemes(entry.lemma)
    if not lexemes or entry.gloss_source != "core lexicon":
        return
    if not translations and len({lexeme.pos for lexeme in lexemes}) == 1:
        return  # one part of speech and no translations: nothing to choose between
    first = entry.gloss.split(";")[0].strip()
    for i, context in enumerate(entry.contexts):
        ranked = core().lexemes(entry.lemma, context.pos)
        senses = [sense for lexeme in ranked for sense in lexeme.senses]
        sentence = article.blocks[context.block].sentences[context.sentence].text
        found, source = sense_in(senses, translations.get(sentence, "")), "from this sentence"
        if not found and context.pos and context.pos != entry.pos and matches(ranked[0].pos, context.pos):
            found, source = ranked[0].senses[0], "part of speech"
        if found and found != first:
            entry.contexts[i] = replace(context, sense=found, sense_source=source)
