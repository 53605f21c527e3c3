"""The glossary panel: two tabs of terms (this paragraph, the whole article ranked) beside a term's detail."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, TabbedContent, TabPane, Tabs

from glossary.model import Entry
from reader.tui.hints import HIDDEN_STATUSES, short_gloss
from reader.tui.styles import component_style
from reader.tui.widgets.term_detail import REACH, TermDetail, clip

STATUS_MARKS = {"learning": "L", "known": "K", "ignored": "x"}  # the keys that set them
TABLES = {"tab-paragraph": "paragraph-terms", "tab-article": "article-terms"}


class GlossaryPanel(Horizontal):
    """Term tables in tabs on the left, the selected term's detail on the right."""

    COMPONENT_CLASSES = {"glossary--hidden", "level-1", "level-2", "level-3", "level-4", "level-5"}

    DEFAULT_CSS = """
    GlossaryPanel {
        & > .glossary--hidden { color: $text-disabled; }
        #glossary-tabs { width: 1fr; }
        #glossary-tabs DataTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
        TermDetail { width: 1fr; }
    }
    """

    class Selected(Message):
        """A term became the selected one (or none, when the table is empty)."""

        def __init__(self, lemma: str | None) -> None:
            """Record the selected lemma."""
            super().__init__()
            self.lemma = lemma

    _entries: dict[str, Entry] = {}
    """Every term by lemma, to redraw a row when its status changes."""

    def compose(self) -> ComposeResult:
        """The two tabs and the detail."""
        with TabbedContent(id="glossary-tabs"):
            with TabPane("This paragraph", id="tab-paragraph"):
                yield DataTable(id="paragraph-terms", cursor_type="row")
            with TabPane("Whole article", id="tab-article"):
                yield DataTable(id="article-terms", cursor_type="row")
        yield TermDetail(id="term-detail")

    def on_mount(self) -> None:
        """Set up the columns: status key, term, level, gloss and count."""
        for table in self.query(DataTable):
            table.add_column(" ", key="status", width=1)
            table.add_column("Term", key="term")
            table.add_column("Lv", key="level", width=2)
            table.add_column("×", key="count")
            table.add_column("Gloss", key="gloss")  # last, so a narrow panel crops the gloss and nothing else
        self.query_one(TermDetail).clear("Building the glossary…")
        self.query_one(Tabs).can_focus = False  # Tab goes from the article straight to the list; `t` switches tabs

    @property
    def active_table(self) -> DataTable:
        """The table of the tab on show."""
        active = self.query_one(TabbedContent).active or "tab-paragraph"
        return self.query_one(f"#{TABLES[active]}", DataTable)

    @property
    def selected(self) -> str | None:
        """The lemma under the cursor of the table on show."""
        table = self.active_table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def fill(self, table_id: str, entries: list[Entry], statuses: dict[str, str]) -> None:
        """Replace one table's rows, keeping the cursor on the same term when it is still there."""
        table = self.query_one(f"#{table_id}", DataTable)
        before = self.selected if table is self.active_table else None
        table.clear()
        for entry in entries:
            table.add_row(*self._cells(entry, statuses.get(entry.lemma, "new")), key=entry.lemma)
        if before is not None and before in table.rows:
            table.move_cursor(row=table.get_row_index(before), animate=False)
        if table is self.active_table:
            self.post_message(self.Selected(self.selected))

    def set_status(self, lemma: str, status: str) -> None:
        """Show a term's new status in whichever tables list it."""
        for table in self.query(DataTable):
            if lemma in table.rows:
                cells = self._cells(self._entries[lemma], status)
                for column, value in zip(("status", "term", "level", "count", "gloss"), cells):
                    table.update_cell(lemma, column, value)

    def remember(self, entries: list[Entry]) -> None:
        """Keep the entries by lemma so rows can be redrawn when a status changes."""
        self._entries = {entry.lemma: entry for entry in entries}

    def _cells(self, entry: Entry, status: str) -> tuple[Text, Text, Text, Text, Text]:
        """One row: status key, term, level, count and short gloss; known and ignored terms are greyed."""
        hidden = status in HIDDEN_STATUSES
        grey = component_style(self, "glossary--hidden") if hidden else ""
        level_style = grey or component_style(self, f"level-{min(max(entry.level, 1), 5)}")
        return (
            Text(STATUS_MARKS.get(status, " "), grey),
            Text(clip(entry.lemma, REACH), grey),
            Text(str(entry.level), level_style),
            Text(str(entry.count), grey, justify="right"),
            Text(short_gloss(entry, 40) or "—", grey),
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor moved in a table: that row's term is now selected."""
        event.stop()
        if event.data_table is self.active_table:
            self.post_message(self.Selected(event.row_key.value))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Another tab: its cursor row is now selected."""
        event.stop()
        self.post_message(self.Selected(self.selected))

    def show_detail(self, *args, **options) -> None:
        """Show a term's detail (see TermDetail.show)."""
        self.query_one(TermDetail).show(*args, **options)

    def clear_detail(self, message: str) -> None:
        """Show a message in the detail instead of a term."""
        self.query_one(TermDetail).clear(message)
