"""Word Wise hints: where the glossary's terms sit in each block, and which of them to highlight."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from glossary.model import HIDDEN_STATUSES, Entry, Glossary
from reader.article import Article

MIN_LEVEL, MAX_LEVEL = 1, 5


@dataclass(frozen=True)
class Span:
    """One occurrence of a term, as character offsets into its block's text."""

    start: int
    end: int
    lemma: str


class HintIndex:
    """The glossary's terms located block by block, built once per glossary."""

    def __init__(self, article: Article, glossary: Glossary):
        self.entries: dict[str, Entry] = {entry.lemma: entry for entry in glossary.terms}
        self.rank: dict[str, int] = {entry.lemma: rank for rank, entry in enumerate(glossary.terms)}
        self.spans = {
            block: [Span(start, end, entry.lemma) for start, end, entry in found]
            for block, found in glossary.spans_by_block(article).items()
        }

    def block_spans(self, block: int, start: int = 0, end: int | None = None) -> list[Span]:
        """The term occurrences in one block (or in its characters start:end), in text order."""
        spans = self.spans.get(block, [])
        first = bisect_left(spans, start, key=lambda span: span.start) if start else 0
        last = bisect_right(spans, end, key=lambda span: span.end) if end is not None else len(spans)
        return spans[first:last]

    def block_terms(self, block: int) -> list[Entry]:
        """The distinct terms of one block, rarest first (the glossary's ranking)."""
        lemmas = {span.lemma for span in self.block_spans(block)}
        return sorted((self.entries[lemma] for lemma in lemmas), key=lambda entry: self.rank[entry.lemma])


def is_hint(entry: Entry, min_level: int, statuses: dict[str, str]) -> bool:
    """Whether a term is highlighted: hard enough for the slider, and not known or ignored."""
    return entry.level >= min_level and statuses.get(entry.lemma) not in HIDDEN_STATUSES


def short_gloss(entry: Entry, limit: int = 24) -> str:
    """A few words of gloss to follow a word in running text: the first sense, or the parts' first senses."""
    if entry.gloss_source == "compound parts" and entry.parts:
        gloss = " + ".join(first_sense(part.gloss) or part.text for part in entry.parts)
    else:
        gloss = first_sense(entry.gloss)
    return gloss if len(gloss) <= limit else gloss[: limit - 1].rstrip() + "…"


def first_sense(gloss: str) -> str:
    """A gloss up to its first top-level ';' or ',' (one inside parentheses does not count)."""
    depth = 0
    for i, char in enumerate(gloss):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in ";,":
            return gloss[:i].strip()
    return gloss.strip()
