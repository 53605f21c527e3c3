"""The one error type that the CLI turns into a single line on stderr, and the cleaning of text for the terminal."""

import unicodedata


class UserError(Exception):
    """A problem the user can fix (bad file, missing model); shown as one line, exit code 2."""


def printable(text) -> str:
    """`text` safe to print: control characters (escape sequences, newlines, bidi overrides) become spaces or go."""
    return "".join(
        " " if ch in "\t\n\r" else "" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in str(text)
    )
