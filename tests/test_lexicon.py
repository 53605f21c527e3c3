"""The core lexicon: its file is valid, it covers the most frequent 20,000 Dutch lemmas, and every batch was reviewed."""

from pathlib import Path

from glossary.lexicon import CORE, core, problems

DATA = CORE.parent


def test_the_lexicon_file_is_valid():
    """Format, parts of speech, articles, senses, duplicates and words wordfreq knows: `make lexicon-check`."""
    assert problems() == []


def test_it_holds_20000_lemmas_separable_verbs_and_expressions():
    """At least 20,000 lemmas, with separable verbs and about a thousand fixed expressions of their own."""
    lexicon = core()
    assert len(lexicon.by_lemma) >= 20_000
    assert sum(any(lexeme.pos == "sepverb" for lexeme in found) for found in lexicon.by_lemma.values()) >= 1_000
    assert len(lexicon.expressions) >= 1_000
    assert lexicon.lexemes("opgeven")[0].pos == "sepverb" and lexicon.by_form["gaf"]


def test_the_commonest_sense_comes_first_for_the_examples_of_the_issue():
    """The senses the first version got wrong now lead with the commonest modern one."""
    first = {lemma: core().lexemes(lemma, "noun")[0].senses[0] for lemma in ("stemming", "bedrijf", "gemeente")}
    assert first == {"stemming": "vote", "bedrijf": "company", "gemeente": "municipality"}
    assert core().lexemes("rendement")[0].senses and core().lexemes("leerling")[0].senses


def test_every_batch_chunk_has_a_review():
    """Each chunk of the batches was read by a second, independent reviewer, whose changes are written down."""
    chunks = sorted(path.stem for path in (DATA / "batches").glob("[0-9][0-9]-[0-9][0-9].tsv"))
    reviewed = {path.stem for path in (DATA / "reviews").glob("*.md")}
    assert chunks and [chunk for chunk in chunks if chunk not in reviewed] == []
    assert "expressions" in reviewed
    for path in (DATA / "reviews").glob("*.md"):
        assert Path(path).read_text(encoding="utf-8").strip().splitlines()[-1].startswith("checked ")
