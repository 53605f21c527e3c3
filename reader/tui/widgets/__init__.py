"""The reader's widgets, each with its own DEFAULT_CSS."""
