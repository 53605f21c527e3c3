"""Translation speed on the seed article at argostranslate's beam (4, length penalty 0.2): its calls against ours.

The model is laid out as the real translate-nl_en 1.8 (Dutch-only tokenizer, English pieces in the shared
vocabulary) with OPUS-MT's transformer-base shape: a copy model that swaps some Dutch words for English
(tests/copy_model.py). Its search ends where the source does (checked below: the default length limit of
256 costs no more than no room at all), so beam 4 costs what it costs on a real model.

(a) argostranslate 1.11's own calls at its defaults: its Translator settings (inter 1, intra 0), one
    translate_batch per paragraph with beam_size=4, max_batch_size=32, batch_type="tokens", length_penalty=0.2;
(b) reader.translate.Translator at the same beam; (c) the engine's own best: one translate_batch over every
    sentence of the article at once, in the fastest of the thread splits and batch sizes tried.
Also the cached re-read, and the first paragraph's latency at beam 4 and at beam 1 (the speed setting). Each figure is the best of a few runs, in this run.
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
BEAM, LENGTH_PENALTY = 4, 0.2
TARGET_SPEEDUP, TARGET_BEST, TARGET_CACHE, TARGET_FIRST = 2.5, 0.9, 1000, 0.5


def argos_model(model_path: str):
    """A model with argostranslate's thread settings (inter 1, intra 0), warmed up."""
    import ctranslate2

    model = ctranslate2.Translator(model_path, device="cpu", inter_threads=1, intra_threads=0, compute_type="auto")
    model.translate_batch([["▁De"]], beam_size=BEAM)  # warm up, as our side is measured after loading
    return model


def argos_calls(model, paragraphs: list[list[list[str]]]) -> tuple[float, list]:
    """Seconds for argostranslate's own calls at its defaults, and the output."""
    start = time.perf_counter()
    output = []
    for tokens in paragraphs:
        results = model.translate_batch(
            tokens, replace_unknowns=True, max_batch_size=32, batch_type="tokens",
            beam_size=BEAM, num_hypotheses=1, length_penalty=LENGTH_PENALTY, return_scores=True,
        )
        output.append([r.hypotheses[0] for r in results])
    return time.perf_counter() - start, output


def engine_setups(model_path: str, count: int) -> list:
    """The engine's candidate setups for one batch over everything: (label, model, max_batch_size)."""
    import ctranslate2

    cores = os.cpu_count() or 1
    setups = []
    for inter in sorted({1, min(4, cores)}):
        intra = max(1, cores // inter)
        model = ctranslate2.Translator(model_path, device="cpu", inter_threads=inter, intra_threads=intra)
        model.translate_batch([["▁De"]], beam_size=BEAM)
        for batch in sorted({16, -(-count // inter)}):  # the larger: one share of the sentences per worker
            setups.append((f"{inter} worker(s) x {intra} thread(s), batches of {batch}", model, batch))
    return setups


def engine_run(setup, sentences: list[list[str]]) -> tuple[float, str, list]:
    """One translate_batch over every sentence with one setup: seconds, setup, output."""
    label, model, batch = setup
    start = time.perf_counter()
    results = model.translate_batch(sentences, beam_size=BEAM, length_penalty=LENGTH_PENALTY,
                                    replace_unknowns=True, max_batch_size=batch)
    return time.perf_counter() - start, label, [r.hypotheses[0] for r in results]


def engine_best(setups: list, sentences: list[list[str]]):
    """The fastest setup of one trial run each (then timed as often as the other sides)."""
    return min(setups, key=lambda setup: engine_run(setup, sentences)[0])


def beams_end(model_path: str, sentences: list[list[str]]) -> tuple[float, bool]:
    """Time with CTranslate2's default length limit (256) over time with no room past the source, and whether
    both give the same output: about 1 when no beam runs on past the end of the source."""
    import ctranslate2

    model = ctranslate2.Translator(model_path, device="cpu", inter_threads=1, intra_threads=os.cpu_count() or 1)
    times, outputs = [], []
    for limit in (256, max(len(s) for s in sentences) + 1):
        start = time.perf_counter()
        results = model.translate_batch(sentences, beam_size=BEAM, length_penalty=LENGTH_PENALTY,
                                        max_decoding_length=limit, max_batch_size=16)
        times.append(time.perf_counter() - start)
        outputs.append([r.hypotheses[0] for r in results])
    return times[0] / times[1], outputs[0] == outputs[1]


def our_pipeline(article, store_path: Path, beam: int = BEAM) -> tuple[float, float, float, list[list[str]]]:
    """Seconds to load the model, to translate cold, to the whole first paragraph, and the translations."""
    from reader.store import Store
    from reader.translate import Translator

    translator = Translator(Store(store_path), beam=beam)
    start = time.perf_counter()
    translator.load()
    loaded = time.perf_counter()
    first: list[float] = []
    waiting = {s.text for s in article.blocks[0].sentences}

    def progress(part: dict[str, str], done: int, total: int) -> None:
        """Note when the whole first paragraph has arrived."""
        waiting.difference_update(part)
        if not waiting and not first:
            first.append(time.perf_counter())

    output = translator.translate_article(article, 0, progress)
    end = time.perf_counter()
    return loaded - start, end - loaded, first[0] - loaded, output


def cached_read(article, store_path: Path) -> tuple[float, int]:
    """Seconds for a fresh Translator to re-read the article from the cache, and sentences it sent to the model."""
    from reader.store import Store
    from reader.translate import Translator

    start = time.perf_counter()
    translator = Translator(Store(store_path), beam=BEAM)
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
    """Build and install the model, run every side, print the figures; 1 when a target is missed."""
    from reader import models
    from reader.article import load
    from reader.translate import clean, tokenizer
    from tests.copy_model import BASE, build_real_layout_package, real_layout_english

    start = time.perf_counter()
    archive = build_real_layout_package(work / "base.argosmodel", size=BASE)
    built = time.perf_counter() - start
    package = models.install_file(archive)
    model_path = str(package.package_path / "model")
    article = load(str(ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"))
    encode, _ = tokenizer(package)
    processor = package.tokenizer.lazy_processor()
    paragraphs = [[encode(s.text) for s in block.sentences] for block in article.blocks]
    sentences = [t for p in paragraphs for t in p]
    count = len(sentences)
    print(f"model: real-layout copy model, 6+6 layers, d_model 512, 8 heads, ffn 2048, 32k vocabulary, int8 "
          f"(built in {built:.1f} s); {os.cpu_count()} cores; beam {BEAM}, length penalty {LENGTH_PENALTY}")
    print(f"text: seed article, {len(paragraphs)} blocks, {count} sentences, "
          f"{sum(len(t) for t in sentences) / count:.0f} tokens per sentence on average")
    ratio, ends = beams_end(model_path, sentences)
    print(f"length limit 256 against no room past the source: {ratio:.2f}x the time, same output: {ends} "
          "(about 1: no beam runs on to the limit)")

    # Round by round, each side in turn, so a busy machine slows them alike.
    argos, engine = argos_model(model_path), engine_best(engine_setups(model_path, count), sentences)
    a_runs, c_runs, b_runs, greedy = [], [], [], []
    for i in range(RUNS):
        a_runs.append(argos_calls(argos, paragraphs))
        c_runs.append(engine_run(engine, sentences))
        b_runs.append(our_pipeline(article, work / f"cold-{i}.sqlite3"))
        greedy.append(our_pipeline(article, work / f"greedy-{i}.sqlite3", beam=1)[2])
    cached_runs = [cached_read(article, work / "cold-0.sqlite3") for _ in range(RUNS)]
    c_time, c_split, c_out = min(c_runs, key=lambda run: run[0])
    greedy_first = min(greedy)
    a_time, a_out = min(a_runs, key=lambda run: run[0])
    load_time = min(run[0] for run in b_runs)
    b_time, first, b_out = min(run[1] for run in b_runs), min(run[2] for run in b_runs), b_runs[0][3]
    cached, sent = min(cached_runs)

    def argos_decode(tokens: list[str]) -> str:
        """argostranslate's decoding, spaces tidied: decode_pieces, then ▁ and _ become spaces."""
        return " ".join(processor.decode_pieces(tokens).replace("▁", " ").replace("_", " ").split())

    expected = [[real_layout_english(s.text) for s in b.sentences] for b in article.blocks]
    same = ([[argos_decode(t) for t in p] for p in a_out] == b_out == expected
            and [clean(processor.decode_pieces(t)) for t in c_out] == [t for p in expected for t in p])
    speedup, best_share, cache_speedup = a_time / b_time, c_time / b_time, b_time / cached
    print(f"(a) argostranslate's calls   : {count / a_time:6.1f} sentences/s ({a_time:.2f} s)")
    print(f"(b) leesplank Translator     : {count / b_time:6.1f} sentences/s ({b_time:.2f} s)  "
          f"{speedup:.1f}x (a)  [target >= {TARGET_SPEEDUP}x]")
    print(f"(c) one batch, engine's best : {count / c_time:6.1f} sentences/s ({c_time:.2f} s, {c_split})  "
          f"(b) = {best_share:.2f} x (c)  [target >= {TARGET_BEST}]")
    print(f"cached re-read               : {cached * 1000:6.2f} ms, {sent} sentences sent to the model, "
          f"{cache_speedup:,.0f}x faster than cold  [target >= {TARGET_CACHE}x]")
    print(f"first paragraph after load   : {first:6.3f} s at beam {BEAM} (model load {load_time:.2f} s); "
          f"{greedy_first:.3f} s at beam 1 (LEESPLANK_BEAM=1)  [target <= {TARGET_FIRST} s at beam 1]")
    print(f"outputs identical to each other and to the expected English: {same}")
    met = (speedup >= TARGET_SPEEDUP and best_share >= TARGET_BEST and cache_speedup >= TARGET_CACHE
           and greedy_first <= TARGET_FIRST and same and ends)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
