"""Word tokens with character offsets, keeping hyphenated words and apostrophe forms whole."""

import re
import unicodedata
from typing import NamedTuple

# Curly and straight apostrophes all become "'" in a token's normal form.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

# Combining marks (accents, vowel points, variation selectors) belong to the letter before them, so that
# decomposed text ("gei\u0308nstalleerd") stays one word. Those of the Basic Multilingual Plane, where every
# script of the living languages has its marks: a class beyond it makes the whole pattern 3× slower.
_MARKS = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c))[0] == "M")
_LETTERS = rf"[^\W\d_]+(?:[{_MARKS}]+[^\W\d_]+)*[{_MARKS}]*"  # unambiguous, so it never backtracks far
_WORD = re.compile(
    rf"(?<![\w'’{_MARKS}])(?:['’‘]s\s+(?=[^\W\d_]))?"  # a leading 's as in 's avonds, kept with its word
    rf"{_LETTERS}(?:[-‐]{_LETTERS})*"  # Wit-Rusland, VN-veiligheidsraad
    rf"(?:['’]{_LETTERS})?"  # auto's, risico’s
    rf"(?![\w{_MARKS}]|[-‐]\d)"  # not the letter part of a token that carries digits (F-16, covid-19)
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
