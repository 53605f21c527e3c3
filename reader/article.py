"""The article model: metadata and blocks (heading, paragraph, pull quote), each split into sentences."""

import difflib
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Literal

from reader.errors import UserError

BlockKind = Literal["heading", "paragraph", "pullquote"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block, with its character offsets into the block's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a pull quote, with its sentences."""

    kind: BlockKind
    text: str
    sentences: tuple[Sentence, ...]
    attribution: str = ""  # a pull quote's speaker and role, kept apart from the quote


@dataclass(frozen=True)
class Article:
    """A loaded text: where it came from, its metadata and its blocks in reading order."""

    source: str
    title: str
    blocks: tuple[Block, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # problems the reader should be told about, e.g. damaged bytes

    @property
    def key(self) -> str:
        """A stable identity for the store (reading position): a hash of the text."""
        digest = hashlib.sha256("\n\n".join(b.text for b in self.blocks).encode()).hexdigest()
        return digest[:16]

    def sentences(self) -> Iterator[tuple[int, int, Sentence]]:
        """Every sentence in reading order as (block index, sentence index, sentence)."""
        for b, block in enumerate(self.blocks):
            for s, sentence in enumerate(block.sentences):
                yield b, s, sentence


MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
# A leading "date 2023-03" in the text is metadata, not prose (the seed article starts with one).
LEADING_DATE = re.compile(r"\s*date\s+(\d{4}(?:-\d{2}){0,2})\s+", re.I)
SENTENCE_PUNCTUATION = tuple(".?!:;,…")
# Soft hyphen, zero-width space and non-joiner, word joiner, BOM; a zero-width joiner unless it joins two
# symbols, as in emoji sequences (🐈‍⬛).
INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u2060\ufeff]|(?<![^\w\s])\u200d|\u200d(?![^\w\s])")
# A pull quote repeats a sentence from a block at most this many blocks away.
PULL_QUOTE_REACH = 12


def load(source: str) -> Article:
    """Load a .txt, .md, .html/.htm or .epub file, or stdin for "-", as an Article."""
    from reader import formats

    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name, suffix = "<stdin>", ".txt"
    else:
        path = Path(source)
        if not path.exists():
            raise UserError(f"{source}: no such file")
        if path.is_dir():
            raise UserError(f"{source} is a directory, not a file")
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"{source} is larger than 50 MB; split it into smaller files")
        name, suffix = source, path.suffix.lower()
        if suffix == ".epub":
            raw, metadata = formats.epub_blocks(path)
            return _build(source, raw, metadata, path.stem)
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)  # a device or pipe (/dev/zero, <(…)) has no size to check first
        except OSError as error:
            raise UserError(f"cannot read {source}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"{name} is larger than 50 MB; split it into smaller files")
    text, warning = formats.decode_text(data, name)
    if not text.strip():
        raise UserError(f"{name} is empty")
    looks_like_html = re.match(r"\s*(<!doctype html|<html|<\?xml)", text, re.I)
    if suffix in (".html", ".htm", ".xhtml") or (suffix in TEXT_SUFFIXES and looks_like_html):
        raw, metadata = formats.html_blocks(text)
    elif suffix in (".md", ".markdown"):
        raw, metadata = formats.markdown_blocks(text)
    elif suffix in TEXT_SUFFIXES or _is_prose(text):
        raw, metadata = formats.text_blocks(text), {}
    else:
        raise UserError(f"{name}: unsupported file type {suffix}; use .txt, .md, .html or .epub")
    article = _build(name, raw, metadata, Path(name).stem)
    return replace(article, warnings=(warning,)) if warning else article


def _is_prose(text: str) -> bool:
    """Whether text of an unknown type reads as prose: mostly letters and spaces."""
    sample = text[:10000]
    return sum(c.isalpha() or c.isspace() for c in sample) > 0.85 * len(sample)


def _build(source: str, raw: list[tuple[str, str]], metadata: dict[str, str], stem: str) -> Article:
    """Turn raw blocks into an Article: metadata pulled out, kinds decided, sentences split."""
    from reader.sentences import split_sentences

    if raw and (date := LEADING_DATE.match(raw[0][1])):
        metadata = {"date": date.group(1), **metadata}
        raw = [(raw[0][0], raw[0][1][date.end():]), *raw[1:]]
    # Composed characters (ë, not e + a combining diaeresis), as the lexicons and the tokenizer expect, and
    # no invisible ones: a soft hyphen or zero-width space inside kern&shy;wapens would make two words of it.
    raw = [(kind, unicodedata.normalize("NFC", INVISIBLE.sub("", text)).strip()) for kind, text in raw]
    raw = [(kind, text) for kind, text in raw if text]
    if not raw:
        raise UserError(f"{source} has no readable text")
    blocks = []
    for index, (kind, text) in enumerate(raw):
        sentences = split_sentences(text)
        attribution = ""
        if kind in ("text", "paragraph"):
            nearby = raw[max(0, index - PULL_QUOTE_REACH):index] + raw[index + 1:index + 1 + PULL_QUOTE_REACH]
            quoted = _pull_quote(text, [other for _, other in nearby])
            if quoted is not None:
                kind, attribution = "pullquote", text[quoted:].strip()
                text = text[:quoted].rstrip()
                sentences = split_sentences(text)
            elif kind == "text":
                kind = "heading" if _looks_like_heading(text) else "paragraph"
        blocks.append(Block(kind, text, sentences, attribution))
    title = metadata.get("title") or (blocks[0].text if blocks[0].kind == "heading" else stem.replace("_", " "))
    return Article(source=source, title=title, blocks=tuple(blocks), metadata=metadata)


def _looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation."""
    return len(text.split()) <= 10 and not text.endswith(SENTENCE_PUNCTUATION) and text[0] not in "„“\"'‘,"


def _words(text: str) -> list[str]:
    """Lower-case words, for comparing texts whatever their quotes and punctuation."""
    return re.findall(r"\w+(?:-\w+)*", text.lower())


def _pull_quote(text: str, others: list[str]) -> int | None:
    """If text repeats a sentence found in another block, where the quote ends (an attribution may follow).

    A pull quote is a short line; its words match a stretch of another block, give or take an edited word,
    and any words after the last matching stretch name the speaker ("… verhogen Joe Cirincione veiligheidsexpert").
    """
    words = _words(text)
    if not 5 <= len(words) <= 60:
        return None
    for other in others:
        other_words = _words(other)
        if len(other_words) <= len(words) or len(set(words) & set(other_words)) < 0.7 * len(set(words)):
            continue  # the quote is the shorter of the two, and shares most of its words
        matcher = difflib.SequenceMatcher(None, words, other_words, autojunk=False)
        runs = [m for m in matcher.get_matching_blocks() if m.size >= 3]
        matched = sum(m.size for m in runs)
        if matched >= 0.7 * len(words):
            quote_end_word = runs[-1].a + runs[-1].size
            return _char_offset_after_word(text, quote_end_word)
    return None


def _char_offset_after_word(text: str, word_count: int) -> int:
    """The character offset in text just after its first word_count words (and any closing punctuation)."""
    if word_count == 0:
        return 0
    match = list(re.finditer(r"\w+(?:-\w+)*", text))[word_count - 1]
    end = match.end()
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def dutch_share(article: Article) -> float:
    """The share of words simplemma recognises as Dutch, on a sample of the text (slow on first call)."""
    import simplemma

    sample = " ".join(block.text for block in article.blocks)[:3000]
    return dict(simplemma.langdetect(sample, lang=("nl",))).get("nl", 0.0)
