"""The core lexicon: leesplank's own Dutch–English learner's dictionary (glossary/data/core.tsv).

One line per (lemma, part of speech): lemma, pos, article (de/het, nouns only), one to three short
senses with the commonest modern sense first, and for strong verbs their past forms. Separable verbs
(pos `sepverb`) and fixed expressions (pos `expr`) are lemmas of their own. How it was written:
glossary/data/batches/README.md. `python -m glossary.lexicon --check` (make lexicon-check) validates it.
"""

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORE = Path(__file__).parent / "data" / "core.tsv"
POS = frozenset("noun verb sepverb adj adv prep conj pron det num intj abbr expr".split())
VERBS = frozenset({"verb", "sepverb"})
ARTICLES = frozenset({"de", "het", "de/het"})
MAX_SENSES = 3
MAX_SENSES_LENGTH = 40


@dataclass(frozen=True)
class Lexeme:
    """One line of the core lexicon."""

    lemma: str
    pos: str
    article: str
    senses: tuple[str, ...]
    forms: tuple[str, ...]

    @property
    def gloss(self) -> str:
        """The senses as shown beside the text: "vote; mood"."""
        return "; ".join(self.senses)


class Lexicon:
    """The core lexicon, indexed by lemma and by the strong verbs' past forms."""

    def __init__(self, lexemes: list[Lexeme]):
        """Index the lines; the first line of a lemma is its commonest part of speech."""
        self.by_lemma: dict[str, list[Lexeme]] = {}
        self.by_form: dict[str, list[Lexeme]] = {}  # "stalen" → stelen; "gaf" → geven, opgeven, …
        self.expressions: list[Lexeme] = []
        for lexeme in lexemes:
            self.by_lemma.setdefault(lexeme.lemma, []).append(lexeme)
            if lexeme.pos == "expr":
                self.expressions.append(lexeme)
            for form in lexeme.forms:
                self.by_form.setdefault(form, []).append(lexeme)

    def __contains__(self, lemma: str) -> bool:
        """Whether the lemma has an entry."""
        return lemma in self.by_lemma

    def lexemes(self, lemma: str, pos: str = "") -> list[Lexeme]:
        """The lemma's lines, those of part of speech `pos` (noun, verb, adj, …) first."""
        found = self.by_lemma.get(lemma, [])
        if pos and len(found) > 1:
            return sorted(found, key=lambda lexeme: not matches(lexeme.pos, pos))
        return found

    def has(self, lemma: str, pos: str) -> bool:
        """Whether the lemma has a line of that part of speech ("verb" also finds a separable verb)."""
        return any(matches(lexeme.pos, pos) for lexeme in self.by_lemma.get(lemma, ()))

    def pos(self, lemma: str) -> str:
        """The lemma's commonest part of speech, or ''."""
        found = self.by_lemma.get(lemma)
        return found[0].pos if found else ""


def matches(pos: str, wanted: str) -> bool:
    """Whether a line's part of speech is the one wanted; a separable verb is a verb."""
    return pos == wanted or (wanted == "verb" and pos in VERBS)


def parse(line: str) -> Lexeme:
    """One TSV line as a Lexeme (no validation: see problems())."""
    lemma, pos, article, senses, forms = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
    return Lexeme(lemma, pos, article, tuple(s.strip() for s in senses.split(";") if s.strip()),
                  tuple(f.strip() for f in forms.split(",") if f.strip() not in ("", "-")))  # zullen: zou,zouden,-


@cache
def core() -> Lexicon:
    """The shipped core lexicon, read once per process (an empty one if the file is missing)."""
    if not CORE.exists():
        return Lexicon([])
    lines = CORE.read_text(encoding="utf-8").splitlines()[1:]
    return Lexicon([parse(line) for line in lines if line.strip()])


def problems(path: Path = CORE) -> list[str]:
    """Everything wrong with a lexicon file: format, parts of speech, articles, senses, duplicates, unknown words."""
    import wordfreq

    words = wordfreq.get_frequency_dict("nl")
    found = []
    seen: set[tuple[str, str, str]] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "lemma\tpos\tarticle\tsenses\tforms":
        found.append("line 1: the header must be lemma, pos, article, senses, forms")
    for number, line in enumerate(lines[1:], start=2):
        where = f"line {number}"
        if line.count("\t") != 4:
            found.append(f"{where}: {line.count(chr(9)) + 1} fields, not 5")
            continue
        lexeme = parse(line)
        raw_senses = line.split("\t")[3]
        if lexeme.lemma != lexeme.lemma.strip().lower() or not lexeme.lemma:
            found.append(f"{where}: lemma {lexeme.lemma!r} must be lower case and trimmed")
        if lexeme.pos not in POS:
            found.append(f"{where}: {lexeme.lemma}: unknown part of speech {lexeme.pos!r}")
        key = (lexeme.lemma, lexeme.pos, lexeme.article)  # het stof and de stof are two nouns
        if key in seen:
            found.append(f"{where}: {lexeme.lemma} ({lexeme.pos}) is listed twice")
        seen.add(key)
        if (lexeme.pos == "noun") != (lexeme.article in ARTICLES):
            found.append(f"{where}: {lexeme.lemma}: article {lexeme.article!r} for a {lexeme.pos}")
        if not lexeme.senses or len(lexeme.senses) > MAX_SENSES or len(raw_senses) > MAX_SENSES_LENGTH:
            found.append(f"{where}: {lexeme.lemma}: one to three senses, at most {MAX_SENSES_LENGTH} characters")
        if lexeme.forms and lexeme.pos not in VERBS:
            found.append(f"{where}: {lexeme.lemma}: past forms on a {lexeme.pos}")
        unknown = [word for word in lexeme.lemma.split() if not attested(word, words)]
        if unknown:
            found.append(f"{where}: {lexeme.lemma}: {', '.join(unknown)} not in wordfreq's Dutch list")
    return found


def attested(word: str, words: dict[str, float]) -> bool:
    """Whether wordfreq's Dutch list has the word or a regular form of it (vermissen: vermist; lotgeval: lotgevallen;
    vicieus: vicieuze; betamen: betaamt; daarlaten: daargelaten; afprijzen: afgeprijsd)."""
    stem = word[:-2] if word.endswith("en") else word
    stem = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem  # vermiss → vermis
    stems = {stem}
    if len(stem) > 2 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
        stems.add(stem[:-1] + stem[-2] + stem[-1])  # betam → betaam
    voiced = word[:-1] + {"s": "z", "f": "v"}.get(word[-1:], word[-1:])  # vicieus → vicieuz
    forms = [word, word + "en", word + "s", word + "e", word + "n", word + "'s", word + word[-1:] + "en",
             voiced + "e", word + "eren", word[:-2] + word[-1:] + "en", word[:-4] + "heden", stem,
             word[:-3] + word[-2:] + "e", word + "d"]  # voorgeleid; afzienbaar: afzienbare; gekscherend
    for one in stems:
        devoiced = one[:-1] + {"z": "s", "v": "f"}.get(one[-1:], one[-1:])  # prijz → prijs
        forms += [devoiced + "t", devoiced + "d", one + "te", one + "de", "ge" + devoiced + "t", "ge" + devoiced + "d"]
        for cut in range(2, 6):  # a separable verb's participle: in + ge + klemd, daar + ge + laten
            forms += [word[:cut] + "ge" + devoiced[cut:] + "t", word[:cut] + "ge" + devoiced[cut:] + "d",
                      word[:cut] + "ge" + word[cut:]]
    return any(form in words for form in forms) or "-" in word and all(w in words for w in word.split("-"))


def main(argv: list[str]) -> int:
    """`--check`: print the problems of core.tsv, one a line, and exit 1 if there are any."""
    if argv != ["--check"]:
        print("usage: python -m glossary.lexicon --check", file=sys.stderr)
        return 2
    found = problems()
    for problem in found:
        print(problem)
    lexicon = core()
    print(f"{CORE.name}: {sum(map(len, lexicon.by_lemma.values()))} entries, {len(lexicon.by_lemma)} lemmas, "
          f"{len(lexicon.expressions)} expressions, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
