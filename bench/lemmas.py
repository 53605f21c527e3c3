"""Lemma agreement with Frog, Debian's Dutch tagger and lemmatiser, on real Dutch prose, and analysis speed.

The text is ~4,000 words of Dutch paragraphs from Debian's Dutch documentation packages (the FAQ, the
aptitude manual, the Debian Edu manual and LibreOffice's help), fetched with `apt-get download` into
.cache/bench/ and built once. Frog runs once on it (its output is cached under a hash of the text); leesplank's
analyse() runs on the same sentences. Word tokens are aligned by their place in the text, and the lemmas of
content words (Frog's N, WW, ADJ and BW; not names, numbers, punctuation or function words) are compared,
lower-cased. Frog's known differences are allowed for: it strips diminutives (viooltje → viool), it reads a
participle used as an adjective either way (gestelde → stellen or gesteld), and ij may be written as the ĳ
ligature. Separable verbs and fixed expressions, which leesplank joins across tokens, are counted apart.

Speed: analyse() on the same sentences, against plain tokenize() measured in this run (a ratio, no goal).

    .venv/bin/python bench/lemmas.py      # needs `frog` and `frogdata` (apt); without them it says so, exits 0
"""

import hashlib
import html
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / ".cache" / "bench"
PACKAGES = ("debian-faq-nl", "aptitude-doc-nl", "debian-edu-doc-nl", "libreoffice-help-nl")
WORDS_PER_PACKAGE = 1_000  # ~4,000 words in all
TEXT = CACHE / "nldocs.txt"
SEED = ROOT / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"
FROG_OPTIONS = ["-n", "--skip=pcmna"]  # one sentence a line; no parser, chunker, multi-word units, NER, morphology
CONTENT_TAGS = ("N", "WW", "ADJ", "BW")
TOP = 30

# A paragraph is Dutch when its function words are: many Dutch ones, few English ones (words of both left out).
DUTCH_FUNCTION_WORDS = frozenset(
    "de het een en van dat niet op te zijn met voor die er wordt worden u kunt kan deze dit ook of als bij naar "
    "om aan uit wat hoe zal moet heeft hebben".split()
)
ENGLISH_FUNCTION_WORDS = frozenset("the and to are were that this with for you it not be have has from of by".split())
INSEPARABLE = ("be", "ge", "her", "ont", "ver", "er")
SEPARABLE_PARTICLES = tuple(
    "achter af aan bij binnen boven buiten door in langs mee na neer om onder op over samen terug toe uit vast "
    "voor voorbij weg".split()
)


# --- the text -------------------------------------------------------------------------------------------------


class _Paragraphs(HTMLParser):
    """The text of every <p> element, outside scripts, styles, page chrome and preformatted blocks."""

    SKIP = {"script", "style", "pre", "nav", "header", "footer", "aside", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0
        self.buffer: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "p":
            self._close()
            self.buffer = []

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("p", "div", "td", "li"):
            self._close()

    def handle_data(self, data):
        if self.buffer is not None and not self.skip:
            self.buffer.append(data)

    def _close(self):
        if self.buffer is not None:
            self.found.append(" ".join(html.unescape("".join(self.buffer)).split()))
        self.buffer = None


def is_dutch_prose(text: str) -> bool:
    """A paragraph of running Dutch: 10–150 words, closing punctuation, Dutch function words and few English."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not 10 <= len(words) <= 150 or not text.endswith((".", "?", "!", ":")):
        return False
    dutch = sum(w in DUTCH_FUNCTION_WORDS for w in words)
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    return dutch >= 3 and dutch >= 0.12 * len(words) and english * 4 <= dutch


def download(package: str) -> Path | None:
    """The package's .deb in the cache, fetched with apt-get download when missing; None when that fails."""
    debs = CACHE / "debs"
    found = sorted(debs.glob(f"{package}_*.deb"))
    if not found and shutil.which("apt-get"):
        debs.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", "-q", package], cwd=debs, capture_output=True)
        found = sorted(debs.glob(f"{package}_*.deb"))
    return found[-1] if found else None


def package_paragraphs(deb: Path) -> list[str]:
    """The Dutch prose paragraphs of a .deb's HTML files, in file-name order, each once."""
    pages = {}
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE) as unpack:
        with tarfile.open(fileobj=unpack.stdout, mode="r|") as archive:
            for member in archive:
                if member.isfile() and member.name.endswith((".html", ".htm")):
                    pages[member.name] = archive.extractfile(member).read().decode("utf-8", "replace")
    paragraphs = {}
    for name in sorted(pages):
        parser = _Paragraphs()
        parser.feed(pages[name])
        parser.close()
        parser._close()
        paragraphs.update((p, None) for p in parser.found if is_dutch_prose(p))
    return list(paragraphs)


def spread(paragraphs: list[str], words: int) -> list[str]:
    """About `words` words of paragraphs picked evenly through the list, in their order."""
    if not paragraphs:
        return []
    average = sum(len(p.split()) for p in paragraphs) / len(paragraphs)
    wanted = min(len(paragraphs), max(1, round(words / average)))
    chosen, total = [], 0
    for i in range(wanted):
        paragraph = paragraphs[i * len(paragraphs) // wanted]
        chosen.append(paragraph)
        total += len(paragraph.split())
        if total >= words:
            break
    return chosen


def build_text() -> tuple[Path | None, str]:
    """The cached text file, built from the packages when missing; (None, reason) when they cannot be had."""
    if TEXT.exists():
        return TEXT, ""
    if not shutil.which("dpkg-deb"):
        return None, "dpkg-deb is missing, so Debian's Dutch documentation packages cannot be read"
    seed = SEED.read_text(encoding="utf-8")
    parts, sources = [], []
    for package in PACKAGES:
        deb = download(package)
        if deb is None:
            return None, f"could not fetch {package} with apt-get download (no apt, or no network)"
        chosen = [p for p in spread(package_paragraphs(deb), WORDS_PER_PACKAGE) if p not in seed]
        parts += chosen
        sources.append(f"{deb.name}: {len(chosen)} paragraphs, {sum(len(p.split()) for p in chosen)} words")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "nldocs.sources").write_text("\n".join(sources) + "\n", encoding="utf-8")
    TEXT.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return TEXT, ""


# --- Frog ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrogToken:
    """A token of Frog's output: its text, lemma, tag and offsets in the text Frog was given."""

    word: str
    lemma: str
    tag: str
    start: int
    end: int


def run_frog(text: str) -> tuple[str, float]:
    """Frog's tab-separated output for text (one sentence a line), from the cache when it ran before; (output,
    seconds Frog took, 0 from the cache). Raises FileNotFoundError when Frog is not installed."""
    key = hashlib.sha256((" ".join(FROG_OPTIONS) + "\n" + text).encode()).hexdigest()[:16]
    cached = CACHE / f"frog-{key}.tsv"
    if cached.exists():
        return cached.read_text(encoding="utf-8"), 0.0
    if not shutil.which("frog") or not Path("/usr/share/frog/nld/frog.cfg").exists():
        raise FileNotFoundError("frog")
    with tempfile.TemporaryDirectory(prefix="leesplank-frog-") as scratch:  # Frog leaves debug files in its cwd
        source = Path(scratch) / "input.txt"
        source.write_text(text + "\n", encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(["frog", "-t", str(source), *FROG_OPTIONS], cwd=scratch, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode or not done.stdout.strip():
        raise RuntimeError(f"frog failed ({done.returncode}): {done.stderr.strip().splitlines()[-3:]}")
    cached.write_text(done.stdout, encoding="utf-8")
    return done.stdout, seconds


def frog_tokens(output: str, text: str) -> tuple[list[FrogToken], int]:
    """Frog's tokens placed in the text: each found at or shortly after the end of the one before; (tokens, how
    many could not be placed)."""
    tokens, unplaced, at = [], 0, 0
    for line in output.splitlines():
        columns = line.split("\t")
        if len(columns) < 5 or not columns[0].isdigit():
            continue
        word, lemma, tag = columns[1], columns[2], columns[4]
        start = text.find(word, at)
        if start < 0 or start - at > 40:
            unplaced += 1
            continue
        tokens.append(FrogToken(word, lemma, tag, start, start + len(word)))
        at = start + len(word)
    return tokens, unplaced


def is_content(token: FrogToken) -> bool:
    """A content word in Frog's tags: noun, verb, adjective or adverb; not a name, number or symbol."""
    category = token.tag.split("(")[0]
    return (category in CONTENT_TAGS and not token.tag.startswith("N(eigen")
            and any(c.isalpha() for c in token.word) and not any(c.isdigit() for c in token.word))


# --- the allowances --------------------------------------------------------------------------------------------


def plain(lemma: str) -> str:
    """A lemma lower-cased, with the ĳ ligature spelled as two letters."""
    return lemma.lower().replace("ĳ", "ij")


def is_diminutive(small: str, base: str) -> bool:
    """Whether `small` is a diminutive of `base`: viooltje/viool, balletje/bal, koninkje/koning, autootje/auto."""
    if not small.endswith("je") or small == base or len(small) - len(base) > 5 or len(base) < 2:
        return False
    return small.startswith(base) or small.startswith(base[:-1])


def verb_stems(infinitive: str) -> set[str]:
    """Stems an infinitive may be spelled with: werken → werk, stellen → stel, maken → maak, leven → leef."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return {infinitive[:-1]} if infinitive.endswith("n") else set()
    stem = infinitive[:-2]
    stems = {stem}
    if len(stem) > 1 and stem[-1] == stem[-2]:
        stems.add(stem[:-1])  # stellen → stel
    if len(stem) > 2 and stem[-2] in "aeou" and stem[-3] not in "aeiou" and stem[-1] not in "aeiou":
        stems.add(stem[:-1] + stem[-2] + stem[-1])  # maken → maak
    stems |= {s[:-1] + {"v": "f", "z": "s"}[s[-1]] for s in stems if s[-1:] in ("v", "z")}  # leven → leef
    return stems


def is_participle(participle: str, infinitive: str) -> bool:
    """Whether `participle` is the past or present participle of `infinitive`, allowing for separable particles,
    inseparable prefixes and strong verbs: gesteld/stellen, geïnstalleerd/installeren, afgesloten/afsluiten,
    verzonden/verzenden, gebracht/brengen, volgend/volgen."""
    if not infinitive.endswith("n") or participle == infinitive:
        return False
    if participle == infinitive + "d":
        return True  # volgend
    particle = next((p for p in SEPARABLE_PARTICLES if participle.startswith(p) and infinitive.startswith(p)
                     and len(infinitive) > len(p) + 3), "")
    part, verb = participle[len(particle):], infinitive[len(particle):]
    if part.startswith("ge") and not verb.startswith("ge"):
        core = part[2:]
        core = {"ë": "e", "ï": "i"}.get(core[:1], core[:1]) + core[1:]  # geïnstalleerd
    elif part.startswith(INSEPARABLE) and verb.startswith(part[:2]):
        core = part  # verzonden, besteld, herhaald: no ge-
    else:
        return False
    if core.endswith(("d", "t")) and (core[:-1] in verb_stems(verb) or core in verb_stems(verb)):
        return True  # weak: gewerkt, gesteld, gemaakt, geleefd, gezet
    if core.endswith("en") and verb.endswith("en") and core[:1] == verb[:1] and abs(len(core) - len(verb)) <= 3:
        return True  # strong: geschreven, gesloten, verzonden, gegeven, gegaan
    return core.endswith("cht") and core[:2] == verb[:2]  # gebracht, gedacht, gezocht, gekocht


def allowance(frog: str, ours: str, tag: str) -> str:
    """Which known difference explains a disagreement: 'ij', 'diminutive', 'participle', or '' for none. A
    participle counts only where Frog tags a participle or an adjective (not a plural noun: verwijzingsvelden)."""
    if plain(frog) == plain(ours):
        return "ij"
    frog, ours = plain(frog), plain(ours)
    if is_diminutive(ours, frog):
        return "diminutive"
    if tag.startswith(("WW(vd", "WW(od", "ADJ")) and (is_participle(frog, ours) or is_participle(ours, frog)):
        return "participle"
    return ""


# --- leesplank --------------------------------------------------------------------------------------------------


def analyse_all(texts: list[str]) -> tuple[list, list, float, float, float, float]:
    """(tokens per sentence, words per sentence, seconds to load, seconds for analyse on first and second pass,
    seconds for tokenize alone, best of three)."""
    start = time.perf_counter()
    from glossary.analysis import analyse
    from glossary.tokenize import tokenize

    analyse("Dit is een zin.", tokenize("Dit is een zin."))  # lexicons and tagger loaded before timing
    load = time.perf_counter() - start
    start = time.perf_counter()
    tokens = [tokenize(text) for text in texts]
    words = [analyse(text, toks) for text, toks in zip(texts, tokens)]
    first = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        analyse(text, tokenize(text))
    second = time.perf_counter() - start
    baseline = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            tokenize(text)
        baseline = min(baseline, time.perf_counter() - start)
    return tokens, words, load, first, second, baseline


# --- the comparison ----------------------------------------------------------------------------------------------


def main() -> int:
    """Build the text, run Frog and leesplank on it, compare the lemmas and print the figures."""
    path, reason = build_text()
    if path is None:
        print(f"lemma bench skipped: {reason}")
        return 0
    from reader.article import load

    article = load(str(path))
    texts = [sentence.text for _, _, sentence in article.sentences()]
    joined = "\n".join(texts)  # Frog's input: one sentence a line
    offsets, at = [], 0
    for text in texts:
        offsets.append(at)
        at += len(text) + 1
    try:
        output, frog_seconds = run_frog(joined)
    except FileNotFoundError:
        print("lemma bench skipped: Frog is not installed (as root: apt-get install frog frogdata; or run make bench)")
        return 0
    frog, unplaced = frog_tokens(output, joined)
    by_span = {(t.start, t.end): t for t in frog}

    tokens, words, load_s, first_s, second_s, baseline_s = analyse_all(texts)
    n_tokens = sum(len(t) for t in tokens)

    compared = agreed = 0
    allowed: Counter = Counter()
    allowed_examples: dict[str, Counter] = {}
    disagreements: Counter = Counter()
    by_tag: Counter = Counter()
    content_by_tag: Counter = Counter()
    separable = separable_agreed = separable_particle = 0
    separable_misses: Counter = Counter()
    in_expressions: Counter = Counter()
    dropped: Counter = Counter()
    placed_spans = set()
    for s, (text, toks, found) in enumerate(zip(texts, tokens, words)):
        word_of = {i: w for w in found for i in w.tokens}
        for i, token in enumerate(toks):
            span = (offsets[s] + token.start, offsets[s] + token.end)
            placed_spans.add(span)
            ft = by_span.get(span)
            if ft is None or not is_content(ft):
                continue
            word = word_of.get(i)
            if word is None:
                dropped[token.text] += 1
                continue
            if len(word.tokens) > 1:  # separable verbs are compared below
                if word.pos != "verb":
                    in_expressions[word.lemma] += 1
                continue
            category = ft.tag.split("(")[0]
            content_by_tag[category] += 1
            compared += 1
            if ft.lemma.lower() == word.lemma.lower():
                agreed += 1
                continue
            kind = allowance(ft.lemma, word.lemma, ft.tag)
            if kind:
                allowed[kind] += 1
                allowed_examples.setdefault(kind, Counter())[(ft.word.lower(), ft.lemma.lower(), word.lemma)] += 1
                continue
            by_tag[category] += 1
            disagreements[(ft.word.lower(), ft.lemma.lower(), word.lemma, ft.tag.split(",")[0].rstrip(")") + ")",
                           word.pos or "?")] += 1  # Frog's tag to its first feature: N(soort), WW(pv)
        # separable verbs: leesplank's joined lemma against Frog's verb lemma with the particle before it
        for word in found:
            if word.pos != "verb" or len(word.tokens) < 2:
                continue
            pieces = [by_span.get((offsets[s] + toks[i].start, offsets[s] + toks[i].end)) for i in word.tokens]
            if any(p is None for p in pieces):
                continue
            lemma = word.lemma.lower().removeprefix("er")
            particles = [p for p in pieces if lemma.startswith(p.word.lower())] or pieces[:1]
            verbs = [p for p in pieces if p is not particles[0]]
            separable += 1
            particle, verb = particles[0].word.lower(), verbs[0].lemma.lower()
            separable_particle += particles[0].tag.startswith(("VZ(fin", "BW"))
            if word.lemma.lower() in (particle + verb, "er" + particle + verb):
                separable_agreed += 1
            else:
                separable_misses[(" … ".join(p.word for p in pieces), particle + verb, word.lemma)] += 1

    frog_content = [t for t in frog if is_content(t)]
    misaligned = Counter(t.word for t in frog_content if (t.start, t.end) not in placed_spans)
    listing = CACHE / "nldocs.sources"
    sources = [line for line in listing.read_text(encoding="utf-8").splitlines() if line] if listing.exists() else []
    print(f"text: {path.relative_to(ROOT)}, {len(texts)} sentences, {n_tokens:,} word tokens ({'; '.join(sources)})")
    print(f"Frog: {len(frog):,} tokens, {len(frog_content):,} content words (N, WW, ADJ, BW; no names); "
          + (f"ran in {frog_seconds:.1f} s" if frog_seconds else "output from the cache")
          + (f"; {unplaced} tokens not found in the text" if unplaced else ""))
    print(f"not compared: {sum(misaligned.values())} tokenised differently "
          f"({', '.join(f'{w} ×{n}' for w, n in misaligned.most_common(6))}), "
          f"{sum(dropped.values())} left out by leesplank (junk or foreign), "
          f"{sum(in_expressions.values())} inside fixed expressions")
    print(f"words compared: {compared:,} ({', '.join(f'{t} {n}' for t, n in content_by_tag.most_common())})")
    print(f"raw agreement: {agreed / compared:.1%}")
    total_allowed = sum(allowed.values())
    print(f"agreement after allowances: {(agreed + total_allowed) / compared:.1%}  (target 96%: "
          f"{'met' if (agreed + total_allowed) / compared >= 0.96 else 'MISSED'})")
    for kind in ("diminutive", "participle", "ij"):
        common = allowed_examples.get(kind, Counter()).most_common(4)
        examples = ", ".join(f"{form} {f}/{o}" for (form, f, o), _ in common)
        print(f"  allowed as {kind}: {allowed[kind]}" + (f" (form frog/leesplank: {examples})" if examples else ""))
    print(f"disagreements: {sum(disagreements.values())} "
          f"({', '.join(f'{t} {n} of {content_by_tag[t]}' for t, n in by_tag.most_common())})")
    print(f"  the {TOP} commonest: form | Frog lemma (tag) | leesplank lemma (pos) | count")
    for (form, frog_lemma, ours, tag, pos), count in disagreements.most_common(TOP):
        print(f"  {form:24} {frog_lemma:22} {tag:12} {ours:24} {pos:5} {count}")
    if separable:
        print(f"separable verbs joined by leesplank: {separable}, lemma agrees with Frog's verb + particle in "
              f"{separable_agreed / separable:.0%}; Frog tags the particle VZ(fin) or BW in "
              f"{separable_particle / separable:.0%}")
        for (pieces, frog_joined, ours), count in separable_misses.most_common(8):
            print(f"  {pieces:28} Frog {frog_joined:22} leesplank {ours:22} {count}")
    first_speed, second_speed, base_speed = n_tokens / first_s, n_tokens / second_s, n_tokens / baseline_s
    print(f"speed: analyse, first pass (new words) {first_speed:,.0f} words/s, second pass (cached words) "
          f"{second_speed:,.0f} words/s; tokenize alone {base_speed:,.0f} words/s; analyse / tokenize = "
          f"{first_speed / base_speed:.3f} first pass, {second_speed / base_speed:.3f} second "
          f"(loading the lexicons first: {load_s:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
