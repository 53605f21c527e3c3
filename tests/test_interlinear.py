"""The word-by-word gloss shown without a model: lemma senses in context, separable verbs once, names as written."""

from glossary.interlinear import word_gloss


def test_each_word_gets_its_lemmas_first_sense_in_context():
    """oude zwarte fiets is "old black bicycle", not FreeDict's "oldman Negro cycle"; schreef is "write"."""
    assert word_gloss("Ik heb een oude zwarte fiets.") == "I have a old black bicycle"
    assert word_gloss("Hij schreef een brief.").split()[:2] == ["he", "write"]


def test_a_separable_verb_is_glossed_once_at_its_verb():
    """terugbrengen: "bracht … terug" is "bring back" at bracht, and the particle adds nothing."""
    assert word_gloss("Hij bracht het boek terug.") == "he bring back the book"


def test_names_stay_as_written():
    """Kremlin and Danilov are names: the gloss leaves them alone; "het" before a noun is "the"."""
    gloss = word_gloss("Het Kremlin heeft Oleksi Danilov gebeld.")
    assert gloss.startswith("the Kremlin") and "Oleksi Danilov" in gloss


def test_function_words_of_the_commonest_300_read_right():
    """The commonest words get the sense that lets a learner read the sentence."""
    assert word_gloss("Zij kwamen tevens.") == "she come also"
    assert word_gloss("Ik zie het niet.") == "I see it not"
