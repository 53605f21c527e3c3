"""FreeDict's Dutch–English dictionaries in dictd format, read lazily with the standard library.

A dictd dictionary is two files. NAME.index has one line per headword: the headword, the offset
and the length of its definition, tab-separated, the numbers in base64 digits (A=0 … /=63).
NAME.dict.dz is the definitions, gzip-compatible (dictzip). A FreeDict definition is a first line
with the headword and its pronunciation, then one line per sense ("1. core, nucleus, kernel").

freedict-nld-eng (22,753 headwords) gives the senses; freedict-eng-nld (7,720) is inverted to find an
English word for a Dutch word the first one lacks. Nothing is read until the first lookup, and a
definition is only parsed when it is looked up.
"""

import gzip
import os
import re
import unicodedata
from pathlib import Path

from glossary.frequency import english_zipf

DEFAULT_DIR = Path("/usr/share/dictd")
NLD_ENG = "freedict-nld-eng"
ENG_NLD = "freedict-eng-nld"
DICTIONARIES = {NLD_ENG: "dict-freedict-nld-eng", ENG_NLD: "dict-freedict-eng-nld"}  # file name → Debian package
HOW_TO_INSTALL = (
    "sudo apt-get install dict-freedict-nld-eng dict-freedict-eng-nld (Debian/Ubuntu), or unpack the dictd "
    "files of FreeDict's nld-eng and eng-nld from https://freedict.org/downloads/ into a folder "
    "and point LEESPLANK_DICT_DIR at it"
)
_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_SENSE_NUMBER = re.compile(r"^\d+\.\s*")
_NOTE = re.compile(r"\s*\([^)]*\)")

Senses = list[list[str]]


def dictionary_dir() -> Path:
    """Where the dictd files are: $LEESPLANK_DICT_DIR, or Debian's /usr/share/dictd."""
    return Path(os.environ.get("LEESPLANK_DICT_DIR") or DEFAULT_DIR)


def base64_number(digits: str) -> int:
    """Decode a dictd index number (base64 digits, most significant first)."""
    value = 0
    for digit in digits:
        value = value * 64 + _BASE64[digit]
    return value


def normalize(text: str) -> str:
    """FreeDict spells ij as the ligature ĳ and hyphens as U+2010; make them plain."""
    return unicodedata.normalize("NFKC", text).replace("‐", "-").strip()


class DictdFile:
    """One dictd dictionary: its index read on first use, its definitions decompressed on first use."""

    def __init__(self, directory: Path, name: str):
        """Name the files; nothing is read yet."""
        self.index_path = directory / f"{name}.index"
        self.data_path = directory / f"{name}.dict.dz"
        self._offsets: dict[str, list[tuple[int, int]]] | None = None
        self._data: bytes | None = None

    @property
    def installed(self) -> bool:
        """Whether both files are there."""
        return self.index_path.is_file() and self.data_path.is_file()

    @property
    def offsets(self) -> dict[str, list[tuple[int, int]]]:
        """Headword → where its definitions are; the dictd bookkeeping entries (00database…) left out."""
        if self._offsets is None:
            self._offsets = {}
            if self.installed:
                for line in self.index_path.read_text(encoding="utf-8").splitlines():
                    headword, offset, length = line.rsplit("\t", 2)
                    if not headword.startswith("00database"):
                        key = normalize(headword)
                        self._offsets.setdefault(key, []).append((base64_number(offset), base64_number(length)))
        return self._offsets

    def definitions(self, headword: str) -> list[str]:
        """The raw definitions of a normalized headword (several when the index lists it more than once)."""
        places = self.offsets.get(headword)
        if not places:
            return []
        if self._data is None:
            self._data = gzip.decompress(self.data_path.read_bytes())
        return [self._data[offset : offset + length].decode("utf-8") for offset, length in places]


def parse_senses(definition: str) -> Senses:
    """The senses of one definition, each a list of translations; the headword line is skipped."""
    senses = []
    for line in definition.strip().splitlines()[1:]:
        items = [normalize(item) for item in _SENSE_NUMBER.sub("", line).split(",")]
        items = [item for item in items if item]
        if items:
            senses.append(items)
    return senses


def is_prefix_entry(definition: str) -> bool:
    """Whether a definition is for a compound's first part, its headword ending in a hyphen (kern‐ → nuclear)."""
    headword = definition.lstrip().split("/", 1)[0].strip()
    return normalize(headword).endswith("-")


class Dictionary:
    """Dutch→English senses from FreeDict nld-eng, and eng-nld inverted as a fallback; one per folder."""

    def __init__(self, directory: Path):
        """Point at a folder; nothing is read until the first lookup."""
        self.directory = directory
        self.nld_eng = DictdFile(directory, NLD_ENG)
        self.eng_nld = DictdFile(directory, ENG_NLD)
        self._senses: dict[tuple[str, bool], Senses] = {}
        self._lower: dict[str, str] | None = None
        self._reverse: dict[str, list[str]] | None = None

    @property
    def installed(self) -> bool:
        """Whether at least one of the two dictionaries is there."""
        return self.nld_eng.installed or self.eng_nld.installed

    def senses(self, word: str, prefix: bool = False) -> Senses:
        """The nld-eng senses of a word, trying its own spelling first, then lower case.

        With `prefix`, the senses of its entry as the first part of a compound instead (kern- → nuclear).
        """
        found = self._senses.get((word, prefix))
        if found is None:
            key = word if word in self.nld_eng.offsets else self._lowercase_keys().get(word.lower(), "")
            texts = [text for text in self.nld_eng.definitions(key) if is_prefix_entry(text) == prefix] if key else []
            found = self._senses[word, prefix] = [sense for text in texts for sense in parse_senses(text)]
        return found

    def reverse(self, word: str) -> list[str]:
        """English headwords of eng-nld that give `word` as a translation (dreiging → threat)."""
        if self._reverse is None:
            self._reverse = {}
            for english in self.eng_nld.offsets:
                for text in self.eng_nld.definitions(english):
                    for sense in parse_senses(text):
                        for dutch in sense:
                            dutch = _NOTE.sub("", dutch).lower()
                            found = self._reverse.setdefault(dutch, [])
                            if english not in found:
                                found.append(english)
        return self._reverse.get(word.lower(), [])

    def _lowercase_keys(self) -> dict[str, str]:
        """Lower-cased headword → the headword, for case-insensitive lookups."""
        if self._lower is None:
            self._lower = {}
            for key in self.nld_eng.offsets:
                self._lower.setdefault(key.lower(), key)
        return self._lower


_dictionaries: dict[Path, Dictionary] = {}


def default_dictionary() -> Dictionary:
    """The dictionary in dictionary_dir(), one per folder per process."""
    directory = dictionary_dir()
    if directory not in _dictionaries:
        _dictionaries[directory] = Dictionary(directory)
    return _dictionaries[directory]


# FreeDict's nld-eng lost the spaces inside many translations ("ontheotherhand", "storageroom").
_respaced: dict[str, str] = {}
_SHORT_WORDS = frozenset("a of to in on at by up as an or be do go no so it is me my us we he".split())


def respace(item: str) -> str:
    """Put the spaces back into a run-together English phrase made of common words (outof → out of)."""
    if len(item) < 5 or not item.isalpha():
        return item
    if item not in _respaced:
        _respaced[item] = _respace(item)
    return _respaced[item]


def _respace(item: str) -> str:
    """The split into English words whose rarest word is commonest, less half a Zipf point a word: put in order,
    not putin order; give notice, not give not ice. The item unchanged when it is a word or has no such split."""
    def word_zipf(piece: str) -> float:
        """A piece's English Zipf, or -1 when it cannot be a word: short pieces must be function words (of, to)."""
        if len(piece) <= 2 and piece not in _SHORT_WORDS:
            return -1.0
        value = english_zipf(piece)
        return value if value >= (4.5 if len(piece) == 3 else 3.0) else -1.0

    lower = item.lower()
    if english_zipf(lower) >= 2.0:  # a word in its own right: typeset 2.2, but outof 1.8
        return item
    # best[i][n]: (rarest word's Zipf, word ends) of the best split of item[:i] into n words
    best: list[dict[int, tuple[float, list[int]]]] = [{0: (99.0, [])}] + [{} for _ in item]
    for end in range(2, len(item) + 1):
        for start in range(max(0, end - 20), end - 1):
            value = word_zipf(lower[start:end]) if best[start] else -1.0
            if value < 0:
                continue
            for count, (rarest, ends) in best[start].items():
                candidate = (min(rarest, value), ends + [end])
                if count + 1 not in best[end] or candidate[0] > best[end][count + 1][0]:
                    best[end][count + 1] = candidate
    splits = [(rarest - 0.5 * count, ends) for count, (rarest, ends) in best[-1].items() if count >= 2]
    if not splits:
        return item
    ends = max(splits)[1]
    return " ".join(item[start:end] for start, end in zip([0, *ends], ends))
