"""Words the learner marks (known, ignored, learning): typed or listed words brought to the lemma the store keys on."""

import unicodedata
from pathlib import Path

from glossary.pipeline import word_form
from glossary.tagger import lemma_alone
from glossary.tokenize import APOSTROPHES
from reader.errors import UserError
from reader.store import CONTROL  # never part of a word (a pasted NUL, an escape sequence)


def normalise(word: str) -> str:
    """The lemma a typed word is stored under, through the glossary's own lemmatiser: Kernkoppen → kernkop."""
    text = " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", word)).translate(APOSTROPHES).split())
    if not any(char.isalpha() for char in text):
        raise UserError(f"not a word: {word!r}")
    form = word_form(text)
    return lemma_alone(form.lower()) if form == form.lower() else form  # VN-resolutie keeps its acronym


MAX_WORDS = 3  # per line: a multi-word expression ('s avonds, ten slotte) is fine, a sentence or a CSV row is not


def read_words(path: str) -> tuple[list[str], int]:
    """The words of a word list, one per line, and how many lines were no word (a tab, more than MAX_WORDS
    words, no letter); blank lines and #-comments are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    if "\x00" in text:
        raise UserError(f"{path} is a binary file, not a word list (it holds NUL bytes)")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    words = [line for line in lines if "\t" not in line and len(line.split()) <= MAX_WORDS
             and any(char.isalpha() for char in line)]
    return words, len(lines) - len(words)
