"""The learner's own glosses: stored per lemma, they win in the glossary, the hints and the export, and travel in backups."""

import csv
import io
import json

from glossary import build
from glossary.anki import build_notes
from reader.article import load
from reader.cli import main
from reader.store import Store
from tests.conftest import SEED


def test_a_learner_gloss_wins_in_the_glossary_and_says_so(capsys):
    """`gloss set` takes any form, stores the lemma, and the glossary shows that gloss with source "learner"."""
    assert main(["gloss", "set", "Kernkoppen", "warhead (nuclear)"]) == 0
    assert capsys.readouterr().out == "kernkop: warhead (nuclear)\n"
    assert main(["glossary", str(SEED), "--format", "csv"]) == 0
    row = next(r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["term"] == "kernkop")
    assert (row["gloss"], row["gloss_source"]) == ("warhead (nuclear)", "learner")


def test_list_and_reset(capsys):
    """`gloss list` shows lemma and gloss; `reset WORD` removes one, `reset --all` the rest; a bare reset is refused."""
    for word, gloss in (("vazalstaat", "puppet state"), ("dreigement", "threat")):
        assert main(["gloss", "set", word, gloss]) == 0
    capsys.readouterr()
    assert main(["gloss", "list"]) == 0
    assert capsys.readouterr().out == "dreigement\tthreat\nvazalstaat\tpuppet state\n"
    assert main(["gloss", "reset", "vazalstaten"]) == 0 and Store().learner_glosses() == {"dreigement": "threat"}
    assert main(["gloss", "reset"]) == 2
    assert main(["gloss", "reset", "--all"]) == 0 and Store().learner_glosses() == {}


def test_bad_glosses_are_one_line_and_exit_2(capsys):
    """An empty or over-long gloss, or a non-word, is refused with one line on stderr."""
    assert main(["gloss", "set", "kernkop", "  \x1b[2J "]) == 2
    assert main(["gloss", "set", "kernkop", "x" * 81]) == 2
    assert main(["gloss", "set", "123", "number"]) == 2
    assert all(line.startswith("leesplank: ") for line in capsys.readouterr().err.splitlines())
    assert Store().learner_glosses() == {}


def test_the_learner_gloss_goes_on_the_card():
    """The export's Back field is the learner's gloss."""
    article = load(str(SEED))
    glossary = build(article, learner_glosses={"vazalstaat": "puppet state"})
    entry = glossary.entry("vazalstaat")
    notes = build_notes(article, [entry], deck="Leesplank")
    assert notes[0].fields[1] == "puppet state"


def test_learner_glosses_travel_in_the_backup(tmp_path, monkeypatch):
    """`data export` holds them and `data import` on a new machine restores them."""
    Store().set_learner_gloss("kernkop", "warhead")
    backup = tmp_path / "backup.json"
    assert main(["data", "export", str(backup)]) == 0
    assert json.loads(backup.read_text())["learner_gloss"] == {"kernkop": "warhead"}
    monkeypatch.setenv("LEESPLANK_HOME", str(tmp_path / "new-machine"))
    assert main(["data", "import", str(backup)]) == 0
    assert Store().learner_glosses() == {"kernkop": "warhead"}
