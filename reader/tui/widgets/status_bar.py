"""The top line: the article's title, where the reader is, and the Word Wise hint level."""

from functools import partial

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.tui.hints import MAX_LEVEL, MIN_LEVEL
from reader.tui.styles import component_style


class StatusBar(Widget):
    """Title, "paragraph n of m" with a progress bar, and the hint slider with its level colours."""

    COMPONENT_CLASSES = {"status--title", "status--muted", "status--off", "level-1", "level-2", "level-3", "level-4",
                         "level-5"}

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        padding: 0 1;
        & > .status--title { text-style: bold; }
        & > .status--muted { color: $text-muted; }
        & > .status--off { color: $text-disabled; }
    }
    """

    block: reactive[int] = reactive(0)
    """The current block."""
    min_level: reactive[int] = reactive(3)
    """The hint slider: the lowest level highlighted."""
    glosses: reactive[bool] = reactive(False)
    """Whether glosses follow hard words."""
    hint_count: reactive[int | None] = reactive(None)
    """How many words of the article are highlighted (None until the glossary is ready)."""

    def __init__(self, title: str, blocks: int, *, id: str | None = None) -> None:
        """A status bar for an article of `blocks` blocks."""
        super().__init__(id=id)
        self.title = title
        self.blocks = blocks

    def render(self) -> Text:
        """Title on the left; position, progress and hints on the right."""
        style = partial(component_style, self)
        right = Text()
        right.append(f"paragraph {self.block + 1} of {self.blocks} ")
        right.append(progress_bar((self.block + 1) / self.blocks, 8), style("status--muted"))
        right.append(f"   hints ≥{self.min_level} ", style("status--muted"))
        for level in range(MIN_LEVEL, MAX_LEVEL + 1):
            on = level >= self.min_level
            right.append(str(level), style(f"level-{level}") if on else style("status--off"))
        if self.hint_count is not None:
            right.append(f" {self.hint_count} words", style("status--muted"))
        right.append("   glosses " + ("on" if self.glosses else "off"), style("status--muted"))
        room = max(self.size.width - right.cell_len - 2, 0)
        title = Text(self.title, style("status--title"))
        title.truncate(room, overflow="ellipsis")
        line = title + Text(" " * max(self.size.width - title.cell_len - right.cell_len, 1)) + right
        line.no_wrap = True
        line.truncate(self.size.width, overflow="ellipsis")
        return line


def progress_bar(share: float, width: int) -> str:
    """A bar of `width` cells filled to `share`, in eighths."""
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(width, "░")[:width]
