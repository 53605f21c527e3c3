"""The Translator: sentence alignment, the cache, ordering, threads, target prefixes, no model, and `translate`."""

import json
import subprocess
import sys
import threading

import pytest
import sentencepiece as spm

from reader import models, translate
from reader.article import load
from reader.cli import main
from reader.errors import UserError
from reader.store import Store
from reader.translate import (NoModelError, TranslationState, Translator, cache_key, clean, join_sentences,
                              token_windows)
from tests.conftest import SEED
from tests.copy_model import build_package


@pytest.fixture
def article():
    """The seed article."""
    return load(str(SEED))


def test_every_sentence_maps_to_its_own_translation(any_model, article):
    """Each sentence gets its own translation (with a copy model, the sentence), and a block's is their join."""
    translator = Translator()
    assert translator.status is TranslationState.IDLE
    per_block = translator.translate_article(article)
    assert translator.status is TranslationState.READY
    assert [len(t) for t in per_block] == [len(b.sentences) for b in article.blocks]
    for b, s, sentence in article.sentences():
        assert per_block[b][s] == any_model(sentence.text)
    assert [join_sentences(block, t) for block, t in zip(article.blocks, per_block)] == [
        join_sentences(block, [any_model(s.text) for s in block.sentences]) for block in article.blocks]


def test_the_real_layout_gives_english_without_raw_space_marks(real_layout_file, article):
    """translate-nl_en 1.8's tokenizer is Dutch only: the English pieces it lacks must not leave a ▁ behind."""
    package = models.install_file(real_layout_file)
    assert package.package_path.name == "translate-nl_en-1_8" and models.package_key(package) == "translate-nl_en@1.8"
    assert {p.name for p in package.package_path.iterdir()} >= {"README.md", "stanza", "metadata.json", "model",
                                                                 "sentencepiece.model"}
    translations = Translator().translate([s.text for _, _, s in article.sentences()])
    first = article.blocks[0].sentences[0].text
    assert translations[first] == "Opnieuw laat Vladimir Poetin met nuclear wapengekletter van zich horen."
    assert not any("\u2581" in t or "  " in t for t in translations.values())
    assert sum(" the " in t or " and " in t for t in translations.values()) > 10


def test_decoding_cleans_like_argostranslate_but_keeps_underscores():
    assert clean("\u2581The\u2581training met\u2581nuclear  wapens ") == "The training met nuclear wapens"
    assert clean("snake_case stays") == "snake_case stays"


def test_a_translation_cached_by_the_old_decoder_is_made_again(real_layout_file):
    """The cache key holds the decoder's version: what the broken decoder cached (under code@version) is not served."""
    package = models.install_file(real_layout_file)
    sentence = "Opnieuw laat Vladimir Poetin met nucleair wapengekletter van zich horen."
    Store().save_translations(models.package_key(package), {sentence: "Opnieuw laat Vladimir Poetin met▁nuclear"})
    translator = Translator()
    assert translator.cache_key == cache_key(package) == "translate-nl_en@1.8/decoder2"
    assert translator.translate([sentence]) == {sentence: "Opnieuw laat Vladimir Poetin met nuclear "
                                                          "wapengekletter van zich horen."}
    assert translator.sentences_translated == 1


def test_beam_4_is_the_default_and_settings_change_it(copy_model, monkeypatch, capsys):
    """Beam 4 as argostranslate; LEESPLANK_BEAM and --beam trade quality for speed; bad values are one line."""
    assert Translator().beam == 4
    monkeypatch.setenv("LEESPLANK_BEAM", "1")
    assert Translator().beam == 1
    assert main(["translate", str(SEED), "--beam", "2"]) == 0
    assert capsys.readouterr().out.startswith("Opnieuw laat")
    for argv, env, name in ((["--beam", "0"], "1", "--beam"), (["--beam", "vier"], "1", "--beam"),
                            ([], "99", "LEESPLANK_BEAM")):
        monkeypatch.setenv("LEESPLANK_BEAM", env)
        assert main(["translate", str(SEED), *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"leesplank: {name} must be a whole number from 1") and err.count("\n") == 1


def test_the_beam_reaches_the_model(copy_model, monkeypatch):
    """The beam size and argostranslate's length penalty are what translate_batch gets."""
    calls = []
    real_open = translate.open_model

    def recording_open(path):
        model = real_open(path)

        class Recording:
            num_translators = model.num_translators

            def translate_batch(self, *args, **options):
                calls.append((options["beam_size"], options["length_penalty"]))
                return model.translate_batch(*args, **options)

        return Recording()

    monkeypatch.setattr(translate, "open_model", recording_open)
    Translator(beam=3).translate(["Ja."])
    assert calls == [(3, 0.2)]


def test_a_second_open_translates_nothing(copy_model, article):
    """Everything translated once comes from the store afterwards; the model is not even loaded."""
    first = Translator()
    expected = first.translate_article(article)
    assert first.sentences_translated == len({s.text for _, _, s in article.sentences()})
    again = Translator()
    assert again.translate_article(article) == expected
    assert again.sentences_translated == 0
    assert again.status is TranslationState.IDLE  # never loaded


def test_cache_is_keyed_by_package_version(copy_model, copy_model_file, tmp_path):
    """A new model version translates afresh; the old entries stay under the old key."""
    sentences = ["Dit is een test.", "De kat zit op de mat."]
    Translator().translate(sentences)
    newer = tmp_path / "newer.argosmodel"
    build_package(newer, version="1.1")
    models.remove()
    models.install_file(newer)
    translator = Translator()
    assert translator.key == "translate-nl_en@1.1"
    assert translator.translate(sentences) == {s: s for s in sentences}
    assert translator.sentences_translated == 2
    assert Store().cached_translations("translate-nl_en@1.0/decoder2", sentences) == {s: s for s in sentences}


def test_the_readers_paragraph_comes_first(copy_model, article):
    """translate_article(first_block=k) reports all of block k's sentences before any other."""
    parts = []
    block = next(i for i, b in enumerate(article.blocks) if i > 3 and len(b.sentences) >= 3)
    Translator().translate_article(article, first_block=block, on_progress=lambda part, done, total: parts.append(part))
    wanted = [s.text for s in article.blocks[block].sentences]
    assert [s for part in parts for s in part][: len(wanted)] == wanted
    assert parts[-1] and sum(len(p) for p in parts) == len({s.text for _, _, s in article.sentences()})


def test_on_progress_false_stops(copy_model, article):
    """A cancelled worker stops the translation: after the reader's paragraph only the jobs already running finish."""
    translator = Translator()
    per_block = translator.translate_article(article, on_progress=lambda part, done, total: not part)
    model = translator.load()
    total = len({s.text for _, _, s in article.sentences()})
    job = min(translate.JOB_SIZE, -(-(total - len(article.blocks[0].sentences)) // model.num_translators))
    assert translator.sentences_translated <= len(article.blocks[0].sentences) + model.num_translators * job < total
    assert per_block[0][0] == article.blocks[0].sentences[0].text
    assert all(t == "" for block in per_block[1:] for t in block)


def test_duplicates_and_blank_sentences(copy_model):
    """Repeated sentences are translated once; blank ones are left out."""
    translator = Translator()
    assert translator.translate(["Ja!", "Ja!", "  ", "Nee."]) == {"Ja!": "Ja!", "Nee.": "Nee."}
    assert translator.sentences_translated == 2


def test_model_loads_once_across_threads(copy_model, monkeypatch):
    """Threads translating at once share one model, loaded once."""
    opened = []
    real_open = translate.open_model
    monkeypatch.setattr(translate, "open_model", lambda path: opened.append(path) or real_open(path))
    translator = Translator()
    sentences = [f"Zin nummer {i} van de test." for i in range(40)]
    results = {}

    def work(n: int) -> None:
        results[n] = translator.translate(sentences[n::4])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 1
    assert {k: v for part in results.values() for k, v in part.items()} == {s: s for s in sentences}


def test_target_prefix_is_sent_and_stripped(tmp_path):
    """A package's target_prefix starts each decoding and is not part of the translation."""
    models.install_file(build_package(tmp_path / "prefix.argosmodel", target_prefix="__en__"))
    translator = Translator()
    processor = spm.SentencePieceProcessor(model_file=str(translator.package.package_path / "sentencepiece.model"))
    sentence = "De kat zit op de mat."
    # The copy model's step 0 is forced to the prefix, so it copies from source token 1 on.
    assert translator.translate([sentence])[sentence] == processor.decode(processor.encode(sentence, out_type=str)[1:])


def test_a_damaged_model_is_a_clear_error(copy_model):
    """A model.bin that CTranslate2 cannot read gives one line with the fix."""
    (copy_model.package_path / "model" / "model.bin").write_bytes(b"broken")
    with pytest.raises(UserError, match="cannot be loaded.*leesplank model install"):
        Translator().translate(["Ja."])


def test_no_model_is_a_state_with_the_fix():
    """Without a model nothing crashes: a MISSING state, and translate names the command."""
    translator = Translator()
    assert translator.status is TranslationState.MISSING
    with pytest.raises(NoModelError, match="run: leesplank model install$"):
        translator.translate(["Ja."])


def test_cli_without_model_shows_a_word_gloss(capsys):
    """`translate` without a model says how to install one and gives a labelled word gloss."""
    assert main(["translate", str(SEED)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "leesplank: no translation model installed; run: leesplank model install; showing a word gloss instead\n"
    lines = captured.out.splitlines()
    assert lines[0].startswith("Opnieuw laat Vladimir Poetin")
    assert lines[1].startswith("→ word gloss: ")


def test_cli_text_output_is_clean(any_model, article, capsys):
    """Text output: each block, its translation, a blank line; nothing on stderr for a short text off a terminal."""
    assert main(["translate", str(SEED)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "\u2581" not in captured.out
    chunks = captured.out.rstrip("\n").split("\n\n")
    assert len(chunks) == len(article.blocks)
    paragraph, english = chunks[0].split("\n")
    block = article.blocks[0]
    assert paragraph == block.text and english == "→ " + join_sentences(block, [any_model(s.text) for s in block.sentences])


def test_cli_json_and_markdown(copy_model, article, capsys):
    """JSON gives each sentence with its translation; markdown marks headings and translations."""
    assert main(["translate", str(SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == "translate-nl_en@1.0"
    assert data["blocks"][0]["sentences"][1] == {"text": article.blocks[0].sentences[1].text,
                                                 "translation": article.blocks[0].sentences[1].text}
    assert main(["translate", str(SEED), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    heading = next(b.text for b in article.blocks if b.kind == "heading")
    assert f"## {heading}\n\n*{heading}*\n" in out


def test_cli_long_text_shows_progress_on_stderr_only(copy_model, tmp_path):
    """A long text prints progress lines on stderr; stdout holds only the text and translation."""
    text = "\n\n".join(f"Dit is alinea {i}. Zij telt {i + 1} woorden." for i in range(60))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reader", "translate", str(tmp_path / "long.txt")],
                            capture_output=True, text=True, check=True)
    assert result.stderr.splitlines()[-1].startswith("translating [##############################] 120/120")
    assert "translating" not in result.stdout
    assert result.stdout.count("\n→ Dit is alinea") == 60


def test_no_stanza_or_argostranslate_translate(copy_model, tmp_path):
    """Translating imports neither stanza nor argostranslate.translate (which would import it)."""
    code = (
        "import sys; from reader.translate import Translator; Translator().translate(['Ja.']); "
        "print(sorted(m for m in sys.modules if m.startswith(('stanza', 'torch', 'argostranslate.translate', 'argostranslate.sbd'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_token_windows_cut_at_word_starts():
    tokens = ["▁een", "woord", "▁twee", "▁drie", "delen", "▁vier", "▁vijf"]
    assert token_windows(tokens, size=3) == [["▁een", "woord", "▁twee"], ["▁drie", "delen", "▁vier"], ["▁vijf"]]
    assert token_windows(["▁een", "wo", "ord", "je", "▁af"], size=3) == [["▁een", "wo", "ord"], ["je", "▁af"]]
    assert token_windows(tokens, size=10) == [tokens]


def test_a_run_on_sentence_is_translated_whole(copy_model):
    """Past the model's input limit (1,024 positions for the copy model) nothing may be dropped silently."""
    words = load(str(SEED)).blocks[0].text.replace(".", "").replace(",", "").split()
    run_on = " ".join(words * 30)  # about 2,000 words, one "sentence"
    assert Translator().translate([run_on]) == {run_on: run_on}
