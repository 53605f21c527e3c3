"""The article pane: the blocks around the current paragraph, drawn line by line (no widget per paragraph)."""

from bisect import bisect_right
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.article import Article
from reader.tui.hints import HintIndex, is_hint, short_gloss
from reader.tui.styles import component_style

GUTTER = 2  # the current-paragraph marker and a space
MAX_SHOWN = 10000  # characters of a block laid out at once: a paragraph may be 5 MB without a sentence end


@dataclass
class _Window:
    """The lines on screen, which block each line belongs to, and the cache key they were built for."""

    key: tuple
    strips: list[Strip]
    blocks: list[int]


class ArticleView(Widget, can_focus=True):
    """The article paragraph by paragraph, current paragraph marked, hard words coloured by level."""

    COMPONENT_CLASSES = {
        "article--heading",
        "article--quote",
        "article--attribution",
        "article--other",
        "article--marker",
        "article--sentence",
        "article--gloss",
        "level-1",
        "level-2",
        "level-3",
        "level-4",
        "level-5",
    }

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        padding: 0 1;
        & > .article--heading { text-style: bold; color: $text-accent; }
        & > .article--quote { text-style: italic; color: $text-secondary; }
        & > .article--attribution { color: $text-muted; }
        & > .article--other { color: $text-muted; }
        & > .article--marker { color: $accent; }
        & > .article--sentence { background: $accent 30%; }
        & > .article--gloss { color: $text-muted; text-style: italic; }
    }
    """

    block: reactive[int] = reactive(0)
    """The current block (paragraph, heading or pull quote)."""
    sentence: reactive[int | None] = reactive(None)
    """The highlighted sentence of the current block, if any."""
    min_level: reactive[int] = reactive(3)
    """The lowest level that is highlighted."""
    glosses: reactive[bool] = reactive(False)
    """Whether a short gloss follows each highlighted word."""

    class Picked(Message):
        """The reader clicked a block (and maybe a sentence or a word) or scrolled the wheel."""

        def __init__(self, block: int, sentence: int | None = None, lemma: str | None = None) -> None:
            """Record what was picked."""
            super().__init__()
            self.block = block
            self.sentence = sentence
            self.lemma = lemma

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        """Show `article`; hints appear once `set_hints` hands over the glossary's index."""
        super().__init__(id=id)
        self.article = article
        self.hints: HintIndex | None = None
        self.statuses: dict[str, str] = {}
        self._version = 0  # bumped when hints or statuses change
        self._top = 0  # the first block on screen
        self._window: _Window | None = None
        self._styles: dict[str, Style] = {}  # component styles, read once per theme
        self._blocks: LRUCache[tuple, tuple[list[Text], list[Strip]]] = LRUCache(64)  # wrapped blocks

    def set_hints(self, hints: HintIndex | None, statuses: dict[str, str]) -> None:
        """Use a glossary index and the word statuses for highlighting, and redraw."""
        self.hints, self.statuses = hints, statuses
        self._version += 1
        self.refresh()

    @property
    def visible_blocks(self) -> list[int]:
        """The blocks that have at least one line on screen."""
        window = self._build()
        return sorted(set(block for block in window.blocks if block >= 0))

    def page_down(self) -> int:
        """Turn the page: the first block not wholly on screen starts the window; returns that block."""
        window = self._build()
        last = max(self.visible_blocks)
        cut = len(window.blocks) >= self.size.height and window.blocks[-1] == last  # its end is off screen
        target = last if cut and last > self.block else last + 1
        self._top = min(target, len(self.article.blocks) - 1)
        return self._top

    def page_up(self) -> int:
        """Turn back a page: the blocks that fill the screen above the top one; returns the new top block."""
        width, height = self.size
        top, used = self._top, 0
        while top > 0 and used + len(self._block_lines(top - 1, width)[0]) + 1 <= height:
            top -= 1
            used += len(self._block_lines(top, width)[0]) + 1
        self._top = top if top < self._top else max(self._top - 1, 0)
        return self._top

    # Drawing.
    def render_line(self, y: int) -> Strip:
        """One line of the window around the current block."""
        window = self._build()
        if y < len(window.strips):
            return window.strips[y]
        return Strip.blank(self.size.width, self.rich_style)

    def notify_style_update(self) -> None:
        """New CSS or theme: forget the styled lines."""
        super().notify_style_update()
        self._styles.clear()
        self._blocks.clear()
        self._window = None

    def _build(self) -> _Window:
        """Lay out the blocks from `_top` so that the current block is on screen, reusing the last layout."""
        width, height = self.size
        key = (self.block, self.sentence, self.min_level, self.glosses, self._version, width, height)
        if self._window is not None and self._window.key == key:
            return self._window
        current = self.block
        if current < self._top:
            self._top = current
        # Like turning a page: when the current block does not fit below the top one, it becomes the top one.
        if self._top < current:
            used = 0  # the blocks from the top one on, laid out only until they fill the screen
            for b in range(self._top, current + 1):
                used += len(self._block_lines(b, width)[0]) + (b < current)
                if used > height:
                    self._top = current
                    break
        blank = Strip.blank(width, self.rich_style)
        strips: list[Strip] = []
        blocks: list[int] = []
        b = self._top
        while len(strips) < height and b < len(self.article.blocks):
            lines, block_strips = self._block_lines(b, width)
            if b == current and len(lines) > height and self.sentence is not None:
                block_strips = block_strips[self._sentence_line(b, lines) :]  # a tall block: keep its sentence in view
            strips += [*block_strips, blank]
            blocks += [b] * len(block_strips) + [-1]
            b += 1
        self._window = _Window(key, strips[:height], blocks[:height])
        return self._window

    def _block_lines(self, b: int, width: int) -> tuple[list[Text], list[Strip]]:
        """Block `b` wrapped to the pane with its gutter, as text and as strips; cached, as most blocks do not
        change when the reader moves on."""
        current = b == self.block
        key = (b, width, current, self.sentence if current else None, self.min_level, self.glosses, self._version)
        cached = self._blocks.get(key)
        if cached is None:
            if not self._styles:
                self._styles.update((name, component_style(self, name)) for name in self.COMPONENT_CLASSES)
            console = self.app.console
            wrapped = self._block_text(b, *self._shown(b)).wrap(console, max(width - GUTTER, 10))
            marker = Text("▌ " if current else "  ", self._styles["article--marker"])
            lines = [marker + line for line in wrapped]
            base = self.rich_style
            strips = [Strip(list(line.render(console)), line.cell_len).apply_style(base) for line in lines]
            cached = self._blocks[key] = (lines, strips)
        return cached

    def _shown(self, b: int) -> tuple[int, int]:
        """The part of block `b` laid out, as character offsets: all of it, or at most MAX_SHOWN characters
        from its start or, when the selected sentence ends beyond them, from that sentence's start."""
        block = self.article.blocks[b]
        if len(block.text) <= MAX_SHOWN:
            return 0, len(block.text)
        start = 0
        if b == self.block and self.sentence is not None and block.sentences[self.sentence].end > MAX_SHOWN:
            start = block.sentences[self.sentence].start
        end = min(start + MAX_SHOWN, len(block.text))
        if end < len(block.text) and block.text.rfind(" ", start, end) > start:
            end = block.text.rfind(" ", start, end)  # cut between words
        return start, end

    def _sentence_line(self, b: int, lines: list[Text]) -> int:
        """The wrapped line on which the selected sentence of block `b` starts."""
        shown_from = self._shown(b)[0]
        start = self.article.blocks[b].sentences[self.sentence].start - shown_from + (2 if shown_from else 0)
        seen = 0
        for number, line in enumerate(lines):
            seen += len(line.plain) - GUTTER
            if seen > start:
                return number
        return 0

    def _block_text(self, b: int, start: int, end: int) -> Text:
        """Characters start:end of one block as styled text: kind, selected sentence, hints and (optionally)
        glosses, with "…" where the block goes on."""
        block = self.article.blocks[b]
        body = ("… " if start else "") + block.text[start:end] + (" …" if end < len(block.text) else "")
        if block.kind == "pullquote":
            body = f"“{body}”"
        shift = (block.kind == "pullquote") + (2 if start else 0) - start  # block offset + shift = offset in body
        text = Text(body, style=Style(meta={"block": b}))
        if b != self.block:
            text.stylize(self._styles["article--other"])
        if block.kind == "heading":
            text.stylize(self._styles["article--heading"])
        elif block.kind == "pullquote":
            text.stylize(self._styles["article--quote"])
        first = bisect_right(block.sentences, start, key=lambda sentence: sentence.end)
        for s, sentence in enumerate(block.sentences[first:], start=first):
            if sentence.start >= end:
                break
            sentence_style = Style(meta={"block": b, "sentence": s})
            if b == self.block and s == self.sentence:
                sentence_style = self._styles["article--sentence"] + sentence_style
            text.stylize(sentence_style, max(sentence.start, start) + shift, min(sentence.end, end) + shift)
        glosses: list[tuple[int, str]] = []
        if self.hints is not None:
            for span in self.hints.block_spans(b, start, end):
                entry = self.hints.entries[span.lemma]
                style = Style(meta={"block": b, "lemma": span.lemma})
                if is_hint(entry, self.min_level, self.statuses):
                    style = self._styles[f"level-{min(max(entry.level, 1), 5)}"] + style
                    if self.glosses and entry.gloss and (not glosses or span.start + shift >= glosses[-1][0]):
                        glosses.append((span.end + shift, short_gloss(entry)))
                text.stylize(style, span.start + shift, span.end + shift)
        if glosses:
            text = self._with_glosses(text, glosses)
        if block.kind == "pullquote" and block.attribution:
            text.append(f"\n— {block.attribution}", self._styles["article--attribution"])
        return text

    def _with_glosses(self, text: Text, glosses: list[tuple[int, str]]) -> Text:
        """`text` with each gloss inserted after the word it explains, Word Wise style."""
        style = self._styles["article--gloss"]
        pieces = text.divide(end for end, _ in glosses)
        result = Text()
        for piece, (_, gloss) in zip(pieces, glosses):
            result.append_text(piece)
            result.append(f" ({gloss})", style)
        for piece in pieces[len(glosses) :]:
            result.append_text(piece)
        return result

    # Mouse.
    def on_click(self, event: events.Click) -> None:
        """Pick the block, sentence and word under the pointer."""
        meta = event.style.meta
        if "block" in meta:
            self.post_message(self.Picked(meta["block"], meta.get("sentence"), meta.get("lemma")))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel moves to the next block."""
        event.stop()
        self.post_message(self.Picked(min(self.block + 1, len(self.article.blocks) - 1)))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel moves to the previous block."""
        event.stop()
        self.post_message(self.Picked(max(self.block - 1, 0)))
