"""Translation speed on the seed article with a base-sized copy model: argostranslate's call pattern against ours.

(a) argostranslate 1.11's pattern: its Translator settings, one translate_batch per paragraph with
    max_batch_size=32, batch_type="tokens"; (b) reader.translate.Translator. Both at beam 1 (a copy model's
    losing beams run to the length limit). Also the cached re-read and the first paragraph's latency.
Each figure is the best of a few runs, measured in this run on this machine.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 3
TARGET_SPEEDUP, TARGET_CACHE, TARGET_FIRST = 2.5, 1000, 0.5


def argos_pattern(model_path: str, paragraphs: list[list[list[str]]], our_threads: bool = False) -> tuple[float, list]:
    """Seconds for argostranslate's own calls, and the output; its thread settings (inter 1, intra 0) or ours."""
    import ctranslate2

    from reader.translate import open_model

    model = open_model(model_path) if our_threads else ctranslate2.Translator(
        model_path, device="cpu", inter_threads=1, intra_threads=0, compute_type="auto")
    model.translate_batch(paragraphs[0][:1], beam_size=1)  # warm up, as our side is measured after loading
    start = time.perf_counter()
    output = []
    for tokens in paragraphs:
        results = model.translate_batch(
            tokens, replace_unknowns=True, max_batch_size=32, batch_type="tokens",
            beam_size=1, num_hypotheses=1, length_penalty=0.2, return_scores=True,
        )
        output.append([r.hypotheses[0] for r in results])
    return time.perf_counter() - start, output


def our_pipeline(article, store_path: Path) -> tuple[float, float, float, list[list[str]]]:
    """Seconds to load the model, to translate cold, to the first paragraph, and the translations."""
    from reader.store import Store
    from reader.translate import Translator

    translator = Translator(Store(store_path))
    start = time.perf_counter()
    translator.load()
    loaded = time.perf_counter()
    first: list[float] = []
    output = translator.translate_article(
        article, 0, lambda part, done, total: first.append(time.perf_counter()) if part and not first else None
    )
    end = time.perf_counter()
    return loaded - start, end - loaded, first[0] - loaded, output


def cached_read(article, store_path: Path) -> tuple[float, int]:
    """Seconds for a fresh Translator to re-read the article from the cache, and sentences it sent to the model."""
    from reader.store import Store
    from reader.translate import Translator

    start = time.perf_counter()
    translator = Translator(Store(store_path))
    translator.translate_article(article, 0)
    return time.perf_counter() - start, translator.sentences_translated


def main() -> int:
    """Run the benchmark in a throwaway data dir."""
    work = Path(tempfile.mkdtemp(prefix="leesplank-bench-"))
    os.environ["LEESPLANK_HOME"] = str(work)
    os.environ.pop("ARGOS_PACKAGES_DIR", None)  # the model goes inside the throwaway dir
    try:
        return run(work)
    finally:
        shutil.rmtree(work)


def run(work: Path) -> int:
    """Build and install the model, run both sides, print the figures; 1 when a target is missed."""
    from reader import models
    from reader.article import load
    from reader.translate import tokenizer
    from tests.copy_model import BASE, build_package

    start = time.perf_counter()
    archive = build_package(work / "base.argosmodel", size=BASE)
    built = time.perf_counter() - start
    package = models.install_file(archive)
    article = load(str(ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"))
    encode, decode = tokenizer(package)
    paragraphs = [[encode(s.text) for s in block.sentences] for block in article.blocks]
    count = sum(len(p) for p in paragraphs)
    print(f"model: copy model, 6+6 layers, d_model 512, 8 heads, ffn 2048, 32k vocabulary, int8 "
          f"(built in {built:.1f} s); {os.cpu_count()} cores")
    print(f"text: seed article, {len(paragraphs)} blocks, {count} sentences, "
          f"{sum(len(t) for p in paragraphs for t in p) / count:.0f} tokens per sentence on average")

    a_runs = [argos_pattern(str(package.package_path / "model"), paragraphs) for _ in range(RUNS)]
    threads_time = min(argos_pattern(str(package.package_path / "model"), paragraphs, True)[0] for _ in range(RUNS))
    b_runs = [our_pipeline(article, work / f"cold-{i}.sqlite3") for i in range(RUNS)]
    cached_runs = [cached_read(article, work / "cold-0.sqlite3") for _ in range(RUNS)]
    a_time, a_out = min(a_runs, key=lambda run: run[0])
    load_time = min(run[0] for run in b_runs)
    b_time, first, b_out = min(run[1] for run in b_runs), min(run[2] for run in b_runs), b_runs[0][3]
    cached, sent = min(cached_runs)

    same = [[decode(t) for t in p] for p in a_out] == b_out == [[s.text for s in b.sentences] for b in article.blocks]
    speedup, cache_speedup = a_time / b_time, b_time / cached
    print(f"(a) argostranslate pattern : {count / a_time:6.1f} sentences/s ({a_time:.2f} s)")
    print(f"    same calls, our threads : {count / threads_time:6.1f} sentences/s ({threads_time:.2f} s)")
    print(f"(b) leesplank Translator   : {count / b_time:6.1f} sentences/s ({b_time:.2f} s)  "
          f"{speedup:.1f}x (a)  [target >= {TARGET_SPEEDUP}x]")
    print(f"cached re-read             : {cached * 1000:6.2f} ms, {sent} sentences sent to the model, "
          f"{cache_speedup:,.0f}x faster than cold  [target >= {TARGET_CACHE}x]")
    print(f"first paragraph after load : {first:6.3f} s (model load {load_time:.2f} s)  [target <= {TARGET_FIRST} s]")
    print(f"outputs identical to the source and to each other: {same}")
    met = speedup >= TARGET_SPEEDUP and cache_speedup >= TARGET_CACHE and first <= TARGET_FIRST and same
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
