"""The FreeDict dictd reader: index numbers, definitions, prefix entries, the reverse dictionary, laziness, status."""

import gzip
from pathlib import Path

from glossary.dictionary import (
    DEFAULT_DIR, Dictionary, base64_number, default_dictionary, dictionary_dir, parse_senses, respace,
)
from glossary.glosses import short
from reader.cli import main

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def encode(number: int) -> str:
    """A dictd index number in base64 digits."""
    digits = ""
    while True:
        digits = DIGITS[number % 64] + digits
        number //= 64
        if not number:
            return digits


def write_dictd(folder: Path, name: str, entries: list[tuple[str, str]]) -> None:
    """A small dictd dictionary: NAME.index and a gzipped NAME.dict.dz, as dictfmt writes them."""
    data, lines = b"00-database-info\nA test dictionary\n", ["00databaseinfo\tA\t" + encode(34)]
    for headword, definition in entries:
        body = definition.encode()
        lines.append(f"{headword}\t{encode(len(data))}\t{encode(len(body))}")
        data += body
    (folder / f"{name}.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))


NLD_ENG = [
    ("kern", "kern‐ /kˈɛrn/\nnuclear\n"),
    ("kern", "kern /kɛrn/\n1. essence, gist\n2. core, nucleus, kernel, pit\n"),
    ("kop", "kop /kɔp/\n1. head\n2. cup\n"),
    ("wegwĳzer", "wegwĳzer /wɛɣwɛizər/\nsignpost\n"),
    ("Rusland", "Rusland /rʏslɑnt/\nRussia\n"),
    ("uit", "uit /əʏt/\n1. from, outof\n2. becauseof, owingto\n"),
]
ENG_NLD = [("threat", "threat /θret/\ndreiging, bedreiging, dreigement\n"), ("menace", "menace /menəs/\ndreiging\n")]


def make_dictionary(folder: Path) -> Dictionary:
    """Both test dictionaries in `folder`, and a Dictionary on it."""
    write_dictd(folder, "freedict-nld-eng", NLD_ENG)
    write_dictd(folder, "freedict-eng-nld", ENG_NLD)
    return Dictionary(folder)


def test_index_numbers_are_base64_digits():
    """A=0 … /=63, most significant digit first, as in the real index ('kop' is at BL12)."""
    assert base64_number("A") == 0 and base64_number("/") == 63
    assert base64_number("BA") == 64
    assert base64_number("BL12") == ((1 * 64 + 11) * 64 + 53) * 64 + 54
    assert all(base64_number(encode(n)) == n for n in (0, 1, 63, 64, 4095, 10**6))


def test_definitions_become_senses(tmp_path):
    """Numbered sense lines become lists of translations; the headword line is skipped."""
    dictionary = make_dictionary(tmp_path)
    assert dictionary.senses("kop") == [["head"], ["cup"]]
    assert parse_senses("x /x/\n1. a, b\n2. c\n") == [["a", "b"], ["c"]]


def test_prefix_entries_are_kept_apart(tmp_path):
    """kern‐ (a compound's first part) is not mixed into kern's own senses."""
    dictionary = make_dictionary(tmp_path)
    assert dictionary.senses("kern", prefix=True) == [["nuclear"]]
    assert dictionary.senses("kern") == [["essence", "gist"], ["core", "nucleus", "kernel", "pit"]]


def test_ij_ligature_and_case(tmp_path):
    """FreeDict's ĳ ligature matches a typed ij, and lookups fall back to lower case."""
    dictionary = make_dictionary(tmp_path)
    assert dictionary.senses("wegwijzer") == [["signpost"]]
    assert dictionary.senses("rusland") == [["Russia"]] == dictionary.senses("Rusland")


def test_reverse_dictionary(tmp_path):
    """eng-nld inverted: the English words whose entries give a Dutch word."""
    dictionary = make_dictionary(tmp_path)
    assert dictionary.reverse("dreiging") == ["threat", "menace"]
    assert dictionary.reverse("dreigement") == ["threat"]
    assert dictionary.reverse("kernkop") == []


def test_nothing_is_read_before_the_first_lookup(tmp_path):
    """A Dictionary made before its files exist still finds them: it reads them lazily, on the first lookup."""
    dictionary = Dictionary(tmp_path)
    make_dictionary(tmp_path)
    assert dictionary.senses("kop") == [["head"], ["cup"]]


def test_run_together_translations_get_their_spaces_back():
    """FreeDict's "outof" and "becauseof" are respaced when shown; real words are left alone."""
    assert respace("outof") == "out of"
    assert respace("becauseof") == "because of"
    assert respace("ontheotherhand") == "on the other hand"
    assert respace("nucleus") == "nucleus" and respace("typeset") == "typeset"
    assert respace("theUkraine") == "the Ukraine"


def test_short_gloss_puts_the_common_sense_first():
    """FreeDict's senses come in no useful order; the gloss leads with the commonest English."""
    senses = [["extract"], ["infuse"], ["typeset"], ["laydown", "place", "put", "putdown"]]
    assert short(senses).split(",")[0] in ("place", "put")
    assert short([["essence", "gist"], ["core", "nucleus", "kernel", "pit"]]) == "core, nucleus; essence"


def test_dictionary_folder_override(tmp_path, monkeypatch):
    """LEESPLANK_DICT_DIR picks the folder; an empty one means not installed, and lookups find nothing."""
    monkeypatch.setenv("LEESPLANK_DICT_DIR", str(tmp_path))
    assert dictionary_dir() == tmp_path
    dictionary = default_dictionary()
    assert not dictionary.installed and dictionary.senses("kop") == [] and dictionary.reverse("dreiging") == []
    monkeypatch.delenv("LEESPLANK_DICT_DIR")
    assert dictionary_dir() == DEFAULT_DIR


def test_the_installed_debian_dictionaries():
    """The real FreeDict files: vazal and dreigement are in, kernkop is not; kern- is a prefix entry."""
    dictionary = default_dictionary()
    assert dictionary.installed
    assert dictionary.senses("vazal") == [["vassal"]]
    assert dictionary.senses("kern", prefix=True) == [["nuclear"]]
    assert dictionary.senses("kernkop") == [] and dictionary.senses("vazalstaat") == []
    assert "threat" in dictionary.reverse("dreiging")


def test_dict_status_when_installed(capsys):
    """`dict status` names both dictionaries, their headword counts and the folder."""
    assert main(["dict", "status"]) == 0
    out = capsys.readouterr().out
    assert "freedict-nld-eng: installed, 22," in out and "freedict-eng-nld: installed" in out
    assert f"folder: {DEFAULT_DIR}" in out


def test_dict_status_when_missing(tmp_path, monkeypatch, capsys):
    """Without the files it says so, and how to get them."""
    monkeypatch.setenv("LEESPLANK_DICT_DIR", str(tmp_path))
    assert main(["dict", "status"]) == 0
    out = capsys.readouterr().out
    assert "freedict-nld-eng: not installed" in out and "dict-freedict-nld-eng" in out
    assert "apt-get install dict-freedict-nld-eng dict-freedict-eng-nld" in out and "freedict.org" in out
