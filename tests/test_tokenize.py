"""The tokenizer: offsets, hyphenated words and apostrophe forms kept whole, numbers left out."""

from hypothesis import given
from hypothesis import strategies as st

from glossary.tokenize import tokenize


def words(text: str) -> list[str]:
    """The tokens' texts as written."""
    return [token.text for token in tokenize(text)]


def test_hyphenated_words_stay_whole():
    """Wit-Rusland and VN-veiligheidsraad are one token each."""
    assert words("In Wit-Rusland en de VN-veiligheidsraad.") == ["In", "Wit-Rusland", "en", "de", "VN-veiligheidsraad"]


def test_apostrophe_forms_stay_whole_and_are_normalised():
    """auto's, risico’s (curly), 's avonds and Poetins are one token each; the normal form has a straight apostrophe."""
    tokens = tokenize("auto's en risico’s, ’s avonds Poetins zet")
    assert [token.text for token in tokens] == ["auto's", "en", "risico’s", "’s avonds", "Poetins", "zet"]
    assert [token.norm for token in tokens][2:4] == ["risico's", "'s avonds"]


def test_numbers_and_punctuation_are_left_out():
    """Tokens carrying digits (F-16, 2022, 2e) are no words; quotes around a word are not part of it."""
    assert words("In 2022 vlogen 4 F-16's, de 2e keer; ‘first strike’ – „zeer geschikt”") == [
        "In", "vlogen", "de", "keer", "first", "strike", "zeer", "geschikt"]


def test_offsets_point_into_the_text():
    """Each token's start and end cut its text out of the sentence."""
    text = "Het raketlanceersysteem Iskander, een rakettype dat met kernkoppen uitgerust kan worden."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_a_hyphen_without_a_word_after_it_ends_the_word():
    """land- en tuinbouw: the elided compound keeps its first part."""
    assert words("land- en tuinbouw") == ["land", "en", "tuinbouw"]


@given(st.text(alphabet="abcëï -'’0123456789.,„”AB\n", max_size=60))
def test_offsets_hold_for_any_text(text):
    """For any text, tokens are in order, do not overlap and match their offsets."""
    end = 0
    for token in tokenize(text):
        assert token.start >= end and text[token.start : token.end] == token.text
        end = token.end
