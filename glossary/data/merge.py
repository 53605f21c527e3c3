"""Step 3 of the core lexicon: join the reviewed batch chunks into core.tsv, in candidate order.

    python -m glossary.data.merge

Reads batches/NN-KK.tsv (see batches/README.md) and expressions.tsv, keeps the first line of each
(lemma, pos, article) (het stof and de stof are two nouns), and writes core.tsv with its header. `make lexicon-check` validates the result.
"""

from pathlib import Path

DATA = Path(__file__).parent
HEADER = "lemma\tpos\tarticle\tsenses\tforms\n"


def merged_lines() -> list[str]:
    """Every entry line of the batches and the expressions, first of each (lemma, pos, article) kept."""
    seen: set[tuple[str, str, str]] = set()
    lines = []
    for path in [*sorted((DATA / "batches").glob("[0-9][0-9]-[0-9][0-9].tsv")), DATA / "expressions.tsv"]:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = [field.strip() for field in line.split("\t")]
            if len(fields) < 4 or not fields[0] or fields[0] == "lemma":
                continue
            fields = (fields + [""])[:5]
            fields[0] = " ".join(fields[0].lower().split())
            key = (fields[0], fields[1], fields[2])
            if key not in seen:
                seen.add(key)
                lines.append("\t".join(fields) + "\n")
    return lines


def main() -> None:
    """Write core.tsv and say how many lemmas it holds."""
    lines = merged_lines()
    (DATA / "core.tsv").write_text(HEADER + "".join(lines), encoding="utf-8")
    lemmas = {line.split("\t", 1)[0] for line in lines}
    print(f"core.tsv: {len(lines)} entries, {len(lemmas)} lemmas")


if __name__ == "__main__":
    main()
