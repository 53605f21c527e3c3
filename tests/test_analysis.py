"""Dutch as it is written: lemmas from context, separable verbs across the clause, expressions, names and junk.

Every sentence here was written by the team for these tests.
"""

import pytest

from glossary import build
from glossary.analysis import analyse
from glossary.compounds import compound_parts
from glossary.tagger import readings, tag
from glossary.tokenize import tokenize
from reader.article import load


def lemmas(sentence: str) -> list[str]:
    """The lemmas the analysis counts in one sentence, in order."""
    return [word.lemma for word in analyse(sentence, tokenize(sentence))]


# Separable verbs: main clauses with the particle at the end or before a phrase, subordinate clauses,
# perfect tenses and te-infinitives.
SEPARABLE = [
    ("De gemeente schafte de regel vorig jaar af.", "afschaffen"),
    ("Hij bracht het boek gisteren terug.", "terugbrengen"),
    ("De motor sloeg na een paar minuten aan.", "aanslaan"),
    ("Zij zag er na de reis erg moe uit.", "eruitzien"),
    ("Ze gaf het roken vorig jaar op.", "opgeven"),
    ("Hij belde zijn moeder elke zondag op.", "opbellen"),
    ("De trein komt om acht uur aan.", "aankomen"),
    ("Wanneer kom je thuis aan?", "aankomen"),
    ("Mijn broer stond vanochtend om zes uur op.", "opstaan"),
    ("De leraar legde de regel nog een keer uit.", "uitleggen"),
    ("Zij nodigde al haar vrienden uit.", "uitnodigen"),
    ("Het concert vond in de grote zaal plaats.", "plaatsvinden"),
    ("Doe het licht maar uit.", "uitdoen"),
    ("Hij nam zijn jas mee.", "meenemen"),
    ("De kinderen ruimden hun kamer op.", "opruimen"),
    ("Ik stel voor dat we morgen beginnen.", "voorstellen"),
    ("Zij stelde zich aan de nieuwe collega's voor.", "voorstellen"),
    ("Hij gaf het geld terug aan zijn vriend.", "teruggeven"),
    ("Hij kijkt uit naar de vakantie.", "uitkijken"),
    ("De politie hield de verdachte gisteren aan.", "aanhouden"),
    ("Het bedrijf nam vorig jaar veertig mensen aan.", "aannemen"),
    ("De winkel gaat om negen uur open.", "opengaan"),
    ("Ze heeft de regel afgeschaft.", "afschaffen"),
    ("Ze hebben het boek teruggebracht.", "terugbrengen"),
    ("Hij heeft zijn moeder opgebeld.", "opbellen"),
    ("Omdat de gemeente de regel afschafte, protesteerden de bewoners.", "afschaffen"),
    ("Ik weet niet of hij morgen terugkomt.", "terugkomen"),
    ("Ik ga dat morgen uitzoeken.", "uitzoeken"),
    ("We proberen het probleem uit te zoeken.", "uitzoeken"),
    ("Het is moeilijk om die regel af te schaffen.", "afschaffen"),
    ("Zij besloot het huis te verkopen en weg te gaan.", "weggaan"),
    ("Ze vroeg hem het raam dicht te doen.", "dichtdoen"),
    ("Ik kom je morgen ophalen.", "ophalen"),
]


@pytest.mark.parametrize(("sentence", "verb"), SEPARABLE)
def test_separable_verbs_are_joined(sentence, verb):
    """The verb and its particle count as one lemma, wherever the particle stands."""
    assert verb in lemmas(sentence)


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Het boek ligt op de tafel.", "opliggen"),
    ("Hij loopt naar het station.", "naarlopen"),
    ("Ze wacht op de bus.", "opwachten"),
    ("Ik denk aan jou.", "aandenken"),
    ("Zij woont in Amsterdam.", "inwonen"),
    ("Hij praat over zijn werk.", "overpraten"),
    ("Hij is niet in staat om te komen.", "omkomen"),
    ("Zij maakt in dat bedrijf de dienst uit.", "inmaken"),
])
def test_a_preposition_before_its_phrase_is_no_particle(sentence, wrong):
    """A preposition that opens a phrase, and om … te, are never taken for a particle."""
    assert wrong not in lemmas(sentence)


def test_both_pieces_of_a_separable_verb_are_one_occurrence(tmp_path):
    """The glossary entry covers "schafte" and "af", and the hint marks both."""
    path = tmp_path / "regel.txt"
    path.write_text("De gemeente schafte de regel vorig jaar af, tot verdriet van velen.\n")
    article = load(str(path))
    glossary = build(article)
    entry = glossary.entry("afschaffen")
    assert entry.forms == {"schafte … af": 1}
    sentence = article.blocks[0].sentences[0].text
    assert [sentence[start:end] for start, end in entry.contexts[0].pieces] == ["schafte", "af"]
    spans = glossary.spans_by_block(article)[0]
    assert [article.blocks[0].text[s:e] for s, e, found in spans if found is entry] == ["schafte", "af"]
    assert "schaffen" not in [term.lemma for term in glossary.terms]


@pytest.mark.parametrize(("sentence", "expression"), [
    ("Hij houdt rekening met de buren.", "rekening houden met"),
    ("Hij houdt er geen rekening mee.", "rekening houden met"),
    ("Tot nu toe gaat het goed.", "tot nu toe"),
    ("Zij maakt in dat bedrijf de dienst uit.", "de dienst uitmaken"),
    ("Dat onderwerp kwam gisteren aan de orde.", "aan de orde komen"),
    ("Ik maak me zorgen over het klimaat.", "zich zorgen maken over"),
    ("Hij is niet in staat om te komen.", "in staat zijn"),
])
def test_fixed_expressions_are_found_inflected_and_apart(sentence, expression):
    """An expression's fixed words together, its verb anywhere in the clause, a reflexive for zich."""
    assert expression in lemmas(sentence)


@pytest.mark.parametrize(("words", "position", "expected"), [
    ("ze stalen het geld", 1, ("verb", "stelen")),
    ("het stalen hek", 1, ("adj", "stalen")),
    ("de fiets staat buiten", 1, ("noun", "fiets")),
    ("ik fiets naar huis", 1, ("verb", "fietsen")),
    ("de toets was moeilijk", 1, ("noun", "toets")),
    ("de boot vertrekt", 1, ("noun", "boot")),
    ("zij dronken thee", 1, ("verb", "drinken")),
    ("hij is dronken", 2, ("adj", "dronken")),
    ("een voldoende halen", 1, ("noun", "voldoende")),
    ("de rode auto", 1, ("adj", "rood")),
    ("het was koud", 1, ("verb", "zijn")),
    ("ik weet het", 1, ("verb", "weten")),
    ("ik zie het niet", 2, ("pron", "het")),
    ("het oude huis", 0, ("det", "het")),
])
def test_part_of_speech_and_lemma_come_from_the_neighbours(words, position, expected):
    """After a determiner a noun or adjective, after a subject or te a verb; strong past forms to their infinitive."""
    assert tag(words.split())[position] == expected


def test_inflected_adjectives_participles_and_plurals_of_unlisted_words():
    """Words the lexicon lacks are read through the lexicon word they end in; old spelling as new."""
    assert readings("bugreparaties") == {"noun": "bugreparatie"}
    assert readings("conflicteert") == {"verb": "conflicteren"}
    assert readings("geïnstalleerde") == {"adj": "geïnstalleerd"}
    assert readings("heelemaal") == {"adv": "helemaal"}
    assert readings("buitenlandsche") == {"adj": "buitenlands"}


def test_a_diminutive_is_its_own_entry_with_its_bases_gloss(tmp_path):
    """huisje is counted as huisje, and glossed from huis."""
    path = tmp_path / "huisje.txt"
    path.write_text("Aan de rand van het bos stond een klein huisjeplaatsje. Het boompje groeide langzaam.\n")
    glossary = build(load(str(path)))
    boompje = glossary.entry("boompje")
    assert boompje.lemma == "boompje" and boompje.gloss.startswith("little ")


@pytest.mark.parametrize("word", ["hamster", "marinier", "varken", "staren", "informatie", "kalender", "werkster"])
def test_false_compounds_stay_whole(word):
    """Loanwords and simple words are never cut into fragments that happen to be Dutch words."""
    assert compound_parts(word) == ()


def names_and_terms(tmp_path, text: str) -> tuple[list[str], list[str]]:
    """The name entries and term lemmas of a text."""
    path = tmp_path / "text.txt"
    path.write_text(text)
    glossary = build(load(str(path)))
    return [entry.lemma for entry in glossary.names], [entry.lemma for entry in glossary.terms]


def test_surname_particles_and_first_names_stay_with_the_name(tmp_path):
    """Jan van der Meer and Vincent van Gogh are one name each; no piece becomes a word."""
    names, terms = names_and_terms(tmp_path, "Vincent van Gogh schilderde in Arles. Jan van der Meer woonde in Delft.\n")
    assert {"Vincent van Gogh", "Jan van der Meer"} <= set(names)
    assert "jan" not in terms and "meer" not in terms


def test_a_heading_in_title_case_holds_no_names(tmp_path):
    """Capitalised common words in a heading are words, not names."""
    names, terms = names_and_terms(tmp_path, "Nieuwe Regels Voor Scholen\n\nDe regels voor scholen veranderen volgend jaar.\n")
    assert names == [] and "school" in terms


def test_addresses_code_sound_words_and_english_are_no_terms(tmp_path):
    """URLs, e-mail addresses, paths, file names, camelCase, tok-tok and an English sentence give no terms."""
    text = ("Kijk op www.voorbeeld.nl/regels of mail info@voorbeeld.nl voor de regels. Het bestand staat in "
            "/usr/share/leesplank en heet instellingen.toml. Roep getValue aan. Het tok-tok-geluid kwam uit de oude kast. "
            "This sentence is in English and has nothing to do with the rest.\n")
    _, terms = names_and_terms(tmp_path, text)
    for junk in ("voorbeeld", "usr", "share", "toml", "getvalue", "tok-tok-geluid", "sentence", "nothing"):
        assert junk not in terms
    assert "kast" in terms and "regel" in terms
