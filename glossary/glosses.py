"""Short English glosses, from the first source that has one.

In order: the learner's own gloss (the pipeline applies it), the core lexicon (our own, senses in the
order a learner needs them), FreeDict (senses ranked, see `short`), FreeDict's English–Dutch half
inverted, a compound's parts (each glossed the same way), the same word in English, a derivation, an
English cognate; the pipeline then asks the translation model for what is left.
"""

from glossary.cognates import cognate
from glossary.derivations import analyses, infinitive
from glossary.dictionary import Dictionary, Senses, respace
from glossary.frequency import english_zipf
from glossary.lemmas import lemma
from glossary.lexicon import core
from glossary.model import Part
from glossary.tagger import diminutive_base, head_of

MAX_SENSES = 3
MAX_LENGTH = 40  # characters; a gloss is a hint beside the text, not a dictionary entry
LEARNED_PREFIXES = frozenset("anti non pro ex pre post co vice semi super mega ultra multi inter neo pseudo".split())

def short(senses: Senses, max_senses: int = MAX_SENSES, per_sense: int = 2, agreeing: frozenset[str] = frozenset()) -> str:
    """A few English words: the likeliest senses first, each as its commonest translation and maybe one more.

    FreeDict lists senses in no useful order (zetten: extract; infuse; typeset; … put), so a sense that
    FreeDict's English–Dutch half agrees with (`agreeing`: the English words it translates back to the
    Dutch word) comes first, then by how common its translations are in English.
    """
    ranked = sorted(senses, key=lambda sense: (not any(item.lower() in agreeing for item in sense),
                                               -max(english_zipf(item) for item in sense)))
    shown: list[str] = []
    seen: set[str] = set()
    for sense in ranked[:max_senses]:
        items = [respace(item) for item in sense if item.lower() not in seen]
        if not items:
            continue
        best = max(items, key=english_zipf)
        others = [item for item in items if best not in item and english_zipf(item) >= 3.5]  # not "flare up" after "flare"
        picked = [best] + others[: per_sense - 1]
        text = ", ".join(picked)
        if shown and len("; ".join(shown)) + len(text) + 2 > MAX_LENGTH:
            break
        shown.append(text)
        seen.update(item.lower() for item in sense)
    return "; ".join(shown)


def variants(word: str) -> list[str]:
    """Spellings to look a word up under: itself, its lemma, the infinitive of a verb stem or participle."""
    found = [word, lemma(word)]
    if word.endswith("end"):  # verwoestend → verwoesten
        found.append(word[:-1])
    elif not word.endswith("en"):  # lanceer → lanceren, speel → spelen, zoek → zoeken
        found.append(infinitive(word))
    return list(dict.fromkeys(found))


def lexicon_gloss(word: str, pos: str = "", first_only: bool = False) -> str:
    """The core lexicon's senses of a lemma, those of part of speech `pos` first; a diminutive's from its base."""
    lexemes = core().lexemes(word, pos)
    if lexemes:
        return lexemes[0].senses[0] if first_only else lexemes[0].gloss
    base = diminutive_base(word)
    if base and (senses := core().lexemes(base, "noun")):
        return "little " + senses[0].senses[0]
    return ""


def agreeing(dictionary: Dictionary, word: str) -> frozenset[str]:
    """The English words that FreeDict's English–Dutch half translates to this Dutch word."""
    return frozenset(english.lower() for english in dictionary.reverse(word))


def lookup(dictionary: Dictionary, words: list[str], prefix: bool = False) -> tuple[Senses, str, str]:
    """The first senses found for any of the words: (senses, "dictionary" or "reverse dictionary", the word found)."""
    for word in words:
        if prefix and (senses := dictionary.senses(word, prefix=True)):
            return senses, "dictionary", word
        if senses := dictionary.senses(word):
            return senses, "dictionary", word
    for word in words:
        if english := dictionary.reverse(word):
            return [[item] for item in english], "reverse dictionary", word
    return [], "", ""


def gloss_part(dictionary: Dictionary, part: Part, last: bool) -> Part:
    """The part with a one-sense gloss: the core lexicon's first sense, else FreeDict's (a first part's
    compound-prefix sense first). FreeDict's prefix senses are often odd (straf- "strong", stem- "side"), so the
    lexicon comes first, though kern- then reads "core".

    Learned prefixes before a hyphen (non-, anti-) need none; a part neither knows may be an English cognate
    (proliferatie → proliferation).
    """
    if part.link == "-" and part.text in LEARNED_PREFIXES:
        return part
    gloss = (lexicon_gloss(part.text, "noun", first_only=True)  # pakket: package, not FreeDict's "pack"
             or lexicon_gloss(part.text + part.link.strip("-"), "noun", first_only=True)  # gegeven(s): data
             or lexicon_gloss(lemma(part.text), first_only=True))
    if not gloss:
        senses, _, found = lookup(dictionary, variants(part.text), prefix=not last)
        gloss = short(senses, max_senses=1, per_sense=1, agreeing=agreeing(dictionary, found))
    if not gloss and dictionary.installed and len(part.text) >= 6:  # short words are too often false friends
        gloss = cognate(part.text)
    return Part(part.text, part.link, gloss)


def entry_gloss(dictionary: Dictionary, term: str, forms: list[str], parts: list[Part],
                pos: str = "") -> tuple[str, str, list[Part]]:
    """The gloss of a term, where it came from, and its parts with their own glosses.

    In order: the core lexicon, the dictionary, the reverse dictionary, the compound parts, the same
    word in English (training), a derivation from a known base (haalbaar + -heid), an English cognate
    by its ending (flexibel → flexible), the lexicon word the term ends in (bug + reparatie); else none.
    """
    glossed = [gloss_part(dictionary, part, i == len(parts) - 1) for i, part in enumerate(parts)]
    if gloss := lexicon_gloss(term, pos):
        return gloss, "core lexicon", glossed
    senses, source, found = lookup(dictionary, list(dict.fromkeys([term, *forms, *variants(term)])))
    if senses and term.endswith("end") and found == term[:-1]:  # bestraffend from bestraffen: punishing
        senses = [[english_participle(item) for item in sense] for sense in senses]
    if senses:
        return short(senses, agreeing=agreeing(dictionary, found)), source, glossed
    if any(part.gloss for part in glossed):
        return join_parts([(part.text, part.gloss) for part in glossed]), "compound parts", glossed
    english = cognate(term.lower()) if dictionary.installed else ""
    if english == term.lower():  # the same word in English: training, doctrine, irrelevant
        return english, "cognate", glossed
    if dictionary.installed and (derived := derivation_gloss(dictionary, term.lower())):
        return derived, "derivation", glossed
    if english:
        return english, "cognate", glossed
    head = head_of(term, particles=False)  # last: bugreparatie is bug + reparatie (repair), its head from the lexicon
    if not glossed and head and (head_gloss := lexicon_gloss(head, "noun", first_only=True)):
        glossed = [Part(term[: -len(head)].rstrip("-"), "-" if term[-len(head) - 1] == "-" else ""), Part(head, "", head_gloss)]
        return join_parts([(part.text, part.gloss) for part in glossed]), "compound parts", glossed
    return "", "", glossed


def english_participle(item: str) -> str:
    """The -ing form of an English verb translation (punish → punishing, place → placing); nouns stay."""
    first, _, rest = item.partition(" ")
    if not first.isalpha() or first.endswith(("tion", "ment", "ness", "ity", "ing", "ance", "ence")):
        return item
    stem = first[:-1] if first.endswith("e") and not first.endswith(("ee", "ye", "oe")) else first
    return " ".join([stem + "ing", rest]).strip()


def join_parts(pieces: list[tuple[str, str]]) -> str:
    """"kern (nuclear) + kop (head)": each piece with its gloss in brackets, where it has one."""
    return " + ".join(f"{text} ({gloss})" if gloss else text for text, gloss in pieces)


def derivation_gloss(dictionary: Dictionary, word: str) -> str:
    """The gloss of a derived word from its base's gloss and its affix's hint, when the base is in the dictionary."""
    for pieces in analyses(word):
        filled = []
        for text, hint, is_affix in pieces:
            if not is_affix:
                hint = lexicon_gloss(text, first_only=True)
                if not hint:
                    senses, _, text = lookup(dictionary, variants(text))
                    if not senses:
                        break
                    hint = short(senses, max_senses=1, per_sense=1, agreeing=agreeing(dictionary, text))
            filled.append((text, "" if hint == text else hint))
        else:
            return join_parts(filled)
    return ""


def name_gloss(dictionary: Dictionary, name: str) -> str:
    """The English name where the dictionary gives one that differs (Rusland → Russia, Russische → Russian)."""
    for word in name_variants(name):
        for sense in dictionary.senses(word):
            for item in sense:
                if item[:1].isupper():
                    return "" if item == name else respace(item)
    return ""


def name_variants(name: str) -> list[str]:
    """A name, and for an inflected adjective of a name its base form first (Britse → Brits, Portugese → Portugees)."""
    if not name.endswith("e") or " " in name:
        return [name]
    base = name[:-1]
    if len(base) > 3 and base[-2] in "aeou" and base[-3] not in "aeiou":
        return [base, base[:-1] + base[-2] + base[-1], name]  # Portuges → Portugees
    return [base, name]
