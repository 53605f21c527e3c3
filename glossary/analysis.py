"""One sentence analysed: the words it holds, with separable verbs joined across the clause and fixed expressions found.

    De gemeente schafte de regel vorig jaar af.   →  gemeente, afschaffen (schafte … af), regel, vorig, jaar
    Hij houdt er rekening mee.                    →  rekening houden met (houdt … rekening … mee)

A particle (af, op, uit, …) that ends a clause joins the finite verb before it when the joined verb is in
the core lexicon, and so does a particle before *te* and an infinitive (af te schaffen); one-piece forms
(afgeschaft, afschafte) are read by the tagger. A preposition that opens a noun phrase (op de tafel) does
not end its clause, so it is never taken for a particle. Web addresses, file names, code, sound words
(tok-tok) and sentences in another language hold no words.
"""

import bisect
import re
from typing import NamedTuple

from glossary.frequency import zipf
from glossary.lexicon import core
from glossary.stopwords import STOPWORDS
from glossary.tagger import COMMON_VERB_ZIPF, PARTICLES, is_joined_verb, tag, verb_infinitives
from glossary.tokenize import Token

CLAUSE_BREAKS = frozenset(
    "en maar want of dus omdat doordat hoewel als toen terwijl totdat voordat nadat zodat indien tenzij "
    "wanneer waardoor waarbij waarna".split()
)
REFLEXIVES = frozenset("zich me mij je jezelf zichzelf ons onszelf u".split())
PLACEHOLDERS = frozenset({"iets", "iemand"})  # words of an expression that stand for any phrase
ENGLISH_FUNCTION_WORDS = frozenset("the and to are were that this with for you it not be have has from".split())
DUTCH_FUNCTION_WORDS = frozenset("de het een en van is dat niet op te zijn met voor die in er".split())
_JUNK = re.compile(  # each alternative starts only at the start of a word, so a long run of letters costs linear time
    r"(?<![\w/])(?:https?://|www\.)\S+|(?<!\S)[^\s@]+@\S+\.\w+|"  # addresses
    r"(?<![\w.~])(?:~|\.{1,2})?/[\w.~/-]+|(?<![\w/\\])\w+(?:[/\\][\w.-]+){2,}|"  # paths, not "en/of"
    r"(?<![\w.-])[\w-]+\.(?:[a-z]{2,4}\d?)\b"  # file and host names: leesplank.tcss, nrc.nl
)
MAX_CLAUSE = 40  # words; a run-on text without punctuation is cut here, so no clause costs more than this
VOWEL = re.compile(r"[aeiouyáéíóúàèëïöüäâêîôû]", re.IGNORECASE)
PUNCTUATION = re.compile(r"[.!?,;:()\"„”“–—]")
MAYBE_JUNK = re.compile(r"[/@]|\.\w")  # a sentence without these holds no address, path or file name
_CAMEL = re.compile(r"[a-z][A-Z]")


class Word(NamedTuple):
    """A word of the sentence as the glossary counts it: lemma, part of speech and the tokens it covers."""

    lemma: str
    pos: str
    tokens: tuple[int, ...]


def analyse(text: str, tokens: list[Token], junk: set[int] | None = None, wanted: set[int] | None = None) -> list[Word]:
    """The sentence's words in order, one per token, or one for the pieces of a separable verb or expression.

    A caller that passes `junk` (junk_tokens of the sentence) has already left out foreign sentences; with
    `wanted`, a one-token word is returned only when its token is in it (joined words always are)."""
    if junk is None:
        if is_foreign(tokens):
            return []
        junk = junk_tokens(text, tokens)
    words = [token.norm.lower() for token in tokens]
    tagged = tag(words)
    covered: dict[int, Word] = {}  # token index → the joined word that claims it
    for clause in clauses(text, tokens, words, tagged):
        for word in separable_verbs(text, tokens, clause, words, tagged):
            covered.update((i, word) for i in word.tokens)
        for word in expressions(clause, words, tagged, covered):
            covered.update((i, word) for i in word.tokens)
    found: list[Word] = []
    for i, (pos, lemma) in enumerate(tagged):
        if i in junk:
            continue
        word = covered.get(i)
        if word is None:
            if wanted is None or i in wanted:
                found.append(Word(lemma, pos, (i,)))
        elif word.tokens[0] == i:
            found.append(word)
    return found


def clauses(text: str, tokens: list[Token], words: list[str], tagged: list[tuple[str, str]]) -> list[list[int]]:
    """The token indices of each clause: a clause ends at punctuation between words or before a conjunction."""
    after_mark = set()  # the tokens that follow a punctuation mark
    if PUNCTUATION.search(text):
        starts = [token.start for token in tokens]
        after_mark = {bisect.bisect_left(starts, match.end()) for match in PUNCTUATION.finditer(text)}
    found: list[list[int]] = [[]]
    for i in range(len(tokens)):
        conjunction = words[i] in CLAUSE_BREAKS or tagged[i][0] == "conj"
        if conjunction and not (i + 2 < len(tokens) and i + 1 not in after_mark and i + 2 not in after_mark):
            conjunction = False  # "doe het maar uit": a conjunction opens a clause of two words or more
        if i and (i in after_mark or conjunction or len(found[-1]) >= MAX_CLAUSE):
            found.append([])
        found[-1].append(i)
    return [clause for clause in found if clause]


PRONOMINALS = frozenset("er hier daar waar".split())  # their preposition may stand at the clause's end
ADJECTIVE_PARTICLES = frozenset("dicht open vast los vrij thuis samen terecht".split())  # "dicht bij je lichaam"
NUMBER_AFTER = re.compile(r"\s*\d")


def separable_verbs(text: str, tokens: list[Token], clause: list[int], words: list[str],
                    tagged: list[tuple[str, str]]) -> list[Word]:
    """Verbs whose particle stands apart: "schafte … af" at the clause's end, "af te schaffen"; the last word of
    a clause also joins when the core lexicon lists the separable verb ("vond … plaats": plaatsvinden)."""
    lexicon = core()
    found = []
    last = len(clause) - 1
    for place, i in enumerate(clause):
        particle = words[i]
        if particle not in PARTICLES and place != last:
            continue
        if particle not in PARTICLES:  # a noun or adjective part (plaats, deel, kennis) only as the lexicon lists it
            if not any(tagged[j][0] == "verb" and lexicon.has(particle + tagged[j][1], "sepverb") for j in clause[:place]):
                continue
        after = clause[place + 1 :]
        if len(after) >= 2 and words[after[0]] == "te" and particle != "om":  # af te schaffen; "om te" is "in order to"
            for verb in dict.fromkeys((tagged[after[1]][1], words[after[1]])):
                if is_joined_verb(particle + verb):
                    found.append(Word(particle + verb, "verb", (i, after[1])))
                    break
            continue
        if after and (tagged[after[0]][0] != "prep" or particle in ADJECTIVE_PARTICLES):
            continue  # a particle ends its clause, or a phrase follows it: "kijkt uit naar de vakantie"
        if place and tagged[clause[place - 1]][0] == "prep" or NUMBER_AFTER.match(text, tokens[i].end):
            continue  # "naar buiten", "een patent uit 1892": a preposition
        has_er = any(words[j] == "er" for j in clause[:place])
        stranded = any(words[j] in PRONOMINALS for j in clause[:place])  # "hier … voor": hiervoor, not a particle
        for j in clause[:place]:
            pos, verb = tagged[j]
            if words[j] in PARTICLES or pos not in ("verb", ""):  # "" : a verb the lexicon has only with its particle
                continue
            common = pos == "verb" and zipf(verb) >= COMMON_VERB_ZIPF  # "was … af" is zijn, never afwassen
            verbs = list(dict.fromkeys(([verb] if pos == "verb" else []) + ([] if common else verb_infinitives(words[j]))))
            joined = [f"er{particle}{v}" for v in verbs if has_er and is_joined_verb(f"er{particle}{v}")]
            joined = joined or [particle + v for v in verbs
                                if (lexicon.has(particle + v, "sepverb") if stranded else is_joined_verb(particle + v))]
            if joined:  # "voer … uit" is uitvoeren, commoner than uitvaren
                found.append(Word(max(joined, key=zipf), "verb", (j, i)))
                break
    return found


Expression = tuple[tuple[str, ...], str, str, int]  # fixed words in order, verb or '', the expression, the key's place
_expression_index: dict[str, list[Expression]] = {}


def expression_index() -> dict[str, list[Expression]]:
    """Each expression under its rarest fixed word, so that common words (de, in, op) look nothing up."""
    if not _expression_index:
        lexicon = core()
        for lexeme in lexicon.expressions:
            words = lexeme.lemma.split()
            # The verb stands last, or before prepositions only (rekening houden met); "op zijn best" has none.
            tail = len(words)
            while tail > 1 and words[tail - 1] in STOPWORDS and not lexicon.has(words[tail - 1], "verb"):
                tail -= 1
            last = words[tail - 1]
            verb = last if len(words) > 1 and lexicon.has(last, "verb") and last.endswith("n") and last not in PARTICLES else ""
            fixed = tuple(w for w in words if w != verb and w not in PLACEHOLDERS)
            if len(fixed) >= 2 or (fixed and verb and fixed[0] not in STOPWORDS):  # not "het" + opgeven
                keys = [i for i, w in enumerate(fixed) if w != "zich" and w not in PRONOMINAL] or [0]
                key = min(keys, key=lambda i: zipf(fixed[i]))
                _expression_index.setdefault(fixed[key], []).append((fixed, verb, lexeme.lemma, key))
    return _expression_index


def expressions(clause: list[int], words: list[str], tagged: list[tuple[str, str]], covered: dict[int, Word]) -> list[Word]:
    """Fixed expressions in the clause: their fixed words together and in order, their verb anywhere in the clause.

    "Hij houdt rekening met de buren" is *rekening houden met*; "maakt … de dienst uit" is *de dienst uitmaken*
    once the separable verb is joined.
    """
    index = expression_index()
    found = []
    taken: set[int] = set()
    for place, i in enumerate(clause):
        word, lemma = words[i], tagged[i][1]
        if word not in index and lemma not in index:
            continue  # nearly every word: no expression is keyed on it
        candidates = index.get(word, []) + (index.get(lemma, []) if lemma != word else [])
        for fixed, verb, expression, key in candidates:
            run = clause[max(0, place - key) : place - key + len(fixed)]
            if (place < key or len(run) < len(fixed) or any(j in covered or j in taken for j in run)
                    or not all(fits(words[j], tagged[j][1], want) for j, want in zip(run, fixed))):
                continue
            pieces = list(run)
            if verb:  # the verb anywhere in the clause, joined with its particle when it has one (uitmaken)
                joined = [j for j in clause if j in covered and covered[j].lemma == verb]
                alone = [j for j in clause if j not in run and j not in covered and tagged[j][1] == verb]
                if not joined and not alone:
                    continue
                pieces += joined or alone[:1]
            found.append(Word(expression, "expr", tuple(sorted(set(pieces)))))
            taken.update(pieces)
            break
    return found


PRONOMINAL = {"met": "mee", "tot": "toe"}  # "er … mee" stands for "met het": rekening houden met → er rekening mee houden


def fits(word: str, lemma: str, wanted: str) -> bool:
    """Whether a word of the text stands for a word of an expression: the same word or lemma, any reflexive for
    zich, mee for met."""
    return wanted in (word, lemma) or (wanted == "zich" and word in REFLEXIVES) or PRONOMINAL.get(wanted) == word


def junk_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Tokens inside web addresses, e-mail addresses, paths and file names, code words and sound words."""
    spans = [match.span() for match in _JUNK.finditer(text)] if MAYBE_JUNK.search(text) else []
    found = {i for i, token in enumerate(tokens) if is_junk_word(token.norm)}
    if spans:
        found.update(i for i, token in enumerate(tokens) if any(start <= token.start < end for start, end in spans))
    return found


_junk_words: dict[str, bool] = {}


def is_junk_word(word: str) -> bool:
    """Whether a word is code (getValue), a sound word (tok-tok) or has no vowel (dpkg, ltr); cached by word."""
    found = _junk_words.get(word)
    if found is None:
        found = ((not word[1:].islower() and bool(_CAMEL.search(word))) or is_sound_word(word)
                 or (word.islower() and not VOWEL.search(word)))
        if len(word) <= 40:  # a hostile text's endless distinct long tokens are not kept
            _junk_words[word] = found
    return found


def is_sound_word(word: str) -> bool:
    """Repeated syllables: tok-tok, boem-boem-boem, hahaha, blablabla."""
    if "-" not in word and (len(word) < 3 or word[0] not in word[1:4]):
        return False  # the quick answer for nearly every word: a unit of 1–3 letters would come round again
    word = word.lower()
    pieces = word.split("-")
    if any(a == b for a, b in zip(pieces, pieces[1:])):  # tok-tok, tok-tok-geluid
        return True
    return any(len(word) >= 3 * size and word == word[:size] * (len(word) // size) for size in (1, 2, 3))


def is_foreign(tokens: list[Token]) -> bool:
    """Whether a sentence is in another language (English): more of its function words are English than Dutch."""
    words = [token.norm.lower() for token in tokens]
    english = sum(word in ENGLISH_FUNCTION_WORDS for word in words)
    dutch = sum(word in DUTCH_FUNCTION_WORDS for word in words)
    return english >= 3 and english > 2 * dutch
