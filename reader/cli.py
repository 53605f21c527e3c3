"""The `leesplank` command: the reader by default, and headless subcommands that share its functions.

Each subcommand is a `cmd_*` function taking the parsed arguments and returning an exit code.
A `UserError` anywhere becomes one line on stderr and exit code 2.
"""

import argparse
import json
import os
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

from reader.errors import UserError, printable

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"


def cmd_read(args: argparse.Namespace) -> int:
    """Open the reader on a file (the seed article when none is given)."""
    from reader.translate import beam_setting

    beam_setting()  # a bad LEESPLANK_BEAM is one line here, not an error inside the reader
    article = open_article(args.file, check_dutch=False)
    if args.file == "-" and not sys.stdin.isatty():
        attach_terminal()  # the text came through stdin; keys come from the terminal, as with less
    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual reads keys on stdin and draws on stderr
        raise UserError("the reader needs a terminal; for plain output use: leesplank article|translate|glossary FILE")
    from reader.tui.app import LeesplankApp

    LeesplankApp(article, open_store()).run()
    return 0


def attach_terminal() -> None:
    """Read keys from the controlling terminal instead of stdin, when there is one."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return  # no terminal: cmd_read says the reader needs one
    os.dup2(terminal, sys.stdin.fileno())
    os.close(terminal)


def open_store(saving: bool = False):
    """The store, with any notice about it (damaged, read-only) told once on stderr.

    For a command whose whole point is saving (`saving`), a store that cannot save is an error.
    """
    from reader.store import Store

    store = Store()
    if saving and store.read_only:
        raise UserError(f"cannot save anything: cannot write to {store.path.parent}; nothing was changed")
    if store.notice:
        print(f"leesplank: warning: {store.notice}", file=sys.stderr)
    return store


def open_article(file: str | None, check_dutch: bool = True):
    """Load an article (the seed when file is None), telling stderr of damage or (when `check_dutch`) a text
    that is not Dutch. The reader checks the language itself, after its first paint."""
    from reader.article import load

    article = load(file or str(SEED_ARTICLE))
    for warning in article.warnings:
        print(f"leesplank: warning: {warning}", file=sys.stderr)
    if check_dutch and (warning := not_dutch_warning(article)):
        print(f"leesplank: warning: {warning}", file=sys.stderr)
    return article


def not_dutch_warning(article) -> str:
    """A warning when the text does not look Dutch, else "" (simplemma: 0.2 s and 40 MB on first use)."""
    from reader.article import dutch_share

    share = dutch_share(article)
    if share >= 0.5:
        return ""
    return f"{article.source} does not look like Dutch ({share:.0%} Dutch words); opening it anyway"


def outline(article) -> str:
    """The article's structure as text: headings, paragraphs and pull quotes."""
    details = ", ".join(f"{key} {value}" for key, value in article.metadata.items())
    lines = [f"{article.title}  ({details})" if details else article.title, ""]
    for block in article.blocks:
        if block.kind == "heading":
            lines += [f"## {block.text}", ""]
        elif block.kind == "pullquote":
            lines += [f"  > {block.text}" + (f" — {block.attribution}" if block.attribution else ""), ""]
        else:
            lines += [block.text, ""]
    return "\n".join(lines).rstrip() + "\n"


def cmd_article(args: argparse.Namespace) -> int:
    """Print an article's structure, as JSON or as an outline."""

    article = open_article(args.file)
    if args.json:
        data = {"source": article.source, "title": article.title, "metadata": article.metadata,
                "blocks": [asdict(block) for block in article.blocks]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(outline(article), end="")
    return 0


def cmd_data_export(args: argparse.Namespace) -> int:
    """Write word statuses and reading positions to one JSON file, for backup or a move."""
    from reader.files import target_path, write_atomically

    path = target_path(args.file)
    data = open_store().export_data()
    document = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, lambda temp: Path(temp).write_text(document, encoding="utf-8"), args.force)
    print(f"wrote {len(data['word_status'])} word statuses and {len(data['reading_position'])} reading positions "
          f"to {args.file}")
    return 0


def cmd_data_import(args: argparse.Namespace) -> int:
    """Restore word statuses and reading positions from a `data export` file."""
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))  # Notepad saves UTF-8 with a BOM
        words, positions = open_store(saving=True).import_data(data)
    except FileNotFoundError:
        raise UserError(f"{args.file}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:  # RecursionError: JSON nested too deep
        raise UserError(f"cannot import {args.file}: {error}") from None
    print(f"restored {words} word statuses and {positions} reading positions")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export the article's hard words as Anki notes: a CSV for Anki's text import, or an .apkg."""
    from glossary import build
    from glossary.anki import export_deck, export_path, first_sentence, select_entries
    from reader.files import check_target
    from reader.translate import TranslationState, Translator

    article = open_article(args.file)
    fmt = args.format or ("apkg" if args.output and args.output.lower().endswith(".apkg") else "csv")
    path = export_path(article, args.output, fmt)
    check_target(path, args.force)  # before the slow part: glossary and translations
    store = open_store()
    statuses = store.statuses()
    translator = Translator(store)
    has_model = translator.status is not TranslationState.MISSING
    glossary = build(article, statuses, include_known=args.include_known,
                     machine_gloss=translator.translate if has_model else None,
                     learner_glosses=store.learner_glosses())
    translations = None
    if has_model:
        selection = select_entries(glossary, args.min_level, args.limit, statuses, args.include_known)
        translations = translator.translate([first_sentence(article, entry) for entry in selection.entries])
    result = export_deck(article, glossary, path, deck=args.deck, min_level=args.min_level,
                         limit=args.limit, cloze=args.cloze, fmt=fmt, force=args.force,
                         translations=translations, statuses=statuses, include_known=args.include_known)
    print(f"wrote {result.cards} card{'s' if result.cards != 1 else ''} to {result.path}")
    if not has_model:
        print("leesplank: no translation model installed, so the Context translation field is empty",
              file=sys.stderr)
    if result.unglossed:
        shown = ", ".join(result.unglossed[:8]) + (", …" if len(result.unglossed) > 8 else "")
        print(f"leesplank: left out {len(result.unglossed)} words without an English gloss: {shown}", file=sys.stderr)
    return 0


LONG_TEXT = 100  # sentences; a longer text shows translation progress even when stderr is not a terminal


class ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, one line per tenth otherwise."""

    def __init__(self, label: str, scale: float = 1.0, unit: str = ""):
        """Label the bar; amounts are divided by `scale` and followed by `unit` (e.g. 1e6, " MB")."""
        self.label, self.scale, self.unit = label, scale, unit
        self.tty = sys.stderr.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        """Show `done` out of `total` (0 when unknown), only when the shown step changes."""
        percent = min(100, done * 100 // total) if total else 0
        step = (percent if self.tty else percent // 10 * 10) if total else done // (1 << 20)
        if step == self.shown or not (self.tty or total):
            return
        self.shown = step
        amount = f"{done / self.scale:.1f}" if self.scale != 1 else str(done)
        if total:
            amount += f"/{total / self.scale:.1f}" if self.scale != 1 else f"/{total}"
            filled = percent * 30 // 100
            amount = f"[{'#' * filled}{'.' * (30 - filled)}] {amount}"
        line = f"{self.label} {amount}{self.unit}"
        print(f"\r{line}" if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the in-place line on a terminal."""
        if self.tty and self.shown >= 0:
            print(file=sys.stderr)


def cmd_model_install(args: argparse.Namespace) -> int:
    """Install the Dutch→English model from an .argosmodel file, or download it from the Argos index."""
    from reader import models

    if args.file:
        package = models.install_file(Path(args.file))
    else:
        bar = ProgressBar(f"downloading {models.INDEX_PACKAGE}", scale=1e6, unit=" MB")
        try:
            package = models.install_from_index(bar)
        finally:
            bar.close()
    print(printable(f"installed {models.package_key(package)} in {package.package_path}{version_note(package)}"))
    return 0


def version_note(package) -> str:
    """Which version is in use when the package index and the file disagree; "" when they agree."""
    if package.index_version == package.file_version:
        return ""
    return (f"  (version {package.package_version} in use: the package index says {package.index_version}, "
            f"the file says {package.file_version})")


def cmd_model_list(args: argparse.Namespace) -> int:
    """List the installed translation models; the one in use is marked."""
    from reader import models

    packages = models.installed()
    if not packages:
        print(printable(f"no translation model installed in {models.packages_dir()}; run: {models.INSTALL_COMMAND}"))
    in_use = models.find_model()
    for package in packages:
        mark = "  (in use)" if in_use and package.package_path == in_use.package_path else ""
        print(printable(f"{models.package_key(package)}  {package.from_code}→{package.to_code}  "
                        f"{package.package_path}{mark}{version_note(package)}"))
    return 0


def cmd_model_remove(args: argparse.Namespace) -> int:
    """Remove an installed translation model."""
    from reader import models

    package = models.remove(args.code)
    print(printable(f"removed {models.package_key(package)} from {package.package_path.parent}"))
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    """Print each block of a text with its English translation, or a word gloss when no model is installed."""
    from reader.translate import NoModelError, TranslationState, Translator, beam_setting, check_beam

    beam = check_beam(args.beam) if args.beam is not None else beam_setting()
    article = open_article(args.file)
    translator = Translator(open_store(), beam=beam)
    translations = None
    if translator.status is TranslationState.MISSING:
        print(f"leesplank: {NoModelError()}; showing a word gloss instead", file=sys.stderr)
    else:
        long_text = sum(1 for _ in article.sentences()) >= LONG_TEXT
        bar = ProgressBar("translating") if sys.stderr.isatty() or long_text else None
        try:
            translations = translator.translate_article(article, 0, bar and (lambda _part, done, total: bar(done, total)))
        finally:
            if bar:
                bar.close()
    print(translation_output(article, translations, args.format, translator.key or None), end="")
    return 0


def translation_output(article, translations: list[list[str]] | None, form: str, model: str | None) -> str:
    """The text with its translation (None: with a word gloss) as text, markdown or JSON."""
    from glossary.interlinear import word_gloss
    from reader.translate import join_sentences

    blocks = []
    for i, block in enumerate(article.blocks):
        sentences = translations[i] if translations is not None else None
        blocks.append({
            "kind": block.kind, "text": block.text, "attribution": block.attribution,
            "translation": join_sentences(block, sentences) if sentences is not None else None,
            "sentences": [{"text": s.text, "translation": sentences[j] if sentences is not None else None}
                          for j, s in enumerate(block.sentences)],
            **({"word_gloss": word_gloss(block.text)} if sentences is None else {}),
        })
    if form == "json":
        data = {"source": article.source, "title": article.title, "model": model, "blocks": blocks}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    markdown = form == "markdown"
    lines = []
    for block in blocks:
        text = block["text"] + (f" — {block['attribution']}" if block["attribution"] else "")
        quote = "> " if block["kind"] == "pullquote" else ""
        head = "## " if block["kind"] == "heading" and markdown else ""
        english = block["translation"] if block["translation"] is not None else f"word gloss: {block['word_gloss']}"
        lines += [f"{head}{quote}{text}", ""] if markdown else [f"{quote}{text}"]
        lines += [f"{quote}*{english}*", ""] if markdown else [f"{quote}→ {english}", ""]
    return "\n".join(lines)


# Glossary, dictionary and known words (glossary/).
def cmd_glossary(args: argparse.Namespace) -> int:
    """Print the article's hard words, rarest first, as a table, JSON or CSV; names apart with --names."""
    from glossary import build
    from glossary.anki import first_sentence
    from glossary.render import print_table, to_csv, to_json
    from glossary.senses import choose_senses
    from reader.translate import TranslationState, Translator

    if args.top is not None and args.top < 1:
        raise UserError("--top must be at least 1")
    if not 1 <= args.min_level <= 5:
        raise UserError("--min-level must be between 1 and 5")
    article = open_article(args.file)
    store = open_store()
    translator = Translator(store)
    machine_gloss = translator.translate if translator.status is not TranslationState.MISSING else None
    glossary = build(article, store.statuses(), machine_gloss=machine_gloss, learner_glosses=store.learner_glosses())
    if not glossary.dictionary_installed:
        print("leesplank: no dictionary installed, so the glossary has no English glosses; "
              "see `leesplank dict status`", file=sys.stderr)
    terms = [entry for entry in glossary.terms if entry.level >= args.min_level][: args.top]
    names = glossary.names[: args.top] if args.names else []
    if machine_gloss:  # each shown term's first context gets the sense its translation points to
        translations = translator.translate([first_sentence(article, entry) for entry in terms])
        for entry in terms:
            choose_senses(entry, article, translations)
    if args.format == "json":
        sys.stdout.write(to_json(terms, names, article.source, glossary.dictionary_installed))
    elif args.format == "csv":
        sys.stdout.write(to_csv(terms, names))
    else:
        print_table(terms, names, article.title)
    return 0


def cmd_dict_status(args: argparse.Namespace) -> int:
    """Say which FreeDict dictionaries are installed, where, and how to get them."""
    from glossary.dictionary import DICTIONARIES, HOW_TO_INSTALL, DictdFile, dictionary_dir

    folder = dictionary_dir()
    missing = False
    for name, package in DICTIONARIES.items():
        found = DictdFile(folder, name)
        if found.installed:
            print(f"{name}: installed, {len(found.offsets):,} headwords ({found.index_path}, {found.data_path.name})")
        else:
            missing = True
            print(f"{name}: not installed (Debian package {package}; looked for {found.index_path})")
    print(f"folder: {folder} (set LEESPLANK_DICT_DIR to use another)")
    if missing:
        print(f"to install: {HOW_TO_INSTALL}")
        print("without them the glossary still works, without English glosses")
    return 0


def cmd_known_add(args: argparse.Namespace) -> int:
    """Mark words known (or another status), stored under their lemmas."""
    from glossary.known import normalise

    return mark_words([argument_text(word) for word in args.words], args.status, normalise)


def argument_text(value: str) -> str:
    """A command-line argument as text: bytes that are not UTF-8 (typed on a Latin-1 terminal) read as
    Windows-1252, as text files are."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # Python kept the undecodable bytes as surrogates
        try:
            return os.fsencode(value).decode("cp1252")
        except UnicodeDecodeError:
            raise UserError(f"{ascii(value)} is neither UTF-8 nor Windows-1252 text") from None
    return value


def cmd_known_import(args: argparse.Namespace) -> int:
    """Mark every word of a word list (one per line) known, or another status."""
    from glossary.known import MAX_WORDS, normalise, read_words

    words, skipped = read_words(args.file)
    if not words:
        raise UserError(f"{args.file} has no words (one word per line)")
    if skipped:
        print(f"leesplank: warning: skipped {skipped} line{'s' if skipped != 1 else ''} of {args.file} that "
              f"{'are' if skipped != 1 else 'is'} no word (a tab, more than {MAX_WORDS} words, or no letter)",
              file=sys.stderr)
    return mark_words(words, args.status, normalise)


def mark_words(words: list[str], status: str, normalise) -> int:
    """Store one status for the lemmas of `words` and say what was stored."""
    lemmas = list(dict.fromkeys(normalise(word) for word in words))
    open_store(saving=True).set_statuses(lemmas, status)
    shown = ", ".join(lemmas[:10]) + (", …" if len(lemmas) > 10 else "")
    print(f"{status}: {len(lemmas)} word{'s' if len(lemmas) != 1 else ''} ({shown})")
    return 0


def cmd_known_list(args: argparse.Namespace) -> int:
    """List the marked words with their statuses, by status then alphabetically."""
    from reader.store import STATUSES

    statuses = open_store().statuses()
    rows = sorted((STATUSES.index(status), lemma, status) for lemma, status in statuses.items()
                  if args.status in (None, status))
    if not rows:
        print("no words marked yet; use `leesplank known add WORD`", file=sys.stderr)
    for _, lemma, status in rows:
        print(f"{lemma}\t{status}")
    return 0


def cmd_gloss_set(args: argparse.Namespace) -> int:
    """Store the learner's own gloss for a word (by lemma); it wins in the glossary, the hints and exports."""
    from glossary.known import CONTROL, normalise

    gloss = " ".join(CONTROL.sub(" ", args.gloss).split())
    if not any(char.isalpha() for char in gloss) or "\x1b" in args.gloss:
        raise UserError("a gloss is plain words, with no control characters; `leesplank gloss reset WORD` removes one")
    if len(gloss) > MAX_LEARNER_GLOSS:
        raise UserError(f"a gloss is a hint beside the text: at most {MAX_LEARNER_GLOSS} characters")
    lemma = normalise(args.word)
    open_store(saving=True).set_learner_gloss(lemma, gloss)
    print(f"{lemma}: {gloss}")
    return 0


MAX_LEARNER_GLOSS = 80


def cmd_gloss_list(args: argparse.Namespace) -> int:
    """List the learner's own glosses, alphabetically."""
    glosses = open_store().learner_glosses()
    if not glosses:
        print("no glosses of your own yet; use `leesplank gloss set WORD \"TEXT\"`", file=sys.stderr)
    for lemma in sorted(glosses):
        print(f"{lemma}\t{glosses[lemma]}")
    return 0


def cmd_gloss_reset(args: argparse.Namespace) -> int:
    """Remove the learner's glosses of some words, or all of them with --all."""
    from glossary.known import normalise

    if bool(args.words) == args.all:
        raise UserError("name the words to reset, or use --all")
    removed = open_store(saving=True).reset_learner_glosses(None if args.all else [normalise(w) for w in args.words])
    print(f"removed {removed} gloss{'es' if removed != 1 else ''}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="leesplank", description="Read Dutch with an offline translation and glossary.")
    sub = parser.add_subparsers(dest="command")

    read = sub.add_parser("read", help="open the reader (the default command)")
    read.add_argument("file", nargs="?", help="a .txt, .md, .html or .epub file, or - for stdin")
    read.set_defaults(func=cmd_read)

    article = sub.add_parser("article", help="show an article's structure")
    article.add_argument("file")
    article.add_argument("--json", action="store_true", help="print metadata and blocks as JSON")
    article.set_defaults(func=cmd_article)

    data = sub.add_parser("data", help="back up or restore your word statuses and reading positions")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    data_export = data_sub.add_parser("export", help="write them to a JSON file")
    data_export.add_argument("file")
    data_export.add_argument("--force", action="store_true", help="overwrite an existing file")
    data_export.set_defaults(func=cmd_data_export)
    data_import = data_sub.add_parser("import", help="restore them from a JSON file")
    data_import.add_argument("file")
    data_import.set_defaults(func=cmd_data_import)

    export = sub.add_parser("export", help="export the article's hard words as Anki flashcards")
    export.add_argument("file", help="a .txt, .md, .html or .epub file, or - for stdin")
    export.add_argument("-o", "--output", help="the file to write (default: the article's slug + .csv or .apkg)")
    export.add_argument("--deck", default="Leesplank", help="the Anki deck, A::B for a subdeck (default: Leesplank)")
    export.add_argument("--min-level", type=int, default=3, metavar="L",
                        help="lowest difficulty level, 1-5 (default: 3)")
    export.add_argument("--limit", type=int, metavar="N", help="at most N cards, rarest words first")
    export.add_argument("--include-known", action="store_true", help="also export words marked known")
    export.add_argument("--cloze", action="store_true", help="cloze cards: the word blanked in its sentence")
    export.add_argument("--format", choices=("csv", "apkg"), help="csv for Anki's text import, or an apkg deck "
                        "(default: apkg when -o ends in .apkg, else csv)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.set_defaults(func=cmd_export)

    model = sub.add_parser("model", help="install, list or remove the Dutch→English translation model")
    model_sub = model.add_subparsers(dest="model_command", required=True)
    model_install = model_sub.add_parser("install", help="download it, or install it from an .argosmodel file")
    model_install.add_argument("file", nargs="?", metavar="FILE.argosmodel", help="install offline from this file")
    model_install.set_defaults(func=cmd_model_install)
    model_sub.add_parser("list", help="show the installed models").set_defaults(func=cmd_model_list)
    model_remove = model_sub.add_parser("remove", help="remove an installed model")
    model_remove.add_argument("code", nargs="?", help="which model (as `model list` shows it); needed when several")
    model_remove.set_defaults(func=cmd_model_remove)

    translate = sub.add_parser("translate", help="print a text with its English translation, block by block")
    translate.add_argument("file", help="a .txt, .md, .html or .epub file, or - for stdin")
    translate.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    translate.add_argument("--beam", metavar="N", help="beam size: 4 (the default, as argostranslate) for quality, "
                           "1 for speed; LEESPLANK_BEAM sets it for the reader too")
    translate.set_defaults(func=cmd_translate)

    glossary = sub.add_parser("glossary", help="list the article's hard words, rarest first, with glosses")
    glossary.add_argument("file", help="a .txt, .md, .html or .epub file, or - for stdin")
    glossary.add_argument("--top", type=int, metavar="N", help="show the first N terms only")
    glossary.add_argument("--min-level", type=int, default=1, metavar="L",
                          help="lowest difficulty level to show, 1 (common) to 5 (rare); default 1")
    glossary.add_argument("--names", action="store_true", help="also list the names (people, places, organisations)")
    glossary.add_argument("--format", choices=("table", "json", "csv"), default="table")
    glossary.set_defaults(func=cmd_glossary)

    dictionary = sub.add_parser("dict", help="the offline Dutch-English dictionaries")
    dictionary_sub = dictionary.add_subparsers(dest="dict_command", required=True)
    dictionary_sub.add_parser("status", help="say what is installed, where, and how to get it").set_defaults(
        func=cmd_dict_status)

    from reader.store import STATUSES

    gloss = sub.add_parser("gloss", help="your own glosses: they win over the lexicon, the dictionary and the model")
    gloss_sub = gloss.add_subparsers(dest="gloss_command", required=True)
    gloss_set = gloss_sub.add_parser("set", help="store your gloss for a word (in any form: stored by lemma)")
    gloss_set.add_argument("word")
    gloss_set.add_argument("gloss")
    gloss_set.set_defaults(func=cmd_gloss_set)
    gloss_sub.add_parser("list", help="show your glosses").set_defaults(func=cmd_gloss_list)
    gloss_reset = gloss_sub.add_parser("reset", help="remove your glosses of some words, or --all")
    gloss_reset.add_argument("words", nargs="*")
    gloss_reset.add_argument("--all", action="store_true", help="remove every gloss of your own")
    gloss_reset.set_defaults(func=cmd_gloss_reset)

    known = sub.add_parser("known", help="mark words you know (or ignore) so the glossary leaves them out")
    known_sub = known.add_subparsers(dest="known_command", required=True)
    known_add = known_sub.add_parser("add", help="mark words, in any form: they are stored by lemma")
    known_add.add_argument("words", nargs="+", metavar="WORD")
    known_import = known_sub.add_parser("import", help="mark every word of a file, one word per line")
    known_import.add_argument("file")
    for command in (known_add, known_import):
        command.add_argument("--status", choices=STATUSES, default="known",
                             help="the status to give (default: known; new clears it)")
    known_add.set_defaults(func=cmd_known_add)
    known_import.set_defaults(func=cmd_known_import)
    known_list = known_sub.add_parser("list", help="show the marked words and their statuses")
    known_list.add_argument("--status", choices=STATUSES, help="only words with this status")
    known_list.set_defaults(func=cmd_known_list)

    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; `leesplank FILE` is short for `leesplank read FILE`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # the subcommand names
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")) or argv[0] in ("-", "--"):
        argv.insert(0, "read")  # `leesplank -- -x.txt`: after --, a file name that starts with a dash
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as error:
        print(f"leesplank: {printable(error)}", file=sys.stderr)
        return 2
    except sqlite3.OperationalError as error:  # another program held the store past the busy timeout; a full disk
        print(f"leesplank: the store is unavailable ({error}); try again", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
