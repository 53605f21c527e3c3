"""Gloss quality on real texts judged by hand: is the first sense shown right in the term's first sentence?

Three folders of texts. tests/data/judged/ holds six texts, each NAME.txt with a NAME.judged.tsv beside it
(lemma, shown, verdict, better) that judges the top 60 terms of its glossary; its README.md says where the
texts come from and how they were judged. tests/data/heldout2/ holds a second, held-out set of texts listed in
its README.md, judged the same way by someone who did not build the glossary; a text there whose
.judged.tsv does not exist yet is skipped (not even built, so nobody sees its glossary by running this).
tests/data/heldout3/ is a third held-out set read the same way: its texts are the files listed in the table of
its README.md (none while the folder or its README does not exist yet), each skipped until its .judged.tsv exists.
A term whose lemma and shown sense match a judged row takes that row's verdict (right, wrong, or none for no
gloss); any other term is unjudged, so a change in the output that nobody has judged yet shows up here.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary import build
from glossary.model import Entry
from reader.article import load

DATA = Path(__file__).resolve().parent / "data"
JUDGED = DATA / "judged"
HELDOUT2 = DATA / "heldout2"
HELDOUT3 = DATA / "heldout3"
TOP = 60
# name → (genre, split); "dev" texts may be looked at while building, "held-out" ones only to measure.
TEXTS = {
    "aptitude-pakketbeheer": ("technical/help: aptitude manual", "dev"),
    "libreoffice-digitale-ondertekening": ("technical/help: LibreOffice help", "held-out"),
    "debian-edu-onderhoud": ("technical/help: Debian Edu manual", "held-out"),
    "debian-faq-wat-is-debian": ("informative: Debian FAQ", "held-out"),
    "nescio-de-uitvreter": ("story: Nescio, 1911", "dev"),
    "kb-blog-dbnl-in-wikipedia": ("blog: KB data story", "held-out"),
}
# The texts of tests/data/heldout2/README.md, all held-out.
HELDOUT2_TEXTS = {
    "wikipedia-roltrap": ("informative: Wikipedia", "held-out"),
    "huisarts-lage-rugpijn": ("advice: health information, B1", "held-out"),
    "mozilla-manifest": ("opinion: Mozilla Manifesto", "held-out"),
    "prentenboeken-zeven-verhalen": ("story: children's picture books", "held-out"),
    "gnome-veilig-wachtwoord-en-internet": ("how-to: GNOME Help", "held-out"),
}
LISTED = re.compile(r"^\| `([^`/]+)\.txt` \|", re.M)  # a text's row in a folder README's table


def listed_texts(folder: Path) -> dict[str, tuple[str, str]]:
    """The texts a held-out folder's README.md lists in its table: name → (genre, "held-out"), in the listed order;
    the genre is the row's "genre" cell when the table has that column. Empty while there is no README yet."""
    readme = folder / "README.md"
    if not readme.exists():
        return {}
    texts: dict[str, tuple[str, str]] = {}
    genre_column = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            genre_column = None
        elif "file" in cells and "genre" in cells:
            genre_column = cells.index("genre")
        elif (found := LISTED.match(line)) is not None:
            genre = cells[genre_column] if genre_column is not None and genre_column < len(cells) else ""
            texts.setdefault(found.group(1), (genre, "held-out"))
    return texts


# The texts of tests/data/heldout3/README.md, all held-out: read from its table, as the folder is still being written.
HELDOUT3_TEXTS = listed_texts(HELDOUT3)
FOLDERS = {"judged": (JUDGED, TEXTS), "heldout2": (HELDOUT2, HELDOUT2_TEXTS), "heldout3": (HELDOUT3, HELDOUT3_TEXTS)}
# Measured over all three folders (judged/, heldout2/, heldout3/) after the glossary changed once more and the 19
# new or changed top terms were judged, with the shown sense cut at the first ';' outside brackets: 747 of 900
# judged terms right (83.0%), 31 of 900 top terms unglossed (3.4%); judged/ alone 286 of 360 (79.4%) and 16
# (4.4%), heldout2/ alone 267 of 300 (89.0%) and 6 (2.0%), heldout3/ alone 194 of 240 (80.8%) and 9 (3.8%).
# (Before: 83.6% and 3.5% over judged/ and heldout2/; when judged/ was first judged: 70.6% and 9.2%.)
BASELINE_RIGHT = 83.0
BASELINE_UNGLOSSED = 3.4
TARGET_UNGLOSSED = 3.0
MAX_UNJUDGED = 10
VERDICTS = {"right", "wrong", "none"}
COLUMNS = ["lemma", "shown", "verdict", "better"]


@dataclass
class Score:
    """The verdicts of one text's (or several texts') top terms."""

    right: int = 0
    wrong: int = 0
    none: int = 0
    unjudged: int = 0
    unglossed: int = 0
    terms: int = 0

    @property
    def judged(self) -> int:
        """Terms that matched a judged row."""
        return self.right + self.wrong + self.none

    @property
    def right_percent(self) -> float:
        """Right verdicts among the judged terms, in percent."""
        return 100 * self.right / self.judged if self.judged else 0.0

    @property
    def unglossed_percent(self) -> float:
        """Terms with no gloss at all among the top terms, in percent."""
        return 100 * self.unglossed / self.terms if self.terms else 0.0

    def add(self, other: "Score") -> None:
        """Add another score's counts to this one."""
        for name in ("right", "wrong", "none", "unjudged", "unglossed", "terms"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        """The counts as one line of the report."""
        return (f"{self.judged} judged, right {self.right_percent:.1f}%, unglossed {self.unglossed_percent:.1f}%, "
                f"unjudged {self.unjudged}")


def first_sense(gloss: str) -> str:
    """The gloss up to its first ';' outside brackets, so that a compound-part gloss such as
    "bewegen (move; affect)" is never cut inside its brackets."""
    depth = 0
    for index, char in enumerate(gloss):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0:
            return gloss[:index].strip()
    return gloss.strip()


def shown_sense(entry: Entry) -> str:
    """The first sense shown: the first context's sense when set, else the gloss up to its first ';' outside
    brackets."""
    context = entry.contexts[0] if entry.contexts else None
    if context is not None and context.sense:
        return context.sense.strip()
    return first_sense(entry.gloss)


def judgements(folder: Path, name: str) -> Path:
    """Where a text's judged rows are (or will be)."""
    return folder / f"{name}.judged.tsv"


def verdicts(folder: Path, name: str) -> dict[tuple[str, str], str]:
    """The judged rows of one text: (lemma, shown) → verdict."""
    with open(judgements(folder, name), encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert rows.fieldnames == COLUMNS, f"{folder.name}/{name}: header {rows.fieldnames}, not {COLUMNS}"
        return {(row["lemma"], row["shown"]): row["verdict"] for row in rows}


def score(folder: Path, name: str) -> Score:
    """Build the text's glossary and score its top terms against the judged rows."""
    glossary = build(load(str(folder / f"{name}.txt")))
    assert glossary.dictionary_installed, "install the FreeDict dictionaries: make dictionaries"
    judged = verdicts(folder, name)
    result = Score()
    for entry in glossary.terms[:TOP]:
        shown = shown_sense(entry)
        result.terms += 1
        result.unglossed += not shown
        verdict = judged.get((entry.lemma, shown))
        if verdict in VERDICTS:
            setattr(result, verdict, getattr(result, verdict) + 1)
        else:
            result.unjudged += 1
    return result


def judged_texts() -> list[tuple[str, str]]:
    """(folder, name) of every text that has its judgements, folder by folder in the listed order."""
    return [(label, name) for label, (folder, texts) in FOLDERS.items()
            for name in texts if judgements(folder, name).exists()]


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], Score]:
    """Every judged text's score, keyed by (folder, name), built once for this module."""
    return {(label, name): score(FOLDERS[label][0], name) for label, name in judged_texts()}


def total(scores: dict[tuple[str, str], Score], label: str | None = None) -> Score:
    """The scores of one folder (or of all, when label is None) added up."""
    result = Score()
    for (folder, _), one in scores.items():
        if label is None or folder == label:
            result.add(one)
    return result


def test_every_text_has_its_judgements():
    """Each text of judged/ has a .txt and a .judged.tsv; every verdict is right, wrong or none."""
    assert {path.stem for path in JUDGED.glob("*.txt")} == set(TEXTS)
    for name in TEXTS:
        assert set(verdicts(JUDGED, name).values()) <= VERDICTS, name


def test_heldout2_texts_are_listed():
    """heldout2/ holds exactly the texts its README lists, and the judgements written so far are well formed."""
    listed = set(LISTED.findall((HELDOUT2 / "README.md").read_text(encoding="utf-8")))
    assert listed == set(HELDOUT2_TEXTS)
    assert {path.stem for path in HELDOUT2.glob("*.txt")} == set(HELDOUT2_TEXTS)
    assert {path.name.removesuffix(".judged.tsv") for path in HELDOUT2.glob("*.judged.tsv")} <= set(HELDOUT2_TEXTS)
    for name in HELDOUT2_TEXTS:
        if judgements(HELDOUT2, name).exists():
            assert set(verdicts(HELDOUT2, name).values()) <= VERDICTS, name


def test_heldout3_texts_are_listed():
    """heldout3/ holds exactly the texts its README lists, and the judgements written so far are well formed."""
    if not (HELDOUT3 / "README.md").exists():
        pytest.skip("tests/data/heldout3/README.md does not exist yet")
    assert {path.stem for path in HELDOUT3.glob("*.txt")} == set(HELDOUT3_TEXTS)
    assert {path.name.removesuffix(".judged.tsv") for path in HELDOUT3.glob("*.judged.tsv")} <= set(HELDOUT3_TEXTS)
    for name in HELDOUT3_TEXTS:
        if judgements(HELDOUT3, name).exists():
            assert set(verdicts(HELDOUT3, name).values()) <= VERDICTS, name


def test_gloss_quality(scores, capsys):
    """Right among judged terms stays within 3 points of the measured figure, unglossed within 1 point above
    it, and no text drifts unjudged."""
    with capsys.disabled():
        print()
        for label, (_, texts) in FOLDERS.items():
            for name, (genre, split) in texts.items():
                if (label, name) in scores:
                    print(f"  {label}/{name} ({genre}; {split}): {scores[label, name].line()}")
                else:
                    print(f"  {label}/{name} ({genre}; {split}): not judged yet, skipped")
            count = sum(folder == label for folder, _ in scores)
            line = total(scores, label).line() if count else "no text judged yet"
            print(f" {label} total ({count} of {len(texts)} texts judged): {line}")
        print(f"gloss quality, all folders: {total(scores).line()}")
    assert total(scores).right_percent >= BASELINE_RIGHT - 3
    assert total(scores).unglossed_percent <= BASELINE_UNGLOSSED + 1
    for (label, name), one in scores.items():
        assert one.unjudged <= MAX_UNJUDGED, f"{label}/{name}: {one.unjudged} top terms unjudged; judge them again"


@pytest.mark.xfail(strict=True, reason=f"{BASELINE_UNGLOSSED}% (31 of 900 top terms) unglossed when measured; the "
                   f"target is {TARGET_UNGLOSSED}% (drop this mark when it is met)")
def test_unglossed_target(scores):
    """At most 3% of the top terms have no gloss at all."""
    assert total(scores).unglossed_percent <= TARGET_UNGLOSSED
