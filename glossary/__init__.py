"""The glossary: an article's hard Dutch words ranked by frequency, with lemmas, compound parts, names apart and glosses.

`glossary.build(article, statuses, dictionary, include_known)` is the entry point (glossary.pipeline);
it is imported on first use so that `import glossary.model` stays light.
"""


def __getattr__(name: str):
    """Load `build` from glossary.pipeline when it is first asked for."""
    if name == "build":
        from glossary.pipeline import build

        return build
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
