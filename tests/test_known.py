"""Known words: typed words stored under their lemma, and the `known add/import/list` commands."""

import pytest

from glossary.known import normalise
from reader.cli import main
from reader.errors import UserError
from reader.store import Store


@pytest.mark.parametrize(
    "typed, stored",
    [("kernkoppen", "kernkop"), ("Kernkoppen", "kernkop"), ("gaven", "geven"), ("risico’s", "risico"),
     ("  uitgerust ", "uitrusten"), ("VN-veiligheidsraad", "VN-veiligheidsraad"), ("dreigementen", "dreigement")],
)
def test_typed_words_become_lemmas(typed, stored):
    """What the user types goes through the glossary's own lemmatiser, so it matches the glossary's entries."""
    assert normalise(typed) == stored


def test_not_a_word():
    """Input without letters is refused with a clear message."""
    with pytest.raises(UserError, match="not a word"):
        normalise("123")


def test_known_add_and_list(capsys):
    """`known add` stores lemmas with a status; `known list` shows them by status, then alphabetically."""
    assert main(["known", "add", "kernkoppen", "Vazalstaat"]) == 0
    assert main(["known", "add", "--status", "ignored", "gaven"]) == 0
    assert "known: 2 words (kernkop, vazalstaat)" in capsys.readouterr().out
    assert Store().statuses() == {"kernkop": "known", "vazalstaat": "known", "geven": "ignored"}
    assert main(["known", "list"]) == 0
    assert capsys.readouterr().out == "kernkop\tknown\nvazalstaat\tknown\ngeven\tignored\n"
    assert main(["known", "list", "--status", "ignored"]) == 0
    assert capsys.readouterr().out == "geven\tignored\n"


def test_status_new_clears_a_word(capsys):
    """Giving a word the status new takes it off the list."""
    main(["known", "add", "kernkop"])
    main(["known", "add", "--status", "new", "kernkoppen"])
    assert Store().statuses() == {}
    assert main(["known", "list"]) == 0
    assert "no words marked yet" in capsys.readouterr().err


def test_known_import(tmp_path, capsys):
    """One word per line; blank lines and #-comments are skipped; a BOM is fine."""
    words = tmp_path / "words.txt"
    words.write_text("\ufeff# my words\nkernkoppen\n\ndreigementen\ngaven\n", encoding="utf-8")
    assert main(["known", "import", str(words)]) == 0
    assert Store().statuses() == {"kernkop": "known", "dreigement": "known", "geven": "known"}
    assert "known: 3 words" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, message",
    [(None, "no such file"), (b"", "has no words"), (b"\xff\xfe\x00k", "not UTF-8")],
)
def test_known_import_bad_files(tmp_path, capsys, content, message):
    """A missing, empty or non-UTF-8 file is one line on stderr and exit code 2."""
    path = tmp_path / "words.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["known", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
