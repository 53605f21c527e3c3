"""The glossary as the CLI prints it: a rich table, JSON with every field, or CSV."""

import csv
import io
import json
from dataclasses import asdict

from glossary.model import Entry

CSV_COLUMNS = ("rank", "term", "article", "level", "zipf", "count", "gloss", "gloss_source", "parts", "forms",
               "kind", "status")


def parts_text(entry: Entry) -> str:
    """The compound parts as written in the table: gevecht(s) + vliegtuig."""
    return " + ".join(part.text + (f"({part.link})" if part.link not in ("", "-") else "") for part in entry.parts)


def as_dict(entry: Entry, rank: int) -> dict:
    """Every field of an entry, with its rank and count, for JSON."""
    return {"rank": rank, **asdict(entry), "count": entry.count}


def to_json(terms: list[Entry], names: list[Entry], source: str, dictionary_installed: bool) -> str:
    """The glossary as one JSON object."""
    data = {
        "source": source,
        "dictionary_installed": dictionary_installed,
        "terms": [as_dict(entry, rank) for rank, entry in enumerate(terms, start=1)],
        "names": [as_dict(entry, rank) for rank, entry in enumerate(names, start=1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(terms: list[Entry], names: list[Entry]) -> str:
    """The glossary as CSV with a header row, terms first, then names (kind tells them apart)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for kind, entries in (("term", terms), ("name", names)):
        for rank, entry in enumerate(entries, start=1):
            forms = "; ".join(f"{form} {count}" for form, count in entry.forms.items())
            writer.writerow([rank, entry.lemma, entry.article, entry.level, entry.zipf, entry.count, entry.gloss,
                             entry.gloss_source, parts_text(entry), forms, kind, entry.status])
    return out.getvalue()


def print_table(terms: list[Entry], names: list[Entry], title: str) -> None:
    """Print the terms, and the names when given, as rich tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for heading, entries in ((f"Glossary: {title}", terms), ("Names", names)):
        if not entries and heading == "Names":
            continue
        table = Table(title=heading, title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("#", justify="right", style="dim")
        table.add_column("term", style="bold")
        table.add_column("level", justify="right")
        table.add_column("count", justify="right")
        table.add_column("gloss")
        table.add_column("parts", style="dim")
        for rank, entry in enumerate(entries, start=1):
            term = entry.lemma + (f" ({entry.article})" if entry.article else "")
            table.add_row(str(rank), term, str(entry.level), str(entry.count), entry.gloss, parts_text(entry))
        console.print(table)
