"""The translation pane: the current block in English, sentence by sentence, over the model's status line."""

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from reader.article import Article
from reader.tui.styles import component_style

MAX_SENTENCE = 2000  # characters of one sentence's English shown; a sentence may be a whole 5 MB paragraph
MAX_TEXT = 10000  # characters shown in all: a long paragraph shows the sentences around the selected one


class TranslationPane(Vertical):
    """The English of the current block, its selected sentence marked, and the model status below."""

    COMPONENT_CLASSES = {"translation--sentence", "translation--pending", "translation--heading",
                         "translation--gloss", "translation--label"}

    DEFAULT_CSS = """
    TranslationPane {
        & > .translation--sentence { background: $accent 30%; }
        & > .translation--pending { color: $text-disabled; text-style: italic; }
        & > .translation--heading { text-style: bold; }
        & > .translation--gloss { text-style: italic; }
        & > .translation--label { color: $text-warning; }
        #translation-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
        #model-status { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
        #model-status.-missing { color: $text-warning; }
        #model-status.-error { color: $text-error; }
    }
    """

    block: reactive[int] = reactive(0)
    """The block shown."""
    sentence: reactive[int | None] = reactive(None)
    """The selected sentence of that block, if any."""

    def __init__(self, article: Article, translations: dict[str, str], word_glosses: dict[str, str], *,
                 id: str | None = None) -> None:
        """Show blocks of `article` in English from `translations`, or from `word_glosses` without a model
        (both Dutch sentence → English)."""
        super().__init__(id=id)
        self.article = article
        self.translations = translations
        self.word_glosses = word_glosses
        self.notice: str | None = None  # shown in place of translations when the model is missing or broken

    def compose(self) -> ComposeResult:
        """The scrolling English text and the one-line model status."""
        with VerticalScroll(id="translation-scroll", can_focus=False):  # Tab skips it; the wheel scrolls it
            yield Static(id="translation-text")
        yield Static("", id="model-status")

    def on_mount(self) -> None:
        """Draw the first block."""
        self.redraw()

    def watch_block(self) -> None:
        """A new block: draw it from the top."""
        self.redraw()
        self.query_one("#translation-scroll").scroll_home(animate=False)

    def watch_sentence(self) -> None:
        """A new sentence: mark it."""
        self.redraw()

    def set_status(self, text: str, kind: str = "") -> None:
        """Show the model's state; `kind` is "", "missing" or "error": it sets the colour, and without a
        working model the pane itself says why instead of waiting for a translation."""
        status = self.query_one("#model-status", Static)
        status.update(text)
        status.set_class(kind == "missing", "-missing")
        status.set_class(kind == "error", "-error")
        self.notice = text if kind else None
        self.redraw()

    def redraw(self) -> None:
        """Build the English of the current block from what is known so far: the model's translations,
        else (no model) word-by-word glosses under a label, else the reason there is none."""
        if not self.is_mounted:
            return
        block = self.article.blocks[self.block]
        glossed = any(s.text not in self.translations and s.text in self.word_glosses for s in block.sentences)
        text = Text("Word gloss (no translation model):\n", component_style(self, "translation--label")) if glossed \
            else Text()
        if self.notice and not glossed and any(s.text not in self.translations for s in block.sentences):
            text = Text(self.notice, component_style(self, "translation--pending"))
        else:
            marked_at = self._sentences(block, text)
            if block.kind == "heading":
                text.stylize(component_style(self, "translation--heading"))
        self.query_one("#translation-text", Static).update(text)
        if self.sentence is not None and not self.notice:
            self._scroll_to_offset(text, marked_at)

    def _sentences(self, block, text: Text) -> int:
        """Append each sentence's English (or a placeholder) to `text`; returns where the selected one starts."""
        marked_at = 0
        first = self._first_shown(block)
        if first:
            text.append("… ", component_style(self, "translation--pending"))
        for s, sentence in enumerate(block.sentences[first:], start=first):
            if len(text) > MAX_TEXT:
                text.append(" …", component_style(self, "translation--pending"))
                break
            if s > first:
                text.append(" ")
            english = self.translations.get(sentence.text)
            style = component_style(self, "translation--sentence") if s == self.sentence else Style()
            if english is None and sentence.text in self.word_glosses:
                english, style = self.word_glosses[sentence.text], style + component_style(self, "translation--gloss")
            if english is None:
                text.append("…", component_style(self, "translation--pending"))
                continue
            if s == self.sentence:
                marked_at = len(text)
            if len(english) > MAX_SENTENCE:
                english = english[: MAX_SENTENCE - 1] + "…"
            text.append(english, style)
        return marked_at

    def _first_shown(self, block) -> int:
        """The first sentence shown: 0, or a later one when the English before the selected one is too long."""
        first, before = self.sentence or 0, 0
        while first > 0 and before < MAX_TEXT // 2:
            first -= 1
            before += min(len(self.translations.get(block.sentences[first].text) or block.sentences[first].text),
                          MAX_SENTENCE)
        return first

    def _scroll_to_offset(self, text: Text, offset: int) -> None:
        """Scroll so the line holding character `offset` of the shown text is visible."""
        scroll = self.query_one("#translation-scroll", VerticalScroll)
        width = max(scroll.scrollable_content_region.width, 10)
        seen = 0
        for number, line in enumerate(text.wrap(self.app.console, width)):
            seen += len(line.plain) + 1
            if seen > offset:
                scroll.scroll_to(y=max(number - 1, 0), animate=False)
                return
