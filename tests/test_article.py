"""The article model on the seed article and on every supported format."""

import io
import json
import subprocess
import sys
import zipfile

import pytest

from reader.article import load
from reader.cli import main
from tests.conftest import SEED

# Counted by hand in the seed: 25 blocks separated by blank lines.
SEED_HEADINGS = ["Vazalstaat Rusland", "Westers publiek bang maken", "Tegen afspraken met China in", "Boedapest Memorandum"]
SEED_SENTENCES_PER_PARAGRAPH = [5, 3, 3, 3, 3, 2, 1, 2, 3, 3, 4, 4, 6, 3, 2, 4, 2, 1, 3]


def test_seed_structure():
    article = load(str(SEED))
    assert article.metadata == {"date": "2023-03"}
    assert article.blocks[0].text.startswith("Opnieuw laat Vladimir Poetin")  # the date is not text
    assert [b.text for b in article.blocks if b.kind == "heading"] == SEED_HEADINGS
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    assert [len(p.sentences) for p in paragraphs] == SEED_SENTENCES_PER_PARAGRAPH
    assert [b.kind for b in article.blocks].index("heading") == 2


def test_seed_pull_quotes_are_quotes_with_speaker_apart():
    quotes = [b for b in load(str(SEED)).blocks if b.kind == "pullquote"]
    assert [q.text for q in quotes] == [
        "Eerdere nucleaire dreigementen beginnen hun impact te verliezen, dus moet Poetin de inzet verhogen",
        "Er bestaan twijfels over de haalbaarheid van de tijdlijn die de Russische president noemde, "
        "om al in juli de kernwapens te kunnen gebruiken vanuit Wit-Rusland",
    ]
    assert [q.attribution for q in quotes] == ["Joe Cirincione veiligheidsexpert", ""]


def test_seed_sentences_hold_offsets_into_their_paragraph():
    article = load(str(SEED))
    for block in article.blocks:
        for sentence in block.sentences:
            assert block.text[sentence.start:sentence.end] == sentence.text
    third = article.blocks[0].sentences[2]
    assert third.text == ("Het raketlanceersysteem Iskander, een rakettype dat met kernkoppen uitgerust kan worden, "
                          "zou al zijn geïnstalleerd in het buurland.")


def test_article_json_command(capsys):
    assert main(["article", str(SEED), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metadata"] == {"date": "2023-03"}
    kinds = [block["kind"] for block in data["blocks"]]
    assert (kinds.count("heading"), kinds.count("paragraph"), kinds.count("pullquote")) == (4, 19, 2)
    assert data["blocks"][5]["attribution"] == "Joe Cirincione veiligheidsexpert"
    assert data["blocks"][0]["sentences"][0] == {
        "start": 0, "end": 72, "text": "Opnieuw laat Vladimir Poetin met nucleair wapengekletter van zich horen."}


def test_no_file_opens_the_seed_outline(capsys):
    assert main(["article", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "## Vazalstaat Rusland" in out and "> Eerdere nucleaire dreigementen" in out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "tekst.txt"
    path.write_bytes("Oekraïne en België zijn ‘ver’ weg.\n\nTweede alinea.".replace(
        "‘", "'" if encoding == "latin-1" else "‘").replace("’", "'" if encoding == "latin-1" else "’").encode(encoding))
    article = load(str(path))
    assert article.blocks[0].text.startswith("Oekraïne en België zijn")
    assert len(article.blocks) == 2


def test_markdown_is_stripped(tmp_path):
    path = tmp_path / "stuk.md"
    path.write_text("---\ntitle: Een stuk\ndate: 2024-01-02\n---\n# Kop\n\nDit is **vet** en _schuin_ met een "
                    "[link](https://example.org).\n\n> Een citaat van iemand die iets zei.\n\n- een\n- twee\n")
    article = load(str(path))
    assert article.metadata == {"title": "Een stuk", "date": "2024-01-02"}
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Kop"),
        ("paragraph", "Dit is vet en schuin met een link."),
        ("pullquote", "Een citaat van iemand die iets zei."),
        ("paragraph", "een twee"),
    ]


HTML = """<!doctype html><html><head><title>Nieuws | Krant</title><style>p{color:red}</style>
<script>var x = "Dit is geen tekst.";</script></head><body><nav><p>Menu Home Sport</p></nav>
<article><h1>De kop</h1><p>Eerste alinea. Met twee zinnen.</p><blockquote>Een citaat.</blockquote>
<h2>Tussenkop</h2><p>Laatste &amp; alinea.</p></article><footer><p>© Krant</p></footer></body></html>"""


def test_html_main_text_with_headings(tmp_path):
    path = tmp_path / "stuk.html"
    path.write_text(HTML)
    article = load(str(path))
    assert article.metadata["title"] == "Nieuws | Krant"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "De kop"), ("paragraph", "Eerste alinea. Met twee zinnen."), ("pullquote", "Een citaat."),
        ("heading", "Tussenkop"), ("paragraph", "Laatste & alinea."),
    ]
    assert len(article.blocks[1].sentences) == 2


def test_unclosed_paragraphs_and_list_items_end_where_the_next_block_starts():
    """<p> and <li> may omit their end tags; a quote around them still ends at </blockquote>."""
    from reader.formats import html_blocks

    blocks, _ = html_blocks("<blockquote><p>Een citaat.<p>Nog een citaat.</blockquote><p>Tekst. <ul><li>Een."
                            "<li><p>Twee.</ul><h2>Kop</h3><p>Slot.")
    assert blocks == [("pullquote", "Een citaat."), ("pullquote", "Nog een citaat."), ("paragraph", "Tekst."),
                      ("paragraph", "Een."), ("paragraph", "Twee."), ("heading", "Kop"), ("paragraph", "Slot.")]


def make_epub(path, chapters, spine=True):
    """Write a minimal EPUB with the chapters (HTML strings) in spine order."""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:'
                      'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf"/>'
                      "</rootfiles></container>")
        items = "".join(f'<item id="c{i}" href="c{i}.xhtml"/>' for i in range(len(chapters)))
        # The spine lists chapters in reverse file order, to prove the spine decides the order.
        refs = "".join(f'<itemref idref="c{i}"/>' for i in reversed(range(len(chapters)))) if spine else ""
        book.writestr("OEBPS/content.opf", '<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc='
                      f'"http://purl.org/dc/elements/1.1/"><dc:title>Boek</dc:title></metadata><manifest>{items}'
                      f"</manifest><spine>{refs}</spine></package>")
        for i, chapter in enumerate(chapters):
            book.writestr(f"OEBPS/c{i}.xhtml", f"<html><body>{chapter}</body></html>")


def test_epub_chapters_in_spine_order(tmp_path):
    path = tmp_path / "boek.epub"
    make_epub(path, ["<h1>Twee</h1><p>Tweede hoofdstuk.</p>", "<h1>Een</h1><p>Eerste hoofdstuk.</p>"])
    article = load(str(path))
    assert article.title == "Boek"
    assert [b.text for b in article.blocks] == ["Een", "Eerste hoofdstuk.", "Twee", "Tweede hoofdstuk."]


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Een zin. Nog een zin.".encode())))
    article = load("-")
    assert article.source == "<stdin>" and len(article.blocks[0].sentences) == 2


def run_cli(*args, stdin=b""):
    """Run the real console command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, timeout=60)


def bad_inputs(tmp_path):
    """Each bad input, by name, as the path the user would pass."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n  ")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(0x80, 0xA0)) * 50)
    (tmp_path / "data.xyz").write_bytes(b"{}[]<>=+-*/0123456789;" * 200)
    with open(tmp_path / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written to disk
    make_epub(tmp_path / "nospine.epub", ["<p>Tekst.</p>"], spine=False)
    (tmp_path / "truncated.epub").write_bytes((tmp_path / "nospine.epub").read_bytes()[:100])
    return {
        "missing": str(tmp_path / "nope.txt"), "directory": str(tmp_path), "empty": str(tmp_path / "empty.txt"),
        "whitespace": str(tmp_path / "blank.txt"), "binary": str(tmp_path / "binary.txt"),
        "undecodable": str(tmp_path / "garbage.txt"), "unknown extension": str(tmp_path / "data.xyz"),
        "over 50 MB": str(tmp_path / "huge.txt"), "epub without spine": str(tmp_path / "nospine.epub"),
        "truncated epub": str(tmp_path / "truncated.epub"),
    }


BAD = ["missing", "directory", "empty", "whitespace", "binary", "undecodable", "unknown extension", "over 50 MB",
       "epub without spine", "truncated epub"]
EXPECTED = {"missing": "no such file", "directory": "is a directory", "empty": "is empty", "whitespace": "is empty",
            "binary": "binary file", "undecodable": "cannot decode", "unknown extension": "unsupported file type",
            "over 50 MB": "larger than 50 MB", "epub without spine": "no spine", "truncated epub": "not a readable EPUB"}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_gets_one_line_and_exit_2(tmp_path, case):
    result = run_cli("article", bad_inputs(tmp_path)[case])
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and stderr.startswith("leesplank: ") and EXPECTED[case] in stderr
    assert "Traceback" not in stderr and result.stdout == b""


def test_english_text_warns_and_still_opens():
    result = run_cli("article", "-", stdin=b"This is plainly an English text. It has nothing Dutch in it at all.")
    assert result.returncode == 0
    assert "does not look like Dutch" in result.stderr.decode()
    assert "This is plainly an English text." in result.stdout.decode()


def test_python_m_reader_and_console_script_agree():
    console = subprocess.run([sys.executable.replace("python", "leesplank"), "article", str(SEED)],
                             capture_output=True, timeout=60)
    assert console.returncode == 0 and console.stdout == run_cli("article", str(SEED)).stdout
