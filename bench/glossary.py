"""Glossary speed: the whole pipeline on the seed article repeated to ~120,000 tokens, against a naive pass.

The naive pass only tokenizes and calls wordfreq.zipf_frequency on every token, the least a frequency
glossary has to do. Ours tokenizes, classifies names, lemmatises, splits compounds, ranks and glosses.
Both are timed in this run on this machine; per-word work is cached, as a book repeats its words.
Also prints the compound splitter's accuracy on the gold set against the compound-split package.

    .venv/bin/python bench/glossary.py
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_TOKENS = 120_000
TARGET_SPEED = 100_000  # tokens/s


def repeated_article(tokens_wanted: int):
    """The seed article with its blocks repeated until it has about `tokens_wanted` word tokens."""
    from glossary.tokenize import tokenize
    from reader.article import Article, load

    seed = load(str(ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"))
    per_copy = sum(len(tokenize(sentence.text)) for _, _, sentence in seed.sentences())
    copies = max(1, round(tokens_wanted / per_copy))
    return seed, Article(seed.source, seed.title, seed.blocks * copies, seed.metadata), per_copy * copies


def naive_pass(article) -> float:
    """Seconds to tokenize the article and look every token up with wordfreq.zipf_frequency."""
    import wordfreq

    from glossary.tokenize import tokenize

    wordfreq.zipf_frequency("de", "nl")  # load wordfreq's data before timing
    start = time.perf_counter()
    for _, _, sentence in article.sentences():
        for token in tokenize(sentence.text):
            wordfreq.zipf_frequency(token.norm, "nl")
    return time.perf_counter() - start


def main() -> None:
    """Time the first build (cold caches), then the big article, then the naive pass; print the figures."""
    start = time.perf_counter()
    from glossary import build
    from glossary.dictionary import default_dictionary

    seed, big, tokens = repeated_article(TARGET_TOKENS)
    first = build(seed)  # a fresh process: lexicon, dictionary and every per-word cache filled here
    cold = time.perf_counter() - start
    start = time.perf_counter()
    glossary = build(big)
    ours = time.perf_counter() - start
    naive = naive_pass(big)
    ours_speed, naive_speed = tokens / ours, tokens / naive
    print(f"seed article, fresh process (imports, lexicon, dictionary): {cold:.2f} s, "
          f"{len(first.terms)} terms, {len(first.names)} names")
    print(f"pipeline on {tokens:,} tokens: {ours:.2f} s = {ours_speed:,.0f} tokens/s "
          f"(target {TARGET_SPEED:,}: {'met' if ours_speed >= TARGET_SPEED else 'MISSED'})")
    print(f"naive zipf_frequency per token: {naive:.2f} s = {naive_speed:,.0f} tokens/s; "
          f"ours / naive = {ours_speed / naive_speed:.2f}")
    print(f"dictionary installed: {default_dictionary().installed}; terms {len(glossary.terms)}")

    from tests.test_compounds import GOLD, accuracy, baseline_boundaries, our_boundaries

    print(f"compound gold set ({len(GOLD)} words): ours {accuracy(our_boundaries):.0%}, "
          f"compound-split package {accuracy(baseline_boundaries):.0%}")


if __name__ == "__main__":
    main()
