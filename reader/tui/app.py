"""The reading app and its main screen: article, translation, Word Wise hints and the glossary panel."""

import gc
import sqlite3
import threading
from functools import partial

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, TabbedContent
from textual.worker import Worker, WorkerState, get_current_worker

from reader.article import Article
from reader.store import Store
from reader.tui.commands import ReaderCommands
from reader.tui.hints import MAX_LEVEL, MIN_LEVEL, HintIndex, is_hint
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.glossary_panel import GlossaryPanel
from reader.tui.widgets.status_bar import StatusBar
from reader.tui.widgets.term_detail import MAX_CONTEXTS
from reader.tui.widgets.translation_pane import TranslationPane

PARAGRAPH = Binding.Group("Move", compact=True)
SENTENCE = Binding.Group("Sentence", compact=True)
HINTS = Binding.Group("Hints", compact=True)
STATUS = Binding.Group("Mark", compact=True)
PANEL_AFTER = 0.08  # seconds of rest before the paragraph tab follows the current paragraph
PREFETCH = 2  # paragraphs after the current one translated ahead
STATUS_LINGER = 0.4  # seconds "Translating n/m" stays up after the last job, so a fast job is seen at all
IDLE_WAIT = 0.5  # seconds an idle translation worker waits for work before checking it should stop


class ReaderScreen(Screen):
    """The main screen: the article beside (or above) its translation, and the glossary panel below."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS = [
        Binding("j,down", "next_block", "Next paragraph", id="next-paragraph", group=PARAGRAPH),
        Binding("k,up", "previous_block", "Previous paragraph", id="previous-paragraph", group=PARAGRAPH),
        Binding("pagedown", "page_down", "Page down", id="page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="page-up", show=False),
        Binding("g,home", "first_block", "First paragraph", id="first-paragraph", show=False),
        Binding("G,end", "last_block", "Last paragraph", id="last-paragraph", show=False),
        Binding("h,left", "previous_sentence", "Previous sentence", id="previous-sentence", group=SENTENCE),
        Binding("l,right", "next_sentence", "Next sentence", id="next-sentence", group=SENTENCE),
        Binding("minus", "fewer_hints", "Fewer hints", id="fewer-hints", group=HINTS),
        Binding("plus,equals_sign", "more_hints", "More hints", id="more-hints", group=HINTS),
        Binding("w", "toggle_glosses", "Glosses", id="toggle-glosses"),
        Binding("n", "set_status('new')", "Mark new", id="mark-new", group=STATUS),
        Binding("L", "set_status('learning')", "Mark learning", id="mark-learning", group=STATUS),
        Binding("K", "set_status('known')", "Mark known", id="mark-known", group=STATUS),
        Binding("x", "set_status('ignored')", "Mark ignored", id="mark-ignored", group=STATUS),
        Binding("t", "switch_tab", "Glossary tab", id="switch-tab", show=False),
        Binding("E", "edit_gloss", "Edit gloss", id="edit-gloss", show=False),
        Binding("e", "export", "Export", id="export"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    block: reactive[int] = reactive(0, init=False)
    """The current block (paragraph, heading or pull quote)."""
    sentence: reactive[int | None] = reactive(None, init=False)
    """The highlighted sentence of the current block, if any."""
    min_level: reactive[int] = reactive(3, init=False)
    """The hint slider: the lowest level that is highlighted."""
    glosses: reactive[bool] = reactive(False, init=False)
    """Whether a short gloss follows each highlighted word."""

    def __init__(self, article: Article, store: Store) -> None:
        """Read `article`, with statuses and positions kept in `store`."""
        super().__init__()
        self.article = article
        self.store = store
        self.statuses: dict[str, str] = store.statuses()
        self.glossary = None  # a glossary.model.Glossary, built in a worker after first paint
        self.hints: HintIndex | None = None
        self.translations: dict[str, str] = {}  # Dutch sentence → English, filled by the translation worker
        self.word_glosses: dict[str, str] = {}  # Dutch sentence → word-by-word English, when there is no model
        self.selected: str | None = None  # the lemma selected in the glossary panel
        self._wanted_changed = threading.Event()  # wakes the translation worker
        self._closing = False  # tells the translation worker to stop
        self._panel_timer: Timer | None = None  # a pending refresh of the paragraph tab
        self._glossary_process = None  # the child process building the glossary
        self._ready_timer: Timer | None = None  # a pending switch of the model status back to "ready"
        self.set_reactive(ReaderScreen.block, min(store.position(article.key), len(article.blocks) - 1))

    def compose(self) -> ComposeResult:
        """Status line, the reading area, the glossary panel and the footer."""
        yield StatusBar(self.article.title, len(self.article.blocks), id="status").data_bind(
            ReaderScreen.block, ReaderScreen.min_level, ReaderScreen.glosses
        )
        with Container(id="reading"):
            yield ArticleView(self.article, id="article").data_bind(
                ReaderScreen.block, ReaderScreen.sentence, ReaderScreen.min_level, ReaderScreen.glosses
            )
            yield TranslationPane(self.article, self.translations, self.word_glosses, id="translation").data_bind(
                ReaderScreen.block, ReaderScreen.sentence
            )
        yield GlossaryPanel(id="glossary")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        """Narrow terminals drop the palette hint from the footer so every key there still fits."""
        for footer in self.query(Footer):
            footer.show_command_palette = event.size.width >= 100

    def on_mount(self) -> None:
        """Focus the article; glossary and translation start once the first screen is painted."""
        self.query_one(ArticleView).focus()
        for warning in (*self.article.warnings, self.store.notice):
            if warning:  # stderr is hidden behind the reader's screen, so say it here too
                self.notify(warning, severity="warning", timeout=10)
        self.call_after_refresh(self.start_background_work)

    def start_background_work(self) -> None:
        """After the first paint: build the glossary and start translating."""
        self.build_glossary()
        self.translate()

    # Navigation.
    def go_to(self, block: int) -> None:
        """Make `block` current (clamped to the article)."""
        self.block = max(0, min(block, len(self.article.blocks) - 1))

    def watch_block(self, block: int) -> None:
        """A new current block: forget the sentence, save the position at once, refresh the paragraph tab soon."""
        self.sentence = None
        self._wanted_changed.set()
        self.saved(self.store.set_position, self.article.key, block)
        # The glossary panel catches up once the keys rest, so holding j only redraws the text.
        if self._panel_timer is not None:
            self._panel_timer.stop()
        self._panel_timer = self.set_timer(PANEL_AFTER, self.refresh_paragraph_terms)

    def saved(self, write, *arguments) -> bool:
        """Run one store write; when the store is locked or the disk full, say so and keep reading."""
        try:
            write(*arguments)
        except sqlite3.Error as error:
            self.notify(f"Not saved: the store is unavailable ({error}); try again.", severity="error", timeout=10)
            return False
        return True

    def action_next_block(self) -> None:
        """Move to the next paragraph."""
        self.go_to(self.block + 1)

    def action_previous_block(self) -> None:
        """Move to the previous paragraph."""
        self.go_to(self.block - 1)

    def action_page_down(self) -> None:
        """Turn the page: the first paragraph below the screen becomes current, at the top."""
        self.go_to(self.query_one(ArticleView).page_down())

    def action_page_up(self) -> None:
        """Turn back a page: the paragraph that starts the previous screenful becomes current."""
        self.go_to(self.query_one(ArticleView).page_up())

    def action_first_block(self) -> None:
        """Move to the first paragraph."""
        self.go_to(0)

    def action_last_block(self) -> None:
        """Move to the last paragraph."""
        self.go_to(len(self.article.blocks) - 1)

    def action_next_sentence(self) -> None:
        """Highlight the next sentence of the paragraph and its translation."""
        count = len(self.article.blocks[self.block].sentences)
        self.sentence = 0 if self.sentence is None else min(self.sentence + 1, count - 1)

    def action_previous_sentence(self) -> None:
        """Highlight the previous sentence of the paragraph and its translation."""
        count = len(self.article.blocks[self.block].sentences)
        self.sentence = count - 1 if self.sentence is None else max(self.sentence - 1, 0)

    @on(ArticleView.Picked)
    def picked(self, event: ArticleView.Picked) -> None:
        """A click or the wheel: go to that block, and select the sentence or word clicked."""
        self.go_to(event.block)
        if event.sentence is not None:
            self.sentence = event.sentence
        if event.lemma is not None:
            self.select_term(event.lemma)

    # Word Wise hints.
    def action_fewer_hints(self) -> None:
        """Highlight only harder words."""
        self.min_level = min(self.min_level + 1, MAX_LEVEL)

    def action_more_hints(self) -> None:
        """Highlight easier words too."""
        self.min_level = max(self.min_level - 1, MIN_LEVEL)

    def watch_min_level(self) -> None:
        """The slider moved: new paragraph terms and a new count."""
        self.refresh_paragraph_terms()
        self.refresh_hint_count()

    def action_toggle_glosses(self) -> None:
        """Show or hide the short gloss after each hard word."""
        self.glosses = not self.glosses

    # The glossary.
    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False)
    def build_glossary(self) -> None:
        """Check the language, build the article's glossary and index it, in a child process and off the UI
        thread; without a translation model, the child then glosses each sentence word by word."""
        from reader.models import find_model
        from reader.tui.glossary_process import GlossaryProcess

        want_word_glosses = find_model() is None
        process = self._glossary_process = GlossaryProcess(self.article, dict(self.statuses), want_word_glosses,
                                                           self.store.learner_glosses())
        if warning := process.language_warning():
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        glossary = process.glossary()
        if self._closing:
            return
        self.app.call_from_thread(self.glossary_ready, glossary, HintIndex(self.article, glossary))
        if want_word_glosses:
            word_glosses = process.word_glosses()
            if not self._closing:
                self.app.call_from_thread(self.word_glosses_ready, word_glosses)

    def glossary_ready(self, glossary, hints: HintIndex) -> None:
        """Show the glossary: hints in the article, both tabs, the hint count."""
        self.glossary, self.hints = glossary, hints
        # A long article's glossary is millions of long-lived objects; full collections walking them
        # would stall a keystroke for 100+ ms, so move everything alive now out of the collector's way.
        gc.freeze()
        self.query_one(ArticleView).set_hints(hints, self.statuses)
        panel = self.query_one(GlossaryPanel)
        panel.remember(glossary.terms)
        panel.fill("article-terms", glossary.terms, self.statuses)
        self.refresh_paragraph_terms()
        self.refresh_hint_count()

    def word_glosses_ready(self, word_glosses: dict[str, str]) -> None:
        """Word-by-word glosses stand in for the translation while no model is installed."""
        self.word_glosses.update(word_glosses)
        self.query_one(TranslationPane).redraw()
        self.show_detail(self.selected, keep_scroll=True)

    def refresh_paragraph_terms(self) -> None:
        """Fill the paragraph tab with the current block's terms at or above the slider's level."""
        if self.hints is None:
            return
        terms = [entry for entry in self.hints.block_terms(self.block) if entry.level >= self.min_level]
        self.query_one(GlossaryPanel).fill("paragraph-terms", terms, self.statuses)

    def refresh_hint_count(self) -> None:
        """Count the article's highlighted words for the status line."""
        if self.glossary is not None:
            count = sum(1 for entry in self.glossary.terms if is_hint(entry, self.min_level, self.statuses))
            self.query_one(StatusBar).hint_count = count

    @on(GlossaryPanel.Selected)
    def show_term(self, event: GlossaryPanel.Selected) -> None:
        """Show the selected term's detail."""
        self.show_detail(event.lemma)

    def show_detail(self, lemma: str | None, keep_scroll: bool = False) -> None:
        """Show a term's detail (keeping the scroll position when it is only refreshed), or say there is none."""
        self.selected = lemma
        self._wanted_changed.set()  # its contexts want translating
        panel = self.query_one(GlossaryPanel)
        if lemma is None or self.hints is None:
            panel.clear_detail("No hard words here at this hint level." if self.hints else "Building the glossary…")
            return
        entry = self.hints.entries[lemma]
        panel.show_detail(entry, self.statuses.get(lemma, "new"), self.article, self.translations,
                          self.word_glosses, keep_scroll)

    def select_term(self, lemma: str) -> None:
        """Select a term in the glossary panel: in this paragraph's tab when it is listed there."""
        panel = self.query_one(GlossaryPanel)
        tabs = self.query_one(TabbedContent)
        for tab, table_id in (("tab-paragraph", "paragraph-terms"), ("tab-article", "article-terms")):
            table = panel.query_one(f"#{table_id}")
            if lemma in table.rows:
                tabs.active = tab
                table.move_cursor(row=table.get_row_index(lemma), animate=False)
                self.show_detail(lemma)
                return

    def action_switch_tab(self) -> None:
        """Switch the glossary panel between this paragraph and the whole article."""
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-article" if tabs.active == "tab-paragraph" else "tab-paragraph"

    def action_set_status(self, status: str) -> None:
        """Give the selected term a status, save it at once and update the highlights."""
        lemma = self.query_one(GlossaryPanel).selected
        if lemma is None:
            self.notify("Select a term in the glossary first (Tab, then ↑/↓).", severity="warning")
            return
        if not self.saved(self.store.set_status, lemma, status):
            return
        if status == "new":
            self.statuses.pop(lemma, None)
        else:
            self.statuses[lemma] = status
        self.query_one(GlossaryPanel).set_status(lemma, status)
        self.query_one(ArticleView).set_hints(self.hints, self.statuses)
        self.refresh_hint_count()
        self.show_detail(lemma)
        self.notify(f"{lemma}: {status}", timeout=2)

    def action_edit_gloss(self) -> None:
        """Open the one-line editor for your own gloss of the selected term."""
        lemma = self.query_one(GlossaryPanel).selected
        if lemma is None or self.hints is None:
            self.notify("Select a term in the glossary first (Tab, then ↑/↓).", severity="warning")
            return
        from reader.tui.gloss_screen import GlossScreen

        entry = self.hints.entries[lemma]
        shown = entry.gloss if entry.gloss_source == "learner" else ""
        self.app.push_screen(GlossScreen(lemma, shown), lambda gloss: self.save_gloss(lemma, gloss))

    def save_gloss(self, lemma: str, gloss: str | None) -> None:
        """Store the learner's gloss (or remove it when empty) and show it everywhere at once."""
        if gloss is None or not self.saved(self.store.set_learner_gloss, lemma, gloss):
            return
        self.hints.entries[lemma].use_learner_gloss(gloss)
        self.query_one(GlossaryPanel).set_status(lemma, self.statuses.get(lemma, "new"))
        self.query_one(ArticleView).set_hints(self.hints, self.statuses)
        self.show_detail(lemma, keep_scroll=True)
        self.notify(f"{lemma}: {gloss or 'your gloss removed'}", timeout=2)

    # Translation.
    @work(thread=True, exclusive=True, group="translation", exit_on_error=False)
    def translate(self) -> None:
        """Load the model, then keep translating what the reader needs next until the screen closes."""
        from reader.errors import UserError
        from reader.models import INSTALL_COMMAND
        from reader.translate import TranslationState, Translator

        worker = get_current_worker()
        status = partial(self.app.call_from_thread, self.model_status)
        store = Store(self.store.path)  # its own connection: this thread writes the translation cache
        translator = Translator(store)
        if translator.status is TranslationState.MISSING:
            status(f"No translation model — run: {INSTALL_COMMAND}", "missing")
            return
        status("Loading the translation model…")
        ready = f"Model ready · {translator.key}"

        def progress(part: dict[str, str], done: int, total: int) -> bool:
            """Hand each finished job to the UI; stop when the screen goes away."""
            self.app.call_from_thread(self.add_translations, part, f"Translating {done}/{total} sentences…")
            return not (worker.is_cancelled or self._closing)

        try:
            translator.load()
            status(ready)
            while not (worker.is_cancelled or self._closing):
                self._wanted_changed.clear()
                missing = self.untranslated()
                if missing:
                    translator.translate(missing, progress)
                    self.app.call_from_thread(self.model_ready, ready)
                else:
                    self._wanted_changed.wait(IDLE_WAIT)
        except UserError as error:
            status(str(error), "error")
        finally:
            store.close()

    def untranslated(self) -> list[str]:
        """The first group still lacking a translation: this paragraph, the next two, the selected term's contexts."""
        blocks = self.article.blocks
        ahead = range(self.block, min(self.block + 1 + PREFETCH, len(blocks)))
        groups = [[s.text for s in blocks[b].sentences] for b in ahead]
        entry = self.hints.entries.get(self.selected) if self.hints and self.selected else None
        if entry is not None:
            groups.append([blocks[c.block].sentences[c.sentence].text for c in entry.contexts[:MAX_CONTEXTS]])
        for group in groups:
            missing = [text for text in group if text.strip() and text not in self.translations]
            if missing:
                return missing
        return []

    def model_status(self, text: str, kind: str = "") -> None:
        """Show the model's state under the translation."""
        if self._ready_timer is not None:
            self._ready_timer.stop()
            self._ready_timer = None
        self.query_one(TranslationPane).set_status(text, kind)

    def model_ready(self, text: str) -> None:
        """Back to "ready" after translating, once the progress has been on screen long enough to read."""
        if self._ready_timer is not None:
            self._ready_timer.stop()
        self._ready_timer = self.set_timer(STATUS_LINGER, partial(self.model_status, text))

    def add_translations(self, part: dict[str, str], status: str) -> None:
        """New translations arrived: redraw the pane, and the term detail when they hold its contexts."""
        self.translations.update(part)
        self.model_status(status)
        self.query_one(TranslationPane).redraw()
        entry = self.hints.entries.get(self.selected) if self.hints and self.selected else None
        if entry is not None and any(
            self.article.blocks[c.block].sentences[c.sentence].text in part for c in entry.contexts
        ):
            self.show_detail(self.selected, keep_scroll=True)

    # Screens.
    def action_export(self) -> None:
        """Open the export dialog."""
        if self.glossary is None:
            self.notify("The glossary is still being built; try again in a moment.", severity="warning")
            return
        from reader.tui.export_screen import ExportScreen

        self.app.push_screen(ExportScreen(self.article, self.glossary, self.statuses, self.translations,
                                          self.min_level))

    def action_help(self) -> None:
        """Open the help screen."""
        from reader.tui.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors are reported."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.name} failed: {error}", severity="error", timeout=15)
            if event.worker.group == "glossary":  # the panel says so instead of "Building the glossary…" forever
                self.query_one(GlossaryPanel).clear_detail(f"The glossary could not be built: {error}")

    def on_unmount(self) -> None:
        """Save the position, stop the workers and the glossary process on the way out."""
        self.saved(self.store.set_position, self.article.key, self.block)
        self._closing = True
        self._wanted_changed.set()
        if self._glossary_process is not None:
            self._glossary_process.stop()
        gc.unfreeze()  # what glossary_ready froze may be collected again (another app in this process, tests)


class LeesplankApp(App):
    """The leesplank reader."""

    CSS_PATH = "leesplank.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    TITLE = "leesplank"

    def __init__(self, article: Article, store: Store | None = None) -> None:
        """Read `article`; the store defaults to the user's."""
        super().__init__()
        self.article = article
        self.store = store or Store()

    def on_mount(self) -> None:
        """Open the reader on the article."""
        self.title = f"leesplank — {self.article.title}"
        self.push_screen(ReaderScreen(self.article, self.store))
