"""Copy models: real CTranslate2 + SentencePiece Argos packages whose "translation" is their input.

No torch and no download: the weights are set by hand with numpy (GUIDE.md §3). The residual stream
holds a token code (random ±1, one per vocabulary entry) and a position code (random ±1, one per
position). In decoder layer 0, every cross-attention head queries by position, so step t reads source
token t (the source ends with </s>, so the copy ends there too); its values carry the token code and the
output projection reads it back. Every other weight is zero, so extra layers cost time but change nothing.
"""

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm

SEED = Path(__file__).resolve().parent.parent / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"

# Sentences with the characters tests use beyond the seed article; byte fallback covers the rest.
EXTRA_TEXTS = [
    "Dit is een test. Is dat zo? Ja! De kat zit op de mat.",
    "Één, twee; drie: vier… „Citaat” en ‘first strike’ – 2023 (NPT) café naïef ÀÉÎÕÜ ß 12,5% €3.",
]


@dataclass(frozen=True)
class Size:
    """The shape of a copy model."""

    layers: tuple[int, int]
    d_model: int
    heads: int
    ffn: int
    vocabulary: int  # the target vocabulary, padded with unused tokens to a realistic size
    quantization: str | None


TINY = Size(layers=(1, 1), d_model=128, heads=2, ffn=64, vocabulary=0, quantization=None)
# Transformer-base as in OPUS-MT: 6+6 layers, d_model 512, 8 heads, ffn 2048, int8 like Argos packages.
BASE = Size(layers=(6, 6), d_model=512, heads=8, ffn=2048, vocabulary=32000, quantization="int8")
MAX_POSITIONS = 1024


def train_sentencepiece(texts: list[str], vocab_size: int = 2000) -> bytes:
    """A SentencePiece model for `texts` that keeps text as it is (no normalisation) and never gives <unk>."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        byte_fallback=True,
        character_coverage=1.0,
        normalization_rule_name="identity",
        user_defined_symbols=["__en__"],
        minloglevel=2,
    )
    return model.getvalue()


def balanced_codes(count: int, dims: int, rng: np.random.Generator) -> np.ndarray:
    """`count` random ±1 vectors with as many +1 as -1, so layer norm treats them all alike."""
    codes = np.tile(np.repeat(np.array([1.0, -1.0], dtype=np.float32), dims // 2), (count, 1))
    return rng.permuted(codes, axis=1)


def build_copy_model(out_dir: Path, pieces: list[str], size: Size = TINY, seed: int = 0,
                     swaps: dict[int, int] | None = None) -> None:
    """Write a CTranslate2 copy model for a vocabulary of SentencePiece `pieces` into `out_dir`.

    `swaps` maps a source token id to the target id emitted in its place (and back): a one-word "dictionary".
    """
    d, heads = size.d_model, size.heads
    head_dim = d // heads
    token_dims = d - head_dim  # the last head's width holds the position code
    vocabulary = pieces + [f"<unused{i}>" for i in range(max(0, size.vocabulary - len(pieces)))]
    rng = np.random.default_rng(seed)
    tokens = np.zeros((len(vocabulary), d), np.float32)
    tokens[:, :token_dims] = balanced_codes(len(vocabulary), token_dims, rng)
    positions = np.zeros((MAX_POSITIONS, d), np.float32)
    positions[:, token_dims:] = balanced_codes(MAX_POSITIONS, head_dim, rng)

    # The right source position must win the softmax by a wide margin (40 logits) over the closest other.
    codes = positions[:, token_dims:]
    gram = codes @ codes.T
    np.fill_diagonal(gram, -head_dim)
    margin = head_dim - gram.max()
    assert margin > 0, "two positions share a code; use another seed"
    # Layer norm leaves encoder rows (d entries of ±1) as they are and scales decoder rows, which hold
    # only the position code, by sqrt(d / head_dim); attention divides by sqrt(head_dim).
    query_scale = 40.0 * np.sqrt(head_dim) / (margin * np.sqrt(d / head_dim))

    spec = ctranslate2.specs.TransformerSpec.from_config(size.layers, heads)
    zero_everything(spec, d, size.ffn)
    for stack in (spec.encoder, spec.decoder):
        stack.scale_embeddings = False
        stack.position_encodings.encodings = positions
    spec.encoder.embeddings[0].weight = tokens
    spec.decoder.embeddings.weight = np.zeros_like(tokens)  # the decoder needs only its position

    cross = spec.decoder.layer[0].attention
    query = np.zeros((d, d), np.float32)
    keys_values = np.zeros((2 * d, d), np.float32)
    for h in range(heads):
        rows = slice(h * head_dim, (h + 1) * head_dim)
        query[rows, token_dims:] = query_scale * np.eye(head_dim)
        keys_values[rows, token_dims:] = np.eye(head_dim)
        if h < heads - 1:  # each other head carries one slice of the token code
            keys_values[d + h * head_dim : d + (h + 1) * head_dim, rows] = np.eye(head_dim)
    output = np.zeros((d, d), np.float32)
    output[:token_dims, :token_dims] = np.eye(token_dims)
    cross.linear[0].weight, cross.linear[1].weight, cross.linear[2].weight = query, keys_values, output

    # The right token's logit is 40, far above any other, so beam search agrees with greedy decoding.
    projection = tokens * np.float32(40.0 / token_dims)
    for source, target in (swaps or {}).items():
        projection[[source, target]] = projection[[target, source]]
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = np.zeros(len(vocabulary), np.float32)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=size.quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def zero_everything(spec, d: int, ffn: int) -> None:
    """Set every layer's weights to zero and every layer norm to the identity-like (1, 0)."""

    def norm(layer_norm):
        layer_norm.gamma, layer_norm.beta = np.ones(d, np.float32), np.zeros(d, np.float32)

    def linear(spec_linear, rows, cols):
        spec_linear.weight = np.zeros((rows, cols), np.float32)
        spec_linear.bias = np.zeros(rows, np.float32)

    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        attentions = [layer.self_attention] + ([layer.attention] if hasattr(layer, "attention") else [])
        for attention in attentions:
            norm(attention.layer_norm)
            if len(attention.linear) == 2:  # self-attention: fused query, key and value
                linear(attention.linear[0], 3 * d, d)
            else:  # cross-attention: query, then fused key and value
                linear(attention.linear[0], d, d)
                linear(attention.linear[1], 2 * d, d)
            linear(attention.linear[-1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)


def build_package_dir(
    folder: Path,
    texts: list[str] | None = None,
    size: Size = TINY,
    version: str = "1.0",
    from_code: str = "nl",
    to_code: str = "en",
    target_prefix: str = "",
) -> Path:
    """An installed-style Argos package folder: metadata.json, model/ and sentencepiece.model."""
    texts = texts if texts is not None else [*SEED.read_text(encoding="utf-8").split("\n"), *EXTRA_TEXTS]
    model = train_sentencepiece([t for t in texts if t.strip()])
    processor = spm.SentencePieceProcessor(model_proto=model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    build_copy_model(folder / "model", pieces, size)
    (folder / "sentencepiece.model").write_bytes(model)
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": "Dutch",
        "to_code": to_code,
        "to_name": "English",
        "code": f"translate-{from_code}_{to_code}",
        "target_prefix": target_prefix,
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder


def zip_package(folder: Path, archive: Path) -> Path:
    """Zip a package folder into a .argosmodel file: one top-level folder, as Argos ships them."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive


def build_package(archive: Path, size: Size = TINY, **options) -> Path:
    """Build a copy model and package it as a real .argosmodel zip at `archive`."""
    with tempfile.TemporaryDirectory() as tmp:
        name = f"translate-{options.get('from_code', 'nl')}_{options.get('to_code', 'en')}-copy"
        folder = build_package_dir(Path(tmp) / name, size=size, **options)
        return zip_package(folder, archive)


# The real translate-nl_en 1.8 package (GUIDE.md §3): its sentencepiece.model is OPUS-MT's *Dutch* model, while
# the shared vocabulary also holds English pieces, which the Dutch model cannot decode (it leaves a raw ▁).
REAL_FOLDER = "translate-nl_en-1_8"
ENGLISH_PIECES = {"▁de": "▁the", "▁De": "▁The", "▁en": "▁and", "▁nucleair": "▁nuclear", "▁wapens": "▁weapons",
                  "▁kernwapens": "▁nukes", "▁Rusland": "▁Russia"}  # Dutch piece → the English piece the model emits for it


def dutch_sentencepiece(texts: list[str] | None = None) -> bytes:
    """The Dutch-only SentencePiece model of the real-layout package, trained on the seed article."""
    texts = texts if texts is not None else [*SEED.read_text(encoding="utf-8").split("\n"), *EXTRA_TEXTS]
    return train_sentencepiece([t for t in texts if t.strip()], vocab_size=1500)


def build_real_layout_dir(folder: Path, size: Size = TINY) -> Path:
    """A package folder laid out as the real translate-nl_en 1.8: Dutch-only tokenizer, shared Dutch+English
    vocabulary, weights that emit English pieces the tokenizer lacks, README.md, stanza/, argos's metadata."""
    model = dutch_sentencepiece()
    processor = spm.SentencePieceProcessor(model_proto=model)
    dutch = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    english = sorted(set(ENGLISH_PIECES.values()))
    missing = [p for p in ENGLISH_PIECES if p not in dutch] + [p for p in english if p in dutch]
    assert not missing, f"the Dutch model must hold each Dutch piece and no English one: {missing}"
    vocabulary = dutch + english
    swaps = {dutch.index(d): vocabulary.index(e) for d, e in ENGLISH_PIECES.items()}
    build_copy_model(folder / "model", vocabulary, size, swaps=swaps)
    (folder / "sentencepiece.model").write_bytes(model)
    (folder / "README.md").write_text("# Dutch-English\n\nTest package laid out as translate-nl_en 1.8.\n", encoding="utf-8")
    (folder / "stanza" / "nl" / "tokenize").mkdir(parents=True)
    (folder / "stanza" / "resources.json").write_text("{}", encoding="utf-8")
    (folder / "stanza" / "nl" / "tokenize" / "alpino.pt").write_bytes(b"not read by leesplank")
    metadata = {"package_version": "1.8", "argos_version": "1.0", "from_code": "nl", "from_name": "Dutch",
                "to_code": "en", "to_name": "English"}  # no code, no target_prefix, as in the real one
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=4), encoding="utf-8")
    return folder


def build_real_layout_package(archive: Path, size: Size = TINY) -> Path:
    """The real-layout package as an .argosmodel zip holding one translate-nl_en-1_8/ folder."""
    with tempfile.TemporaryDirectory() as tmp:
        return zip_package(build_real_layout_dir(Path(tmp) / REAL_FOLDER, size), archive)


def real_layout_english(sentence: str, model: bytes | None = None) -> str:
    """What the real-layout model's translation of `sentence` reads as, with every ▁ a space (as argos decodes)."""
    processor = spm.SentencePieceProcessor(model_proto=model or dutch_sentencepiece())
    pieces = [ENGLISH_PIECES.get(p, p) for p in processor.encode(sentence, out_type=str)]
    return " ".join("".join(pieces).replace("▁", " ").split())
