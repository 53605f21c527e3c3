"""Sentence-aligned Dutch→English translation: the store's cache first, then CTranslate2 on the Argos package.

The model is loaded once per Translator, lazily and under a lock, so a TUI worker thread can call it.
Misses go to the model in batches of whole sentences, in the order given (the reader's paragraph first).
"""

import os
import re
import threading
from collections.abc import Callable, Iterator
from enum import Enum

from reader.errors import UserError
from reader.models import INSTALL_COMMAND, candidates, find_model, package_key

JOB_SIZE = 16  # sentences per translate_batch job: small enough to show progress, large enough to batch well
WINDOW_TOKENS = 200  # longest input sent to the model at once, well inside its 512-token limit
BEAM_SIZE = 4  # argostranslate's quality: beam 4, length penalty 0.2; LEESPLANK_BEAM or --beam trades it for speed
LENGTH_PENALTY = 0.2
MAX_BEAM = 16
# Bumped whenever decoding changes what a translation reads like, so the cache never hides a fix.
# 2: a raw ▁ from pieces the package's tokenizer does not know becomes a space (translate-nl_en 1.8).
DECODER_VERSION = 2


class TranslationState(str, Enum):
    """Where the translator stands: no model, installed but not loaded, loading, or ready."""

    MISSING = "missing"
    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"


class NoModelError(UserError):
    """No Dutch→English model is installed; the message names the command that fixes it."""

    def __init__(self):
        super().__init__(f"no translation model installed; run: {INSTALL_COMMAND}")


# Called after each finished job with the new translations, the sentences done and the total;
# returning False stops the translation (a cancelled TUI worker).
Progress = Callable[[dict[str, str], int, int], bool | None]


class Translator:
    """Translates sentences with the installed Argos nl→en package, caching every result in the store."""

    def __init__(self, store=None, beam: int | None = None):
        """Use `store` for the cache (a new Store when None) and `beam` (LEESPLANK_BEAM or 4 when None);
        finds the package but loads nothing yet."""
        if store is None:
            from reader.store import Store

            store = Store()
        self.store = store
        self.package = find_model()
        self.beam = beam_setting() if beam is None else beam
        self.key = package_key(self.package) if self.package else ""  # shown to the user, e.g. translate-nl_en@1.8
        self.cache_key = cache_key(self.package) if self.package else ""
        self.sentences_translated = 0  # sentences sent to the model: tests prove the cache with it
        self._lock = threading.Lock()
        self._loading = False
        self._model = None
        self._encode = self._decode = None

    @property
    def status(self) -> TranslationState:
        """The translator's state, for the TUI and the CLI."""
        if self.package is None:
            return TranslationState.MISSING
        if self._model is not None:
            return TranslationState.READY
        return TranslationState.LOADING if self._loading else TranslationState.IDLE

    def load(self):
        """Load the model and tokenizer once; safe to call from several threads.

        A package that fails to load is never used: the next newest installed one that loads takes its place.
        """
        if self.package is None:
            raise NoModelError()
        with self._lock:
            if self._model is None:
                self._loading = True
                try:
                    self._load_first_that_works()
                finally:
                    self._loading = False
        return self._model

    def _load_first_that_works(self) -> None:
        """Load the chosen package, else the first other installed nl→en package that loads; a UserError if none."""
        failure = None
        others = [p for p in candidates() if p.package_path != self.package.package_path]
        for package in [self.package, *others]:
            try:
                self._encode, self._decode = tokenizer(package)
                self._model = open_model(str(package.package_path / "model"))
            except (RuntimeError, OSError, ValueError) as error:
                failure = failure or UserError(
                    f"the translation model {self.key} cannot be loaded ({error}); reinstall it: {INSTALL_COMMAND}")
                continue
            if package is not self.package:
                self.package, self.key, self.cache_key = package, package_key(package), cache_key(package)
            return
        raise failure

    def translate(self, sentences: list[str], on_progress: Progress | None = None, lead: int = 0) -> dict[str, str]:
        """Each sentence's translation, from the cache or from the model (in the given order); the first
        `lead` sentences (the reader's paragraph) go to the model as a job of their own, ahead of the rest."""
        if self.package is None:
            raise NoModelError()
        unique = list(dict.fromkeys(s for s in sentences if s.strip()))
        done = self.store.cached_translations(self.cache_key, unique)
        misses = [s for s in unique if s not in done]
        if on_progress and on_progress(dict(done), len(done), len(unique)) is False:
            return done
        if misses:
            leading = set(sentences[:lead])
            for part in self._run(misses, sum(1 for s in misses if s in leading)):
                self.store.save_translations(self.cache_key, part)
                done.update(part)
                if on_progress and on_progress(part, len(done), len(unique)) is False:
                    break
        return done

    def _run(self, sentences: list[str], lead: int = 0) -> Iterator[dict[str, str]]:
        """Translate in jobs of up to JOB_SIZE sentences, with one job per model thread (plus one queued) in flight;
        the first `lead` sentences come first, shared over the model threads."""
        model = self.load()
        # The rest by length (as CTranslate2 batches), so that a job's sentences need little padding.
        first, rest = sentences[:lead], sorted(sentences[lead:], key=len)
        # The reader's paragraph shared out over every model thread, so it is ready soonest; then jobs of at
        # most JOB_SIZE, but enough of them to keep every model thread busy.
        lead_size = max(1, -(-len(first) // model.num_translators))
        size = max(1, min(JOB_SIZE, -(-len(rest) // model.num_translators)))
        jobs = [first[i : i + lead_size] for i in range(0, len(first), lead_size)]
        jobs += [rest[i : i + size] for i in range(0, len(rest), size)]
        in_flight = []
        for job in jobs:
            in_flight.append((job, self._submit(model, job)))
            if len(in_flight) > model.num_translators:
                yield self._collect(*in_flight.pop(0))
        for job, results in in_flight:
            yield self._collect(job, results)

    def _submit(self, model, job: list[str]):
        """Start one asynchronous translate_batch over a job's sentences; returns (window owners, results)."""
        windows, owners = [], []  # an overlong sentence goes in several windows, each translated whole
        for index, sentence in enumerate(job):
            for window in token_windows(self._encode(sentence)):
                windows.append(window)
                owners.append(index)
        prefix = self.package.target_prefix
        self.sentences_translated += len(job)
        results = model.translate_batch(
            windows,
            target_prefix=[[prefix]] * len(windows) if prefix else None,
            asynchronous=True,
            beam_size=self.beam,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            # A real model sometimes repeats itself without end; cap relative to the longest source.
            max_decoding_length=2 * max(len(w) for w in windows) + 10,
        )
        return owners, results

    def _collect(self, job: list[str], submitted) -> dict[str, str]:
        """Wait for a job and decode its translations, joining the windows of an overlong sentence."""
        owners, results = submitted
        prefix = self.package.target_prefix
        parts: list[list[str]] = [[] for _ in job]
        for owner, result in zip(owners, results):
            tokens = result.result().hypotheses[0]
            if prefix and tokens[:1] == [prefix]:
                tokens = tokens[1:]
            parts[owner].append(self._decode(tokens))
        return {sentence: " ".join(part) for sentence, part in zip(job, parts)}

    def translate_article(self, article, first_block: int = 0, on_progress: Progress | None = None) -> list[list[str]]:
        """Per block, each sentence's translation; the block at `first_block` first, then the others."""
        count = len(article.blocks)
        order = [(first_block + i) % count for i in range(count)]
        sentences = [s.text for b in order for s in article.blocks[b].sentences]
        found: dict[str, str] = {}

        def report(part: dict[str, str], _done: int, total: int) -> bool:
            found.update(part)
            return not (on_progress and on_progress(part, len(found), total) is False)

        # The reader's paragraph goes first, shared over the model threads; the rest follows in the same pipeline.
        self.translate(sentences, report, lead=len(article.blocks[first_block].sentences) if count else 0)
        return [[found.get(s.text, "") for s in block.sentences] for block in article.blocks]


def token_windows(tokens: list[str], size: int = WINDOW_TOKENS) -> list[list[str]]:
    """A sentence's tokens in windows of at most `size`, cut where a SentencePiece word starts when it can.

    The model silently drops whatever lies past its maximum input length (512 for OPUS-MT), so a
    run-on "sentence" (a text without punctuation) is translated a window at a time instead.
    """
    windows = []
    while len(tokens) > size:
        cut = next((i for i in range(size, size // 2, -1) if tokens[i].startswith("▁")), size)
        windows.append(tokens[:cut])
        tokens = tokens[cut:]
    return [*windows, tokens]


def clean(text: str) -> str:
    """A decoded translation as argostranslate shows it: a raw ▁ is a space; no double or outer spaces.

    The real nl→en package's tokenizer is Dutch only, so the English pieces it does not know keep their ▁.
    Unlike argostranslate, "_" is left alone: it is a real underscore.
    """
    return re.sub(r"\s{2,}", " ", text.replace("\u2581", " ")).strip()


def cache_key(package) -> str:
    """The translation cache's key: the package's code and version, and the decoder's version."""
    return f"{package_key(package)}/decoder{DECODER_VERSION}"


def beam_setting() -> int:
    """The beam size from LEESPLANK_BEAM (1 is fastest, 4 is argostranslate's quality and the default)."""
    value = os.environ.get("LEESPLANK_BEAM", "").strip()
    if not value:
        return BEAM_SIZE
    return check_beam(value, "LEESPLANK_BEAM")


def check_beam(value, name: str = "--beam") -> int:
    """A beam size between 1 and MAX_BEAM, or a UserError naming `name`."""
    try:
        beam = int(value)
    except ValueError:
        beam = 0
    if not 1 <= beam <= MAX_BEAM:
        raise UserError(f"{name} must be a whole number from 1 (fastest) to {MAX_BEAM}, not {value!r}")
    return beam


def join_sentences(block, translations: list[str]) -> str:
    """A block's translation: its sentences' translations, separated as the source sentences are."""
    parts = []
    for i, (sentence, translation) in enumerate(zip(block.sentences, translations)):
        if i:
            gap = block.text[block.sentences[i - 1].end : sentence.start]
            parts.append(gap if gap and not gap.strip() else " ")
        parts.append(translation)
    return "".join(parts)


def open_model(path: str):
    """A CTranslate2 translator: one model thread per core (at most 4), one thread each.

    On two cores, two single-threaded workers on separate batches beat one batch on two OpenMP threads.
    """
    import ctranslate2

    workers = max(1, min(4, os.cpu_count() or 1))
    return ctranslate2.Translator(path, device="cpu", compute_type="auto", inter_threads=workers, intra_threads=1)


def tokenizer(package) -> tuple[Callable[[str], list[str]], Callable[[list[str]], str]]:
    """The package's own encode and decode: SentencePiece, or BPE (via argostranslate) with bpe.model."""
    from argostranslate.tokenizer import SentencePieceTokenizer

    if isinstance(package.tokenizer, SentencePieceTokenizer):
        processor = package.tokenizer.lazy_processor()
        return (lambda text: processor.encode(text, out_type=str)), lambda pieces: clean(processor.decode_pieces(pieces))
    return package.tokenizer.encode, lambda pieces: clean(package.tokenizer.decode(pieces))

