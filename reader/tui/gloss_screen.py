"""The one-line editor for a learner's own gloss of the selected term."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

MAX_GLOSS = 80  # characters, as `leesplank gloss set` takes


class GlossScreen(ModalScreen[str | None]):
    """Asks for the learner's gloss of one lemma; dismisses with the text (empty: back to the sources' gloss)
    or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-gloss")]

    def __init__(self, lemma: str, gloss: str) -> None:
        """Edit the gloss of `lemma`, starting from the one shown now."""
        super().__init__()
        self.lemma, self.gloss = lemma, gloss

    def compose(self) -> ComposeResult:
        """The term, the input and a hint line."""
        with Vertical(classes="dialog", id="gloss-dialog"):
            yield Static(f"Your gloss for [b]{self.lemma}[/b]", markup=True)
            yield Input(self.gloss, max_length=MAX_GLOSS, id="gloss-input")
            yield Label("Enter saves it for every text · an empty gloss brings back the dictionary's · Esc cancels")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Hand the text back."""
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
