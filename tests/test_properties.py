"""Properties that must hold for any input: tokenizer offsets, the Anki CSV round trip, and word statuses over a reopen.

The sentence splitter's property (no character lost or added) is in tests/test_sentences.py.
"""

import csv
import io
import tempfile
import unicodedata
from pathlib import Path

import pytest
from anki.collection import Collection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.anki import Note, as_html, csv_quote, csv_text
from glossary.tokenize import tokenize
from reader.store import STATUSES, Store
from tests.anki_import import import_csv, notes

# Pieces of real text from several scripts: Dutch words and punctuation, emoji (with skin tones, joiners,
# flags and variation selectors), Hebrew and Arabic with their vowel points, bidi marks, and combining accents.
PIECES = [
    "kat", "Wit-Rusland", "auto's", "risico’s", "’s avonds", "F-16", "covid-19", "naïef", "ĳs", "2023", "3,5",
    " ", "  ", "\n", "\t", ".", ",", "-", "‐", "'", "’", "„", "”", "(", ")", "…",
    "🐈‍⬛", "👍🏽", "🇳🇱", "❤️", "👩‍👩‍👧", "🙂",
    "שָׁלוֹם", "עולם", "مَرْحَبًا", "بالعالم", "\u200f", "\u200e", "\u202b", "\u202c",
    "e\u0301", "i\u0308", "\u0308", "\u0301\u0327", "a\u0300\u0323", "\u05b4", "\u064e",
]
MIXED_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


def is_mark(char: str) -> bool:
    """Whether a character is a combining mark of the Basic Multilingual Plane (glossary.tokenize keeps those)."""
    return unicodedata.category(char).startswith("M") and ord(char) < 0x10000


@given(MIXED_TEXT)
def test_token_offsets_point_at_the_tokens_text(text):
    """Tokens are in order, do not overlap, match their offsets, and never cut an accent or point off its letter."""
    end = 0
    for token in tokenize(text):
        assert token.start >= end and text[token.start : token.end] == token.text and token.text
        assert not is_mark(token.text[0]), token
        assert token.end == len(text) or not is_mark(text[token.end]), (token, text[token.end])
        end = token.end


@given(st.text())
def test_token_offsets_hold_for_any_unicode(text):
    """Whatever the characters, offsets cut each token's text from the input."""
    end = 0
    for token in tokenize(text):
        assert token.start >= end and text[token.start : token.end] == token.text
        end = token.end


def test_decomposed_accents_stay_in_their_word():
    """Text pasted in decomposed form (e + combining accent) gives the same words, with their accents."""
    text = unicodedata.normalize("NFD", "Het systeem is geïnstalleerd in één nacht, zeiden de Oekraïners.")
    assert [unicodedata.normalize("NFC", token.text) for token in tokenize(text)] == [
        "Het", "systeem", "is", "geïnstalleerd", "in", "één", "nacht", "zeiden", "de", "Oekraïners"]


# Anki's text import: tab-separated, fields quoted with " when they hold a tab, a quote or a line break
# (quotes doubled inside), a record starting with # is a comment, header lines come first.
FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
TAGS = st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True), min_size=1, max_size=3)


def read_rows(text: str) -> list[list[str]]:
    """The records after the header lines, read with the csv module by Anki's rules."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    body = "\n".join(lines[first:])
    return list(csv.reader(io.StringIO(body, newline=""), delimiter="\t", quotechar='"', doublequote=True, strict=True))


@given(st.lists(st.tuples(st.lists(FIELD, min_size=6, max_size=6), TAGS), min_size=1, max_size=5))
def test_an_exported_csv_row_reads_back_as_the_same_fields(rows):
    """Any field text, tabs, quotes, line breaks and leading # included, comes back field for field."""
    exported = [Note(f"{i:016x}", tuple(fields), tuple(tags)) for i, (fields, tags) in enumerate(rows)]
    read = read_rows(csv_text(exported, "Leesplank"))
    assert read == [[note.guid, *note.fields, " ".join(note.tags)] for note in exported]


@given(FIELD)
def test_no_field_can_start_a_comment(field):
    """Anki skips a record that starts with #, so a field never starts with an unquoted #."""
    assert not csv_quote(field).startswith("#") and csv_quote(field).count('"') % 2 == 0


@pytest.fixture(scope="module")
def anki_folder(tmp_path_factory) -> Path:
    """A folder for the collections of the Anki round trip."""
    return tmp_path_factory.mktemp("anki-property")


# What an article, a dictionary or a model can put in a field: any text but control characters (the loader
# drops them; Anki would too), with tabs and line breaks.
TEXT = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\t\n\r")),
               max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT.filter(str.strip), TEXT, TAGS)
def test_anki_itself_imports_the_same_fields(anki_folder, front, back, tags):
    """Anki's own importer, on a fresh collection (Basic note type), stores the exported HTML field for field."""
    note = Note("0123456789abcdef", (as_html(front), as_html(back), "", "", "3", "3.00"), tuple(tags))
    with tempfile.TemporaryDirectory(dir=anki_folder) as folder:
        path = Path(folder) / "deck.csv"
        path.write_text(csv_text([note], "Leesplank"), encoding="utf-8")
        col = Collection(str(Path(folder) / "collection.anki2"))
        try:
            import_csv(col, path)
            imported = notes(col)[note.guid]
        finally:
            col.close()
    # Anki stores text in NFC; the article is NFC already (reader.article composes it on loading).
    assert imported.fields == {"Front": unicodedata.normalize("NFC", note.fields[0]),
                               "Back": unicodedata.normalize("NFC", note.fields[1])}
    assert imported.tags == sorted(set(tags))


# Word statuses: any sequence of marks, then a reopen.
LEMMAS = st.one_of(st.sampled_from(["kernkop", "vazalstaat", "oorlog", "Poetin", "’s avonds", "geïnstalleerd"]),
                   st.text(min_size=1, max_size=12))
OPERATIONS = st.lists(st.tuples(st.lists(LEMMAS, min_size=1, max_size=3), st.sampled_from(STATUSES)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(OPERATIONS, st.integers(min_value=0, max_value=25))
def test_statuses_survive_any_marks_and_a_reopen(operations, reopen_at):
    """After any mix of set and unset (new), one word or several at a time, a reopened store holds exactly the
    statuses a dict would; a reopen in the middle changes nothing."""
    expected: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "leesplank.sqlite3"
        store = Store(path)
        for step, (lemmas, status) in enumerate(operations):
            if step == reopen_at:
                store.close()
                store = Store(path)
            if len(lemmas) == 1:
                store.set_status(lemmas[0], status)
            else:
                store.set_statuses(lemmas, status)
            for lemma in lemmas:
                if status == "new":
                    expected.pop(lemma, None)
                else:
                    expected[lemma] = status
        store.close()
        reopened = Store(path)
        assert reopened.statuses() == expected
        assert reopened.notice == ""
        reopened.close()
