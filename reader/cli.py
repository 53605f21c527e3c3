"""The `leesplank` command: the reader by default, and headless subcommands that share its functions.

Each subcommand is a `cmd_*` function taking the parsed arguments and returning an exit code.
A `UserError` anywhere becomes one line on stderr and exit code 2.
"""

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from reader.errors import UserError

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"


def cmd_read(args: argparse.Namespace) -> int:
    """Open the reader on a file (the seed article when none is given)."""
    from reader.article import load

    article = load(args.file or str(SEED_ARTICLE))
    warn_if_not_dutch(article)
    print(outline(article))
    return 0


def open_store():
    """The store, with any notice about it (damaged, read-only) told once on stderr."""
    from reader.store import Store

    store = Store()
    if store.notice:
        print(f"leesplank: warning: {store.notice}", file=sys.stderr)
    return store


def warn_if_not_dutch(article) -> None:
    """Warn on stderr when the text does not look Dutch; it still opens."""
    from reader.article import dutch_share

    share = dutch_share(article)
    if share < 0.5:
        print(f"leesplank: warning: {article.source} does not look like Dutch "
              f"({share:.0%} Dutch words); opening it anyway", file=sys.stderr)


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
    from reader.article import load

    article = load(args.file)
    warn_if_not_dutch(article)
    if args.json:
        data = {"source": article.source, "title": article.title, "metadata": article.metadata,
                "blocks": [asdict(block) for block in article.blocks]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(outline(article), end="")
    return 0


def cmd_data_export(args: argparse.Namespace) -> int:
    """Write word statuses and reading positions to one JSON file, for backup or a move."""
    from glossary.anki import write_atomically

    data = open_store().export_data()
    document = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(Path(args.file), lambda temp: Path(temp).write_text(document, encoding="utf-8"), args.force)
    print(f"wrote {len(data['word_status'])} word statuses and {len(data['reading_position'])} reading positions "
          f"to {args.file}")
    return 0


def cmd_data_import(args: argparse.Namespace) -> int:
    """Restore word statuses and reading positions from a `data export` file."""
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        words, positions = open_store().import_data(data)
    except FileNotFoundError:
        raise UserError(f"{args.file}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UserError(f"cannot import {args.file}: {error}") from None
    print(f"restored {words} word statuses and {positions} reading positions")
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

    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; `leesplank FILE` is short for `leesplank read FILE`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # the subcommand names
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")) or argv[0] == "-":
        argv.insert(0, "read")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as error:
        print(f"leesplank: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
