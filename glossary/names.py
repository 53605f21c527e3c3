"""Names apart: people, places and organisations, told from vocabulary by how the text capitalises them.

Dutch capitalises names and the adjectives made from them (Poetin, Wit-Rusland, Russische), and
little else. So a capitalised word in the middle of a sentence is a name. A capitalised word that
starts a sentence is a name only if the text never writes it in lower case, and either capitalises it
elsewhere or it is no Dutch word the lemmatiser, the dictionary or the compound splitter recognises
(Maxim in "Maxim Starchak, een expert…", but not Opvallend or Vazalstaat). Acronyms (NRC, ISW) are
names. Neighbouring name words make one name: Xi Jinping, Institute for the Study of War, and so do the
particles of a Dutch surname between them (Vincent van Gogh, Jan van der Meer). In a heading, and after a
number, every capitalised word is read as a sentence start: "Nieuwe Regels Voor Scholen" holds no name.
"""

from typing import Callable

from glossary.frequency import english_zipf, zipf
from glossary.stopwords import STOPWORDS
from glossary.tokenize import Token

CONNECTORS = frozenset({"of", "for", "the", "and"})  # lower-case words inside English names
SURNAME_PARTICLES = frozenset({"van", "der", "den", "de", "ter", "ten", "te", "'t", "in", "la", "le", "da", "di", "von"})
OPENERS = "„“\"‘'«(:[–"  # after these a capital letter starts a quote or clause, as at a sentence start


_capitalized: dict[str, bool] = {}
_acronym: dict[str, bool] = {}


def is_capitalized(word: str) -> bool:
    """Whether a word is written with a capital; for hyphenated words the last piece decides (VN-veiligheidsraad is not)."""
    found = _capitalized.get(word)
    if found is None:
        last = word.rpartition("-")[2] or word
        found = _capitalized[word] = last[:1].isupper()
    return found


def is_acronym(word: str) -> bool:
    """Two or more capitals and no lower case: NRC, ISW, VS."""
    found = _acronym.get(word)
    if found is None:
        letters = word.replace("-", "")
        found = _acronym[word] = len(letters) >= 2 and letters.isupper()
    return found


def starts_clause(text: str, tokens: list[Token], i: int) -> bool:
    """Whether token i is the first word of its sentence, or follows an opening quote, a colon or a number."""
    before = text[tokens[i - 1].end if i else 0 : tokens[i].start].strip()
    return i == 0 or (before != "" and (before[-1] in OPENERS or before[-1].isdigit()))


def name_flags(
    sentences: list[tuple[str, list[Token]]], is_vocabulary: Callable[[str], bool], headings: list[bool] | None = None
) -> list[list[bool]]:
    """For every token of every sentence, whether it is (part of) a name.

    `is_vocabulary(word)` says whether a lower-case word is known Dutch vocabulary; `headings` says which
    sentences are headings, where every word is read as a sentence start.
    """
    headings = headings or [False] * len(sentences)
    starts = [[heading or starts_clause(text, tokens, i) for i in range(len(tokens))]
              for (text, tokens), heading in zip(sentences, headings)]
    lower_case: set[str] = set()  # forms the text writes in lower case somewhere
    capitalized: set[str] = set()  # forms it capitalises in the middle of a sentence
    for (_, tokens), first in zip(sentences, starts):
        for token, start in zip(tokens, first):
            if not is_capitalized(token.norm):
                lower_case.add(token.norm.lower())
            elif not start:
                capitalized.add(token.norm.lower())

    def is_name(token: Token, start: bool) -> bool:
        """The decision for one token, as the module docstring describes."""
        if is_acronym(token.norm):
            return True
        if not is_capitalized(token.norm):
            return False
        if not start:
            return True
        word = token.norm.lower()
        if word in STOPWORDS or word in lower_case:
            return False
        stem = word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s") else ""
        if word in capitalized or stem in capitalized:  # Poetins after Poetin
            return True
        return not is_vocabulary(word)

    flags = [[is_name(token, start) for token, start in zip(tokens, first)] for (_, tokens), first in zip(sentences, starts)]
    for (_, tokens), names, heading in zip(sentences, flags, headings):
        join_connectors(tokens, names)
        join_surname_particles(tokens, names)
        if not heading:
            join_first_name(tokens, names, is_vocabulary)
    return flags


def join_first_name(tokens: list[Token], names: list[bool], is_vocabulary: Callable[[str], bool]) -> None:
    """A capitalised first word that is no vocabulary, before a name (its particles between), is a first name:
    Jan van der Meer."""
    if len(tokens) < 2 or names[0] or not is_capitalized(tokens[0].norm) or is_vocabulary(tokens[0].norm.lower()):
        return
    j = 1
    while j < len(tokens) - 1 and tokens[j].norm in SURNAME_PARTICLES and j <= 3:
        j += 1
    if names[j] and not is_acronym(tokens[j].norm):
        names[:j] = [True] * j


def join_surname_particles(tokens: list[Token], names: list[bool]) -> None:
    """Mark the lower-case particles between two name words as name: Vincent van Gogh, Jan van der Meer."""
    i = 1
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].norm in SURNAME_PARTICLES and end - i < 3:
            end += 1
        if end > i and end < len(tokens) and names[i - 1] and names[end] and not is_acronym(tokens[i - 1].norm):
            names[i:end] = [True] * (end - i)
        i = end + 1


def join_connectors(tokens: list[Token], names: list[bool]) -> None:
    """Mark English connectors between two name words as name: Institute for the Study of War.

    "of" is also Dutch ("or": Oekraïne of Europa), so it only joins after an English word.
    """
    i = 1
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].norm in CONNECTORS:
            end += 1
        if end > i and end < len(tokens) and names[i - 1] and names[end]:
            run = {token.norm for token in tokens[i:end]}
            if run != {"of"} or is_english(tokens[i - 1].norm.lower()):
                names[i:end] = [True] * (end - i)
        i = end + 1


def is_english(word: str) -> bool:
    """Whether a word is more common in English than in Dutch (Federation, Study), by wordfreq."""
    return english_zipf(word) > zipf(word)


def name_spans(text: str, tokens: list[Token], names: list[bool]) -> list[tuple[int, int]]:
    """Runs of name tokens separated only by spaces, as (first token index, last token index + 1)."""
    spans: list[tuple[int, int]] = []
    for i, is_name in enumerate(names):
        if not is_name:
            continue
        if spans and spans[-1][1] == i and not text[tokens[i - 1].end : tokens[i].start].strip():
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans
