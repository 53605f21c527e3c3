"""Component styles as Rich styles that layer: colour and text style, and a background only when set."""

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """A component class's style for text inside `widget`.

    Textual's full component style carries the widget's background, which would paint over a highlight
    beneath it (a selected sentence, a table's cursor row); its partial style keeps colours unblended.
    This keeps the blended colours and drops the background unless the component sets one.
    """
    full = widget.get_component_rich_style(name)
    partial = widget.get_component_rich_style(name, partial=True)
    return Style.from_color(full.color, full.bgcolor if partial.bgcolor else None) + partial.without_color
