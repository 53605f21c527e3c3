"""Anki export: flashcard notes from an article's glossary, written for Anki's text import or as an .apkg.

The CSV names our note type, Leesplank, whose fields are Front (the Dutch term), Back (the English gloss),
Context, Context translation, Level and Zipf. Anki's text import cannot create a note type: when the
collection lacks Leesplank (the .apkg brings it), Anki falls back to its current note type, usually Basic,
and maps columns by name, so Front and Back still land in Basic's two fields. Cloze exports use Anki's own
Cloze note type (Text, Back Extra), which every collection has.
"""

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from glossary.model import Entry, Glossary
from glossary.senses import choose_senses
from reader.article import Article
from reader.errors import UserError
from reader.files import target_path, write_atomically

NOTETYPE = "Leesplank"
FIELDS = ("Front", "Back", "Context", "Context translation", "Level", "Zipf")
CLOZE_NOTETYPE = "Cloze"  # Anki's stock cloze type, in every collection
APKG_CLOZE_NOTETYPE = "Leesplank Cloze"  # an .apkg brings its own cloze type rather than touch the stock one
CLOZE_FIELDS = ("Text", "Back Extra")
DEFAULT_DECK = "Leesplank"
MAX_DECK_DEPTH = 11  # levels of A::B::…; Anki (26.09) refuses a whole file naming a deeper deck
FORMATS = ("csv", "apkg")
LEVELS = range(1, 6)
# Fixed ids, so that every .apkg export refers to the same note types in the learner's collection.
MODEL_ID = 1739400101
CLOZE_MODEL_ID = 1739400102

CSS = """.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.term { font-size: 30px; }
.context { margin-top: 1em; font-size: 20px; }
.gloss { font-size: 26px; }
.translation { margin-top: 1em; font-size: 18px; font-style: italic; color: #555; }
"""
FRONT = '<div class="term">{{Front}}</div>\n{{#Context}}<div class="context">{{Context}}</div>{{/Context}}'
BACK = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="gloss">{{Back}}</div>\n'
    '{{#Context translation}}<div class="translation">{{Context translation}}</div>{{/Context translation}}'
)
CLOZE_FRONT = "{{cloze:Text}}"
CLOZE_BACK = '{{cloze:Text}}\n<div class="gloss">{{Back Extra}}</div>'


@dataclass(frozen=True)
class Note:
    """One Anki note: a stable GUID, the field values in note-type order, and tags."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Selection:
    """The terms an export makes notes of, and the lemmas it left out for want of an English gloss."""

    entries: list[Entry]
    unglossed: list[str]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the file, how many cards it holds, and the lemmas left out without a gloss."""

    path: Path
    cards: int
    unglossed: tuple[str, ...] = ()


def export_deck(
    article: Article,
    glossary: Glossary,
    path: str | Path | None = None,
    deck: str = DEFAULT_DECK,
    min_level: int = 3,
    limit: int | None = None,
    cloze: bool = False,
    fmt: str = "csv",
    force: bool = False,
    translations: Mapping[str, str] | None = None,
    statuses: Mapping[str, str] | None = None,
    include_known: bool = False,
) -> ExportResult:
    """Select the glossary's terms, build one note each and write them as CSV or .apkg; the CLI and TUI call this."""
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; use csv or apkg")
    deck = " ".join(deck.split())  # a header line holds the deck name, so it must be one line
    if not deck:
        raise UserError("the deck name is empty")
    if deck.count("::") >= MAX_DECK_DEPTH:  # Anki refuses the whole import ("deck nesting level too deep")
        raise UserError(f"the deck name nests {deck.count('::') + 1} levels (A::B::C is 3); Anki takes at most "
                        f"{MAX_DECK_DEPTH}")
    selection = select_entries(glossary, min_level, limit, statuses or {}, include_known)
    if not selection.entries:
        raise UserError(f"no glossed words at level {min_level} or above to export; "
                        "try a lower --min-level or --include-known")
    for entry in selection.entries if translations else ():  # each card leads with the sense its sentence has
        choose_senses(entry, article, translations)
    notes = build_notes(article, selection.entries, deck, cloze=cloze, translations=translations)
    path = export_path(article, path, fmt)
    if fmt == "csv":
        text = csv_text(notes, deck, cloze)
        write_atomically(path, lambda temp: Path(temp).write_text(text, encoding="utf-8"), force)
    else:
        write_atomically(path, lambda temp: write_apkg(notes, temp, deck, cloze), force)
    return ExportResult(path, len(notes), tuple(selection.unglossed))  # each note type has one card per note


def select_entries(
    glossary: Glossary, min_level: int, limit: int | None, statuses: Mapping[str, str], include_known: bool
) -> Selection:
    """The terms worth a card, rarest first: at min_level or above, not ignored, not known unless asked,
    and with an English gloss, since a card without an answer teaches nothing."""
    if min_level not in LEVELS:
        raise UserError(f"--min-level must be 1 to 5, not {min_level}")
    if limit is not None and limit < 1:
        raise UserError(f"--limit must be at least 1, not {limit}")
    left_out = {"ignored"} if include_known else {"ignored", "known"}
    wanted = [e for e in glossary.terms if e.level >= min_level and statuses.get(e.lemma) not in left_out]
    glossed = [entry for entry in wanted if entry.gloss.strip()]
    return Selection(glossed[:limit], [entry.lemma for entry in wanted if not entry.gloss.strip()])


def build_notes(
    article: Article,
    entries: list[Entry],
    deck: str,
    cloze: bool = False,
    translations: Mapping[str, str] | None = None,
) -> list[Note]:
    """One note per entry, in the Leesplank fields or, with cloze, in Cloze's Text and Back Extra."""
    translations = translations or {}
    tags_of_article = ("leesplank", article_slug(article))
    notes = []
    for entry in entries:
        sentence = first_sentence(article, entry)
        dutch = as_html(f"{entry.article} {entry.lemma}" if entry.article else entry.lemma)
        english = as_html(entry.gloss_at(entry.contexts[0] if entry.contexts else None))
        translation = as_html(translations.get(sentence, "")) if sentence else ""
        tags = (*tags_of_article, f"level-{entry.level}")
        if cloze:
            back_extra = f"<b>{dutch}</b> — {english}" + (f"<br><i>{translation}</i>" if translation else "")
            fields = (cloze_text(article, entry), back_extra)
            notes.append(Note(guid(deck, entry.lemma, "cloze"), fields, tags))
        else:
            fields = (dutch, english, context_html(article, entry), translation, str(entry.level), f"{entry.zipf:.2f}")
            notes.append(Note(guid(deck, entry.lemma), fields, tags))
    return notes


def guid(deck: str, lemma: str, kind: str = "") -> str:
    """A GUID derived from deck and lemma, so that exporting again updates the notes instead of adding more."""
    return hashlib.sha256("\x1f".join((deck, lemma, kind)).encode()).hexdigest()[:16]


def first_sentence(article: Article, entry: Entry) -> str:
    """The text of the sentence where the entry first occurs, or '' when it has no context."""
    if not entry.contexts:
        return ""
    context = entry.contexts[0]
    return article.blocks[context.block].sentences[context.sentence].text


def _split_context(article: Article, entry: Entry) -> tuple[str, str, str]:
    """The first context's sentence cut around the term: (before, term, after), each HTML-escaped."""
    sentence = first_sentence(article, entry)
    if not sentence:
        return "", "", ""
    start, end = entry.contexts[0].start, entry.contexts[0].end
    return as_html(sentence[:start]), as_html(sentence[start:end]), as_html(sentence[end:])


def context_html(article: Article, entry: Entry) -> str:
    """The first sentence the entry occurs in, with the term in <b>."""
    before, term, after = _split_context(article, entry)
    return f"{before}<b>{term}</b>{after}" if term else ""


def cloze_text(article: Article, entry: Entry) -> str:
    """The first sentence with the term as cloze c1 and the gloss as its hint; the bare lemma without context."""
    before, term, after = _split_context(article, entry)
    hint = _cloze_safe(as_html(" ".join(entry.gloss.split())))  # a hint is one line
    deletion = _cloze_safe(term or as_html(entry.lemma))
    return _no_cloze(before) + "{{c1::" + deletion + "::" + hint + "}}" + _no_cloze(after)


def as_html(text: str) -> str:
    """Plain text as HTML, since the CSV says #html:true: markup escaped, line breaks (any style) kept as <br>."""
    return html.escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")  # Anki drops a lone \r


def _cloze_safe(text: str) -> str:
    """Text that cannot end a cloze deletion, start its hint early or open another."""
    return _no_cloze(text.replace("::", ":").replace("}}", "} }"))


def _no_cloze(text: str) -> str:
    """HTML text in which Anki finds no cloze: the article's own "{{c2::…}}" would make cards of its own."""
    return text.replace("{{", "{&#123;")


def article_slug(article: Article) -> str:
    """A short ASCII tag and file name for the article, from its title."""
    ascii_title = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) > 50:
        slug = slug[:50].rsplit("-", 1)[0]
    return slug or "article"


def csv_quote(field: str) -> str:
    """A field quoted by the CSV rules when it holds a tab, a quote or a line break, or starts with '#'."""
    if field.startswith("#") or any(c in field for c in '\t"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def csv_text(notes: list[Note], deck: str, cloze: bool = False) -> str:
    """The notes as a tab-separated file for Anki's text import: header lines, then one row per note."""
    columns = ("GUID", *(CLOZE_FIELDS if cloze else FIELDS), "Tags")
    header = [
        "#separator:tab",  # before #columns, which is split on it
        "#html:true",
        f"#notetype:{CLOZE_NOTETYPE if cloze else NOTETYPE}",
        f"#deck:{deck}",
        "#columns:" + "\t".join(columns),
        "#guid column:1",
        f"#tags column:{len(columns)}",
    ]
    rows = ["\t".join(csv_quote(f) for f in (note.guid, *note.fields, " ".join(note.tags))) for note in notes]
    return "\n".join(header + rows) + "\n"


def write_apkg(notes: list[Note], path: str, deck: str, cloze: bool = False) -> None:
    """The notes as an Anki package with its own note type and a clean card template."""
    import genanki

    if cloze:
        model = genanki.Model(
            CLOZE_MODEL_ID, APKG_CLOZE_NOTETYPE, fields=[{"name": f} for f in CLOZE_FIELDS],
            templates=[{"name": "Cloze", "qfmt": CLOZE_FRONT, "afmt": CLOZE_BACK}],
            css=CSS, model_type=genanki.Model.CLOZE,
        )
    else:
        model = genanki.Model(
            MODEL_ID, NOTETYPE, fields=[{"name": f} for f in FIELDS],
            templates=[{"name": "Recognition", "qfmt": FRONT, "afmt": BACK}], css=CSS,
        )
    deck_id = int(hashlib.sha256(deck.encode()).hexdigest()[:8], 16)  # stable, so re-exports land in one deck
    package_deck = genanki.Deck(deck_id, deck)
    for note in notes:
        package_deck.add_note(genanki.Note(model=model, fields=list(note.fields), tags=list(note.tags), guid=note.guid))
    genanki.Package(package_deck).write_to_file(path)


def export_path(article: Article, path: str | Path | None, fmt: str) -> Path:
    """The file to write: path as given, or the article's slug with the format's suffix in the current folder."""
    return target_path(str(path)) if path else Path(f"{article_slug(article)}.{fmt}")
