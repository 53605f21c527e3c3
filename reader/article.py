"""The article model: metadata and blocks (heading, paragraph, pull quote), each split into sentences."""

from dataclasses import dataclass, field
from typing import Iterator, Literal

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

    @property
    def key(self) -> str:
        """A stable identity for the store (reading position): a hash of the text."""
        import hashlib

        digest = hashlib.sha256("\n\n".join(b.text for b in self.blocks).encode()).hexdigest()
        return digest[:16]

    def sentences(self) -> Iterator[tuple[int, int, Sentence]]:
        """Every sentence in reading order as (block index, sentence index, sentence)."""
        for b, block in enumerate(self.blocks):
            for s, sentence in enumerate(block.sentences):
                yield b, s, sentence
