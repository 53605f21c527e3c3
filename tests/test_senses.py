"""Each occurrence gets the sense its sentence points to: the translation's, or else the part of speech's."""

from glossary import build
from glossary.anki import build_notes, export_deck
from reader.article import load


def article_from(tmp_path, text: str):
    """An article from a little text of our own."""
    path = tmp_path / "tekst.txt"
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def test_with_a_translation_the_sense_in_it_comes_first(tmp_path):
    """stemming is "vote; mood": in a sentence translated with "mood" it shows "mood (from this sentence)"."""
    article = article_from(tmp_path, "Na het concert hing er een goede stemming in de zaal.\n")
    sentence = article.blocks[0].sentences[0].text
    glossary = build(article, translations={sentence: "After the concert there was a good mood in the hall."})
    stemming = glossary.entry("stemming")
    context = stemming.contexts[0]
    assert (context.sense, context.sense_source) == ("mood", "from this sentence")
    assert stemming.gloss_at(context).startswith("mood (from this sentence)")
    assert stemming.gloss.startswith("vote")  # the entry keeps the commonest sense first


def test_inflected_english_counts(tmp_path):
    """The sense's English may be inflected in the translation: vote → voted, votes."""
    article = article_from(tmp_path, "Er hing een goede stemming in de zaal.\n")
    sentence = article.blocks[0].sentences[0].text
    glossary = build(article, translations={sentence: "The moods in the hall were good."})
    assert glossary.entry("stemming").contexts[0].sense == "mood"


def test_the_card_shows_the_sense_of_its_sentence(tmp_path):
    """An export with translations puts the sentence's sense first on the card, as the reader's detail does."""
    article = article_from(tmp_path, "Na het concert hing er een goede stemming in de zaal.\n")
    sentence = article.blocks[0].sentences[0].text
    translations = {sentence: "After the concert there was a good mood in the hall."}
    glossary = build(article)
    result = export_deck(article, glossary, tmp_path / "kaarten.csv", min_level=1, translations=translations)
    card = next(line for line in (tmp_path / "kaarten.csv").read_text().splitlines() if "de stemming" in line)
    assert "mood (from this sentence)" in card and result.cards >= 1


def test_without_a_model_the_part_of_speech_chooses(tmp_path):
    """voldoende after "haar" is the noun "pass mark", not the adjective "enough"."""
    article = article_from(tmp_path, "Haar voldoende voor wiskunde was verdiend. Er is voldoende tijd.\n")
    voldoende = build(article).entry("voldoende")
    senses = [voldoende.gloss_at(context).split(" (")[0].split(";")[0] for context in voldoende.contexts]
    assert senses == ["pass mark", "enough"]
    notes = build_notes(article, [voldoende], deck="Leesplank")
    assert notes[0].fields[1].startswith("pass mark")
