"""The Dutch sentence splitter: hard cases by hand, and a lossless property with hypothesis."""

import pytest
from hypothesis import given, strategies as st

from reader.sentences import split_sentences


def texts(paragraph: str) -> list[str]:
    """The sentences of a paragraph as strings."""
    return [sentence.text for sentence in split_sentences(paragraph)]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Hij kwam. Zij ging.", ["Hij kwam.", "Zij ging."]),
        ("„Kom je?” vroeg hij. „Ja!” Ze ging.", ["„Kom je?” vroeg hij.", "„Ja!”", "Ze ging."]),
        ('"Wat nu?" Hij wachtte.', ['"Wat nu?"', "Hij wachtte."]),
        ("„Dat is het einde.” Daarna niets.", ["„Dat is het einde.”", "Daarna niets."]),
        ("Dat zei dr. Jansen. Prof. De Vries zweeg.", ["Dat zei dr. Jansen.", "Prof. De Vries zweeg."]),
        ("Zie o.a. blz. 4 en bijv. nr. 7, d.w.z. de rest.", ["Zie o.a. blz. 4 en bijv. nr. 7, d.w.z. de rest."]),
        ("Ik sprak mr. Smit, drs. Bakker, ir. Jansen en ca. tien anderen.", None),
        ("Het gaat om de zgn. koopkracht van 3 jl. en bv. e.d. zaken.", None),
        ("J.F. Kennedy werd vermoord. Dat was in 1963.", ["J.F. Kennedy werd vermoord.", "Dat was in 1963."]),
        ("De rente steeg 3,5 procent op 1 jan. 2023 tot 4,1 procent.", None),
        ("Appels, peren enz. Daarna kwam de rest.", ["Appels, peren enz.", "Daarna kwam de rest."]),
        ("Nou... Wat nu? Hij wacht… en wacht.", ["Nou...", "Wat nu?", "Hij wacht… en wacht."]),
        ("Ze riep: „Help!” en rende weg.", None),
        ("De VS. Daarna Europa.", ["De VS.", "Daarna Europa."]),
        (",,Dat er kernwapens komen, werd duidelijk”, stelt hij. Nu ,,is het zo”.",
         [",,Dat er kernwapens komen, werd duidelijk”, stelt hij.", "Nu ,,is het zo”."]),
    ],
)
def test_hard_cases(paragraph, expected):
    assert texts(paragraph) == (expected or [paragraph])


def test_offsets_point_into_the_paragraph():
    paragraph = "  Eerste zin.   Tweede zin?\n Derde! "
    sentences = split_sentences(paragraph)
    assert [paragraph[s.start:s.end] for s in sentences] == ["Eerste zin.", "Tweede zin?", "Derde!"]


def rebuild(paragraph: str) -> str:
    """The paragraph put back together from its sentences and the gaps between them."""
    sentences = split_sentences(paragraph)
    pieces, position = [], 0
    for sentence in sentences:
        pieces += [paragraph[position:sentence.start], sentence.text]
        position = sentence.end
    return "".join(pieces) + paragraph[position:]


DUTCH_BITS = st.sampled_from(
    ["Hij", "kwam", "dr.", "J.F.", "Kennedy", "o.a.", "3,5", "jan.", "2023", "„", "”", '"', "?", "!", ".", "...",
     "…", ",,", "enz.", "VS.", "(zie", "blz.", "4)", "Oekraïne", "’s", "–", " ", "  ", "\n", "\t", "ĳ", "🙂"]
)


@given(st.lists(st.one_of(DUTCH_BITS, st.text(max_size=5)), max_size=40).map(" ".join))
def test_splitting_loses_and_adds_nothing(paragraph):
    sentences = split_sentences(paragraph)
    assert rebuild(paragraph) == paragraph
    for sentence in sentences:
        assert paragraph[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
    bounds = [0, *(offset for s in sentences for offset in (s.start, s.end)), len(paragraph)]
    assert bounds == sorted(bounds)
    gaps = [paragraph[start:end] for start, end in zip(bounds[::2], bounds[1::2])]
    assert all(not gap.strip() for gap in gaps)
