"""Reading files into raw blocks: bytes → text (encoding detection) → (kind, text) pairs per format."""

import html
import posixpath
import re
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from reader.article import MAX_BYTES
from reader.errors import UserError

RawBlock = tuple[str, str]  # (kind, text); kind "text" means "paragraph or heading, decide from the text"

# Control characters that never occur in real text (tab, newline, carriage return and form feed do).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252, else refuse;
    returns (text, warning)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows Notepad's "Unicode": its NULs are no binary
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise UserError(f"cannot decode {name}: it starts like UTF-16 text but is not") from None
    if b"\x00" in data:
        raise UserError(f"{name} is a binary file, not text (it holds NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    warning = ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        if len(UTF8_SEQUENCE.findall(data)) >= max(1, text.count("\ufffd")):
            # Mostly UTF-8 with a few broken bytes: keep the UTF-8 and mark the damage.
            warning = f"{name} has invalid UTF-8 at byte {error.start}; unreadable bytes are shown as \ufffd"
        else:
            text, first_utf8 = _windows_1252(data)
            if first_utf8 is not None:
                warning = (f"{name} is Windows-1252 text with some UTF-8 in it (from byte {first_utf8}); "
                           "each part was read in its own encoding")
    if len(CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise UserError(f"cannot decode {name}: it is neither UTF-8 nor Windows-1252 text")
    return CONTROL.sub("", text), warning


def _windows_1252(data: bytes) -> tuple[str, int | None]:
    """Windows-1252 text in which well-formed UTF-8 characters (a word pasted from elsewhere) are read as UTF-8,
    not as mojibake; returns the text and where the first UTF-8 character starts (None when there is none)."""
    pieces, start, first = [], 0, None
    for match in UTF8_CHARACTER.finditer(data):
        try:
            character = match.group().decode("utf-8")
        except UnicodeDecodeError:  # a surrogate or an overlong form: no UTF-8 after all
            continue
        pieces += [_single_byte(data[start : match.start()]), character]
        start, first = match.end(), match.start() if first is None else first
    return "".join(pieces) + _single_byte(data[start:]), first


def _single_byte(data: bytes) -> str:
    """Windows-1252, else Latin-1, whose C1 controls mark the text as undecodable (see decode_text)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def text_blocks(text: str) -> list[RawBlock]:
    """Plain text: blocks are separated by blank lines; lines within a block are joined."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [("text", " ".join(chunk.split())) for chunk in chunks if chunk.strip()]


def markdown_blocks(text: str) -> tuple[list[RawBlock], dict[str, str]]:
    """Markdown: front matter becomes metadata, # lines headings, > lines quotes; inline markup is stripped."""
    metadata: dict[str, str] = {}
    text = text.replace("\r\n", "\n")
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and value.strip():
                metadata[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end():]
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)  # code blocks are not prose
    blocks: list[RawBlock] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines or all(re.fullmatch(r"[-*_=\s]{3,}", line) for line in lines):
            continue
        if lines[0].startswith("#"):
            blocks.append(("heading", _strip_inline(lines[0].lstrip("#"))))
            lines = lines[1:]
            if not lines:
                continue
        if all(line.startswith(">") for line in lines):
            blocks.append(("pullquote", _strip_inline(" ".join(line.lstrip("> ") for line in lines))))
        elif len(lines) == 2 and re.fullmatch(r"[=-]+", lines[1]):
            blocks.append(("heading", _strip_inline(lines[0])))  # setext heading
        else:
            items = [re.sub(r"^([-*+]|\d+[.)])\s+", "", line) for line in lines]
            blocks.append(("paragraph", _strip_inline(" ".join(items))))
    return [(kind, body) for kind, body in blocks if body], metadata


# Inline Markdown, in linear time: no pattern scans past the next character that could end it, so unmatched
# *, _, [ or < (60 KB of them once took 12 s) cost one look at the text each.
IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
EMPHASIS = [re.compile(pattern) for pattern in (
    r"`([^`]+)`",
    r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*",
    r"(?<!\w)__([^_\s](?:[^_]*[^_\s])?)__(?!\w)",  # not inside a word: snake_case stays
    r"\*([^*\s](?:[^*]*[^*\s])?)\*",
    r"(?<!\w)_([^_\s](?:[^_]*[^_\s])?)_(?!\w)",
)]


def _strip_inline(text: str) -> str:
    """Remove Markdown inline markup: images, links, emphasis, code ticks and HTML tags."""
    text = TAG.sub("", LINK.sub(r"\1", IMAGE.sub("", text)))
    for pattern in EMPHASIS:
        text = pattern.sub(r"\1", text)
    return " ".join(text.split())


class _HtmlBlocks(HTMLParser):
    """Collects headings, paragraphs and quotes from HTML, skipping scripts, styles and page chrome."""

    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head"}
    BLOCKS = {"p": "paragraph", "li": "paragraph", "blockquote": "pullquote", "figcaption": "paragraph",
              **{f"h{n}": "heading" for n in range(1, 7)}}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[RawBlock] = []
        self.metadata: dict[str, str] = {}
        self.skip_depth = 0
        self.open_blocks: list[str] = []  # the block elements open around the text, innermost last
        self.quotes = 0  # how many of them are blockquotes
        self.buffer: list[str] = []
        self.in_title = False
        self.title = ""
        # The first <article> or <main> element, found by the parser so that markup inside scripts,
        # styles and comments never counts: its blocks, and how deep inside it the parser is.
        self.main_blocks: list[RawBlock] | None = None
        self.main_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key in ("date", "article:published_time", "author", "og:title") and attributes.get("content"):
                self.metadata.setdefault(key.split(":")[-1].replace("published_time", "date"), attributes["content"])
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCKS or tag in ("div", "section", "article", "main", "br", "td"):
            self._flush()
            if tag in self.BLOCKS:
                # A <p> ends where the next block starts and an <li> at the next <li>, closed or not (valid
                # HTML), so they never pile up on the stack: 100,000 unclosed <p> once took a minute.
                self._close_implied(tag)
                self.open_blocks.append(tag)
                self.quotes += tag == "blockquote"
            if tag in ("article", "main") and not self.skip_depth:
                if self.main_blocks is None:
                    self.main_blocks, self.main_depth = [], 1
                elif self.main_depth:
                    self.main_depth += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCKS or tag in ("div", "section", "article", "main", "td"):
            self._flush()
            if tag in self.open_blocks[-3:]:  # its own end tag, after at most an unclosed <p> or <li> inside it
                while self._pop() != tag:
                    pass
            elif tag in self.BLOCKS and self.open_blocks and self.BLOCKS[self.open_blocks[-1]] == self.BLOCKS[tag]:
                self._pop()  # a mistyped end tag: <h2>…</h3>
            if tag in ("article", "main") and self.main_depth:
                self.main_depth -= 1

    def _close_implied(self, tag):
        """Close an open <p> before any block, and an open <li> before the next <li>."""
        if self.open_blocks[-1:] == ["p"]:
            self._pop()
        if tag == "li" and self.open_blocks[-1:] == ["li"]:
            self._pop()

    def _pop(self) -> str:
        """Close the innermost open block element; returns its tag."""
        tag = self.open_blocks.pop()
        self.quotes -= tag == "blockquote"
        return tag

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.buffer.append(data)

    def _flush(self):
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            kind = self.BLOCKS[self.open_blocks[-1]] if self.open_blocks else "paragraph"
            if self.quotes:
                kind = "pullquote"
            self.blocks.append((kind, text))
            if self.main_depth:
                self.main_blocks.append((kind, text))

    def close(self):
        super().close()
        self._flush()


# A DOCTYPE with an internal subset (<!DOCTYPE html [<!ENTITY …>]>), which HTMLParser ends at its first ">".
DOCTYPE_SUBSET = re.compile(r"(\s*(?:<\?xml[^>]*>\s*)?)<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.I)


def html_blocks(markup: str) -> tuple[list[RawBlock], dict[str, str]]:
    """HTML: the main text (inside the first <article> or <main> when present), headings kept as headings."""
    if subset := DOCTYPE_SUBSET.match(markup):
        markup = subset.group(1) + markup[subset.end():]
    parser = _HtmlBlocks()
    parser.feed(markup)
    parser.close()
    blocks = parser.main_blocks or parser.blocks  # an empty <article> (a teaser) is not the text
    metadata = dict(parser.metadata)
    if parser.title.strip():
        metadata.setdefault("title", " ".join(html.unescape(parser.title).split()))
    return blocks, metadata


def epub_blocks(path: Path) -> tuple[list[RawBlock], dict[str, str]]:
    """EPUB: the chapters of the spine in order, each read as HTML."""
    unpacked = 0

    def read(book: zipfile.ZipFile, name: str) -> bytes:
        """One member's bytes; a zip bomb (tiny packed, huge unpacked) is refused before it is unpacked."""
        nonlocal unpacked
        too_big = UserError(f"{path} unpacks to more than 50 MB; split it into smaller files")
        if unpacked + book.getinfo(name).file_size > MAX_BYTES:
            raise too_big
        with book.open(name) as member:  # a bounded read: the size in the zip may be false
            data = member.read(MAX_BYTES - unpacked + 1)
        unpacked += len(data)
        if unpacked > MAX_BYTES:
            raise too_big
        return data

    try:
        with zipfile.ZipFile(path) as book:
            container = ElementTree.fromstring(read(book, "META-INF/container.xml"))
            rootfile = next(e.get("full-path") for e in container.iter() if e.tag.endswith("rootfile"))
            opf = ElementTree.fromstring(read(book, rootfile))
            base = posixpath.dirname(rootfile)
            manifest = {e.get("id"): e.get("href") for e in opf.iter() if e.tag.endswith("}item")}
            spine = [e.get("idref") for e in opf.iter() if e.tag.endswith("}itemref")]
            if not spine:
                raise UserError(f"{path} is not a readable EPUB: it has no spine (no chapters)")
            metadata = {}
            title = next((e.text for e in opf.iter() if e.tag.endswith("}title") and e.text), None)
            if title:
                metadata["title"] = title.strip()
            blocks: list[RawBlock] = []
            for idref in spine:
                href = unquote((manifest.get(idref) or "").partition("#")[0])  # hoofdstuk%201.xhtml#begin
                if href:
                    chapter = read(book, posixpath.normpath(posixpath.join(base, href)))
                    blocks += html_blocks(decode_text(chapter, f"{path}:{href}")[0])[0]
            return blocks, metadata
    except RuntimeError:  # zipfile's word for an encrypted member
        raise UserError(f"{path} is not a readable EPUB (it is encrypted)") from None
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, KeyError, StopIteration, ElementTree.ParseError,
            EOFError) as error:
        reason = "damaged compressed data" if isinstance(error, zlib.error) else error.__class__.__name__
        raise UserError(f"{path} is not a readable EPUB ({reason})") from None
