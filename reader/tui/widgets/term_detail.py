"""A selected term in full: gloss, compound parts, forms, and every context with its translation."""

from functools import partial

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from glossary.model import Context, Entry, Part
from glossary.senses import sense_at
from reader.article import Article
from reader.tui.styles import component_style


MAX_CONTEXTS = 12  # a common word's hundred contexts would cost a long render on every move
MAX_FORMS = 12
REACH = 200  # characters of a context shown either side of the word: a sentence may be a whole 5 MB paragraph
MAX_TRANSLATION = 300  # characters of a context's translation shown


def clip(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def around(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    """The word at start:end with up to REACH characters either side, cut at a space: (before, word, after)."""
    before, after = sentence[max(0, start - REACH) : start], sentence[end : end + REACH]
    if start > REACH:
        before = "…" + before[before.find(" ") + 1 :] if " " in before else "…" + before
    if len(sentence) - end > REACH:
        after = (after[: after.rfind(" ")] if " " in after else after) + " …"
    return before, clip(sentence[start:end], REACH), after


def marked(sentence: str, context: Context, start: int, shown: str, word_style) -> Text:
    """The span start… of a context as shown (clipped), with each piece of the word in `word_style`."""
    line = Text(shown)
    for piece_start, piece_end in context.pieces:
        line.stylize(word_style, piece_start - start, min(piece_end - start, len(shown)))
    return line


def part_label(part: Part) -> str:
    """A compound part with its linking morpheme and gloss: "gevecht(s) 'fight'"."""
    label = f"{part.text}({part.link})" if part.link else part.text
    return f"{label} '{part.gloss}'" if part.gloss else label


class TermDetail(VerticalScroll):
    """The detail of the term selected in the glossary table."""

    COMPONENT_CLASSES = {"detail--term", "detail--label", "detail--muted", "detail--word"}

    DEFAULT_CSS = """
    TermDetail {
        padding: 0 1;
        scrollbar-size-vertical: 1;
        & > .detail--term { text-style: bold; color: $text-accent; }
        & > .detail--label { color: $text-muted; text-style: bold; }
        & > .detail--muted { color: $text-muted; }
        & > .detail--word { text-style: bold underline; }
    }
    """

    def compose(self):
        """One text block, replaced on each selection."""
        yield Static("Select a term in the list to see its detail.", id="detail-text")

    def show(self, entry: Entry, status: str, article: Article, translations: dict[str, str],
             word_glosses: dict[str, str], keep_scroll: bool = False) -> None:
        """Show `entry` with its status, each context marked and translated when we have it; from the top
        unless `keep_scroll` (a refresh of the same term)."""
        style = partial(component_style, self)
        text = Text()
        text.append(clip(entry.lemma, REACH), style("detail--term"))
        facts = [entry.article, f"level {entry.level}", f"zipf {entry.zipf:.2f}", status]
        text.append("  " + " · ".join(fact for fact in facts if fact) + "\n", style("detail--muted"))
        text.append(entry.gloss or "no gloss", "" if entry.gloss else style("detail--muted"))
        if entry.gloss_source:
            text.append(f"  ({entry.gloss_source})", style("detail--muted"))
        text.append("\n")
        if entry.parts:
            text.append("parts  ", style("detail--label"))
            text.append(" + ".join(part_label(part) for part in entry.parts) + "\n")
        if entry.forms:
            text.append("forms  ", style("detail--label"))
            forms = [f"{clip(form, REACH)} ×{count}" for form, count in list(entry.forms.items())[:MAX_FORMS]]
            more = f", … ({len(entry.forms) - MAX_FORMS} more)" if len(entry.forms) > MAX_FORMS else ""
            text.append(", ".join(forms) + more + "\n")
        text.append(f"contexts ({len(entry.contexts)})\n", style("detail--label"))
        for context in entry.contexts[:MAX_CONTEXTS]:
            sentence = article.blocks[context.block].sentences[context.sentence].text
            line = Text(f"¶{context.block + 1} ", style("detail--muted"))
            start, end = context.pieces[0][0], context.pieces[-1][1]  # a separable verb: schafte … af
            before, middle, after = around(sentence, start, end)
            line.append(before)
            line.append_text(marked(sentence, context, start, middle, style("detail--word")))
            line.append(after)
            text.append_text(line)
            english = translations.get(sentence)
            sense, source = sense_at(entry, context, english or "")
            if sense:
                text.append(f"\n   {sense} ({source})", style("detail--term"))
            if english is None:
                english = f"≈ {word_glosses[sentence]}" if sentence in word_glosses else "(translation pending)"
            text.append(f"\n   {clip(english, MAX_TRANSLATION)}\n", style("detail--muted"))
        if len(entry.contexts) > MAX_CONTEXTS:
            text.append(f"… and {len(entry.contexts) - MAX_CONTEXTS} more", style("detail--muted"))
        self.query_one("#detail-text", Static).update(text)
        if not keep_scroll:
            self.scroll_home(animate=False)

    def clear(self, message: str) -> None:
        """Show a message instead of a term."""
        self.query_one("#detail-text", Static).update(message)
