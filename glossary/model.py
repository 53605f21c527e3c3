"""The glossary's data: entries, their compound parts and the places they occur."""

from collections import defaultdict
from dataclasses import dataclass, field


HIDDEN_STATUSES = ("known", "ignored")  # a word with one of these statuses leaves the glossary and its hints


@dataclass(frozen=True, slots=True)
class Context:
    """One occurrence: block index, sentence index, and the word's offsets in that sentence."""

    block: int
    sentence: int
    start: int
    end: int
    more: tuple[tuple[int, int], ...] = ()  # the other pieces of a separable verb or expression (schafte … af)
    pos: str = ""  # the part of speech the word has here (noun, verb, adj, …, expr), '' when unknown
    sense: str = ""  # the sense that fits this sentence, when it differs from the entry's first
    sense_source: str = ""  # "from this sentence" (found in its translation) or "part of speech"

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """Every (start, end) of the occurrence in its sentence, in text order."""
        return ((self.start, self.end), *self.more)


@dataclass(frozen=True)
class Part:
    """One part of a compound, with the linking morpheme it carried (s, e, en or '')."""

    text: str
    link: str = ""
    gloss: str = ""


@dataclass
class Entry:
    """One lemma of the article, with everything the reader and the exporter show about it."""

    lemma: str
    forms: dict[str, int] = field(default_factory=dict)
    zipf: float = 0.0
    level: int = 1
    parts: list[Part] = field(default_factory=list)
    gloss: str = ""
    # "learner", "core lexicon", "dictionary", "reverse dictionary", "compound parts", "derivation", "cognate",
    # "model" or ""
    gloss_source: str = ""
    pos: str = ""  # the part of speech the lemma has most often in the text
    found_gloss: tuple[str, str] = ("", "")  # (gloss, source) the sources found, kept under a learner's own gloss
    contexts: list[Context] = field(default_factory=list)
    is_name: bool = False
    article: str = ""  # "de", "het" or "" when the data does not know
    status: str = "new"  # the learner's status for the lemma: new, learning, known or ignored

    @property
    def count(self) -> int:
        """How often the lemma occurs in the article, all forms together."""
        return sum(self.forms.values())

    def use_learner_gloss(self, gloss: str) -> None:
        """Show the learner's own gloss, keeping what the sources found; an empty one brings that back."""
        if gloss:
            if self.gloss_source != "learner":
                self.found_gloss = (self.gloss, self.gloss_source)
            self.gloss, self.gloss_source = gloss, "learner"
        elif self.gloss_source == "learner":
            self.gloss, self.gloss_source = self.found_gloss

    def gloss_at(self, context: Context | None) -> str:
        """The gloss as shown beside one occurrence: the sense its sentence points to first, saying where it came from."""
        if context is None or not context.sense:
            return self.gloss
        others = [sense.strip() for sense in self.gloss.split(";") if sense.strip() != context.sense]
        return "; ".join([f"{context.sense} ({context.sense_source})", *others])


@dataclass
class Glossary:
    """The article's vocabulary ranked rarest first, with names kept apart."""

    terms: list[Entry]
    names: list[Entry]
    dictionary_installed: bool = True
    _index: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, word: str) -> Entry | None:
        """The term or name for a word as typed: its lemma or any form seen, in any case, else its lemma's entry."""
        if not self._index:
            for entry in [*self.terms, *self.names]:
                for key in (*entry.forms, entry.lemma):
                    self._index.setdefault(key.lower(), entry)
        found = self._index.get(word.lower())
        if found is None:
            from glossary.tagger import lemma_alone  # the lemmatiser only when the word is not a form of the text

            found = self._index.get(lemma_alone(word.lower()).lower())
        return found

    def spans_by_block(self, article) -> dict[int, list[tuple[int, int, Entry]]]:
        """Where the terms sit in each block of `article`: (start, end, entry), offsets into the block's text,
        in text order (the longer of two spans starting together first)."""
        spans: dict[int, list[tuple[int, int, Entry]]] = defaultdict(list)
        for entry in self.terms:
            for context in entry.contexts:
                offset = article.blocks[context.block].sentences[context.sentence].start
                for start, end in context.pieces:
                    spans[context.block].append((offset + start, offset + end, entry))
        return {block: sorted(found, key=lambda span: (span[0], -span[1])) for block, found in spans.items()}
