"""Gloss quality on six real texts judged by hand: is the first sense shown right in the term's first sentence?

Each tests/data/judged/NAME.txt has a NAME.judged.tsv beside it (lemma, shown, verdict, better) that judges
the top 60 terms of its glossary; tests/data/judged/README.md says where the texts come from and how they were
judged. A term whose lemma and shown sense match a judged row takes that row's verdict (right, wrong, or none
for no gloss); any other term is unjudged, so a change in the output that nobody has judged yet shows up here.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary import build
from glossary.model import Entry
from reader.article import load

JUDGED = Path(__file__).resolve().parent / "data" / "judged"
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
# Measured when the texts were judged: 254 of 360 judged terms right (70.6%), 33 of 360 unglossed (9.2%).
BASELINE_RIGHT = 70.6
BASELINE_UNGLOSSED = 9.2
TARGET_UNGLOSSED = 3.0
MAX_UNJUDGED = 10


@dataclass
class Score:
    """The verdicts of one text's (or all texts') top terms."""

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


def shown_sense(entry: Entry) -> str:
    """The first sense shown: the first context's sense when set, else the gloss up to its first ';'."""
    context = entry.contexts[0] if entry.contexts else None
    if context is not None and context.sense:
        return context.sense.strip()
    return entry.gloss.split(";")[0].strip()


def verdicts(name: str) -> dict[tuple[str, str], str]:
    """The judged rows of one text: (lemma, shown) → verdict."""
    with open(JUDGED / f"{name}.judged.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(row["lemma"], row["shown"]): row["verdict"] for row in rows}


def score(name: str) -> Score:
    """Build the text's glossary and score its top terms against the judged rows."""
    glossary = build(load(str(JUDGED / f"{name}.txt")))
    assert glossary.dictionary_installed, "install the FreeDict dictionaries: make dictionaries"
    judged = verdicts(name)
    result = Score()
    for entry in glossary.terms[:TOP]:
        shown = shown_sense(entry)
        result.terms += 1
        result.unglossed += not shown
        verdict = judged.get((entry.lemma, shown))
        if verdict in ("right", "wrong", "none"):
            setattr(result, verdict, getattr(result, verdict) + 1)
        else:
            result.unjudged += 1
    return result


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    """Every judged text's score, built once for this module."""
    return {name: score(name) for name in TEXTS}


def total(scores: dict[str, Score]) -> Score:
    """All texts' scores added up."""
    result = Score()
    for one in scores.values():
        result.add(one)
    return result


def test_every_text_has_its_judgements():
    """Each text listed has a .txt and a .judged.tsv, and every verdict is right, wrong or none."""
    assert {path.stem for path in JUDGED.glob("*.txt")} == set(TEXTS)
    for name in TEXTS:
        assert set(verdicts(name).values()) <= {"right", "wrong", "none"}, name


def test_gloss_quality(scores, capsys):
    """Right among judged terms stays within 3 points of the measured figure, and no text drifts unjudged."""
    with capsys.disabled():
        print()
        for name, one in scores.items():
            genre, split = TEXTS[name]
            print(f"  {name} ({genre}; {split}): {one.line()}")
        print(f"gloss quality: {total(scores).line()}")
    assert total(scores).right_percent >= BASELINE_RIGHT - 3
    assert total(scores).unglossed_percent <= BASELINE_UNGLOSSED + 1  # no worse than when judged
    for name, one in scores.items():
        assert one.unjudged <= MAX_UNJUDGED, f"{name}: {one.unjudged} top terms unjudged; judge them again"


@pytest.mark.xfail(strict=True, reason=f"{BASELINE_UNGLOSSED}% unglossed when judged; the target is "
                   f"{TARGET_UNGLOSSED}% (drop this mark when it is met)")
def test_unglossed_target(scores):
    """At most 3% of the top terms have no gloss at all."""
    assert total(scores).unglossed_percent <= TARGET_UNGLOSSED
