"""Word tokens with character offsets, keeping hyphenated words and apostrophe forms whole."""

import re
from typing import NamedTuple

# Curly and straight apostrophes all become "'" in a token's normal form.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

_LETTERS = r"[^\W\d_]+"
_WORD = re.compile(
    r"(?<![\w'’])(?:['’‘]s\s+(?=[^\W\d_]))?"  # a leading 's as in 's avonds, kept with its word
    rf"{_LETTERS}(?:[-‐]{_LETTERS})*"  # Wit-Rusland, VN-veiligheidsraad
    rf"(?:['’]{_LETTERS})?"  # auto's, risico’s
    r"(?!\w|[-‐]\d)"  # not the letter part of a token that carries digits (F-16, covid-19)
)


class Token(NamedTuple):
    """A word in a text: its offsets, the text as written and its normal form (straight apostrophes, plain hyphens)."""

    start: int
    end: int
    text: str
    norm: str


def tokenize(text: str) -> list[Token]:
    """Every word of `text` in order; numbers and punctuation are left out."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        norm = word if word.isalpha() else re.sub(r"\s+", " ", word.translate(APOSTROPHES)).replace("‐", "-")
        tokens.append(Token(match.start(), match.end(), word, norm))
    return tokens
