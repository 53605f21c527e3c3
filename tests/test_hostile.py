"""Hostile input through the real command line: a clear line or a warning, the right exit code, no traceback, no hang.

Each case runs `python -m reader` in a subprocess with a time bound. The loader's own bad files (missing,
directory, empty, whitespace, binary, undecodable, unknown type, over 50 MB, EPUB without spine or truncated)
are in tests/test_article.py; bad .argosmodel files and zip-slip are in tests/test_models.py.
"""

import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.store import Store
from tests.conftest import SEED, memory_limit, rewrite_zip
from tests.test_article import make_epub

TIMEOUT = 60  # seconds; every case finishes far sooner, this only turns a hang into a failure
MEMORY = 1500  # MB of address space for the command; the seed article needs under 600


@dataclass
class Run:
    """What a command did: its exit code and its output as text."""

    code: int
    out: str
    err: str


def leesplank(*args: str, stdin: bytes = b"", timeout: float = TIMEOUT, memory: int = MEMORY) -> Run:
    """Run the real command in a subprocess, without a controlling terminal (as in CI), its memory capped."""
    result = subprocess.run([sys.executable, "-m", "reader", *args], input=stdin, capture_output=True,
                            timeout=timeout, start_new_session=True, preexec_fn=memory_limit(memory))
    return Run(result.returncode, result.stdout.decode(), result.stderr.decode())


def assert_refused(run: Run, message: str) -> None:
    """Exit 2 with exactly one line on stderr that names the problem, and nothing on stdout."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 2, run
    assert run.err.startswith("leesplank: ") and run.err.count("\n") == 1, run.err
    assert message in run.err, run.err
    assert run.out == ""


def assert_works(run: Run, warning: str = "") -> None:
    """Exit 0; stderr holds the one expected warning line, or nothing."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 0, run
    if warning:
        assert run.err.startswith("leesplank: warning: ") and run.err.count("\n") == 1, run.err
        assert warning in run.err, run.err
    else:
        assert run.err == ""


# Text files.
def test_nul_bytes_inside_text_are_refused(tmp_path):
    """A NUL byte in otherwise plain text marks a binary file."""
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Dit is een gewone zin.\x00 Daarna gaat de tekst verder.\n")
    assert_refused(leesplank("article", str(path)), "binary file")


def test_binary_on_stdin_is_refused():
    """A program piped in by mistake is refused like a binary file."""
    assert_refused(leesplank("article", "-", stdin=b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4), "binary file")


def test_empty_stdin_is_refused():
    """Nothing on stdin is an empty text."""
    assert_refused(leesplank("glossary", "-", stdin=b""), "<stdin> is empty")


def test_over_50_mb_on_stdin_is_refused():
    """Stdin has no size to check first: the read stops just past the limit."""
    assert_refused(leesplank("article", "-", stdin=b"woord " * (9 * 1024 * 1024)), "larger than 50 MB")


def test_a_device_without_end_is_refused():
    """/dev/zero has no size to check first; the read stops at the limit instead of filling memory."""
    assert_refused(leesplank("article", "/dev/zero"), "larger than 50 MB")


def test_invalid_utf8_in_the_middle_warns_and_keeps_the_rest(tmp_path):
    """A broken byte inside UTF-8 text: one warning, the bad byte shown as U+FFFD, every accent around it kept."""
    path = tmp_path / "kapot.txt"
    path.write_bytes("Eerste alinea met één geïnstalleerd woord.\n\n".encode()
                     + b"Hier staat een kapotte byte \xff in het midden.\n\n"
                     + "Laatste alinea over de Oekraïne.".encode())
    run = leesplank("article", str(path))
    assert_works(run, "has invalid UTF-8 at byte")
    assert "één geïnstalleerd" in run.out and "kapotte byte \ufffd in" in run.out and "Oekraïne" in run.out
    glossary = leesplank("glossary", str(path), "--format", "json")
    assert glossary.code == 0 and "Traceback" not in glossary.err
    assert "geïnstalleerd" in {form for term in json.loads(glossary.out)["terms"] for form in term["forms"]}


def test_utf16_with_a_byte_order_mark_opens(tmp_path):
    """Windows Notepad's "Unicode" files are UTF-16 with a BOM: full of NUL bytes, and still text."""
    path = tmp_path / "notepad.txt"
    path.write_bytes("Dit is één zin uit Kladblok.\r\n\r\nNog een alinea.".encode("utf-16"))
    run = leesplank("article", str(path), "--json")
    assert_works(run)
    assert [block["text"] for block in json.loads(run.out)["blocks"]] == ["Dit is één zin uit Kladblok.", "Nog een alinea."]


def test_a_windows_1252_file_with_one_utf8_word_reads_both_and_says_so(tmp_path):
    """Mostly Windows-1252 with one UTF-8 word pasted in: each part read in its own encoding, no mojibake, and a
    warning that the file mixes them."""
    path = tmp_path / "gemengd.txt"
    path.write_bytes("Oekraïne en België zijn geïnstalleerd, café.\n\n".encode("cp1252") * 20
                     + "Eén keer één nacht.".encode("utf-8") + " Daarna weer ‘gewoon’.".encode("cp1252"))
    run = leesplank("article", str(path))
    assert_works(run, "Windows-1252 text with some UTF-8 in it")
    assert "Eén keer één nacht. Daarna weer ‘gewoon’." in run.out and "Oekraïne en België" in run.out
    assert "Ã" not in run.out


def test_a_double_dash_ends_the_options(tmp_path):
    """`leesplank -- -x.txt` opens a file whose name starts with a dash, as every command does after --."""
    (tmp_path / "-x.txt").write_text("Een zin uit een bestand met een vreemde naam.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reader", "--", "-x.txt"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, preexec_fn=memory_limit(MEMORY))
    assert_refused(Run(result.returncode, result.stdout, result.stderr), "the reader needs a terminal")
    article = subprocess.run([sys.executable, "-m", "reader", "article", "--", "-x.txt"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=memory_limit(MEMORY))
    assert article.returncode == 0 and "vreemde naam" in article.stdout


def five_mb_paragraph(path: Path, megabytes: float = 5) -> Path:
    """A single 5 MB paragraph (or `megabytes`) of real Dutch words, drawn by frequency, without any punctuation."""
    import random

    from wordfreq import top_n_list

    words = [word for word in top_n_list("nl", 20000) if word.isalpha()]
    rng = random.Random(7)
    text = " ".join(rng.choices(words, [1 / rank for rank in range(1, len(words) + 1)], k=int(180_000 * megabytes)))
    path.write_text(text[: int(megabytes * 1024 * 1024)].rsplit(" ", 1)[0] + "\n", encoding="utf-8")
    return path


def test_a_5_mb_paragraph_without_punctuation_opens_and_gets_its_glossary(tmp_path):
    """About 900,000 words in one sentence: the article opens and the glossary finishes within the bound."""
    path = five_mb_paragraph(tmp_path / "muur.txt")
    article = leesplank("article", str(path), "--json")
    assert_works(article)
    blocks = json.loads(article.out)["blocks"]
    assert len(blocks) == 1 and len(blocks[0]["sentences"]) == 1 and len(blocks[0]["text"]) > 5_000_000
    glossary = leesplank("glossary", str(path), "--format", "json", "--top", "5")
    assert_works(glossary)
    terms = json.loads(glossary.out)["terms"]
    assert len(terms) == 5 and all(term["count"] >= 1 for term in terms)


@pytest.mark.parametrize("word", ["e" + "\u0301" * 200_000, "kernwapen" * 6_700])
def test_a_huge_word_costs_no_more_than_a_normal_one(tmp_path, word):
    """One 400 KB or 60 KB "word" in a sentence: compound splitting once grew to 24 GB on it (every prefix
    sliced and cached). Under the memory cap the glossary finishes, with the real words of the sentence."""
    path = tmp_path / "woord.txt"
    path.write_text(f"De kernkoppen en {word} liggen in de vazalstaat.\n", encoding="utf-8")
    run = leesplank("glossary", str(path), "--format", "json")
    assert_works(run)
    lemmas = {term["lemma"] for term in json.loads(run.out)["terms"]}
    assert {"kernkop", "vazalstaat"} <= lemmas


@pytest.mark.parametrize("mark", ["*", "_", "[", "![", "`", "<a "])
def test_unmatched_markdown_markup_takes_linear_time(tmp_path, mark):
    """300 KB of Markdown with one unmatched mark after every word (this took over 120 s for * _ and [;
    the bound is a hang bound, the work takes a fraction of a second); the words all stay."""
    path = tmp_path / "sterren.md"
    path.write_text("# Kop\n\n" + f"woord {mark}" * (300_000 // (len(mark) + 6)) + "einde\n", encoding="utf-8")
    run = leesplank("article", str(path), "--json", timeout=30)
    assert_works(run)
    [heading, paragraph] = json.loads(run.out)["blocks"]
    assert paragraph["text"].count("woord") == 300_000 // (len(mark) + 6) and paragraph["text"].endswith("einde")


def test_markdown_inline_markup_is_stripped():
    """Emphasis, code, links, images and tags go; snake_case and arithmetic stay."""
    from reader.formats import markdown_blocks

    blocks, _ = markdown_blocks("Dit is **vet**, _schuin_, ***beide***, `code` en een [link](https://x.nl) "
                                "![beeld](b.png)met <b>tag</b>; snake_case_naam en 2 * 3 * 4.\n")
    assert blocks == [("paragraph", "Dit is vet, schuin, beide, code en een link met tag; snake_case_naam en 2 * 3 * 4.")]


# Scripts: emoji, right-to-left text and combining characters.
MIXED = ("De kat 🐈‍⬛ zit op de mat 👍🏽, en de vlag 🇳🇱 hangt. שָׁלוֹם עולם, zei hij; مَرْحَبًا بالعالم. "
         "Het raketsysteem is gei\u0308nstalleerd in e\u0301e\u0301n nacht ❤️.\n\n"
         "Vazalstaat 🙂 Rusland dreigt met kernwapens ‏in‎ Wit-Rusland.")


def test_emoji_rtl_and_combining_characters_keep_offsets_right(tmp_path):
    """Sentence offsets cut their text from the block, glossary contexts cut their word from the sentence,
    and a word written with a combining accent is one word (composed, as the lexicon spells it)."""
    path = tmp_path / "gemengd.txt"
    path.write_text(MIXED, encoding="utf-8")
    article = leesplank("article", str(path), "--json")
    assert "Traceback" not in article.err and article.code == 0
    blocks = json.loads(article.out)["blocks"]
    for block in blocks:
        assert block["text"] == unicodedata.normalize("NFC", block["text"])
        for sentence in block["sentences"]:
            assert block["text"][sentence["start"]:sentence["end"]] == sentence["text"]
    glossary = leesplank("glossary", str(path), "--format", "json", "--names")
    assert "Traceback" not in glossary.err and glossary.code == 0
    entries = json.loads(glossary.out)
    for entry in entries["terms"] + entries["names"]:
        for context in entry["contexts"]:
            sentence = blocks[context["block"]]["sentences"][context["sentence"]]["text"]
            word = sentence[context["start"]:context["end"]]
            assert word == word.strip() and word, (entry["lemma"], word)
            assert not unicodedata.combining(sentence[context["end"]:][:1] or " "), (entry["lemma"], word)
    forms = {form for entry in entries["terms"] for form in entry["forms"]}
    assert {"geïnstalleerd", "vazalstaat", "kernwapens"} <= forms
    assert not forms & {"gei", "nstalleerd", "e", "n"}


@pytest.mark.parametrize("name, text", [
    ("zacht.txt", "\u200b\u00ad\ufeff\n\nDe kern\u00adwapens en de kern\u200bwapens van de vazal\u2060staat.\n\n\u200b\u200d\n"),
    ("zacht.html", "<p>&#8203;&shy;</p><p>De kern&shy;wapens en de kern&#8203;wapens van de vazal&#8288;staat.</p><p>&zwj;</p>"),
])
def test_soft_hyphens_and_zero_width_characters_split_no_words(tmp_path, name, text):
    """kern&shy;wapens is one word, as the reader sees it; a paragraph of only invisible characters is no
    heading, nor any block at all."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = leesplank("article", str(path), "--json")
    assert_works(article)
    assert [block["text"] for block in json.loads(article.out)["blocks"]] == [
        "De kernwapens en de kernwapens van de vazalstaat."]
    glossary = leesplank("glossary", str(path), "--format", "json")
    assert_works(glossary)
    assert {term["lemma"] for term in json.loads(glossary.out)["terms"]} == {"kernwapen", "vazalstaat"}


# HTML.
EVIL_HTML = """<!doctype html><html><head><title>Nieuws</title>
<style>body::after { content: "stijltekst"; }</style>
<script>var sjabloon = "<main><p>scripttekst</p></main>"; if (a < b && c > d) document.write("<p>geschreven</p>");</script>
</head><body>
<!-- <article><p>commentaartekst</p></article> -->
<noscript><p>noscripttekst</p></noscript>
<article><h1>Kernwapens in Wit-Rusland</h1>
<p onclick="alert('klik')">Poetin plaatst <b>kernwapens</b> in de vazalstaat. Hij noemde het &lt;script&gt;dreigement&lt;/script&gt; gewoon.</p>
<SCRIPT type="text/javascript">document.write('<p>verborgentekst</p>')</SCRIPT>
<p>Het raketlanceersysteem<style>.x{color:red}</style> is <i>geïnstalleerd</i><script>1</script> in het buurland.</p>
<svg><script>alert(1)</script><text>svgtekst</text></svg>
<template><p>sjabloontekst</p></template>
<p><img src="x" onerror="alert(1)">Een vazalstaat met kernkoppen.</p>
</article></body></html>"""
HIDDEN_WORDS = ["stijltekst", "scripttekst", "geschreven", "commentaartekst", "noscripttekst", "verborgentekst",
                "svgtekst", "sjabloontekst", "alert", "onclick", "color", "document"]


def test_html_scripts_styles_and_comments_never_show_as_text(tmp_path):
    """Scripts, styles, comments, noscript, templates and SVG stay hidden, even when they hold <main> or <p>."""
    path = tmp_path / "nieuws.html"
    path.write_text(EVIL_HTML, encoding="utf-8")
    article = leesplank("article", str(path))
    assert_works(article)
    assert article.out.splitlines()[2:] == [
        "## Kernwapens in Wit-Rusland", "",
        "Poetin plaatst kernwapens in de vazalstaat. Hij noemde het <script>dreigement</script> gewoon.", "",
        "Het raketlanceersysteem is geïnstalleerd in het buurland.", "",
        "Een vazalstaat met kernkoppen.",
    ]
    for command in (["glossary", str(path), "--format", "csv", "--names"], ["translate", str(path)]):
        run = leesplank(*command)
        assert run.code == 0 and "Traceback" not in run.err
        assert not [word for word in HIDDEN_WORDS if word in run.out], command


@pytest.mark.parametrize("tag", ["p", "li"])
def test_many_unclosed_paragraphs_take_linear_time(tmp_path, tag):
    """100,000 <p> or <li> without end tags (valid HTML, 1.9 MB): each ends where the next begins, so none
    stays open on the parser's stack (this took 59 s; the bound is a hang bound, the work takes about a second)."""
    path = tmp_path / "lijst.html"
    path.write_text("<html><body><blockquote>Een citaat.</blockquote>" +
                    "".join(f"<{tag}>Dit is alinea {i}." for i in range(100_000)) + "</body></html>", encoding="utf-8")
    run = leesplank("article", str(path), "--json", timeout=30)
    assert_works(run)
    blocks = json.loads(run.out)["blocks"]
    assert len(blocks) == 100_001 and blocks[-1]["text"] == "Dit is alinea 99999."
    assert [block["kind"] for block in blocks[:3]] == ["pullquote", "paragraph", "paragraph"]


def test_a_doctype_with_an_internal_subset_leaves_no_text_behind(tmp_path):
    """<!DOCTYPE html [<!ENTITY …>]>: HTMLParser ends the declaration at the first ">", which left "]>" as the
    first paragraph."""
    path = tmp_path / "entiteit.html"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE html [\n  <!ENTITY merk "Leesplank">\n]>\n'
                    "<html><body><p>De tekst begint hier.</p></body></html>", encoding="utf-8")
    run = leesplank("article", str(path), "--json")
    assert_works(run)
    assert [block["text"] for block in json.loads(run.out)["blocks"]] == ["De tekst begint hier."]


def exported_fields(path: Path) -> list[str]:
    """Every field of every note in an export: CSV rows after the header lines, or an .apkg's notes."""
    if path.suffix == ".csv":
        return [field for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
                for field in line.split("\t")]
    with zipfile.ZipFile(path) as package:
        (path.parent / "collection.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(path.parent / "collection.anki2")
    fields = [field for (joined,) in db.execute("SELECT flds FROM notes") for field in joined.split("\x1f")]
    db.close()
    return fields


@pytest.mark.parametrize("name, options", [("kaarten.csv", []), ("kaarten.apkg", ["--cloze"])])
def test_exported_fields_carry_no_raw_html_from_the_article(tmp_path, name, options):
    """Exported fields are HTML (#html:true, and Anki's own notes): the article's markup must arrive escaped,
    and the hidden parts of the page not at all."""
    path = tmp_path / "nieuws.html"
    path.write_text(EVIL_HTML, encoding="utf-8")
    run = leesplank("export", str(path), "-o", str(tmp_path / name), "--min-level", "1", *options)
    assert run.code == 0 and "Traceback" not in run.err, run.err
    body = "\n".join(exported_fields(tmp_path / name))
    assert "dreigement" in body and not [word for word in HIDDEN_WORDS if word in body]
    assert "&lt;script&gt;" in body  # the article's own text about a tag, escaped
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= {"b", "br", "i"}, tags  # only the markup the export itself adds


@pytest.mark.parametrize("command", [["export", str(SEED), "--min-level", "1"], ["data", "export"]])
def test_force_never_replaces_a_fifo_or_a_device_node(tmp_path, command):
    """As root, `-o /dev/null --force` would have made /dev/null a regular file: anything that is not a regular
    file (or a symlink to one) is refused even with --force. A FIFO in a temp folder stands in for the device."""
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    link = tmp_path / "link-naar-pijp"
    link.symlink_to(fifo)
    for target in (fifo, link):
        output = ["-o", str(target)] if command[0] == "export" else [str(target)]
        assert_refused(leesplank(*command, *output, "--force"), "is not a regular file")
    assert fifo.is_fifo() and link.is_symlink()
    regular = tmp_path / "bestand"
    regular.write_text("oud")
    (tmp_path / "link-naar-bestand").symlink_to(regular)
    output = ["-o", str(tmp_path / "link-naar-bestand")] if command[0] == "export" else [str(tmp_path / "link-naar-bestand")]
    run = leesplank(*command, *output, "--force")
    assert run.code == 0 and "Traceback" not in run.err and run.out.startswith("wrote")


@pytest.mark.parametrize("command", [["export", str(SEED), "--min-level", "1", "-o"], ["data", "export"]])
def test_a_dangling_symlink_or_a_folder_name_is_not_written_over(tmp_path, command):
    """A dangling symlink exists, so it is kept without --force (and, pointing at nothing, never replaced);
    a name ending in a slash is a folder, not a file named like it."""
    dangling = tmp_path / "kaarten.csv"
    dangling.symlink_to(tmp_path / "nergens")
    assert_refused(leesplank(*command, str(dangling)), "exists; use --force")
    assert_refused(leesplank(*command, str(dangling), "--force"), "is not a regular file")
    assert dangling.is_symlink() and not (tmp_path / "nergens").exists()
    assert_refused(leesplank(*command, f"{tmp_path}/nieuw/"), "names a folder")
    assert not (tmp_path / "nieuw").exists()


def test_a_deck_nested_deeper_than_anki_takes_is_refused(tmp_path):
    """Anki refuses a whole file that names a deck more than 11 levels deep; say so instead of writing it."""
    deep = "::".join(["Nederlands"] * 300)
    assert_refused(leesplank("export", str(SEED), "-o", str(tmp_path / "k.csv"), "--deck", deep), "nests 300 levels")
    assert not (tmp_path / "k.csv").exists()
    run = leesplank("export", str(SEED), "-o", str(tmp_path / "k.csv"), "--deck", "::".join(["N"] * 11))
    assert run.code == 0 and "Traceback" not in run.err


# The store.
def test_a_store_that_is_no_database_is_moved_aside(leesplank_home):
    """A store file that is no database: moved aside with a timestamp, said once, and a fresh store works."""
    (leesplank_home / "leesplank.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert_works(leesplank("known", "add", "kernkoppen"), "moved it aside")
    assert len(list(leesplank_home.glob("leesplank.sqlite3.corrupt-*"))) == 1
    assert leesplank("known", "list") == Run(0, "kernkop\tknown\n", "")  # said once; the fresh store works


def damage_the_translation_cache(path: Path) -> None:
    """Overwrite bytes inside the pages of the store's second half, where the translation cache lies."""
    data = bytearray(path.read_bytes())
    for page in range(len(data) // 2, len(data), 4096):
        data[page + 100 : page + 140] = b"\xff" * 40
    path.write_bytes(bytes(data))


def test_a_damaged_page_is_found_at_once_and_the_words_are_kept(leesplank_home):
    """A store whose header is fine but whose pages are not is caught on opening, not halfway through a
    command; the statuses and positions that can still be read move to the fresh store."""
    store = Store()
    store.set_statuses([f"woord{i}" for i in range(2000)], "known")
    store.set_position("artikel", 4)
    store.save_translations("translate-nl_en@1.0", {f"Zin nummer {i}.": f"Sentence number {i}." for i in range(20000)})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    damage_the_translation_cache(store.path)
    run = leesplank("known", "list")
    assert_works(run, "keeping the 2000 word statuses and 1 reading positions")
    assert len(run.out.splitlines()) == 2000
    assert Store().position("artikel") == 4
    assert sqlite3.connect(store.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def in_read_only_home(home: Path, commands: list[list[str]], out: Path) -> list[Run]:
    """Run commands with `home` mounted read-only (root ignores chmod, so a private read-only bind mount)."""
    script = [f"mount --bind {home} {home} && mount -o remount,bind,ro {home} || exit 1"]
    for i, command in enumerate(commands):
        line = shlex.join([sys.executable, "-m", "reader", *command])
        script.append(f"{line} </dev/null >{out}/{i}.out 2>{out}/{i}.err; echo $? >{out}/{i}.code")
    subprocess.run(["unshare", "-m", "sh", "-c", "\n".join(script)], check=True, timeout=TIMEOUT,
                   start_new_session=True)
    return [Run(int((out / f"{i}.code").read_text()), (out / f"{i}.out").read_text(), (out / f"{i}.err").read_text())
            for i in range(len(commands))]


def test_a_read_only_data_folder_reads_and_refuses_to_save(leesplank_home, tmp_path):
    """Reading commands work and say once that progress cannot be saved; saving commands fail and say so."""
    Store().set_status("kernkop", "known")
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": "leesplank-data", "word_status": {"oorlog": "known"}}))
    (tmp_path / "runs").mkdir()
    known, glossary, translate, models, add, restore = in_read_only_home(leesplank_home, [
        ["known", "list"], ["glossary", str(SEED), "--top", "3"], ["translate", str(SEED)], ["model", "list"],
        ["known", "add", "oorlog"], ["data", "import", str(backup)],
    ], tmp_path / "runs")
    assert_works(known, "progress cannot be saved")
    assert known.out == "kernkop\tknown\n"
    for run in (glossary, translate):
        assert run.code == 0 and "Traceback" not in run.err and "progress cannot be saved" in run.err
    assert models.code == 0 and "no translation model installed" in models.out and "Traceback" not in models.err
    assert_refused(add, "cannot save anything")
    assert_refused(restore, "cannot save anything")
    assert Store().statuses() == {"kernkop": "known"}


def test_a_damaged_store_in_a_read_only_folder_still_shows_the_words(leesplank_home, tmp_path):
    """Both at once: the store cannot be moved aside, so the words that can be read are shown from memory."""
    store = Store()
    store.set_statuses([f"woord{i}" for i in range(500)], "known")
    store.save_translations("translate-nl_en@1.0", {f"Zin nummer {i}.": f"Sentence number {i}." for i in range(20000)})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    damage_the_translation_cache(store.path)
    (tmp_path / "runs").mkdir()
    [listing] = in_read_only_home(leesplank_home, [["known", "list"]], tmp_path / "runs")
    assert_works(listing, "progress cannot be saved")
    assert len(listing.out.splitlines()) == 500


def test_a_data_folder_that_cannot_be_made_still_reads(tmp_path, monkeypatch):
    """LEESPLANK_HOME pointing at a file: reading works with one warning, saving is refused."""
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("LEESPLANK_HOME", str(tmp_path / "a-file"))
    glossary = leesplank("glossary", str(SEED), "--top", "3")
    assert glossary.code == 0 and "Traceback" not in glossary.err and "progress cannot be saved" in glossary.err
    assert_works(leesplank("model", "list"))
    assert_refused(leesplank("known", "add", "oorlog"), "cannot save anything")


@pytest.mark.parametrize("document, message", [
    ("[" * 100_000 + "]" * 100_000, "cannot import"),
    ('{"format": "leesplank-data", "word_status": ["kernkop"]}', "must be JSON objects"),
    ('{"format": "leesplank-data", "reading_position": {"a": "twaalf"}}', "not a paragraph number"),
    ('{"format": "leesplank-data", "reading_position": {"a": 1e400}}', "not a paragraph number"),
    ('{"format": "leesplank-data", "reading_position": {"a": 100000000000000000000000}}', "not a paragraph number"),
    ('{"format": "leesplank-data", "word_status": {"a": ["known"]}}', "unknown word status"),
])
def test_a_malformed_backup_is_refused_and_changes_nothing(tmp_path, document, message):
    """Backups nested too deep, of the wrong shape or with impossible values: one line, nothing stored."""
    path = tmp_path / "backup.json"
    path.write_text(document)
    assert_refused(leesplank("data", "import", str(path)), message)
    assert Store().statuses() == {}


def test_a_binary_word_list_is_refused(tmp_path):
    """A word list with NUL bytes is no word list; no control characters reach the store."""
    path = tmp_path / "woorden.txt"
    path.write_bytes(b"kat\n\x00\x01\x02binary\n")
    assert_refused(leesplank("known", "import", str(path)), "binary file")
    assert Store().statuses() == {}


def test_known_add_from_a_latin1_terminal_reads_the_bytes_as_windows_1252():
    """A Latin-1 terminal sends geïnstalleerd as bytes that are not UTF-8: no traceback, the word is stored."""
    run = leesplank("known", "add", os.fsdecode("ge\u00efnstalleerd".encode("latin-1")))
    assert "Traceback" not in run.err and run.code == 0, run
    assert Store().statuses() == {"installeren": "known"}
    assert_refused(leesplank("known", "add", os.fsdecode(b"kat\x81\x8d")), "neither UTF-8 nor Windows-1252")


def test_known_import_skips_lines_that_are_no_word(tmp_path, leesplank_home):
    """Our own CSV export given as a word list: its rows hold tabs and sentences, so they are skipped and
    counted, and only the real words are stored."""
    csv = tmp_path / "kaarten.csv"
    assert leesplank("export", str(SEED), "-o", str(csv), "--min-level", "1").code == 0
    rows = [line for line in csv.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    words = tmp_path / "woorden.txt"
    words.write_text(csv.read_text(encoding="utf-8") + "kernkoppen\n's avonds\n123\nDit is een hele zin.\n",
                     encoding="utf-8")
    run = leesplank("known", "import", str(words))
    assert_works(run, f"skipped {len(rows) + 2} lines")
    assert set(Store().statuses()) == {"kernkop", "'s avonds"}
    assert_refused(leesplank("known", "import", str(csv)), "has no words")


@pytest.mark.parametrize("lemma", ["", "   ", "kat\x1b[2J", "kat\x00", "\x9bkat"])
def test_a_backup_with_a_planted_word_is_refused(tmp_path, lemma):
    """Empty words and control characters (an escape sequence that `known list` would print raw) are no words."""
    path = tmp_path / "backup.json"
    path.write_text(json.dumps({"format": "leesplank-data", "word_status": {"kernkop": "known", lemma: "known"}}))
    assert_refused(leesplank("data", "import", str(path)), "empty or has control characters")
    assert Store().statuses() == {}


def test_a_backup_saved_with_a_byte_order_mark_is_restored(tmp_path):
    """Windows Notepad saves UTF-8 with a BOM."""
    path = tmp_path / "backup.json"
    path.write_text(json.dumps({"format": "leesplank-data", "word_status": {"kernkop": "known"}}), encoding="utf-8-sig")
    assert_works(leesplank("data", "import", str(path)))
    assert Store().statuses() == {"kernkop": "known"}


# EPUB.
def hostile_epubs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """EPUBs that are damaged, encrypted, or bombs, each with the message it must give."""
    good = tmp / "good.epub"
    make_epub(good, ["<p>" + "Dit is een zin in een boek. " * 400 + "</p>"])
    bomb = rewrite_zip(good, tmp / "bomb.epub", lambda n, d: (n, b"<p>" + b"a" * (51 * 1024 * 1024) + b"</p>")
                  if n.endswith(".xhtml") else (n, d))
    flipped = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as book:
        chapter = book.getinfo("OEBPS/c0.xhtml")
        start = chapter.header_offset + 30 + len(chapter.filename) + 10
    flipped[start : start + 20] = bytes(20)
    (tmp / "flipped.epub").write_bytes(bytes(flipped))
    encrypted = bytearray(good.read_bytes())
    for marker, flag in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" bit of every member
        at = encrypted.find(marker)
        while at >= 0:
            encrypted[at + flag] |= 1
            at = encrypted.find(marker, at + 4)
    (tmp / "encrypted.epub").write_bytes(bytes(encrypted))
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "zip bomb": (bomb, "unpacks to more than 50 MB"),
        "damaged data": (tmp / "flipped.epub", "not a readable EPUB"),
        "encrypted": (tmp / "encrypted.epub", "encrypted"),
        "billion laughs": (rewrite_zip(good, tmp / "laughs.epub", lambda n, d: (n, (
            f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY l0 "lol">{laughs}]><container>&l9;</container>').encode())
            if n == "META-INF/container.xml" else (n, d)), "not a readable EPUB"),
    }


@pytest.mark.parametrize("case", ["zip bomb", "damaged data", "encrypted", "billion laughs"])
def test_hostile_epubs_are_refused(tmp_path, case):
    """Each hostile EPUB gives one line, quickly, without unpacking the bomb."""
    path, message = hostile_epubs(tmp_path)[case]
    assert_refused(leesplank("article", str(path)), message)


def lying_epub(good: Path, target: Path, megabytes: int) -> Path:
    """`good` with its chapter replaced by `megabytes` MB of text that packs to well under 1 MB, while the zip's
    headers say it unpacks to 1,000 bytes."""
    name = "OEBPS/c0.xhtml"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            if info.filename != name:
                book.writestr(info.filename, source.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with book.open(info, "w") as chapter:
            chapter.write(b"<html><body><p>")
            for _ in range(megabytes):
                chapter.write(b"a" * (1 << 20))
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as book:
        local = book.getinfo(name).header_offset
    central = data.find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    for at in (local + 22, central + 24):  # the uncompressed size in the local and the central header
        data[at : at + 4] = (1000).to_bytes(4, "little")
    target.write_bytes(bytes(data))
    return target


def test_an_epub_member_with_a_false_size_is_read_with_a_bound(tmp_path):
    """A chapter whose headers claim 1,000 bytes but which unpacks to 400 MB: the read stops at the limit, so
    the refusal comes without unpacking it (it once allocated all of it, 2.1 GB for a 2 GB member)."""
    make_epub(tmp_path / "good.epub", ["<p>Een zin.</p>"])
    path = lying_epub(tmp_path / "good.epub", tmp_path / "liegt.epub", 400)
    assert path.stat().st_size < 1_000_000
    assert_refused(leesplank("article", str(path), memory=400), "not a readable EPUB")


def test_epub_hrefs_may_be_percent_encoded_and_carry_a_fragment(tmp_path):
    """hoofdstuk%201.xhtml names "hoofdstuk 1.xhtml"; a #fragment names a place in the file, not another file."""
    path = tmp_path / "boek.epub"
    make_epub(path, ["<p>Tweede hoofdstuk.</p>", "<p>Eerste hoofdstuk.</p>"])
    rewrite_zip(path, tmp_path / "gecodeerd.epub", lambda n, d: (
        ("OEBPS/hoofdstuk 1.xhtml", d) if n == "OEBPS/c1.xhtml" else
        (n, d.replace(b'href="c1.xhtml"', b'href="hoofdstuk%201.xhtml"').replace(b'href="c0.xhtml"',
                                                                                 b'href="c0.xhtml#begin"'))))
    run = leesplank("article", str(tmp_path / "gecodeerd.epub"), "--json")
    assert_works(run)
    assert [block["text"] for block in json.loads(run.out)["blocks"]] == ["Eerste hoofdstuk.", "Tweede hoofdstuk."]


# Translation models.
def test_a_model_folder_deleted_before_it_loads_is_one_clear_line(copy_model):
    """The model was found at start and is gone when it is needed: one line, with the way to fix it."""
    from reader.errors import UserError
    from reader.translate import Translator

    translator = Translator()
    shutil.rmtree(copy_model.package_path)
    with pytest.raises(UserError, match=r"cannot be loaded .*; reinstall it: leesplank model install$"):
        translator.translate(["Dit is een zin."])


def test_a_model_folder_deleted_after_it_loads_keeps_translating(copy_model):
    """CTranslate2 holds the loaded model in memory, so the reader keeps its translations coming."""
    from reader.translate import Translator

    translator = Translator()
    assert translator.translate(["Een zin."]) == {"Een zin.": "Een zin."}
    shutil.rmtree(copy_model.package_path)
    assert translator.translate(["Nog een zin."]) == {"Nog een zin.": "Nog een zin."}


def test_a_half_deleted_model_folder_is_one_clear_line(copy_model):
    """The model/ folder gone but metadata.json still there: translate names the fix, no traceback."""
    shutil.rmtree(copy_model.package_path / "model")
    assert_refused(leesplank("translate", str(SEED)), "reinstall it: leesplank model install")


@pytest.mark.parametrize("case", ["truncated", "reversed", "parent path"])
def test_bad_model_archives_through_the_real_command(copy_model_file, tmp_path, case):
    """The archive checks of tests/test_models.py, through the installed entry point."""
    from tests.test_models import broken_archives

    path, message = broken_archives(copy_model_file, tmp_path)[case]
    assert_refused(leesplank("model", "install", str(path)), message)
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def inflated(source: Path, target: Path, member: str, head: bytes, zeros: int, tail: bytes = b"") -> Path:
    """A copy of an archive whose `member` is `head`, then `zeros` bytes of spaces, then `tail` (a zip bomb)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            if not info.filename.endswith(member):
                zout.writestr(info.filename, zin.read(info))
                continue
            with zout.open(info.filename, "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(zeros // len(chunk)):
                    out.write(chunk)
                out.write(tail)
    return target


def test_a_model_archive_that_unpacks_past_the_cap_is_refused_unread(copy_model_file, tmp_path):
    """A few MB that would unpack to over 1 GB: refused from the sizes in its directory, with little memory."""
    bomb = inflated(copy_model_file, tmp_path / "bomb.argosmodel", "sentencepiece.model", b"", 1100 << 20)
    assert bomb.stat().st_size < 20 << 20
    assert_refused(leesplank("model", "install", str(bomb), memory=512), "unpacks to more than 1 GB")
    assert not any((Path(os.environ["LEESPLANK_HOME"]) / "packages").iterdir())


def test_a_huge_metadata_file_is_read_with_a_bound(copy_model_file, tmp_path):
    """A 300 MB metadata.json (valid JSON, under the cap) is refused after reading 1 MB, in a child with 256 MB."""
    with zipfile.ZipFile(copy_model_file) as archive:
        name = next(n for n in archive.namelist() if n.endswith("metadata.json"))
        metadata = archive.read(name)
    huge = inflated(copy_model_file, tmp_path / "huge.argosmodel", "metadata.json", metadata[:-1], 300 << 20, b"}")
    assert_refused(leesplank("model", "install", str(huge), memory=256), "metadata.json is larger than")


# The reader itself.
def test_the_reader_without_a_terminal_says_so():
    """Run from a script or a pipe, the reader does not hang waiting for keys that never come."""
    assert_refused(leesplank(str(SEED)), "the reader needs a terminal")
    assert_refused(leesplank("-", stdin="Een zin uit een pijp.".encode()), "the reader needs a terminal")


def test_a_bare_environment_still_works(tmp_path, monkeypatch):
    """The C locale, no TERM and a HOME that does not exist: Dutch text still goes in and out."""
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nowhere"))
    run = leesplank("article", str(SEED))
    assert_works(run)
    assert "geïnstalleerd" in run.out
    assert_works(leesplank("known", "add", "Kernkoppen"))
    assert leesplank("known", "list").out == "kernkop\tknown\n"


def test_the_reader_reads_a_piped_text_and_takes_keys_from_the_terminal():
    """`leesplank - < file` (or `cat file | leesplank -`): the text comes on stdin, the keys from the terminal."""
    from tests.test_durability import Terminal

    screen = Terminal("-", stdin=SEED)
    try:
        screen.wait_for("Vazalstaat Rusland")
        screen.press("q")
        status = screen.exit_status()
    finally:
        screen.kill()
    assert "Traceback" not in screen.text()
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def test_the_reader_keeps_going_when_its_model_folder_is_deleted(copy_model, tmp_path):
    """The real reader in a terminal: the model folder removed while it runs; jumping to the end, whose
    paragraphs are not translated yet, still translates them (the model is in memory), and q quits cleanly."""
    from wordfreq import top_n_list

    from tests.test_durability import Terminal

    words = [word for word in top_n_list("nl", 3000) if word.isalpha() and len(word) > 6]
    # No word repeats, so no term's contexts reach the end of the text and pull its translation forward.
    paragraphs = [" ".join(words[4 * n : 4 * n + 4]).capitalize() + "." for n in range(120)]
    path = tmp_path / "lang.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    screen = Terminal(str(path))
    try:
        screen.wait_for(r"Model ready · translate-nl_en@1\.0")
        shutil.rmtree(copy_model.package_path)
        assert Store().cached_translations("translate-nl_en@1.0/decoder2", [paragraphs[-1]]) == {}
        screen.press("G")
        for _ in range(100):  # the translation of the last paragraph reaches the cache (the reader's own store)
            screen.read(0.2)
            if Store().cached_translations("translate-nl_en@1.0/decoder2", [paragraphs[-1]]):
                break
        assert Store().cached_translations("translate-nl_en@1.0/decoder2", [paragraphs[-1]]) == {paragraphs[-1]: paragraphs[-1]}
        screen.press("q")
        status = screen.exit_status()
    finally:
        screen.kill()
    assert "Traceback" not in screen.text() and "cannot be loaded" not in screen.text()
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def test_the_reader_on_a_paragraph_without_sentence_ends_stays_bounded(tmp_path):
    """A 1 MB paragraph that is one sentence: every term's context is that sentence, and the translation pane
    holds its word gloss. The panes show a window of it, so the reader keeps within its memory cap, shows the
    glossary, takes keys and quits on q (it once froze for minutes and grew to gigabytes)."""
    from tests.test_durability import Terminal

    path = five_mb_paragraph(tmp_path / "muur.txt", megabytes=1)
    screen = Terminal(str(path), memory=MEMORY)
    try:
        screen.wait_for(r"contexts \(\d+\)")  # the glossary is built and a term's detail is on show
        mark = len(screen.output)
        screen.press("l\t\x1b[B")  # the sentence marked, then the glossary list: its next term
        screen.wait_for(r"contexts \(\d+\)", since=mark)
        screen.press("q")
        status = screen.exit_status()
    finally:
        screen.kill()
    assert "Traceback" not in screen.text() and "MemoryError" not in screen.text()
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
