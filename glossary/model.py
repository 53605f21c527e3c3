"""The glossary's data: entries, their compound parts and the places they occur."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Context:
    """One occurrence: block index, sentence index, and the word's offsets in that sentence."""

    block: int
    sentence: int
    start: int
    end: int


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
    gloss_source: str = ""  # "dictionary", "reverse dictionary", "compound parts", "machine translation" or ""
    contexts: list[Context] = field(default_factory=list)
    is_name: bool = False
    article: str = ""  # "de", "het" or "" when the data does not know

    @property
    def count(self) -> int:
        """How often the lemma occurs in the article, all forms together."""
        return sum(self.forms.values())


@dataclass
class Glossary:
    """The article's vocabulary ranked rarest first, with names kept apart."""

    terms: list[Entry]
    names: list[Entry]
    dictionary_installed: bool = True
