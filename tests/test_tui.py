"""The reading app driven as a user drives it: keys and clicks through Textual's pilot, real store and models."""

import sqlite3

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from reader.article import load
from reader.store import Store
from reader.tui.app import LeesplankApp, ReaderScreen
from reader.tui.help_screen import HelpScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.translation_pane import TranslationPane
from tests.conftest import SEED

SIZE = (120, 40)


@pytest.fixture
def article():
    """The seed article."""
    return load(str(SEED))


def new_app(article) -> LeesplankApp:
    """An app on `article` with a fresh connection to the test's store (as a new run would open)."""
    return LeesplankApp(article, Store())


async def settle(pilot, translations: bool = True) -> None:
    """Wait until the glossary is built and, when asked, the wanted translations are in and the model idle."""
    screen = pilot.app.screen
    for _ in range(1200):
        await pilot.pause(0.05)
        line = screen.query_one("#model-status", Static)
        status = str(line.content)
        stopped = line.has_class("-missing") or line.has_class("-error")
        idle = stopped or (status.startswith("Model ready") and not screen.untranslated())
        if screen.glossary is not None and (idle or not translations):
            break
    else:
        raise AssertionError(f"the app did not settle (model status: {status!r})")
    await pilot.pause()


def rendered(widget) -> list:
    """The segments a widget draws, line by line."""
    return [list(strip) for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def text_with_background(widget, style_name: str, owner=None) -> str:
    """The text a widget draws on the background of one of its (or `owner`'s) component styles."""
    background = (owner or widget).get_component_rich_style(style_name).bgcolor
    return " ".join(
        "".join(segment.text for segment in line if segment.style and segment.style.bgcolor == background).strip()
        for line in rendered(widget)
    ).strip()


def hinted_words(view: ArticleView) -> set[str]:
    """The words the article pane draws in a level colour."""
    colours = {view.get_component_rich_style(f"level-{level}").color for level in range(1, 6)}
    words = set()
    for line in rendered(view):
        for segment in line:
            if segment.style and segment.style.color in colours and "lemma" in segment.style.meta:
                words.add(segment.style.meta["lemma"])
    return words


def widget_text(widget) -> str:
    """The plain text a widget draws."""
    return "\n".join("".join(segment.text for segment in line) for line in rendered(widget))


def squash(text: str) -> str:
    """Text with all runs of whitespace made one space (wrapping moves line breaks)."""
    return " ".join(text.split())


async def test_navigation_with_keys_and_mouse(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.block == 0
        await pilot.press("j", "j", "down")
        assert screen.block == 3
        await pilot.press("k", "up")
        assert screen.block == 1
        await pilot.press("G")
        assert screen.block == len(article.blocks) - 1
        await pilot.press("g")
        assert screen.block == 0
        await pilot.press("pagedown")
        view = screen.query_one(ArticleView)
        assert screen.block > 1 and screen.block == view.visible_blocks[0]
        await pilot.press("pageup")
        assert screen.block == 0
        await pilot.pause()
        # A click on another paragraph makes it current.
        line = next(y for y, block in enumerate(view._build().blocks) if block == 2)
        await pilot.click(ArticleView, offset=(10, line))
        assert screen.block == 2
        assert "paragraph 3 of 25" in squash(str(screen.query_one("#status").render()))


async def test_sentence_highlight_marks_the_sentence_and_its_translation(article, copy_model):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view, pane = screen.query_one(ArticleView), screen.query_one(TranslationPane)
        await pilot.press("l", "l")
        await pilot.pause()
        second = article.blocks[0].sentences[1].text
        assert squash(text_with_background(view, "article--sentence")) == second
        translation = pane.query_one("#translation-text")
        # The copy model's English is the Dutch sentence itself, so the two marks hold the same text.
        assert squash(text_with_background(translation, "translation--sentence", owner=pane)) == second
        await pilot.press("h")
        await pilot.pause()
        assert squash(text_with_background(view, "article--sentence")) == article.blocks[0].sentences[0].text


async def test_translation_appears_with_the_copy_model(article, copy_model):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TranslationPane)
        shown = squash(str(pane.query_one("#translation-text", Static).content))
        assert shown == squash(article.blocks[0].text)
        assert str(pane.query_one("#model-status", Static).content).startswith("Model ready")
        # The next two paragraphs were translated ahead.
        ahead = [s.text for b in (1, 2) for s in article.blocks[b].sentences]
        assert all(text in app.screen.translations for text in ahead)


async def test_the_reader_shows_the_real_layouts_english_without_raw_space_marks(article, real_layout_file):
    """With a package laid out as translate-nl_en 1.8, the pane shows what `translate` prints: English, no ▁."""
    from reader.models import install_file
    from reader.translate import join_sentences
    from tests.copy_model import real_layout_english

    install_file(real_layout_file)
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TranslationPane)
        shown = str(pane.query_one("#translation-text", Static).content)
        block = article.blocks[0]
        assert "\u2581" not in shown and "met nuclear wapengekletter" in squash(shown)
        assert squash(shown) == squash(join_sentences(block, [real_layout_english(s.text) for s in block.sentences]))


async def test_missing_model_says_how_to_install_it_and_shows_word_glosses(article):
    from glossary.interlinear import word_gloss

    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TranslationPane)
        status = pane.query_one("#model-status", Static)
        assert "leesplank model install" in str(status.content)
        assert status.has_class("-missing")
        for _ in range(600):
            if app.screen.word_glosses:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        shown = squash(str(pane.query_one("#translation-text", Static).content))
        first = article.blocks[0].sentences[0].text
        assert shown.startswith("Word gloss (no translation model):")
        assert squash(word_gloss(first)) in shown


async def test_slider_changes_the_highlighted_words(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        view = app.screen.query_one(ArticleView)
        levels = app.screen.hints.entries
        at_three = hinted_words(view)
        assert at_three and all(levels[lemma].level >= 3 for lemma in at_three)
        await pilot.press("minus")
        at_four = hinted_words(view)
        assert at_four < at_three and all(levels[lemma].level >= 4 for lemma in at_four)
        await pilot.press("plus", "plus")
        assert hinted_words(view) > at_three
        assert "hints" in str(app.screen.query_one("#status").render())
        assert app.screen.min_level == 2


async def test_glosses_follow_hard_words_when_toggled(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        view = app.screen.query_one(ArticleView)
        glossed = [e for e in app.screen.hints.block_terms(0) if e.level >= 3 and e.gloss]
        assert glossed
        before = squash("".join(s.text for line in rendered(view) for s in line))
        await pilot.press("w")
        after = squash("".join(s.text for line in rendered(view) for s in line))
        assert len(after) > len(before)
        assert text_with_background(view, "article--sentence") == ""
        gloss_colour = view.get_component_rich_style("article--gloss").color
        shown = "".join(s.text for line in rendered(view) for s in line if s.style and s.style.color == gloss_colour)
        assert "(" in shown


async def test_marking_a_word_known_removes_its_highlight_and_survives_a_restart(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        screen = app.screen
        table = screen.query_one("#paragraph-terms", DataTable)
        await pilot.press("tab")
        assert table.has_focus
        lemma = screen.query_one("#glossary").selected
        assert lemma in hinted_words(screen.query_one(ArticleView))
        await pilot.press("K")
        assert lemma not in hinted_words(screen.query_one(ArticleView))
        assert Store().statuses()[lemma] == "known"
        await pilot.press("down", "x")
        ignored = screen.query_one("#glossary").selected
        assert ignored != lemma and Store().statuses()[ignored] == "ignored"

    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        view = app.screen.query_one(ArticleView)
        assert lemma not in hinted_words(view) and ignored not in hinted_words(view)
        table = app.screen.query_one("#paragraph-terms", DataTable)
        assert str(table.get_cell(lemma, "status")) == "K"
        # n makes it new again, and it is highlighted again.
        table.focus()
        table.move_cursor(row=table.get_row_index(lemma))
        await pilot.press("n")
        assert lemma in hinted_words(view)
        assert lemma not in Store().statuses()


async def test_clicking_a_hard_word_selects_it_in_the_glossary(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        view = app.screen.query_one(ArticleView)
        target = next(
            (y, x, segment.style.meta["lemma"])
            for y, line in enumerate(rendered(view))
            for x, segment in [(sum(s.cell_length for s in line[:i]), seg) for i, seg in enumerate(line)]
            if segment.style and "lemma" in segment.style.meta and segment.style.meta.get("block") == 0
        )
        y, x, lemma = target
        await pilot.click(ArticleView, offset=(x + 1 + 1, y))  # +1 for the pane's padding
        assert app.screen.query_one("#glossary").selected == lemma
        detail = str(app.screen.query_one("#detail-text", Static).content)
        assert detail.startswith(lemma) and "contexts" in detail


async def test_resume_reopens_at_the_last_paragraph(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "j", "j")
        assert app.screen.block == 5

    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.block == 5
        assert "paragraph 6 of 25" in str(app.screen.query_one("#status").render())


async def test_each_move_is_saved_at_once(article):
    """The position is committed on each move, not after a pause, so a kill -9 right after moving keeps it."""
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        for key, block in (("j", 1), ("j", 2), ("G", len(article.blocks) - 1), ("k", len(article.blocks) - 2)):
            await pilot.press(key)
            assert Store().position(article.key) == block  # another connection, as the next run would read it


async def test_export_writes_the_deck_and_says_where(article, tmp_path):
    app = new_app(article)
    target = tmp_path / "kernwapens.csv"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        await pilot.press("e")
        await pilot.pause()
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(target)
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.05)
            result = str(app.screen.query_one("#export-result", Static).content)
            if result.startswith("Wrote"):
                break
        assert result.startswith("Wrote") and str(target) in result
        cards = int(result.split()[1])
        assert target.exists() and cards > 0
        assert target.read_text(encoding="utf-8").startswith("#separator:tab")
        # A second export to the same file asks before overwriting.
        await pilot.press("enter")
        await pilot.pause()
        assert "Overwrite" in str(app.screen.query_one("#export-result", Static).content)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_help_screen_and_command_palette(article):
    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(widget_text(static) for static in app.screen.query(Static))
        for binding in ReaderScreen.BINDINGS:
            assert binding.description in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Glosses")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.glosses is True


@pytest.mark.parametrize("size, beside", [((120, 40), True), ((80, 24), False)])
async def test_translation_beside_on_wide_and_below_on_narrow_terminals(article, size, beside):
    app = new_app(article)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        article_region = screen.query_one(ArticleView).region
        translation_region = screen.query_one(TranslationPane).region
        if beside:
            assert translation_region.x >= article_region.right and translation_region.y == article_region.y
        else:
            assert translation_region.y >= article_region.bottom
        assert article_region.height >= 5
        for widget_id in ("#status", "#glossary"):
            assert screen.query_one(widget_id).region.height > 0


async def test_a_long_article_mounts_few_widgets(tmp_path):
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n")[1:] if len(p) > 100]
    path = tmp_path / "lang.txt"
    text = "\n\n".join(f"{paragraphs[i % len(paragraphs)]} Alinea {i}." for i in range(2000))
    path.write_text(text, encoding="utf-8")
    long_article = load(str(path))
    assert len(long_article.blocks) == 2000
    app = new_app(long_article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert app.screen.block == 1999
        assert len(list(app.screen.walk_children())) < 100


async def test_jumping_anywhere_lays_out_one_screen_of_blocks(tmp_path, monkeypatch):
    """G, g, End and Home on 5,000 paragraphs lay out about a screenful of blocks each, not every block between
    the old top and the target (20,000 paragraphs once froze G for 10 s)."""
    path = tmp_path / "lang.txt"
    path.write_text("\n\n".join(f"Dit is alinea {i} van een heel lang verhaal." for i in range(5000)), encoding="utf-8")
    laid_out = []
    block_text = ArticleView._block_text
    monkeypatch.setattr(ArticleView, "_block_text", lambda view, b, *rest: laid_out.append(b) or block_text(view, b, *rest))
    app = new_app(load(str(path)))
    async with app.run_test(size=SIZE) as pilot:
        for key, block in (("G", 4999), ("g", 0), ("end", 4999), ("home", 0), ("G", 4999)):
            laid_out.clear()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.block == block
            assert len(laid_out) <= 2 * SIZE[1], (key, len(laid_out))


async def test_a_locked_store_says_not_saved_and_the_reader_keeps_going(article):
    store = Store()
    store.db.execute("PRAGMA busy_timeout = 100")  # the real 5 s wait, shortened for the test
    app = LeesplankApp(article, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        await pilot.press("tab")
        lemma = app.screen.query_one("#glossary").selected
        other_program = sqlite3.connect(store.path)
        other_program.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
        await pilot.press("K")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any(message.startswith("Not saved: the store is unavailable") for message in messages)
        assert lemma in hinted_words(app.screen.query_one(ArticleView))  # no mark shown that was not saved
        other_program.rollback()
        await pilot.press("K")
        assert Store().statuses()[lemma] == "known"
        assert app.is_running


async def test_damaged_text_and_store_are_told_on_screen(tmp_path, leesplank_home):
    damaged = tmp_path / "kapot.txt"
    damaged.write_bytes("Oekraïne en België liggen ver weg. Hier ".encode() + b"\xff\xfe is iets kapot.")
    (leesplank_home / "leesplank.sqlite3").write_bytes(b"this is no database" * 100)
    app = LeesplankApp(load(str(damaged)), Store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = " | ".join(notification.message for notification in app._notifications)
        assert "has invalid UTF-8" in messages and "the store was damaged" in messages


async def test_editing_a_gloss_saves_it_and_shows_it_everywhere(article):
    """E on the selected term opens a one-line editor; Enter stores the learner's gloss and the list and detail
    show it; an empty gloss brings the sources' gloss back."""
    from reader.tui.gloss_screen import GlossScreen
    from reader.tui.widgets.term_detail import TermDetail

    app = new_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, translations=False)
        screen = app.screen
        await pilot.press("tab")
        lemma = screen.query_one("#glossary").selected
        before = screen.hints.entries[lemma].gloss
        await pilot.press("E")
        assert isinstance(app.screen, GlossScreen)
        await pilot.press(*"my own words", "enter")
        await pilot.pause()
        assert Store().learner_glosses() == {lemma: "my own words"}
        detail = str(screen.query_one(TermDetail).query_one("#detail-text", Static).content)
        assert "my own words  (learner)" in detail
        table = screen.query_one("#paragraph-terms", DataTable)
        assert "my own words" in str(table.get_cell(lemma, "gloss"))
        await pilot.press("E")
        await pilot.press(*["backspace"] * 12, "enter")
        await pilot.pause()
        assert Store().learner_glosses() == {} and screen.hints.entries[lemma].gloss == before
