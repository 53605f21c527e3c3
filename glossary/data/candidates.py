"""Step 1 of the core lexicon: the candidate lemmas, in wordfreq's order, for the batch writers.

    python -m glossary.data.candidates > glossary/data/candidates.tsv

Each row: rank, lemma (simplemma's, lower case), the commonest form that brought it, that form's
Dutch Zipf, and hints for the writer: `sep` (simplemma marks a separable verb), `unknown` (simplemma
does not know the form), `english` (the form is commoner in English than in Dutch). Digits, one-letter
forms and forms with other symbols are dropped here; names, foreign words and junk are dropped by the
writers (batches/README.md), so there are more candidates than the 20,000 entries the lexicon keeps.
"""

import sys

import simplemma
import wordfreq

SOURCE_WORDS = 130_000  # wordfreq's top forms; enough to give 36,000 distinct lemmas
CANDIDATES = 36_000


def candidates() -> list[tuple[str, str, float, list[str]]]:
    """(lemma, form, zipf, hints) for the first CANDIDATES distinct lemmas of Dutch."""
    found: dict[str, tuple[str, float, list[str]]] = {}
    for form in wordfreq.top_n_list("nl", SOURCE_WORDS):
        if len(form) < 2 and form != "u" or not form.replace("-", "").replace("'", "").isalpha():
            continue
        raw = simplemma.lemmatize(form, lang="nl")
        lemma = raw.lower().replace("_", "")
        if lemma in found:
            continue
        dutch = wordfreq.zipf_frequency(form, "nl")
        hints = ["sep"] if "_" in raw else []
        if not simplemma.is_known(form, lang="nl"):
            hints.append("unknown")
        if wordfreq.zipf_frequency(form, "en") > dutch:
            hints.append("english")
        found[lemma] = (form, dutch, hints)
        if len(found) == CANDIDATES:
            break
    return [(lemma, form, zipf, hints) for lemma, (form, zipf, hints) in found.items()]


def main() -> None:
    """Print the candidates as TSV."""
    for rank, (lemma, form, zipf, hints) in enumerate(candidates(), 1):
        sys.stdout.write(f"{rank}\t{lemma}\t{form}\t{zipf:.2f}\t{','.join(hints)}\n")


if __name__ == "__main__":
    main()
