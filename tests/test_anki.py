"""Anki export: the files Anki's own backend imports, and the rules for choosing and writing them."""

import os

import pytest
from anki.collection import Collection

from glossary.anki import csv_quote, export_deck, guid
from reader.files import write_atomically
from glossary.model import Context, Entry, Glossary
from reader.article import Article, Block, Sentence
from reader.errors import UserError
from tests.anki_import import import_apkg, import_csv, notes
from tests.conftest import SEED

S1 = "Het raketlanceersysteem Iskander, een rakettype dat met kernkoppen uitgerust kan worden."
S2 = 'Poetin noemde het „niets ongewoons" & <b>gevaarlijk</b>.'
S3 = "Dat maakt het dreigement zeer concreet."
S4 = "Opnieuw laat Poetin van zich horen met wapengekletter."
TRANSLATION = "The Iskander missile launch system, a missile type that can be fitted with nuclear warheads."


def make_article() -> Article:
    """A two-paragraph article with sentence offsets, as reader.article.load builds them."""
    first = S1 + " " + S2
    sentences = (Sentence(0, len(S1), S1), Sentence(len(S1) + 1, len(first), S2))
    return Article(
        source="kernwapens.txt",
        title="Kernwapens in Wit-Rusland",
        blocks=(
            Block("paragraph", first, sentences),
            Block("paragraph", S3, (Sentence(0, len(S3), S3),)),
            Block("paragraph", S4, (Sentence(0, len(S4), S4),)),
        ),
    )


def at(block: int, sentence: int, text: str, word: str) -> Context:
    """The context of word's first occurrence in text."""
    start = text.index(word)
    return Context(block, sentence, start, start + len(word))


def make_glossary(**changes) -> Glossary:
    """Terms rarest first, one of them without a gloss, and a name kept apart, as glossary.build returns them."""
    terms = [
        Entry("wapengekletter", {"wapengekletter": 1}, 1.77, 5, contexts=[at(2, 0, S4, "wapengekletter")]),
        Entry("kernkop", {"kernkoppen": 1}, 2.24, 5, gloss="warhead", gloss_source="compound parts",
              contexts=[at(0, 0, S1, "kernkoppen")], article="de"),
        Entry("ongewoon", {"ongewoons": 1}, 2.9, 4, gloss='unusual; "odd"\tstrange',
              contexts=[at(0, 1, S2, "ongewoons")]),
        Entry("dreigement", {"dreigement": 1}, 3.0, 4, gloss="threat", contexts=[at(1, 0, S3, "dreigement")],
              article="het"),
        Entry("rakettype", {"rakettype": 1}, 3.3, 3, gloss="missile type", contexts=[at(0, 0, S1, "rakettype")]),
        Entry("concreet", {"concreet": 1}, 4.1, 2, gloss="concrete", contexts=[at(1, 0, S3, "concreet")]),
    ]
    names = [Entry("Poetin", {"Poetin": 1}, 4.0, 3, contexts=[at(2, 0, S4, "Poetin")], is_name=True)]
    for lemma, gloss in changes.items():
        next(entry for entry in terms if entry.lemma == lemma).gloss = gloss
    return Glossary(terms=terms, names=names)


@pytest.fixture
def col(tmp_path_factory):
    """A fresh, empty Anki collection, as a new Anki profile has, in a folder of its own."""
    collection = Collection(str(tmp_path_factory.mktemp("anki") / "collection.anki2"))
    yield collection
    collection.close()


def export(tmp_path, name="deck.csv", **options):
    """Export the hand-built article and glossary to tmp_path/name."""
    options.setdefault("translations", {S1: TRANSLATION})
    return export_deck(make_article(), make_glossary(), tmp_path / name, **options)


# What Anki stores, field by field, for the default export (level 3 and up, rarest first).
KERNKOP = {
    "Front": "de kernkop",
    "Back": "warhead",
    "Context": "Het raketlanceersysteem Iskander, een rakettype dat met <b>kernkoppen</b> uitgerust kan worden.",
    "Context translation": TRANSLATION,
    "Level": "5",
    "Zipf": "2.24",
}
ONGEWOON = {
    "Front": "ongewoon",
    "Back": "unusual; &quot;odd&quot;\tstrange",
    "Context": "Poetin noemde het „niets <b>ongewoons</b>&quot; &amp; &lt;b&gt;gevaarlijk&lt;/b&gt;.",
    "Context translation": "",
    "Level": "4",
    "Zipf": "2.90",
}
TAGS = ["kernwapens-in-wit-rusland", "leesplank"]


def test_csv_header_lines_and_rows(tmp_path):
    result = export(tmp_path)
    lines = result.path.read_text(encoding="utf-8").splitlines()
    assert lines[:7] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Leesplank",
        "#deck:Leesplank",
        "#columns:GUID\tFront\tBack\tContext\tContext translation\tLevel\tZipf\tTags",
        "#guid column:1",
        "#tags column:8",
    ]
    assert result.cards == 4 == len(lines) - 7  # one row per note, no plain header row
    assert lines[7].split("\t")[0] == guid("Leesplank", "kernkop")


def test_csv_quoting():
    assert csv_quote("plain text, with comma") == "plain text, with comma"
    assert csv_quote("#1 hit") == '"#1 hit"'
    assert csv_quote('say "no"') == '"say ""no"""'
    assert csv_quote("a\tb") == '"a\tb"'
    assert csv_quote("a\nb") == '"a\nb"'


def test_csv_imports_into_a_fresh_collection_as_basic(tmp_path, col):
    """Without our note type, Anki falls back to Basic, and the Front and Back columns fill its two fields."""
    import_csv(col, export(tmp_path).path)
    imported = notes(col)
    assert len(imported) == 4
    kernkop = imported[guid("Leesplank", "kernkop")]
    assert kernkop.notetype == "Basic"
    assert kernkop.fields == {"Front": "de kernkop", "Back": "warhead"}
    assert kernkop.decks == ["Leesplank"]
    assert kernkop.tags == [*TAGS, "level-5"]
    assert imported[guid("Leesplank", "dreigement")].fields == {"Front": "het dreigement", "Back": "threat"}


def test_apkg_imports_with_every_field(tmp_path, col):
    result = export(tmp_path, "deck.apkg", fmt="apkg", deck="Nederlands::Nieuws")
    assert result.cards == 4
    import_apkg(col, result.path)
    imported = notes(col)
    assert len(imported) == 4
    kernkop = imported[guid("Nederlands::Nieuws", "kernkop")]
    assert kernkop.notetype == "Leesplank"
    assert kernkop.fields == KERNKOP
    assert kernkop.decks == ["Nederlands::Nieuws"]
    assert kernkop.tags == [*TAGS, "level-5"]
    assert imported[guid("Nederlands::Nieuws", "ongewoon")].fields == ONGEWOON
    # The card shows the term and its sentence on the front.
    assert "de kernkop" in kernkop.questions[0] and "<b>kernkoppen</b>" in kernkop.questions[0]

    import_apkg(col, result.path)
    assert len(notes(col)) == 4


def test_csv_fills_every_field_once_the_note_type_exists(tmp_path, col):
    """After one .apkg brought the Leesplank note type, CSV exports map onto all its fields and share its GUIDs."""
    import_apkg(col, export(tmp_path, "deck.apkg", fmt="apkg").path)
    import_csv(col, export(tmp_path).path)
    imported = notes(col)
    assert len(imported) == 4
    assert {note.notetype for note in imported.values()} == {"Leesplank"}
    assert imported[guid("Leesplank", "kernkop")].fields == KERNKOP
    assert imported[guid("Leesplank", "ongewoon")].fields == ONGEWOON


def test_exporting_again_updates_notes_instead_of_adding(tmp_path, col):
    import_csv(col, export(tmp_path).path)
    again = export_deck(make_article(), make_glossary(kernkop="nuclear warhead"), tmp_path / "deck.csv", force=True)
    import_csv(col, again.path)
    imported = notes(col)
    assert len(imported) == 4
    assert imported[guid("Leesplank", "kernkop")].fields["Back"] == "nuclear warhead"


def test_cloze_csv_gives_cloze_cards(tmp_path, col):
    result = export(tmp_path, cloze=True)
    assert "#notetype:Cloze" in result.path.read_text(encoding="utf-8").splitlines()
    import_csv(col, result.path)
    imported = notes(col)
    assert len(imported) == 4
    kernkop = imported[guid("Leesplank", "kernkop", "cloze")]
    assert kernkop.notetype == "Cloze"
    assert kernkop.fields == {
        "Text": "Het raketlanceersysteem Iskander, een rakettype dat met {{c1::kernkoppen::warhead}} uitgerust "
        "kan worden.",
        "Back Extra": f"<b>de kernkop</b> — warhead<br><i>{TRANSLATION}</i>",
    }
    assert kernkop.tags == [*TAGS, "level-5"]
    # One cloze card per note; its question hides the term behind the English hint.
    assert len(kernkop.questions) == 1 and "[warhead]" in kernkop.questions[0]
    assert "kernkoppen</span>" not in kernkop.questions[0]
    rakettype = imported[guid("Leesplank", "rakettype", "cloze")]
    assert "{{c1::rakettype::missile type}}" in rakettype.fields["Text"]
    assert sum(len(note.questions) for note in imported.values()) == result.cards == 4

    import_csv(col, export(tmp_path, cloze=True, force=True).path)
    assert len(notes(col)) == 4


def test_cloze_markup_in_the_article_makes_no_cards_of_its_own(tmp_path, col, capsys):
    """An article that itself holds {{c2::…}} (a text about Anki, say): the export escapes it, so each note gives
    one card and the count printed is the count Anki makes; the braces still show on the card."""
    from reader.cli import main

    article = tmp_path / "anki.txt"
    article.write_text("Een kaart met {{c2::kernkoppen}} en {{c3::raketten::hint}} in de vazalstaat.\n\n"
                       "Het dreigement van {{c1::wapengekletter}} is concreet.\n", encoding="utf-8")
    path = tmp_path / "cloze.csv"
    assert main(["export", str(article), "-o", str(path), "--cloze", "--min-level", "1"]) == 0
    printed = int(capsys.readouterr().out.split()[1])
    import_csv(col, path)
    imported = notes(col)
    assert printed == len(imported) == sum(len(note.questions) for note in imported.values())
    assert all("{&#123;c" in note.questions[0] for note in imported.values())  # shown as {{c…, not a deletion


def test_cloze_apkg_gives_cloze_cards(tmp_path, col):
    result = export(tmp_path, "cloze.apkg", fmt="apkg", cloze=True)
    import_apkg(col, result.path)
    imported = notes(col)
    assert len(imported) == 4
    ongewoon = imported[guid("Leesplank", "ongewoon", "cloze")]
    assert ongewoon.notetype == "Leesplank Cloze"
    assert ongewoon.fields["Text"] == (
        "Poetin noemde het „niets {{c1::ongewoons::unusual; &quot;odd&quot; strange}}&quot; "
        "&amp; &lt;b&gt;gevaarlijk&lt;/b&gt;."
    )
    assert len(ongewoon.questions) == 1 and "[unusual; &quot;odd&quot; strange]" in ongewoon.questions[0]


def test_selection_level_limit_known_and_names(tmp_path):
    article, glossary = make_article(), make_glossary()

    def lemmas(**options):
        result = export_deck(article, glossary, tmp_path / "sel.csv", force=True, **options)
        rows = result.path.read_text(encoding="utf-8").splitlines()[7:]
        assert result.unglossed == ("wapengekletter",)  # never a card without an answer
        return [row.split("\t")[1] for row in rows]

    assert lemmas() == ["de kernkop", "ongewoon", "het dreigement", "rakettype"]
    assert lemmas(min_level=4, limit=2) == ["de kernkop", "ongewoon"]
    assert lemmas(min_level=1) == ["de kernkop", "ongewoon", "het dreigement", "rakettype", "concreet"]
    statuses = {"kernkop": "known", "dreigement": "ignored", "rakettype": "learning"}
    assert lemmas(statuses=statuses) == ["ongewoon", "rakettype"]
    assert lemmas(statuses=statuses, include_known=True) == ["de kernkop", "ongewoon", "rakettype"]


def test_guid_is_stable_per_lemma_and_deck():
    assert guid("Leesplank", "kernkop") == guid("Leesplank", "kernkop")
    assert guid("Leesplank", "kernkop") != guid("Nieuws", "kernkop")
    assert guid("Leesplank", "kernkop") != guid("Leesplank", "kernkop", "cloze")


@pytest.mark.parametrize(
    "options, message",
    [
        ({"min_level": 6}, "--min-level must be 1 to 5"),
        ({"limit": 0}, "--limit must be at least 1"),
        ({"fmt": "xlsx"}, "unknown format"),
        ({"deck": " \n "}, "deck name is empty"),
        ({"statuses": dict.fromkeys(["kernkop", "ongewoon", "dreigement", "rakettype"], "known")}, "no glossed words"),
    ],
)
def test_bad_options_are_user_errors(tmp_path, options, message):
    with pytest.raises(UserError, match=message):
        export(tmp_path, **options)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "deck.csv"
    target.write_text("my notes")
    with pytest.raises(UserError, match="exists; use --force"):
        export(tmp_path)
    assert target.read_text() == "my notes"
    assert export(tmp_path, force=True).cards == 4
    assert target.read_text(encoding="utf-8").startswith("#separator:tab")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.csv"]


@pytest.mark.parametrize("name", ["missing/deck.csv", "file.txt/deck.csv", "folder"])
def test_unwritable_path_is_a_user_error_and_leaves_nothing(tmp_path, name):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    with pytest.raises(UserError, match="cannot write|is a directory"):
        export(tmp_path, name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "deck.apkg"
    target.write_text("old")

    def fail(temp):
        with open(temp, "w") as half:
            half.write("half a file")
        raise OSError(28, os.strerror(28))

    with pytest.raises(UserError, match="cannot write .*deck.apkg: No space left on device"):
        write_atomically(target, fail, force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = export(tmp_path).path
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644



# The seed article, through glossary.build and the real command line.


@pytest.fixture(scope="module")
def seed():
    """The seed article and its glossary for a learner who has marked nothing yet."""
    from glossary import build
    from reader.article import load

    article = load(str(SEED))
    return article, build(article, {})


def test_seed_default_export_gives_glossed_cards_and_no_names(seed, tmp_path, col):
    article, glossary = seed
    assert glossary.dictionary_installed, "install the FreeDict dictionaries: make dictionaries"
    result = export_deck(article, glossary, tmp_path / "seed.csv")
    assert result.cards >= 25
    import_csv(col, result.path)
    imported = notes(col)
    assert len(imported) == result.cards
    by_guid = {guid("Leesplank", entry.lemma): entry for entry in [*glossary.terms, *glossary.names]}
    for note in imported.values():
        entry = by_guid[note.guid]
        assert not entry.is_name and entry.level >= 3
        assert note.fields["Back"].strip(), f"{entry.lemma} has no English"
        assert note.tags == sorted(["leesplank", "nrc-2023-03-kernwapens-wit-rusland", f"level-{entry.level}"])


def test_cli_export_leaves_out_known_words_unless_asked(tmp_path, capsys):
    from reader.cli import main
    from reader.store import Store

    Store().set_status("kernkop", "known")
    out = tmp_path / "seed.csv"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    cards = int(capsys.readouterr().out.split()[1])  # "wrote N cards to PATH"
    assert cards >= 25
    assert guid("Leesplank", "kernkop") not in out.read_text(encoding="utf-8")

    assert main(["export", str(SEED), "-o", str(out), "--include-known", "--force"]) == 0
    assert f"wrote {cards + 1} cards to {out}" in capsys.readouterr().out
    assert guid("Leesplank", "kernkop") in out.read_text(encoding="utf-8")


def test_cli_refuses_to_overwrite_with_one_line(tmp_path, capsys):
    from reader.cli import main

    out = tmp_path / "seed.csv"
    out.write_text("mine")
    assert main(["export", str(SEED), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"leesplank: {out} exists; use --force to overwrite it\n"
    assert out.read_text() == "mine"


def test_cli_apkg_by_suffix_with_cloze_deck_and_limit(tmp_path, col, capsys):
    from reader.cli import main

    out = tmp_path / "nieuws.apkg"
    assert main(["export", str(SEED), "-o", str(out), "--cloze", "--limit", "5", "--deck", "NL::Nieuws"]) == 0
    import_apkg(col, out)
    imported = notes(col)
    assert len(imported) == 5
    for note in imported.values():
        assert note.notetype == "Leesplank Cloze" and note.decks == ["NL::Nieuws"]
        assert "{{c1::" in note.fields["Text"] and len(note.questions) == 1


def test_cli_default_path_and_translations(tmp_path, monkeypatch, copy_model, capsys):
    """With a model installed, the context sentences are translated (the copy model returns its input)."""
    from reader.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["export", str(SEED), "--limit", "3", "--min-level", "5"]) == 0
    out = tmp_path / "nrc-2023-03-kernwapens-wit-rusland.csv"
    assert capsys.readouterr().out == f"wrote 3 cards to {out.name}\n"
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[7:]]
    assert len(rows) == 3
    for row in rows:
        context, translation = row[3], row[4]
        assert translation and translation == context.replace("<b>", "").replace("</b>", "")
