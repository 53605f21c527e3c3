"""glossary.build on the seed article and small texts, and the `leesplank glossary` command."""

import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from glossary import build
from glossary.dictionary import Dictionary
from glossary.frequency import level
from glossary.model import Context, Entry
from glossary.pipeline import rank
from glossary.stopwords import STOPWORDS
from reader.article import load
from reader.cli import main
from reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"
PEOPLE = ["Poetin", "Loekasjenko", "Cirincione", "Danilov", "Starchak", "Kristensen", "Zahorodnjoek", "Podoljak",
          "Zelensky", "Xi Jinping", "Vladimir", "Aleksandr", "Oleksi", "Maxim", "Hans", "Andri", "Mychajlo",
          "Volodymyr", "Joe"]
OTHER_NAMES = ["Kaliningrad", "Boedapest", "ISW", "NRC", "Kremlin", "Moskou", "Wit-Rusland", "Oekraïne"]
# FreeDict has neither gebral nor brallen, and the word has no parts: no offline source can gloss it.
UNGLOSSABLE = {"gebral"}


@pytest.fixture(scope="module")
def seed():
    """The seed article and its glossary, built once for this module."""
    article = load(str(SEED))
    return article, build(article)


def article_from(tmp_path: Path, text: str):
    """An article loaded from a small text file."""
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def lemmas(entries: list[Entry]) -> list[str]:
    """The entries' lemmas in order."""
    return [entry.lemma for entry in entries]


def test_issue_terms_rank_in_the_top_15(seed):
    """kernkop and vazalstaat are among the first 15 terms."""
    top = lemmas(seed[1].terms[:15])
    assert "kernkop" in top and "vazalstaat" in top


def test_no_name_is_a_vocabulary_term(seed):
    """No person, place or organisation among the terms, in any form."""
    words = {word.lower() for entry in seed[1].terms for word in (entry.lemma, *entry.forms)}
    for name in PEOPLE + OTHER_NAMES:
        for piece in name.lower().split():
            assert piece not in words and piece + "s" not in words, name


def test_every_name_is_in_the_names_list(seed):
    """Each person appears in a name entry; Poetins is folded into Vladimir Poetin."""
    names = lemmas(seed[1].names)
    for name in PEOPLE + OTHER_NAMES:
        assert any(re.search(rf"\b{re.escape(name)}\b", entry) for entry in names), name
    poetin = seed[1].entry("Poetin")
    assert poetin.lemma == "Vladimir Poetin" and poetin.is_name and "Poetins" in poetin.forms
    assert "Institute for the Study of War" in names and "Federation of American Scientists" in names
    assert "Oekraïne of Europa" not in names  # Dutch "of" (or) joins nothing


def test_the_top_30_have_glosses(seed):
    """Every term of the top 30 has an English gloss, but for the ones no offline source knows."""
    unglossed = {entry.lemma for entry in seed[1].terms[:30] if not entry.gloss}
    assert unglossed <= UNGLOSSABLE
    sources = {entry.gloss_source for entry in seed[1].terms[:30] if entry.gloss}
    assert sources <= {"core lexicon", "dictionary", "reverse dictionary", "compound parts", "derivation", "cognate"}


def test_with_a_model_the_rest_get_a_machine_translated_gloss(seed):
    """What no offline source knows (gebral) is glossed by the model, and says so; offline sources come first."""
    asked = []

    def model_gloss(words: list[str]) -> dict[str, str]:
        asked.extend(words)
        return {word: f"english for {word}" for word in words}

    glossary = build(seed[0], machine_gloss=model_gloss)
    assert all(entry.gloss for entry in glossary.terms[:30])
    gebral = glossary.entry("gebral")
    assert (gebral.gloss, gebral.gloss_source) == ("english for gebral", "model")
    assert glossary.entry("vazalstaat").gloss_source == "compound parts"  # offline sources still come first
    assert set(asked) == {entry.lemma for entry in seed[1].terms if not entry.gloss}


def test_a_model_that_echoes_the_word_has_not_glossed_it(seed, copy_model):
    """The copy model "translates" gebral as gebral: that is no gloss, so the word stays unglossed."""
    from reader.translate import Translator

    glossary = build(seed[0], machine_gloss=Translator().translate)
    assert glossary.entry("gebral").gloss == ""


def test_compound_glosses_come_from_the_parts(seed):
    """vazalstaat is in no lexicon: its gloss is built from vazal (vassal) and staat (state)."""
    vazalstaat = seed[1].entry("vazalstaat")
    assert vazalstaat.gloss_source == "compound parts"
    assert [(part.text, part.gloss.split(";")[0]) for part in vazalstaat.parts] == [("vazal", "vassal"), ("staat", "state")]
    assert vazalstaat.gloss.startswith("vazal (vassal) + staat (state")


def test_contexts_map_to_the_text(seed):
    """Every context cuts a form of its entry out of its sentence, and sentence.start + start out of the block."""
    article, glossary = seed
    for entry in glossary.terms + glossary.names:
        for context in entry.contexts:
            block = article.blocks[context.block]
            sentence = block.sentences[context.sentence]
            found = " … ".join(sentence.text[start:end] for start, end in context.pieces)  # schafte … af
            assert block.text[sentence.start + context.start : sentence.start + context.end] == found.split(" … ")[0]
            assert found.replace("’", "'").lower() in {form.replace("’", "'").lower() for form in entry.forms}
        assert entry.count == len(entry.contexts)


def test_spans_by_block(seed):
    """A block's spans are its terms' offsets into the block text, in order."""
    article, glossary = seed
    spans = glossary.spans_by_block(article)[0]
    assert [start for start, _, _ in spans] == sorted(start for start, _, _ in spans)
    text = article.blocks[0].text
    assert ("staatstelevisiekanaal", "staatstelevisiekanaal") in {(text[s:e], entry.lemma) for s, e, entry in spans}


def test_inflections_group_under_one_lemma(tmp_path):
    """kernwapens and kernwapen make one entry with both forms and count 2."""
    glossary = build(article_from(tmp_path, "Het kernwapen is gevaarlijk. Zij hebben twee kernwapens."))
    entry = glossary.entry("kernwapen")
    assert entry.forms == {"kernwapen": 1, "kernwapens": 1} and entry.count == 2


def test_words_in_other_scripts_are_no_dutch_vocabulary(tmp_path):
    """A Hebrew, Arabic or Cyrillic word quoted in a Dutch text is not ranked as a hard Dutch word."""
    text = "Het woord שלום betekent vrede, net als سلام en мир in de kranten van de buurlanden."
    lemmas = {entry.lemma for entry in build(article_from(tmp_path, text)).terms}
    assert {"vrede", "krant", "buurland"} <= lemmas
    assert not any(ord(letter) > 0x24F for lemma in lemmas for letter in lemma)


def test_stopwords_never_become_terms(seed):
    """No function word, and no word under three letters, is a term."""
    for entry in seed[1].terms:
        assert entry.lemma.lower() not in STOPWORDS and len(entry.lemma) >= 3
        assert not set(entry.forms) & STOPWORDS


def test_levels_and_ranking(seed):
    """Levels follow the Zipf bands; terms are in rank order (rarest first, weighted by count)."""
    terms = seed[1].terms
    assert all(entry.level == level(entry.zipf) for entry in terms)
    assert [rank(entry) for entry in terms] == sorted(rank(entry) for entry in terms)
    assert (level(5.3), level(4.7), level(3.4), level(2.2), level(1.6), level(0)) == (1, 2, 3, 4, 5, 5)


def test_sentence_initial_words_are_not_taken_for_names(seed):
    """Opvallend and Vazalstaat start a sentence or heading but are vocabulary; Maxim before Starchak is a name."""
    glossary = seed[1]
    assert not glossary.entry("opvallend").is_name and not glossary.entry("vazalstaat").is_name
    assert glossary.entry("Maxim Starchak").is_name


def test_de_and_het_from_the_text(seed):
    """The article a noun takes is read from the text where it stands before the noun."""
    assert seed[1].entry("dreigement").article == "het"
    assert seed[1].entry("stationering").article == "de"


def test_lookup_by_form_lemma_or_unseen_inflection(seed):
    """Glossary.entry finds a term by any form, its lemma, any case, or an inflection the text does not use."""
    glossary = seed[1]
    kernkop = glossary.entry("kernkop")
    assert glossary.entry("Kernkoppen") is kernkop and glossary.entry("gevechtsvliegtuig").lemma == "gevechtsvliegtuig"
    assert glossary.entry("vazalstaten").lemma == "vazalstaat"
    assert glossary.entry("zzzz") is None


def test_known_and_ignored_words_leave_the_glossary(seed):
    """Statuses attach to lemmas; known and ignored entries are left out unless asked for."""
    article = seed[0]
    statuses = {"kernkop": "known", "vazalstaat": "ignored", "dreigement": "learning"}
    glossary = build(article, statuses)
    assert glossary.entry("kernkop") is None and glossary.entry("vazalstaat") is None
    assert glossary.entry("dreigement").status == "learning"
    everything = build(article, statuses, include_known=True)
    assert everything.entry("kernkoppen").status == "known"


def test_without_a_dictionary(tmp_path):
    """No FreeDict: the same terms and parts, glosses only from our own core lexicon, and the glossary says so."""
    article = article_from(tmp_path, "Poetin noemde de kernkoppen en de vazalstaten een dreigement.")
    glossary = build(article, dictionary=Dictionary(tmp_path / "nothing"))
    assert not glossary.dictionary_installed
    assert all(entry.gloss_source in ("core lexicon", "compound parts") for entry in glossary.terms if entry.gloss)
    assert glossary.entry("noemen").gloss_source == "core lexicon"
    assert [part.text for part in glossary.entry("vazalstaat").parts] == ["vazal", "staat"]
    assert build(article).dictionary_installed


# The command line.
def test_cli_table(capsys):
    """The table lists term, level, count, gloss and parts."""
    assert main(["glossary", str(SEED), "--top", "15"]) == 0
    out = capsys.readouterr().out
    assert "kernkop" in out and "vazalstaat" in out and "parts" in out and "gloss" in out
    assert "Poetin" not in out


def test_cli_json_has_every_field(capsys):
    """JSON holds every Entry field for every term, and the names with --names."""
    assert main(["glossary", str(SEED), "--format", "json", "--names"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dictionary_installed"] is True
    expected = {field.name for field in fields(Entry)} | {"count", "rank"}
    assert all(set(term) == expected for term in data["terms"] + data["names"])
    names = [name["lemma"] for name in data["names"]]
    for person in PEOPLE:
        assert any(person in name for name in names), person
    vazalstaat = next(term for term in data["terms"] if term["lemma"] == "vazalstaat")
    assert vazalstaat["parts"][0] == {"text": "vazal", "link": "", "gloss": "vassal"}
    assert vazalstaat["contexts"][0].keys() == {field.name for field in fields(Context)}


def test_cli_csv_top_and_min_level(capsys):
    """CSV with a header row; --top and --min-level cut the list."""
    assert main(["glossary", str(SEED), "--format", "csv", "--top", "10", "--min-level", "5"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and all(row["level"] == "5" and row["kind"] == "term" for row in rows)
    assert rows[0]["rank"] == "1" and rows[0]["term"] and rows[0]["gloss"]


def test_cli_without_dictionary_says_so_once(tmp_path, monkeypatch, capsys):
    """No dictionary: the glossary still prints, and stderr says why there are no glosses, once."""
    monkeypatch.setenv("LEESPLANK_DICT_DIR", str(tmp_path))
    assert main(["glossary", str(SEED), "--format", "csv", "--top", "5"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("no dictionary installed") == 1 and "dict status" in captured.err
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert len(rows) == 5 and all(row["gloss_source"] in ("", "core lexicon", "compound parts") for row in rows)


def test_cli_bad_options(capsys):
    """A bad --min-level or --top is one line on stderr and exit code 2."""
    assert main(["glossary", str(SEED), "--min-level", "7"]) == 2
    assert main(["glossary", str(SEED), "--top", "0"]) == 2
    assert main(["glossary", "no-such-file.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err


def test_cli_leaves_known_words_out(capsys):
    """Words marked known with `known add` leave the printed glossary."""
    assert main(["known", "add", "kernkoppen"]) == 0
    assert Store().statuses() == {"kernkop": "known"}
    capsys.readouterr()
    assert main(["glossary", str(SEED), "--format", "json"]) == 0
    assert "kernkop" not in [term["lemma"] for term in json.loads(capsys.readouterr().out)["terms"]]


def test_installed_command(tmp_path):
    """The installed `leesplank` script prints the glossary as JSON."""
    script = Path(sys.executable).parent / "leesplank"
    result = subprocess.run([str(script), "glossary", str(SEED), "--format", "json", "--top", "15"],
                            capture_output=True, text=True, timeout=120, check=True)
    top = [term["lemma"] for term in json.loads(result.stdout)["terms"]]
    assert len(top) == 15 and {"kernkop", "vazalstaat"} <= set(top)
