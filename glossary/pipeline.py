"""glossary.build: from an article to its ranked glossary, the one entry point of the CLI, the TUI and the exporter."""

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from glossary.analysis import analyse, is_foreign, junk_tokens
from glossary.compounds import compound_parts, is_english, split
from glossary.dictionary import Dictionary, default_dictionary
from glossary.frequency import level, zipf
from glossary.glosses import entry_gloss, name_gloss
from glossary.lemmas import lemma
from glossary.lexicon import core
from glossary.model import HIDDEN_STATUSES, Context, Entry, Glossary, Part
from glossary.senses import choose_senses
from glossary.tagger import readings
from glossary.names import is_acronym, name_flags, name_spans
from glossary.stopwords import STOPWORDS
from glossary.tokenize import Token, tokenize
from reader.article import Article

ADJECTIVE_ENDINGS = ("lijk", "ig", "isch", "baar", "loos", "aal", "eel", "ief")  # "het zuidelijk front"


def build(
    article: Article,
    statuses: dict[str, str] | None = None,
    dictionary: Dictionary | None = None,
    include_known: bool = False,
    machine_gloss: Callable[[list[str]], dict[str, str]] | None = None,
    translations: Mapping[str, str] | None = None,
    learner_glosses: Mapping[str, str] | None = None,
) -> Glossary:
    """The article's terms ranked rarest first and its names apart, glossed from the dictionary.

    `statuses` maps lemmas to new/learning/known/ignored (Store.statuses()); known and ignored
    entries are left out unless `include_known`. `machine_gloss` (a translator's `translate`, when a
    model is installed) glosses the terms no offline source could; `translations` (sentence → English)
    choose each occurrence's sense (glossary.senses); `learner_glosses` (lemma → the learner's own gloss)
    win over every other source. `dictionary` defaults to the installed FreeDict
    files (see glossary.dictionary); without them the entries have no glosses and
    `Glossary.dictionary_installed` is False.
    """
    dictionary = dictionary or default_dictionary()
    statuses = statuses or {}
    sentences = [(b, s, sentence.text, tokenize(sentence.text)) for b, s, sentence in article.sentences()]
    headings = [article.blocks[b].kind == "heading" for b, _, _, _ in sentences]
    flags = name_flags([(text, tokens) for _, _, text, tokens in sentences],
                       lambda word: is_vocabulary(word, dictionary), headings)

    terms: dict[str, Entry] = {}
    names: dict[str, Entry] = {}
    occurrences = []  # (block, sentence, word, form, "de"/"het"/"") of every vocabulary word
    for (b, s, text, tokens), is_name in zip(sentences, flags):
        if is_foreign(tokens):
            continue
        junk = junk_tokens(text, tokens)
        for first, end in name_spans(text, tokens, is_name):
            if junk.intersection(range(first, end)):
                continue
            span = text[tokens[first].start : tokens[end - 1].end]
            key = " ".join(token.norm for token in tokens[first:end])
            entry = names.get(key) or names.setdefault(key, Entry(key, is_name=True))
            entry.forms[span] = entry.forms.get(span, 0) + 1
            entry.contexts.append(Context(b, s, tokens[first].start, tokens[end - 1].end))
        wanted = {i for i, token in enumerate(tokens) if not is_name[i] and is_term(token.norm)}
        for word in analyse(text, tokens, junk, wanted):
            first = word.tokens[0]
            if is_name[first]:
                continue
            form = " … ".join(tokens[i].norm.lower() for i in word.tokens) if len(word.tokens) > 1 else word_form(tokens[first].norm)
            determiner = article_before(text, tokens, first) if word.pos in ("", "noun") else ""  # for de/het
            occurrences.append((b, s, word, form, determiner, tokens))

    nouns = {form for _, _, _, form, determiner, _ in occurrences if determiner}  # "het verzet" is a noun
    articles: dict[str, Counter] = defaultdict(Counter)  # lemma → votes for "de" and "het"
    pos_votes: dict[str, dict[str, int]] = defaultdict(dict)  # lemma → its parts of speech in this text, counted
    for b, s, word, form, determiner, tokens in occurrences:
        key = word.lemma if word.pos else term_lemma(form, form in nouns, dictionary)
        if not key or key in STOPWORDS:
            continue
        entry = terms.get(key)
        if entry is None:
            entry = terms[key] = Entry(key)
        entry.forms[form] = entry.forms.get(form, 0) + 1
        first = tokens[word.tokens[0]]
        more = tuple((tokens[i].start, tokens[i].end) for i in word.tokens[1:]) if len(word.tokens) > 1 else ()
        entry.contexts.append(Context(b, s, first.start, first.end, more, word.pos))
        votes = pos_votes[key]
        votes[word.pos] = votes.get(word.pos, 0) + 1
        if determiner and form == key and not form.endswith(ADJECTIVE_ENDINGS):
            articles[key][determiner] += 1

    merge_name_variants(names)
    for entry in terms.values():
        votes = pos_votes[entry.lemma]
        entry.pos = max(votes, key=votes.get)
        describe_term(entry, dictionary, articles.get(entry.lemma))
        choose_senses(entry, article, translations or {})
        if learner_glosses:
            entry.use_learner_gloss(learner_glosses.get(entry.lemma, ""))
    for entry in names.values():
        entry.zipf = zipf(entry.lemma.lower())
        entry.level = level(entry.zipf)
        entry.gloss = name_gloss(dictionary, entry.lemma)
        entry.gloss_source = "dictionary" if entry.gloss else ""
    unglossed = [entry for entry in terms.values() if not entry.gloss]
    if machine_gloss and unglossed:
        word_translations = machine_gloss([entry.lemma for entry in unglossed])
        for entry in unglossed:
            english = word_translations.get(entry.lemma, "")
            if english and english.lower() != entry.lemma.lower():  # a model that echoes the word has not glossed it
                entry.gloss, entry.gloss_source = english, "model"
    for entry in [*terms.values(), *names.values()]:
        entry.status = statuses.get(entry.lemma, "new")

    def shown(entries: dict[str, Entry]) -> list[Entry]:
        """Entries the learner still wants to see."""
        return [entry for entry in entries.values() if include_known or entry.status not in HIDDEN_STATUSES]

    ranked_terms = sorted(shown(terms), key=rank)
    ranked_names = sorted(shown(names), key=lambda entry: (-entry.count, entry.lemma))
    return Glossary(ranked_terms, ranked_names, dictionary_installed=dictionary.installed)


def rank(entry: Entry) -> tuple[float, int, str]:
    """Rarest first, where a word the article uses n times counts as n times rarer.

    Zipf − log10(count) orders by count / frequency: how much more this article uses the word than
    Dutch at large. For words seen once that is plain rarity; kernwapens, 11 times here at Zipf 3.4,
    ranks with words of Zipf 2.4, because the article is about them.
    """
    return entry.zipf - math.log10(entry.count), -entry.count, entry.lemma


def estimated_zipf(parts: list[Part]) -> float:
    """A Zipf for a compound wordfreq has never seen: the mean of its parts' less one, at most its rarest part's.

    informatieproject (informatie 5.0, project 5.2) → 4.1, raketlanceersysteem → 2.2 (lanceer 2.2).
    """
    values = [zipf(part.text) for part in parts]
    return round(min(sum(values) / len(values) - 1, min(values)), 2)


_term_lemmas: dict[tuple[str, bool, object], str] = {}


def term_lemma(form: str, is_noun: bool, dictionary: Dictionary) -> str:
    """The lemma a vocabulary word is counted under, or '' for a function word or a foreign word.

    A form seen after de/het is a noun, so it is not turned into a verb (het verzet, not verzetten).
    A word far more common in English than in Dutch and missing from the dictionary is English
    quoted in Dutch (‘first strike’), not Dutch vocabulary; nor is a word no Dutch source knows.
    """
    key = (form, is_noun, dictionary.directory)  # the dictionary decides what counts as English
    found = _term_lemmas.get(key)
    if found is None:
        found = lemma(form)
        if is_noun and found in (form + "en", form + form[-1:] + "en"):  # verzet → verzetten: the verb of the noun
            found = form
        if found.lower() in STOPWORDS or (is_english(found.lower()) and not dictionary.senses(found)):
            found = ""
        elif is_unknown(form.lower(), dictionary):
            found = ""
        _term_lemmas[key] = found
    return found


def is_unknown(word: str, dictionary: Dictionary) -> bool:
    """Whether no Dutch source knows a word: not wordfreq's Dutch list, the lexicon, FreeDict or the splitter. Such
    words are program and package names (dpkg, kmail, cron-apt), code and typos, not vocabulary to learn."""
    pieces = [piece for piece in word.split("-") if piece]
    return any(zipf(piece) == 0 and not readings(piece) and not split(piece) and not dictionary.senses(piece)
               for piece in pieces) or not pieces


_is_term: dict[str, bool] = {}
MAX_WORD_LENGTH = 60  # characters; longer runs of letters are no vocabulary (and would cost every lookup their length)


def is_term(word: str) -> bool:
    """Whether a token can be a vocabulary term: three letters or more, no function word, no acronym, and
    Dutch's own (Latin) script: a Hebrew or Arabic word quoted in the text is no Dutch vocabulary."""
    found = _is_term.get(word)
    if found is None:
        found = _is_term[word] = (3 <= len(word) <= MAX_WORD_LENGTH and word.lower() not in STOPWORDS and not is_acronym(word)
                                  and all(unicodedata.name(c, "").startswith("LATIN") for c in word if c.isalpha()))
    return found


def word_form(word: str) -> str:
    """The form a term is counted under: lower case, except for an acronym before a hyphen (VN-veiligheidsraad)."""
    head, _, last = word.rpartition("-")
    if head and any(is_acronym(piece) for piece in head.split("-")):
        return f"{head}-{last.lower()}"
    return word.lower()


LEXICON_FLOOR_ZIPF = 3.3  # the core lexicon holds nearly every Dutch lemma this common: one it lacks is a name


def is_vocabulary(word: str, dictionary: Dictionary) -> bool:
    """Whether a lower-case word is Dutch vocabulary rather than a name: the core lexicon reads it, or it is rarer
    than the lexicon reaches and the lemmatiser, dictionary or splitter knows it (jan is a name, vazalstaat a word)."""
    import simplemma

    return (
        bool(readings(word))
        or word in dictionary.nld_eng.offsets
        or bool(split(word))
        or (zipf(word) < LEXICON_FLOOR_ZIPF and (simplemma.is_known(word, lang="nl") or lemma(word) != word))
    )


DETERMINERS = {"de": "de", "De": "de", "het": "het", "Het": "het"}


def article_before(text: str, tokens: list[Token], i: int) -> str:
    """'de' or 'het' when it stands right before token i, or before an inflected adjective before it."""
    for j in (i - 1, i - 2):
        determiner = DETERMINERS.get(tokens[j].norm, "") if j >= 0 else ""
        if not determiner or (j == i - 2 and not is_inflected_adjective(tokens[i - 1].norm.lower())):
            continue
        if all(not text[tokens[k].end : tokens[k + 1].start].strip() for k in range(j, i)):
            return determiner
    return ""


def is_inflected_adjective(word: str) -> bool:
    """An adjective with its -e (grootste, nucleaire), not a noun in -e (staatstelevisie)."""
    return word.endswith("e") and lemma(word) != word and not word.endswith("en")


def describe_term(entry: Entry, dictionary: Dictionary, votes: Counter | None) -> None:
    """Fill in a term's frequency, level, compound parts, gloss and article (de/het)."""
    parts = list(compound_parts(entry.lemma.lower())) if " " not in entry.lemma else []  # an expression is no compound
    entry.zipf = max([zipf(entry.lemma.lower())] + [zipf(form.lower()) for form in entry.forms if " " not in form])
    if entry.zipf == 0 and parts:
        entry.zipf = estimated_zipf(parts)
    entry.level = level(entry.zipf)
    forms = sorted(entry.forms, key=lambda form: -entry.forms[form])
    entry.gloss, entry.gloss_source, entry.parts = entry_gloss(dictionary, entry.lemma, forms, parts, entry.pos)
    if entry.gloss_source == "dictionary" and not all(part.gloss or part.link == "-" for part in entry.parts):
        entry.parts = []  # the word has its own entry, and a part the dictionary lacks is likely a bad split (mac + aber)
    lexemes = core().lexemes(entry.lemma, "noun")
    if lexemes and lexemes[0].pos == "noun":
        entry.article = lexemes[0].article
    elif votes:
        (best, count), *rest = votes.most_common()
        entry.article = best if not rest or rest[0][1] < count else ""


def merge_name_variants(names: dict[str, Entry]) -> None:
    """Fold "Poetins" into "Poetin", and a surname alone into the one full name ending in it (Poetin → Vladimir Poetin)."""
    for key in sorted(names, key=len):
        stem = key[:-2] if key.endswith("'s") else key[:-1] if key.endswith("s") else ""
        if stem in names:
            absorb(names, key, stem)
    for key in [key for key in names if " " not in key]:
        longer = [other for other in names if other.endswith(" " + key)]
        if len(longer) == 1:
            absorb(names, key, longer[0])


def absorb(names: dict[str, Entry], key: str, into: str) -> None:
    """Move one name entry's forms and contexts into another."""
    entry = names.pop(key)
    target = names[into]
    for form, count in entry.forms.items():
        target.forms[form] = target.forms.get(form, 0) + count
    target.contexts = sorted(target.contexts + entry.contexts, key=lambda c: (c.block, c.sentence, c.start))
