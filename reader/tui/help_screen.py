"""The help screen: every key of the reader with what it does, and what the colours mean."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.styles import component_style

LEVELS = {
    1: "very common",
    2: "common",
    3: "less common",
    4: "rare",
    5: "very rare",
}


class HelpScreen(ModalScreen[None]):
    """Keys and colours; any of escape, ? or q closes it."""

    COMPONENT_CLASSES = {"help--key", "level-1", "level-2", "level-3", "level-4", "level-5"}

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > .help--key { color: $text-accent; text-style: bold; }
        #help-body { width: 76; }
    }
    """

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, bindings: list[BindingType]) -> None:
        """Explain `bindings` (the reader screen's)."""
        super().__init__()
        self.reader_bindings = bindings

    def compose(self) -> ComposeResult:
        """One scrolling text: keys, then the level colours."""
        with VerticalScroll(id="help-body", classes="dialog") as body:
            body.border_title = "leesplank — keys"
            body.border_subtitle = "escape closes"
            yield Static(self._keys())
            yield Static(self._legend())

    def _keys(self) -> Table:
        """A table of keys and what they do, one row per action."""
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        rows: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in Binding.make_bindings(self.reader_bindings):
            rows.setdefault(binding.action, []).append(self.app.get_key_display(binding))
            descriptions[binding.action] = binding.description
        key_style = component_style(self, "help--key")
        for action, keys in rows.items():
            table.add_row(Text(" ".join(keys), key_style), descriptions[action])
        table.add_row(Text("tab", key_style), "Move between the article and the glossary list")
        table.add_row(Text("ctrl+p", key_style), "Command palette: every action by name")
        return table

    def _legend(self) -> Text:
        """What the hint colours mean and how statuses work."""
        text = Text("\nHard words are coloured by level (from word frequency):\n")
        for level, meaning in LEVELS.items():
            text.append(f"  {level} ", component_style(self, f"level-{level}"))
            text.append(f"{meaning}\n")
        text.append(
            "\n-/+ sets the lowest level highlighted. Known (K) and ignored (x) words are never highlighted;"
            " n makes a word new again. Status keys act on the term selected in the glossary list;"
            " clicking a word in the article selects it."
        )
        return text
