"""The export dialog: path, deck and minimum level, handed to glossary.anki.export_deck."""

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from glossary.model import Glossary
from reader.article import Article
from reader.errors import UserError


class ExportScreen(ModalScreen[None]):
    """Collects the export options, writes the deck in a worker and reports cards written and where."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
        #export-dialog { width: 72; }
        Label { margin-top: 1; color: $text-muted; }
        #export-options { height: auto; }
        #export-options Select { width: 1fr; }
        #export-options Checkbox { width: auto; margin-left: 2; }
        #export-result { margin-top: 1; height: auto; }
        #export-result.-error { color: $text-error; }
        #export-result.-done { color: $text-success; }
        #export-buttons { height: auto; align-horizontal: right; margin-top: 1; }
        #export-buttons Button { margin-left: 2; }
    }
    """

    BINDINGS = [Binding("escape", "dismiss", "Close", id="close-export")]

    def __init__(self, article: Article, glossary: Glossary, statuses: dict[str, str],
                 translations: dict[str, str], min_level: int) -> None:
        """Export `glossary`'s terms of `article`, leaving out known and ignored words."""
        super().__init__()
        self.article = article
        self.glossary = glossary
        self.statuses = statuses
        self.translations = translations
        self.min_level = min_level

    def compose(self) -> ComposeResult:
        """Path, deck, level and overwrite, then the result line and the buttons."""
        from glossary.anki import DEFAULT_DECK, article_slug

        with Vertical(id="export-dialog", classes="dialog") as dialog:
            dialog.border_title = "Export to Anki"
            yield Label("File (.apkg imports in one click; .csv for Anki's text import)")
            yield Input(str(Path.cwd() / f"{article_slug(self.article)}.apkg"), id="export-path", compact=True)
            yield Label("Deck")
            yield Input(DEFAULT_DECK, id="export-deck", compact=True)
            yield Label("Words at this level and above (known and ignored words are left out)")
            with Horizontal(id="export-options"):
                yield Select([(f"level {level}", level) for level in range(1, 6)], value=self.min_level,
                             allow_blank=False, id="export-level", compact=True)
                yield Checkbox("Overwrite", id="export-overwrite", compact=True)
            yield Static("", id="export-result")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Close", id="export-close", compact=True)

    def on_mount(self) -> None:
        """Start in the path field."""
        self.query_one("#export-path", Input).focus()

    @on(Button.Pressed, "#export-close")
    def close(self) -> None:
        """Leave without (further) exporting."""
        self.dismiss()

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted)
    def export(self) -> None:
        """Read the options and write the deck."""
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        deck = self.query_one("#export-deck", Input).value
        level = self.query_one("#export-level", Select).value
        force = self.query_one("#export-overwrite", Checkbox).value
        if path.exists() and not force:
            self.report(f"{path} exists; tick Overwrite to replace it.", "error")
            return
        self.report("Writing…", "")
        self.write(path, deck, level, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write(self, path: Path, deck: str, level: int, force: bool) -> None:
        """Write the export off the UI thread and report the result."""
        from glossary.anki import export_deck

        fmt = "csv" if path.suffix.lower() in (".csv", ".txt") else "apkg"
        try:
            result = export_deck(self.article, self.glossary, path, deck=deck, min_level=level, fmt=fmt,
                                 force=force, translations=self.translations, statuses=self.statuses)
        except UserError as error:
            self.app.call_from_thread(self.report, str(error), "error")
            return
        cards = f"{result.cards} card{'s' if result.cards != 1 else ''}"
        message = f"Wrote {cards} to {result.path.resolve()}"
        if result.unglossed:
            message += f"\nLeft out, no English gloss: {', '.join(result.unglossed)}"
        self.app.call_from_thread(self.report, message, "done")

    def report(self, message: str, kind: str) -> None:
        """Show the outcome under the options; `kind` is "", "error" or "done"."""
        result = self.query_one("#export-result", Static)
        result.update(message)
        result.set_class(kind == "error", "-error")
        result.set_class(kind == "done", "-done")
