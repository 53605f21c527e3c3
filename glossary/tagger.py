"""Part of speech and lemma in context: which reading of a word form the sentence means.

A form can have several readings, each a part of speech with its lemma, taken from the core lexicon,
its strong verbs' past forms, simplemma and the regular inflections of Dutch: *stalen* is the adjective
stalen (steel) or the verb stelen (they stole); *fiets* is the noun fiets or the verb fietsen. The
neighbours choose: after a determiner a noun or adjective, after *te* or a subject pronoun a verb,
before a noun an adjective; otherwise the lexicon's commonest reading.
"""

import re

import simplemma

from glossary.frequency import zipf
from glossary.lexicon import VERBS, core

DETERMINERS = frozenset(
    "de het een deze dit mijn jouw zijn haar onze ons hun uw elk elke ieder iedere geen welk welke "
    "enkele sommige diverse zo'n zulke".split()
)
POSSESSIVES = frozenset("mijn jouw zijn haar onze ons hun uw".split())
SUBJECTS = frozenset("ik jij je hij zij ze wij we jullie u men".split())
INTENSIFIERS = frozenset("zeer heel erg vrij best zo te nogal behoorlijk enorm".split())
PARTICLES = frozenset(
    "aan achter af bij binnen boven buiten dicht door in langs los mee na neer om onder op open over rond "
    "samen tegen terecht terug thuis toe uit vast voor voorbij voort vrij weg".split()
)
CONTENT = ("noun", "verb", "adj", "adv")

_readings: dict[str, dict[str, str]] = {}


def readings(form: str) -> dict[str, str]:
    """Part of speech → lemma for every reading of a lower-case form, the likeliest alone first."""
    found = _readings.get(form)
    if found is None:
        found = _readings[form] = _find_readings(form)
    return found


def _find_readings(form: str) -> dict[str, str]:
    """Work out the readings of one form (uncached)."""
    lexicon = core()
    found: dict[str, str] = {}

    def add(pos: str, lemma: str) -> None:
        found.setdefault("verb" if pos in VERBS else pos, lemma)

    if not form or len(form) > 40:  # no Dutch word is this long; a run of letters is not analysed
        return found
    if form.endswith("e"):  # strikte is strict before it is a past of strikken: inflected adjectives are commoner
        for lemma in adjective_bases(form):
            if lexicon.has(lemma, "adj") and not lexicon.has(form, "noun"):
                add("adj", lemma)
                break
    verb = likeliest_verb(form)
    singular_past = any(lexeme.forms[0] == form for lexeme in lexicon.by_form.get(form, ()))
    if verb and (singular_past or form in PRESENT_FORMS) and zipf(verb) >= COMMON_VERB_ZIPF:  # "was": zijn; not reden
        add("verb", verb)
    for lexeme in lexicon.by_lemma.get(form, ()):
        add(lexeme.pos, form)
    if verb:
        add("verb", verb)
    if diminutive := diminutive_lemma(form):
        add("noun", diminutive)
    for lemma in noun_bases(form):
        if lexicon.has(lemma, "noun"):
            add("noun", lemma)
            break
    for lemma in adjective_bases(form):
        if lexicon.has(lemma, "adj"):
            add("adj", lemma)
            break
    guess = simplemma.lemmatize(form, lang="nl").lower().replace("_", "")
    if guess != form:
        for lexeme in lexicon.by_lemma.get(guess, ()):
            add(lexeme.pos, guess)
    if "verb" not in found and (joined := separable_form(form)):
        add("verb", joined)
    if not found:
        found = unlisted_readings(form)
    return found


ADJECTIVE_SUFFIXES = ("loos", "baar", "lijk", "ig", "isch", "ief", "eel", "aal", "end", "eerd")


def unlisted_readings(form: str) -> dict[str, str]:
    """Readings of a form the core lexicon does not list, from the lexicon word it ends in: bugreparaties →
    bugreparatie (reparatie is a noun), conflicteert → conflicteren, schijfloze → schijfloos; old spelling
    (heelemaal, tusschen, buitenlandsche) read as modern spelling."""
    for modern in modern_spellings(form):
        if found := readings(modern):
            return found
    if form.endswith(("de", "te")) and "ge" in form[:8]:  # geïnstalleerde, ingevoerde: a participle as an adjective
        participle = form[:-1]
        if readings(participle).get("verb") or any(
                core().has(lemma, "verb") or ends_in(lemma, "verb") for lemma in verb_infinitives(participle)):
            return {"adj": participle}
    if ends_in(form, "noun"):  # mediastilte: stilte; pakketbeheerder: beheerder
        return {"noun": form}
    for lemma in noun_bases(form):
        if ends_in(lemma, "noun"):
            return {"noun": lemma}
    for lemma in verb_infinitives(form, bare=False):  # from a verb ending (conflicteert), not a bare stem
        if lemma != form and (ends_in(lemma, "verb") or lemma.endswith("eren") and zipf(lemma) > 0):
            return {"verb": lemma}
    for lemma in adjective_bases(form):
        if lemma.endswith(ADJECTIVE_SUFFIXES) and (zipf(lemma) > 0 or ends_in(lemma, "adj")):
            return {"adj": lemma}
    return {}


def ends_in(word: str, pos: str) -> bool:
    """Whether the word is a Dutch word or particle before a lexicon word of that part of speech: voort + bouwen,
    bug + reparatie; munin + nen is none."""
    return bool(head_of(word, pos))


def head_of(word: str, pos: str = "noun", particles: bool = True) -> str:
    """The longest lexicon word of that part of speech (four letters or more) that ends the word after a known first
    part, with or without its linking -s-, -e- or -en-; or ''."""
    lexicon = core()
    for cut in range(2, len(word) - 3):
        first, head = word[:cut].rstrip("-"), word[cut:]
        if len(head) == 4 and len(first) < 4:  # vin + cent is no compound; klem + bord is
            continue
        stems = [first] + [first[: -len(link)] for link in ("s", "e", "en") if first.endswith(link)]  # scheiding(s)
        if first in PARTICLES and not particles:  # op + waardering is a derivation, not a compound
            continue
        if lexicon.has(head, pos) and (first in PARTICLES or any(len(stem) >= 3 and stem in lexicon for stem in stems)):
            return head
    return ""


OLD_SPELLINGS = ((r"sch(e|en)?$", r"s\1"), (r"ssch", "ss"), (r"([^aeiou])ee(?=[^aeiou][aeiou])", r"\1e"),
                 (r"([^aeiou])oo(?=[^aeiou][aeiou])", r"\1o"))


def modern_spellings(form: str) -> list[str]:
    """The form in today's spelling when it is written the pre-1947 way: mensch → mens, heelemaal → helemaal."""
    modern = form
    for old, new in OLD_SPELLINGS:
        modern = re.sub(old, new, modern)
    known = modern in core() or zipf(modern) > zipf(form)  # schooluniform is no old spelling of "scholuniform"
    return [modern] if modern != form and known else []


# Irregular present forms of the commonest verbs, which no rule of spelling reaches.
PRESENT_FORMS = {
    "kan": "kunnen", "kun": "kunnen", "kunt": "kunnen", "wil": "willen", "wilt": "willen", "zal": "zullen",
    "zult": "zullen", "mag": "mogen", "ben": "zijn", "bent": "zijn", "is": "zijn", "heb": "hebben", "hebt": "hebben",
    "heeft": "hebben", "ga": "gaan", "gaat": "gaan", "sta": "staan", "staat": "staan", "doe": "doen", "doet": "doen",
    "zie": "zien", "ziet": "zien", "sla": "slaan", "slaat": "slaan", "laat": "laten", "weet": "weten",
}
COMMON_VERB_ZIPF = 5.0  # the singular past and present forms of verbs this common (was, gaf, kan) outnumber homographs


def likeliest_verb(form: str) -> str:
    """The verb a form is likeliest to belong to: of the strong verbs listing it as a past form and the regular
    infinitives it may come from, the commonest (weet is weten, not the past of wijten; gaf is geven, not opgeven)."""
    lexicon = core()
    candidates = [lexeme.lemma for lexeme in lexicon.by_form.get(form, ())]
    if form in PRESENT_FORMS:
        candidates.append(PRESENT_FORMS[form])
    candidates += [lemma for lemma in verb_infinitives(form) if lexicon.has(lemma, "verb")]
    return max(candidates, key=zipf, default="")


def undouble(stem: str) -> list[str]:
    """Singular stems a Dutch spelling change may hide, likeliest first: kopp → kop, bom → boom, lev → leef, reiz → reis.

    Before -en a single consonant after a single vowel mostly means a long vowel (bomen, scholen, straten),
    with exceptions the lexicon settles (dagen → dag); a doubled consonant means a short one (koppen).
    """
    found = []
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        found.append(stem[:-1])  # koppen → kop
    elif len(stem) > 2 and stem[-2] in "aeou" and stem[-1] not in "aeiouy" and stem[-3:-2] not in tuple("aeiou"):
        found.append(stem[:-1] + stem[-2] + stem[-1])  # bomen → boom, scholen → school
    found.append(stem)
    for spelled, plain in (("v", "f"), ("z", "s")):
        found += [s[:-1] + plain for s in list(found) if s.endswith(spelled)]  # leven → leef, reizen → reis
    return found


DIMINUTIVE_ENDINGS = ("etje", "tje", "pje", "kje", "je")


def diminutive_lemma(form: str) -> str:
    """A diminutive's own lemma, singular: huisjes → huisje, when its base is a noun (huis); else ''."""
    singular = form[:-1] if form.endswith("jes") else form
    for ending in DIMINUTIVE_ENDINGS:
        base = singular[: -len(ending)]
        if singular.endswith(ending) and len(base) >= 3 and any(core().has(b, "noun") for b in (base, *undouble(base))):
            return singular
    return ""


def diminutive_base(lemma: str) -> str:
    """The noun a diminutive lemma is made from (huisje → huis, boompje → boom), or ''."""
    for ending in DIMINUTIVE_ENDINGS:
        base = lemma[: -len(ending)]
        if lemma.endswith(ending) and len(base) >= 3:
            for candidate in (base, *undouble(base), base[:-1] + base[-2:] if len(base) > 3 else base):
                if core().has(candidate, "noun"):
                    return candidate
    return ""


def noun_bases(form: str) -> list[str]:
    """Singular nouns a plural form may come from: kernkoppen → kernkop, auto's → auto, meisjes → meisje."""
    if form.endswith("'s"):
        return [form[:-2]]
    if form.endswith("heden"):  # afhankelijkheden → afhankelijkheid
        return [form[:-5] + "heid"]
    if form.endswith("eren") and len(form) > 5:  # kinderen → kind, eieren → ei
        return [form[:-4], *undouble(form[:-2])]
    if form.endswith("en") and len(form) > 4:
        return undouble(form[:-2]) + [form[:-1]]  # ziekten → ziekte
    if form.endswith("s") and len(form) > 3:
        return [form[:-1]]
    return []


def verb_infinitives(form: str, bare: bool = True) -> list[str]:
    """Infinitives a finite form or participle may come from: werkt → werken, gefietst → fietsen, leefde → leven;
    with `bare`, also the form as a stem itself (ik fiets → fietsen)."""
    stems = []
    if form.startswith("ge") and form.endswith(("t", "d")) and len(form) > 4:
        stems.append(form[2:-1].replace("ï", "i", 1) if form[2:3] == "ï" else form[2:-1])  # gewerkt, geïnstalleerd
    for ending in ("den", "ten", "de", "te", "t", "d"):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stems.append(form[: -len(ending)])
            break
    if bare:
        stems.append(form)  # ik fiets
    return [infinitive for stem in stems for infinitive in infinitives(stem)]


def infinitives(stem: str) -> list[str]:
    """Infinitives a verb stem may be spelled from: werk → werken, maak → maken, leef → leven, schaf → schaffen.

    A long vowel is written double in the stem and single before -en; a short vowel's consonant doubles;
    f and s become v and z after a long vowel, a diphthong or a consonant (leef → leven, reis → reizen).
    """
    voiced = stem[:-1] + {"f": "v", "s": "z"}.get(stem[-1:], stem[-1:])
    if len(stem) > 2 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        return [stem[:-2] + stem[-1] + "en", voiced[:-2] + voiced[-1] + "en", stem + "en"]  # maak → maken, leef → leven
    if len(stem) > 1 and stem[-1] not in "aeiouy" and stem[-2] in "aeiou" and stem[-3:-2] not in tuple("aeiou"):
        return [stem + stem[-1] + "en", stem + "en"]  # stel → stellen (not stelen), schaf → schaffen; wandel → wandelen
    return [stem + "en", voiced + "en"]  # werk → werken, reis → reizen, verf → verven


def adjective_bases(form: str) -> list[str]:
    """Base forms an inflected adjective may come from: rode → rood, dikke → dik, lieve → lief, grootste → groot."""
    stems = []
    for ending in ("ste", "st", "ere", "er", "e"):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stems.append(form[: -len(ending)])
    return [base for stem in stems for base in undouble(stem)]


MIN_ZIPF_UNLISTED = 2.0  # a joined verb the lexicon lacks must at least be a word Dutch uses


def is_joined_verb(joined: str) -> bool:
    """Whether a particle and a verb make a verb: the core lexicon has it, or Dutch uses the word (dichtdoen)."""
    lexicon = core()
    return lexicon.has(joined, "verb") or (joined not in lexicon and joined.endswith("en") and zipf(joined) >= MIN_ZIPF_UNLISTED)


def separable_form(form: str) -> str:
    """The separable verb of a form written in one piece: afgeschaft, afschafte, opgegeven → afschaffen, …, or ''."""
    for cut in range(2, min(8, len(form) - 2)):
        particle, rest = form[:cut], form[cut:]
        if particle not in PARTICLES:
            continue
        verb = readings(rest).get("verb")
        if verb and is_joined_verb(particle + verb):
            return particle + verb  # losraakte: losraken
    return ""


def lemma_alone(form: str) -> str:
    """The lemma a lower-case word seen without context is counted under: its likeliest reading, else simplemma's."""
    from glossary.lemmas import lemma

    if form in core():
        return form
    options = readings(form)
    return next(iter(options.values())) if options else lemma(form)


def tag(words: list[str]) -> list[tuple[str, str]]:
    """(part of speech, lemma) for each lower-case word of a sentence, chosen by its neighbours; ('', word) when unknown."""
    tagged = []
    for i, word in enumerate(words):
        options = readings(word)
        if len(options) < 2:  # most words have one reading or none: nothing to choose
            tagged.append(next(iter(options.items()), ("", word)))
            continue
        pos = choose(options, words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "",
                     tagged[-1][0] if tagged else "", words[i + 2] if i + 2 < len(words) else "")
        tagged.append((pos, options[pos]))
    return tagged


def noun_follows(after: str, after_next: str) -> bool:
    """Whether a noun phrase follows: a noun (or a word no source knows), or an adjective and then one."""
    if not after:
        return False  # the end of the sentence
    following = readings(after)
    return (next(iter(following), "") in ("", "noun")
            or ("adj" in following and bool(after_next) and next(iter(readings(after_next)), "") in ("", "noun")))


def choose(options: dict[str, str], before: str, after: str, before_pos: str, after_next: str = "") -> str:
    """The reading the neighbours point to; the first (the likeliest alone) when they say nothing."""
    first = next(iter(options))
    if len(options) == 1:
        return first
    if first == "conj" and {"det", "pron"} & set(options):  # "dat huis" against "dat we …"
        following = readings(after)
        if following and (next(iter(following)) in ("noun", "adj") or "noun" in following and "verb" not in following):
            return "det" if "det" in options else "pron"
    if "det" in options and "pron" in options:  # "het huis", "het oude huis" against "ik zie het", "het gaat goed"
        return "det" if noun_follows(after, after_next) else "pron"
    if "pron" in options and "verb" in options and before not in SUBJECTS and noun_follows(after, after_next):
        return "pron"  # "zijn positie": his, not be
    if first not in CONTENT:  # a function word keeps its own reading: "dat we" is no verb "daten"
        return first
    if before == "te" and "verb" in options:
        return "verb"
    if before_pos == "noun" and first in ("noun", "verb") and "verb" in options and "noun" in options:  # "de regel kan"
        return "verb"
    if not before and "verb" in options and (after in DETERMINERS or after in POSSESSIVES):  # "Gebruik deze optie"
        return "verb"
    if before in SUBJECTS and "verb" in options and before_pos not in ("prep",):
        return "verb"
    if after in SUBJECTS and "verb" in options and before not in DETERMINERS:
        return "verb"  # inversion: "Gisteren fietste ik"
    determiner = before_pos == "det" or before in POSSESSIVES or (before in DETERMINERS and before_pos != "pron")
    if determiner or (before_pos == "adj" and before.endswith("e")):  # de oude fiets; not "het was", "goed was"
        if "adj" in options and next(iter(readings(after)), "") == "noun" and after not in SUBJECTS:
            return "adj"  # het stalen hek
        if "noun" in options:
            return "noun"
        if "adj" in options:
            return "adj"
    if before in INTENSIFIERS and "adj" in options:
        return "adj"
    return first
