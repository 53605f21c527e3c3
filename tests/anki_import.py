"""Import exports with Anki's own backend, the way its import dialogs do, and read the notes back."""

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageRequest, ImportCsvRequest
from anki.import_export_pb2 import ImportAnkiPackageOptions


@dataclass(frozen=True)
class ImportedNote:
    """One note as Anki stored it."""

    guid: str
    notetype: str
    fields: dict[str, str]
    tags: list[str]
    decks: list[str]
    questions: list[str]


def import_csv(col: Collection, path: Path) -> None:
    """Read the file's CSV metadata (header lines) and import it with that metadata, as the dialog does."""
    metadata = col.get_csv_metadata(str(path), None)
    col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))


def import_apkg(col: Collection, path: Path) -> None:
    """Import an .apkg with the dialog's default options."""
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions()))


def notes(col: Collection) -> dict[str, ImportedNote]:
    """Every note in the collection, keyed by GUID."""
    found = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        cards = note.cards()
        found[note.guid] = ImportedNote(
            guid=note.guid,
            notetype=note.note_type()["name"],
            fields=dict(note.items()),
            tags=sorted(note.tags),
            decks=sorted({col.decks.name(card.did) for card in cards}),
            questions=[card.question() for card in cards],
        )
    return found
