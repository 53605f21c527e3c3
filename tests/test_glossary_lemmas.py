"""Lemmas: simplemma, the correction table for its errors, and the rules for words it does not know."""

import pytest
import simplemma

from glossary.lemmas import CORRECTIONS, lemma


@pytest.mark.parametrize("form", sorted(CORRECTIONS))
def test_every_correction_fixes_a_real_simplemma_error(form):
    """Each table row is needed: simplemma gets the form wrong, the table gets it right."""
    assert simplemma.lemmatize(form, lang="nl") != CORRECTIONS[form]
    assert lemma(form) == CORRECTIONS[form]


@pytest.mark.parametrize(
    "form, expected",
    [
        ("gaven", "geven"),  # the example: simplemma says gave (gift)
        ("kernkoppen", "kernkop"),
        ("gevechtsvliegtuigen", "gevechtsvliegtuig"),
        ("uitgerust", "uitrusten"),  # simplemma's uit_rusten, a separable verb, joined
        ("grootmachten", "grootmacht"),  # simplemma's groot_macht
        ("kregen", "krijgen"),
        ("lijken", "lijken"),  # the verb, not lijk (corpse)
        ("risico's", "risico"),
        ("gestationeerd", "stationeren"),  # unknown to simplemma: ge…eerd → …eren
        ("verwoestende", "verwoestend"),  # unknown: -ende → -end
        ("tankgranaten", "tankgranaat"),  # unknown compound: its head lemmatised
        ("lanceerplekken", "lanceerplek"),
        ("anti-tankgranaten", "anti-tankgranaat"),
        ("wapentuig", "wapentuig"),  # not wapentuigen: a head lemma may only get shorter
        ("'s avonds", "'s avonds"),
    ],
)
def test_lemmas(form, expected):
    """Inflected forms reach their dictionary form."""
    assert lemma(form) == expected
