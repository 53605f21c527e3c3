"""A Dutch sentence splitter that returns character spans, so the text can be rebuilt exactly."""

import re

from reader.article import Sentence

# Abbreviations after which a full stop never ends a sentence.
ABBREVIATIONS = frozenset(
    """a.d.h.v. a.s. bijv. blz. bv. ca. d.m.v. d.w.z. dhr. dr. drs. e.a. i.p.v. ing. ir. jl. jr. m.b.t. mevr.
    mr. mw. n.a.v. nl. nr. o.a. o.b.v. p. prof. resp. sr. t.a.v. t.o.v. vs. zgn. z.g.a.n. zo.
    jan. feb. febr. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec.""".split()
)
# Abbreviations that often close a sentence: they end one only when a capital follows.
CLOSING_ABBREVIATIONS = frozenset("enz. e.d. etc. e.v.".split())

# A candidate end: terminal punctuation (an ellipsis counts), then closing quotes or brackets.
END = re.compile(r"""(?:\.{3}|…|[.?!])+["'”’»)\]]*""")
OPENERS = "„“\"'‘«(["


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences; the gaps between them are whitespace only."""
    sentences = []
    start = 0
    for match in END.finditer(text):
        end = match.end()
        if end < len(text) and not text[end].isspace():
            continue  # 3.5, e.g., a.s.: punctuation inside a word
        if not _ends_sentence(text, match.start(), end):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return tuple(sentences)


def _ends_sentence(text: str, punct_start: int, end: int) -> bool:
    """Whether the punctuation at text[punct_start:end] closes a sentence."""
    following = text[end:].lstrip()
    if not following:
        return True
    first = following[0]
    if first == "," and following.startswith(",,"):
        first = "„"  # ,, is an old-fashioned opening quote
    starts_new = first.isupper() or first.isdigit() or first in OPENERS
    if not starts_new:
        return False  # "…?” vroeg hij", "ca. tien": a lower-case word continues the sentence
    if text[punct_start] != ".":
        return True
    original = text[:punct_start + 1].split()[-1].lstrip(OPENERS)
    word = original.lower()
    if word in ABBREVIATIONS and not original[1:-1].isupper():  # "vs." is versus, "VS." the United States
        return False
    if word in CLOSING_ABBREVIATIONS:
        return first.isupper()
    if re.fullmatch(r"(?:[a-z]\.)+", word) and not first.isdigit():
        return False  # initials: J.F. Kennedy
    return True


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Add text[start:end] without its surrounding whitespace, if anything is left."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(offset, offset + len(stripped), stripped))
