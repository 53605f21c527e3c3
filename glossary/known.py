"""Words the learner marks (known, ignored, learning): typed or listed words brought to the lemma the store keys on."""

import re
import unicodedata
from pathlib import Path

from glossary.pipeline import word_form
from glossary.tagger import lemma_alone
from glossary.tokenize import APOSTROPHES
from reader.errors import UserError

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never part of a word (a pasted NUL, an escape sequence)


def normalise(word: str) -> str:
    """The lemma a typed word is stored under, through the glossary's own lemmatiser: Kernkoppen → kernkop."""
    text = " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", word)).translate(APOSTROPHES).split())
    if not any(char.isalpha() for char in text):
        raise UserError(f"not a word: {word!r}")
    form = word_form(text)
    return lemma_alone(form.lower()) if form == form.lower() else form  # VN-resolutie keeps its acronym


def read_words(path: str) -> list[str]:
    """The words of a word list: one per line, blank lines and #-comments skipped."""
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
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
